"""Sentiment page: type a review, see the label and which words the model attended to."""

import threading
import time

import streamlit as st

from attnviz import plots, render
from attnviz.export import (
    TableError,
    explanation_table,
    has_letters,
    read_csv_upload,
    sentiment_batch_table,
    split_lines,
    to_csv_bytes,
)
from attnviz.i18n import t
from attnviz.paths import ModelFileError

COLORSCALE = render.DEFAULT_COLORSCALE
MAX_BATCH_ROWS = 500
# Reviews up to this many words are compiled before the page first shows.
SHORT_REVIEW_TOKENS = 128
EXAMPLES = [
    "The plot was thin, but I loved every minute of it. The two leads are wonderful together!",
    "What a waste of two hours. The dialogue is clumsy, the jokes fall flat and the ending "
    "makes no sense at all.",
    "I expected a boring remake, yet this turned out to be one of the best films of the year.",
    "Beautiful photography cannot save a script this dull; I nearly fell asleep twice.",
    "Not great, not terrible. The music is superb, though, and the kids in the audience "
    "laughed a lot.",
    "Zorgblatt the Magnificent is a glorious catastrophe: overlong, overacted and "
    "utterly unwatchable.",
]


@st.cache_resource(show_spinner=t("app.loading", model="sentiment"))
def sentiment_model():
    """The shipped model, compiled for the lengths people type, so answers are fast.

    Reviews up to 128 words are compiled before the page shows; longer lengths are
    compiled in a background thread (a first long review may wait for it).
    """
    from attnviz import load_sentiment_model

    model = load_sentiment_model()
    short = tuple(n for n in model.length_buckets if n <= SHORT_REVIEW_TOKENS)
    model.warm_up(short)
    threading.Thread(
        target=model.warm_up,
        args=(tuple(n for n in model.length_buckets if n not in short),),
        name="attnviz-warm-up",
        daemon=True,
    ).start()
    warm = model.explain(EXAMPLES[0])
    plots.weights_bar(warm.tokens, warm.weights).to_json()
    plots.probability_bar(warm.probability).to_json()
    return model


def use_example():
    if st.session_state.get("review_example"):
        st.session_state["review_text"] = st.session_state["review_example"]


def verdict_html(label, probability):
    # Blue for positive, orange for negative: distinguishable with colour-blindness,
    # and the word itself carries the meaning.
    colors = {"positive": ("#dbeafe", "#1e3a8a"), "negative": ("#ffedd5", "#9a3412")}
    background, foreground = colors[label]
    name = render.escape(t(f"sentiment.label.{label}"))
    return (
        '<div style="line-height:1.3">'
        f'<div style="font-size:0.95rem;color:#4b5563">{render.escape(t("sentiment.label"))}</div>'
        f'<div class="attnviz-verdict" style="display:inline-block;font-size:2.2rem;'
        f"font-weight:700;padding:0.1rem 0.9rem;border-radius:0.6rem;background:{background};"
        f'color:{foreground}" title="{render.escape(t("sentiment.confidence", probability=probability))}">'
        f"{name}</div></div>"
    )


def show_explanation(model, text, started):
    """Label, gauge, highlighted text, legend, charts and download for one review."""
    try:
        explanation = model.explain(text)
    except ValueError:
        st.warning(t("sentiment.error.no_words"), icon=":material/warning:")
        return
    model_done = time.perf_counter()
    st.subheader(t("sentiment.result"))
    left, right = st.columns([1, 2], vertical_alignment="center")
    with left:
        st.html(verdict_html(explanation.label, explanation.probability))
    with right:
        gauge = plots.probability_bar(
            explanation.probability,
            labels={
                "title": t("sentiment.chart.probability.title"),
                "negative": t("sentiment.label.negative"),
                "positive": t("sentiment.label.positive"),
            },
            colorscale=COLORSCALE,
        )
        st.plotly_chart(
            gauge, key="sentiment_probability", theme=None, config={"displayModeBar": False}
        )

    st.html(
        render.highlight_text(
            text,
            explanation.spans,
            explanation.weights,
            oov=explanation.oov,
            truncated=explanation.truncated,
            colorscale=COLORSCALE,
            labels={
                "weight": t("sentiment.hover.weight"),
                "oov": t("sentiment.hover.oov"),
                "unread": t("sentiment.hover.unread"),
            },
        )
    )
    notes = [("oov", t("sentiment.legend.oov"))] if any(explanation.oov) else []
    if explanation.truncated:
        notes.append(("unread", t("sentiment.legend.unread")))
    st.html(
        render.legend(
            COLORSCALE, t("sentiment.legend.low"), t("sentiment.legend.high"), notes=notes
        )
    )
    if any(explanation.oov):
        st.caption(t("sentiment.note.oov", count=sum(explanation.oov)))
    if explanation.truncated:
        st.caption(t("sentiment.note.truncated", limit=model.max_tokens))

    hover = {
        "hover_word": t("sentiment.chart.hover.word"),
        "hover_position": t("sentiment.chart.hover.position"),
        "hover_weight": t("sentiment.chart.hover.weight"),
    }
    words = [text[start:end] for start, end in explanation.spans]
    bars, top = st.columns([3, 2], gap="medium")
    with bars:
        figure = plots.weights_bar(
            words,
            explanation.weights,
            labels={
                "title": t("sentiment.chart.weights.title"),
                "x": t("sentiment.chart.weights.x"),
                "y": t("sentiment.chart.weights.y"),
                **hover,
            },
            colorscale=COLORSCALE,
        )
        st.plotly_chart(figure, key="sentiment_weights", theme=None)
    with top:
        figure = plots.top_words_bar(
            words,
            explanation.weights,
            labels={
                "title": t("sentiment.chart.top.title"),
                "x": t("sentiment.chart.top.x"),
                **hover,
            },
            colorscale=COLORSCALE,
        )
        st.plotly_chart(figure, key="sentiment_top_words", theme=None)
    st.download_button(
        t("sentiment.download.tokens"),
        data=to_csv_bytes(explanation_table(explanation)),
        file_name="attnviz-review-weights.csv",
        mime="text/csv",
        key="review_download",
        on_click="ignore",
        icon=":material/download:",
    )
    finished = time.perf_counter()
    timing = {
        "total": 1000 * (finished - started),
        "model": 1000 * (model_done - started),
        "draw": 1000 * (finished - model_done),
    }
    st.session_state["sentiment_timing_ms"] = timing
    with st.expander(t("common.timing"), icon=":material/timer:"):
        st.markdown(t("common.timing.body", **timing))


