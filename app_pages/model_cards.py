"""Model cards: for every shipped model (every `pretrained/*.json`), what it is and how good.

What it does, data and conventions, architecture, training curves, test metrics,
training time and versions, and known limitations. Read from the JSON cards that
training wrote; the layer table loads the `.keras` file on request (cached).
"""

from pathlib import Path

import streamlit as st

from app_pages.components import linkstate
from app_pages.shared import chart
from attnviz.classroom import settings
from attnviz.i18n import translator
from attnviz.models import cards
from attnviz.viz.cards import confusion_heatmap, family_accuracy_bar, history_lines

t = translator(settings.language(st.session_state))
COLORSCALE = settings.colorscale(st.session_state)
PRESENTER = settings.presenter(st.session_state)
URL_PATH = "model-cards"
KNOWN_TASKS = ("sentiment", "dates", "times")


def card_list():
    """Every card in pretrained/ now (not cached: a newly trained model shows up at once)."""
    return {name: str(path) for name, path in cards.list_cards().items()}


@st.cache_resource(show_spinner=False)
def layers_of(model_path):
    return cards.layer_table(model_path)


def task_key(card):
    task = cards.task_of(card)
    return task if task in KNOWN_TASKS else "other"


def show_summary(name, card):
    task = task_key(card)
    st.header(name)
    if card.get("description"):  # the card's own text, written in English by training
        st.caption(t("cards.card_text", text=card["description"]))
    st.markdown(t(f"cards.what.{task}"))
    accuracy = cards.exact_accuracy(card)
    examples = cards.test_examples(card)
    metrics = st.columns(4)
    metrics[0].metric(
        t("cards.metric.accuracy"), f"{accuracy:.2%}" if accuracy is not None else "–"
    )
    metrics[1].metric(t("cards.metric.examples"), f"{examples:,}" if examples else "–")
    metrics[2].metric(t("cards.metric.parameters"), f"{card.get('parameters', 0):,}")
    seconds = card.get("training_seconds")
    metrics[3].metric(
        t("cards.metric.training"), t("cards.minutes", minutes=seconds / 60) if seconds else "–"
    )


def show_data(card):
    task = task_key(card)
    st.subheader(t("cards.data"))
    if card.get("data"):
        st.markdown(f"- {t('cards.card_text', text=card['data'])}")
    st.markdown(t(f"cards.data.{task}"))
    families = (card.get("config") or {}).get("families")
    if isinstance(families, dict):
        st.caption(
            t("cards.families", families=", ".join(f"{k} {v:.0%}" for k, v in families.items()))
        )


def show_training(name, card):
    history = card.get("history") or []
    st.subheader(t("cards.training"))
    if not history:
        st.info(t("cards.no_history"))
        return
    names = {
        "accuracy": t("cards.curve.accuracy"),
        "val_accuracy": t("cards.curve.val_accuracy"),
        "val_exact_match": t("cards.curve.val_exact_match"),
        "loss": t("cards.curve.loss"),
        "val_loss": t("cards.curve.val_loss"),
    }
    left, right = st.columns(2)
    with left:
        chart(
            history_lines(
                history,
                cards.ACCURACY_KEYS,
                labels={
                    "title": t("cards.chart.accuracy"),
                    "x": t("cards.chart.epoch"),
                    "y": t("cards.chart.accuracy.y"),
                    "names": names,
                },
            ),
            "card_accuracy",
            f"attnviz-{name}-accuracy",
        )
    with right:
        chart(
            history_lines(
                history,
                cards.LOSS_KEYS,
                labels={
                    "title": t("cards.chart.loss"),
                    "x": t("cards.chart.epoch"),
                    "y": t("cards.chart.loss.y"),
                    "names": names,
                },
            ),
            "card_loss",
            f"attnviz-{name}-loss",
        )
    show_short_stage(name, card)


def show_short_stage(name, card):
    """The sentiment short-text stage (stage 2): its epochs, and which weights were kept."""
    rows, kept = cards.short_stage_history(card)
    if not rows:
        return
    st.caption(t("cards.short_stage.intro"))
    names = {key: t(f"cards.curve.{key}") for key in cards.SHORT_STAGE_KEYS}
    chart(
        history_lines(
            rows,
            cards.SHORT_STAGE_KEYS,
            labels={
                "title": t("cards.chart.short_stage"),
                "x": t("cards.chart.epoch"),
                "y": t("cards.chart.accuracy.y"),
                "names": names,
            },
        ),
        "card_short_stage",
        f"attnviz-{name}-short-stage",
    )
    epoch, weights = kept
    st.caption(t("cards.short_stage.kept", epoch=epoch, weights=t(f"cards.weights.{weights}")))


