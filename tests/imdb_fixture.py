"""A tiny aclImdb-shaped folder written by the tests themselves (no IMDB text)."""

import random

POSITIVE = ["great", "wonderful", "loved", "brilliant", "moving", "fun"]
NEGATIVE = ["awful", "boring", "hated", "terrible", "dull", "mess"]
NEUTRAL = ["the", "movie", "film", "was", "a", "plot", "and", "actors"]


def write_tiny_imdb(root, per_class=24, seed=0):
    """root/aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt with made-up reviews."""
    rng = random.Random(seed)
    for split in ("train", "test"):
        for polarity, words in (("pos", POSITIVE), ("neg", NEGATIVE)):
            folder = root / "aclImdb" / split / polarity
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(per_class):
                length = rng.randint(4, 24)
                text = " ".join(rng.choice(words + NEUTRAL) for _ in range(length))
                rating = 9 if polarity == "pos" else 2
                (folder / f"{i}_{rating}.txt").write_text(text.capitalize() + ".<br />The end.")
    return root / "aclImdb"
