"""Mechanisms page: one review through every attention variant, side by side.

The shipped sentiment models differ only in their attention layer (same data,
vocabulary and recipe), so differences in the weights come from the mechanism.
Each variant loads on its own (`shared.sentiment_variant`, shared with the sentiment
page): a missing or broken one shows a message in its place and the others keep working. Below the side-by-side view, a
summary table compares them, and detail views open the per-unit and multi-head
attention tensors.
"""

import pandas as pd
import streamlit as st

from app_pages import runtime
from app_pages.components import errors, linkstate, page
from app_pages.components.highlight import TOP_K as MARKED_WORDS
from app_pages.components.highlight import highlight_html, legend_html
from app_pages.components.join import join_toggle, show_join
from app_pages.components.review import review_box
from app_pages.components.timing import PageTimer
from app_pages.shared import MAX_REVIEW_CHARS, chart, note_length_limit, sentiment_variant
from attnviz.classroom import settings
from attnviz.explain import measures
from attnviz.i18n import translator
from attnviz.models.paths import ModelFileError
from attnviz.models.sentiment import MULTI_HEAD_HEADS, VARIANTS
from attnviz.viz import render
from attnviz.viz.mechanisms import self_attention_heatmap, unit_attention_heatmap
from attnviz.viz.text import weights_bar

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
URL_PATH = "mechanisms"
# What a link to this page may carry, with the widget each value opens.
LINK = linkstate.Schema(
    "mechanisms",
    linkstate.Text("text", settings.MAX_LINK_TEXT, key="mech_text"),
    linkstate.Flag("same", key="mech_same_scale"),
)
# Height (px) of the review box: two lines on a projector, three otherwise.
REVIEW_HEIGHT = 80 if PRESENTER else 110
# The detail heatmaps show at most this many words, so a long review still draws fast.
MAX_HEATMAP_TOKENS = 60
TOP_K = 5
# The variant the others are compared with (rank correlation, top-5 overlap).
REFERENCE = "additive"
EXAMPLES = [
    "The plot was thin, but I loved every minute of it. The two leads are wonderful together!",
    "What a waste of two hours. The dialogue is clumsy, the jokes fall flat and the ending "
    "makes no sense at all.",
    "I expected a boring remake, yet this turned out to be one of the best films of the year.",
    "The first half is slow and a little confusing, but the last thirty minutes are brilliant.",
    "Great cast, terrible script: not even the music could keep me awake.",
]


def variant_names():
    return {
        "additive": t("mechanisms.variant.additive"),
        "per_unit": t("mechanisms.variant.per_unit"),
        "dot_product": t("mechanisms.variant.dot_product"),
        "multi_head": t("mechanisms.variant.multi_head"),
    }


def variant_descriptions():
    return {
        "additive": t("mechanisms.how.additive"),
        "per_unit": t("mechanisms.how.per_unit"),
        "dot_product": t("mechanisms.how.dot_product"),
        "multi_head": t("mechanisms.how.multi_head", heads=MULTI_HEAD_HEADS),
    }


def load_variants():
    """({variant: model} of those that load, {variant: ModelFileError} of those that do not)."""
    models, errors = {}, {}
    for variant in VARIANTS:
        try:
            if runtime.MODELS.is_loaded(runtime.sentiment_name(variant)):
                models[variant] = sentiment_variant(variant)  # no spinner to draw and clear
                continue
            with st.spinner(t("mechanisms.loading", variant=variant_names()[variant])):
                models[variant] = sentiment_variant(variant)
        except ModelFileError as exc:
            errors[variant] = exc
    return models, errors


def write_link(review, same_scale):
    """Keep the URL in step with the view (the review is cut at `MAX_LINK_TEXT` characters)."""
    return linkstate.sync(LINK, {"text": review, "same": bool(same_scale)})


def percent(value):
    """90.77 % (two decimals, a space before the sign)."""
    return f"{100 * value:.2f} %"


def card_accuracy(model):
    accuracy = model.card.get("test_accuracy")
    return float(accuracy) if isinstance(accuracy, int | float) else None


def sharpness(explanation):
    return {
        "entropy": measures.entropy_bits(explanation.weights),
        "normalized": measures.normalized_entropy(explanation.weights),
        "top": measures.top_share(explanation.weights, TOP_K),
    }


def words_of(explanation):
    """The user's own words (case and punctuation kept) for each token the model read."""
    return [explanation.text[start:end] for start, end in explanation.spans]


def top_words(explanation, k=TOP_K):
    words = words_of(explanation)
    order = sorted(range(len(words)), key=lambda i: -explanation.weights[i])[:k]
    return ", ".join(words[i] for i in order)


