"""Words of time: weekdays and time nouns."""

from __future__ import annotations

from ingest.lexicon import word_set

WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")

TIME_WORDS = WEEKDAYS | word_set(
    """
    week month year morning afternoon evening night weekend spring summer fall autumn
    winter time
    """
)
