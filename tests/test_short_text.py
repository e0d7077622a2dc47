"""The short-text stage of sentiment training: generated one-liners, the development set,
the stage-2 training CLI end to end on a tiny fixture, and the shipped model on one-liners."""

import json
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest

from attnviz.models.paths import PRETRAINED_DIR
from attnviz.models.sentiment import load_sentiment_model
from attnviz.train.one_liners import per_category, read_dev_set
from attnviz.train.short_reviews import CATEGORIES, short_reviews
from tests.imdb_fixture import write_tiny_imdb


def test_generated_one_liners_are_seeded_balanced_and_cover_every_category():
    rows = short_reviews(600, seed=3)
    assert rows == short_reviews(600, seed=3)
    assert rows != short_reviews(600, seed=4)
    by = Counter((category, label) for _, label, category in rows)
    assert set(by) == {(c, y) for c in CATEGORIES for y in (0, 1)}
    assert all(n == 50 for n in by.values())
    assert all(text.strip() and len(text) < 160 for text, _, _ in rows)


def test_generated_negations_flip_the_negated_word():
    rows = [r for r in short_reviews(3000, seed=1) if r[2] == "negation"]
    for text, label, _ in rows:
        lower = text.lower()
        if lower.startswith("not bad") or " not bad" in lower:
            assert label == 1, text
        if lower.startswith("not good") or "was not good" in lower:
            assert label == 0, text


def test_development_set_is_hand_written_balanced_and_distinct_from_the_generator():
    rows = read_dev_set()
    assert len(rows) >= 150
    counts = Counter(category for _, _, category in rows)
    assert set(counts) == {"plain", "negation", "contrast", "expectation", "idiom", "oneword"}
    assert min(counts.values()) >= 25
    assert abs(sum(label for _, label, _ in rows) - len(rows) / 2) <= len(rows) * 0.05
    # one-word verdicts ("Awful!") cannot help meeting the generator; longer lines rarely do
    generated = {t.lower() for t, _, _ in short_reviews(20_000, seed=2024)}
    longer = [t for t, _, category in rows if category != "oneword"]
    overlap = [t for t in longer if t.lower() in generated]
    assert len(overlap) <= len(longer) * 0.05, overlap


def test_per_category_accuracy_golden():
    rows = [("a", 1, "x"), ("b", 0, "x"), ("c", 1, "y"), ("d", 0, "y")]
    result = per_category(rows, np.array([0.9, 0.6, 0.4, 0.1]))
    assert result == {"all": 0.5, "x": 0.5, "y": 0.5}


