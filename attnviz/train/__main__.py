"""`python -m attnviz.train {sentiment,sentiment-short,sentiment-interpolate,sentiment-dev,dates,times,converter-select,kreader} [options]`: train a model into pretrained/.

Each task's options: `python -m attnviz.train TASK --help`.
"""

import argparse
import importlib
import sys

# task -> module with add_arguments(parser) and run(args); args.task names the task.
TASKS = {
    "sentiment": "attnviz.train.sentiment",
    "sentiment-short": "attnviz.train.sentiment_short",
    "sentiment-interpolate": "attnviz.train.sentiment_interpolate",
    "sentiment-dev": "attnviz.train.one_liners",
    "dates": "attnviz.train.seq2seq",
    "times": "attnviz.train.seq2seq",
    "converter-select": "attnviz.train.converter_select",
    "kreader": "attnviz.train.kreader",
}


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] not in TASKS:
        print(__doc__.strip(), file=sys.stderr)
        raise SystemExit(2)
    task = argv[0]
    module = importlib.import_module(TASKS[task])
    parser = argparse.ArgumentParser(
        prog=f"python -m attnviz.train {task}", description=module.__doc__
    )
    module.add_arguments(parser)
    args = parser.parse_args(argv[1:])
    args.task = task
    module.run(args)


if __name__ == "__main__":
    main()
