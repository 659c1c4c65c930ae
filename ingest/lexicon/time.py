"""Words of time: weekdays, month names and their abbreviations, time nouns."""

from __future__ import annotations

from ingest.lexicon import word_set

WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")

TIME_WORDS = WEEKDAYS | word_set(
    """
    week month year morning afternoon evening night weekend spring summer fall autumn
    winter time
    """
)

# Month names and abbreviations as dates write them, with the month's number.
MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
