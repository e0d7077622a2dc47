"""Hard attention: the layer's one-hot choice, seeded sampling and its frequencies, the
gradient estimator against the exact gradient, the hard date converter (tiny and
shipped), the k-word reader, Attention 101's soft-to-hard helper, and both training CLIs."""

import json

import numpy as np
import pytest

from attnviz.classroom import hardness
from attnviz.models.dates import input_table, output_table
from attnviz.models.hard import (
    HardConverter,
    build_hard_seq2seq_model,
    gumbel_noise,
    load_hard_date_model,
    output_frequencies,
)
from attnviz.models.kreader import HardTopK, KWordReader, build_kreader_model, load_kword_reader
from attnviz.models.layers import HardSeq2SeqAttention, Seq2SeqAttention
from attnviz.models.paths import PRETRAINED_DIR, PROJECT_DIR, ModelFileError
from attnviz.models.text import Vocabulary
from tests.imdb_fixture import write_tiny_imdb

HARD_FILE = PRETRAINED_DIR / "dates-hard.keras"
KREADER_FILE = PRETRAINED_DIR / "sentiment-kreader.keras"


def chi_square(counts, probabilities):
    """Pearson's statistic of observed `counts` against expected `probabilities`."""
    counts = np.asarray(counts, dtype=np.float64)
    expected = counts.sum() * np.asarray(probabilities, dtype=np.float64)
    return float(((counts - expected) ** 2 / expected).sum())


# χ² critical values at p = 0.001 (so a correct sampler fails 1 run in 1000 at most;
# every test here is seeded, so the outcome is fixed anyway).
CHI2_999 = {2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52}


# ---------------------------------------------------------------- the layer


def golden_layer():
    """A HardSeq2SeqAttention with hand-set weights on 2-d states and a 1-d decoder state."""
    layer = HardSeq2SeqAttention(units=2)
    layer.build([(None, None, 2), (None, 1)])
    # W: rows = [decoder state; state features], columns = hidden units.
    w = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    layer.set_weights([w, np.zeros(2, np.float32), np.array([[2.0], [-1.0]], np.float32)])
    return layer