@st.cache_data(max_entries=32, show_spinner=False)
def batch_table(_model, texts):
    return sentiment_batch_table(_model, list(texts))


def batch_texts():
    """The reviews to classify from the chosen source, or None (with a message shown)."""
    source = st.radio(
        t("sentiment.batch.source"),
        ["paste", "upload"],
        format_func=lambda s: t(f"sentiment.batch.source.{s}"),
        horizontal=True,
        key="batch_source",
    )
    if source == "paste":
        text = st.text_area(t("sentiment.batch.paste"), height=180, key="batch_text")
        st.button(t("common.batch.submit"), key="batch_submit", type="primary")
        texts = split_lines(text)
        if not texts:
            st.info(t("sentiment.batch.no_text"))
            return None
        return texts
    upload = st.file_uploader(t("sentiment.batch.upload"), type=["csv"], key="batch_file")
    if upload is None:
        st.info(t("sentiment.batch.no_file"))
        return None
    try:
        frame = read_csv_upload(upload.getvalue())
    except TableError as exc:
        st.error(str(exc))
        return None
    columns = list(frame.columns)
    preferred = [c for c in columns if c.strip().lower() in ("text", "review", "reviews")]
    column = st.selectbox(
        t("sentiment.batch.column"),
        columns,
        index=columns.index(preferred[0]) if preferred else 0,
        key="batch_column",
    )
    if column not in frame.columns:  # a stale choice from a previous file
        column = columns[0]
    texts = frame[column].astype(str).tolist()
    if not has_letters(texts):
        st.error(t("sentiment.batch.bad_column", column=render.escape_markdown(column)))
        return None
    return texts


def show_batch(model):
    st.caption(t("sentiment.batch.intro", cap=MAX_BATCH_ROWS))
    texts = batch_texts()
    if texts is None:
        return
    if len(texts) > MAX_BATCH_ROWS:
        st.warning(t("common.batch.rows_cap", cap=MAX_BATCH_ROWS, total=len(texts)))
        texts = texts[:MAX_BATCH_ROWS]
    with st.spinner(t("common.batch.running", count=len(texts))):
        table = batch_table(model, tuple(texts))
    labelled = table["label"] != ""
    if not labelled.any():
        st.error(t("sentiment.batch.unreadable_rows", count=len(table)))
        return
    if (~labelled).any():
        st.warning(t("sentiment.batch.unreadable_rows", count=int((~labelled).sum())))
    positive = int((table["label"] == "positive").sum())
    st.markdown(
        t(
            "sentiment.batch.summary",
            total=len(table),
            positive=positive,
            negative=int(labelled.sum()) - positive,
        )
    )
    shown = table.assign(label=[t(f"sentiment.label.{x}") if x else "" for x in table["label"]])
    st.dataframe(
        shown,
        key="batch_table",
        hide_index=True,
        column_config={
            "text": st.column_config.TextColumn(t("sentiment.batch.col.text"), width="large"),
            "label": st.column_config.TextColumn(t("sentiment.batch.col.label")),
            "probability": st.column_config.ProgressColumn(
                t("sentiment.batch.col.probability"), min_value=0.0, max_value=1.0, format="%.3f"
            ),
            "top_words": st.column_config.TextColumn(t("sentiment.batch.col.top")),
        },
    )
    st.download_button(
        t("sentiment.batch.download"),
        data=to_csv_bytes(table),
        file_name="attnviz-sentiment-batch.csv",
        mime="text/csv",
        key="batch_download",
        on_click="ignore",
        icon=":material/download:",
    )


started = time.perf_counter()
st.title(t("sentiment.title"))
st.markdown(t("sentiment.intro"))
try:
    model = sentiment_model()
except ModelFileError as exc:
    st.error(t("common.model_missing", error=exc), icon=":material/error:")
    st.stop()
load_seconds = time.perf_counter() - started
started += load_seconds  # time the page after the (one-off) model load

single, batch = st.tabs([t("common.tab.single"), t("common.tab.batch")])
with single:
    if "review_text" not in st.session_state:
        st.session_state["review_text"] = EXAMPLES[0]
    st.selectbox(
        t("common.example"),
        EXAMPLES,
        index=None,
        placeholder=t("common.example.placeholder"),
        key="review_example",
        on_change=use_example,
    )
    review = st.text_area(
        t("sentiment.input"),
        height=110,
        key="review_text",
        placeholder=t("sentiment.input.placeholder"),
    )
    st.button(t("common.submit"), key="review_submit", type="primary", icon=":material/bolt:")
    if review and review.strip():
        show_explanation(model, review, started)
    else:
        st.info(t("common.empty"))
    if load_seconds > 0.5:
        st.caption(t("common.timing.first", load=load_seconds))
with batch:
    show_batch(model)
