"""Where shipped models live, and the error raised when one cannot be read."""

import logging
import os
import threading
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
PRETRAINED_DIR = PROJECT_DIR / "pretrained"
LOGGER = logging.getLogger("attnviz")


def pretrained_dir():
    """Where models load from by default: `$ATTNVIZ_PRETRAINED` if set, else `pretrained/`."""
    return Path(os.environ.get("ATTNVIZ_PRETRAINED") or PRETRAINED_DIR)


IMDB_ARCHIVE_HINT = "../shared/data/aclImdb_labeled.tar.gz"

REBUILD_COMMANDS = {
    "sentiment": f"python -m attnviz.train sentiment --data {IMDB_ARCHIVE_HINT}",
    "dates": "python -m attnviz.train dates",
    "times": "python -m attnviz.train times",
    "dates-hard": "python -m attnviz.train dates --attention hard",
    "kreader": f"python -m attnviz.train kreader --data {IMDB_ARCHIVE_HINT}",
}


class ModelFileError(OSError):
    """A shipped model file is missing, truncated or unreadable.

    The message names the file and the command that rebuilds it; `variant` (a
    sentiment attention variant other than the default) is added to that command.
    """

    def __init__(self, path, problem, task, variant=None):
        self.path = Path(path)
        self.task = task
        self.command = REBUILD_COMMANDS.get(task, "python -m attnviz.train " + task)
        if variant is not None:
            self.command += f" --variant {variant}"
        super().__init__(
            f"{problem}: {self.path}. Rebuild it with `{self.command}` "
            "(run from the project folder)."
        )


_reported = set()
_reported_lock = threading.Lock()


def report_model_error(error):
    """Log a `ModelFileError` once per process (per file and problem); True if logged now.

    The app retries a failed load on every rerun (`st.cache_resource` does not cache
    exceptions), so a rebuilt file is picked up without a restart; this keeps the log to
    one line per broken file instead of one per page view.
    """
    key = (str(getattr(error, "path", "")), str(error))
    with _reported_lock:
        if key in _reported:
            return False
        _reported.add(key)
    LOGGER.error("%s", error)
    return True
