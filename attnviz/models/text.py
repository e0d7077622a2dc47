"""Text handling shared by training and serving: standardise, tokenise, keep spans.

A token is a run of letters or digits, optionally joined by apostrophes
("don't", "rock'n'roll" stay one token). HTML line breaks (``<br />``) are
treated as spaces. Each token remembers the characters it came from in the
original text, so the app can highlight the user's own words, case and
punctuation kept.
"""

import re
from collections import Counter
from dataclasses import dataclass

# `<br />` in any spelling is skipped; otherwise a word is letters/digits joined by
# apostrophes (straight or curly).
TOKEN_PATTERN = re.compile(r"<br\s*/?\s*>|([^\W_]+(?:['\u2019][^\W_]+)*)", re.IGNORECASE)

PAD = "<pad>"
OOV = "<oov>"
PAD_ID = 0
OOV_ID = 1


def standardize(token):
    """The vocabulary form of a token: case folded, curly apostrophe made straight."""
    return token.lower().replace("\u2019", "'")


@dataclass
class Tokens:
    """Tokens of one text, as the model reads them.

    Attributes:
        words: the vocabulary form of each token.
        spans: `(start, end)` of each token in the original text.
        truncated: True when the text has more tokens than were read.
    """

    words: list
    spans: list
    truncated: bool


def tokenize(text, limit=None):
    """Split `text` into tokens with their character spans.

    Args:
        text: the original text.
        limit: read at most this many tokens; the rest of the text is not scanned
            beyond the next token, so a 1 MB text costs no more than a short one.

    Returns:
        A `Tokens` with `truncated` True when a token exists beyond `limit`.
    """
    words, spans = [], []
    for match in TOKEN_PATTERN.finditer(text):
        if match.group(1) is None:
            continue
        if limit is not None and len(words) >= limit:
            return Tokens(words, spans, truncated=True)
        words.append(standardize(match.group(1)))
        spans.append(match.span(1))
    return Tokens(words, spans, truncated=False)


def iter_words(text):
    """The vocabulary form of every token in `text` (for building a vocabulary)."""
    for match in TOKEN_PATTERN.finditer(text):
        if match.group(1) is not None:
            yield standardize(match.group(1))


class Vocabulary:
    """Maps words to integer ids: 0 is padding, 1 is out-of-vocabulary.

    Args:
        words: the known words, most frequent first (ids 2, 3, ...).
    """

    def __init__(self, words):
        self.words = [PAD, OOV] + [w for w in words if w not in (PAD, OOV)]
        self.index = {w: i for i, w in enumerate(self.words)}

    def __len__(self):
        return len(self.words)

    def encode(self, words):
        """Ids of `words`; unknown words get `OOV_ID`."""
        return [self.index.get(w, OOV_ID) for w in words]

    @classmethod
    def build(cls, texts, size):
        """The `size - 2` most frequent words of `texts` (ties broken alphabetically)."""
        counts = Counter()
        for text in texts:
            counts.update(iter_words(text))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return cls([w for w, _ in ranked[: max(size - 2, 0)]])

    def save(self, path):
        """One word per line, ids 2.. in order (padding and OOV are implicit)."""
        path.write_text("\n".join(self.words[2:]) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path):
        return cls(path.read_text(encoding="utf-8").splitlines())
