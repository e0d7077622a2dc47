"""Read the IMDB Large Movie Review Dataset (Maas et al., 2011), labeled part.

Accepts the project's `aclImdb_labeled.tar.gz`, the original `aclImdb_v1.tar.gz`
or an extracted folder; with no path the official archive is downloaded.
"""

import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

OFFICIAL_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
# .../{train,test}/{pos,neg}/<id>_<rating>.txt
REVIEW_PATH = re.compile(r"(?:^|/)(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")


@dataclass
class Split:
    """Reviews of one split, in a fixed order (sorted by path)."""

    texts: list
    labels: list  # 1 positive, 0 negative


def _collect(items):
    """items: (relative path, bytes-reader). Returns {"train": Split, "test": Split}."""
    found = {"train": [], "test": []}
    for name, read in items:
        match = REVIEW_PATH.search(name)
        if match:
            split, polarity = match.group(1), match.group(2)
            found[split].append((name, read().decode("utf-8"), int(polarity == "pos")))
    splits = {}
    for split, rows in found.items():
        rows.sort(key=lambda row: row[0])
        splits[split] = Split([r[1] for r in rows], [r[2] for r in rows])
    return splits


def load_imdb(path=None):
    """Train and test reviews from an archive or a folder (downloads when path is None).

    Raises:
        FileNotFoundError: the path does not exist.
        ValueError: no review files were found under it.
    """
    if path is None:
        import keras

        path = keras.utils.get_file(origin=OFFICIAL_URL, extract=False)
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"IMDB data not found at {path}")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if REVIEW_PATH.search(p.as_posix()))
        splits = _collect((p.relative_to(path).as_posix(), p.read_bytes) for p in files)
    else:
        with tarfile.open(path, "r:*") as archive:
            members = (m for m in archive if m.isfile() and REVIEW_PATH.search(m.name))
            splits = _collect((m.name, archive.extractfile(m).read) for m in members)
    if not splits["train"].texts or not splits["test"].texts:
        raise ValueError(
            f"no reviews found under {path}: expected */train/pos/*.txt, */test/neg/*.txt, ..."
        )
    return splits
