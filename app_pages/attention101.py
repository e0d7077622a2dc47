"""Attention 101: the computation step by step on a tiny editable example.

Scores → softmax → weighted sum, for one query against 3–6 keys, with the formulas;
two heads on the same example; and attention over a table's columns, trained live.
The numbers come from `attnviz.classroom.toy_attention` and `attnviz.classroom.feature_attention`.
"""

import html

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.components import linkstate, page
from app_pages.hardness_control import show_hardness
from app_pages.shared import chart
from attnviz.classroom import settings, toy_attention
from attnviz.classroom.feature_attention import N_FEATURES
from attnviz.i18n import translator
from attnviz.viz.render import escape_markdown
from attnviz.viz.toy import feature_attention_bar, heads_heatmap, token_bars, weighted_sum_figure

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
URL_PATH = "attention-101"
QUERY_RANGE = (-2.0, 2.0)
TEMPERATURE_RANGE = (0.1, 5.0)
FEATURE_SEED = 0
# Longest token text a link or the box takes (6 words are used; the rest is ignored).
MAX_TOKEN_TEXT = 200
# What a link to this page may carry, with the widget each value opens.
LINK = linkstate.Schema(
    "attention101",
    linkstate.Text(
        "tokens",
        MAX_TOKEN_TEXT,
        default=" ".join(toy_attention.DEFAULT_TOKENS),
        key="a101_tokens",
    ),
    linkstate.Int("dim", 2, toy_attention.MIN_DIM, toy_attention.MAX_DIM, key="a101_dim"),
    linkstate.Choice("scoring", toy_attention.SCORINGS, "scaled_dot", key="a101_scoring"),
    linkstate.Float("temperature", 1.0, *TEMPERATURE_RANGE, decimals=1, key="a101_temperature"),
    linkstate.FloatList(
        "q",
        *QUERY_RANGE,
        max_len=toy_attention.MAX_DIM,
        keys=[f"a101_q{j}" for j in range(toy_attention.MAX_DIM)],
    ),
    linkstate.Int("seed", 0, 0, 999, key="a101_seed"),
    linkstate.Int("column", 0, 0, N_FEATURES - 1, key="fa_column"),
)

FORMULAS = {
    "additive": r"e_i = \mathbf{v}^\top \tanh\left(W \begin{bmatrix} \mathbf{q} \\ "
    r"\mathbf{k}_i \end{bmatrix}\right)",
    "dot": r"e_i = \mathbf{q} \cdot \mathbf{k}_i = \sum_j q_j\, k_{i,j}",
    "scaled_dot": r"e_i = \frac{\mathbf{q} \cdot \mathbf{k}_i}{\sqrt{d}}",
}
SOFTMAX = r"\alpha_i = \frac{\exp(e_i / T)}{\sum_j \exp(e_j / T)}"
WEIGHTED_SUM = r"\mathbf{o} = \sum_i \alpha_i\, \mathbf{v}_i"
MULTI_HEAD = (
    r"\text{head}_h = \text{Attention}(\mathbf{q} W_q^{h},\ K W_k^{h},\ V W_v^{h}),\quad "
    r"\mathbf{o} = [\text{head}_1;\ \text{head}_2]"
)
FEATURE_SNIPPET = """attention_probs = Dense(n, activation="softmax")(inputs)
weighted = Multiply()([inputs, attention_probs])
output = Dense(1, activation="sigmoid")(weighted)"""


def new_example():
    """A fresh random example: new seed, and the query reset to the last token's key."""
    st.session_state["a101_seed"] = (st.session_state.get("a101_seed", 0) + 1) % 1000
    reset_query()


def reset_query():
    linkstate.forget(*(f"a101_q{j}" for j in range(toy_attention.MAX_DIM)))


