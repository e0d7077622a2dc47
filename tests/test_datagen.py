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


# ---------------------------------------------------------------- Chinese, spelled years

CHINESE_VALUES = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def chinese_value(text):
    """Independent reading of a numeral: digits, 十-style Chinese numbers, digit-by-digit."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CHINESE_VALUES.get(tens, 1) * 10 + (CHINESE_VALUES[ones] if ones else 0)
    return int("".join(str(CHINESE_VALUES[c]) for c in text))


def test_chinese_numbers():
    assert [datagen.chinese_number(n) for n in (3, 10, 11, 20, 21, 30, 31)] == [
        "三", "十", "十一", "二十", "二十一", "三十", "三十一",
    ]  # fmt: skip
    import random

    years = {datagen.chinese_year(2021, random.Random(s)) for s in range(20)}
    assert years == {"二〇二一", "二零二一"}


def test_chinese_dates_read_back():
    examples = datagen.generate_dates(1500, seed=4, families={"chinese": 1})
    phrasings = {"公元": 0, "号": 0, "〇": 0, "零": 0}
    for example in examples:
        text = normalize(example.text).replace(" ", "")
        text = re.sub(r"(星期|周|礼拜)[一二三四五六日天]", "", text)
        for key in phrasings:
            phrasings[key] += key in text
        number = r"([\d〇零一二三四五六七八九十]+)"
        match = re.search(f"{number}年{number}月{number}[日号]", text)
        year, month, day = (chinese_value(g) for g in match.groups())
        assert f"{year:04d}-{month:02d}-{day:02d}" == example.target, example
    assert min(phrasings.values()) > 10, phrasings


PERIOD_OFFSET = {"凌晨": 0, "早上": 0, "上午": 0, "下午": 12, "傍晚": 12, "晚上": 12}


def test_chinese_times_read_back():
    """Period + hour + 点 + (半 | 一刻 | 三刻 | 整 | N分), re-derived independently."""
    examples = datagen.generate_times(3000, seed=4, families={"chinese": 1})
    checked = 0
    for example in examples:
        text = normalize(example.text).replace(" ", "")
        match = re.fullmatch(
            r"(凌晨|早上|上午|下午|傍晚|晚上)?(\w+?)点(半|一刻|三刻|整|(\w+)分)?", text
        )
        if (
            not match
            or "差" in text
            or not re.fullmatch(r"[\d〇一二三四五六七八九十两]+", match[2])
        ):
            continue
        hour = chinese_value(match[2]) + PERIOD_OFFSET.get(match[1], 0)
        minute = {"半": 30, "一刻": 15, "三刻": 45, "整": 0, None: 0}.get(match[3])
        if minute is None:
            minute = chinese_value(match[4].removeprefix("零") or "0")
        assert f"{hour:02d}:{minute:02d}" == example.target, example
        checked += 1
    assert checked > 500
    texts = " ".join(e.text for e in examples)
    for word in ["凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上", "半夜", "两点", "一刻",
                 "三刻", "整", "半", "分"]:  # fmt: skip
        assert word in texts, word


SPELLED = {w: i for i, w in enumerate(datagen.NUMBER_WORDS)} | {
    w: 10 * k for k, w in datagen.TENS_WORDS.items()
}


def spelled_value(text):
    """Independent reading of a spelled year: "nineteen oh three", "twenty twenty-one",
    "two thousand and five", "nineteen hundred"."""
    words = text.replace("-", " ").replace("o'", "o ").split()
    words = [w for w in words if w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(SPELLED[w] for w in words[2:])
    century = SPELLED[words[0]]
    rest = words[1:]
    if rest and rest[0] in SPELLED and SPELLED[rest[0]] < 10 and len(rest) > 1:
        century += SPELLED[rest.pop(0)]  # "twenty one fifty" = 2150
    if rest == ["hundred"]:
        return century * 100
    if rest[:1] == ["hundred"]:
        rest = rest[1:]
    return century * 100 + sum(SPELLED[w] for w in rest if w not in ("oh", "o"))


def test_spelled_years_golden():
    import random

    rng = random.Random(0)
    seen = {y: {datagen.spelled_year(y, rng) for _ in range(60)} for y in (1976, 1903, 2021, 2000)}
    assert "nineteen seventy-six" in seen[1976]
    assert {"nineteen oh three", "nineteen o three"} <= seen[1903]
    assert {"two thousand and twenty-one", "twenty twenty-one"} <= seen[2021]
    assert seen[2000] == {"two thousand"}
    for year in (1900, 1903, 1976, 2000, 2005, 2021, 2099, 1850, 2150):
        for _ in range(20):
            assert spelled_value(datagen.spelled_year(year, rng)) == year


def test_spelled_year_dates_read_back():
    checked = 0
    for example in datagen.generate_dates(1000, seed=5, families={"spelled_year": 1}):
        text = normalize(example.text).rstrip(".")
        assert len(text) <= 64
        words = text.replace("-", " ").split()
        year = []
        while words and (words[-1] in SPELLED or words[-1] in YEAR_WORDS):
            year.insert(0, words.pop())
        if year:  # (not when a weekday ends the text)
            assert spelled_value(" ".join(year)) == int(example.target[:4]), example
            checked += 1
    assert checked > 800


YEAR_WORDS = {"thousand", "hundred", "and", "oh", "o"} | {f"o'{w}" for w in SPELLED}


# ---------------------------------------------------------------- negatives

from attnviz.models.dates import REJECT, output_reason  # noqa: E402


@pytest.mark.parametrize("task", ["dates", "times"])
def test_negatives_cover_every_family_with_the_right_target(task):
    examples = datagen.generate_negatives(task, 3000, seed=3)
    assert examples == datagen.generate_negatives(task, 3000, seed=3)
    counts = Counter(e.family for e in examples)
    assert set(counts) == set(datagen.NEGATIVE_FAMILIES[task])
    expected = {"impossible": f"impossible {task[:-1]}", "out_of_range": "out of range"}
    for example in examples:
        if example.family in datagen.COPIED_FAMILIES:
            assert output_reason(task, example.target) == expected[example.family], example
        else:
            assert set(example.target) == {REJECT}, example
        assert example.text.strip() and len(normalize(example.text)) <= 64


def test_negatives_include_the_issue_examples():
    dates = datagen.generate_negatives("dates", 6000, seed=8)
    texts = {normalize(e.text) for e in dates}
    assert {"tomorrow", "my birthday", "the day after tomorrow"} <= texts
    # month-first "31/12/1999": a month above 12, answered as written
    assert any(e.target[5:7] > "12" and "/" in e.text for e in dates if e.family == "impossible")
    years = [int(e.target[:4]) for e in dates if e.family == "out_of_range"]
    assert min(years) < 1900 and max(years) > 2099
    times = datagen.generate_negatives("times", 3000, seed=8)
    assert any(e.target.endswith(":60") for e in times)
    assert any(re.search(r"\d{4}", e.text) for e in times if e.family == "other_task")


def test_a_partial_date_has_no_year_whatever_its_separator():
    # "Jul-04-1976" once came out of the year-less kind whole: a full date labelled "not a date"
    import random

    assert datagen.partial_date_text(random.Random(13)) == "dec/12"
    full_date = re.compile(r"[a-z]+\.?[-/. ]\d{1,2}[-/.,]? ?\d{4}$", re.IGNORECASE)
    texts = [datagen.partial_date_text(random.Random(seed)) for seed in range(20000)]
    assert not [t for t in texts if full_date.search(t)]
    assert sum(bool(re.fullmatch(r"[a-z]+[-/.]\d{1,2}", t, re.IGNORECASE)) for t in texts) > 20


def test_an_impossible_date_is_never_on_the_calendar():
    # a 2-digit year drawn after the day once made "29.2.36" (2036 is a leap year) impossible
    import random

    for seed in range(30000):
        text, fields = datagen.impossible_date(random.Random(seed))
        with pytest.raises(ValueError):
            date(fields.year, fields.month, fields.day)


def test_mixed_sets_hold_the_share_of_negatives():
    mixed = datagen.generate_mixed("dates", 1000, seed=2, negative_share=0.25)
    negatives = sum(e.family in datagen.NEGATIVE_FAMILIES["dates"] for e in mixed)
    assert negatives == 250 and len(mixed) == 1000
    held = datagen.held_out("dates", 200, 99, {normalize(e.text) for e in mixed}, 0.25)
    assert not {normalize(e.text) for e in held} & {normalize(e.text) for e in mixed}


def test_a_kind_boost_draws_that_kind_more_and_leaves_unboosted_draws_alone():
    plain = datagen.generate_negatives("dates", 2000, seed=4)
    # a boost without kinds draws exactly as before kinds could be boosted
    assert plain == datagen.generate_negatives("dates", 2000, seed=4, boost={"words": 1.0})

    def spelled_share(examples):
        out = [e for e in examples if e.family == "out_of_range"]
        # every other kind writes the year in four digits (or, Chinese, before 年)
        spelled = [e for e in out if not re.search(r"\d{4}", e.text) and "年" not in e.text]
        return len(spelled) / len(out)

    boosted = datagen.generate_negatives(
        "dates", 2000, seed=4, boost={"out_of_range.spelled_year": 50.0}
    )
    assert spelled_share(plain) < 0.2 and spelled_share(boosted) > 0.8
    ips = [e for e in datagen.generate_negatives("dates", 3000, seed=4, boost={"numbers.ip": 100})
           if e.family == "numbers"]  # fmt: skip
    assert sum(re.fullmatch(r"(\d{1,3}\.){3}\d{1,3}", e.text) is not None for e in ips) > 0.8 * len(
        ips
    )


def test_pick_without_weights_is_rng_choice():
    import random

    options = ("a", "b", "c")
    first, second = random.Random(9), random.Random(9)
    assert [datagen.pick(first, options) for _ in range(50)] == [
        second.choice(options) for _ in range(50)
    ]
    weighted = [datagen.pick(random.Random(i), options, {"c": 1000.0}) for i in range(50)]
    assert weighted.count("c") >= 48
    assert datagen.kind_boost({"numbers.ip": 3.0, "numbers": 2.0, "x.y": 1.0}, "numbers") == {
        "ip": 3.0
    }
