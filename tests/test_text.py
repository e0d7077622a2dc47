import pytest

from attnviz.models.text import OOV_ID, PAD_ID, Vocabulary, tokenize


def test_spans_slice_original_text_case_and_punctuation_kept():
    text = "The plot was thin, but I LOVED it!<br />Don't miss it."
    tokens = tokenize(text)
    assert tokens.words == [
        "the",
        "plot",
        "was",
        "thin",
        "but",
        "i",
        "loved",
        "it",
        "don't",
        "miss",
        "it",
    ]
    assert [text[a:b] for a, b in tokens.spans] == [
        "The",
        "plot",
        "was",
        "thin",
        "but",
        "I",
        "LOVED",
        "it",
        "Don't",
        "miss",
        "it",
    ]
    assert not tokens.truncated


def test_br_tags_are_spaces_not_tokens():
    assert tokenize("good<br/>bad<BR>ugly<br />end").words == ["good", "bad", "ugly", "end"]


def test_curly_apostrophe_folds_to_straight():
    tokens = tokenize("I don\u2019t know")
    assert tokens.words == ["i", "don't", "know"]
    assert tokens.spans[1] == (2, 7)


def test_limit_truncates_and_flags():
    tokens = tokenize("one two three four", limit=3)
    assert tokens.words == ["one", "two", "three"] and tokens.truncated
    assert not tokenize("one two three", limit=3).truncated


def test_long_text_is_not_scanned_past_limit():
    text = "word " * 200_000  # 1 MB
    tokens = tokenize(text, limit=5)
    assert len(tokens.words) == 5 and tokens.truncated


@pytest.mark.parametrize(
    "text, words",
    [
        ("\U0001f600\U0001f600 !!", []),
        (
            "caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u4f60\u597d",
            ["caf\u00e9", "\u05e9\u05dc\u05d5\u05dd", "\u4f60\u597d"],
        ),
        ("a\x00b \x07c", ["a", "b", "c"]),
        ("", []),
    ],
)
def test_odd_scripts_and_control_characters(text, words):
    assert tokenize(text).words == words


def test_vocabulary_build_encode_and_file_round_trip(tmp_path):
    vocab = Vocabulary.build(["b a a", "c a b"], size=4)
    assert vocab.words == ["<pad>", "<oov>", "a", "b"]  # c cut by size, ties alphabetical
    assert vocab.encode(["a", "b", "c"]) == [2, 3, OOV_ID]
    assert PAD_ID == 0
    vocab.save(tmp_path / "v.txt")
    assert Vocabulary.load(tmp_path / "v.txt").words == vocab.words


@pytest.mark.parametrize(
    ("text", "words", "shown"),
    [
        # i + U+0308 COMBINING DIAERESIS: one token, as the precomposed spelling.
        ("a nai\u0308ve plot", ["a", "na\u00efve", "plot"], ["a", "nai\u0308ve", "plot"]),
        # A zero-width space, joiner, soft hyphen or byte-order mark does not split a word.
        ("wonder\u200bful", ["wonderful"], ["wonder\u200bful"]),
        ("won\u200dder\u00adful", ["wonderful"], ["won\u200dder\u00adful"]),
        ("\ufeffgreat film", ["great", "film"], ["great", "film"]),
        # Bidi controls are not part of any word.
        ("good \u202eterrible film\u202c", ["good", "terrible", "film"], None),
        # Combining vowel signs stay inside their (Devanagari) word.
        (
            "\u0939\u093f\u0928\u094d\u0926\u0940 ok",
            ["\u0939\u093f\u0928\u094d\u0926\u0940", "ok"],
            None,
        ),
        # A singleton that NFC replaces (U+212B ANGSTROM SIGN -> U+00C5).
        ("\u212bngstr\u00f6m", ["\u00e5ngstr\u00f6m"], ["\u212bngstr\u00f6m"]),
    ],
)
def test_unicode_is_normalised_while_spans_point_into_the_original(text, words, shown):
    tokens = tokenize(text)
    assert tokens.words == words
    assert [text[a:b] for a, b in tokens.spans] == (shown or words)


def test_decomposed_and_precomposed_text_read_the_same():
    import unicodedata

    text = "Cr\u00e8me br\u00fbl\u00e9e, na\u00efve caf\u00e9 \u2014 d\u00e9j\u00e0 vu!"
    decomposed = unicodedata.normalize("NFD", text)
    assert len(decomposed) > len(text)
    assert tokenize(decomposed).words == tokenize(text).words
    assert len(tokenize(decomposed).spans) == len(tokenize(text).spans) == 6


def test_a_long_decomposed_text_is_read_only_up_to_the_limit():
    text = "tre\u0300s bon film " * 80_000  # 1.2 MB, a mark in every third word
    tokens = tokenize(text, limit=800)
    assert len(tokens.words) == 800 and tokens.truncated
    assert tokens.words[:3] == ["tr\u00e8s", "bon", "film"]
    assert tokens.spans[-1][1] < 20_000  # only the start of the text was read