STATES = np.array(
    [[[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [0.0, 0.0]]], dtype=np.float32
)  # (1, 4, 2); the 4th position is padding
MASK = np.array([[True, True, True, False]])
DECODER = np.zeros((1, 1), dtype=np.float32)


def golden_distribution():
    scores = np.array([2 * np.tanh(1.0), -np.tanh(1.0), 2 * np.tanh(0.5) - np.tanh(0.5)])
    e = np.exp(scores - scores.max())
    return e / e.sum()


def test_hard_layer_golden_one_hot_rows():
    layer = golden_layer()
    context, choice, weights = layer([STATES, DECODER], mask=[MASK, None], training=False)
    alpha = golden_distribution()  # [0.722, 0.068, 0.210]
    np.testing.assert_allclose(np.asarray(weights)[0, 0, :3], alpha, rtol=1e-5)
    assert np.asarray(weights)[0, 0, 3] == 0.0  # padding: exactly zero
    np.testing.assert_array_equal(np.asarray(choice)[0, 0], [1.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(np.asarray(context)[0, 0], STATES[0, 0])  # the state itself
    # Noise moves the argmax: +3 on position 2 beats log(0.722) - log(0.210) = 1.24.
    noise = np.array([[0.0, 0.0, 3.0, 0.0]], np.float32)
    _, choice, _ = layer([STATES, DECODER, noise], mask=[MASK, None], training=False)
    np.testing.assert_array_equal(np.asarray(choice)[0, 0], [0.0, 0.0, 1.0, 0.0])
    # ... but padding can never be chosen, whatever the noise.
    noise = np.array([[0.0, 0.0, 0.0, 1e6]], np.float32)
    _, choice, _ = layer([STATES, DECODER, noise], mask=[MASK, None], training=False)
    assert np.asarray(choice)[0, 0, 3] == 0.0


def test_hard_layer_scores_like_the_soft_layer():
    soft = Seq2SeqAttention(units=2)
    soft.build([(None, None, 2), (None, 1)])
    soft.set_weights(golden_layer().get_weights())
    _, soft_weights = soft([STATES, DECODER], mask=[MASK, None])
    _, _, hard_weights = golden_layer()([STATES, DECODER], mask=[MASK, None])
    np.testing.assert_allclose(np.asarray(soft_weights), np.asarray(hard_weights), rtol=1e-6)


def test_gumbel_sampling_frequencies_match_the_distribution():
    """Seeded Gumbel noise through the layer picks position i with probability alpha_i."""
    layer = golden_layer()
    draws = 6000
    noise = gumbel_noise(draws, 1, 4, seed=11)[:, 0]
    states = np.repeat(STATES, draws, axis=0)
    _, choice, _ = layer(
        [states, np.zeros((draws, 1), np.float32), noise],
        mask=[np.repeat(MASK, draws, axis=0), None],
        training=False,
    )
    counts = np.asarray(choice)[:, 0].sum(axis=0)
    assert counts[3] == 0
    assert chi_square(counts[:3], golden_distribution()) < CHI2_999[2]
    # The same seed draws the same noise.
    np.testing.assert_array_equal(noise, gumbel_noise(draws, 1, 4, seed=11)[:, 0])


def test_training_mode_samples_and_is_one_hot_forward():
    import keras

    keras.utils.set_random_seed(5)
    layer = golden_layer()
    draws = 6000
    context, choice, _ = layer(
        [np.repeat(STATES, draws, axis=0), np.zeros((draws, 1), np.float32)],
        mask=[np.repeat(MASK, draws, axis=0), None],
        training=True,
    )
    choice = np.asarray(choice)[:, 0]
    np.testing.assert_allclose(choice.sum(axis=1), 1.0, atol=1e-6)
    np.testing.assert_allclose(np.sort(choice, axis=1)[:, -1], 1.0, atol=1e-6)  # one-hot
    counts = np.round(choice).sum(axis=0)
    assert counts[3] == 0
    assert chi_square(counts[:3], golden_distribution()) < CHI2_999[2]


def test_layer_config_round_trip():
    layer = HardSeq2SeqAttention(units=5, temperature=0.5, seed=3)
    clone = HardSeq2SeqAttention.from_config(layer.get_config())
    assert (clone.units, clone.temperature, clone.seed) == (5, 0.5, 3)


# ---------------------------------------------------------------- gradient estimator


def test_gradient_estimators_against_the_exact_gradient():
    """REINFORCE is unbiased: within 4 standard errors of the exact gradient of the
    expected loss in every coordinate. Straight-through Gumbel-softmax (the estimator
    the hard models train with) is biased; its bias on this problem is measured
    (4000 draws, seed 0, temperature 1): relative bias 0.51, cosine 0.905."""
    from attnviz.train import estimators

    result = estimators.study(draws=4000, seed=0)
    exact = result["exact"]
    assert np.linalg.norm(exact) > 0.1  # a real gradient to estimate
    reinforce = result["reinforce"]
    assert np.all(np.abs(reinforce.mean - exact) <= 4 * reinforce.standard_error + 1e-6)
    assert reinforce.relative_bias < 0.05
    straight = result["straight_through"]
    assert 0.85 < straight.cosine < 0.95  # points the right way ...
    assert 0.40 < straight.relative_bias < 0.62  # ... with a measured bias (0.51)


# ---------------------------------------------------------------- tiny hard converter


@pytest.fixture(scope="module")
def tiny_converter():
    import keras

    keras.utils.set_random_seed(3)
    chars_in, chars_out = input_table(), output_table("dates")
    model = build_hard_seq2seq_model(
        len(chars_in), len(chars_out), 10, embedding_dim=8, encoder_units=8,
        decoder_units=16, attention_units=4, seed=3,
    )  # fmt: skip
    card = {
        "input_vocabulary": chars_in.characters,
        "output_vocabulary": chars_out.characters,
        "input_length": 64,
        "output_length": 10,
    }
    return HardConverter(model, card, "dates")


def test_tiny_converter_rows_are_one_hot(tiny_converter):
    result = tiny_converter.convert("July 4th, 1976")
    assert result.alignment.shape == (10, len("july 4th, 1976"))
    np.testing.assert_array_equal(result.alignment.sum(axis=1), np.ones(10))
    assert set(np.unique(result.alignment)) <= {0.0, 1.0}
    # The argmax path takes the most likely position of each step's distribution.
    np.testing.assert_array_equal(result.positions, result.distribution.argmax(axis=1))
    np.testing.assert_allclose(result.distribution.sum(axis=1), 1.0, rtol=1e-6)
    assert not result.sampled and result.seed is None


def test_sampling_is_deterministic_for_a_seed(tiny_converter):
    text = "the 4th of july, '76"
    first = tiny_converter.convert_samples(text, 12, seed=42)
    again = tiny_converter.convert_samples(text, 12, seed=42)
    assert [r.positions for r in first] == [r.positions for r in again]
    assert [r.output for r in first] == [r.output for r in again]
    one = tiny_converter.convert(text, sample=True, seed=42)
    assert one.positions == first[0].positions and one.sampled and one.seed == 42
    # A longer draw with the same seed starts with the same paths.
    longer = tiny_converter.convert_samples(text, 20, seed=42)
    assert [r.positions for r in longer[:12]] == [r.positions for r in first]
    other = tiny_converter.convert_samples(text, 12, seed=43)
    assert [r.positions for r in other] != [r.positions for r in first]
    for result in first:
        np.testing.assert_array_equal(result.alignment.sum(axis=1), np.ones(10))
    counts = output_frequencies(first)
    assert sum(c for _, c in counts) == 12
    assert counts == sorted(counts, key=lambda item: (-item[1], item[0]))


def test_first_step_sample_frequencies_follow_its_distribution(tiny_converter):
    """Step 1's distribution does not depend on earlier choices: its sampled positions
    must follow it (χ² over the positions with expected count >= 5)."""
    text = "1976-07-04"
    draws = 1000
    samples = tiny_converter.convert_samples(text, draws, seed=7)
    alpha = samples[0].distribution[0]
    np.testing.assert_allclose(samples[-1].distribution[0], alpha, rtol=1e-5)
    counts = np.bincount([r.positions[0] for r in samples], minlength=len(alpha))
    big = draws * alpha >= 5
    observed = np.append(counts[big], counts[~big].sum())
    expected = np.append(alpha[big], alpha[~big].sum())
    if expected[-1] == 0:
        observed, expected = observed[:-1], expected[:-1]
    assert chi_square(observed, expected) < CHI2_999.get(len(expected) - 1, 30.0)


def test_convert_samples_rejects_bad_arguments(tiny_converter):
    for n in (0, -1, 1001, 2.5, True, "3"):
        with pytest.raises(ValueError, match="number of samples"):
            tiny_converter.convert_samples("1976-07-04", n, seed=1)
    with pytest.raises(ValueError, match="seed"):
        tiny_converter.convert_samples("1976-07-04", 3, seed="abc")
    with pytest.raises(ValueError, match="empty"):
        tiny_converter.convert("   ", sample=True, seed=1)


def test_tiny_converter_save_load_round_trip(tiny_converter, tmp_path):
    tiny_converter.model.save(tmp_path / "dates-hard.keras")
    (tmp_path / "dates-hard.json").write_text(json.dumps(tiny_converter.card))
    loaded = load_hard_date_model(tmp_path)
    for text in ("Jan 1 2000", "31.12.1999"):
        a, b = tiny_converter.convert(text), loaded.convert(text)
        assert a.output == b.output and a.positions == b.positions
        np.testing.assert_allclose(a.distribution, b.distribution, rtol=1e-5, atol=1e-7)
        sa = tiny_converter.convert_samples(text, 5, seed=9)
        sb = loaded.convert_samples(text, 5, seed=9)
        assert [r.positions for r in sa] == [r.positions for r in sb]


def test_missing_hard_model_names_the_rebuild_command(tmp_path):
    from attnviz import load_date_model

    with pytest.raises(ModelFileError, match="--attention hard"):
        load_date_model(tmp_path, attention="hard")
    with pytest.raises(ValueError, match="unknown attention"):
        load_date_model(tmp_path, attention="sharp")


# ---------------------------------------------------------------- shipped hard model


def read_tsv(name):
    rows = []
    for line in (PROJECT_DIR / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(tuple(line.split("\t")[:2]))
    return rows


@pytest.fixture(scope="module")
def shipped_hard():
    if not HARD_FILE.is_file():
        pytest.skip(
            "pretrained/dates-hard.keras is absent: python -m attnviz.train dates --attention hard"
        )
    return load_hard_date_model()


def test_shipped_hard_model_meets_its_targets(shipped_hard):
    card = shipped_hard.card
    assert card["attention"] == "hard"
    # The held-out set is its soft twin's: dates and, a quarter, texts to refuse. The
    # issue's 99 % is for dates (when the set held only dates); refusals are held to 98 %
    # overall (the hard model copies impossible and out-of-range dates less exactly).
    accuracy = card["test_accuracy"]
    negative = set(card["config"].get("negative_families", {}))
    counts = accuracy["per_family_count"]
    dates = [f for f in accuracy["per_family"] if f not in negative]
    on_dates = sum(accuracy["per_family"][f] * counts[f] for f in dates) / sum(
        counts[f] for f in dates
    )
    assert on_dates >= 0.99, on_dates
    assert accuracy["exact_match"] >= 0.98
    rows = read_tsv("dates_handwritten.tsv")
    results = shipped_hard.convert_batch([text for text, _ in rows])
    right = sum(r.output == expected for r, (_, expected) in zip(results, rows))
    assert right / len(rows) >= 0.97, [
        (text, r.output) for r, (text, e) in zip(results, rows) if r.output != e
    ]
    for result in results:
        np.testing.assert_array_equal(result.alignment.sum(axis=1), np.ones(10))
        assert set(np.unique(result.alignment)) <= {0.0, 1.0}


def test_shipped_hard_model_samples(shipped_hard):
    samples = shipped_hard.convert_samples("Sat, the 4th of July '76", 20, seed=1)
    frequencies = dict(output_frequencies(samples))
    assert sum(frequencies.values()) == 20
    assert frequencies.get("1976-07-04", 0) >= 10  # sampling mostly agrees with the argmax


# ---------------------------------------------------------------- k-word reader


def topk(scores, k, real=None, training=False):
    scores = np.asarray(scores, dtype=np.float32)
    real = np.ones_like(scores, dtype=bool) if real is None else np.asarray(real)
    layer = HardTopK(max_k=5, seed=1)
    return np.asarray(layer([scores, np.asarray(k, np.int32), real], training=training))


def test_top_k_golden_selection():
    scores = [[0.1, 2.0, -1.0, 0.7, 3.0, 0.2], [5.0, 1.0, 4.0, 0.0, 0.0, 0.0]]
    real = [[True] * 6, [True, True, True, False, False, False]]
    chosen = topk(scores, [2, 5], real)
    np.testing.assert_array_equal(chosen[0], [0, 1, 0, 0, 1, 0])  # 3.0 and 2.0
    np.testing.assert_array_equal(chosen[1], [1, 1, 1, 0, 0, 0])  # k > words: all real ones
    np.testing.assert_array_equal(topk(scores, [1, 1], real)[1], [1, 0, 0, 0, 0, 0])
    # Ties go to the earlier position; k above max_k is clipped to max_k.
    np.testing.assert_array_equal(topk([[1.0, 1.0, 1.0]], [1])[0], [1, 0, 0])
    assert topk([[float(i) for i in range(8)]], [9]).sum() == 5


def test_top_k_training_draws_k_words_in_proportion():
    import keras

    keras.utils.set_random_seed(2)
    scores = np.log(np.array([[0.5, 0.3, 0.15, 0.05]] * 4000, dtype=np.float32))
    chosen = topk(scores, np.full(4000, 1), training=True)
    np.testing.assert_allclose(chosen.sum(axis=1), 1.0, atol=1e-5)  # forward: exactly k
    counts = np.round(chosen).sum(axis=0)
    assert chi_square(counts, [0.5, 0.3, 0.15, 0.05]) < CHI2_999[3]
    assert np.allclose(np.round(topk(scores[:50], np.full(50, 3), training=True)).sum(1), 3)


def test_top_k_passes_a_gradient_to_the_scores():
    import tensorflow as tf

    scores = tf.Variable([[0.1, 2.0, -1.0, 0.7]])
    layer = HardTopK(max_k=3, seed=0)
    with tf.GradientTape() as tape:
        chosen = layer([scores, tf.constant([2]), tf.constant([[True] * 4])], training=True)
        loss = tf.reduce_sum(chosen * tf.constant([[1.0, -1.0, 2.0, 0.5]]))
    gradient = tape.gradient(loss, scores).numpy()
    assert np.all(np.isfinite(gradient)) and np.abs(gradient).sum() > 0.01


@pytest.fixture(scope="module")
def tiny_reader():
    import keras

    keras.utils.set_random_seed(4)
    words = ["great", "awful", "movie", "the", "plot", "loved", "boring", "was"]
    vocabulary = Vocabulary(words)
    model = build_kreader_model(len(vocabulary), embedding_dim=4, selector_units=4, word_units=4)
    card = {"max_tokens": 40, "max_k": 20, "vocabulary_file": "vocab.txt"}
    return KWordReader(model, vocabulary, card, jit_compile=False)


def test_reader_verdict_comes_from_the_chosen_words_alone(tiny_reader):
    text = "The plot was boring, but I loved the movie. Great!"
    reading = tiny_reader.read(text, 2)
    assert sum(reading.chosen) == 2 and reading.k == 2
    assert reading.chosen_words == [
        text[s:e] for (s, e), c in zip(reading.spans, reading.chosen) if c
    ]
    np.testing.assert_allclose(reading.selector_weights.sum(), 1.0)
    # Recompute the verdict from the chosen words' own embeddings, without the others.
    model = tiny_reader.model
    ids = np.array([tiny_reader.vocabulary.encode(reading.tokens)])[0]
    chosen_ids = ids[np.array(reading.chosen)]
    embedded = model.get_layer("embedding")(chosen_ids[None])
    features = np.asarray(model.get_layer("word_features")(embedded))[0].mean(axis=0)
    hidden = model.get_layer("verdict_hidden")(features[None])
    probability = float(np.asarray(model.get_layer("probability")(hidden))[0, 0])
    assert reading.probability == pytest.approx(probability, abs=1e-5)
    # More words than the text has: every word is chosen.
    assert all(tiny_reader.read("great movie", 10).chosen)


def test_reader_rejects_bad_input(tiny_reader):
    for k in (0, 21, 2.5, True):
        with pytest.raises(ValueError, match="k must be"):
            tiny_reader.read("great movie", k)
    with pytest.raises(ValueError, match="empty"):
        tiny_reader.read("   ", 3)
    with pytest.raises(ValueError, match="no words"):
        tiny_reader.read("!!! ???", 3)
    probabilities = tiny_reader.predict_proba(["great movie", "...", "awful plot"], 1)
    assert np.isnan(probabilities[1]) and np.all(np.isfinite(probabilities[[0, 2]]))


def test_shipped_reader_card_measures_every_k():
    if not KREADER_FILE.is_file():
        pytest.skip("pretrained/sentiment-kreader.keras is absent")
    card = json.loads(KREADER_FILE.with_suffix(".json").read_text(encoding="utf-8"))
    assert card["test_reviews"] == 25000
    accuracies = {int(k): v for k, v in card["test_accuracy_by_k"].items()}
    assert {1, 3, 5, 10} <= set(accuracies)
    assert all(0.6 < a < 1.0 for a in accuracies.values())
    assert KREADER_FILE.stat().st_size < 3.2e6
    reader = load_kword_reader()
    reading = reader.read("A wonderful, moving film. I loved it.", 3)
    assert sum(reading.chosen) == 3 and reading.label == "positive"


# ---------------------------------------------------------------- Attention 101 helper


def test_tempered_weights_from_soft_to_hard():
    scores = [1.0, 2.0, 0.5]
    flat = hardness.tempered_weights(scores, 5.0)
    sharp = hardness.tempered_weights(scores, 0.1)
    np.testing.assert_allclose(flat.sum(), 1.0) and np.testing.assert_allclose(sharp.sum(), 1.0)
    assert flat.max() < 0.45 < 0.99 < sharp.max()
    np.testing.assert_array_equal(hardness.tempered_weights(scores, 0.0), [0.0, 1.0, 0.0])
    with pytest.raises(ValueError):
        hardness.tempered_weights(scores, -1.0)
    draws = [hardness.sample_position([0.6, 0.3, 0.1], seed=3, draw=i) for i in range(3000)]
    assert chi_square(np.bincount(draws, minlength=3), [0.6, 0.3, 0.1]) < CHI2_999[2]
    assert draws[:20] == [hardness.sample_position([0.6, 0.3, 0.1], 3, i) for i in range(20)]


# ---------------------------------------------------------------- training CLIs


def test_cli_trains_a_tiny_hard_date_model_and_resumes(tmp_path, capsys):
    from attnviz.train.__main__ import main

    args = [
        "dates", "--attention", "hard", "--examples", "256", "--epochs", "1",
        "--units", "4", "--decoder-units", "8", "--attention-units", "4",
        "--embedding-dim", "4", "--test-examples", "64", "--validation-examples", "32",
        "--out", str(tmp_path / "out"), "--checkpoint-dir", str(tmp_path / "ck"),
        "--soft-model", str(tmp_path / "none"), "--gradient-draws", "3",
        "--verbose", "0", "--threads", "0",
    ]  # fmt: skip
    main(args)
    card = json.loads((tmp_path / "out" / "dates-hard.json").read_text())
    assert card["attention"] == "hard" and card["config"]["examples"] == 256
    assert len(card["history"]) == 1 and card["handwritten"]["examples"] == 99
    study = card["gradient_study"]
    assert study["draws"] == 3 and study["reinforce_baseline"]["total_variance"] > 0
    converter = load_hard_date_model(tmp_path / "out")
    assert converter.convert("1976-07-04").alignment.sum() == 10
    # --resume with the same options finds the finished epoch and only re-measures.
    capsys.readouterr()
    main([*args, "--resume"])
    assert "resuming after epoch 1" in capsys.readouterr().out
    # --remeasure trains nothing: the held-out set regenerated from the card, the same figures.
    main([*args, "--remeasure"])
    again = json.loads((tmp_path / "out" / "dates-hard.json").read_text())
    assert again["remeasured"]["command"].endswith("--remeasure")
    assert again["test_accuracy"] == card["test_accuracy"] and again["history"] == card["history"]
    assert again["config"] == card["config"]
    # A second round continues from the hard model; its card sums both rounds.
    first = tmp_path / "out" / "dates-hard.keras"
    second = [*args[:-12], "--out", str(tmp_path / "round2"), "--init-from", str(first)]
    second += ["--checkpoint-dir", str(tmp_path / "ck2"), "--seed", "3", "--test-seed", "1000010"]
    main([*second, "--soft-model", str(tmp_path / "none"), "--gradient-draws", "3", *args[-4:]])
    card2 = json.loads((tmp_path / "round2" / "dates-hard.json").read_text())
    assert [r["config"]["examples"] for r in card2["earlier_rounds"]] == [256]
    assert card2["all_rounds"]["epochs"] == 2 and card2["all_rounds"]["rounds"] == 2
    total = card["training_seconds"] + card2["training_seconds"]
    assert card2["all_rounds"]["training_seconds"] == pytest.approx(total, abs=0.11)


def test_cli_trains_a_tiny_kword_reader_and_resumes(tmp_path, capsys):
    from attnviz.train.__main__ import main

    data = write_tiny_imdb(tmp_path / "imdb", per_class=100)
    out = tmp_path / "out"
    out.mkdir()
    words = ["great", "wonderful", "loved", "awful", "boring", "hated", "the", "movie", "film"]
    Vocabulary(words).save(out / "vocab.txt")
    args = [
        "kreader", "--data", str(data), "--out", str(out), "--vocabulary", str(out / "vocab.txt"),
        "--epochs", "3", "--learning-rate", "0.02", "--test-examples", "100",
        "--checkpoint-dir", str(tmp_path / "ck"),
        "--verbose", "0", "--threads", "0",
    ]  # fmt: skip
    main(args)
    card = json.loads((out / "sentiment-kreader.json").read_text())
    assert card["test_reviews"] == 100 and len(card["history"]) == 3
    assert set(card["test_accuracy_by_k"]) == {"1", "3", "5", "10", "20"}
    # The tiny reviews say their label in one word: k = 5 must be well above chance.
    assert card["test_accuracy_by_k"]["5"] > 0.75
    reader = load_kword_reader(out, jit_compile=False)
    assert sum(reader.read("the movie was great", 1).chosen) == 1
    capsys.readouterr()
    main([*args, "--resume"])
    assert "resuming after epoch 3" in capsys.readouterr().out
