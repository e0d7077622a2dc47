"""The link state of every page: one typed schema to parse, validate, clamp and serialise.

A page declares what its link may carry, once, as a `Schema` of typed fields:

    LINK = linkstate.Schema(
        "dates",
        linkstate.Choice("task", ("date", "time"), key="date_task"),
        linkstate.Text("text", max_chars=settings.MAX_LINK_TEXT, key="date_text"),
        linkstate.Int("step", 1, low=1, high=99, key="date_step"),
    )

and uses it in three calls:

    linkstate.restore(LINK)        # before the widgets: link -> session state (see below)
    linkstate.show_notes(LINK, t)  # a translated note for each value the link got wrong
    ...widgets (key="date_task", ...)...
    linkstate.sync(LINK, {"task": task, "text": text, "step": step})  # -> URL, remembered

What the three do, with `state` = `st.session_state` and `query` = `st.query_params`:

- `restore`: on the page's first run in a session, every value the link carries is parsed;
  a usable one is written to `state[field.key]` (the widget key), so the widget opens on
  it. A bad value (superscript digits, 5,000 nines, NaN, inf, an unknown choice, huge text)
  never raises: the field keeps its default, and a note says so; a number out of range is
  clamped to the range and noted; a text over `max_chars` is cut and noted. On every later
  run, a widget value Streamlit dropped while the student was on another page (Streamlit
  forgets the state of widgets that were not drawn) is put back from the copy `sync` kept,
  if it is still valid. So a page's inputs survive leaving and coming back.
- `show_notes`: the notes of `restore`, as captions (shown until the student changes the
  view). Notes name the parameter and the default, never the raw value (it may be hostile).
- `sync`: the URL's keys that the schema owns are set to `values` (defaults left out to keep
  links short); the values are also kept in `state` under `kept_key(key)` for `restore`.

Other session keys a page wants to survive a page switch (a batch text, a chosen method)
go through `keep(*keys)` at the top of the page and `remember(*keys)` at its end: the same
kept copies, without a link.

The parsing is pure (no Streamlit): `Schema.parse(mapping)` returns `(values, notes)` and
`Schema.serialise(values)` the strings for a link, so both are unit-tested on their own.
Numbers accept ASCII digits only (`"²".isdigit()` is True but `int("²")` fails), at most
`MAX_NUMBER_CHARS` characters, and only finite values.
"""

import math
import re
from dataclasses import dataclass

# A number in a link: ASCII digits only (str.isdigit() also accepts "²" and "٣").
INT_PATTERN = re.compile(r"[+-]?[0-9]+", re.ASCII)
FLOAT_PATTERN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
# Longer "numbers" are not read (int() refuses more than 4,300 digits; no field needs 20).
MAX_NUMBER_CHARS = 40
# Session-state key prefix of the kept copies (see `kept_key`).
KEPT_PREFIX = "_kept."
# Every schema made so far, by page name (the property tests send bad values to each).
SCHEMAS = {}


class BadValue(ValueError):
    """A link value that cannot be used at all (the field keeps its default)."""


@dataclass(frozen=True)
class Note:
    """Why a link value was not taken as it was.

    Attributes:
        name: the query parameter.
        kind: "invalid" (default used), "clamped" (moved into the range) or "shortened".
        used: the value used instead, as the link would write it.
    """

    name: str
    kind: str
    used: str


class Field:
    """One query parameter: its name, default and the session key of its widget.

    Args:
        name: the query parameter ("step").
        default: the value when the link does not carry a usable one.
        key: the `st.session_state` key of the widget showing the value, or None
            when no widget holds it.
        always: write the value into links even when it is the default (for a
            default that may change, like the first of the model cards found).
    """

    def __init__(self, name, default=None, key=None, always=False):
        self.name = name
        self.default = default
        self.key = key
        self.always = always

    def parse(self, raw):
        """(value, note kind or None) from the link's string; raises `BadValue`."""
        raise NotImplementedError

    def valid(self, value):
        """Is `value` (from session state) one this field can hold?"""
        try:
            return self.parse(self.to_text(value))[1] is None
        except (BadValue, TypeError, ValueError):
            return False

    def to_text(self, value):
        return str(value)

    def serialise(self, value):
        """The link's string for `value`, or None for the default (left out of links)."""
        if value is None or value == "" or (value == self.default and not self.always):
            return None
        return self.to_text(value)


class Choice(Field):
    """One of a fixed set of strings (a method, a task, a language)."""

    def __init__(self, name, choices, default=None, key=None, always=False):
        choices = tuple(choices)
        default = choices[0] if default is None and choices else default
        super().__init__(name, default, key, always)
        self.choices = choices

    def parse(self, raw):
        if raw not in self.choices:
            raise BadValue(self.name)
        return raw, None


