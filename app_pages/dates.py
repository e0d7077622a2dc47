"""Dates & times page: convert a messy date or time and show the alignment matrix."""

import math
from datetime import UTC, datetime
from functools import partial

import streamlit as st

from app_pages import runtime
from app_pages.components import errors, linkstate, page
from app_pages.components.exports import Download, download_row
from app_pages.components.join import join_toggle, show_join
from app_pages.components.timing import PageTimer
from app_pages.shared import chart
from attnviz.classroom import settings
from attnviz.classroom.export import (
    alignment_table,
    conversion_json,
    dates_batch_table,
    split_lines,
    to_csv_bytes,
    to_json_bytes,
)
from attnviz.classroom.lesson import build_lesson_pack
from attnviz.explain import measures
from attnviz.i18n import translator
from attnviz.models.paths import ModelFileError
from attnviz.viz import render
from attnviz.viz.alignment import alignment_heatmap, step_sharpness_figure

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
URL_PATH = "dates"
TASKS = ("date", "time")
# Longest date or time typed or linked (characters); the model reads fewer.
MAX_TEXT = 200
# What a link to this page may carry, with the widget each value opens.
LINK = linkstate.Schema(
    "dates",
    linkstate.Choice("task", TASKS, key="date_task"),
    linkstate.Text("text", MAX_TEXT, key="date_text"),
    linkstate.Int("step", 1, 1, 10, key="date_step"),  # YYYY-MM-DD has 10 characters
)
MAX_BATCH_LINES = 1000
# The sharpness view reports the share of the top this-many input characters.
TOP_K = 5
# Seconds between decoding steps while "Play" runs.
PLAY_INTERVAL = 0.9
# Height (px, before presenter scaling) of the alignment matrix beside the step view: a
# 20-character date's matrix (10 output rows) and the input row fit one 16:9 screen with it.
ALIGNMENT_HEIGHT = 440
# Font size of the output characters: a 10-character date fits the input column on one line.
OUTPUT_SIZE = "1.6rem"
EXAMPLES = {
    "date": [
        "Sat, the 4th of July '76",
        "the twenty sixth of april, 1912",
        "Wed, Oct 23rd, 2031",
        "29.4.2013",
        "07/29/1952",
        "13Aug2029",
        "2046/Nov/11",
        "二〇二一年三月四日 星期四",
        "1976年7月4日",
        "the fourth of July, nineteen seventy-six",
        "March 3rd, two thousand and twenty-one",
        "February 30, 2021",
        "12 December 1850",
        "banana",
    ],
    "time": [
        "quarter past seven in the evening",
        "twenty seven minutes to four",
        "7:25 in the evening",
        "Ten o'clock p.m.",
        "at midday",
        "six fifty-six am",
        "06 H 46",
        "下午三点一刻",
        "晚上八点半",
        "凌晨两点",
        "13:60",
        "lunch time",
    ],
}


def reason_text(reason, short=False):
    """A result's reason ("not a date", "out of range", ...) in the page's language: a
    few words (`short`, the warning's headline and the batch table) or a sentence."""
    if not reason:
        return ""
    return t(f"dates.reason.{'short.' if short else ''}{reason.replace(' ', '_')}")


@st.cache_resource(show_spinner=t("app.loading", model="dates & times"))
def converter(task):
    """The shipped date or time model, warmed up so the first conversion is fast.

    One cache entry per task: a broken time model does not take the date model down.
    """
    from attnviz.models.paths import report_model_error

    try:
        return runtime.MODELS.get(task)  # loaded and warmed up by the runtime's registry
    except ModelFileError as exc:
        report_model_error(exc)  # logged once; the page shows it on every run
        raise


def write_link(task, text, step):
    """Keep the URL in step with the view; returns what it holds."""
    return linkstate.sync(LINK, {"task": task, "text": text, "step": step})


def task_changed():
    """A new model: start from its first example and the first decoding step."""
    task = st.session_state.get("date_task") or TASKS[0]
    st.session_state["date_text"] = EXAMPLES[task][0]
    st.session_state["date_step"] = 1
    st.session_state["date_playing"] = False


def use_example():
    if st.session_state.get("date_example"):
        st.session_state["date_text"] = st.session_state["date_example"]
        st.session_state["date_step"] = 1


def toggle_play():
    playing = not st.session_state.get("date_playing", False)
    st.session_state["date_playing"] = playing
    if playing:
        st.session_state["date_step"] = 1
        st.session_state["date_play_started"] = True  # show step 1 before advancing


