"""The sentiment library: training CLI end to end on a tiny fixture, explain(), errors."""

import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from attnviz.models.paths import PRETRAINED_DIR, ModelFileError
from attnviz.models.sentiment import load_sentiment_model
from tests.imdb_fixture import write_tiny_imdb

TINY_MAX_TOKENS = 20


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory):
    """Train a tiny model through the real training CLI (one epoch, a few seconds)."""
    root = tmp_path_factory.mktemp("imdb")
    data = write_tiny_imdb(root)
    out = root / "pretrained"
    command = [
        sys.executable, "-m", "attnviz.train", "sentiment", "--data", str(data),
        "--out", str(out), "--epochs", "1", "--vocab-size", "12", "--max-tokens",
        str(TINY_MAX_TOKENS), "--embedding-dim", "4", "--lstm-units", "3",
        "--attention-units", "3", "--batch-size", "8", "--threads", "1",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "val_accuracy" in done.stdout  # per-epoch progress is printed
    return out


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    return load_sentiment_model(tiny_model_dir)


def test_training_cli_writes_model_card_and_vocabulary(tiny_model_dir):
    assert (tiny_model_dir / "sentiment-additive.keras").is_file()
    vocab = (tiny_model_dir / "sentiment-vocab.txt").read_text().splitlines()
    assert len(vocab) == 10  # 12 minus padding and OOV
    card = json.loads((tiny_model_dir / "sentiment-additive.json").read_text())
    assert card["test_reviews"] == 48
    assert sum(map(sum, card["confusion_matrix"]["values"])) == 48
    assert 0.0 <= card["test_accuracy"] <= 1.0
    assert len(card["history"]) == 1 and "val_accuracy" in card["history"][0]
    assert card["max_tokens"] == TINY_MAX_TOKENS and card["vocabulary_size"] == 12
    assert card["parameters"] > 0 and card["versions"]["keras"]
    # the file holds no optimizer state: only the layers' weights
    with zipfile.ZipFile(tiny_model_dir / "sentiment-additive.keras") as saved:
        assert "optimizer" not in json.loads(saved.read("config.json"))["config"]


def test_explain_tokens_spans_weights(tiny):
    text = "The plot was thin, but I LOVED it! Zyzzyva."
    e = tiny.explain(text)
    assert [text[a:b] for a, b in e.spans] == [
        "The", "plot", "was", "thin", "but", "I", "LOVED", "it", "Zyzzyva",
    ]  # fmt: skip
    assert e.tokens[6] == "loved"
    assert len(e.weights) == len(e.tokens) == len(e.oov)
    assert np.all(e.weights >= 0) and e.weights.sum() == pytest.approx(1.0, abs=1e-5)
    assert e.oov[-1] and not e.oov[0]  # "zyzzyva" is unknown, "the" is known
    assert e.label in ("positive", "negative") and 0.0 <= e.probability <= 1.0
    assert e.label == ("positive" if e.probability >= 0.5 else "negative")
    assert not e.truncated


def test_predict_proba_matches_explain_and_keeps_order(tiny):
    texts = ["great fun", "awful boring dull mess and the plot", "loved it", "!!!", "hated"]
    batch = tiny.predict_proba(texts, batch_size=2)
    assert np.isnan(batch[3])
    for i in (0, 1, 2, 4):
        assert batch[i] == pytest.approx(tiny.explain(texts[i]).probability, abs=1e-5)


def test_long_text_is_cut_at_the_reading_limit_and_flagged(tiny):
    e = tiny.explain("great " * 200_000)  # 1.2 MB
    assert e.truncated and len(e.tokens) == TINY_MAX_TOKENS


@pytest.mark.parametrize("text", ["", "   \n\t", "\U0001f600 !!! ...", "\x00\x01"])
def test_text_without_words_is_a_readable_value_error(tiny, text):
    with pytest.raises(ValueError, match="(empty|no words)"):
        tiny.explain(text)


@pytest.mark.parametrize(
    "text",
    [
        "fun \U0001f600\U0001f44d",
        "\u05e9\u05dc\u05d5\u05dd great",
        "a\x00b\x07c",
        "\u4f60\u597d boring",
    ],
)
def test_odd_input_does_not_crash(tiny, text):
    e = tiny.explain(text)
    assert e.weights.sum() == pytest.approx(1.0, abs=1e-5)


def test_missing_model_names_path_and_rebuild_command(tmp_path):
    with pytest.raises(ModelFileError) as info:
        load_sentiment_model(tmp_path)
    assert str(tmp_path / "sentiment-additive.json") in str(info.value)
    assert "python -m attnviz.train sentiment" in str(info.value)


def test_missing_variant_names_the_command_that_trains_that_variant(tmp_path):
    with pytest.raises(ModelFileError) as info:
        load_sentiment_model(tmp_path, variant="multi_head")
    assert str(tmp_path / "sentiment-multi_head.json") in str(info.value)
    assert info.value.command.endswith("--variant multi_head")
    assert f"`{info.value.command}`" in str(info.value)
    with pytest.raises(ModelFileError) as info:
        load_sentiment_model(tmp_path)
    assert "--variant" not in info.value.command  # the default needs no flag


def test_truncated_model_file_names_path_and_rebuild_command(tiny_model_dir, tmp_path):
    for name in ("sentiment-additive.json", "sentiment-vocab.txt"):
        (tmp_path / name).write_bytes((tiny_model_dir / name).read_bytes())
    whole = (tiny_model_dir / "sentiment-additive.keras").read_bytes()
    (tmp_path / "sentiment-additive.keras").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ModelFileError) as info:
        load_sentiment_model(tmp_path)
    assert str(tmp_path / "sentiment-additive.keras") in str(info.value)
    assert "python -m attnviz.train sentiment" in str(info.value)