class Flag(Field):
    """On ("1") or off (absent, or "0")."""

    def __init__(self, name, key=None):
        super().__init__(name, False, key)

    def parse(self, raw):
        if raw not in ("0", "1"):
            raise BadValue(self.name)
        return raw == "1", None

    def to_text(self, value):
        return "1" if value else "0"

    def valid(self, value):
        return isinstance(value, bool)


def _clamp(value, low, high):
    """(value moved into [low, high], True if it moved)."""
    clamped = min(max(value, low), high)
    return clamped, clamped != value


class Int(Field):
    """A whole number in [low, high]; outside it is clamped (and noted)."""

    def __init__(self, name, default, low, high, key=None):
        super().__init__(name, default, key)
        self.low, self.high = low, high

    def parse(self, raw):
        raw = raw.strip()
        if len(raw) > MAX_NUMBER_CHARS * 200 or not INT_PATTERN.fullmatch(raw):
            raise BadValue(self.name)
        digits = raw.lstrip("+-").lstrip("0")
        if len(digits) > MAX_NUMBER_CHARS:  # 5,000 nines: a number far beyond the range
            number = self.low - 1 if raw.startswith("-") else self.high + 1
        else:
            number = int(raw)
        value, moved = _clamp(number, self.low, self.high)
        return value, "clamped" if moved else None

    def valid(self, value):
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        )


def parse_float(raw, name="value"):
    """A finite float from ASCII text ("1.5", "-2", "1e3"); raises `BadValue` otherwise."""
    raw = raw.strip()
    if len(raw) > MAX_NUMBER_CHARS or not FLOAT_PATTERN.fullmatch(raw):
        raise BadValue(name)
    number = float(raw)
    if not math.isfinite(number):  # "1e999" overflows to inf
        raise BadValue(name)
    return number


class Float(Field):
    """A finite number in [low, high], rounded to `decimals`; outside it is clamped."""

    def __init__(self, name, default, low, high, decimals=1, key=None):
        super().__init__(name, default, key)
        self.low, self.high, self.decimals = low, high, decimals

    def parse(self, raw):
        number = round(parse_float(raw, self.name), self.decimals)
        value, moved = _clamp(number, self.low, self.high)
        return float(value), "clamped" if moved else None

    def to_text(self, value):
        return f"{float(value):.{self.decimals}f}"

    def valid(self, value):
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and self.low <= value <= self.high
        )


class FloatList(Field):
    """Comma-separated finite numbers ("1.0,-0.5"), each clamped to [low, high].

    The value is a tuple of `min_len` to `max_len` floats; `keys` (optional) are the
    session keys of one widget per number (the first len(value) are set).
    """

    def __init__(self, name, low, high, min_len=1, max_len=8, decimals=1, keys=()):
        super().__init__(name, None, None)
        self.low, self.high, self.decimals = low, high, decimals
        self.min_len, self.max_len = min_len, max_len
        self.keys = tuple(keys)

    def parse(self, raw):
        parts = raw.split(",")
        if not self.min_len <= len(parts) <= self.max_len:
            raise BadValue(self.name)
        values, moved_any = [], False
        for part in parts:
            number = round(parse_float(part, self.name), self.decimals)
            value, moved = _clamp(number, self.low, self.high)
            values.append(float(value))
            moved_any |= moved
        return tuple(values), "clamped" if moved_any else None

    def to_text(self, value):
        return ",".join(f"{float(v):.{self.decimals}f}" for v in value)

    def valid(self, value):
        try:
            return self.min_len <= len(value) <= self.max_len and all(
                math.isfinite(v) and self.low <= v <= self.high for v in value
            )
        except TypeError:
            return False


class Text(Field):
    """Free text up to `max_chars` characters (longer is cut there, and noted).

    Text that is empty or only whitespace counts as absent. NUL characters are dropped.
    The text is stored as typed: it is escaped where it is shown (`attnviz.viz.render`).
    """

    def __init__(self, name, max_chars, default=None, key=None):
        super().__init__(name, default, key)
        self.max_chars = max_chars

    def parse(self, raw):
        text = raw.replace("\x00", "")
        if not text.strip():
            raise BadValue(self.name)
        if len(text) > self.max_chars:
            return text[: self.max_chars], "shortened"
        return text, None

    def valid(self, value):
        return isinstance(value, str) and len(value) <= self.max_chars

    def serialise(self, value):
        if not isinstance(value, str) or not value.strip() or value == self.default:
            return None
        return value[: self.max_chars].replace("\x00", "")


