"""Every string the app shows, by language: `t("sentiment.title")`.

`STRINGS` maps a language code to {key: text}; add a language by adding a dict
with the same keys (a missing key falls back to English). Texts may hold
`str.format` fields, filled from `t`'s keyword arguments.
"""

DEFAULT_LANGUAGE = "en"

STRINGS = {
    "en": {
        # App shell
        "app.title": "attnviz — see what attention does",
        "app.sidebar": (
            "attnviz shows where a neural network looks. Everything runs on this "
            "computer; nothing you type is stored."
        ),
        "app.loading": "Loading the {model} model (first visit only)…",
        "nav.home": "Home",
        "nav.sentiment": "Sentiment",
        "nav.dates": "Dates & times",
        # Home
        "home.title": "See what attention does",
        "home.what": (
            "A neural network reading a sentence does not weigh every word equally: an "
            "**attention** layer gives each word a weight between 0 and 1, and the weights "
            "add up to 1. The model's answer is built mostly from the words with the "
            "largest weights, so those weights show where the model was looking. Here you "
            "can type your own text and watch those weights light up."
        ),
        "home.sentiment.title": "Sentiment: which words decided?",
        "home.sentiment.body": (
            "Type a movie review; the model says positive or negative and shades every "
            "word by how much attention it got."
        ),
        "home.sentiment.link": "Open the sentiment page",
        "home.dates.title": "Dates & times: which characters made each output?",
        "home.dates.body": (
            "Type a messy date like “the 4th of july, '76”; the model writes 1976-07-04 "
            "and an alignment matrix shows which input characters produced each output "
            "character."
        ),
        "home.dates.link": "Open the dates & times page",
        # Shared
        "common.submit": "Explain",
        "common.example": "Try an example",
        "common.example.placeholder": "Choose an example…",
        "common.tab.single": "One at a time",
        "common.tab.batch": "Batch",
        "common.timing": "Timing (server side)",
        "common.timing.body": (
            "From receiving your input to the finished page: **{total:.0f} ms** "
            "(model {model:.0f} ms, figures and text {draw:.0f} ms)."
        ),
        "common.timing.first": "This run also loaded the model ({load:.1f} s, first visit only).",
        "common.batch.submit": "Run batch",
        "common.batch.running": "Processing {count} rows…",
        "common.batch.rows_cap": (
            "Only the first {cap} rows were processed (the input has {total}). "
            "Split the file to process the rest."
        ),
        "common.empty": "Type something first.",
        "common.model_missing": "This model cannot be loaded. {error}",
        # Sentiment
        "sentiment.title": "Sentiment: which words did the model look at?",
        "sentiment.intro": (
            "Type a movie review and press **Explain**. The model (trained on 25,000 IMDB "
            "reviews) says whether it is positive or negative; each word is shaded by the "
            "attention weight it got. Hover over a word for its exact weight."
        ),
        "sentiment.input": "Your review",
        "sentiment.input.placeholder": "e.g. The acting was wooden, but the ending made me cry.",
        "sentiment.result": "What the model read",
        "sentiment.error.no_words": (
            "The model found no words to read (only spaces, symbols or emoji). "
            "Type at least one word."
        ),
        "sentiment.label": "Verdict",
        "sentiment.label.positive": "Positive",
        "sentiment.label.negative": "Negative",
        "sentiment.confidence": "P(positive) = {probability:.3f}",
        "sentiment.legend.low": "little attention",
        "sentiment.legend.high": "most attention (darkest = the top word)",
        "sentiment.legend.oov": "not in the vocabulary",
        "sentiment.legend.unread": "not read (beyond the reading limit)",
        "sentiment.note.oov": (
            "{count} word(s) with a dashed underline are not in the model's vocabulary: "
            "it reads them all as the same “unknown” word."
        ),
        "sentiment.note.truncated": (
            "The model reads only the first {limit} words; the greyed, struck-through text "
            "was not read."
        ),
        "sentiment.hover.weight": "attention weight",
        "sentiment.hover.oov": "not in the vocabulary",
        "sentiment.hover.unread": "not read: beyond the model's reading limit",
        "sentiment.chart.weights.title": "Attention weight of each word, in reading order",
        "sentiment.chart.weights.x": "word position",
        "sentiment.chart.weights.y": "attention weight",
        "sentiment.chart.top.title": "Top 10 most attended words",
        "sentiment.chart.top.x": "attention weight",
        "sentiment.chart.hover.word": "word",
        "sentiment.chart.hover.position": "position",
        "sentiment.chart.hover.weight": "weight",
        "sentiment.chart.probability.title": "P(positive)",
        "sentiment.download.tokens": "Download words and weights (CSV)",
        "sentiment.batch.intro": (
            "Classify many reviews at once: paste one review per line, or upload a CSV file "
            "and choose the column that holds the text (at most {cap} rows)."
        ),
        "sentiment.batch.source": "Reviews from",
        "sentiment.batch.source.paste": "Pasted text",
        "sentiment.batch.source.upload": "CSV file",
        "sentiment.batch.paste": "Reviews, one per line",
        "sentiment.batch.upload": "CSV file (UTF-8)",
        "sentiment.batch.column": "Column with the review text",
        "sentiment.batch.no_text": "Paste at least one review (one per line).",
        "sentiment.batch.no_file": "Upload a CSV file to start.",
        "sentiment.batch.bad_column": (
            "The column “{column}” holds no words (only numbers or symbols). Choose the "
            "column that holds the review text."
        ),
        "sentiment.batch.unreadable_rows": (
            "{count} row(s) have no words the model can read; they have no label."
        ),
        "sentiment.batch.summary": "{total} reviews: {positive} positive, {negative} negative.",
        "sentiment.batch.col.text": "review",
        "sentiment.batch.col.label": "label",
        "sentiment.batch.col.probability": "P(positive)",
        "sentiment.batch.col.top": "3 most attended words",
        "sentiment.batch.download": "Download results (CSV)",
        # Dates
        "dates.title": "Dates & times: which characters made each output?",
        "dates.intro": (
            "Type a date or time the way people write it. A sequence-to-sequence model with "
            "attention writes it in a standard form one character at a time; at each step it "
            "looks back at the input characters. The matrix shows where it looked."
        ),
        "dates.task": "Model",
        "dates.task.date": "Dates → YYYY-MM-DD",
        "dates.task.time": "Times → HH:MM (24 h)",
        "dates.input.date": "A messy date",
        "dates.input.time": "A messy time",
        "dates.input.placeholder.date": "e.g. Sat, the 4th of July '76",
        "dates.input.placeholder.time": "e.g. quarter past seven in the evening",
        "dates.output": "Model output",
        "dates.convert": "Convert",
        "dates.probability": "probability",
        "dates.output.help": (
            "The number under each character is the probability the model gave it; "
            "red means below 0.5."
        ),
        "dates.invalid.date": (
            "This does not look like a date: the output is not a real calendar date, so "
            "the model is probably guessing."
        ),
        "dates.invalid.time": (
            "This does not look like a time: the output is not a real time of day, so the "
            "model is probably guessing."
        ),
        "dates.note.unknown": ("Characters the model has never seen were ignored: {chars}"),
        "dates.note.truncated": (
            "The input is longer than the model reads; only the first {count} characters were used."
        ),
        "dates.step.title": "Step through decoding",
        "dates.step.slider": "Output step",
        "dates.step.play": "Play",
        "dates.step.stop": "Stop",
        "dates.step.caption": (
            "Step {step} of {total}: writing “{char}”. Darker input characters got more attention."
        ),
        "dates.chart.title": "Alignment matrix: which input characters produced each output",
        "dates.chart.x": "input characters (␣ = space)",
        "dates.chart.y": "output characters",
        "dates.chart.colorbar": "attention weight",
        "dates.chart.hover.input": "input",
        "dates.chart.hover.output": "output",
        "dates.chart.hover.weight": "attention weight",
        "dates.batch.intro": "Convert many lines at once: one date or time per line (at most {cap}).",
        "dates.batch.input": "One per line",
        "dates.batch.no_text": "Paste at least one line.",
        "dates.batch.summary": "{total} lines: {valid} valid, {invalid} not valid.",
        "dates.batch.col.input": "input",
        "dates.batch.col.output": "output",
        "dates.batch.col.valid": "valid",
        "dates.batch.download": "Download results (CSV)",
    }
}


def t(key, language=DEFAULT_LANGUAGE, **fields):
    """The text for `key` in `language` (English if missing), with `fields` filled in.

    Raises:
        KeyError: `key` is not an English key (a typo in the caller).
    """
    table = STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])
    text = table.get(key)
    if text is None:
        text = STRINGS[DEFAULT_LANGUAGE][key]
    return text.format(**fields) if fields else text
