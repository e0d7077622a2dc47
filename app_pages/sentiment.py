"""Sentiment page: type a review, see the label and which words the model attended to.

A method selector swaps the per-word scores: attention (where the model looked), or
gradient x input, integrated gradients and occlusion (which way each word pushed the
verdict, on a diverging scale), or all four compared. Below, one word can be deleted
and the model run again, old and new attention side by side.
`show_explanation` computes; `show_verdict`, `show_highlight`, `show_weight_charts`,
`show_comparison`, `show_removal` and `show_exports` draw.
"""

import hashlib
from datetime import UTC, datetime
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.components import linkstate, page
from app_pages.components.exports import Download, download_row
from app_pages.components.highlight import (
    SIGNED_COLORSCALE,
    TOP_K,
    highlight_html,
    legend_html,
    show_highlight,
)
from app_pages.components.join import join_toggle, show_join
from app_pages.components.review import review_box, verdict_html
from app_pages.components.timing import PageTimer
from app_pages.shared import MAX_REVIEW_CHARS, chart, note_length_limit, sentiment_variant
from attnviz.classroom import settings
from attnviz.classroom.export import (
    TableError,
    explanation_json,
    explanation_table,
    has_letters,
    read_csv_upload,
    sentiment_batch_table,
    split_lines,
    to_csv_bytes,
    to_json_bytes,
)
from attnviz.classroom.lesson import build_lesson_pack
from attnviz.explain import measures, saliency
from attnviz.i18n import translator
from attnviz.models.paths import ModelFileError
from attnviz.models.sentiment import DEFAULT_VARIANT
from attnviz.viz import render
from attnviz.viz.text import probability_bar, top_words_bar, weights_bar

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
MAX_BATCH_ROWS = 500
URL_PATH = "sentiment"
# The method selector's choices: the four methods, then all four side by side.
METHOD_CHOICES = (*saliency.METHODS, "compare")
DEFAULT_METHOD = "attention"
# What a link to this page may carry, with the widget each value opens.
LINK = linkstate.Schema(
    "sentiment",
    linkstate.Text("text", settings.MAX_LINK_TEXT, key="review_text"),
    linkstate.Flag("quiz", key="quiz"),
    linkstate.Choice("method", METHOD_CHOICES, DEFAULT_METHOD, key="method"),
)
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

    The same object the mechanisms page shows (`shared.sentiment_variant`). The runtime's
    background preloader compiles longer reviews and the attribution methods once every
    model is loaded (app_pages/runtime.py); a first long review before then compiles its
    length on the spot.
    """
    return sentiment_variant(DEFAULT_VARIANT)


def write_link(review, quiz, method):
    """Keep the URL in step with the view (the review is cut at `MAX_LINK_TEXT` characters)."""
    return linkstate.sync(LINK, {"text": review, "quiz": bool(quiz), "method": method})


def weight_labels(method=DEFAULT_METHOD):
    hover = {
        "hover_word": t("sentiment.chart.hover.word"),
        "hover_position": t("sentiment.chart.hover.position"),
        "hover_weight": t("sentiment.chart.hover.weight"),
    }
    if method == "attention":
        weights = {
            "title": t("sentiment.chart.weights.title"),
            "x": t("sentiment.chart.weights.x"),
            "y": t("sentiment.chart.weights.y"),
            **hover,
        }
        top = {"title": t("sentiment.chart.top.title"), "x": t("sentiment.chart.top.x"), **hover}
        return weights, top
    hover["hover_weight"] = t("sentiment.hover.score")
    weights = {
        "title": t("sentiment.chart.scores.title", method=t(f"sentiment.method.{method}")),
        "x": t("sentiment.chart.weights.x"),
        "y": t("sentiment.chart.scores.y"),
        **hover,
    }
    top = {
        "title": t("sentiment.chart.scores.top.title"),
        "x": t("sentiment.chart.scores.top.x"),
        **hover,
    }
    return weights, top


def show_verdict(explanation):
    left, right = st.columns([1, 2], vertical_alignment="center")
    with left:
        st.html(verdict_html(t, explanation.label, explanation.probability))
    with right:
        gauge = probability_bar(
            explanation.probability,
            labels={
                "title": t("sentiment.chart.probability.title"),
                "negative": t("sentiment.label.negative"),
                "positive": t("sentiment.label.positive"),
            },
            colorscale=COLORSCALE,
        )
        chart(gauge, "sentiment_probability", "attnviz-probability", toolbar=False)


def weight_figures(words, weights, method=DEFAULT_METHOD):
    weights_labels, top_labels = weight_labels(method)
    signed = method != "attention"
    scale = SIGNED_COLORSCALE if signed else COLORSCALE
    return (
        weights_bar(words, weights, labels=weights_labels, colorscale=scale, signed=signed),
        top_words_bar(words, weights, labels=top_labels, colorscale=scale, signed=signed),
    )


def pick_clicked_word():
    """A click on a bar of the word chart picks that word for removal."""
    points = st.session_state["sentiment_weights"].selection.points
    if points:
        st.session_state["remove_word"] = int(points[0]["point_index"])


def show_weight_charts(figures):
    bars, top = st.columns([3, 2], gap="medium")
    with bars:
        chart(
            figures[0], "sentiment_weights", "attnviz-review-weights", on_select=pick_clicked_word
        )
    with top:
        chart(figures[1], "sentiment_top_words", "attnviz-review-top-words")


@st.cache_data(max_entries=32, show_spinner=False)
def attributions(_model, text):
    """All four methods' scores for one review (about 0.1-1 s, so cached per text)."""
    return _model.attributions(text)


