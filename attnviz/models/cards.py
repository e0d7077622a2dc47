"""Model cards: the JSON files training wrote next to each model in `pretrained/`.

`list_cards` finds every `*.json` card (so new models show up without code changes);
`layer_table` loads a `.keras` file and lists its layers with output shapes and
parameter counts.
"""

import json
from pathlib import Path

import pandas as pd

from attnviz.models.paths import pretrained_dir

# Training-history keys drawn as accuracy-like (0..1) and loss-like curves.
ACCURACY_KEYS = ("accuracy", "val_accuracy", "val_exact_match")
LOSS_KEYS = ("loss", "val_loss")
# The short-text stage's per-epoch figures (`short_stage_history`), raw and moving average.
SHORT_STAGE_KEYS = ("val_reviews", "val_reviews_ema", "dev", "dev_ema")
# Hand-written sets a sentiment card reports that no training chose on, by card key
# (`attnviz.train.one_liners.MEASURED_SETS` measures them; the dev one-liners chose).
MEASURED_ONLY = ("holdout_one_liners", "holdout2_one_liners", "dev_snippets", "holdout_snippets")


def short_stage_history(card):
    """The sentiment short-text stage's epochs as a training history, and the kept row.

    Returns `(rows, kept)`: `rows` has one dict per epoch (from 1) with the held-out
    reviews' accuracy (`val_reviews`) and the dev one-liners' (`dev`) of the raw weights,
    and `*_ema` for the moving average where it was measured; `kept` is
    `(epoch, "raw" | "ema")`, or None for a card without that stage.
    """
    stage = card.get("short_text_stage") or {}
    by_epoch = {}
    for row in stage.get("epochs") or []:
        if row.get("epoch", 0) < 1:
            continue  # the starting point: random layers for a fresh stage
        suffix = "_ema" if row.get("weights") == "ema" else ""
        entry = by_epoch.setdefault(row["epoch"], {"epoch": row["epoch"]})
        entry["val_reviews" + suffix] = row["val_reviews"]
        entry["dev" + suffix] = row["dev_one_liners"]["all"]
    if not by_epoch or "best_epoch" not in stage:
        return [], None
    rows = [by_epoch[e] for e in sorted(by_epoch)]
    return rows, (stage["best_epoch"], stage.get("best_weights", "raw"))


def list_cards(folder=None):
    """{name: path} of every model card (a JSON with a "task") in `folder`, sorted by name."""
    folder = Path(folder) if folder is not None else pretrained_dir()
    cards = {}
    for path in sorted(folder.glob("*.json")):
        try:
            card = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(card, dict) and "task" in card:
            cards[path.stem] = path
    return cards


def read_card(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def task_of(card):
    """ "sentiment", "dates" or "times" (another string for an unknown kind of model)."""
    return str(card.get("task", "unknown"))


def model_file(card_path, card):
    """The `.keras` file a card describes (its "model_file", else the card's own stem)."""
    card_path = Path(card_path)
    return card_path.parent / card.get("model_file", card_path.stem + ".keras")


def exact_accuracy(card):
    """Test accuracy as one number (dates/times store {"exact_match": ...})."""
    accuracy = card.get("test_accuracy")
    if isinstance(accuracy, dict):
        accuracy = accuracy.get("exact_match")
    return float(accuracy) if accuracy is not None else None


def test_examples(card):
    if "test_reviews" in card:
        return int(card["test_reviews"])
    counts = (
        (card.get("test_accuracy") or {}) if isinstance(card.get("test_accuracy"), dict) else {}
    )
    if "per_family_count" in counts:
        return int(sum(counts["per_family_count"].values()))
    config = card.get("config") or {}
    return config.get("test_examples")


def config_table(card):
    """The card's training configuration as a two-column table (nested dicts as text)."""
    rows = []
    for key, value in (card.get("config") or {}).items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items())
        rows.append({"setting": key, "value": str(value)})
    return pd.DataFrame(rows, columns=["setting", "value"])


def layer_table(path):
    """Every layer of a saved model: name, type, output shape and parameter count."""
    import keras

    from attnviz.models import layers  # noqa: F401  (registers the custom layers)

    model = keras.saving.load_model(Path(path), compile=False)
    rows = []
    for layer in model.layers:
        outputs = getattr(layer, "output", None)
        outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
        shapes = ", ".join(_shape_text(o.shape) for o in outputs if hasattr(o, "shape"))
        rows.append(
            {
                "layer": layer.name,
                "type": type(layer).__name__,
                "output shape": shapes,
                "parameters": int(layer.count_params()),
            }
        )
    return pd.DataFrame(rows)


def _shape_text(shape):
    """`(None, None, 64)` as "(batch, length, 64)": the unknown sizes named."""
    names = ["batch" if i == 0 else "length" if d is None else str(d) for i, d in enumerate(shape)]
    return "(" + ", ".join(names) + ")"
