"""The bundled samples checked against their gold speakers."""

from __future__ import annotations

from ingest.quotes import extract_quotes
from tests.corpus_builders import sample_articles, sample_gold

GOLD = sample_gold()


# Known gaps (found with the wrong or no speaker); every other gold quote must be found and
# credited to its gold speaker. Shrink this set as the extractor improves. The 4 left need
# another article: in daily-ledger-briefs.json "Morrow" and "the union" (twice) are never
# named in full, and in northern-wire-updates.jsonl "The city's mayor" is never named; the
# gold takes the names from other reports of the same events. The corpus-level links do
# that (tests/test_speaker_links.py checks every gold quote with them).
KNOWN_GAPS = 4


def test_sample_quotes_found_with_their_gold_speakers() -> None:
    articles = sample_articles()
    wrong = []
    total = 0
    for gold in GOLD["articles"]:
        article = articles[gold["id"]]
        found = extract_quotes(article)
        for g in gold["quotes"]:
            total += 1
            start = article.text.index(g["text"])
            end = start + len(g["text"])
            hit = [q for q in found if q.start < end and start < q.end]
            if not hit or hit[0].canonical_speaker != g["speaker"]:
                wrong.append((gold["file"], g["text"][:40], g["speaker"]))
    assert total >= 100
    assert len(wrong) <= KNOWN_GAPS, wrong
    fixed = {("samples/northern-wire-marrowford-flood.txt", "Odile Fenwicke")}
    assert not [w for w in wrong if (w[0], w[2]) in fixed], wrong