def show_about(methods, steps=saliency.IG_STEPS):
    """What each method computes and where it comes from, folded away."""
    title = t("sentiment.method.about" if len(methods) == 1 else "sentiment.method.about.all")
    with st.expander(title, icon=":material/menu_book:"):
        for method in methods:
            if len(methods) > 1:
                st.markdown(f"**{t(f'sentiment.method.{method}')}**")
            st.markdown(t(f"sentiment.about.{method}", steps=steps))
            st.caption(t("sentiment.method.paper", paper=saliency.METHOD_PAPERS[method]))


SHARPNESS_TOP = 5  # the caption's "top 5 words"; a review this short gets the top word's share


def show_sharpness(weights):
    """Entropy and top-5 share of the attention weights of one review (of the top word
    for a review of 2-5 words, whose top 5 would always take 100 %)."""
    few = 1 < len(weights) <= SHARPNESS_TOP
    st.caption(
        t(
            "sentiment.sharpness.few" if few else "sentiment.sharpness",
            entropy=measures.entropy_bits(weights),
            maximum=float(np.log2(max(len(weights), 1))),
            count=len(weights),
            top=measures.top_share(weights, 1 if few else SHARPNESS_TOP),
        )
    )


def show_ig_gap(result):
    st.caption(
        t(
            "sentiment.ig.gap",
            steps=result.ig_steps,
            baseline=result.baseline_probability,
            total=float(result.scores["integrated_gradients"].sum()),
            change=result.probability - result.baseline_probability,
            gap=result.ig_relative_gap,
        )
    )


def overlap_text(row, count):
    """ "4/5": how many of attention's top 5 words (of `count`) the method also ranks top."""
    k = min(5, count)
    return f"{round(row['top_k_overlap'] * k)}/{k}"


def strongest_words(words, scores, k=5):
    order = np.argsort(-np.abs(np.asarray(scores, dtype=np.float64)), kind="stable")[:k]
    return ", ".join(words[i] for i in order)