def alignment_figure(result, highlight_row=None, height=None):
    """The alignment matrix of `result` in the page's language and palette."""
    return alignment_heatmap(
        result.input_chars,
        result.output_chars,
        result.alignment,
        labels={
            "title": t("dates.chart.title"),
            "x": t("dates.chart.x"),
            "y": t("dates.chart.y"),
            "colorbar": t("dates.chart.colorbar"),
            "hover_input": t("dates.chart.hover.input"),
            "hover_output": t("dates.chart.hover.output"),
            "hover_weight": t("dates.chart.hover.weight"),
        },
        colorscale=COLORSCALE,
        highlight_row=highlight_row,
        height=height,
    )


def step_sharpness(result):
    """Entropy (bits) and top-`TOP_K` share of each output step's attention over the input."""
    entropies = measures.row_entropies_bits(result.alignment).tolist()
    shares = measures.row_top_shares(result.alignment, TOP_K).tolist()
    return entropies, shares


def sharpness_labels():
    return {
        "title": t("dates.sharpness.chart.title"),
        "y": t("dates.sharpness.chart.y"),
        "y2": t("dates.sharpness.chart.y2", k=TOP_K),
        "entropy": t("dates.sharpness.chart.entropy"),
        "top_share": t("dates.sharpness.chart.top_share", k=TOP_K),
        "maximum": t("dates.sharpness.chart.maximum"),
        "hover_output": t("dates.chart.hover.output"),
    }


def show_sharpness(result, task, entropies, shares, row):
    """One line comparing the mean entropy with its maximum, then entropy and top-k per step."""
    n = len(result.input_chars)
    maximum = math.log2(n)  # the entropy of weights spread evenly over n characters
    mean = sum(entropies) / len(entropies)
    st.markdown(
        t(
            "dates.sharpness.summary",
            steps=len(entropies),
            mean_bits=mean,
            n=n,
            max_bits=maximum,
            ratio=mean / maximum if maximum > 0 else 0.0,
        )
    )
    figure = step_sharpness_figure(
        result.output_chars,
        entropies,
        shares,
        n,
        labels=sharpness_labels(),
        colorscale=COLORSCALE,
        highlight_step=row,
    )
    chart(figure, "date_sharpness", f"attnviz-{task}-sharpness")


def play_button(total, playing):
    """Play / Stop: starts or stops stepping through the output (a whole-page rerun)."""
    if st.button(
        t("dates.step.stop" if playing else "dates.step.play"),
        key="date_play",
        icon=":material/stop:" if playing else ":material/play_arrow:",
        disabled=total <= 1,
    ):
        toggle_play()
        st.rerun(scope="app")  # the view's timer starts or stops with the page


def advance_play(total):
    """While Play runs, move to the next output step (stop after the last)."""
    step = st.session_state.get("date_step")
    if not isinstance(step, int) or not 1 <= step <= total:
        st.session_state["date_step"] = min(max(int(step or 1), 1), total)
    if st.session_state.get("date_playing"):
        if st.session_state.pop("date_play_started", False):
            pass  # the run right after "Play" shows step 1
        elif st.session_state["date_step"] < total:
            st.session_state["date_step"] += 1
        else:
            st.session_state["date_playing"] = False
            st.rerun(scope="app")


def show_steps(result, task):
    """The output in large type and, right under it, why it is not valid (on a projector's
    first screen with the output), then Play and the step slider, the attended input
    characters.

    Returns the 0-based output step shown.
    """
    total = len(result.output_chars)
    entropies, shares = step_sharpness(result)
    advance_play(total)
    playing = bool(st.session_state.get("date_playing")) and total > 1
    row = st.session_state["date_step"] - 1
    st.html(
        render.output_characters(
            result.output_chars,
            result.char_probabilities,
            current=row,
            label=t("dates.probability"),
            size=OUTPUT_SIZE,
            note_size="0.65rem",
        )
    )
    show_notes(result, task)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        play_button(total, playing)
        step = st.slider(t("dates.step.slider"), 1, total, key="date_step") if total > 1 else 1
    row = step - 1
    st.caption(
        t(
            "dates.step.caption",
            step=step,
            total=total,
            char=render.escape_markdown(render.visible_char(result.output_chars[row])),
        )
    )
    st.html(
        render.highlight_characters(
            result.input_chars,
            result.alignment[row],
            colorscale=COLORSCALE,
            label=t("dates.chart.hover.weight"),
        )
    )
    st.caption(
        t(
            "dates.sharpness.step",
            bits=entropies[row],
            n=len(result.input_chars),
            max_bits=math.log2(len(result.input_chars)),
            k=TOP_K,
            share=shares[row],
        )
    )
    return row


