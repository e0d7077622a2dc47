"""Soft vs hard attention: the same date through both converters, sampled hard paths,
a sentiment reader that may look at only k words, and the maths behind them.

Models: `pretrained/dates.keras` (soft), `pretrained/dates-hard.keras` (hard, see
`attnviz.models.hard`), `pretrained/sentiment-additive.keras` (soft) and
`pretrained/sentiment-kreader.keras` (hard top-k, see `attnviz.models.kreader`).
"""

import json

import numpy as np
import streamlit as st

from app_pages import runtime
from app_pages.components import linkstate, page
from app_pages.shared import chart, sentiment_variant, show_share
from attnviz.classroom import settings
from attnviz.i18n import translator
from attnviz.models.paths import ModelFileError, pretrained_dir
from attnviz.viz import render
from attnviz.viz.alignment import alignment_heatmap
from attnviz.viz.toy import token_bars

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
URL_PATH = "soft-vs-hard"
DATE_EXAMPLES = (
    "Sat, the 4th of July '76",
    "the twenty sixth of april, 1912",
    "29.4.2013",
    "13Aug2029",
)
REVIEW_EXAMPLE = (
    "The plot was thin and the ending predictable, but the acting was wonderful "
    "and I loved every minute of it."
)
MAX_SEED = 999_999
MAX_PATHS = 500  # hard paths one page may draw for one date
BATCH_PATHS = 20  # "Sample 20 more"
K_RANGE = (1, 20)
DEFAULT_K = 3

# What a shared link carries (app_pages/components/linkstate.py parses and clamps it).
LINK = linkstate.Schema(
    "soft_vs_hard",
    linkstate.Text("date", settings.MAX_LINK_TEXT, default=DATE_EXAMPLES[0], key="svh_date"),
    linkstate.Int("seed", 0, 0, MAX_SEED, key="svh_seed"),
    linkstate.Int("paths", 0, 0, MAX_PATHS, key="svh_paths"),
    linkstate.Int("step", 1, 1, 10, key="svh_step"),
    linkstate.Int("k", DEFAULT_K, *K_RANGE, key="svh_k"),
    linkstate.Text("review", settings.MAX_LINK_TEXT, default=REVIEW_EXAMPLE, key="svh_review"),
)

SOFT_CONTEXT = (
    r"\begin{aligned}\text{soft:}\quad \mathbf{c}_t &= \sum_i \alpha_{t,i}\,\mathbf{h}_i \\"
    r"&= \mathbb{E}_{s \sim \alpha_t}\left[\mathbf{h}_s\right]\end{aligned}"
)
HARD_CONTEXT = (
    r"\begin{aligned}\text{hard:}\quad s_t &\sim \operatorname{Categorical}(\alpha_t) \\"
    r"\mathbf{c}_t &= \mathbf{h}_{s_t}\end{aligned}"
)
REINFORCE = (
    r"\begin{aligned}&\nabla_\theta\, \mathbb{E}_{s \sim p_\theta}\left[\ell(s)\right] \\"
    r"&= \mathbb{E}_{s \sim p_\theta}\left[\left(\ell(s) - b\right)"
    r"\nabla_\theta \log p_\theta(s)\right]\end{aligned}"
)
GUMBEL = (
    r"\begin{aligned}s &= \arg\max_i \left(\log \alpha_i + g_i\right),\quad"
    r" g_i \sim \operatorname{Gumbel}(0,1) \\"
    r"\nabla &\approx \nabla\, \operatorname{softmax}\!\left("
    r"\frac{\log \alpha + g}{\tau}\right)\end{aligned}"
)


@st.cache_resource(show_spinner=False)
def date_converters():
    """(soft, hard) date converters, warmed up; loaded once per process."""
    from attnviz import load_date_model
    from attnviz.models.paths import report_model_error

    try:
        soft = runtime.MODELS.get("date")  # shared with the dates page
        hard = load_date_model(attention="hard")
    except ModelFileError as exc:
        report_model_error(exc)
        raise
    runtime.keep_keras_session()
    soft.convert(DATE_EXAMPLES[0])
    hard.convert(DATE_EXAMPLES[0])
    hard.convert_samples(DATE_EXAMPLES[0], BATCH_PATHS, seed=0)
    return soft, hard


