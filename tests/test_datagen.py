"""The generated training data: seeded, every family present, answers correct."""

import re
from collections import Counter
from datetime import date

import pytest

from attnviz.classroom import datagen
from attnviz.models.dates import is_valid_output, normalize


@pytest.fixture(scope="module")
def dates():
    return datagen.generate_dates(4000, seed=11)


@pytest.fixture(scope="module")
def times():
    return datagen.generate_times(3000, seed=11)


@pytest.mark.parametrize("task", ["dates", "times"])
def test_same_seed_same_data(task):
    generate = datagen.GENERATORS[task]
    assert generate(300, seed=5) == generate(300, seed=5)
    assert generate(300, seed=5) != generate(300, seed=6)


def test_every_date_family_occurs(dates):
    counts = Counter(e.family for e in dates)
    assert set(counts) == set(datagen.DATE_FAMILIES)
    assert min(counts.values()) > 100


def test_every_time_family_occurs(times):
    counts = Counter(e.family for e in times)
    assert set(counts) == set(datagen.TIME_FAMILIES)
    assert min(counts.values()) > 100


def test_date_answers_are_real_dates_in_range(dates):
    for example in dates:
        assert date.fromisoformat(example.target).year in range(1900, 2100), example
        assert len(normalize(example.text)) <= 64


def test_time_answers_are_real_times(times):
    assert all(is_valid_output("times", e.target) for e in times)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bsept\b", r"\bsept\.", r"\bjan\.", r"\bdecember\b",  # month names, periods
        r"\b\d{1,2}(st|nd|rd|th)\b", r"\btwenty-first\b", r"\btwenty first\b",
        r"\bthirty-first\b", r"\bfourth\b",  # suffixes and ordinal words
        r"^(monday|tue|thurs|sat)", r"\bthe\b", r"\bof\b",  # weekday, filler words
        r"'\d\d$", r"^\d{8}$", r"^\d{1,2}[a-z]{3}\d{2}$", r"^\d{2}[a-z]{3}\d{4}$",
        r"^\d{4}-\d\d-\d\d$", r"^\d{4}/\d{1,2}/\d{1,2}$", r"^\d{4}\.\d{1,2}\.\d{1,2}$",
        r"^\d{4} \d{1,2} \d{1,2}$", r"^\d{1,2}/\d{1,2}/\d{2}$", r"^\d{1,2}\.\d{1,2}\.\d{4}$",
        r" , ", r"  ",
    ],
)  # fmt: skip
def test_date_phrasings_occur(dates, pattern):
    texts = [e.text.lower() for e in dates] + [normalize(e.text) for e in dates]
    assert any(re.search(pattern, t) for t in texts), pattern


def test_dates_vary_case(dates):
    texts = [e.text for e in dates]
    assert any(t.isupper() for t in texts)
    assert any(t.islower() for t in texts)
    assert any(t.istitle() for t in texts)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d:\d\d ?(am|pm)", r"\bp\.m\.", r"\d\.\d\d ?am", r"^\d{1,2}h\d\d$",
        r"\bquarter past\b", r"\ba quarter to\b", r"\bhalf past midnight\b", r"^noon$",
        r"o'clock", r"in the afternoon", r"in the evening", r"\btwenty-five past\b",
    ],
)  # fmt: skip
def test_time_phrasings_occur(times, pattern):
    assert any(re.search(pattern, normalize(e.text)) for e in times), pattern


def test_two_digit_years_follow_the_pivot(dates):
    for example in dates:
        text = normalize(example.text)
        if re.search(r"'\d\d$", text) or re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
            assert 1969 <= int(example.target[:4]) <= 2068, example


def numbers_in(text):
    return [int(n) for n in re.search(r"(\d+) ?[/.-] ?(\d+) ?[/.-] ?(\d+)", text).groups()]


def test_numeric_conventions():
    for example in datagen.generate_dates(3000, seed=2, families={"numeric_us": 1}):
        month, day, _ = numbers_in(normalize(example.text))
        assert (month, day) == (int(example.target[5:7]), int(example.target[8:])), example
    for example in datagen.generate_dates(3000, seed=2, families={"numeric_eu": 1}):
        day, month, _ = numbers_in(normalize(example.text))
        assert (month, day) == (int(example.target[5:7]), int(example.target[8:])), example


def test_words():
    assert datagen.ordinal_suffix(11) == "th"
    assert datagen.ordinal_suffix(22) == "nd"
    assert datagen.ordinal_suffix(3) == "rd"
    import random

    rng = random.Random(0)
    assert {datagen.ordinal_words(21, rng) for _ in range(50)} >= {"twenty-first", "twenty first"}
    assert datagen.ordinal_words(30, rng) == "thirtieth"
    assert datagen.ordinal_words(12, rng) == "twelfth"


HOURS = {w: i for i, w in enumerate(datagen.NUMBER_WORDS) if 1 <= i <= 12}


def expected_time(text):
    """The conventions, re-derived independently for a few phrasings (None: not covered)."""
    exact = {"half past midnight": "00:30", "quarter to midnight": "23:45", "noon": "12:00"}
    if text in exact:
        return exact[text]
    match = re.fullmatch(r"(a )?quarter (past|to) (\w+)( pm| in the afternoon)?", text)
    if not match or match[3] not in HOURS:
        return None
    hour = HOURS[match[3]] if match[2] == "past" else (HOURS[match[3]] - 2) % 12 + 1
    if match[4]:
        hour = hour % 12 + 12
    return f"{hour:02d}:{15 if match[2] == 'past' else 45}"


def test_time_conventions_in_generated_data():
    checked = Counter()
    for example in datagen.generate_times(20000, seed=3):
        text = normalize(example.text)
        expected = expected_time(text)
        if expected is not None:
            assert example.target == expected, example
            checked[text.split(" ")[0] + (" pm" if "pm" in text or "after" in text else "")] += 1
    assert len(checked) >= 4, checked
    assert sum(checked.values()) > 200


def test_held_out_shares_no_text_with_training():
    train = datagen.generate_times(2000, seed=1)
    seen = {normalize(e.text) for e in train}
    test = datagen.held_out("times", 500, seed=99, exclude=seen)
    assert len(test) == 500
    assert not seen & {normalize(e.text) for e in test}