def test_corrupt_card_is_a_model_file_error(tiny_model_dir, tmp_path):
    (tmp_path / "sentiment-additive.json").write_text("{not json")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_sentiment_model(tmp_path)


def test_load_from_keras_file_path(tiny_model_dir):
    m = load_sentiment_model(tiny_model_dir / "sentiment-additive.keras")
    assert m.max_tokens == TINY_MAX_TOKENS


def test_unknown_variant_is_rejected():
    with pytest.raises(ValueError, match="unknown variant"):
        load_sentiment_model(variant="nope")


shipped = pytest.mark.skipif(
    not (PRETRAINED_DIR / "sentiment-additive.keras").is_file(),
    reason="pretrained/sentiment-additive.keras not built yet",
)


@pytest.fixture(scope="module")
def shipped_model():
    return load_sentiment_model()


@shipped
@pytest.mark.parametrize(
    "text, positive",
    [
        ("An absolutely wonderful film, beautifully acted and deeply moving.", True),
        ("I loved every minute of it, a brilliant and funny story.", True),
        ("A dreadful, boring movie with terrible acting. Avoid it.", False),
        ("The worst film I have seen in years, a complete waste of time.", False),
    ],
)
def test_shipped_model_gets_clear_sentences_right(shipped_model, text, positive):
    e = shipped_model.explain(text)
    if positive:
        assert e.probability > 0.8 and e.label == "positive"
    else:
        assert e.probability < 0.2 and e.label == "negative"


@shipped
def test_shipped_model_card_reports_measured_test_accuracy(shipped_model):
    card = shipped_model.card
    assert card["test_reviews"] == 25_000
    # 89.89 % since the short-text stage trains the BiLSTM anew with short text (the
    # one-liners gained, whole reviews lost half a point; README "Model quality")
    assert card["test_accuracy"] >= 0.895
    assert shipped_model.max_tokens >= 400


@shipped
def test_cli_prints_one_json_object(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "attnviz", "sentiment", "I loved it, <b>great</b> film"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["label"] == "positive" and result["truncated"] is False
    assert [t["token"] for t in result["tokens"]] == ["i", "loved", "it", "b", "great", "b", "film"]
    assert sum(t["weight"] for t in result["tokens"]) == pytest.approx(1.0, abs=1e-5)
    assert result["tokens"][1]["start"] == 2 and result["tokens"][1]["end"] == 7


@shipped
def test_cli_file_mode_one_json_per_line(tmp_path):
    reviews = tmp_path / "reviews.txt"
    reviews.write_text("A wonderful film.\n\nTerrible and boring.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "attnviz", "sentiment", "--file", str(reviews)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[0]["label"] == "positive" and rows[2]["label"] == "negative"
    assert rows[1] == {"line": 2, "error": rows[1]["error"]} and "empty" in rows[1]["error"]
    assert done.returncode == 2  # a line failed, the others were still answered


@pytest.mark.parametrize("variant", ["per_unit", "dot_product", "multi_head"])
def test_shipped_variant_loads_explains_and_reports_accuracy(variant):
    if not (PRETRAINED_DIR / f"sentiment-{variant}.keras").is_file():
        pytest.skip(f"pretrained/sentiment-{variant}.keras not trained yet")
    m = load_sentiment_model(variant=variant)
    assert m.card["variant"] == variant and m.card["test_reviews"] == 25_000
    assert 0.5 < m.card["test_accuracy"] <= 1.0
    e = m.explain("A wonderful, moving film.")
    assert e.weights.sum() == pytest.approx(1.0, abs=1e-5) and e.label == "positive"
