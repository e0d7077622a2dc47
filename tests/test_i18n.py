"""Every UI string exists in English and 简体中文, with the same format fields."""

import re

import pytest

from attnviz import i18n
from attnviz.i18n import STRINGS, fields_of, t, translator
from attnviz.models.paths import PROJECT_DIR

LANGUAGES = ("en", "zh")
# Keys built with f-strings in the app: t(f"prefix.{name}") for each of these names.
DYNAMIC_KEYS = {
    "sentiment.label.": ("positive", "negative"),
    "dates.task.": ("date", "time"),
    "dates.invalid.": ("date", "time"),
    "dates.input.": ("date", "time"),
    "dates.input.placeholder.": ("date", "time"),
    # every reason a date or time result can give (attnviz.models.dates.REASONS)
    "dates.reason.": (
        "not_a_date", "impossible_date", "out_of_range", "not_a_time", "impossible_time",
        "unsure",
    ),
    "settings.palette.": ("blues", "cividis", "viridis", "reds"),
    "a101.scoring.": ("additive", "dot", "scaled_dot"),
    "a101.step1.text.": ("additive", "dot", "scaled_dot"),
    "a101.step2.text.": ("sharp", "flat", "plain"),
    "cards.what.": ("sentiment", "dates", "times", "other"),
    "cards.data.": ("sentiment", "dates", "times", "other"),
    "cards.limitations.": ("sentiment", "dates", "times", "other"),
    "home.": (
        "attention101.title", "attention101.body", "attention101.link",
        "cards.title", "cards.body", "cards.link",
    ),
}  # fmt: skip


def app_sources():
    return [PROJECT_DIR / "app.py", *sorted((PROJECT_DIR / "app_pages").glob("*.py"))]


def test_both_languages_are_offered():
    assert set(LANGUAGES) <= set(STRINGS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_exists_in_each_language(language):
    """Fails when a key is missing (or extra) in either language."""
    others = set().union(*(STRINGS[code] for code in LANGUAGES))
    missing = sorted(others - set(STRINGS[language]))
    assert not missing, f"{language} lacks {missing}"


@pytest.mark.parametrize("key", sorted(STRINGS["en"]))
def test_format_fields_match_between_languages(key):
    for language in LANGUAGES:
        text = STRINGS[language][key]
        assert text.strip(), f"{language} {key} is empty"
        assert fields_of(text) == fields_of(STRINGS["en"][key]), (language, key)


def test_chinese_texts_are_translated():
    """Most Chinese strings hold CJK characters (a copy of the English would not)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    untranslated = [k for k, v in STRINGS["zh"].items() if not cjk.search(v)]
    # A few are names or symbols on purpose ("P(正面)" has CJK; "Attention 101" does not exist).
    assert len(untranslated) <= 3, untranslated


def test_every_key_the_app_uses_exists():
    used = set()
    for source in app_sources():
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', source.read_text()))
    for prefix, names in DYNAMIC_KEYS.items():
        used |= {prefix + name for name in names}
    missing = sorted(k for k in used if k not in STRINGS["en"] or k not in STRINGS["zh"])
    assert not missing


def test_translator_binds_the_language_and_falls_back():
    zh = translator("zh")
    assert zh("nav.home") == "首页" and zh.language == "zh"
    assert translator("xx")("nav.home") == "Home"
    assert translator("xx").language == "en"
    assert t("common.batch.running", "zh", count=3) == "正在处理 3 行…"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_a_missing_key_would_fail(monkeypatch):
    """The completeness check above really catches a missing key."""
    broken = {code: dict(table) for code, table in STRINGS.items()}
    del broken["zh"]["nav.home"]
    monkeypatch.setattr(i18n, "STRINGS", broken)
    assert set(broken["en"]) - set(broken["zh"]) == {"nav.home"}
    assert t("nav.home", "zh") == "Home"  # the app shows English rather than crash
