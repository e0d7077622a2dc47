"""Where shipped models live, and the error raised when one cannot be read."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRETRAINED_DIR = PROJECT_DIR / "pretrained"


def pretrained_dir():
    """Where models load from by default: `$ATTNVIZ_PRETRAINED` if set, else `pretrained/`."""
    return Path(os.environ.get("ATTNVIZ_PRETRAINED") or PRETRAINED_DIR)


IMDB_ARCHIVE_HINT = "../shared/data/aclImdb_labeled.tar.gz"

REBUILD_COMMANDS = {
    "sentiment": f"python -m attnviz.train sentiment --data {IMDB_ARCHIVE_HINT}",
    "dates": "python -m attnviz.train dates",
    "times": "python -m attnviz.train times",
}


class ModelFileError(OSError):
    """A shipped model file is missing, truncated or unreadable.

    The message names the file and the command that rebuilds it.
    """

    def __init__(self, path, problem, task):
        self.path = Path(path)
        self.task = task
        self.command = REBUILD_COMMANDS.get(task, "python -m attnviz.train " + task)
        super().__init__(
            f"{problem}: {self.path}. Rebuild it with `{self.command}` "
            "(run from the project folder)."
        )
