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
TENS_WORDS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}
ORDINAL_WORDS = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
ORDINAL_TENS_WORDS = {2: "twentieth", 3: "thirtieth"}

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
TWO_DIGIT_YEARS = (1969, 2068)  # the years a 2-digit year can stand for

DATE_FAMILIES = {  # family -> share of the generated data
    "iso": 0.06,
    "year_first": 0.10,
    "numeric_us": 0.12,
    "numeric_eu": 0.10,
    "month_first": 0.16,
    "day_first": 0.16,
    "ordinal_word": 0.14,
    "compact": 0.08,
    "apostrophe_year": 0.08,
}
TIME_FAMILIES = {
    "digital_ampm": 0.20,
    "digital_24h": 0.14,
    "past_to": 0.32,
    "oclock": 0.10,
    "noon_midnight": 0.06,
    "spoken": 0.18,
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


def one_date(rng, family):
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


TIME_BUILDERS = {
    "digital_ampm": digital_ampm_time,
    "digital_24h": digital_24h_time,
    "past_to": past_to_time,
    "oclock": oclock_time,
    "noon_midnight": noon_midnight_time,
    "spoken": spoken_time,
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
        if rng.random() < 0.08:
            text = "at " + text
        text = add_spacing_noise(apply_case(text, rng), rng)
        if len(" ".join(text.split())) <= max_length:
            examples.append(Example(text, f"{hour:02d}:{minute:02d}", family))
    return examples


GENERATORS = {"dates": generate_dates, "times": generate_times}
FAMILIES = {"dates": DATE_FAMILIES, "times": TIME_FAMILIES}


def held_out(task, n, seed, exclude):
    """`n` examples drawn with `seed`, skipping any whose normalised text is in `exclude`."""
    from attnviz.models.dates import normalize

    examples, offset = [], 0
    while len(examples) < n:
        batch = GENERATORS[task](n, seed=seed + offset)
        examples += [e for e in batch if normalize(e.text) not in exclude]
        offset += 7919
    return examples[:n]