def example_controls():
    """Tokens, dimension, scoring and temperature; returns them."""
    st.session_state.setdefault("a101_tokens", " ".join(toy_attention.DEFAULT_TOKENS))
    st.session_state.setdefault("a101_dim", 2)
    st.session_state.setdefault("a101_scoring", "scaled_dot")
    st.session_state.setdefault("a101_temperature", 1.0)
    st.session_state.setdefault("a101_seed", 0)
    words = st.text_input(
        t("a101.tokens"),
        key="a101_tokens",
        help=t("a101.tokens.help"),
        on_change=reset_query,
        max_chars=MAX_TOKEN_TEXT,
    )
    tokens = toy_attention.parse_tokens(words)
    typed = words.replace(",", " ").split()
    used = escape_markdown(", ".join(tokens))
    if len(typed) < toy_attention.MIN_TOKENS:  # said, not silently replaced
        st.warning(
            t(
                "a101.tokens.too_few",
                count=len(typed),
                minimum=toy_attention.MIN_TOKENS,
                tokens=used,
            ),
            icon=":material/warning:",
        )
    elif len(typed) > toy_attention.MAX_TOKENS:
        st.info(
            t(
                "a101.tokens.too_many",
                count=len(typed),
                maximum=toy_attention.MAX_TOKENS,
                tokens=used,
            ),
            icon=":material/content_cut:",
        )
    elif tuple(typed) != tokens:
        st.caption(t("a101.tokens.used", tokens=used))
    dim = st.segmented_control(
        t("a101.dim"),
        list(range(toy_attention.MIN_DIM, toy_attention.MAX_DIM + 1)),
        key="a101_dim",
        required=True,
        on_change=reset_query,
    )
    scoring = st.segmented_control(
        t("a101.scoring"),
        toy_attention.SCORINGS,
        format_func=lambda name: t(f"a101.scoring.{name}"),
        key="a101_scoring",
        required=True,
    )
    temperature = st.slider(
        t("a101.temperature"),
        *TEMPERATURE_RANGE,
        step=0.1,
        key="a101_temperature",
        help=t("a101.temperature.help"),
    )
    st.button(t("a101.shuffle"), key="a101_shuffle", on_click=new_example, icon=":material/casino:")
    return tokens, int(dim or 2), scoring or "scaled_dot", float(temperature)


def vectors(tokens, dim, seed):
    """Query sliders and the editable keys/values table; returns (query, keys, values)."""
    query0, keys, values = toy_attention.default_example(len(tokens), dim, seed)
    st.markdown(f"**{t('a101.query')}**")
    columns = st.columns(dim)
    query = []
    for j, column in enumerate(columns):
        key = f"a101_q{j}"
        if key not in st.session_state:
            st.session_state[key] = float(query0[j])
        with column:
            query.append(st.slider(f"q{j + 1}", *QUERY_RANGE, step=0.1, key=key))
    st.markdown(f"**{t('a101.table')}**")
    frame = pd.DataFrame(
        np.concatenate([keys, values], axis=1),
        index=list(tokens),
        columns=[f"k{j + 1}" for j in range(dim)] + [f"v{j + 1}" for j in range(dim)],
    )
    edited = st.data_editor(
        frame,
        key=f"a101_table_{len(tokens)}_{dim}_{seed}",
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(
                c, min_value=-3.0, max_value=3.0, step=0.1, format="%.1f"
            )
            for c in frame.columns
        },
    )
    st.caption(t("a101.table.help"))
    table = edited.fillna(0.0).to_numpy(dtype=np.float64)
    return np.array(query, dtype=np.float64), table[:, :dim], table[:, dim:]


def figure_labels(tokens):
    """The tokens as Plotly labels: shown as typed, and one category per position.

    Plotly reads `<b>`-style tags and `&...;` entities in labels, so `&`, `<` and `>` are
    written as entities (shown as themselves). A repeated token ("good good bad good")
    gets zero-width spaces appended, so each position keeps its own column instead of
    sharing one (a heatmap of 4 tokens drew 2 columns whose rows no longer summed to 1).
    """
    seen = {}
    labels = []
    for token in tokens:
        label = html.escape(token, quote=False)
        labels.append(label + "\u200b" * seen.get(label, 0))
        seen[label] = seen.get(label, 0) + 1
    return labels


