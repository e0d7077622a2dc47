"""Seeded generators of messy human dates and times with their canonical answers.

`generate_dates(n, seed)` and `generate_times(n, seed)` return lists of `Example`
(text, target, family). Dates become ISO `YYYY-MM-DD`, times 24-hour `HH:MM`.
Everything is plain Python driven by one `random.Random(seed)`, so the same seed
always gives the same data.

Conventions (the same ones the models learn):

- Year first means Y-M-D. With the year last, `/` or `-` between numbers means
  month first (US) and `.` means day first (European). Eight digits are YYYYMMDD.
- A 2-digit year means 1969-1999 for 69-99 and 2000-2068 for 00-68.
- Weekday names are ignored (they need not match the date).
- A time without am/pm or a period word ("in the evening") keeps the hour as
  written: "five past nine" is 09:05, "quarter to one" is 12:45.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
MONTH_ABBREVIATIONS = {
    1: ["jan"], 2: ["feb"], 3: ["mar"], 4: ["apr"], 5: ["may"], 6: ["jun"],
    7: ["jul"], 8: ["aug"], 9: ["sep", "sept"], 10: ["oct"], 11: ["nov"], 12: ["dec"],
}  # fmt: skip
WEEKDAYS = {
    "monday": ["mon"], "tuesday": ["tue", "tues"], "wednesday": ["wed", "weds"],
    "thursday": ["thu", "thur", "thurs"], "friday": ["fri"], "saturday": ["sat"],
    "sunday": ["sun"],
}  # fmt: skip
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
TENS_WORDS = {
    2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty",
    9: "ninety",
}  # fmt: skip
ORDINAL_WORDS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
ORDINAL_TENS_WORDS = {2: "twentieth", 3: "thirtieth"}

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
TWO_DIGIT_YEARS = (1969, 2068)  # the years a 2-digit year can stand for
NON_LEAP_TWO_DIGIT_YEARS = [y for y in range(*TWO_DIGIT_YEARS) if y % 4]

DATE_FAMILIES = {  # family -> share of the generated data
    "iso": 0.05,
    "year_first": 0.08,
    "numeric_us": 0.10,
    "numeric_eu": 0.08,
    "month_first": 0.13,
    "day_first": 0.13,
    "ordinal_word": 0.11,
    "compact": 0.07,
    "apostrophe_year": 0.06,
    "chinese": 0.11,
    "spelled_year": 0.08,
}
TIME_FAMILIES = {
    "digital_ampm": 0.16,
    "digital_24h": 0.12,
    "past_to": 0.26,
    "oclock": 0.08,
    "noon_midnight": 0.05,
    "spoken": 0.15,
    "chinese": 0.18,
}


@dataclass(frozen=True)
class Example:
    """One generated pair: `text` (what a person types), `target`, and its `family`."""

    text: str
    target: str
    family: str


# ---------------------------------------------------------------------------- words


def number_words(n, rng):
    """0..59 in words: "seven", "twenty-one" / "twenty one"."""
    if n < 20:
        return NUMBER_WORDS[n]
    tens, ones = divmod(n, 10)
    if ones == 0:
        return TENS_WORDS[tens]
    return TENS_WORDS[tens] + rng.choice(["-", "-", " "]) + NUMBER_WORDS[ones]


def ordinal_words(n, rng):
    """1..31 as an ordinal word: "fourth", "twenty-first", "thirty first"."""
    if n < 20:
        return ORDINAL_WORDS[n]
    tens, ones = divmod(n, 10)
    if ones == 0:
        return ORDINAL_TENS_WORDS[tens]
    joiner = rng.choices(["-", " ", ""], weights=[6, 4, 1])[0]
    return TENS_WORDS[tens] + joiner + ORDINAL_WORDS[ones]


def ordinal_suffix(n):
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def apply_case(text, rng):
    """lower, UPPER, Title or random case."""
    style = rng.choices(["lower", "upper", "title", "capital", "random"], [4, 2, 3, 1, 1])[0]
    if style == "upper":
        return text.upper()
    if style == "title":
        return text.title()
    if style == "capital":
        return text[:1].upper() + text[1:]
    if style == "random":
        return "".join(c.upper() if rng.random() < 0.5 else c for c in text)
    return text


def is_chinese(text):
    """Does `text` hold a CJK character (those skip the English case and spacing noise)?"""
    return any("\u3007" <= c <= "\u9fff" for c in text)


def add_spacing_noise(text, rng):
    """Extra spaces around words and punctuation, now and then."""
    if rng.random() < 0.15:
        text = text.replace(",", rng.choice([" ,", " , ", ",  "]))
    if rng.random() < 0.1:
        words = text.split(" ")
        text = " ".join(w + (" " * rng.randint(1, 2) if rng.random() < 0.3 else "") for w in words)
    if rng.random() < 0.05:
        text = " " * rng.randint(1, 3) + text + " " * rng.randint(0, 3)
    return text


# ---------------------------------------------------------------------------- dates


def random_date(rng, two_digit_year=False):
    if two_digit_year:
        first, last = date(TWO_DIGIT_YEARS[0], 1, 1), date(TWO_DIGIT_YEARS[1], 12, 31)
    else:
        first, last = FIRST_DAY, LAST_DAY
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def year_text(year, style):
    if style == "short":
        return f"{year % 100:02d}"
    if style == "apostrophe":
        return f"'{year % 100:02d}"
    return str(year)


def month_name(month, rng, allow_period=True):
    """Full or abbreviated month name, abbreviations with or without a period."""
    if rng.random() < 0.45:
        return MONTHS[month - 1]
    name = rng.choice(MONTH_ABBREVIATIONS[month])
    if allow_period and name != "may" and rng.random() < 0.3:
        name += "."
    return name


def number_text(n, rng, pad_probability=0.4):
    return f"{n:02d}" if rng.random() < pad_probability else str(n)


def day_text(day, rng, words=False):
    """A day as "4", "04", "4th" or (when `words`) "fourth"."""
    if words:
        return ordinal_words(day, rng)
    style = rng.choices(["plain", "padded", "suffix"], [4, 2, 4])[0]
    if style == "suffix":
        return f"{day}{ordinal_suffix(day)}"
    return f"{day:02d}" if style == "padded" else str(day)


def weekday_text(rng):
    full = rng.choice(list(WEEKDAYS))
    if rng.random() < 0.5:
        return full
    short = rng.choice(WEEKDAYS[full])
    return short + "." if rng.random() < 0.25 else short


def with_weekday(text, rng, probability):
    """Put a weekday (ignored by the conversion) before, or rarely after, the date."""
    if rng.random() >= probability:
        return text
    weekday = weekday_text(rng)
    if rng.random() < 0.85:
        return weekday + rng.choice([", ", ", ", " ", " , ", ","]) + text
    return text + rng.choice([", ", " ", " - "]) + weekday


def choose_year_style(rng, short=0.15, apostrophe=0.1):
    return rng.choices(
        ["long", "short", "apostrophe"], [1 - short - apostrophe, short, apostrophe]
    )[0]


def month_first_text(d, rng, day_words, year_style):
    """ "July 4, 1976", "Jul. the 4th of 1976", "JULY fourth '76", "Jul-04-1976"."""
    month = month_name(d.month, rng)
    day = day_text(d.day, rng, words=day_words)
    year = year_text(d.year, year_style)
    if not day_words and year_style != "apostrophe" and rng.random() < 0.12:
        sep = rng.choice(["-", "/", ".", " "])
        return f"{month.rstrip('.')}{sep}{day}{sep}{year}"
    if rng.random() < 0.06:
        month += ","
    the = "the " if rng.random() < (0.35 if day_words else 0.15) else ""
    middle = rng.choices([", ", " ", ",", " of ", ", of "], [10, 6, 1, 1, 0.5])[0]
    if the == "" and middle.strip(", ") == "of":
        middle = ", "
    return f"{month} {the}{day}{middle}{year}"


def day_first_text(d, rng, day_words, year_style):
    """ "4 July 1976", "the 4th of July, 1976", "04-Jul-76", "fourth of july '76"."""
    month = month_name(d.month, rng)
    day = day_text(d.day, rng, words=day_words)
    year = year_text(d.year, year_style)
    if not day_words and year_style != "apostrophe" and rng.random() < 0.2:
        sep = rng.choice(["-", "/", ".", " "])
        return f"{day}{sep}{month.rstrip('.')}{sep}{year}"
    the = "the " if rng.random() < (0.5 if day_words else 0.2) else ""
    of = " of " if rng.random() < (0.6 if (the or day_words) else 0.15) else " "
    if of == " " and rng.random() < 0.1:
        of = ", "
    comma = rng.choices([" ", ", ", ",", " of ", ", of "], [6, 5, 1, 0.3, 0.2])[0]
    if of == " " and not the and not day_words and rng.random() < 0.05:
        day += "."  # German style "4. Juli"
    return f"{the}{day}{of}{month}{comma}{year}"


def year_first_text(d, rng):
    """ "1976/07/04", "1976.7.4", "1976 07 04", "1976-Jul-04", "1976, July 4th"."""
    if rng.random() < 0.75:
        sep = rng.choice(["-", "/", ".", " "])
        pad = rng.random() < 0.6
        month = f"{d.month:02d}" if pad else number_text(d.month, rng)
        day = f"{d.day:02d}" if pad else number_text(d.day, rng)
        return f"{d.year}{sep}{month}{sep}{day}"
    month = month_name(d.month, rng)
    day = day_text(d.day, rng)
    sep = rng.choice(["-", " ", ", ", "/"])
    if sep in ("-", "/"):
        return f"{d.year}{sep}{month.rstrip('.')}{sep}{day}"
    return f"{d.year}{sep}{month} {day}"


def numeric_text(d, rng, order, year_style):
    """US m/d/y or m-d-y, or European d.m.y."""
    year = year_text(d.year, year_style)
    if order == "us":
        sep = rng.choices(["/", "-", " / ", " - "], [10, 5, 1, 1])[0]
        first, second = d.month, d.day
    else:
        sep = rng.choices([".", ". ", " . "], [10, 2, 1])[0]
        first, second = d.day, d.month
    pad = rng.random()
    if pad < 0.4:
        parts = [f"{first:02d}", f"{second:02d}"]
    elif pad < 0.7:
        parts = [str(first), str(second)]
    else:
        parts = [number_text(first, rng, 0.5), number_text(second, rng, 0.5)]
    return f"{parts[0]}{sep}{parts[1]}{sep}{year}"


def compact_text(d, rng, year_style):
    """No separators: "04JUL1976", "4jul76", "19760704", "JUL041976"."""
    kind = rng.choices(["day_month_year", "yyyymmdd", "month_day_year"], [6, 3, 1])[0]
    if kind == "yyyymmdd":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    month = rng.choice([MONTHS[d.month - 1]] + MONTH_ABBREVIATIONS[d.month] * 3)
    year = year_text(d.year, year_style)
    if kind == "month_day_year":  # always 4-digit year: "feb1908" would be ambiguous
        return f"{month}{d.day:02d}{d.year}"
    day = f"{d.day:02d}" if rng.random() < 0.6 else str(d.day)
    return f"{day}{month}{year}"


# ---------------------------------------------------------------------------- Chinese

CHINESE_DIGITS = "〇一二三四五六七八九"
CHINESE_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]  # Monday .. Sunday


def chinese_number(n, rng=None):
    """1..99 in Chinese numerals: 3 -> 三, 10 -> 十, 21 -> 二十一, 30 -> 三十."""
    if n < 10:
        return CHINESE_DIGITS[n] if n else "零"
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_DIGITS[tens]
    if tens == 1 and rng is not None and rng.random() < 0.03:
        head = "一"  # 一十五: rare but seen
    return head + "十" + (CHINESE_DIGITS[ones] if ones else "")


def chinese_year(year, rng):
    """A year digit by digit: 2021 -> 二〇二一 (or 二零二一)."""
    zero = "〇" if rng.random() < 0.6 else "零"
    return "".join(zero if c == "0" else CHINESE_DIGITS[int(c)] for c in str(year))


def chinese_field(n, rng, chinese_probability, pad_probability=0.2):
    """A month, day or hour in Chinese numerals or Arabic digits (maybe zero-padded)."""
    if rng.random() < chinese_probability:
        return chinese_number(n, rng)
    return f"{n:02d}" if rng.random() < pad_probability else str(n)


def chinese_weekday(rng):
    """星期四, 星期天, 周日, 礼拜三 (ignored by the conversion, like English weekdays)."""
    index = rng.randrange(7)
    word = CHINESE_WEEKDAYS[index]
    prefix = rng.choices(["星期", "周", "礼拜"], [7, 3, 1])[0]
    if index == 6 and prefix != "周" and rng.random() < 0.5:
        word = "天"
    return prefix + word


def chinese_spaces(text, rng):
    """Spaces anywhere: between every character, around the numbers, or at random gaps."""
    style = rng.choices(["none", "numbers", "random", "every"], [10, 3, 3, 1])[0]
    if style == "every":
        return " ".join(text)
    if style == "numbers":
        return " ".join(part for part in _split_digit_runs(text) if part)
    if style == "random":
        return "".join(c + (" " if rng.random() < 0.2 else "") for c in text).strip()
    return text


def _split_digit_runs(text):
    parts, current = [], ""
    for c in text:
        if current and (c.isdigit() != current[-1].isdigit()):
            parts.append(current)
            current = ""
        current += c
    return parts + [current]


def chinese_date_text(d, rng):
    """ "2021年3月4日", "二〇二一年三月四号", "公元1976年7月4日 星期日", "2021 年 03 月 04 日"."""
    chinese = rng.random() < 0.45  # Chinese numerals for most fields
    mixed = 0.15
    year = chinese_year(d.year, rng) if rng.random() < (0.85 if chinese else mixed) else str(d.year)
    month = chinese_field(d.month, rng, 0.9 if chinese else mixed)
    day = chinese_field(d.day, rng, 0.9 if chinese else mixed)
    day_word = "日" if rng.random() < 0.65 else "号"
    text = f"{year}年{month}月{day}{day_word}"
    if rng.random() < 0.08:
        text = "公元" + text
    if rng.random() < 0.3:
        weekday = chinese_weekday(rng)
        if rng.random() < 0.8:
            bracket = rng.random() < 0.2
            gap = rng.choice(["", " ", " ", "，", ","])
            text += f"({weekday})" if bracket else gap + weekday
        else:
            text = weekday + rng.choice(["", " ", "，"]) + text
    return chinese_spaces(text, rng)


# ------------------------------------------------------------------- spelled-out years


def spelled_year(year, rng):
    """1976 -> "nineteen seventy-six"; 1903 -> "nineteen oh three"; 2021 -> "two thousand and
    twenty-one" or "twenty twenty-one"; 2005 -> "two thousand and five" or "twenty oh five";
    2000 -> "two thousand" (or "twenty hundred", rarely); 1900 -> "nineteen hundred"."""
    century, rest = divmod(year, 100)
    if 2000 <= year <= 2099 and (rest == 0 or rng.random() < (0.75 if rest < 10 else 0.5)):
        if rest == 0:
            return "two thousand"
        joiner = rng.choice([" and ", " "])
        return "two thousand" + joiner + number_words(rest, rng)
    head = number_words(century, rng)
    if rest == 0:
        return head + " hundred"
    if rest < 10:
        return head + rng.choice([" oh ", " oh ", " o ", " o'"]) + NUMBER_WORDS[rest]
    if century == 19 and rng.random() < 0.05:
        return head + " hundred and " + number_words(rest, rng)
    return head + " " + number_words(rest, rng)


def spelled_year_date_text(d, rng):
    """ "the fourth of July, nineteen seventy-six", "March 3rd two thousand and twenty-one"."""
    words = rng.random() < 0.5
    month = month_name(d.month, rng)
    day = day_text(d.day, rng, words=words)
    year = spelled_year(d.year, rng)
    comma = rng.choices([", ", " ", " of "], [6, 4, 1])[0]
    if rng.random() < 0.5:
        the = "the " if rng.random() < (0.35 if words else 0.15) else ""
        return f"{month} {the}{day}{comma}{year}"
    the = "the " if rng.random() < (0.6 if words else 0.25) else ""
    of = " of " if rng.random() < (0.7 if (the or words) else 0.2) else " "
    return f"{the}{day}{of}{month}{comma if comma != ' of ' else ', '}{year}"


def one_date(rng, family):
    if family in ("chinese", "spelled_year"):
        d = random_date(rng)
        if family == "chinese":
            return chinese_date_text(d, rng), d
        return with_weekday(spelled_year_date_text(d, rng), rng, 0.2), d
    if family == "iso":
        d = random_date(rng)
        text = d.isoformat()
        return with_weekday(text, rng, 0.08), d
    if family == "year_first":
        d = random_date(rng)
        return with_weekday(year_first_text(d, rng), rng, 0.1), d
    if family in ("numeric_us", "numeric_eu"):
        style = choose_year_style(rng, short=0.4, apostrophe=0.0)
        d = random_date(rng, two_digit_year=style != "long")
        text = numeric_text(d, rng, "us" if family == "numeric_us" else "eu", style)
        return with_weekday(text, rng, 0.1), d
    if family == "compact":
        style = choose_year_style(rng, short=0.4, apostrophe=0.0)
        d = random_date(rng, two_digit_year=style != "long")
        return compact_text(d, rng, style), d
    if family == "apostrophe_year":
        style = "apostrophe"
    else:
        style = choose_year_style(rng)
    d = random_date(rng, two_digit_year=style != "long")
    words = family == "ordinal_word"
    if family in ("month_first", "day_first"):
        builder = month_first_text if family == "month_first" else day_first_text
    else:
        builder = month_first_text if rng.random() < 0.45 else day_first_text
        words = words or rng.random() < 0.2
    text = builder(d, rng, words, style)
    return with_weekday(text, rng, 0.35), d


def finish(text, rng):
    if is_chinese(text):
        return text
    if rng.random() < 0.04:
        text = "on " + text
    if rng.random() < 0.03:
        text += "."
    return add_spacing_noise(apply_case(text, rng), rng)


def generate_dates(n, seed=0, families=None, max_length=64):
    """`n` messy dates with their ISO answers, families mixed by `DATE_FAMILIES`."""
    rng = random.Random(seed)
    families = families or DATE_FAMILIES
    names, weights = list(families), [families[f] for f in families]
    examples = []
    while len(examples) < n:
        family = rng.choices(names, weights)[0]
        text, d = one_date(rng, family)
        text = finish(text, rng)
        if len(" ".join(text.split())) <= max_length:
            examples.append(Example(text, d.isoformat(), family))
    return examples


# ---------------------------------------------------------------------------- times

AM_WORDS = ["am", "am", "a.m.", "a.m", "am.", "a. m."]
PM_WORDS = ["pm", "pm", "p.m.", "p.m", "pm.", "p. m."]


def period_phrase(hour24, rng):
    """A phrase that fixes am/pm for a 24-hour `hour24`, or None if none fits."""
    hour12 = hour24 % 12 or 12
    options = []
    if hour24 < 12:
        options += [rng.choice(AM_WORDS)] * 3
        if 1 <= hour24 <= 11:
            options.append("in the morning")
        if hour24 == 0 or 1 <= hour24 <= 3:
            options.append("at night")
    else:
        options += [rng.choice(PM_WORDS)] * 3
        if hour12 == 12 or hour12 <= 5:
            options.append("in the afternoon")
        if 5 <= hour12 <= 11:
            options.append("in the evening")
        if 8 <= hour12 <= 11:
            options.append("at night")
    return rng.choice(options)


def hour_name(hour12, rng, digits_probability=0.15):
    return str(hour12) if rng.random() < digits_probability else NUMBER_WORDS[hour12]


def minutes_phrase(minutes, rng):
    """How many minutes past/to: "quarter", "a quarter", "ten", "seven minutes"."""
    if minutes == 15:
        return rng.choice(["quarter", "a quarter", "a quarter", "fifteen minutes", "fifteen"])
    if minutes == 30:
        return rng.choice(["half", "half", "thirty minutes"])
    words = number_words(minutes, rng) if rng.random() < 0.9 else str(minutes)
    unit = "minute" if minutes == 1 else "minutes"
    if minutes % 5 == 0:
        return words + (" " + unit if rng.random() < 0.2 else "")
    return words + (" " + unit if rng.random() < 0.8 else "")


def past_to_time(rng):
    """ "quarter past three in the afternoon", "a quarter to seven pm", "half past midnight"."""
    relation = "past" if rng.random() < 0.55 else "to"
    if rng.random() < 0.7:
        minutes = rng.choice([5, 10, 15, 20, 25] + ([30] if relation == "past" else []))
    else:
        minutes = rng.randint(1, 30 if relation == "past" else 29)
    phrase = minutes_phrase(minutes, rng)
    anchor = rng.random()
    if anchor < 0.2:  # midnight / noon as the hour
        word, anchor24 = rng.choice([("midnight", 0), ("noon", 12), ("midday", 12)] * 2)
        if relation == "past" and rng.random() < 0.25:
            minutes, phrase = 30, "half"
        hour24 = anchor24 if relation == "past" else (anchor24 - 1) % 24
        minute = minutes if relation == "past" else 60 - minutes
        return f"{phrase} {relation} {word}", hour24, minute
    written = rng.randint(1, 12)  # the hour the words name
    if relation == "past":
        hour12, minute = written, minutes
    else:
        hour12, minute = (written - 2) % 12 + 1, 60 - minutes
    word = relation
    if relation == "past" and rng.random() < 0.2:
        word = "after"
    elif relation == "to" and rng.random() < 0.2:
        word = rng.choice(["till", "til", "until", "of", "before"])
    text = f"{phrase} {word} {hour_name(written, rng)}"
    if rng.random() < 0.55:
        hour24 = hour12 % 12 + (12 if rng.random() < 0.5 else 0)
        text += " " + period_phrase(hour24, rng)
        return text, hour24, minute
    return text, hour12, minute  # the hour as written


def digital_ampm_time(rng):
    """ "3:15 pm", "7.05am", "03:15 P.M.", "7 pm", "3:15 in the afternoon"."""
    hour24 = rng.randint(0, 23)
    minute = rng.randint(0, 59) if rng.random() < 0.85 else 0
    hour12 = hour24 % 12 or 12
    hour = f"{hour12:02d}" if rng.random() < 0.2 else str(hour12)
    if minute == 0 and rng.random() < 0.5:
        clock = hour
    else:
        clock = f"{hour}{rng.choice([':', ':', ':', '.'])}{minute:02d}"
    period = period_phrase(hour24, rng)
    joiner = "" if period[0] in "ap" and rng.random() < 0.4 else " "
    return clock + joiner + period, hour24, minute


def digital_24h_time(rng):
    """ "15:15", "15h15", "7:05", "0715 hours", "15.15", "15h"."""
    hour = rng.randint(0, 23)
    minute = rng.randint(0, 59) if rng.random() < 0.85 else 0
    kind = rng.choices(["colon", "h", "dot", "military"], [6, 3, 1, 1])[0]
    hh = f"{hour:02d}" if (rng.random() < 0.5 or kind == "military") else str(hour)
    if kind == "colon":
        text = f"{hh}:{minute:02d}" + (
            rng.choice([" hrs", " hours", "h", " h"]) if rng.random() < 0.1 else ""
        )
    elif kind == "dot":
        text = f"{hh}.{minute:02d}"
    elif kind == "h":
        sep = rng.choice(["h", "h", "h", " h ", "h "])
        text = (
            f"{hh}{sep.rstrip()}"
            if minute == 0 and rng.random() < 0.5
            else f"{hh}{sep}{minute:02d}"
        )
    else:
        text = f"{hh}{minute:02d}" + rng.choice([" hours", " hrs", "h", " hours", ""])
    return text, hour, minute


def oclock_time(rng):
    """ "ten o'clock", "7 o'clock pm", "ten oclock in the morning"."""
    written = rng.randint(1, 12)
    text = hour_name(written, rng, 0.2) + rng.choice([" o'clock"] * 4 + [" oclock", " o clock"])
    if rng.random() < 0.3:  # "seven pm", "three in the afternoon": no o'clock
        hour24 = written % 12 + (12 if rng.random() < 0.5 else 0)
        return NUMBER_WORDS[written] + " " + period_phrase(hour24, rng), hour24, 0
    if rng.random() < 0.5:
        hour24 = written % 12 + (12 if rng.random() < 0.5 else 0)
        return text + " " + period_phrase(hour24, rng), hour24, 0
    return text, written, 0


def noon_midnight_time(rng):
    """ "noon", "midnight", "12 noon", "twelve midnight", "midday"."""
    word, hour = rng.choice([("noon", 12), ("midnight", 0), ("midday", 12), ("noon", 12)])
    prefix = rng.choice(["", "", "", "12 ", "twelve ", "12:00 ", "twelve o'clock "])
    if word == "midday":
        prefix = rng.choice(["", "", "12 "])
    return prefix + word, hour, 0


def spoken_time(rng):
    """ "three fifteen pm", "seven oh five", "nine thirty in the evening", "eleven forty-five"."""
    minute = rng.randint(1, 59)
    if minute < 10:
        minute_text = rng.choice(["oh ", "o ", "o'"]) + NUMBER_WORDS[minute]
    else:
        minute_text = number_words(minute, rng)
    if rng.random() < 0.5:
        hour24 = rng.randint(0, 23)
        hour12 = hour24 % 12 or 12
        joiner = "-" if minute >= 10 and rng.random() < 0.15 else " "
        text = f"{NUMBER_WORDS[hour12]}{joiner}{minute_text} {period_phrase(hour24, rng)}"
        return text, hour24, minute
    written = rng.randint(1, 12) if rng.random() < 0.85 else rng.randint(13, 23)
    joiner = "-" if minute >= 10 and rng.random() < 0.15 else " "
    return f"{number_words(written, rng)}{joiner}{minute_text}", written, minute


# Chinese period words -> {hour as said (1..12): 24-hour hour}.
CHINESE_PERIODS = {
    "凌晨": {1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
    "早上": {5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10},
    "上午": {7: 7, 8: 8, 9: 9, 10: 10, 11: 11},
    "中午": {11: 11, 12: 12, 1: 13},
    "下午": {1: 13, 2: 14, 3: 15, 4: 16, 5: 17, 6: 18, 7: 19},
    "傍晚": {5: 17, 6: 18, 7: 19},
    "晚上": {6: 18, 7: 19, 8: 20, 9: 21, 10: 22, 11: 23},
    "半夜": {11: 23, 12: 0, 1: 1, 2: 2, 3: 3},
}


def chinese_hour(hour, rng, chinese_probability=0.8):
    """An hour before 点: 两 (or 二) for 2, 十二, 二十三, or digits."""
    if rng.random() >= chinese_probability:
        return str(hour)
    if hour == 2:
        return "两" if rng.random() < 0.85 else "二"
    return chinese_number(hour, rng) if hour else "零"


def chinese_minutes(minute, rng, chinese):
    """What follows 点: "" / 整 / 钟 for :00, 一刻, 半, 三刻, 五分, 零五分, 二十, 05分."""
    if minute == 0:
        return rng.choice(["", "", "整", "钟", "零分"])
    special = {15: "一刻", 30: "半", 45: "三刻"}
    if minute in special and rng.random() < 0.6:
        return special[minute]
    if not chinese:
        return (f"{minute:02d}" if rng.random() < 0.5 else str(minute)) + (
            "分" if minute < 10 or rng.random() < 0.8 else ""
        )
    if minute < 10:
        if rng.random() < 0.5:
            return "零" + CHINESE_DIGITS[minute] + ("分" if rng.random() < 0.5 else "")
        return CHINESE_DIGITS[minute] + "分"
    return chinese_number(minute, rng) + ("分" if rng.random() < 0.7 else "")


def chinese_time(rng):
    """ "下午三点一刻", "晚上八点半", "凌晨两点", "15点30分", "上午10:15", "四点差五分"."""
    kind = rng.choices(["period", "plain", "24h", "digital", "before"], [10, 3, 3, 1, 1])[0]
    chinese = rng.random() < 0.8
    minute = rng.choice([0, 0, 15, 30, 30, 45, rng.randint(1, 59), rng.randint(1, 59)])
    period = ""
    if kind in ("period", "digital") or (kind == "before" and rng.random() < 0.5):
        period = rng.choice(list(CHINESE_PERIODS))
        said, hour24 = rng.choice(list(CHINESE_PERIODS[period].items()))
    elif kind == "24h":
        hour24 = rng.randint(0, 23)
        said = hour24
    else:  # no period word: the hour as written
        said = hour24 = rng.randint(1, 12)
    if kind == "digital":
        clock = f"{said}:{minute:02d}" if rng.random() < 0.8 else f"{said:02d}:{minute:02d}"
        return chinese_spaces(period + clock, rng), hour24, minute
    if kind == "before" and minute < 30:  # 四点差五分 / 差一刻四点 = 03:55 / 03:45
        minute = 60 - rng.choice([5, 10, 15, 15, rng.randint(1, 20)])
        missing = 60 - minute
        later = said % 12 + 1
        if period and later not in CHINESE_PERIODS[period]:
            period = ""
        if period:
            said_later = later
            hour24 = (CHINESE_PERIODS[period][said_later] - 1) % 24
        else:
            said_later, hour24 = later, said
        gap = "一刻" if missing == 15 and rng.random() < 0.6 else chinese_number(missing) + "分"
        hour_text = chinese_hour(said_later, rng) + "点"
        text = f"{hour_text}差{gap}" if rng.random() < 0.6 else f"差{gap}{hour_text}"
        return chinese_spaces(period + text, rng), hour24, minute
    point = "点" if rng.random() < 0.9 else "时"
    minutes = chinese_minutes(minute, rng, chinese)
    if point == "时" and minutes in ("钟", "半", "一刻", "三刻"):
        point = "点"
    text = period + chinese_hour(said, rng, 0.8 if chinese else 0.1) + point + minutes
    return chinese_spaces(text, rng), hour24, minute


TIME_BUILDERS = {
    "digital_ampm": digital_ampm_time,
    "digital_24h": digital_24h_time,
    "past_to": past_to_time,
    "oclock": oclock_time,
    "noon_midnight": noon_midnight_time,
    "spoken": spoken_time,
    "chinese": chinese_time,
}


def generate_times(n, seed=0, families=None, max_length=64):
    """`n` messy times with their 24-hour `HH:MM` answers, mixed by `TIME_FAMILIES`."""
    rng = random.Random(seed)
    families = families or TIME_FAMILIES
    names, weights = list(families), [families[f] for f in families]
    examples = []
    while len(examples) < n:
        family = rng.choices(names, weights)[0]
        text, hour, minute = TIME_BUILDERS[family](rng)
        if family != "chinese":
            if rng.random() < 0.08:
                text = "at " + text
            text = add_spacing_noise(apply_case(text, rng), rng)
        if len(" ".join(text.split())) <= max_length:
            examples.append(Example(text, f"{hour:02d}:{minute:02d}", family))
    return examples


# ------------------------------------------------------------------ negative examples
#
# Texts the converters must refuse, for a learned rejection: the model is trained to
# answer them with the reject symbol in every output position ("not a date" / "not a
# time"), or, for impossible and out-of-range dates and impossible times, to copy the
# fields it read ("2021-02-30", "1850-12-12", "13:60") so the calendar and range rules
# can say what is wrong. None of these lists is consulted when converting: they only
# make training text, and the model has to generalise from them to words it never saw.

# Everyday English words (a vocabulary for making sentences, not a list of bad inputs).
COMMON_WORDS = """
apple banana orange bread coffee water house car tree river mountain city school teacher
student book pen paper table chair window door garden flower dog cat bird fish horse cow
music song movie game ball team player friend family mother father brother sister baby child
people man woman boy girl hand head eye face heart mind idea word name number story letter
phone computer email message picture money price shop market bank office job work holiday
party dinner lunch breakfast birthday wedding meeting weekend summer winter spring autumn
rain snow sun moon star sky sea beach island road street bridge train bus plane ticket hotel
room kitchen bed light night morning evening afternoon today tomorrow yesterday soon later
now never always sometimes often early late quick slow big small long short new old young
happy sad good bad great nice hot cold warm cool red blue green yellow black white bright
dark loud quiet easy hard free busy open closed ready sure true false right wrong left next
last first second third half quarter dozen hundred thousand million several many few some
run walk talk sing read write eat drink sleep play watch listen think know see look find give
take make go come bring buy sell send call help ask answer learn teach start stop wait hope
love like want need try use keep let put set get feel seem turn move live believe remember
forget happen change follow meet leave stay win lose pay build break cut drive fly swim cook
clean wash carry hold catch throw push pull laugh cry smile dream wonder agree decide
attention model network neural vector matrix data science history physics chemistry math
the a an and or but if because when while where what who why how which this that these those
my your his her our their its me you him them we they it is are was were be been am do does
did have has had will would can could should may might must shall not no yes very too also
just only even still again about above after before between under over into onto from with
without through during until since ago per plus minus times
""".split()
PSEUDO_SYLLABLES = (
    "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru "
    "sa se si so su ta te ti to tu za ze zi zo zu sh ch th st tr pl gr bl an en in on un ar er "
    "or ul ix ox ay ey oo ee ing ed ly"
).split()
RELATIVE_DAYS = [
    "today", "tomorrow", "yesterday", "tonight", "the day after tomorrow", "the day before "
    "yesterday", "next week", "last week", "this week", "next month", "last month", "next year",
    "last year", "this weekend", "next weekend", "in a week", "a week ago", "in two weeks",
    "my birthday", "your birthday", "christmas", "christmas eve", "new year's eve",
    "new year's day", "easter", "halloween", "thanksgiving", "valentine's day", "someday",
    "the other day", "one day", "every day", "daily", "weekly", "monthly", "yearly", "soon",
    "later", "now", "asap", "whenever", "never", "at some point", "end of the month",
    "beginning of next year", "the first day of spring", "the weekend", "a long time ago",
]  # fmt: skip
RELATIVE_TIMES = [
    "now", "right now", "soon", "later", "in a bit", "in an hour", "in five minutes",
    "an hour ago", "a while ago", "lunch time", "lunchtime", "dinner time", "bedtime",
    "tea time", "morning", "in the morning", "afternoon", "evening", "at night", "tonight",
    "this afternoon", "tomorrow morning", "early", "late", "on time", "o'clock", "am", "pm",
    "quarter past", "half past", "ten to", "a quarter to", "five minutes", "two hours",
    "an hour and a half", "half an hour", "a quarter of an hour", "forty minutes",
    "sunrise", "sunset", "dawn", "dusk", "the small hours", "whenever you like", "any time",
    "all day", "every hour", "hourly",
]  # fmt: skip
CHINESE_NOT_DATES = [
    "今天", "明天", "昨天", "后天", "前天", "大后天", "下周三", "上周五", "下个星期二",
    "这个星期六", "下个月", "上个月", "明年", "去年", "今年", "我的生日", "你的生日",
    "春节", "国庆节", "中秋节", "元旦", "端午节", "周末", "星期三", "星期天", "礼拜五",
    "三月", "十二月", "五号", "二十一日", "三个月", "两年", "一年四季", "每天", "天天",
    "日日夜夜", "年年有余", "月亮", "日本", "公元前", "一月一日", "三月八日", "十月一号",
    "五月四日", "2021年", "1998年", "2021年3月", "二〇二一年", "二〇二一年五月", "3月4日",
    "七月十五日", "十一月十一号", "今年三月四日", "明年五月一日", "下个月十号", "星期一早上",
    "你好", "谢谢", "苹果", "香蕉", "我爱你", "天气很好", "吃饭了吗", "早上好", "晚安",
    "再见", "学生", "老师", "电脑", "手机", "注意力", "神经网络", "一二三四五", "十二",
    "三十一", "一百", "一千二百", "第一", "第三名", "一点点", "三点水", "十分好", "差一点",
]  # fmt: skip
CHINESE_NOT_TIMES = [
    "现在", "马上", "一会儿", "等一下", "刚才", "以后", "早上", "上午", "中午", "下午",
    "傍晚", "晚上", "半夜", "凌晨", "早上好", "下午好", "晚安", "明天下午", "今天晚上",
    "一点点", "有点", "三点水", "点心", "一点儿", "十分", "十分好", "分钟", "五分钟",
    "三分钟", "一刻钟", "半小时", "两个小时", "一个半小时", "半天", "整天", "一整天",
    "时间", "时候", "小时", "准时", "按时", "几点", "几点了", "什么时候", "午饭", "晚饭",
    "早饭", "下午茶", "上午的课", "晚上见", "你好", "谢谢", "苹果", "香蕉", "天气很好",
    "吃饭了吗", "学生", "老师", "电脑", "手机", "注意力", "一二三", "十二", "三十", "一百",
    "第一", "半", "整", "刻", "三刻", "一刻", "点", "分", "两点之间", "三分之一", "百分之五十",
    "五点五", "二点五分之一",
]  # fmt: skip
CHINESE_FILLER = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"


GENERATORS = {"dates": generate_dates, "times": generate_times}
FAMILIES = {"dates": DATE_FAMILIES, "times": TIME_FAMILIES}

NEGATIVE_FAMILIES = {  # family -> share of the negative examples, per task
    "dates": {
        "words": 0.14,
        "sentences": 0.15,
        "relative": 0.09,
        "partial": 0.14,
        "numbers": 0.08,
        "other_task": 0.12,
        "chinese_other": 0.08,
        "impossible": 0.10,
        "out_of_range": 0.10,
    },
    "times": {
        "words": 0.15,
        "sentences": 0.14,
        "relative": 0.12,
        "numbers": 0.10,
        "other_task": 0.23,
        "chinese_other": 0.12,
        "impossible": 0.14,
    },
}
# Families whose answer is still the fields as written (the rules then name the problem);
# every other negative family is answered with the reject symbol in every position.
COPIED_FAMILIES = ("impossible", "out_of_range")


@dataclass(frozen=True)
class Fields:
    """Year, month and day as written, possibly impossible ("2021-02-30", "1999-31-12")."""

    year: int
    month: int
    day: int

    def isoformat(self):
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def pseudo_word(rng):
    return "".join(rng.choice(PSEUDO_SYLLABLES) for _ in range(rng.randint(1, 4)))


def some_word(rng):
    pick = rng.random()
    if pick < 0.6:
        return rng.choice(COMMON_WORDS)
    if pick < 0.85:
        return pseudo_word(rng)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(rng.choice(letters) for _ in range(rng.randint(1, 10)))


def words_text(rng):
    """1-5 words, real or made up: "banana", "quick blorpan river", "xkq"."""
    return " ".join(some_word(rng) for _ in range(rng.choices([1, 2, 3, 4, 5], [5, 3, 2, 1, 1])[0]))


def small_number_text(rng):
    return str(rng.randint(0, 99)) if rng.random() < 0.7 else NUMBER_WORDS[rng.randint(0, 19)]


def sentence_text(rng, task):
    """A sentence or phrase that holds no complete date (or time)."""
    w = some_word
    month = MONTHS[rng.randrange(12)]
    weekday = rng.choice(list(WEEKDAYS))
    relative = rng.choice(RELATIVE_DAYS if task == "dates" else RELATIVE_TIMES)
    templates = [
        lambda: f"i {w(rng)} the {w(rng)}",
        lambda: f"the {w(rng)} is {w(rng)}",
        lambda: f"see you {relative}",
        lambda: f"meet me {relative}",
        lambda: f"let's {w(rng)} {relative}",
        lambda: f"how about {relative}?",
        lambda: "what is the date today?",
        lambda: "what time is it?",
        lambda: f"{month} is my favourite month",
        lambda: f"in {month}",
        lambda: f"every {weekday}",
        lambda: f"{weekday} {w(rng)}",
        lambda: f"i was born in {rng.randint(1900, 2099)}",
        lambda: f"back in {rng.choice(['the ', ''])}{rng.randint(19, 20)}{rng.randint(0, 9)}0s",
        lambda: f"{small_number_text(rng)} {w(rng)}s",
        lambda: f"room {rng.randint(1, 999)}",
        lambda: f"chapter {rng.randint(1, 40)}, page {rng.randint(1, 500)}",
        lambda: f"call me on {rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        lambda: f"the {ORDINAL_WORDS[rng.randint(1, 19)]} {w(rng)}",
        lambda: f"{w(rng)}, {w(rng)} and {w(rng)}",
        lambda: f"my {w(rng)} is {w(rng)}",
        lambda: f"{w(rng)} {w(rng)} {w(rng)} {w(rng)} {w(rng)} {w(rng)}",
        lambda: f"it takes {small_number_text(rng)} minutes",
        lambda: f"{rng.randint(2, 12)} hours and {rng.randint(2, 59)} minutes",
        lambda: f"hello, {w(rng)}!",
        lambda: f"the {month} {w(rng)}",
        lambda: f"at the {w(rng)}",
        lambda: f"on the {w(rng)}",
    ]
    return rng.choice(templates)()


NUMBER_KINDS = ("integer", "integer", "decimal", "grouped", "phone", "money", "percent",
                "fraction", "version", "ip", "score")  # fmt: skip
# How an out-of-range date is written (`date_text_for` families).
OUT_OF_RANGE_KINDS = ("iso", "year_first", "numeric_us", "numeric_eu", "month_first", "day_first",
                      "ordinal_word", "compact", "chinese", "spelled_year")  # fmt: skip
# Negative families whose kinds a fine-tuning round can boost: `--boost out_of_range.spelled_year=6`.
NEGATIVE_KINDS = {"numbers": NUMBER_KINDS, "out_of_range": OUT_OF_RANGE_KINDS}


def pick(rng, options, weights=None):
    """`rng.choice(options)`; with `weights` (option -> factor, 1 when absent) a weighted draw.

    Without weights it draws exactly as `rng.choice`, so the data of earlier rounds (and
    every held-out set) is the same as before kinds could be boosted."""
    if not weights:
        return rng.choice(options)
    return rng.choices(options, [weights.get(o, 1.0) for o in options])[0]


def kind_boost(boost, family):
    """{kind: factor} for the `family.kind` names in a `boost` dict."""
    prefix = family + "."
    return {k[len(prefix) :]: v for k, v in (boost or {}).items() if k.startswith(prefix)}


def number_negative_text(rng, task, kinds=None):
    """Numbers that are no date (time): never 8 digits for dates, never 3-4 for times.

    `kinds` (kind -> factor, see `pick`) draws some of `NUMBER_KINDS` more often."""
    kind = pick(rng, NUMBER_KINDS, kinds)
    if kind == "integer":
        lengths = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11] if task == "dates" else [1, 2, 5, 6, 7, 8, 9]
        digits = rng.choice(lengths)
        return str(rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10**digits - 1))
    if kind == "decimal":
        places = rng.choice([1, 3, 4, 5]) if task == "times" else rng.randint(1, 5)
        return f"{rng.randint(0, 999)}.{rng.randint(0, 10**places - 1):0{places}d}"
    if kind == "grouped":
        return f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}" + (
            f",{rng.randint(0, 999):03d}" if rng.random() < 0.5 else ""
        )
    if kind == "phone":
        return rng.choice(["+", "", "("]) + " ".join(
            str(rng.randint(10, 9999)) for _ in range(rng.randint(3, 4))
        )
    if kind == "money":
        return (
            rng.choice(["$", "€", "£", "¥", "usd "])
            + f"{rng.randint(1, 9999)}"
            + (f".{rng.randint(0, 99):02d}" if rng.random() < 0.5 else "")
        )
    if kind == "percent":
        return f"{rng.randint(0, 100)}%"
    if kind == "fraction":
        return f"{rng.randint(1, 12)}/{rng.randint(1, 31)}"  # no year: not a date
    if kind == "version":
        return f"v{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 20)}"
    if kind == "ip":
        return ".".join(str(rng.randint(0, 255)) for _ in range(4))
    return (
        f"{rng.randint(0, 9)} - {rng.randint(0, 9)}"
        if task == "dates"
        else (f"{rng.randint(0, 99)} - {rng.randint(0, 99)} - {rng.randint(0, 99)}")
    )


def partial_date_text(rng):
    """A date without its year, day or month: "july 4th", "march 2021", "monday", "04/07"."""
    d = random_date(rng)
    month = month_name(d.month, rng)
    kind = rng.randrange(10)
    if kind == 0:
        return month.rstrip(".")
    if kind == 1:
        return weekday_text(rng)
    if kind == 2:  # the month-first text without its year: "jul. the 4th", "Jul-04"
        text = month_first_text(d, rng, rng.random() < 0.4, "long")
        if text[-5:-4] in ("-", "/", "."):  # "Jul-04-1976" has no space before its year
            return text[:-5]
        return text.rsplit(" ", 1)[0].rstrip(",")
    if kind == 3:
        return f"{rng.choice(['the ', ''])}{day_text(d.day, rng, rng.random() < 0.5)} of {month}"
    if kind == 4:
        return f"{month} {rng.choice(['', 'of ', ', '])}{d.year}".replace(" , ", ", ")
    if kind == 5:
        return str(d.year) if rng.random() < 0.6 else spelled_year(d.year, rng)
    if kind == 6:
        return f"the {day_text(d.day, rng, rng.random() < 0.5)}"
    if kind == 7:
        sep = rng.choice(["/", "-", "."])
        return f"{d.day}{sep}{d.month}" if rng.random() < 0.5 else f"{d.year}{sep}{d.month:02d}"
    if kind == 8:
        return f"{weekday_text(rng)} {day_text(d.day, rng)}"
    return f"q{rng.randint(1, 4)} {d.year}"


def days_in_month(year, month):
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def date_text_for(d, rng, family):
    """Text for fields `d` (real or not) in a 4-digit-year `family`."""
    if family == "iso":
        return d.isoformat()
    if family == "year_first":
        sep = rng.choice(["-", "/", ".", " "])
        return f"{d.year}{sep}{number_text(d.month, rng)}{sep}{number_text(d.day, rng)}"
    if family in ("numeric_us", "numeric_eu"):
        return numeric_text(d, rng, "us" if family == "numeric_us" else "eu", "long")
    if family == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    if family == "chinese":
        return chinese_date_text(d, rng)
    if family == "spelled_year":
        return spelled_year_date_text(d, rng)
    builder = month_first_text if family == "month_first" else day_first_text
    return builder(d, rng, family == "ordinal_word" or rng.random() < 0.2, "long")


def impossible_date(rng):
    """A date that is not on the calendar, answered with the fields as written:
    "February 30, 2021" -> 2021-02-30, "31/12/1999" (month first) -> 1999-31-12."""
    year = rng.randint(1900, 2099)
    if rng.random() < 0.6:  # a day the month does not have
        month = rng.choice([2, 2, 2, 4, 6, 9, 11])
        last = days_in_month(year, month)
        day = rng.randint(last + 1, 31)
        if rng.random() < 0.15:
            day = rng.randint(32, 39)
        if rng.random() < 0.03:
            day = 0
        family = rng.choice(
            ["iso", "year_first", "numeric_us", "numeric_eu", "month_first", "day_first",
             "ordinal_word", "chinese", "spelled_year", "compact"]
        )  # fmt: skip
        if day > 31 or day == 0:
            family = rng.choice(["iso", "year_first", "numeric_us", "numeric_eu", "compact"])
    else:  # a month number above 12 (or 0): "31/12/1999" read month first
        month = rng.choice([rng.randint(13, 31), rng.randint(13, 19), rng.randint(13, 99), 0])
        day = rng.randint(1, 28)
        family = rng.choice(["iso", "year_first", "numeric_us", "numeric_us", "numeric_eu",
                             "compact", "chinese"])  # fmt: skip
        if family == "chinese":
            month = rng.randint(13, 31) if month else 13
    d = Fields(year, month, day)
    if family in ("numeric_us", "numeric_eu") and rng.random() < 0.3:
        year = rng.randint(*TWO_DIGIT_YEARS)
        if 1 <= month <= 12 and 1 <= day <= days_in_month(year, month):
            # the day was drawn for another year: "29.2.36" is a date (2036 is a leap year)
            year = rng.choice(NON_LEAP_TWO_DIGIT_YEARS)
        d = Fields(year, month, day)
        return numeric_text(d, rng, family[-2:], "short"), d
    return date_text_for(d, rng, family), d


def out_of_range_date(rng, kinds=None):
    """A real date outside 1900-2099, answered with its year as written ("1850-12-12").

    `kinds` (kind -> factor, see `pick`) draws some of `OUT_OF_RANGE_KINDS` more often."""
    if rng.random() < 0.6:
        year = rng.choice([rng.randint(1800, 1899), rng.randint(2100, 2199)])
    else:
        year = rng.choice([rng.randint(1000, 1899), rng.randint(2100, 2999)])
    month = rng.randint(1, 12)
    d = Fields(year, month, rng.randint(1, days_in_month(year, month)))
    return date_text_for(d, rng, pick(rng, OUT_OF_RANGE_KINDS, kinds)), d


def impossible_time(rng):
    """A clock reading no clock shows, answered as written: "13:60", "25:00", "24h30"."""
    if rng.random() < 0.5:
        hour = rng.choice([24, 24, 25, rng.randint(24, 29), rng.randint(24, 99)])
        minute = rng.choice([0, 0, 30, rng.randint(0, 59)])
    else:
        hour = rng.randint(0, 23)
        minute = rng.choice([60, 60, rng.randint(60, 69), rng.randint(60, 99)])
    hh = f"{hour:02d}" if rng.random() < 0.5 else str(hour)
    kind = rng.choices(["colon", "h", "dot", "hours"], [8, 2, 1, 1])[0]
    if kind == "colon":
        text = f"{hh}:{minute:02d}"
    elif kind == "h":
        text = f"{hh}h{minute:02d}"
    elif kind == "dot":
        text = f"{hh}.{minute:02d}"
    else:
        text = f"{hour:02d}{minute:02d} hours"
    return text, hour, minute


def negative_example(rng, task, family, kinds=None):
    """(text, target) for one negative `family` of `task`; `kinds` as in `NEGATIVE_KINDS`."""
    from attnviz.models.dates import OUTPUT_LENGTHS, REJECT

    rejected = REJECT * OUTPUT_LENGTHS[task]
    if family == "words":
        return apply_case(words_text(rng), rng), rejected
    if family == "sentences":
        return apply_case(sentence_text(rng, task), rng), rejected
    if family == "relative":
        pool = RELATIVE_DAYS if task == "dates" else RELATIVE_TIMES
        return apply_case(rng.choice(pool), rng), rejected
    if family == "partial":
        return apply_case(partial_date_text(rng), rng), rejected
    if family == "numbers":
        return number_negative_text(rng, task, kinds), rejected
    if family == "chinese_other":
        pool = CHINESE_NOT_DATES if task == "dates" else CHINESE_NOT_TIMES
        if rng.random() < 0.3:
            text = "".join(rng.choice(CHINESE_FILLER) for _ in range(rng.randint(1, 8)))
        else:
            text = rng.choice(pool)
        return chinese_spaces(text, rng), rejected
    if family == "other_task":
        if task == "dates":
            name = rng.choice(list(TIME_BUILDERS))
            text = TIME_BUILDERS[name](rng)[0]
            return (text if name == "chinese" else apply_case(text, rng)), rejected
        text, _ = one_date(rng, rng.choice(list(DATE_FAMILIES)))
        return finish(text, rng), rejected
    if family == "impossible" and task == "times":
        text, hour, minute = impossible_time(rng)
        return text, f"{hour:02d}:{minute:02d}"
    if family == "impossible":
        text, d = impossible_date(rng)
    elif family == "out_of_range":
        text, d = out_of_range_date(rng, kinds)
    else:
        raise ValueError(f"unknown negative family {family!r} for {task}")
    return finish(text, rng), d.isoformat()


def generate_negatives(task, n, seed=0, families=None, max_length=64, boost=None):
    """`n` texts the `task` converter must refuse, mixed by `NEGATIVE_FAMILIES[task]`.

    The target is the reject symbol in every position ("not a date" / "not a time"),
    except for impossible and out-of-range dates and impossible times, whose target is
    the fields as written (the rules in `attnviz.models.dates.output_reason` name them).
    `boost`'s `family.kind` names draw those kinds of a family more often.
    """
    rng = random.Random(seed)
    families = families or NEGATIVE_FAMILIES[task]
    names, weights = list(families), [families[f] for f in families]
    examples = []
    while len(examples) < n:
        family = rng.choices(names, weights)[0]
        text, target = negative_example(rng, task, family, kind_boost(boost, family))
        if text.strip() and len(" ".join(text.split())) <= max_length:
            examples.append(Example(text, target, family))
    return examples


def boosted(families, boost):
    """`families` (name -> share) with the shares of the names in `boost` multiplied by it."""
    return {name: share * (boost or {}).get(name, 1.0) for name, share in families.items()}


def generate_mixed(task, n, seed=0, negative_share=0.25, max_length=64, boost=None):
    """`n` examples: converted texts and, `negative_share` of them, negatives, shuffled.

    `boost` (family -> factor) draws those families more (or less) often than their
    share, e.g. for a fine-tuning round on the families a model gets wrong most; a
    `family.kind` name (see `NEGATIVE_KINDS`) draws that kind within its family more often.
    """
    negatives = round(n * negative_share)
    examples = GENERATORS[task](
        n - negatives, seed=seed, max_length=max_length, families=boosted(FAMILIES[task], boost)
    )
    examples += generate_negatives(
        task,
        negatives,
        seed=seed + 1,
        max_length=max_length,
        families=boosted(NEGATIVE_FAMILIES[task], boost),
        boost=boost,
    )
    random.Random(seed + 2).shuffle(examples)
    return examples


def held_out(task, n, seed, exclude, negative_share=0.0):
    """`n` examples drawn with `seed`, skipping any whose normalised text is in `exclude`."""
    from attnviz.models.dates import normalize

    examples, offset = [], 0
    while len(examples) < n:
        batch = generate_mixed(task, n, seed=seed + offset, negative_share=negative_share)
        examples += [e for e in batch if normalize(e.text) not in exclude]
        offset += 7919
    return examples[:n]
