"""Model cards: every JSON card in a folder is listed; tables come from the card."""

import json

from attnviz.models import cards


def write(folder, name, card):
    (folder / f"{name}.json").write_text(json.dumps(card))


def test_list_cards_finds_every_card_and_skips_other_json(tmp_path):
    write(tmp_path, "sentiment-dot_product", {"task": "sentiment"})
    write(tmp_path, "dates", {"task": "dates", "test_accuracy": {"exact_match": 0.5}})
    write(tmp_path, "settings", {"no": "task"})
    (tmp_path / "broken.json").write_text("{not json")
    found = cards.list_cards(tmp_path)
    assert list(found) == ["dates", "sentiment-dot_product"]
    assert cards.exact_accuracy(cards.read_card(found["dates"])) == 0.5


def test_config_table_flattens_nested_settings():
    table = cards.config_table({"config": {"epochs": 6, "families": {"iso": 0.1, "compact": 0.2}}})
    assert table.to_dict(orient="records") == [
        {"setting": "epochs", "value": "6"},
        {"setting": "families", "value": "iso: 0.1, compact: 0.2"},
    ]


def test_test_examples_from_either_kind_of_card():
    assert cards.test_examples({"test_reviews": 25000}) == 25000
    card = {"test_accuracy": {"per_family_count": {"a": 3, "b": 4}}}
    assert cards.test_examples(card) == 7
    assert cards.model_file("/x/dates.json", {}).name == "dates.keras"


def test_short_stage_history_golden():
    from attnviz.models.cards import short_stage_history

    def row(epoch, weights, reviews, dev):
        return {"epoch": epoch, "weights": weights, "val_reviews": reviews,
                "dev_one_liners": {"all": dev, "negation": 0.0}}  # fmt: skip

    card = {
        "short_text_stage": {
            "epochs": [
                row(0, "raw", 0.5, 0.5),
                row(1, "raw", 0.9, 0.8),
                row(1, "ema", 0.91, 0.7),
                row(2, "raw", 0.92, 0.85),
                row(2, "ema", 0.93, 0.9),
            ],  # fmt: skip
            "best_epoch": 2,
            "best_weights": "ema",
        }
    }
    rows, kept = short_stage_history(card)
    assert rows == [
        {"epoch": 1, "val_reviews": 0.9, "dev": 0.8, "val_reviews_ema": 0.91, "dev_ema": 0.7},
        {"epoch": 2, "val_reviews": 0.92, "dev": 0.85, "val_reviews_ema": 0.93, "dev_ema": 0.9},
    ]
    assert kept == (2, "ema")
    # a card from before the moving average: rows without "weights" are the raw ones
    old = {"short_text_stage": {"epochs": [{"epoch": 1, "val_reviews": 0.9,
                                            "dev_one_liners": {"all": 0.8}}], "best_epoch": 1}}  # fmt: skip
    assert short_stage_history(old) == ([{"epoch": 1, "val_reviews": 0.9, "dev": 0.8}], (1, "raw"))
    assert short_stage_history({"history": []}) == ([], None)
