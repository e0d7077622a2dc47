"""The link-state schema: every bad value falls back (noted), good values round-trip."""

import pytest

from app_pages.components import linkstate as ls

SCHEMA = ls.Schema(
    "demo",
    ls.Choice("method", ("attention", "occlusion"), key="method"),
    ls.Int("step", 1, 1, 10, key="step"),
    ls.Float("temperature", 1.0, 0.1, 5.0, key="temperature"),
    ls.FloatList("q", -2.0, 2.0, max_len=4, keys=["q0", "q1", "q2", "q3"]),
    ls.Text("text", 20, key="text"),
    ls.Flag("quiz", key="quiz"),
)
NINES = "9" * 5000


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("step", "\u00b2"),  # superscript two: str.isdigit() is True, int() fails
        ("step", "\u0663"),  # Arabic-Indic three
        ("step", "1.5"),
        ("step", "9" * 20_000),  # too long to be a number at all
        ("temperature", "nan"),
        ("temperature", "NaN"),
        ("temperature", "inf"),
        ("temperature", "-Infinity"),
        ("temperature", "1e999999"),
        ("temperature", "\uff11"),  # full-width one
        ("q", "nan,nan"),
        ("q", "1,2,3,4,5"),
        ("q", "1,,2"),
        ("method", "<script>"),
        ("method", "Attention"),
        ("quiz", "yes"),
    ],
)
def test_a_bad_value_keeps_the_default_with_a_note(name, raw):
    values, notes = SCHEMA.parse({name: raw})
    assert name not in values
    assert [(n.name, n.kind) for n in notes] == [(name, "invalid")]


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("step", NINES, 10),
        ("step", "-" + NINES, 1),
        ("step", "0", 1),
        ("temperature", "1e300", 5.0),
        ("temperature", "0.01", 0.1),
        ("q", "9,-9", (2.0, -2.0)),
    ],
)
def test_a_number_out_of_range_is_clamped_with_a_note(name, raw, value):
    values, notes = SCHEMA.parse({name: raw})
    assert values[name] == value
    assert [(n.name, n.kind) for n in notes] == [(name, "clamped")]


def test_good_values_parse_and_serialise_back():
    query = {
        "method": "occlusion",
        "step": "3",
        "temperature": "0.5",
        "q": "1.0,-0.5",
        "text": "A <b>bold</b> film",
        "quiz": "1",
    }
    values, notes = SCHEMA.parse(query)
    assert notes == []
    assert values == {
        "method": "occlusion",
        "step": 3,
        "temperature": 0.5,
        "q": (1.0, -0.5),
        "text": "A <b>bold</b> film",
        "quiz": True,
    }
    assert SCHEMA.serialise(values) == query


def test_defaults_and_empty_values_are_left_out_of_links():
    values = {"method": "attention", "step": 1, "temperature": 1.0, "text": "  ", "quiz": False}
    assert SCHEMA.serialise(values) == dict.fromkeys(SCHEMA.names)
    assert SCHEMA.parse({"text": "", "step": ""}) == ({}, [])  # empty means absent


def test_long_text_is_cut_with_a_note_and_nul_dropped():
    values, notes = SCHEMA.parse({"text": "x\x00" * 50})
    assert values["text"] == "x" * 20
    assert [(n.name, n.kind) for n in notes] == [("text", "shortened")]


def test_unknown_parameters_are_ignored():
    assert SCHEMA.parse({"evil": "[x](https://evil.example)"}) == ({}, [])


def test_restore_sets_widget_keys_once_then_brings_back_dropped_values():
    state, query = {}, {"step": "4", "q": "1.5,-1.5", "temperature": "nan"}
    notes = ls.restore(SCHEMA, state, query)
    assert state["step"] == 4 and state["q0"] == 1.5 and state["q1"] == -1.5
    assert "temperature" not in state
    assert [(n.name, n.kind) for n in notes] == [("temperature", "invalid")]
    ls.sync(SCHEMA, {"step": 4, "q": (1.5, -1.5), "temperature": 1.0}, state, query)
    assert query == {"step": "4", "q": "1.5,-1.5"}  # the bad value left the link
    # The student changes the step, leaves the page (Streamlit drops the widget's key) ...
    state["step"] = 7
    ls.sync(SCHEMA, {"step": 7, "q": (1.5, -1.5)}, state, query)
    del state["step"], state["q0"]
    query.clear()  # ... and comes back through the navigation (no query string)
    assert ls.restore(SCHEMA, state, query) == []
    assert state["step"] == 7 and state["q0"] == 1.5
    # A kept value that is no longer valid is not put back.
    del state["step"]
    state[ls.kept_key("step")] = 99
    ls.restore(SCHEMA, state, query)
    assert "step" not in state


def test_notes_stay_until_the_view_changes():
    state, query = {}, {"step": "\u00b2"}
    ls.restore(SCHEMA, state, query)
    ls.sync(SCHEMA, {"step": 1}, state, query)
    ls.sync(SCHEMA, {"step": 1}, state, query)
    assert state["_linkstate.demo.notes"]
    ls.sync(SCHEMA, {"step": 2}, state, query)
    assert state["_linkstate.demo.notes"] == []


def test_note_text_is_translated_and_escaped():
    from attnviz.i18n import translator

    note = ls.Note("step", "invalid", "")
    assert ls.note_text(note, translator("en")) == (
        "The link's “step” could not be read; showing the default instead."
    )
    assert "默认值" in ls.note_text(note, translator("zh"))
    clamped = ls.Note("q", "clamped", "2.0,-2.0")
    assert "2\\.0,\\-2\\.0" in ls.note_text(clamped, translator("en"))


def test_keep_remember_forget():
    state = {"batch_text": "a\nb"}
    ls.remember("batch_text", state=state)
    del state["batch_text"]
    ls.keep("batch_text", state=state)
    assert state["batch_text"] == "a\nb"
    ls.forget("batch_text", state=state)
    ls.keep("batch_text", state=state)
    assert "batch_text" not in state
