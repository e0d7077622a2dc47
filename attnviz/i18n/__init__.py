"""Every string the app shows, by language: `t("sentiment.title")`.

The texts live in gettext catalogs, one per language:
`attnviz/i18n/locale/<language>/LC_MESSAGES/attnviz.po`. A message id is a key
("sentiment.title"); its `msgstr` is the text, which may hold `str.format`
fields filled from `t`'s keyword arguments. The English catalog holds every key;
a key missing from another catalog falls back to English.

Adding a language is adding one `.po` file (copy `en`, translate each `msgstr`,
set `language.name`). Catalogs are read (compiled in memory) with Babel when this
module is imported; `STRINGS` maps a language code to {key: text}.

A text that depends on a number has plural forms (`msgid_plural`, `msgstr[0]`,
`msgstr[1]` ...; the msgid_plural is the key with ".plural"): `t` picks the form
by the catalog's `Plural-Forms` rule applied to the `count` field, so English
says "1 word" and "2 words" and Chinese, with one form, always the same text.

Extract the keys the code uses with
`pybabel extract -F attnviz/i18n/babel.cfg -k t -o /tmp/attnviz.pot .`
and merge them into the catalogs with
`pybabel update -i /tmp/attnviz.pot -d attnviz/i18n/locale -D attnviz`.
"""

from pathlib import Path

DEFAULT_LANGUAGE = "en"
DOMAIN = "attnviz"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalog_files(locale_dir=LOCALE_DIR):
    """{language code: .po file} for every catalog under `locale_dir`."""
    return {
        path.parent.parent.name: path
        for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    }


def read_catalog(path):
    """{key: text} from one `.po` file (untranslated and fuzzy entries left out).

    A message with plural forms maps to a `PluralText` (a tuple of its forms that
    also knows the catalog's rule for choosing one).
    """
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        catalog = read_po(handle, ignore_obsolete=True)
    choose = plural_rule(catalog.plural_expr)
    table = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            forms = tuple(message.string)
            if all(forms):
                table[message.id[0]] = PluralText(forms, choose)
        else:
            table[message.id] = message.string
    return table


def plural_rule(expression):
    """The index of the plural form for a count `n`, from a `Plural-Forms` C expression."""
    import gettext

    return gettext.c2py(expression or "(n != 1)")


class PluralText(tuple):
    """A text's plural forms (a tuple), with the rule `rule(n)` that picks one for a count."""

    def __new__(cls, forms, rule):
        text = super().__new__(cls, forms)
        text.rule = rule
        return text

    def form(self, count):
        index = self.rule(abs(int(count)))
        return self[min(index, len(self) - 1)]


def read_catalogs(locale_dir=LOCALE_DIR):
    """{language code: {key: text}} for every catalog under `locale_dir`."""
    return {code: read_catalog(path) for code, path in catalog_files(locale_dir).items()}


STRINGS = read_catalogs()


def language_names():
    """{language code: the language's name in itself}, English first."""
    codes = sorted(STRINGS, key=lambda code: (code != DEFAULT_LANGUAGE, code))
    return {code: t("language.name", code) for code in codes}


def translator(language=DEFAULT_LANGUAGE):
    """A `t(key, **fields)` function bound to `language` (for a page to use throughout)."""

    def bound(key, **fields):
        return t(key, language, **fields)

    bound.language = language if language in STRINGS else DEFAULT_LANGUAGE
    return bound


def fields_of(text):
    """The names of the `str.format` fields in `text` ({count}, {probability:.3f} -> count, ...).

    For a text with plural forms, the fields of all its forms.
    """
    import string

    if isinstance(text, tuple):
        return set().union(*(fields_of(form) for form in text))
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key, language=DEFAULT_LANGUAGE, **fields):
    """The text for `key` in `language` (English if missing), with `fields` filled in.

    Raises:
        KeyError: `key` is not an English key (a typo in the caller).
    """
    table = STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])
    text = table.get(key)
    if text is None:
        text = STRINGS[DEFAULT_LANGUAGE][key]
    if isinstance(text, PluralText):
        if "count" not in fields:
            raise KeyError(f"{key} has plural forms: pass count=")
        text = text.form(fields["count"])
    return text.format(**fields) if fields else text
