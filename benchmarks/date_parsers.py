"""The shipped date model beside two rule-based parsers on the hand-written dates.

    python benchmarks/date_parsers.py [--file tests/data/dates_handwritten.tsv]

Each line of the file is `text<TAB>expected ISO date`. A parser is right when it returns
exactly that date. python-dateutil runs with `fuzzy=True` (skip words it does not know)
and `dayfirst=True` when the text holds a "." (European dates); dateparser runs with its
defaults plus `DATE_ORDER="DMY"` for the same texts. A parser that raises or returns
nothing is wrong for that line. Prints a Markdown table and, with `--json`, the same
numbers as JSON.
"""

import argparse
import json
import sys
import warnings
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def read_tsv(path):
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            text, expected = line.split("\t")
            rows.append((text, expected))
    return rows


def with_dateutil(text):
    from dateutil import parser

    return parser.parse(text, fuzzy=True, dayfirst="." in text).date().isoformat()


def with_dateparser(text):
    import dateparser

    settings = {"DATE_ORDER": "DMY"} if "." in text else {}
    parsed = dateparser.parse(text, settings=settings)
    return parsed.date().isoformat() if parsed else None


def with_attnviz(texts):
    from attnviz import load_date_model

    return [r.output if r.valid else None for r in load_date_model().convert_batch(texts)]


def score(rows, answers):
    wrong = [(t, e, a) for (t, e), a in zip(rows, answers) if a != e]
    return len(rows) - len(wrong), wrong


def one_by_one(parse, texts):
    answers = []
    for text in texts:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                answers.append(parse(text))
        except (ValueError, OverflowError, TypeError):
            answers.append(None)
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(PROJECT / "tests/data/dates_handwritten.tsv"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = read_tsv(args.file)
    texts = [text for text, _ in rows]
    results = {"attnviz date model": score(rows, with_attnviz(texts))}
    for name, module, parse in (
        ("python-dateutil", "dateutil", with_dateutil),
        ("dateparser", "dateparser", with_dateparser),
    ):
        try:
            __import__(module)
        except ImportError:
            print(f"({name} is not installed: pip install {name})", file=sys.stderr)
            continue
        version = sys.modules[module].__version__
        results[f"{name} {version}"] = score(rows, one_by_one(parse, texts))
    if args.json:
        print(json.dumps({k: {"right": r, "of": len(rows)} for k, (r, _) in results.items()}))
        return
    print(f"| parser | right of {len(rows)} ({Path(args.file).name}) | first misses |")
    print("|---|---|---|")
    for name, (right, wrong) in results.items():
        misses = "; ".join(f"{t!r} → {a}" for t, _, a in wrong[:3])
        print(f"| {name} | {right} | {misses} |")


if __name__ == "__main__":
    main()
