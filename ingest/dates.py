"""Publication dates in the forms news sites write them, to ISO ``YYYY-MM-DD``.

``parse_date`` returns ``""`` for anything it cannot read with certainty: a bare year or
month, an impossible day, or a numeric date whose day and month could be swapped
("04/05/2022"). It never guesses. A datetime keeps the calendar date as written, whatever
its time zone.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.lexicon.time import MONTHS

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?"
_YEAR = r"(?P<year>\d{4})"
# What may follow a date: a time, with or without seconds, am/pm and a zone.
_TIME = (
    r"(?:(?:,\s*|\s+|T)(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?"
    r"(?:\s*[ap]\.?m\.?)?(?:\s*(?:z|[a-z]{2,5}|[+-]\d{2}:?\d{2}))?)?"
)

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2022-04-28, 2022-04-28T10:00:00+02:00, 2022/04/28, 2022.04.28
    re.compile(r"(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})" + _TIME, re.I),
    # 28 April 2022, Thu, 28 Apr 2022 10:00:00 GMT, 28th April, 2022
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    # April 28, 2022, Apr. 28 2022, Thursday, April 28th, 2022
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    # 28.04.2022 (day first, the only convention that writes dates with dots)
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _TIME, re.I),
)

# 04/05/2022 or 04-05-2022: day and month order is only known when one of them is over 12.
_NUMERIC = re.compile(r"(?P<a>\d{1,2})([/-])(?P<b>\d{1,2})\2(?P<year>\d{4})" + _TIME, re.I)


def _iso(year: int, month: int, day: int) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _month_number(value: str) -> int:
    if value.isdigit():
        return int(value)
    return MONTHS.get(value.lower().rstrip("."), 0)


def parse_date(value: str) -> str:
    """ISO ``YYYY-MM-DD`` for a date written in a common form, else ``""`` (never a guess)."""
    text = " ".join(str(value).split()).strip()
    if not text:
        return ""
    for pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return _iso(int(m["year"]), _month_number(m["month"]), int(m["day"]))
    m = _NUMERIC.fullmatch(text)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        if a == b or (a > 12 >= b):
            return _iso(year, b, a)  # day first (or both the same)
        if b > 12 >= a:
            return _iso(year, a, b)  # month first
    return ""
