"""Every UI string exists in English and 简体中文, with the same format fields."""

import re

import pytest

from attnviz import i18n
from attnviz.i18n import STRINGS, fields_of, t, translator
from attnviz.models.cards import MEASURED_ONLY
from attnviz.models.paths import PROJECT_DIR

LANGUAGES = ("en", "zh")
# Keys built with f-strings in the app: t(f"prefix.{name}") for each of these names.
DYNAMIC_KEYS = {
    "sentiment.label.": ("positive", "negative"),
    "link.": ("invalid", "clamped", "shortened"),  # app_pages/components/linkstate.py
    "csv.delimiter.": ("semicolon", "tab"),
    "csv.": (  # attnviz.classroom.export.TableError keys
        "empty", "too_large", "not_utf8", "unreadable", "no_rows", "too_many_columns",
        "cell_too_long",
    ),
    "dates.task.": ("date", "time"),
    "dates.invalid.": ("date", "time"),
    "dates.input.": ("date", "time"),
    "dates.input.placeholder.": ("date", "time"),
    # every reason a date or time result can give (attnviz.models.dates.REASONS)
    "dates.reason.": (
        "not_a_date", "impossible_date", "out_of_range", "not_a_time", "impossible_time",
        "unsure",
    ),
    "dates.reason.short.": (
        "not_a_date", "impossible_date", "out_of_range", "not_a_time", "impossible_time",
        "unsure",
    ),
    "settings.palette.": ("blues", "cividis", "viridis", "reds"),
    "a101.scoring.": ("additive", "dot", "scaled_dot"),
    "a101.step1.text.": ("additive", "dot", "scaled_dot"),
    "a101.step2.text.": ("sharp", "flat", "plain"),
    "cards.": MEASURED_ONLY,  # app_pages/model_cards.py
    "cards.what.": ("sentiment", "dates", "times", "other"),
    "cards.data.": ("sentiment", "dates", "times", "other"),
    "cards.limitations.": ("sentiment", "dates", "times", "other"),
    "home.": (
        "attention101.title", "attention101.body", "attention101.link",
        "cards.title", "cards.body", "cards.link",
        "softhard.title", "softhard.body", "softhard.link",
    ),
}  # fmt: skip


def app_sources():
    return [PROJECT_DIR / "app.py", *sorted((PROJECT_DIR / "app_pages").rglob("*.py"))]


def test_both_languages_are_offered():
    assert set(LANGUAGES) <= set(STRINGS)


def catalog_problems(strings):
    """Every problem of the catalogs `strings` ({language: {key: text}}), one line each.

    A key missing from a language (or only in one), an empty text, or format fields
    that differ from the English text ({count} in one, {n} in the other).
    """
    problems = []
    keys = set().union(*(strings[code] for code in LANGUAGES))
    for language in LANGUAGES:
        table = strings[language]
        problems += [f"{language} lacks {key}" for key in sorted(keys - set(table))]
        for key in sorted(set(table) & set(strings["en"])):
            forms = table[key] if isinstance(table[key], tuple) else (table[key],)
            if not all(form.strip() for form in forms):
                problems.append(f"{language} {key} is empty")
            elif fields_of(table[key]) != fields_of(strings["en"][key]):
                problems.append(
                    f"{language} {key} has fields {sorted(fields_of(table[key]))}, "
                    f"English {sorted(fields_of(strings['en'][key]))}"
                )
    return problems


def test_every_key_exists_in_both_languages_with_the_same_fields():
    """One test naming every missing key, empty text and mismatched format field."""
    problems = catalog_problems(STRINGS)
    assert not problems, "\n".join(problems)


def test_the_catalog_check_names_what_is_wrong():
    """The check above fails for the right reasons: a missing key, a changed field."""
    broken = {code: dict(table) for code, table in STRINGS.items()}
    del broken["zh"]["nav.home"]
    del broken["en"]["a101.title"]
    broken["zh"]["common.batch.running"] = "正在处理 {n} 行…"
    broken["zh"]["common.empty"] = "  "
    assert catalog_problems(broken) == [
        "en lacks a101.title",
        "zh lacks nav.home",
        "zh common.batch.running has fields ['n'], English ['count']",
        "zh common.empty is empty",
    ]


def test_chinese_texts_are_translated():
    """Most Chinese strings hold CJK characters (a copy of the English would not)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    untranslated = [k for k, v in STRINGS["zh"].items() if not cjk.search("".join(v))]
    # A few are names or symbols on purpose ("P(正面)" has CJK; "Attention 101" does not exist).
    assert len(untranslated) <= 3, untranslated


def test_every_key_the_app_uses_exists():
    used = set()
    for source in app_sources():
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_.]+)"', source.read_text()))
    for prefix, names in DYNAMIC_KEYS.items():
        used |= {prefix + name for name in names}
    missing = sorted(k for k in used if k not in STRINGS["en"] or k not in STRINGS["zh"])
    assert not missing, missing


def test_translator_binds_the_language_and_falls_back():
    zh = translator("zh")
    assert zh("nav.home") == "首页" and zh.language == "zh"
    assert translator("xx")("nav.home") == "Home"
    assert translator("xx").language == "en"
    assert t("common.batch.running", "zh", count=3) == "正在处理 3 行…"
    with pytest.raises(KeyError):
        t("no.such.key")


def test_a_missing_translation_falls_back_to_english(monkeypatch):
    broken = {code: dict(table) for code, table in STRINGS.items()}
    del broken["zh"]["nav.home"]
    monkeypatch.setattr(i18n, "STRINGS", broken)
    assert t("nav.home", "zh") == "Home"  # the app shows English rather than crash


def test_plural_forms_follow_each_language():
    """English says "1 word" / "2 words"; Chinese has one form; `count` picks the form."""
    one = t("sentiment.note.oov", count=1)
    many = t("sentiment.note.oov", count=2)
    assert one.startswith("1 word with") and "1 words" not in one
    assert many.startswith("2 words with")
    assert t("sentiment.note.oov", "zh", count=1) == STRINGS["zh"]["sentiment.note.oov"][0].format(
        count=1
    )
    assert t("sentiment.batch.unreadable_rows", count=1).startswith("1 row has")
    assert t("sentiment.batch.unreadable_rows", count=0).startswith("0 rows have")
    with pytest.raises(KeyError, match="plural"):
        t("sentiment.note.oov")


def test_plural_entries_are_read_from_the_po_file(tmp_path):
    po = tmp_path / "xx" / "LC_MESSAGES" / "attnviz.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "k"\nmsgid_plural "k.plural"\nmsgstr[0] "{count} cat"\nmsgstr[1] "{count} cats"\n',
        encoding="utf-8",
    )
    table = i18n.read_catalog(po)
    assert table["k"].form(1) == "{count} cat" and table["k"].form(5) == "{count} cats"
