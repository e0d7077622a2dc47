"""Shared test fixtures: which shipped models exist, the app under AppTest, screenshots.

`pytest --update-screenshots` writes the browser tests' screenshots to docs/screenshots/
(the README's pictures, taken at 1280x720); without it they go to a temporary folder,
so a test run leaves the tracked tree as it was.
"""

import os

import pytest

# AppTest runs app.py in the test process: no background preloading of every model there
# (tests load what they use, and point $ATTNVIZ_PRETRAINED at their own folders). A real
# server started by a test (tools/loadtest) preloads, as in production.
os.environ.setdefault("ATTNVIZ_PRELOAD", "0")

from attnviz.models.paths import PRETRAINED_DIR, PROJECT_DIR

APP_FILE = str(PROJECT_DIR / "app.py")
SHIPPED = {
    "sentiment": PRETRAINED_DIR / "sentiment-additive.keras",
    "dates": PRETRAINED_DIR / "dates.keras",
    "times": PRETRAINED_DIR / "times.keras",
}


def require_model(task):
    """Skip the calling test when the shipped model for `task` is absent."""
    path = SHIPPED[task]
    if not path.is_file():
        pytest.skip(f"pretrained/{path.name} is absent: run `python -m attnviz.train {task}`")


@pytest.fixture
def app():
    """A fresh AppTest of app.py (long timeout: the first run loads TensorFlow models)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(APP_FILE, default_timeout=180)


def pytest_addoption(parser):
    parser.addoption(
        "--update-screenshots",
        action="store_true",
        default=False,
        help="write the browser tests' screenshots to docs/screenshots/ (default: a temp folder)",
    )