def show_metrics(name, card):
    st.subheader(t("cards.metrics"))
    confusion = card.get("confusion_matrix")
    per_family = (
        card["test_accuracy"].get("per_family")
        if isinstance(card.get("test_accuracy"), dict)
        else None
    )
    if confusion:
        left, right = st.columns([3, 2])
        with left:
            chart(
                confusion_heatmap(
                    confusion["values"],
                    [t("cards.confusion.true_negative"), t("cards.confusion.true_positive")],
                    [t("cards.confusion.pred_negative"), t("cards.confusion.pred_positive")],
                    labels={
                        "title": t("cards.confusion.title"),
                        "x": t("cards.confusion.x"),
                        "y": t("cards.confusion.y"),
                        "colorbar": t("cards.confusion.colorbar"),
                    },
                    colorscale=COLORSCALE,
                ),
                "card_confusion",
                f"attnviz-{name}-confusion",
            )
        with right:
            if "test_loss" in card:
                st.metric(t("cards.metric.loss"), f"{card['test_loss']:.3f}")
            dev = card.get("dev_one_liners")
            if dev:
                accuracy = dev["accuracy"]
                st.markdown(
                    t(
                        "cards.dev_one_liners",
                        accuracy=f"{100 * accuracy['all']:.1f}",
                        total=dev["sentences"],
                    )
                )
                st.dataframe(
                    {
                        t("cards.dev.category"): [k for k in accuracy if k != "all"],
                        t("cards.dev.accuracy"): [
                            f"{100 * v:.1f} %" for k, v in accuracy.items() if k != "all"
                        ],
                    },
                    hide_index=True,
                )
            stages = card.get("weight_interpolation")
            if stages and card.get("stage_1") and "test_accuracy" in card:
                st.markdown(
                    t(
                        "cards.stages",
                        stage1=f"{100 * card['stage_1']['test_accuracy']:.2f}",
                        stage2=f"{100 * stages['stage_2_test_accuracy']:.2f}",
                        share=f"{100 * stages['alpha']:.0f}",
                        stage3=f"{100 * card['test_accuracy']:.2f}",
                    )
                )
            elif card.get("stage_1") and card.get("short_text_stage") and "test_accuracy" in card:
                st.markdown(
                    t(
                        "cards.stages_two",
                        stage1=f"{100 * card['stage_1']['test_accuracy']:.2f}",
                        stage2=f"{100 * card['test_accuracy']:.2f}",
                    )
                )
            for key in cards.MEASURED_ONLY:  # measured only, never chosen on
                measured = card.get(key)
                if measured:
                    accuracy = f"{100 * measured['accuracy']['all']:.1f}"
                    st.markdown(t(f"cards.{key}", accuracy=accuracy, total=measured["sentences"]))
    negations = card.get("negation_occlusion") or []
    if negations:
        with st.expander(t("cards.negation", count=len(negations))):
            st.dataframe(
                {
                    t("cards.negation.text"): [n["text"] for n in negations],
                    t("cards.negation.word"): [n["word"] for n in negations],
                    t("cards.negation.with"): [f"{n['p_positive']:.3f}" for n in negations],
                    t("cards.negation.without"): [
                        f"{n['p_positive_without_word']:.3f}" for n in negations
                    ],
                },
                hide_index=True,
                width="stretch",
            )
    if per_family:
        counts = card["test_accuracy"].get("per_family_count", {})
        families = list(per_family)
        chart(
            family_accuracy_bar(
                families,
                [per_family[f] for f in families],
                [counts.get(f) for f in families],
                labels={"title": t("cards.family.title"), "x": t("cards.family.x")},
                colorscale=COLORSCALE,
            ),
            "card_families",
            f"attnviz-{name}-families",
        )
    by_k = card.get("test_accuracy_by_k")
    if by_k:  # the k-word reader: one accuracy per number of words it may read
        ks = list(by_k)
        chart(
            family_accuracy_bar(
                [t("cards.by_k.row", k=k) for k in ks],
                [by_k[k] for k in ks],
                [card.get("test_reviews")] * len(ks),
                labels={
                    "title": t("cards.by_k.title"),
                    "x": t("cards.by_k.x"),
                    "count": t("cards.by_k.count"),
                },
                colorscale=COLORSCALE,
            ),
            "card_by_k",
            f"attnviz-{name}-by-k",
        )
    rejection = card.get("rejection")
    if isinstance(rejection, dict) and isinstance(rejection.get("test"), dict):
        test = rejection["test"]
        precision, recall, threshold = st.columns(3)
        precision.metric(t("cards.rejection.precision"), f"{100 * test['precision']:.2f} %")
        recall.metric(t("cards.rejection.recall"), f"{100 * test['recall']:.2f} %")
        threshold.metric(t("cards.rejection.threshold"), f"{rejection['confidence_threshold']}")
        st.caption(t("cards.rejection.help", negatives=test["negatives"]))
    mistakes = card.get("test_mistakes") or []
    if mistakes:
        with st.expander(t("cards.mistakes", count=len(mistakes))):
            st.dataframe(mistakes, hide_index=True, width="stretch")