def show_comparison(text, explanation, result, words):
    """All four methods as rows of highlighted words, and how far each agrees with attention."""
    st.caption(t("sentiment.compare.intro"))
    agreement = {row["method"]: row for row in saliency.agreement(result)}
    for method in saliency.METHODS:
        signed = method != "attention"
        heading = f"**{t(f'sentiment.method.{method}')}**"
        if signed:
            row = agreement[method]
            heading += "  \n" + t(
                "sentiment.compare.row",
                spearman=row["spearman"],
                overlap=overlap_text(row, len(words)),
            )
        st.markdown(heading)
        st.html(highlight_html(t, explanation, result.scores[method], signed))
    st.html(legend_html(t, False) + legend_html(t, True, top_k=TOP_K))
    st.caption(t("sentiment.scale.note"))
    show_sharpness(explanation.weights)
    show_ig_gap(result)
    st.markdown(f"**{t('sentiment.compare.agreement')}**")
    table = pd.DataFrame(
        {
            t("sentiment.compare.col.method"): [
                t(f"sentiment.method.{m}") for m in saliency.METHODS[1:]
            ],
            t("sentiment.compare.col.spearman"): [
                round(agreement[m]["spearman"], 3) for m in saliency.METHODS[1:]
            ],
            t("sentiment.compare.col.overlap"): [
                overlap_text(agreement[m], len(words)) for m in saliency.METHODS[1:]
            ],
            t("sentiment.compare.col.top"): [
                strongest_words(words, result.scores[m]) for m in saliency.METHODS[1:]
            ],
        }
    )
    st.dataframe(table, hide_index=True, key="sentiment_agreement")
    st.caption(t("sentiment.compare.note"))
    show_about(saliency.METHODS, result.ig_steps)


def keep_shortened(shorter):
    st.session_state["review_text"] = shorter
    st.session_state["remove_word"] = None


def show_removal(model, text, explanation, words):
    """Delete one word, run the model again, show old and new attention side by side."""
    st.subheader(t("sentiment.remove.title"))
    st.caption(t("sentiment.remove.help"))
    if st.session_state.get("remove_word_text") != text:  # a new review: nothing picked
        st.session_state["remove_word_text"] = text
        st.session_state["remove_word"] = None
    if st.session_state.get("remove_word") not in range(len(words)):
        st.session_state["remove_word"] = None
    index = st.selectbox(
        t("sentiment.remove.pick"),
        range(len(words)),
        format_func=lambda i: t("sentiment.remove.word", position=i + 1, word=words[i]),
        placeholder=t("sentiment.remove.placeholder"),
        key="remove_word",
    )
    if index is None:
        return
    shorter = saliency.remove_token(text, explanation.spans[index])
    try:
        after = model.explain(shorter)
    except ValueError:
        st.info(t("sentiment.remove.empty"), icon=":material/info:")
        return
    word = render.escape_markdown(words[index])
    before_column, after_column = st.columns(2, gap="medium")
    with before_column:
        st.markdown(f"**{t('sentiment.remove.before')}**")
        st.metric(t("sentiment.chart.probability.title"), f"{explanation.probability:.3f}")
        st.html(highlight_html(t, explanation, explanation.weights))
    with after_column:
        st.markdown(f"**{t('sentiment.remove.after', word=word)}**")
        st.metric(
            t("sentiment.remove.metric", word=word),
            f"{after.probability:.3f}",
            delta=f"{after.probability - explanation.probability:+.3f}",
        )
        st.html(highlight_html(t, after, after.weights))
    st.caption(t("sentiment.remove.occlusion", score=explanation.probability - after.probability))
    st.button(
        t("sentiment.remove.keep"),
        key="remove_keep",
        icon=":material/content_cut:",
        on_click=keep_shortened,
        args=(shorter,),
    )