def step_sentences(tokens, steps, scoring, temperature):
    """The three steps in words (Markdown; the user's tokens escaped)."""
    tokens = [escape_markdown(token) for token in tokens]
    top = int(np.argmax(steps.weights))
    best = int(np.argmax(steps.scores))
    output = ", ".join(f"{v:.2f}" for v in steps.output)
    tone = "sharp" if temperature < 0.8 else "flat" if temperature > 1.5 else "plain"
    return (
        t(f"a101.step1.text.{scoring}", token=tokens[best], score=steps.scores[best]),
        t(
            f"a101.step2.text.{tone}",
            token=tokens[top],
            weight=steps.weights[top],
            temperature=temperature,
        ),
        t("a101.step3.text", output=output, token=tokens[top]),
    )


def show_steps(tokens, query, keys, values, scoring, temperature, seed):
    additive = toy_attention.additive_parameters(len(query), seed=seed)
    steps = toy_attention.attend(query, keys, values, scoring, temperature, additive)
    sentences = step_sentences(tokens, steps, scoring, temperature)
    one, two, three = st.columns(3, gap="medium") if not PRESENTER else [st.container()] * 3
    with one:
        st.markdown(f"#### {t('a101.step1')}")
        st.latex(FORMULAS[scoring])
        st.markdown(sentences[0])
        chart(
            token_bars(
                figure_labels(tokens),
                steps.scores,
                t("a101.chart.scores"),
                t("a101.chart.scores.y"),
                COLORSCALE,
                shade_by=steps.weights,
            ),
            "a101_scores",
            "attnviz-attention101-scores",
        )
    with two:
        st.markdown(f"#### {t('a101.step2')}")
        st.latex(SOFTMAX)
        st.markdown(sentences[1])
        chart(
            token_bars(
                figure_labels(tokens),
                steps.weights,
                t("a101.chart.weights"),
                t("a101.chart.weights.y"),
                COLORSCALE,
            ),
            "a101_weights",
            "attnviz-attention101-weights",
        )
    with three:
        st.markdown(f"#### {t('a101.step3')}")
        st.latex(WEIGHTED_SUM)
        st.markdown(sentences[2])
        chart(
            weighted_sum_figure(
                figure_labels(tokens),
                steps.weights,
                values,
                steps.output,
                labels={
                    "title": t("a101.chart.sum"),
                    "x": t("a101.chart.sum.x"),
                    "y": t("a101.chart.sum.y"),
                    "output": t("a101.chart.sum.output"),
                    "hover_weight": t("a101.chart.weights.y"),
                },
                colorscale=COLORSCALE,
            ),
            "a101_sum",
            "attnviz-attention101-weighted-sum",
        )
    st.session_state["a101_weights"] = steps.weights.tolist()
    return steps


def show_heads(tokens, query, keys, values, temperature, seed):
    st.subheader(t("a101.heads.title"))
    st.latex(MULTI_HEAD)
    projections = toy_attention.head_projections(len(query), seed=seed)
    heads, output = toy_attention.multi_head(query, keys, values, projections, temperature)
    tops = [escape_markdown(tokens[int(np.argmax(h.weights))]) for h in heads]
    st.markdown(t("a101.heads.text", first=tops[0], second=tops[1]))
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        chart(
            heads_heatmap(
                figure_labels(tokens),
                np.stack([h.weights for h in heads]),
                labels={
                    "title": t("a101.heads.chart"),
                    "head": t("a101.heads.head"),
                    "colorbar": t("a101.chart.weights.y"),
                },
                colorscale=COLORSCALE,
            ),
            "a101_heads",
            "attnviz-attention101-heads",
        )
    with right:
        rows = {f"{t('a101.heads.head')} {i + 1}": h.output for i, h in enumerate(heads)}
        rows[t("a101.heads.concat")] = output
        st.dataframe(
            pd.DataFrame(
                {name: ", ".join(f"{v:.2f}" for v in vec) for name, vec in rows.items()},
                index=[t("a101.heads.output")],
            ).T,
            width="stretch",
        )
        st.caption(t("a101.heads.projections"))


