"""Rejection for the date and time converters: the reasons, calibrated confidence, the
Converter's decision, and the training helpers (weight transfer, temperature, metrics)."""

import numpy as np
import pytest

from attnviz.models.dates import (
    REASONS,
    REJECT,
    Converter,
    build_seq2seq_model,
    calibrated_confidence,
    input_table,
    output_reason,
    output_table,
)
from attnviz.train import seq2seq

TINY = dict(embedding_dim=4, encoder_units=4, decoder_units=6, attention_units=3)


@pytest.mark.parametrize(
    "task, text, reason",
    [
        ("dates", "1976-07-04", None),
        ("dates", "1900-01-01", None),
        ("dates", "2099-12-31", None),
        ("dates", "2024-02-29", None),
        ("dates", "??????????", "not a date"),
        ("dates", "2021-03-0?", "not a date"),
        ("dates", "2021-3-04", "not a date"),
        ("dates", "2021-02-30", "impossible date"),
        ("dates", "1900-02-29", "impossible date"),
        ("dates", "1999-31-12", "impossible date"),
        ("dates", "2021-00-10", "impossible date"),
        ("dates", "2021-01-00", "impossible date"),
        ("dates", "1899-12-31", "out of range"),
        ("dates", "2100-01-01", "out of range"),
        ("dates", "0000-01-01", "out of range"),
        ("times", "00:00", None),
        ("times", "23:59", None),
        ("times", "?????", "not a time"),
        ("times", "7:15", "not a time"),
        ("times", "13:60", "impossible time"),
        ("times", "24:00", "impossible time"),
    ],
)
def test_output_reason(task, text, reason):
    assert output_reason(task, text) == reason
    assert reason is None or reason in REASONS[task]


def test_calibrated_confidence_golden_values():
    probabilities = np.array([[0.5, 0.5, 0.0], [0.9, 0.1, 0.0]])
    assert calibrated_confidence(probabilities) == pytest.approx(0.45)
    # T = 2: p ** 0.5, renormalised: 0.5 and 0.9487 / (0.9487 + 0.3162) = 0.75
    assert calibrated_confidence(probabilities, 2.0) == pytest.approx(0.375, abs=1e-4)
    # T < 1 sharpens: 0.9 ** 2 / (0.81 + 0.01) = 0.98780
    assert calibrated_confidence(probabilities[1:], 0.5) == pytest.approx(0.98780, abs=1e-5)
    batch = calibrated_confidence(np.stack([probabilities, probabilities[::-1]]))
    np.testing.assert_allclose(batch, [0.45, 0.45])


def one_hot_rows(table, text, p=0.98):
    """`(Ty, V)` probabilities that spell `text`, each chosen character with `p`."""
    rows = np.full((len(text), len(table)), (1 - p) / (len(table) - 1))
    for i, c in enumerate(text):
        rows[i, table.index[c]] = p
    return rows


@pytest.fixture(scope="module")
def scripted():
    """A tiny date Converter whose forward pass is replaced by chosen probabilities."""
    import keras

    keras.utils.set_random_seed(0)
    model = build_seq2seq_model(
        len(input_table()), len(output_table("dates")), 10, name="dates", **TINY
    )
    card = {
        "input_length": 16,
        "output_length": 10,
        "input_vocabulary": input_table().characters,
        "output_vocabulary": output_table("dates").characters,
        "rejection": {"temperature": 1.0, "confidence_threshold": 0.5},
    }
    return Converter(model, card, "dates")


@pytest.mark.parametrize(
    "answer, p, valid, reason",
    [
        ("1976-07-04", 0.99, True, None),
        (REJECT * 10, 0.99, False, "not a date"),
        ("2021-02-30", 0.99, False, "impossible date"),
        ("1850-12-12", 0.99, False, "out of range"),
        ("1976-07-04", 0.9, False, "unsure"),  # 0.9 ** 10 = 0.35 < 0.5
    ],
)
def test_converter_names_the_reason(scripted, monkeypatch, answer, p, valid, reason):
    rows = one_hot_rows(scripted.output_table, answer, p)

    def forward(ids):
        return np.repeat(rows[None], len(ids), 0), np.full((len(ids), 10, ids.shape[1]), 0.1)

    monkeypatch.setattr(scripted, "forward", forward)
    result = scripted.convert("whatever was typed")
    assert result.output == answer
    assert (result.valid, result.reason) == (valid, reason)
    assert result.confidence == pytest.approx(p**10)
    assert result.alignment.shape == (10, 16)  # the alignment is there while refusing
    assert result.to_dict()["reason"] == reason


def test_old_cards_without_rejection_never_say_unsure(scripted):
    card = {k: v for k, v in scripted.card.items() if k != "rejection"}
    converter = Converter(scripted.model, card, "dates")
    assert converter.temperature == 1.0 and converter.confidence_threshold == 0.0


def test_transfer_weights_matches_characters():
    """Embedding rows and output columns follow their characters into a bigger table."""
    import keras

    keras.utils.set_random_seed(1)
    old_in = input_table().characters[:40]  # an older, smaller input alphabet
    old_out = list("0123456789-")  # no reject symbol
    source = build_seq2seq_model(len(old_in), len(old_out), 10, name="dates", **TINY)
    card = {"input_vocabulary": old_in, "output_vocabulary": old_out}
    chars_in, chars_out = input_table(), output_table("dates")
    model = build_seq2seq_model(len(chars_in), len(chars_out), 10, name="dates", **TINY)
    fresh_reject = model.get_layer("output_softmax").get_weights()[0][:, -1].copy()
    seq2seq.transfer_weights(model, source, card, chars_in, chars_out)
    new_embedding = model.get_layer("embedding").get_weights()[0]
    old_embedding = source.get_layer("embedding").get_weights()[0]
    np.testing.assert_array_equal(new_embedding[:40], old_embedding)
    kernel, bias = model.get_layer("output_softmax").get_weights()
    old_kernel, old_bias = source.get_layer("output_softmax").get_weights()
    np.testing.assert_array_equal(kernel[:, :11], old_kernel)
    np.testing.assert_array_equal(bias[:11], old_bias)
    np.testing.assert_array_equal(kernel[:, -1], fresh_reject)  # "?" starts fresh
    for name in ("encoder", "attention", "post_attention_lstm"):
        for new, old in zip(
            model.get_layer(name).get_weights(), source.get_layer(name).get_weights()
        ):
            np.testing.assert_array_equal(new, old)


