"""The corpus-level speaker index, computed over every stored quote and stored with them.

Who a quote is given to depends on the whole corpus: a nameless "the spokesman" is named by
another article (``speaker_links``), and spellings of one person are grouped
(``speakers``). Computing that reads every quote, so it is done by the writer after each
write (``bot.service``) and stored in the word index (``ingest.word_index``), where every
reader finds it without reading a quote at start.
"""

from __future__ import annotations

from bot.index.quote_index import QuoteIndex, speaker_name
from bot.index.speakers import group_speakers
from bot.index.stored_index import StoredQuoteIndex
from ingest.store import ArticleStore
from ingest.word_index import SpeakerRow, WordIndex


def speaker_groups(index: QuoteIndex) -> list[list[str]]:
    """Spelling variants grouped by the corpus-level speaker index (``bot.index.speakers``)."""
    pairs = [(speaker_name(e), e.article.outlet) for e in index.entries if e.quote]
    return [[g.name, *g.aliases] for g in group_speakers([p for p in pairs if p[0]])]


def computed_speakers(words: WordIndex) -> StoredQuoteIndex:
    """An index whose speakers are computed now, from every quote in ``words``."""
    index = StoredQuoteIndex(words, stored_speakers=False)
    index.merge_speakers(speaker_groups(index))
    return index


def store_speakers(words: WordIndex) -> int:
    """Compute the speaker index and store it in ``words`` (the caller holds the writers'
    lock, so no article is written meanwhile). The number of speakers."""
    at = words.counts()
    index = computed_speakers(words)
    quotes: dict[tuple[str, int], tuple[str, int, str, str | None, str | None]] = {}
    for e in index.quote_entries.values():
        q, link = e.quote, e.speaker_link
        if q is not None:
            quotes[(q.article_id, q.index)] = (
                *(q.article_id, q.index, e.speaker_key),
                *((link.name, link.how) if link else (None, None)),
            )
    speakers = [
        SpeakerRow(key, info.name, tuple(sorted(info.aliases)), tuple(sorted(info.roles)))
        for key, info in index.speakers.items()
    ]
    aliases = [(alias, key) for alias, keys in index._alias_to_key.items() for key in keys]
    words.write_speakers(at, quotes.values(), speakers, aliases)
    return len(speakers)


def level_speakers(store: ArticleStore, wait: bool = True) -> bool:
    """Store the speaker index again if articles were written or removed since it was, under
    the writers' lock: waited for (``wait``: a writer, after its write), or taken only if
    free now (a reader: a writer at work stores it itself). Whether it was stored."""
    words = store.text_index
    if words is None or words.speakers_at() == words.counts():
        return False
    with store.writing() if wait else store.try_writing() as got:
        if got is False or words.speakers_at() == words.counts():  # (writing() gives None)
            return False
        store_speakers(words)
        return True


__all__ = ["computed_speakers", "level_speakers", "speaker_groups", "store_speakers"]
