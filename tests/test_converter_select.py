"""Choosing a converter round on a validation set (attnviz.train.converter_select)."""

import json
import shutil
from types import SimpleNamespace

from attnviz.classroom.datagen import Example
from attnviz.train import converter_select
from tests.test_dates import tiny_folder, tiny_model  # noqa: F401  (fixtures)


class Answers:
    """A stand-in converter answering each text with a fixed (output, valid)."""

    task = "dates"

    def __init__(self, answers):
        self.answers = answers

    def convert_batch(self, texts, batch_size=512):
        return [SimpleNamespace(output=o, valid=v) for o, v in (self.answers[t] for t in texts)]


def test_family_scores_need_the_exact_output_and_the_right_flag():
    examples = [
        Example("4 july 1976", "1976-07-04", "day_first"),
        Example("july 4 1976", "1976-07-04", "month_first"),
        Example("7/4/76", "1976-07-04", "numeric_us"),
        Example("banana", "??????????", "words"),
        Example("kiwi", "??????????", "words"),
    ]
    converter = Answers(
        {
            "4 july 1976": ("1976-07-04", True),  # right
            "july 4 1976": ("1976-07-04", False),  # right answer, wrongly refused
            "7/4/76": ("1976-04-07", True),  # wrong answer
            "banana": ("??????????", False),  # refused: right
            "kiwi": ("2?????????", False),  # refused, but not with reject symbols only
        }
    )
    families, overall = converter_select.family_scores(converter, examples)
    assert families == {
        "day_first": [1.0, 1],
        "month_first": [0.0, 1],
        "numeric_us": [0.0, 1],
        "words": [0.5, 2],
    }
    assert overall == 0.4


def test_choose_keeps_the_best_weakest_family_then_the_best_overall():
    measured = {
        "a": ({"x": [1.0, 9], "y": [0.99, 9]}, 0.999),  # weakest 0.99
        "b": ({"x": [0.995, 9], "y": [0.996, 9]}, 0.9955),  # weakest 0.995: chosen
        "c": ({"x": [0.995, 9], "y": [0.995, 9]}, 0.995),  # same weakest, worse overall
    }
    assert converter_select.choose(measured) == "b"


def test_run_copies_the_chosen_round_and_records_every_candidate(tiny_folder, tmp_path):  # noqa: F811
    rounds = []
    for seed in (5, 6):
        folder = tmp_path / f"round{seed}"
        shutil.copytree(tiny_folder, folder)
        card = json.loads((folder / "dates.json").read_text()) | {"config": {"seed": seed}}
        (folder / "dates.json").write_text(json.dumps(card))
        rounds.append(str(folder))
    out = tmp_path / "out"
    out.mkdir()
    args = SimpleNamespace(converter="dates", candidates=rounds, examples=40, seed=7, out=out)
    chosen = converter_select.run(args)
    assert chosen == rounds[0]  # the same model twice: a tie keeps the first
    assert (out / "dates.keras").read_bytes() == (tiny_folder / "dates.keras").read_bytes()
    selection = json.loads((out / "dates.json").read_text())["selection"]
    assert [c["seed"] for c in selection["candidates"]] == [5, 6]
    assert [c["chosen"] for c in selection["candidates"]] == [True, False]
    assert selection["validation"] | {"note": None} == {
        "seed": 7, "examples": 40, "negative_share": 0.25, "note": None
    }  # fmt: skip
    counts = sum(n for _, n in selection["candidates"][0]["per_family"].values())
    assert counts == 40
