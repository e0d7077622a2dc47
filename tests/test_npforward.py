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


# ------------------------------------------------------------------ date and time converters


def tiny_converter_model(seed=2):
    from attnviz.models.dates import build_seq2seq_model, input_table, output_table

    keras.utils.set_random_seed(seed)
    model = build_seq2seq_model(
        len(input_table()), len(output_table("dates")), 10, name="dates",
        embedding_dim=5, encoder_units=4, decoder_units=6, attention_units=3,
    )  # fmt: skip
    rng = np.random.default_rng(seed)
    model.set_weights([w + rng.normal(0, 0.6, size=w.shape) for w in model.get_weights()])
    return model


def test_numpy_converter_equals_the_keras_model_padding_included(tmp_path):
    from attnviz.models.dates import alignment_model, encode_inputs, input_table

    model = tiny_converter_model()
    path = tmp_path / "dates.keras"
    model.save(path)
    from_file = npforward.read_converter_weights(path, "dates")
    same_arrays(from_file, npforward.weights_of_converter(model))
    texts = ["july 4", "sat, the 4th of july '76", "x", "二〇二一年三月四日"]
    ids = encode_inputs(texts, input_table(), length=32)
    probabilities, alignment = (np.asarray(x) for x in alignment_model(model)(ids))
    forward = npforward.ConverterForward(from_file, 10)
    for row, text in enumerate(texts):
        mine = forward(ids[row][ids[row] != 0])
        np.testing.assert_allclose(mine[0], probabilities[row], atol=1e-6)
        np.testing.assert_allclose(mine[1], alignment[row][:, : len(text)], atol=1e-6)
        assert (alignment[row][:, len(text) :] == 0).all()


@pytest.mark.parametrize("task", ["dates", "times"])
def test_shipped_converters_answer_the_same_in_numpy_and_keras(task):
    """Every hand-written input: the same answer, probabilities and alignment to 1e-5."""
    import csv

    from attnviz.models.dates import encode_inputs, load_converter

    path = pretrained_dir() / f"{task}.keras"
    converter = load_converter(task)
    loaded = keras.saving.load_model(path, compile=False)
    same_arrays(
        npforward.read_converter_weights(path, task), npforward.weights_of_converter(loaded)
    )
    texts = ["banana", "下午三点一刻", "x" * 80, "the 4th of july, '76"]
    for file in sorted((pretrained_dir().parent / "tests" / "data").glob(f"{task}_*.tsv")):
        with open(file, encoding="utf-8", newline="") as f:
            texts += [row[0] for row in csv.reader(f, delimiter="\t")][1:]
    ids = encode_inputs(texts, converter.input_table, converter.input_length)
    converter.numpy_rows = len(texts)
    mine = converter.forward(ids)
    converter.numpy_rows = 0  # the Keras model, with XLA
    theirs = converter.forward(ids)
    assert (mine[0].argmax(-1) == theirs[0].argmax(-1)).all()
    np.testing.assert_allclose(mine[0], theirs[0], atol=1e-5)
    np.testing.assert_allclose(mine[1], theirs[1], atol=1e-5)


def test_a_shipped_converter_answers_without_importing_tensorflow():
    code = (
        "import sys, json, attnviz\n"
        "r = attnviz.load_date_model().convert('the 4th of july, 76')\n"
        "t = attnviz.load_time_model().convert('quarter past three pm')\n"
        "print(json.dumps([r.output, r.valid, t.output, 'tensorflow' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == ["1976-07-04", True, "15:15", False]


def test_the_hard_converter_is_not_read_as_a_soft_one():
    from attnviz.models.dates import load_date_model

    with pytest.raises(ModelFileError, match="not a soft-attention converter"):
        npforward.read_converter_weights(pretrained_dir() / "dates-hard.keras", "dates")
    assert load_date_model(attention="hard").numpy_forward is None
