"""One row of download buttons (CSV, JSON, lesson pack ...), the same on every page."""

from dataclasses import dataclass
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class Download:
    """One download button. `data` may be a callable: then it is built only when clicked."""

    label: str
    data: Any
    file_name: str
    mime: str
    key: str
    help: str | None = None
    icon: str = ":material/download:"


def download_row(downloads):
    """The `downloads` side by side, each as wide as its column (no rerun on click)."""
    for column, item in zip(st.columns(len(downloads)), downloads):
        column.download_button(
            item.label,
            data=item.data,
            file_name=item.file_name,
            mime=item.mime,
            key=item.key,
            help=item.help,
            icon=item.icon,
            on_click="ignore",
            width="stretch",
        )