def lesson_pack(explanation, figures, method=DEFAULT_METHOD, scores=None):
    if callable(figures):  # "compare all" shows no weight charts: built only for the pack
        figures = figures()
    table = explanation_table(explanation, scores)
    inputs = {
        "page": URL_PATH,
        "text": explanation.text,
        "model": "sentiment-additive",
        "method": method,
        "language": t.language,
    }
    return build_lesson_pack(
        t("lesson.sentiment.title"),
        t(
            "lesson.sentiment.description",
            label=t(f"sentiment.label.{explanation.label}"),
            probability=explanation.probability,
        ),
        inputs,
        {
            "words_and_weights.csv": to_csv_bytes(table),
            "result.json": to_json_bytes(explanation_json(explanation, scores=scores)),
            "figure_weights.json": figures[0].to_json(),
            "figure_top_words.json": figures[1].to_json(),
        },
        {
            "inputs.json": t("lesson.file.inputs"),
            "words_and_weights.csv": t("lesson.file.weights_csv"),
            "result.json": t("lesson.file.result_json"),
            "figure_weights.json": t("lesson.file.figure"),
            "figure_top_words.json": t("lesson.file.figure"),
        },
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def show_exports(explanation, figures, method=DEFAULT_METHOD, scores=None):
    download_row(
        [
            Download(
                t("sentiment.download.tokens"),
                lambda: to_csv_bytes(explanation_table(explanation, scores)),  # when clicked
                "attnviz-review-weights.csv",
                "text/csv",
                "review_download",
            ),
            Download(
                t("common.download.json"),
                lambda: to_json_bytes(explanation_json(explanation, scores=scores)),  # on click
                "attnviz-review.json",
                "application/json",
                "review_download_json",
            ),
            Download(
                t("common.download.lesson"),
                partial(lesson_pack, explanation, figures, method, scores),  # built when clicked
                "attnviz-sentiment-lesson.zip",
                "application/zip",
                "review_lesson_pack",
                help=t("common.download.lesson.help"),
                icon=":material/folder_zip:",
            ),
        ]
    )


def show_quiz(text):
    """Quiz: the review without shading, and a button that reveals the model's answer."""
    st.html(render.plain_text(text))
    st.info(t("sentiment.quiz.prompt"), icon=":material/quiz:")
    if st.button(
        t("sentiment.quiz.reveal"), key="quiz_reveal", type="primary", icon=":material/visibility:"
    ):
        st.session_state["quiz_revealed"] = text
        st.rerun()


def method_picker():
    """Which per-word scores the highlight shows (attention, the other methods, or all four)."""
    return st.segmented_control(
        t("sentiment.method"),
        METHOD_CHOICES,
        required=True,
        format_func=lambda m: t(f"sentiment.method.{m}"),
        key="method",
        help=t("sentiment.method.help"),
    )


def show_explanation(model, text, method, result_column, timer):
    """The verdict and highlight in `result_column`; charts, removal and downloads below."""
    try:
        explanation = model.explain(text)
    except ValueError:
        with result_column:
            st.warning(t("sentiment.error.no_words"), icon=":material/warning:")
        return
    timer.model_done()
    if st.session_state.get("quiz") and st.session_state.get("quiz_revealed") != text:
        with result_column:
            show_quiz(text)
        return
    words = [text[start:end] for start, end in explanation.spans]
    result = None
    with result_column:
        show_verdict(explanation)
        if method != "attention":
            with st.spinner(t("sentiment.method.running", count=len(words))):
                result = attributions(model, text)
            timer.model_done()
        if method == "compare":
            show_comparison(text, explanation, result, words)
        else:
            signed = method != "attention"
            weights = result.scores[method] if signed else explanation.weights
            show_highlight(t, explanation, weights, model.max_tokens, signed)
            if signed:
                st.caption(t("sentiment.scale.note"))
            if method == "attention":
                show_sharpness(weights)
            if method == "integrated_gradients":
                show_ig_gap(result)
    if method == "compare":
        figures = partial(weight_figures, words, explanation.weights)  # only if packed
    else:
        figures = weight_figures(words, weights, method)
        show_weight_charts(figures)
        show_about((method,), result.ig_steps if result else saliency.IG_STEPS)
    show_removal(model, text, explanation, words)
    if not PRESENTER:
        scores = result.scores if result is not None else None
        show_exports(explanation, figures, method, scores)


@st.cache_data(max_entries=32, show_spinner=False)
def batch_table(_model, texts):
    return sentiment_batch_table(_model, list(texts))


def read_upload(data):
    """The uploaded CSV as (frame, None) or (None, TableError): parsed once per file.

    Kept in the session under the file's SHA-256, so reruns of the page (every click)
    do not parse the same file again.
    """
    digest = hashlib.sha256(data).hexdigest()
    cached = st.session_state.get("batch_upload")
    if cached is None or cached[0] != digest:
        try:
            cached = (digest, read_csv_upload(data), None)
        except TableError as exc:
            cached = (digest, None, exc)
        st.session_state["batch_upload"] = cached
    return cached[1], cached[2]


def table_error_text(exc):
    """The translated message of a `TableError` (text from the file escaped)."""
    fields = {
        name: render.escape_markdown(value) if isinstance(value, str) else value
        for name, value in exc.fields.items()
    }
    return t(exc.key, **fields)


def batch_texts():
    """(texts, the uploaded table or None) from the chosen source, or None (message shown)."""
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
        return texts, None
    upload = st.file_uploader(t("sentiment.batch.upload"), type=["csv"], key="batch_file")
    if upload is None:
        st.info(t("sentiment.batch.no_file"))
        return None
    frame, error = read_upload(upload.getvalue())
    if error is not None:
        st.error(table_error_text(error), icon=":material/error:")
        return None
    delimiter = {";": "semicolon", "\t": "tab"}.get(frame.attrs.get("delimiter"))
    if delimiter:
        st.caption(t("csv.delimiter", delimiter=t(f"csv.delimiter.{delimiter}")))
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
    return texts, frame


def download_table(table, uploaded):
    """The results with the uploaded file's other columns (id, stars, ...) kept in front."""
    if uploaded is None:
        return table
    rows = uploaded.iloc[: len(table)].reset_index(drop=True)
    results = table.drop(columns=["text"]).reset_index(drop=True)
    taken = set(rows.columns)
    results.columns = [c if c not in taken else f"model_{c}" for c in results.columns]
    return pd.concat([rows, results], axis=1)


def show_batch(model):
    st.caption(t("sentiment.batch.intro", cap=MAX_BATCH_ROWS))
    chosen = batch_texts()
    if chosen is None:
        return
    texts, uploaded = chosen
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
        data=to_csv_bytes(download_table(table, uploaded)),
        file_name="attnviz-sentiment-batch.csv",
        mime="text/csv",
        key="batch_download",
        on_click="ignore",
        icon=":material/download:",
    )