class Schema:
    """The fields a page keeps in its link, by query parameter.

    Args:
        page: a short name, unique per page ("dates"); it names the session keys
            this module uses for the page.
        *fields: the page's `Field`s.
    """

    def __init__(self, page, *fields):
        self.page = page
        self.fields = {field.name: field for field in fields}
        SCHEMAS[page] = self

    @property
    def names(self):
        return tuple(self.fields)

    def parse(self, query):
        """({name: value} of the usable values in `query`, [`Note`, ...]).

        `query` is a mapping of query parameters to strings (`st.query_params`);
        unknown parameters are ignored, absent ones are left out of the values.
        Never raises for any string.
        """
        values, notes = {}, []
        for name, field in self.fields.items():
            raw = query.get(name)
            if raw is None:
                continue
            try:
                value, kind = field.parse(str(raw))
            except BadValue:
                if str(raw).strip():  # an empty parameter is just absent
                    notes.append(Note(name, "invalid", field.serialise(field.default) or ""))
                continue
            values[name] = value
            if kind:
                notes.append(Note(name, kind, field.to_text(value)))
        return values, notes

    def serialise(self, values):
        """{name: string or None} for a link; None (defaults, empty text) removes the key."""
        return {
            name: field.serialise(values.get(name, field.default))
            for name, field in self.fields.items()
        }


# ----------------------------------------------------------------- Streamlit side


def _streamlit():
    import streamlit as st

    return st


def kept_key(key):
    """Where `sync`/`remember` keep a copy of `state[key]` while the page is not shown."""
    return KEPT_PREFIX + key


def _restored_key(schema):
    return f"_linkstate.{schema.page}.restored"


def _notes_key(schema):
    return f"_linkstate.{schema.page}.notes"


def _first_key(schema):
    return f"_linkstate.{schema.page}.first"


def restore(schema, state=None, query=None):
    """Before a page draws its widgets: the link (first run), or the kept values (later).

    Returns the `Note`s of this run (empty after the first run).
    """
    st = _streamlit() if state is None or query is None else None
    state = st.session_state if state is None else state
    query = st.query_params if query is None else query
    notes = []
    if not state.get(_restored_key(schema)):
        state[_restored_key(schema)] = True
        values, notes = schema.parse(query)
        for name, value in values.items():
            field = schema.fields[name]
            if field.key is not None:
                state[field.key] = value
            for key, number in zip(field.keys, value) if isinstance(field, FloatList) else ():
                state[key] = number
        state[_notes_key(schema)] = notes
    for field in schema.fields.values():
        if field.key is not None and field.key not in state:
            kept = state.get(kept_key(field.key))
            if kept is not None and field.valid(kept):
                state[field.key] = kept
        keep(*getattr(field, "keys", ()), state=state)
    return notes


def note_text(note, t):
    """The translated sentence for one `Note` (the parameter and the value used, escaped)."""
    from attnviz.viz.render import escape_markdown

    return t(
        f"link.{note.kind}",
        name=escape_markdown(note.name),
        used=escape_markdown(note.used) if note.used else t("link.default"),
    )


def show_notes(schema, t, state=None):
    """Captions for the values the link got wrong (kept until the view changes)."""
    st = _streamlit()
    state = st.session_state if state is None else state
    for note in state.get(_notes_key(schema), ()):
        st.caption(f":material/link_off: {note_text(note, t)}")


def sync(schema, values, state=None, query=None):
    """URL keys of `schema` <- `values`; the values are also kept for coming back.

    Returns {name: string or None}: what the link holds for this view (for "Copy link").
    """
    st = _streamlit() if state is None or query is None else None
    state = st.session_state if state is None else state
    query = st.query_params if query is None else query
    wanted = schema.serialise(values)
    current = {name: query.get(name) for name in schema.fields}
    for name, text in wanted.items():
        if text is None:
            if current[name] is not None:
                del query[name]
        elif current[name] != text:
            query[name] = text
    for name, field in schema.fields.items():
        if field.key is not None and name in values and values[name] is not None:
            state[kept_key(field.key)] = values[name]
        remember(*getattr(field, "keys", ()), state=state)
    # Notes stay while the view is the one the link opened; any change drops them.
    first = state.setdefault(_first_key(schema), wanted)
    if first != wanted:
        state[_notes_key(schema)] = []
    return wanted


def keep(*keys, state=None):
    """Put back `state[key]` from its kept copy where Streamlit dropped it (page left)."""
    state = _streamlit().session_state if state is None else state
    for key in keys:
        if key not in state and kept_key(key) in state:
            state[key] = state[kept_key(key)]


def remember(*keys, state=None):
    """Keep a copy of `state[key]` (for `keep` when the student comes back)."""
    state = _streamlit().session_state if state is None else state
    for key in keys:
        if key in state:
            state[kept_key(key)] = state[key]


def forget(*keys, state=None):
    """Drop `state[key]` and its kept copy (a reset that `keep` must not undo)."""
    state = _streamlit().session_state if state is None else state
    for key in keys:
        state.pop(key, None)
        state.pop(kept_key(key), None)