@st.cache_data(max_entries=16, show_spinner=False)
def trained_feature_attention(column, seed):
    """Train the tiny model once per (column, seed); a plain dict for the cache."""
    from attnviz.classroom import feature_attention

    result = feature_attention.train(column, seed=seed)
    return {
        "attention": result.attention.tolist(),
        "informative": result.informative,
        "accuracy": result.accuracy,
        "seconds": result.seconds,
        "top": result.top,
    }


def show_feature_attention():
    from attnviz.classroom import feature_attention

    st.subheader(t("a101.features.title"))
    st.markdown(t("a101.features.intro"))
    st.code(FEATURE_SNIPPET, language="python")
    choose, train_button = st.columns([3, 1], vertical_alignment="bottom")
    with choose:
        column = st.selectbox(
            t("a101.features.column"),
            list(range(feature_attention.N_FEATURES)),
            format_func=lambda i: f"x{i}",
            key="fa_column",
        )
    with train_button:
        if st.button(
            t("a101.features.train"),
            key="fa_train",
            type="primary",
            icon=":material/model_training:",
            width="stretch",
        ):
            with st.spinner(t("a101.features.training")):
                trained_feature_attention(column, FEATURE_SEED)
            st.session_state["fa_trained"] = column
    features, labels = feature_attention.make_table(column, n_rows=6, seed=FEATURE_SEED)
    preview = pd.DataFrame(features.round(2), columns=[f"x{i}" for i in range(features.shape[1])])
    preview["label"] = labels.astype(int)
    st.dataframe(preview, width="stretch", hide_index=True)
    st.caption(t("a101.features.table", column=f"x{column}"))
    if st.session_state.get("fa_trained") != column:
        st.info(t("a101.features.press"), icon=":material/touch_app:")
        return None
    result = trained_feature_attention(column, FEATURE_SEED)
    chart(
        feature_attention_bar(
            result["attention"],
            result["informative"],
            labels={
                "title": t("a101.features.chart"),
                "x": t("a101.features.chart.x"),
                "y": t("a101.features.chart.y"),
                "informative": t("a101.features.chart.informative"),
            },
            colorscale=COLORSCALE,
        ),
        "fa_attention",
        f"attnviz-feature-attention-x{column}",
    )
    found = result["top"] == result["informative"]
    st.markdown(
        t(
            "a101.features.found" if found else "a101.features.missed",
            top=f"x{result['top']}",
            column=f"x{result['informative']}",
            weight=max(result["attention"]),
            accuracy=result["accuracy"],
            seconds=result["seconds"],
        )
    )
    st.session_state["fa_result"] = result
    return result


linkstate.restore(LINK)
page.header(t, "a101.title", "a101.intro")
linkstate.show_notes(LINK, t)

st.header(t("a101.steps.title"))
controls, vectors_column = st.columns([2, 3], gap="large")
with controls, st.container(border=True):
    tokens, dim, scoring, temperature = example_controls()
seed = int(st.session_state.get("a101_seed", 0))
with vectors_column, st.container(border=True):
    query, keys, values = vectors(tokens, dim, seed)
steps = show_steps(tokens, query, keys, values, scoring, temperature, seed)
show_hardness(tokens, steps.scores, seed)  # soft -> hard, with sampling
st.divider()
show_heads(tokens, query, keys, values, temperature, seed)
st.divider()
show_feature_attention()
linkstate.sync(
    LINK,
    {
        "tokens": " ".join(tokens),
        "dim": dim,
        "scoring": scoring,
        "temperature": temperature,
        "q": tuple(query),
        "seed": seed,
        "column": st.session_state.get("fa_column"),
    },
)