def show_architecture(name, path, card):
    st.subheader(t("cards.architecture"))
    st.dataframe(
        cards.config_table(card).rename(
            columns={"setting": t("cards.col.setting"), "value": t("cards.col.value")}
        ),
        hide_index=True,
        width="stretch",
    )
    model_path = cards.model_file(path, card)
    if not model_path.is_file():
        st.caption(t("cards.no_model_file", file=model_path.name))
        return
    if st.toggle(t("cards.layers"), key="card_layers", help=t("cards.layers.help")):
        with st.spinner(t("cards.layers.loading")):
            try:
                table = layers_of(str(model_path))
            except Exception as exc:  # an unreadable file: say so, keep the rest of the card
                st.error(t("cards.layers.error", error=exc))
                return
        st.dataframe(
            table.rename(
                columns={
                    "layer": t("cards.col.layer"),
                    "type": t("cards.col.type"),
                    "output shape": t("cards.col.shape"),
                    "parameters": t("cards.col.parameters"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("cards.layers.total", total=int(table["parameters"].sum())))


def show_provenance(name, path, card):
    st.subheader(t("cards.provenance"))
    versions = card.get("versions") or {}
    lines = [
        t("cards.created", created=card.get("created", "–")),
        t(
            "cards.training_time",
            seconds=card.get("training_seconds", 0),
            minutes=card.get("training_seconds", 0) / 60,
        ),
        t("cards.versions", versions=", ".join(f"{k} {v}" for k, v in versions.items()) or "–"),
    ]
    st.markdown("\n".join(f"- {line}" for line in lines))
    if not PRESENTER:
        st.download_button(
            t("cards.download"),
            data=path.read_bytes(),
            file_name=path.name,
            mime="application/json",
            key="card_download",
            on_click="ignore",
            icon=":material/download:",
        )


def show_limitations(card):
    st.subheader(t("cards.limitations"))
    st.markdown(t(f"cards.limitations.{task_key(card)}"))


st.title(t("cards.title"))
st.markdown(t("cards.intro"))
available = card_list()
if not available:
    st.warning(t("cards.none"), icon=":material/warning:")
    st.stop()
# The sentiment models first, then dates and times, then anything new.
names = sorted(
    available,
    key=lambda n: (next((i for i, task in enumerate(KNOWN_TASKS) if n.startswith(task)), 9), n),
)
# What a link to this page may carry: one of the cards found (so built here, not above).
LINK = linkstate.Schema("cards", linkstate.Choice("model", names, key="card_model", always=True))
linkstate.restore(LINK)
linkstate.show_notes(LINK, t)
if st.session_state.get("card_model") not in available:
    st.session_state["card_model"] = names[0]
name = st.segmented_control(t("cards.model"), names, key="card_model", required=True)
name = name if name in available else names[0]
linkstate.sync(LINK, {"model": name})

path = Path(available[name])
card = cards.read_card(path)
show_summary(name, card)
show_data(card)
show_training(name, card)
show_metrics(name, card)
show_architecture(name, path, card)
show_provenance(name, path, card)
show_limitations(card)
