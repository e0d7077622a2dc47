"""Command line: classify a review or convert a date/time and print JSON.

python -m attnviz sentiment "The plot was thin, but I loved it!"
python -m attnviz date "March 4th, 2021"
python -m attnviz time "quarter past three pm"
python -m attnviz sentiment --file reviews.txt     # one input per line, one JSON per line
"""

import argparse
import json
import sys


def _loader(task):
    import attnviz

    return {
        "sentiment": lambda: attnviz.load_sentiment_model(),
        "date": lambda: attnviz.load_date_model(),
        "time": lambda: attnviz.load_time_model(),
    }[task]


def _result(model, task, text):
    if task == "sentiment":
        return model.explain(text).to_dict()
    return model.convert(text).to_dict()


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m attnviz",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("task", choices=("sentiment", "date", "time"))
    parser.add_argument("text", nargs="?", help="the input (omit with --file)")
    parser.add_argument("--file", help="read one input per line from this file ('-' = stdin)")
    args = parser.parse_args(argv)
    if (args.text is None) == (args.file is None):
        parser.error("give either a text or --file")

    from attnviz.models.paths import ModelFileError

    try:
        model = _loader(args.task)()
    except ModelFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    if args.text is not None:
        try:
            print(json.dumps(_result(model, args.task, args.text), ensure_ascii=False))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0

    handle = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8", errors="replace")
    failures = 0
    with handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            try:
                row = _result(model, args.task, line)
            except ValueError as exc:
                failures += 1
                row = {"line": number, "error": str(exc)}
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0 if failures == 0 else 2


if __name__ == "__main__":
    sys.exit(main())
