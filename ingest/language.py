"""Is this text English? A cheap test (scripts, then function words), no model.

Quotecheck reads articles and questions as English; :func:`other_language` names the
language a text plainly is in otherwise, so the app can say so instead of answering as if
nothing were wrong. The word lists are data in :mod:`ingest.lexicon.languages`.
"""

from __future__ import annotations

import re

from ingest.lexicon.languages import ENGLISH, FUNCTION_WORDS, SCRIPTS
from ingest.records import Article

SAMPLE_CHARS = 6000  # an article is judged on its start
SCRIPT_SHARE = 0.3  # of the letters, in one non-Latin script
MIN_WORDS = 2  # distinctive words of the other language, at least
_WORD = re.compile(r"[^\W\d_]+")


def script_of(text: str) -> str:
    """The non-Latin script most of the letters are in (its name), or ""."""
    letters = sum(1 for ch in text if ch.isalpha())
    # ASCII letters are Latin: only the others can be in another script (and an English
    # article has almost none, so this is quick at ingest)
    others = [ord(ch) for ch in text if ch.isalpha() and not ch.isascii()]
    if not others or len(others) < SCRIPT_SHARE * letters:
        return ""
    counts = {
        name: sum(any(lo <= cp <= hi for lo, hi in ranges) for cp in others)
        for name, ranges in SCRIPTS
    }
    if counts.get("Japanese") and counts.get("Chinese"):  # kana with kanji: Japanese
        counts["Japanese"] += counts.pop("Chinese")
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count >= SCRIPT_SHARE * letters else ""


def words_language(words: list[str]) -> str:
    """The Latin-script language whose function words clearly outnumber English's, or ""."""
    english = sum(w in ENGLISH for w in words)
    hits = {lang: sum(w in vocab for w in words) for lang, vocab in FUNCTION_WORDS.items()}
    lang, count = max(hits.items(), key=lambda kv: kv[1])
    return lang if count >= MIN_WORDS and count >= 2 * english + 1 else ""


def other_language(text: str) -> str:
    """What ``text`` is when it is plainly not English ("French", "Japanese", "text in
    Cyrillic script"); "" for English, or too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    return script_of(sample) or words_language(_WORD.findall(sample.casefold()))


def not_english_note(article: Article) -> str:
    """The caveat an ingest reports for an article that is not in English, else ""."""
    language = other_language(f"{article.title}\n{article.text}")
    if not language:
        return ""
    return (
        f"this article looks like {language}; Quotecheck reads articles as English, so its "
        "quotes and speakers may be missed or wrong"
    )