timer = PageTimer()
page.header(t, "sentiment.title", "sentiment.intro")
try:
    model = sentiment_model()
except ModelFileError as exc:
    st.error(t("common.model_missing", error=exc), icon=":material/error:")
    st.stop()
timer.model_loaded()  # time the page after the (one-off) model load

linkstate.restore(LINK)
linkstate.show_notes(LINK, t)
st.session_state.setdefault("review_text", EXAMPLES[0])
if st.session_state.get("method") not in METHOD_CHOICES:
    st.session_state["method"] = DEFAULT_METHOD
if PRESENTER:
    single, batch = st.container(), None
else:
    single, batch = st.tabs([t("common.tab.single"), t("common.tab.batch")])
with single:
    controls, result_column = page.input_and_result()
    with controls:
        review = review_box(
            t, EXAMPLES, "review_text", "review_example", max_chars=MAX_REVIEW_CHARS
        )
        note_length_limit(review, MAX_REVIEW_CHARS)
        with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
            st.button(
                t("common.submit"), key="review_submit", type="primary", icon=":material/bolt:"
            )
            quiz_on = st.toggle(t("sentiment.quiz"), key="quiz", help=t("sentiment.quiz.help"))
            join_on = join_toggle("review_join")
        method = method_picker()
    wanted = write_link(review, quiz_on, method)
    if join_on:
        with result_column:
            show_join(wanted, LINK.names, URL_PATH)
    if review and review.strip():
        show_explanation(model, review, method, result_column, timer)
    else:
        with result_column:
            st.info(t("common.empty"))
    timer.finish("sentiment_timing_ms", t)
    timer.first_visit_note(t)
if batch is not None:
    with batch:
        show_batch(model)