def highlight(explanation, scale_max=None):
    """The review shaded by this model's weights (against `scale_max` when given), escaped."""
    html = highlight_html(
        t, explanation, explanation.weights, top_k=MARKED_WORDS, scale_max=scale_max
    )
    # A smaller text in the rows (settings.LAYOUT_CSS), so all four models fit one screen.
    return f'<div class="attnviz-compact">{html}</div>'


def show_missing(error):
    """A variant that does not load: how to train it (missing) or what is wrong (broken)."""
    if not error.path.exists():
        # A missing card means the model was never trained: name the model file.
        missing = error.path.with_suffix(".keras") if error.path.suffix == ".json" else error.path
        st.info(
            t("mechanisms.missing", file=missing.name, command=error.command),
            icon=":material/info:",
        )
    else:
        st.error(
            t("mechanisms.broken", error=render.escape_markdown(str(error)), command=error.command),
            icon=":material/error:",
        )


def show_variant(variant, model, explanation, scale_max=None):
    """One row: name, accuracy, prediction and sharpness beside the highlighted review."""
    about, text = st.columns([1.4, 3], gap="medium", vertical_alignment="center")
    numbers = sharpness(explanation)
    label = t(f"sentiment.label.{explanation.label}")
    with about:
        st.subheader(variant_names()[variant], anchor=False)
        st.caption(variant_descriptions()[variant])
        accuracy = card_accuracy(model)
        reviews = model.card.get("test_reviews")
        if accuracy is None:
            measured = t("mechanisms.accuracy.unknown")
        elif isinstance(reviews, int):
            measured = t("mechanisms.accuracy", accuracy=percent(accuracy), reviews=reviews)
        else:
            measured = t("mechanisms.accuracy.plain", accuracy=percent(accuracy))
        lines = [
            measured,
            t("mechanisms.prediction", label=label, probability=explanation.probability),
            t("mechanisms.entropy", bits=numbers["entropy"], normalized=numbers["normalized"]),
            t("mechanisms.top_share", k=TOP_K, share=percent(numbers["top"])),
        ]
        st.markdown("  \n".join(lines))
    with text:
        st.html(highlight(explanation, scale_max))


def show_variant_compact(variant, explanation, scale_max=None):
    """Presenter mode: the name, prediction and entropy on one line over the highlighted review."""
    label = t(f"sentiment.label.{explanation.label}")
    st.markdown(
        t(
            "mechanisms.compact",
            name=variant_names()[variant],
            label=label,
            probability=explanation.probability,
            bits=measures.entropy_bits(explanation.weights),
        )
    )
    st.html(highlight(explanation, scale_max))


def summary_table(models, explanations):
    """One row per variant: accuracy, prediction, sharpness, top words, agreement."""
    reference = explanations.get(REFERENCE)
    rows = []
    for variant, explanation in explanations.items():
        numbers = sharpness(explanation)
        row = {
            "variant": variant_names()[variant],
            "accuracy": card_accuracy(models[variant]),
            "probability": explanation.probability,
            "entropy": numbers["entropy"],
            "normalized": numbers["normalized"],
            "top_share": numbers["top"],
            "top_words": top_words(explanation),
            "spearman": None,
            "overlap": None,
        }
        if reference is not None:
            # Same tokenizer and vocabulary: the same tokens, unless one reads fewer.
            n = min(len(reference.weights), len(explanation.weights))
            if n > 1:
                row["spearman"] = measures.spearman(explanation.weights[:n], reference.weights[:n])
                row["overlap"] = measures.top_k_overlap(
                    explanation.weights[:n], reference.weights[:n], TOP_K
                )
        rows.append(row)
    return pd.DataFrame(rows)


def number(value, fmt):
    """`value` formatted with `fmt`, or an en dash when there is no value."""
    return "–" if value is None or pd.isna(value) else fmt(value)


def show_summary(models, explanations):
    """The summary as a static table whose columns wrap, so all of them fit the page."""
    st.subheader(t("mechanisms.summary"), anchor=False)
    table = summary_table(models, explanations)
    reference = variant_names()[REFERENCE]
    shown = pd.DataFrame(
        {
            t("mechanisms.col.variant"): table["variant"],
            t("mechanisms.col.accuracy"): [number(v, percent) for v in table["accuracy"]],
            t("mechanisms.col.probability"): [
                number(v, lambda x: f"{x:.3f}") for v in table["probability"]
            ],
            t("mechanisms.col.entropy"): [number(v, render.weight_text) for v in table["entropy"]],
            t("mechanisms.col.normalized"): [
                number(v, lambda x: f"{x:.2f}") for v in table["normalized"]
            ],
            t("mechanisms.col.top_share", k=TOP_K): [
                number(v, lambda x: f"{100 * x:.0f} %") for v in table["top_share"]
            ],
            t("mechanisms.col.spearman", reference=reference): [
                number(v, lambda x: f"{x:.2f}") for v in table["spearman"]
            ],
            t("mechanisms.col.overlap", k=TOP_K): [
                number(v, lambda x: f"{100 * x:.0f} %") for v in table["overlap"]
            ],
            t("mechanisms.col.top_words", k=TOP_K): table["top_words"],
        }
    )
    st.table(shown, hide_index=True)
    if REFERENCE not in explanations:
        st.caption(t("mechanisms.summary.no_reference", reference=reference))
    else:
        st.caption(t("mechanisms.summary.help", reference=reference))
    st.caption(
        "  \n".join(
            [
                f"**{t('mechanisms.col.normalized')}**: {t('mechanisms.col.normalized.help')}",
                f"**{t('mechanisms.col.spearman', reference=reference)}**: "
                + t("mechanisms.col.spearman.help", reference=reference),
                f"**{t('mechanisms.col.overlap', k=TOP_K)}**: "
                + t("mechanisms.col.overlap.help", k=TOP_K, reference=reference),
            ]
        )
    )


