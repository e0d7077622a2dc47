"""Text handling shared by training and serving: standardise, tokenise, keep spans.

A token is a run of letters or digits (with their combining marks), optionally
joined by apostrophes ("don't", "rock'n'roll" stay one token). HTML line breaks
(``<br />``) are treated as spaces. Each token remembers the characters it came
from in the original text, so the app can highlight the user's own words, case and
punctuation kept.

Unicode: tokens are read from the text in NFC form, so a decomposed "nai\u0308ve"
(i + combining diaeresis) is the one token "naïve", as the precomposed spelling is.
Invisible format characters (Unicode category Cf: zero-width space and joiners, soft
hyphen, byte-order mark, bidirectional controls) are skipped, so "wonder\u200bful" is
the one token "wonderful". The spans still point into the user's original text (the
span of that token covers the zero-width space). ASCII text takes a fast path with
exactly the same result.
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# `<br />` in any spelling is skipped; otherwise a word is letters/digits joined by
# apostrophes (straight or curly).
TOKEN_PATTERN = re.compile(r"<br\s*/?\s*>|([^\W_]+(?:['\u2019][^\W_]+)*)", re.IGNORECASE)

# Stands in for a combining mark when finding word boundaries (a letter, so marks
# stay inside their word: Hindi vowel signs, leftover accents).
_MARK_STAND_IN = "a"
# Non-ASCII text is normalised in prefixes of this many characters, doubling, until
# `limit` tokens are found (so a long text costs no more than it needs).
_FIRST_PREFIX = 8192

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


def special_characters(text):
    """(format characters, combining marks) that occur in `text`, as two sets.

    Format characters are Unicode category Cf (zero-width space, joiners, soft hyphen,
    byte-order mark, bidi controls); marks are category M. Checked once per distinct
    character, so this is fast even for a long text.
    """
    distinct = {c for c in set(text) if not c.isascii()}
    formats = {c for c in distinct if unicodedata.category(c) == "Cf"}
    marks = {c for c in distinct if unicodedata.category(c)[0] == "M"}
    return formats, marks


def normalized(text):
    """`text` in NFC without format characters, and where each character came from.

    Returns:
        (normal, starts, ends): `normal[i]` comes from `text[starts[i]:ends[i]]` (a base
        character and its combining marks compose into one character).
    """
    formats, marks = special_characters(text)
    out, starts, ends = [], [], []

    def plain(a, b):
        """Copy `text[a:b]` (no format character or mark in it)."""
        piece = unicodedata.normalize("NFC", text[a:b])
        if len(piece) == b - a:
            out.append(piece)
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        else:  # a rare singleton or Hangul composition: one character at a time
            for i in range(a, b):
                char = unicodedata.normalize("NFC", text[i])
                out.append(char)
                starts.extend([i] * len(char))
                ends.extend([i + 1] * len(char))

    cursor = 0
    if formats | marks:
        special = re.compile("[" + "".join(map(re.escape, sorted(formats | marks))) + "]")
        for match in special.finditer(text):
            i = match.start()
            if i < cursor:  # a mark already taken into the cluster before it
                continue
            if text[i] in formats:
                plain(cursor, i)
                cursor = i + 1
                continue
            # A combining mark: composed with the character before it and the marks after.
            base = i - 1 if i > cursor else i
            plain(cursor, base)
            j = i + 1
            while j < len(text) and text[j] in marks:
                j += 1
            cluster = unicodedata.normalize("NFC", text[base:j])
            out.append(cluster)
            starts.extend([base] * len(cluster))
            ends.extend([j] * len(cluster))
            cursor = j
    plain(cursor, len(text))
    return "".join(out), starts, ends


def _matches(text):
    """(vocabulary form, (start, end) in `text`) of each token, in order."""
    if text.isascii() or (
        unicodedata.is_normalized("NFC", text) and not any(special_characters(text))
    ):  # nothing to change: read the text as it is
        for match in TOKEN_PATTERN.finditer(text):
            if match.group(1) is not None:
                yield standardize(match.group(1)), match.span(1)
        return
    normal, starts, ends = normalized(text)
    # Word boundaries with every combining mark counted as a letter.
    marks = special_characters(normal)[1]
    boundaries = normal.translate(dict.fromkeys(map(ord, marks), _MARK_STAND_IN))
    for match in TOKEN_PATTERN.finditer(boundaries):
        if match.group(1) is not None:
            a, b = match.span(1)
            yield standardize(normal[a:b]), (starts[a], ends[b - 1])


def tokenize(text, limit=None):
    """Split `text` into tokens with their character spans.

    Args:
        text: the original text.
        limit: read at most this many tokens; the rest of the text is not scanned
            far beyond the next token, so a 1 MB text costs little more than a short one.

    Returns:
        A `Tokens` with `truncated` True when a token exists beyond `limit`.
    """
    size = len(text) if limit is None or text.isascii() else min(_FIRST_PREFIX, len(text))
    while True:
        words, spans = [], []
        # A token that reaches the end of a prefix may go on after it: read further.
        for word, span in _matches(text[:size]):
            if limit is not None and len(words) >= limit:
                return Tokens(words, spans, truncated=True)
            words.append(word)
            spans.append(span)
        if size >= len(text):
            return Tokens(words, spans, truncated=False)
        size *= 2


def iter_words(text):
    """The vocabulary form of every token in `text` (for building a vocabulary)."""
    for word, _ in _matches(text):
        yield word


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