def test_fit_temperature_cools_an_overconfident_model():
    rng = np.random.default_rng(0)
    n = 400
    probabilities = np.full((n, 2, 3), 0.01)
    probabilities[:, :, 0] = 0.98  # always 0.98 sure per step ...
    correct = (rng.random(n) < 0.6).astype(float)  # ... but right 60 % of the time
    fitted = seq2seq.fit_temperature(probabilities, correct)
    assert fitted["temperature"] > 1.5
    assert fitted["log_loss_after"] < fitted["log_loss_before"]
    assert fitted["ece_after"] < fitted["ece_before"]


def test_expected_calibration_error_golden():
    confidence = np.array([0.95, 0.95, 0.15, 0.15])
    correct = np.array([1.0, 0.0, 0.0, 0.0])
    # bin 9: |0.95 - 0.5| * 0.5; bin 1: |0.15 - 0| * 0.5 -> 0.225 + 0.075
    assert seq2seq.expected_calibration_error(confidence, correct) == pytest.approx(0.3)


def test_rejection_metrics_golden():
    flagged = [True, True, True, False, False]
    negative = [True, True, False, True, False]
    metrics = seq2seq.rejection_metrics(flagged, negative)
    assert metrics["precision"] == pytest.approx(2 / 3)
    assert metrics["recall"] == pytest.approx(2 / 3)
    assert metrics["positives_flagged"] == 1


def test_score_handwritten_counts_answers_and_refusals():
    files = {"dates_x.tsv": [("a", "2021-03-04"), ("b", "not a date"), ("c", "out of range")]}
    answers = {"a": ("2021-03-04", None), "b": ("??????????", "not a date"), "c": ("", None)}
    scores = seq2seq.score_handwritten("dates", files, lambda texts: [answers[t] for t in texts])
    assert scores["dates_x.tsv"]["right"] == 2 and scores["dates_x.tsv"]["reason_matches"] == 1
    assert scores["dates_x.tsv"]["wrong"][0]["input"] == "c"


def test_training_resumes_from_its_checkpoint(tmp_path):
    """One epoch, then `--resume --epochs 2` continues (one more epoch, same folder)."""
    import json

    from attnviz.train.__main__ import main

    common = [
        "dates", "--out", str(tmp_path), "--examples", "200", "--units", "4",
        "--decoder-units", "8", "--attention-units", "4", "--embedding-dim", "4",
        "--test-examples", "40", "--validation-examples", "20", "--verbose", "0",
        "--threads", "0", "--checkpoint-dir", str(tmp_path / "ck"),
        "--handwritten-dir", str(tmp_path / "none"),
    ]  # fmt: skip
    main([*common, "--epochs", "1"])
    first = json.loads((tmp_path / "dates.json").read_text(encoding="utf-8"))
    main([*common, "--epochs", "2", "--resume"])
    second = json.loads((tmp_path / "dates.json").read_text(encoding="utf-8"))
    assert [row["epoch"] for row in first["history"]] == [1]
    assert [row["epoch"] for row in second["history"]] == [2]  # only the epoch it ran
    assert (tmp_path / "ck" / "epoch-2.keras").is_file()
    assert second["config"]["kept_epoch"] == 2


def test_earlier_rounds_training_texts_are_regenerated_from_their_configs():
    """A fine-tuning round's held-out set skips what earlier rounds trained on."""
    from attnviz.classroom import datagen
    from attnviz.models.dates import normalize

    config = {
        "task": "dates",
        "examples": 300,
        "seed": 5,
        "negative_share": 0.25,
        "boost": {"chinese": 2.0},
        "families": datagen.FAMILIES["dates"],
        "negative_families": datagen.NEGATIVE_FAMILIES["dates"],
    }
    texts, skipped = seq2seq.earlier_training_texts([{"config": config}], "dates")
    drawn = datagen.generate_mixed("dates", 300, seed=5, max_length=64, boost={"chinese": 2.0})
    assert skipped == 0 and texts == {normalize(e.text) for e in drawn}
    older = {**config, "families": {"iso": 1.0}}  # an older generator: cannot be regenerated
    assert seq2seq.earlier_training_texts([{"config": older}, {}], "dates") == (set(), 2)


def test_boosts_name_families_or_kinds_of_negative_families():
    assert seq2seq.parse_boost(
        ["chinese=2", "out_of_range.spelled_year=6", "numbers.ip=4"], "dates"
    ) == {
        "chinese": 2.0,
        "out_of_range.spelled_year": 6.0,
        "numbers.ip": 4.0,
    }
    for bad in (["numbers.nope=2"], ["out_of_range.spelled_year=3"], ["numbers.ip"]):
        with pytest.raises(SystemExit):
            seq2seq.parse_boost(bad, "times")  # times have no out-of-range family
    with pytest.raises(SystemExit):
        seq2seq.parse_boost(["numbers.nope=2"], "dates")