def task_picker():
    """Dates or times (a switch reruns the page with the other model)."""
    st.segmented_control(
        t("dates.task"),
        TASKS,
        required=True,
        format_func=lambda name: t(f"dates.task.{name}"),
        key="date_task",
        on_change=task_changed,
    )


def show_inputs(task):
    """Model, example, the text box, Convert and Join; returns (text, join switched on)."""
    task_picker()
    st.selectbox(
        t("common.example"),
        EXAMPLES[task],
        index=None,
        placeholder=t("common.example.placeholder"),
        key="date_example",
        on_change=use_example,
    )
    text = st.text_input(
        t(f"dates.input.{task}"),
        key="date_text",
        placeholder=t(f"dates.input.placeholder.{task}"),
        max_chars=MAX_TEXT,
    )
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(t("dates.convert"), key="date_submit", type="primary")
        join_on = join_toggle("date_join")
    return text, join_on


def show_notes(result, task):
    """Warnings and notes on the conversion (invalid output, unknown or cut input)."""
    if not result.valid:
        st.warning(
            t(f"dates.invalid.{task}", reason=reason_text(result.reason, short=True)),
            icon=":material/warning:",
        )
        st.caption(
            t(
                "dates.invalid.alignment",
                reason=reason_text(result.reason),
                confidence=result.confidence,
            )
        )
    if result.unknown_chars:
        shown = " ".join(render.visible_char(c) for c in result.unknown_chars)
        st.caption(t("dates.note.unknown", chars=render.escape_markdown(shown)))
    if result.truncated:
        st.caption(t("dates.note.truncated", count=len(result.input_chars)))


def converted(model, task, text):
    """`model.convert(text)`, kept for this session: a decoding step or a Play frame
    redraws the same conversion, so only a new text (or model) runs the model again."""
    kept = st.session_state.get("date_converted")
    if kept is not None and kept[0] == (task, text) and kept[1] is model:
        return kept[2]
    result = model.convert(text)
    st.session_state["date_converted"] = ((task, text), model, result)
    return result


def single_view(task, playing):
    """The inputs and the step view on the left, the whole alignment matrix on the right.

    One fragment: moving the slider, typing or playing redraws only this view, and
    while Play runs it reruns every `PLAY_INTERVAL` seconds (the model takes
    milliseconds). The matrix sits beside the controls, so all of it stays on a
    16:9 screen while Play runs.
    """

    @st.fragment(run_every=PLAY_INTERVAL if playing else None)
    @errors.friendly
    def view():
        if st.session_state.get("date_task", task) != task:
            st.rerun(scope="app")  # a new model: the batch tab follows it too
        timer = PageTimer()
        controls, matrix_column = page.input_and_result()
        with controls:
            text, join_on = show_inputs(task)
        wanted = write_link(task, text, st.session_state.get("date_step"))
        if join_on:
            with matrix_column:
                show_join(wanted, LINK.names, URL_PATH)
        if not (text and text.strip()):
            with controls:
                st.info(t("common.empty"))
            return
        try:
            result = converted(model, task, text)
        except ValueError:
            with controls:
                st.warning(t("common.empty"), icon=":material/warning:")
            return
        timer.model_done()
        if not (result.output_chars and result.input_chars):
            with controls:
                show_notes(result, task)
            return
        with controls:
            row = show_steps(result, task)
        with matrix_column:
            figure = alignment_figure(result, highlight_row=row, height=ALIGNMENT_HEIGHT)
            chart(figure, "date_alignment", f"attnviz-{task}-alignment")
        entropies, shares = step_sharpness(result)
        show_sharpness(result, task, entropies, shares, row)
        st.caption(t("dates.output.help"))
        write_link(task, text, row + 1)
        if not PRESENTER:
            show_exports(result, task)
        timer.finish("dates_timing_ms", t)

    view()