def shown_tokens(explanation):
    """The words the detail heatmaps show (the first `MAX_HEATMAP_TOKENS`), with a note."""
    words = words_of(explanation)
    if len(words) > MAX_HEATMAP_TOKENS:
        st.caption(t("mechanisms.detail.capped", shown=MAX_HEATMAP_TOKENS, total=len(words)))
    return words[:MAX_HEATMAP_TOKENS]


def weight_bar_labels(title):
    return {
        "title": title,
        "x": t("sentiment.chart.weights.x"),
        "y": t("sentiment.chart.weights.y"),
        "hover_word": t("sentiment.chart.hover.word"),
        "hover_position": t("sentiment.chart.hover.position"),
        "hover_weight": t("sentiment.chart.hover.weight"),
    }


def show_per_unit(explanation):
    """Token x unit heatmap of per-unit attention, and the mean over units per token."""
    st.subheader(t("mechanisms.per_unit.title"), anchor=False)
    units = explanation.attention.shape[1]
    st.markdown(t("mechanisms.per_unit.note", units=units))
    words = shown_tokens(explanation)
    n = len(words)
    unit_entropy = float(measures.row_entropies_bits(explanation.attention.T).mean())
    st.caption(
        t(
            "mechanisms.per_unit.entropy",
            units=units,
            unit_bits=unit_entropy,
            mean_bits=measures.entropy_bits(explanation.weights),
        )
    )
    heatmap = unit_attention_heatmap(
        words,
        explanation.attention[:n],
        labels={
            "title": t("mechanisms.per_unit.heatmap.title", units=units),
            "x": t("sentiment.chart.weights.x"),
            "y": t("mechanisms.per_unit.heatmap.y"),
            "colorbar": t("mechanisms.per_unit.heatmap.colorbar"),
            "hover_word": t("sentiment.chart.hover.word"),
            "hover_position": t("sentiment.chart.hover.position"),
            "hover_unit": t("mechanisms.per_unit.hover.unit"),
            "hover_weight": t("sentiment.chart.hover.weight"),
        },
        colorscale=COLORSCALE,
    )
    chart(heatmap, "mech_unit_heatmap", "attnviz-per-unit-attention")
    bars = weights_bar(
        words,
        explanation.weights[:n],
        labels=weight_bar_labels(t("mechanisms.per_unit.mean.title", units=units)),
        colorscale=COLORSCALE,
        height=300,
    )
    chart(bars, "mech_unit_mean", "attnviz-per-unit-mean")


def head_label(head, heads):
    if head == "average":
        return t("mechanisms.multi_head.average", heads=heads)
    return t("mechanisms.multi_head.head", number=head)


@st.fragment
@errors.friendly
def show_multi_head(explanation):
    """Self-attention map of the chosen head (or their mean), then the pooling weights.

    A fragment: switching heads redraws only this part of the page.
    """
    st.subheader(t("mechanisms.multi_head.title"), anchor=False)
    heads = explanation.attention.shape[0]
    st.markdown(t("mechanisms.multi_head.note", heads=heads))
    words = shown_tokens(explanation)
    n = len(words)
    options = [*range(1, heads + 1), "average"]
    if st.session_state.get("mech_head") not in options:
        st.session_state["mech_head"] = "average"
    head = st.segmented_control(
        t("mechanisms.multi_head.select"),
        options,
        required=True,
        format_func=lambda h: head_label(h, heads),
        key="mech_head",
    )
    attention = explanation.attention[:, :n, :n]
    index = None if head == "average" else int(head) - 1
    chosen = attention.mean(axis=0) if index is None else attention[index]
    row_bits = float(measures.row_entropies_bits(chosen).mean())
    st.caption(t("mechanisms.multi_head.entropy", head=head_label(head, heads), bits=row_bits, n=n))
    heatmap = self_attention_heatmap(
        words,
        attention,
        head=index,
        labels={
            "title": t("mechanisms.multi_head.heatmap.title", head=head_label(head, heads)),
            "x": t("mechanisms.multi_head.heatmap.x"),
            "y": t("mechanisms.multi_head.heatmap.y"),
            "colorbar": t("mechanisms.multi_head.heatmap.colorbar"),
            "hover_query": t("mechanisms.multi_head.hover.query"),
            "hover_key": t("mechanisms.multi_head.hover.key"),
            "hover_weight": t("sentiment.chart.hover.weight"),
        },
        colorscale=COLORSCALE,
    )
    chart(heatmap, "mech_head_heatmap", "attnviz-self-attention")
    bars = weights_bar(
        words,
        explanation.weights[:n],
        labels=weight_bar_labels(t("mechanisms.multi_head.pooling.title")),
        colorscale=COLORSCALE,
        height=300,
    )
    chart(bars, "mech_pooling", "attnviz-multi-head-pooling")


