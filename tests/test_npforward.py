"""The numpy forward pass against the Keras model it copies, and what it spares the server."""

import json
import subprocess
import sys
import zipfile

import keras
import numpy as np
import pytest

from attnviz.models import npforward
from attnviz.models.paths import ModelFileError, pretrained_dir
from attnviz.models.sentiment import (
    VARIANTS,
    SentimentModel,
    attention_model,
    build_sentiment_model,
    load_sentiment_model,
)
from attnviz.models.text import Vocabulary

WORDS = ["good", "bad", "film", "plot", "great", "awful", "the", "a", "was", "it", "not"]


def tiny_keras_model(variant, seed=5):
    keras.utils.set_random_seed(seed)
    model = build_sentiment_model(len(WORDS) + 2, 6, 4, 5, variant=variant)
    rng = np.random.default_rng(seed)
    model.set_weights([w + rng.normal(0, 0.7, size=w.shape) for w in model.get_weights()])
    return model


def flat(weights, prefix=""):
    for key, value in weights.items():
        if isinstance(value, dict):
            yield from flat(value, f"{prefix}{key}/")
        else:
            yield prefix + key, value


def same_arrays(first, second):
    first, second = dict(flat(first)), dict(flat(second))
    assert first.keys() == second.keys()
    for key in first:
        np.testing.assert_array_equal(first[key], second[key], err_msg=key)


@pytest.mark.parametrize("variant", VARIANTS)
def test_numpy_forward_equals_the_keras_model(variant, tmp_path):
    model = tiny_keras_model(variant)
    path = tmp_path / f"sentiment-{variant}.keras"
    model.save(path)
    from_file = npforward.read_weights(path, variant)
    same_arrays(from_file, npforward.weights_of_model(model, variant))
    forward = npforward.SentimentForward(from_file, variant)
    explainer = attention_model(model, full=True)
    for ids in ([3], [3, 9, 4, 12, 2], list(np.random.default_rng(1).integers(1, 13, 37))):
        probability, weights, tensor = (np.asarray(x)[0] for x in explainer(np.array([ids])))
        mine = forward(ids)
        assert mine[0] == pytest.approx(float(probability[0]), abs=1e-6)
        np.testing.assert_allclose(mine[1], weights, atol=1e-6)
        np.testing.assert_allclose(mine[2], tensor, atol=1e-6)
        assert mine[1].sum() == pytest.approx(1.0, abs=1e-5)


@pytest.mark.parametrize("variant", VARIANTS)
def test_shipped_files_read_without_keras_hold_the_loaded_models_weights(variant):
    """Pins the `.keras` layout `read_weights` relies on (group names, array order)."""
    path = pretrained_dir() / f"sentiment-{variant}.keras"
    loaded = keras.saving.load_model(path, compile=False)
    same_arrays(npforward.read_weights(path, variant), npforward.weights_of_model(loaded, variant))


def test_explain_runs_in_numpy_and_batches_in_keras():
    model = SentimentModel(
        tiny_keras_model("additive"), Vocabulary(WORDS), {"max_tokens": 40}, jit_compile=False
    )
    assert model.numpy_forward is not None and model._compiled is None
    text = "the film was not good"
    explanation = model.explain(text)
    assert model._compiled is None  # one text never touched TensorFlow
    batch = model.predict_proba([text, "great plot", "awful awful film"])
    assert batch[0] == pytest.approx(explanation.probability, abs=1e-6)
    assert model._compiled is not None


def test_the_keras_model_loads_once_on_first_use():
    calls = []

    def loader():
        calls.append(1)
        return tiny_keras_model("dot_product")

    weights = npforward.weights_of_model(tiny_keras_model("dot_product"), "dot_product")
    card = {"max_tokens": 40, "variant": "dot_product"}
    model = SentimentModel(loader, Vocabulary(WORDS), card, jit_compile=False, weights=weights)
    model.explain("a good film")
    assert calls == []
    assert model.model is model.model and calls == [1]


def test_a_shipped_model_answers_without_importing_tensorflow():
    """What lets the first review of a lesson be answered before TensorFlow is imported."""
    code = (
        "import sys, json, attnviz\n"
        "e = attnviz.load_sentiment_model().explain('Not bad at all.')\n"
        "print(json.dumps([e.label, 'tensorflow' in sys.modules, 'keras' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    label, tensorflow, keras_imported = json.loads(out.stdout.strip().splitlines()[-1])
    assert label in ("positive", "negative") and not tensorflow and not keras_imported
    shipped = load_sentiment_model(variant="additive", jit_compile=False)
    assert (
        json.loads(out.stdout.strip().splitlines()[-1])[0]
        == shipped.explain("Not bad at all.").label
    )


def test_a_broken_file_names_itself(tmp_path):
    broken = tmp_path / "sentiment-additive.keras"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError, match="could not be read"):
        npforward.read_weights(broken, "additive")
    other = tmp_path / "other.keras"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("config.json", "{}")
    with pytest.raises(ModelFileError):
        npforward.read_weights(other, "additive")
    with pytest.raises(ModelFileError, match="missing"):
        npforward.read_weights(tmp_path / "none.keras", "additive")


def test_the_variants_share_one_vocabulary_object():
    first = load_sentiment_model(variant="additive", jit_compile=False)
    second = load_sentiment_model(variant="per_unit", jit_compile=False)
    assert first.vocabulary is second.vocabulary and len(first.vocabulary) == 20000