def lesson_pack(result, task):
    figure = alignment_figure(result)
    inputs = {
        "page": URL_PATH,
        "task": task,
        "text": result.input,
        "model": "dates" if task == "date" else "times",
        "step": st.session_state.get("date_step", 1),
        "language": t.language,
    }
    return build_lesson_pack(
        t("lesson.dates.title"),
        t("lesson.dates.description", text=result.input, output=result.output),
        inputs,
        {
            "alignment.csv": to_csv_bytes(alignment_table(result)),
            "result.json": to_json_bytes(conversion_json(result, task)),
            "figure_alignment.json": figure.to_json(),
        },
        {
            "inputs.json": t("lesson.file.inputs"),
            "alignment.csv": t("lesson.file.alignment_csv"),
            "result.json": t("lesson.file.result_json"),
            "figure_alignment.json": t("lesson.file.figure"),
        },
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def show_exports(result, task):
    download_row(
        [
            Download(
                t("dates.download.csv"),
                lambda: to_csv_bytes(alignment_table(result)),  # built only when clicked
                f"attnviz-{task}-alignment.csv",
                "text/csv",
                "date_download",
            ),
            Download(
                t("common.download.json"),
                lambda: to_json_bytes(conversion_json(result, task)),  # built only when clicked
                f"attnviz-{task}.json",
                "application/json",
                "date_download_json",
            ),
            Download(
                t("common.download.lesson"),
                partial(lesson_pack, result, task),  # built only when clicked
                f"attnviz-{task}-lesson.zip",
                "application/zip",
                "date_lesson_pack",
                help=t("common.download.lesson.help"),
                icon=":material/folder_zip:",
            ),
        ]
    )


@st.cache_data(max_entries=16, show_spinner=False)
def batch_table(_model, task, lines):
    return dates_batch_table(_model, list(lines))


def show_batch(model, task):
    st.caption(t("dates.batch.intro", cap=MAX_BATCH_LINES))
    text = st.text_area(
        t("dates.batch.input"),
        height=180,
        key="date_batch_text",
        placeholder="\n".join(EXAMPLES[task][:3]),
    )
    st.button(t("common.batch.submit"), key="date_batch_submit", type="primary")
    lines = split_lines(text)
    if not lines:
        st.info(t("dates.batch.no_text"))
        return
    if len(lines) > MAX_BATCH_LINES:
        st.warning(t("common.batch.rows_cap", cap=MAX_BATCH_LINES, total=len(lines)))
        lines = lines[:MAX_BATCH_LINES]
    table = batch_table(model, task, tuple(lines)).copy()
    table["reason"] = [reason_text(r, short=True) for r in table["reason"]]
    valid = int(table["valid"].sum())
    st.markdown(t("dates.batch.summary", total=len(table), valid=valid, invalid=len(table) - valid))
    st.dataframe(
        table,
        key="date_batch_table",
        hide_index=True,
        column_config={
            "input": st.column_config.TextColumn(t("dates.batch.col.input"), width="large"),
            "output": st.column_config.TextColumn(t("dates.batch.col.output")),
            "valid": st.column_config.CheckboxColumn(t("dates.batch.col.valid")),
            "reason": st.column_config.TextColumn(t("dates.batch.col.reason")),
            "confidence": st.column_config.NumberColumn(
                t("dates.batch.col.confidence"), format="%.3f"
            ),
        },
    )
    st.download_button(
        t("dates.batch.download"),
        data=to_csv_bytes(table),
        file_name=f"attnviz-{task}-batch.csv",
        mime="text/csv",
        key="date_batch_download",
        on_click="ignore",
        icon=":material/download:",
    )


page.header(t, "dates.title", "dates.intro")
linkstate.restore(LINK)
linkstate.show_notes(LINK, t)
if st.session_state.get("date_task") not in TASKS:
    st.session_state["date_task"] = TASKS[0]
task = st.session_state["date_task"]
loading = PageTimer()
try:
    model = converter(task)
except ModelFileError as exc:
    task_picker()  # the other model may work: keep the way to it
    st.error(t("common.model_missing", error=exc), icon=":material/error:")
    st.stop()
loading.model_loaded()

if PRESENTER:
    single, batch = st.container(), None
else:
    single, batch = st.tabs([t("common.tab.single"), t("common.tab.batch")])
with single:
    if "date_text" not in st.session_state:
        st.session_state["date_text"] = EXAMPLES[task][0]
    single_view(task, bool(st.session_state.get("date_playing")))
    loading.first_visit_note(t)
if batch is not None:
    with batch:
        show_batch(model, task)