@st.cache_resource(show_spinner=False)
def kword_reader():
    from attnviz.models.kreader import load_kword_reader
    from attnviz.models.paths import report_model_error

    try:
        reader = load_kword_reader()
    except ModelFileError as exc:
        report_model_error(exc)
        raise
    runtime.keep_keras_session()
    reader.read(REVIEW_EXAMPLE, DEFAULT_K)
    return reader


@st.cache_data(show_spinner=False)
def read_card(name):
    """A model card from pretrained/ as a dict ({} when missing or unreadable)."""
    try:
        return json.loads((pretrained_dir() / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def set_defaults():
    """Session values the link did not set: the first examples, seed 0, no paths, k = 3."""
    state = st.session_state
    for key, value in (
        ("svh_date", DATE_EXAMPLES[0]),
        ("svh_review", REVIEW_EXAMPLE),
        ("svh_seed", 0),
        ("svh_paths", 0),
        ("svh_k", DEFAULT_K),
    ):
        if key not in state:
            state[key] = value


def use_date_example():
    if st.session_state.get("svh_date_example"):
        st.session_state["svh_date"] = st.session_state["svh_date_example"]
        st.session_state["svh_paths"] = 0


def reset_paths():
    st.session_state["svh_paths"] = 0


def add_paths(n):
    st.session_state["svh_paths"] = min(st.session_state.get("svh_paths", 0) + n, MAX_PATHS)


def heatmap(result, alignment, title_key, highlight_row, height=None):
    """The alignment matrix; with `height` (presenter mode) shorter and without the titles
    the card already shows."""
    return alignment_heatmap(
        result.input_chars,
        result.output_chars,
        alignment,
        height=height,
        labels={
            "title": "" if height else t(title_key),
            "x": t("dates.chart.x"),
            "y": t("dates.chart.y"),
            "colorbar": "" if height else t("svh.chart.colorbar"),
            "hover_input": t("dates.chart.hover.input"),
            "hover_output": t("dates.chart.hover.output"),
            "hover_weight": t("dates.chart.hover.weight"),
        },
        colorscale=COLORSCALE,
        highlight_row=highlight_row,
    )


def output_html(result):
    return render.output_characters(
        result.output_chars, result.char_probabilities, label=t("dates.probability"), size="1.6rem"
    )


# Height (px) of each alignment matrix in presenter mode, where it comes first in its card:
# the two matrices of a 20-character date fit a 1280x720 projector below the inputs.
PRESENTER_MATRIX_HEIGHT = 330


def matrix_card(result, row, title, caption, strip_label, chart_key, chart_name, chart_title):
    """One converter's card: its output, what the highlighted step read, and its matrix.

    In presenter mode the matrix comes first (and shorter) and the character strip,
    which repeats the matrix's highlighted row, is left out.
    """
    height = PRESENTER_MATRIX_HEIGHT if PRESENTER else None
    figure = heatmap(result, result.alignment, chart_title, row, height=height)
    with st.container(border=True):
        st.markdown(title)
        if PRESENTER:
            chart(figure, chart_key, chart_name)
        st.html(output_html(result))
        st.caption(caption)
        if not PRESENTER:
            st.html(
                render.highlight_characters(
                    result.input_chars, result.alignment[row], colorscale=COLORSCALE,
                    label=strip_label,
                )
            )  # fmt: skip
            chart(figure, chart_key, chart_name)


def show_matrices(soft_result, hard_result, hard_label, step_box):
    """The two alignment matrices side by side, one output step highlighted in both.

    The step slider goes into `step_box` (beside the inputs in presenter mode).
    """
    total = len(soft_result.output_chars)
    step = st.session_state.get("svh_step", 1)
    if not isinstance(step, int) or not 1 <= step <= total:
        st.session_state["svh_step"] = 1
    with step_box:
        step = st.slider(t("dates.step.slider"), 1, total, key="svh_step") if total > 1 else 1
    row = step - 1
    soft_col, hard_col = st.columns(2, gap="medium")
    position = hard_result.positions[row]
    with soft_col:
        soft_caption = t(
            "svh.soft.step",
            char=render.escape_markdown(render.visible_char(soft_result.output_chars[row])),
            top=float(soft_result.alignment[row].max()),
        )
        matrix_card(
            soft_result, row, f"**{t('svh.soft.title')}**", soft_caption,
            t("dates.chart.hover.weight"), "svh_soft_alignment", "attnviz-soft-alignment",
            "svh.chart.soft",
        )  # fmt: skip
    with hard_col:
        hard_caption = t(
            "svh.hard.step",
            char=render.escape_markdown(render.visible_char(hard_result.output_chars[row])),
            position=position + 1,
            input=render.escape_markdown(render.visible_char(hard_result.input_chars[position])),
            probability=float(hard_result.distribution[row, position]),
        )
        matrix_card(
            hard_result, row, f"**{t('svh.hard.title')}** · {hard_label}", hard_caption,
            t("svh.hard.chosen"), "svh_hard_alignment", "attnviz-hard-alignment",
            "svh.chart.hard",
        )  # fmt: skip
    return step


def show_sampling(hard, text, seed, paths, samples):
    """Buttons that draw hard paths, and how often each output came out."""
    one, twenty, reset, seed_col = st.columns([1, 1, 1, 1.2], vertical_alignment="bottom")
    one.button(
        t("svh.sample.one"),
        key="svh_sample_one",
        on_click=add_paths,
        args=(1,),
        icon=":material/casino:",
        type="primary",
        width="stretch",
        disabled=paths >= MAX_PATHS,
    )
    twenty.button(
        t("svh.sample.many", n=BATCH_PATHS),
        key="svh_sample_many",
        on_click=add_paths,
        args=(BATCH_PATHS,),
        icon=":material/stacks:",
        width="stretch",
        disabled=paths >= MAX_PATHS,
    )
    reset.button(
        t("svh.sample.reset"),
        key="svh_sample_reset",
        on_click=reset_paths,
        icon=":material/restart_alt:",
        width="stretch",
        disabled=paths == 0,
    )
    seed_col.number_input(
        t("svh.sample.seed"),
        min_value=0,
        max_value=MAX_SEED,
        step=1,
        key="svh_seed",
        on_change=reset_paths,
        help=t("svh.sample.seed.help"),
    )
    if not samples:
        st.info(t("svh.sample.none"), icon=":material/touch_app:")
        return
    from attnviz.models.hard import output_frequencies

    frequencies = output_frequencies(samples)
    argmax_output = hard.convert(text).output
    outputs = [output for output, _ in frequencies]
    counts = np.array([count for _, count in frequencies], dtype=np.float64)
    same = dict(frequencies).get(argmax_output, 0)
    st.markdown(
        t(
            "svh.sample.summary",
            paths=paths,
            distinct=len(frequencies),
            argmax=argmax_output,
            share=same / paths,
            seed=seed,
        )
    )
    chart(
        token_bars(
            outputs[:12],
            counts[:12] / paths,
            t("svh.sample.chart"),
            t("svh.sample.chart.y"),
            COLORSCALE,
            number_format=".0%",
        ),
        "svh_frequencies",
        "attnviz-hard-sample-frequencies",
    )
    if len(outputs) > 12:
        st.caption(t("svh.sample.more", n=len(outputs) - 12))


def show_dates():
    if not PRESENTER:  # the teacher talks; the matrices come first on the projector
        st.header(t("svh.dates.title"))
        st.markdown(t("svh.dates.intro"))
    try:
        soft, hard = date_converters()
    except ModelFileError as exc:
        st.error(t("common.model_missing", error=exc), icon=":material/error:")
        return {}
    if PRESENTER:  # one row: example, date, step
        example, entry, step_box = st.columns([1, 1.3, 1.3], vertical_alignment="bottom")
    else:
        (example, entry), step_box = st.columns([1, 2], vertical_alignment="bottom"), None
    with example:
        st.selectbox(
            t("common.example"),
            DATE_EXAMPLES,
            index=None,
            placeholder=t("common.example.placeholder"),
            key="svh_date_example",
            on_change=use_date_example,
        )
    with entry:
        text = st.text_input(t("dates.input.date"), key="svh_date", on_change=reset_paths)
    if not text or not text.strip():
        st.info(t("common.empty"))
        return {"date": None}
    seed = int(st.session_state.get("svh_seed") or 0)
    paths = int(st.session_state.get("svh_paths") or 0)
    soft_result = soft.convert(text)
    argmax_result = hard.convert(text)
    samples = hard.convert_samples(text, paths, seed=seed) if paths else []
    if not PRESENTER:
        st.subheader(t("svh.matrices.title"))
    if samples:
        shown = st.segmented_control(
            t("svh.hard.show"),
            ("argmax", "sample"),
            format_func=lambda name: t(f"svh.hard.show.{name}", n=len(samples)),
            key="svh_hard_shown",
            default="sample",
            required=True,
        )
    else:
        shown = "argmax"
    if shown == "sample":
        hard_result, label = samples[-1], t("svh.hard.show.sample", n=len(samples))
    else:
        hard_result, label = argmax_result, t("svh.hard.show.argmax")
    step = show_matrices(soft_result, hard_result, label, step_box or st.container())
    st.subheader(t("svh.sample.title"))
    if not PRESENTER:
        st.markdown(t("svh.sample.intro"))
    show_sampling(hard, text, seed, paths, samples)
    return {"date": text, "seed": seed, "paths": paths, "step": step}


def review_html(text, reading, weights):
    return render.highlight_text(
        text,
        reading.spans,
        weights,
        oov=reading.oov,
        truncated=reading.truncated,
        colorscale=COLORSCALE,
        labels={
            "weight": t("sentiment.hover.weight"),
            "oov": t("sentiment.hover.oov"),
            "unread": t("sentiment.hover.unread"),
        },
    )


def verdict_line(label, probability):
    return t(
        "svh.kreader.verdict",
        who=label,
        label=t(f"sentiment.label.{'positive' if probability >= 0.5 else 'negative'}"),
        probability=probability,
    )


def show_kreader():
    st.header(t("svh.kreader.title"))
    if not PRESENTER:
        st.markdown(t("svh.kreader.intro"))
    try:
        reader = kword_reader()
        full = sentiment_variant("additive")
    except ModelFileError as exc:
        st.error(t("common.model_missing", error=exc), icon=":material/error:")
        return {}
    text = st.text_area(t("svh.kreader.input"), key="svh_review", height=110)
    k = st.slider(t("svh.kreader.k"), *K_RANGE, key="svh_k", help=t("svh.kreader.k.help"))
    if not text or not text.strip():
        st.info(t("common.empty"))
        return {"k": k}
    try:
        reading = reader.read(text, k)
        explanation = full.explain(text)
    except ValueError:
        st.warning(t("svh.kreader.no_words"), icon=":material/warning:")
        return {"k": k}
    chosen = np.array(reading.chosen, dtype=np.float64)
    card = read_card("sentiment-kreader")
    accuracy = (card.get("test_accuracy_by_k") or {}).get(str(k))
    soft_accuracy = read_card("sentiment-additive").get("test_accuracy")
    hard_col, soft_col = st.columns(2, gap="medium")
    with hard_col, st.container(border=True):
        st.markdown(f"**{t('svh.kreader.hard', k=k)}**")
        st.markdown(verdict_line(t("svh.kreader.who.hard", k=k), reading.probability))
        st.html(review_html(text, reading, chosen))
        words = ", ".join(render.escape_markdown(w) for w in reading.chosen_words)
        st.caption(t("svh.kreader.chosen", n=int(chosen.sum()), words=words))
        if accuracy is not None:
            st.caption(t("svh.kreader.accuracy", k=k, accuracy=float(accuracy)))
    with soft_col, st.container(border=True):
        st.markdown(f"**{t('svh.kreader.soft')}**")
        st.markdown(verdict_line(t("svh.kreader.who.soft"), explanation.probability))
        st.html(review_html(text, reading, explanation.weights))
        top = np.argsort(-explanation.weights)[:k]
        share = float(explanation.weights[top].sum())
        st.caption(t("svh.kreader.soft.share", k=k, share=share))
        if soft_accuracy is not None:
            st.caption(t("svh.kreader.soft.accuracy", accuracy=float(soft_accuracy)))
    agree = (reading.probability >= 0.5) == (explanation.probability >= 0.5)
    st.markdown(t("svh.kreader.agree" if agree else "svh.kreader.disagree", k=k))
    return {"k": k, "review": text}


def show_explainer():
    st.header(t("svh.explain.title"))
    st.markdown(t("svh.explain.soft"))
    st.latex(SOFT_CONTEXT)
    st.markdown(t("svh.explain.hard"))
    st.latex(HARD_CONTEXT)
    st.markdown(t("svh.explain.reinforce"))
    st.latex(REINFORCE)
    st.markdown(t("svh.explain.gumbel"))
    st.latex(GUMBEL)
    study = read_card("dates-hard").get("gradient_study") or {}
    st_gumbel, reinforce = (
        study.get("straight_through_gumbel"),
        study.get("reinforce_baseline"),
    )
    if st_gumbel and reinforce:
        st.markdown(
            t(
                "svh.explain.numbers",
                draws=study.get("draws", 0),
                rows=study.get("rows", 0),
                ratio=reinforce["total_variance"] / max(st_gumbel["total_variance"], 1e-30),
                snr_st=st_gumbel["signal_to_noise"],
                snr_rf=reinforce["signal_to_noise"],
            )
        )
    st.markdown(t("svh.explain.paper"))


def show_cards():
    """Soft beside hard: accuracy, training time, epochs to converge (from the model cards)."""
    hard_card, soft_card = read_card("dates-hard"), read_card("dates")
    if not hard_card or not soft_card:
        return
    twin = hard_card.get("soft_twin") or {}
    rows = {
        t("svh.cards.held_out"): (
            twin.get("test_exact_match_on_this_test_set"),
            (hard_card.get("test_accuracy") or {}).get("exact_match"),
        ),
        t("svh.cards.handwritten"): (
            twin.get("handwritten_exact_match"),
            (hard_card.get("handwritten") or {}).get("exact_match"),
        ),
    }
    with st.expander(t("svh.cards.title"), icon=":material/description:"):
        lines = [f"| | {t('svh.cards.soft')} | {t('svh.cards.hard')} |", "|---|---|---|"]
        for name, (soft_value, hard_value) in rows.items():
            cells = [
                f"{v:.2%}" if isinstance(v, (int, float)) else "–" for v in (soft_value, hard_value)
            ]
            lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
        seconds = (twin.get("training_seconds"), hard_card.get("training_seconds"))
        cells = [f"{s / 60:.0f} min" if isinstance(s, (int, float)) else "–" for s in seconds]
        lines.append(f"| {t('svh.cards.time')} | {cells[0]} | {cells[1]} |")
        epochs = (twin.get("epochs_to_converge"), hard_card.get("epochs_to_converge"))
        cells = [str(e) if e is not None else "–" for e in epochs]
        lines.append(f"| {t('svh.cards.epochs')} | {cells[0]} | {cells[1]} |")
        st.markdown("\n".join(lines))
        st.caption(t("svh.cards.note"))


page.header(t, "svh.title", "svh.intro")
linkstate.restore(LINK)
linkstate.show_notes(LINK, t)
set_defaults()
view = {}
view.update(show_dates())
show_cards()
st.divider()
view.update(show_kreader())
st.divider()
show_explainer()
wanted = linkstate.sync(LINK, view)
if not PRESENTER:
    show_share(wanted, LINK.names, URL_PATH)