def same_scale_max(explanations):
    """The largest weight of any model, when "same scale for all" is on; else None."""
    if not st.session_state.get("mech_same_scale"):
        return None
    return max(float(e.weights.max()) for e in explanations.values())


def show_comparison(models, errors, text):
    """Every variant on `text`, one row each (its numbers beside the review), then details."""
    explanations = {}
    try:
        for variant, model in models.items():
            explanations[variant] = model.explain(text)
    except ValueError:
        st.warning(t("sentiment.error.no_words"), icon=":material/warning:")
        return
    scale_max = same_scale_max(explanations)
    # A row per model (numbers beside the review); on a projector two by two, so all four
    # fit the screen under the input.
    if PRESENTER:
        places = [*st.columns(2, gap="medium"), *st.columns(2, gap="medium")]
    else:
        places = [st.container(border=True) for _ in VARIANTS]
    for variant, place in zip(VARIANTS, places):
        with place:
            if variant not in explanations:
                st.subheader(variant_names()[variant], anchor=False)
                st.caption(variant_descriptions()[variant])
                show_missing(errors[variant])
            elif PRESENTER:
                show_variant_compact(variant, explanations[variant], scale_max)
            else:
                show_variant(variant, models[variant], explanations[variant], scale_max)
    if scale_max is None:
        legend = legend_html(t, top_k=MARKED_WORDS)
    else:
        legend = render.legend(
            COLORSCALE,
            t("sentiment.legend.low"),
            t("mechanisms.legend.same_scale", weight=render.weight_text(scale_max)),
            notes=[("top", t("sentiment.legend.top", k=MARKED_WORDS))],
        )
    st.html(legend)
    oov = next(iter(explanations.values())).oov  # the same vocabulary for every variant
    if any(oov):
        st.caption(t("sentiment.note.oov", count=sum(oov)))
    if any(e.truncated for e in explanations.values()):
        limit = min(models[v].max_tokens for v in explanations)
        st.caption(t("sentiment.note.truncated", limit=limit))
    show_summary(models, explanations)
    if "per_unit" in explanations:
        show_per_unit(explanations["per_unit"])
    if "multi_head" in explanations:
        show_multi_head(explanations["multi_head"])


timer = PageTimer()
page.header(t, "mechanisms.title", "mechanisms.intro")
models, errors = load_variants()
timer.model_loaded()
if not models:
    st.error(t("mechanisms.none"), icon=":material/error:")
    for error in errors.values():
        show_missing(error)
    st.stop()

linkstate.restore(LINK)
linkstate.show_notes(LINK, t)
st.session_state.setdefault("mech_text", EXAMPLES[0])
if PRESENTER:  # one row: the text box, the example picker and the buttons beside it
    entry, examples, buttons = st.columns([4, 1.5, 1.8], gap="medium", vertical_alignment="top")
else:
    entry, buttons = st.columns([3, 1], gap="medium", vertical_alignment="bottom")
    examples = None
with entry:
    review = review_box(
        t,
        EXAMPLES,
        "mech_text",
        "mech_example",
        examples_in=examples,
        height=REVIEW_HEIGHT,
        max_chars=MAX_REVIEW_CHARS,
    )
    note_length_limit(review, MAX_REVIEW_CHARS)
with buttons:
    st.button(t("common.submit"), key="mech_submit", type="primary", icon=":material/bolt:")
    same_scale = st.toggle(
        t("mechanisms.same_scale"), key="mech_same_scale", help=t("mechanisms.same_scale.help")
    )
    join_on = join_toggle("mech_join")
wanted = write_link(review, same_scale)
if join_on:
    show_join(wanted, LINK.names, URL_PATH)
if review and review.strip():
    show_comparison(models, errors, review)
else:
    st.info(t("common.empty"))
timer.first_visit_note(t)