@pytest.fixture(scope="module")
def stage_two(tmp_path_factory):
    """A tiny stage-1 model, then the real stage-2 CLI on top of it (seconds)."""
    root = tmp_path_factory.mktemp("short")
    data = write_tiny_imdb(root)
    stage1 = root / "stage1"
    common = ["--data", str(data)]
    first = [
        sys.executable, "-m", "attnviz.train", "sentiment", *common, "--out", str(stage1),
        "--epochs", "1", "--vocab-size", "40", "--max-tokens", "20", "--embedding-dim", "4",
        "--lstm-units", "3", "--attention-units", "3", "--batch-size", "8", "--threads", "1",
        "--word2vec-epochs", "0",
    ]  # fmt: skip
    done = subprocess.run(first, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    stage2 = root / "stage2"
    second = [
        sys.executable, "-m", "attnviz.train", "sentiment-short", *common, "--init", str(stage1),
        "--out", str(stage2), "--epochs", "2", "--own-examples", "64",
    ]  # fmt: skip
    done = subprocess.run(second, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return stage1, stage2


def test_stage_two_cli_writes_a_card_with_both_stages_and_the_dev_set(stage_two):
    stage1, stage2 = stage_two
    first = json.loads((stage1 / "sentiment-additive.json").read_text())
    card = json.loads((stage2 / "sentiment-additive.json").read_text())
    assert card["stage_1"]["test_accuracy"] == first["test_accuracy"]
    short = card["short_text_stage"]
    assert [row["epoch"] for row in short["epochs"]] == [0, 1, 2]
    assert short["best_epoch"] in (1, 2) and short["best_weights"] == "raw"  # no --ema
    assert short["config"]["ema_momentum"] == 0.0 and short["config"]["word_dropout"] == 0.0
    assert short["command"] == (  # what reproduces it: the options off their defaults
        "python -m attnviz.train sentiment-short --variant additive --epochs 2 --own-examples 64"
    )
    best = next(r for r in short["epochs"] if r["epoch"] == short["best_epoch"])
    assert best["score"] == max(r["score"] for r in short["epochs"] if r["epoch"] > 0)
    assert short["config"]["training_sentences"] >= 0 and short["peak_memory_mb"] > 0
    dev = card["dev_one_liners"]
    assert dev["sentences"] == len(read_dev_set())
    assert set(dev["accuracy"]) == {"all", "plain", "negation", "contrast", "expectation",
                                    "idiom", "oneword"}  # fmt: skip
    assert card["test_reviews"] == 48 and 0.0 <= card["test_accuracy"] <= 1.0
    # the stage-2 model is what the card describes: its dev accuracy is reproducible
    model = load_sentiment_model(stage2)
    p = model.predict_proba([r[0] for r in read_dev_set()])
    assert per_category(read_dev_set(), p) == pytest.approx(dev["accuracy"])
    assert (stage2 / "sentiment-vocab.txt").read_text() == (
        stage1 / "sentiment-vocab.txt"
    ).read_text()


def test_stage_two_fresh_bilstm_can_be_wider_and_the_card_says_so(stage_two, tmp_path):
    stage1, _ = stage_two
    data = write_tiny_imdb(tmp_path / "data")
    base = [
        sys.executable, "-m", "attnviz.train", "sentiment-short", "--data", str(data),
        "--init", str(stage1), "--out", str(tmp_path / "wide"), "--epochs", "1",
        "--own-examples", "32", "--lstm-units", "5", "--skip-test",
    ]  # fmt: skip
    refused = subprocess.run(base, capture_output=True, text=True, timeout=900)
    assert refused.returncode != 0 and "--lstm-units needs --fresh" in refused.stderr
    done = subprocess.run([*base, "--fresh"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    card = json.loads((tmp_path / "wide" / "sentiment-additive.json").read_text())
    model = load_sentiment_model(tmp_path / "wide")
    assert card["config"]["lstm_units"] == 5  # stage 1 had 3
    assert model.model.get_layer("encoder").forward_layer.units == 5
    assert card["parameters"] == model.model.count_params()
    assert card["short_text_stage"]["command"] == (
        "python -m attnviz.train sentiment-short --variant additive --fresh --epochs 1"
        " --lstm-units 5 --own-examples 32"
    )


def test_stage_two_card_lists_negation_occlusion(stage_two):
    _, stage2 = stage_two
    card = json.loads((stage2 / "sentiment-additive.json").read_text())
    effects = card["negation_occlusion"]
    assert len(effects) >= 20
    teacher = card["short_text_stage"]["config"]["teacher"]  # the stage-1 ensemble (here one)
    assert teacher["models"] == ["sentiment-additive.keras (stage 1)"]
    assert teacher["share_of_review_target"] == 0.5
    assert 0.0 <= teacher["val_reviews_accuracy"] <= 1.0
    model = load_sentiment_model(stage2)
    first = effects[0]
    assert first["word"].lower() in first["text"].lower()
    p = model.predict_proba([first["text"]])[0]
    assert p == pytest.approx(first["p_positive"], abs=1e-3)


def test_word_dropout_hides_the_share_of_words_asked_for():
    from attnviz.models.text import OOV_ID
    from attnviz.train.sentiment_short import word_dropout

    reviews = [list(range(2, 12)), [5, 6, 7]]
    assert [list(x) for x in word_dropout(reviews, 0.0, np.random.default_rng(0))] == reviews
    assert [list(x) for x in word_dropout(reviews, 1.0, np.random.default_rng(0))] == [
        [OOV_ID] * 10, [OOV_ID] * 3,
    ]  # fmt: skip
    long = [np.arange(2, 20_002)]
    hidden = word_dropout(long, 0.15, np.random.default_rng(1))[0]
    assert abs(np.mean(hidden == OOV_ID) - 0.15) < 0.01
    kept = hidden != OOV_ID
    assert np.array_equal(hidden[kept], long[0][kept])  # the rest untouched, in place
    assert list(long[0][:3]) == [2, 3, 4]  # the input itself is not changed


def test_mixed_batches_drop_words_of_one_part_only_and_anew_each_epoch():
    from attnviz.models.text import OOV_ID
    from attnviz.train.sentiment_short import mixed_batches

    reviews = [list(range(2, 42))] * 4  # whole reviews: 40 words, dropout 0.5
    short = [[2, 3, 4]] * 4  # short text: never hidden
    parts = [
        (reviews, [1.0] * 4, 1.0, None, 4, 0.5),
        (short, [0.0] * 4, 0.6, None, 4),
    ]
    dataset, steps = mixed_batches(parts, batch_size=8, seed=3)
    assert steps == 1
    epochs = [next(iter(dataset)) for _ in range(2)]  # a new pass of the generator each
    for ids, labels, weights in epochs:
        ids, labels = ids.numpy(), labels.numpy()
        assert sorted(weights.numpy().round(2)) == [0.6] * 4 + [1.0] * 4
        long_rows, short_rows = ids[labels == 1.0], ids[labels == 0.0]
        assert 0.3 < np.mean(long_rows == OOV_ID) < 0.7
        assert (short_rows[:, :3] == [2, 3, 4]).all() and (short_rows[:, 3:] == 0).all()
    first, second = (e[0].numpy()[e[1].numpy() == 1.0] for e in epochs)
    assert not np.array_equal(np.sort(first, axis=0), np.sort(second, axis=0))


def test_fresh_start_keeps_only_the_stage_one_embedding():
    from attnviz.models.sentiment import build_sentiment_model
    from attnviz.train.sentiment_short import start_from

    sizes = dict(embedding_dim=4, lstm_units=3, attention_units=3)
    stage1 = build_sentiment_model(30, **sizes)
    for w in stage1.weights:  # recognisable stage-1 values
        w.assign(np.full(w.shape, 0.5, dtype="float32"))
    fresh = build_sentiment_model(30, **sizes)
    before = [w.numpy().copy() for w in fresh.weights]
    start_from(fresh, stage1, fresh=True)
    for w, b in zip(fresh.weights, before):
        if "embedding" in w.path:
            np.testing.assert_array_equal(w.numpy(), np.full(w.shape, 0.5))
        else:  # untouched: its own initial values, not stage 1's
            np.testing.assert_array_equal(w.numpy(), b)
    assert any("encoder" in w.path for w in fresh.weights)
    continued = build_sentiment_model(30, **sizes)
    start_from(continued, stage1)
    for w in continued.weights:
        np.testing.assert_array_equal(w.numpy(), np.full(w.shape, 0.5))


def test_epoch_log_keeps_the_moving_average_beside_the_raw_weights(tmp_path):
    """With `ema`, every epoch is measured and saved twice: the raw weights training goes
    on from, and the optimizer's moving average (restored to raw afterwards)."""
    import keras

    from attnviz.models.sentiment import build_sentiment_model
    from attnviz.train.sentiment_short import EpochLog, weights_file

    keras.utils.set_random_seed(5)
    model = build_sentiment_model(30, embedding_dim=4, lstm_units=3, attention_units=3)
    model.compile(optimizer=keras.optimizers.Adam(0.05, use_ema=True, ema_momentum=0.5),
                  loss="binary_crossentropy", jit_compile=False)  # fmt: skip
    x = np.array([[3, 4, 5, 6], [7, 8, 9, 0], [3, 5, 0, 0], [9, 9, 8, 0]], dtype="int32")
    y = np.array([1.0, 0.0, 1.0, 0.0], dtype="float32")
    sequences = [list(r[r > 0]) for r in x]
    rows = [("a", 1, "plain"), ("b", 0, "plain"), ("c", 1, "negation"), ("d", 0, "negation")]
    log = EpochLog(tmp_path, {"val_reviews": (sequences, list(y)), "dev_one_liners": (sequences, rows)},
                   ema=True)  # fmt: skip
    seen = {}

    class After(keras.callbacks.Callback):  # runs after the log, in the same epoch end
        def on_epoch_end(self, epoch, logs=None):
            seen[epoch] = (
                [v.numpy().copy() for v in self.model.trainable_variables],
                [a.numpy().copy() for a in self.model.optimizer._model_variables_moving_average],
            )

    model.fit(x, y, batch_size=2, epochs=2, callbacks=[log, After()], verbose=0, shuffle=False)
    assert [(r["epoch"], r["weights"]) for r in log.rows] == [(1, "raw"), (1, "ema"),
                                                              (2, "raw"), (2, "ema")]  # fmt: skip
    assert weights_file(log.rows[1]) == "epoch-1-ema.weights.h5"
    assert weights_file(log.rows[2]) == "epoch-2.weights.h5"
    for epoch in (1, 2):
        raw, average = seen[epoch - 1]
        assert not all(np.allclose(r, a) for r, a in zip(raw, average))
        for name, expected in ((f"epoch-{epoch}.weights.h5", raw),
                               (f"epoch-{epoch}-ema.weights.h5", average)):  # fmt: skip
            probe = build_sentiment_model(30, embedding_dim=4, lstm_units=3, attention_units=3)
            probe.load_weights(tmp_path / name)
            for got, want in zip(probe.trainable_variables, expected):
                np.testing.assert_allclose(got.numpy(), want, rtol=1e-6, atol=1e-7)
    saved = json.loads((tmp_path / "epochs.json").read_text())
    assert saved == log.rows and all(0.0 <= r["score"] <= 1.0 for r in saved)
    # a resumed run counts the seconds of the run it continues
    spent = json.loads((tmp_path / "seconds.json").read_text())
    assert 0.0 < spent <= log.seconds()
    resumed = EpochLog(tmp_path, log.checks, ema=True)
    assert resumed.earlier == spent and resumed.rows == saved and resumed.seconds() >= spent


def test_interpolate_golden_weights():
    from attnviz.train.sentiment_interpolate import interpolate

    first = [np.array([0.0, 2.0]), np.array([[1.0]])]
    second = [np.array([4.0, 2.0]), np.array([[-1.0]])]
    mixed = interpolate(first, second, 0.25)
    np.testing.assert_allclose(mixed[0], [1.0, 2.0])
    np.testing.assert_allclose(mixed[1], [[0.5]])
    with pytest.raises(ValueError):
        interpolate(first, [np.zeros(3), np.zeros((1, 1))], 0.5)


def test_stage_three_never_trades_a_one_liner_category_for_reviews():
    from attnviz.train.sentiment_interpolate import choose

    kept = {"all": 0.9, "negation": 0.85, "plain": 0.95}
    grid = [
        {"alpha": 0.8, "score": 0.93, "dev_one_liners": {"all": 0.9, "negation": 0.825,
                                                         "plain": 0.975}},
        {"alpha": 0.9, "score": 0.92, "dev_one_liners": {"all": 0.9, "negation": 0.85,
                                                         "plain": 0.95}},
        {"alpha": 1.0, "score": 0.91, "dev_one_liners": dict(kept)},
    ]  # fmt: skip
    assert choose(grid, kept)["alpha"] == 0.9  # 0.8 scores best but loses a negation
    assert choose(grid[:1], kept)["alpha"] == 0.8  # nothing qualifies: the best score


def test_stage_three_cli_keeps_the_best_mix_and_its_grid(stage_two, tmp_path):
    """Stage 3 scores a grid of weight averages of stage 1 and 2 and saves the best one."""
    from attnviz.train.sentiment_interpolate import choose

    stage1, stage2 = stage_two
    data = write_tiny_imdb(tmp_path / "imdb")
    out = tmp_path / "stage3"
    third = [
        sys.executable, "-m", "attnviz.train", "sentiment-interpolate", "--data", str(data),
        "--init", str(stage1), "--finetuned", str(stage2), "--out", str(out),
        "--alphas", "0", "0.5", "1",
    ]  # fmt: skip
    done = subprocess.run(third, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    card = json.loads((out / "sentiment-additive.json").read_text())
    mix = card["weight_interpolation"]
    assert [row["alpha"] for row in mix["grid"]] == [0.0, 0.5, 1.0]
    kept = json.loads((stage2 / "sentiment-additive.json").read_text())["dev_one_liners"]
    best = choose(mix["grid"], kept["accuracy"])
    assert mix["alpha"] == best["alpha"]
    for row in mix["grid"]:
        assert row["score"] == pytest.approx(
            (row["val_reviews"] + row["dev_one_liners"]["all"]) / 2
        )
    # the saved weights are that mix of the two stages, and the card's figures are its own
    first, second = load_sentiment_model(stage1), load_sentiment_model(stage2)
    third_model = load_sentiment_model(out)
    alpha = mix["alpha"]
    for a, b, c in zip(first.model.get_weights(), second.model.get_weights(),
                       third_model.model.get_weights()):  # fmt: skip
        np.testing.assert_allclose(c, (1 - alpha) * a + alpha * b, rtol=1e-5, atol=1e-6)
    assert card["dev_one_liners"]["accuracy"]["all"] == best["dev_one_liners"]["all"]
    assert (
        mix["stage_2_test_accuracy"]
        == json.loads((stage2 / "sentiment-additive.json").read_text())["test_accuracy"]
    )
    assert card["test_reviews"] == 48 and "short_text_stage" in card


@pytest.mark.parametrize(
    "variant, floor",
    [("additive", 0.90), ("per_unit", 0.88), ("dot_product", 0.88), ("multi_head", 0.88)],
)
def test_shipped_models_get_hand_written_one_liners_right(variant, floor):
    """Regression guard: the shipped default keeps at least 90 % of the dev set, every
    variant through the short-text stage 88 % (the issue's floors). The card must match.
    """
    model = load_sentiment_model(PRETRAINED_DIR, variant=variant)
    if "short_text_stage" not in model.card:
        pytest.skip(f"the shipped {variant} model has not been through stage 2")
    rows = read_dev_set()
    accuracy = per_category(rows, model.predict_proba([r[0] for r in rows]))
    assert accuracy["all"] >= floor, accuracy
    assert model.card["dev_one_liners"]["accuracy"] == pytest.approx(accuracy, abs=1e-9)


def test_snippet_set_is_balanced_and_apart_from_the_one_liners():
    from attnviz.train.one_liners import SNIPPET_SET

    snippets = read_dev_set(SNIPPET_SET)
    assert len(snippets) == 120 and sum(r[1] for r in snippets) == 60
    assert {r[2] for r in snippets} == {"snippet"}
    assert len({r[0] for r in snippets}) == 120
    assert not {r[0] for r in snippets} & {r[0] for r in read_dev_set()}


def test_shipped_default_card_reports_the_snippet_set_as_measured():
    from attnviz.train.one_liners import SNIPPET_SET, dev_report

    model = load_sentiment_model(PRETRAINED_DIR, variant="additive")
    measured = dev_report(model, SNIPPET_SET)
    assert model.card["dev_snippets"]["accuracy"] == pytest.approx(measured["accuracy"], abs=1e-9)
    assert measured["accuracy"]["all"] >= 0.80  # the snippet target, on our own set


def test_holdout_one_liners_are_balanced_and_apart_from_the_dev_set():
    from attnviz.train.one_liners import HOLDOUT_SET

    rows = read_dev_set(HOLDOUT_SET)
    counts = Counter((category, label) for _, label, category in rows)
    assert len(rows) == 120 and len({r[0] for r in rows}) == 120
    assert set(counts.values()) == {10}  # 10 positive and 10 negative per category
    assert {c for c, _ in counts} == {r[2] for r in read_dev_set()}
    dev = {r[0].lower().strip(" .!") for r in read_dev_set()}
    assert not [r[0] for r in rows if r[0].lower().strip(" .!") in dev]


def test_second_holdout_sets_are_balanced_and_apart_from_every_other_set():
    from attnviz.models.cards import MEASURED_ONLY
    from attnviz.train.one_liners import MEASURED_SETS

    assert set(MEASURED_SETS) == {"dev_one_liners", *MEASURED_ONLY}  # the cards page shows them
    rows = read_dev_set(MEASURED_SETS["holdout2_one_liners"])
    snippets = read_dev_set(MEASURED_SETS["holdout_snippets"])
    assert (len(rows), len(snippets)) == (131, 100)
    counts = Counter((category, label) for _, label, category in rows)
    assert {c for c, _ in counts} == {r[2] for r in read_dev_set()}
    assert all(counts[c, 0] == counts[c, 1] for c, _ in counts if c != "plain")
    assert Counter(label for _, label, _ in snippets) == {0: 50, 1: 50}

    def key(text):
        return text.lower().strip(" .!")

    for name, path in MEASURED_SETS.items():
        if name in ("holdout2_one_liners", "holdout_snippets"):
            continue
        earlier = {key(r[0]) for r in read_dev_set(path)}
        assert not [r[0] for r in rows + snippets if key(r[0]) in earlier], name
    assert len({key(r[0]) for r in rows + snippets}) == 231


HOLDOUT_SIZES = {"holdout_one_liners": 120, "holdout2_one_liners": 131, "holdout_snippets": 100}


@pytest.mark.parametrize("variant", ["additive", "per_unit", "dot_product", "multi_head"])
@pytest.mark.parametrize("key", list(HOLDOUT_SIZES))
def test_shipped_cards_report_the_holdout_sets_as_measured(variant, key):
    from attnviz.train.one_liners import MEASURED_SETS, dev_report

    model = load_sentiment_model(PRETRAINED_DIR, variant=variant)
    measured = dev_report(model, MEASURED_SETS[key])
    card = model.card[key]
    assert card["accuracy"] == pytest.approx(measured["accuracy"], abs=1e-9)
    assert card["file"] == f"tests/data/{MEASURED_SETS[key].name}"
    assert card["sentences"] == measured["sentences"] == HOLDOUT_SIZES[key]
