"""Nameless speakers ("the union", "the city's mayor") named by other articles (issue 3)."""

from __future__ import annotations

from pathlib import Path

from bot.index.holder import build_index
from bot.index.quote_index import QuoteIndex
from bot.index.speaker_links import (
    is_description,
    is_full_name,
    is_nameless,
    link_nameless_speakers,
    phrase_key,
)
from ingest.quotes import extract_quotes
from ingest.records import Article
from ingest.store import ArticleInfo, StoredQuote
from tests.corpus_builders import sample_articles, sample_gold

WIRE = (
    "Bus drivers in Calloway stopped work on Tuesday over rest breaks.\n\n"
    '"We have asked for ten minutes an hour and been laughed at," said Wendell Orr, '
    "chair of the Calloway Drivers' Association.\n\n"
    "The association said the stoppage would last until Friday."
)
# A brief that reprints the wire copy without the paragraph that names the guild.
BRIEF = (
    "Calloway's buses stood idle on Tuesday.\n\n"
    "The association said the stoppage would last until Friday."
)
FLOOD = (
    "Water rose across Tamsford on Sunday.\n\n"
    "The town's mayor, Rosalind Achterberg, said 40 homes had been evacuated."
)
FOLLOW_UP = (
    "A review of the Tamsford flood defences will begin next month.\n\n"
    "The town's mayor said the council would publish every report."
)


def stored(
    article_id: str, outlet: str, text: str, published: str = "2024-05-01"
) -> list[StoredQuote]:
    article = Article(id=article_id, title=article_id, text=text, outlet=outlet)
    info = ArticleInfo(article_id, article_id, outlet, "", published, "", "", "v1", 1, 0)
    return [StoredQuote(q, info) for q in extract_quotes(article)]


def index_of(*articles: tuple[str, ...]) -> QuoteIndex:
    return build_index([sq for a in articles for sq in stored(*a)], [])


def speaker_of(index: QuoteIndex, article_id: str, words: str) -> str:
    hits = [
        e
        for e in index.entries
        if e.article.id == article_id and e.quote is not None and words in e.quote.text
    ]
    assert hits, f"no quote with {words!r} in {article_id}"
    return index.display_name(hits[0].speaker_key)


def test_descriptions_are_nameless_and_names_are_not() -> None:
    assert is_nameless("the union") and is_nameless("the city's mayor")
    assert not is_nameless("Harbour and Dock Workers' Union") and not is_nameless("")
    assert phrase_key("The city\u2019s mayor") == phrase_key("the city's mayor") == "city s mayor"
    for described in ("the union", "The city's mayor", "the former president", "the judge"):
        assert is_description(described), described
    for vague in ("they", "They", "aides", "the sources", "the officials", "sources", "one"):
        assert not is_description(vague), vague
    for name in ("Odile Fenwicke", "Harbour and Dock Workers' Union", "George W. Bush"):
        assert is_full_name(name), name
    for not_a_name in ("Berman", "They", "Aides", "Party officials said"):
        assert not is_full_name(not_a_name), not_a_name


def test_vague_speakers_and_bare_surnames_are_never_linked() -> None:
    named = (
        "They said the vote would fail.\n\nAides said the plan was dead.\n\n"
        "The negotiator, Vandermolen, said the deal was off."
    )
    vague = (
        "The talks resumed on Friday, and in the capital they said the vote would fail.\n\n"
        "On Friday the aides said the plan was dead.\n\n"
        "On Saturday the negotiator said the deal was off."
    )
    quotes = stored("a-1", "Post", named) + stored("a-2", "Post", vague)
    assert link_nameless_speakers(quotes) == {}


def test_an_outlets_description_links_only_within_a_fortnight() -> None:
    quotes = stored("flood-1", "Tamsford Post", FLOOD, "2024-04-01")
    for published, linked in (("2024-04-15", True), ("2024-04-16", False), ("", False)):
        later = stored("review-1", "Tamsford Post", FOLLOW_UP, published)
        assert bool(link_nameless_speakers(quotes + later)) is linked, published


def test_a_description_named_later_in_the_same_article_says_so() -> None:
    text = (
        "The town's mayor said the council would publish every report.\n\n"
        "Later the town's mayor, Rosalind Achterberg, said 40 homes had been evacuated."
    )
    links = link_nameless_speakers(stored("one-1", "Tamsford Post", text))
    assert [(link.name, link.how) for link in links.values()] == [
        ("Rosalind Achterberg", "named elsewhere in the same article")
    ]


def test_a_reprint_takes_the_name_from_the_report_it_reprints() -> None:
    index = index_of(("wire-1", "Wire", WIRE), ("brief-1", "Gazette", BRIEF))
    assert speaker_of(index, "wire-1", "until Friday") == "Calloway Drivers' Association"
    assert speaker_of(index, "brief-1", "until Friday") == "Calloway Drivers' Association"
    entry = next(e for e in index.entries if e.article.id == "brief-1" and e.quote is not None)
    assert entry.speaker_link is not None
    assert entry.speaker_link.how == "named where this was first reported"
    assert entry.quote is not None
    assert entry.quote.speaker == "The association"  # the brief's own words, as written


def test_an_outlet_names_its_own_description_of_one_person() -> None:
    index = index_of(("flood-1", "Tamsford Post", FLOOD), ("review-1", "Tamsford Post", FOLLOW_UP))
    assert speaker_of(index, "review-1", "publish every report") == "Rosalind Achterberg"
    assert index.find_speakers("Achterberg") == index.find_speakers("Rosalind Achterberg")
    quotes = index.speaker_entries(index.find_speakers("Achterberg")[0])
    assert {e.article.id for e in quotes} == {"flood-1", "review-1"}


def test_another_outlets_description_is_not_linked() -> None:
    index = index_of(("flood-1", "Tamsford Post", FLOOD), ("review-1", "Other Daily", FOLLOW_UP))
    assert speaker_of(index, "review-1", "publish every report") == "the town's mayor"


def test_a_description_given_to_two_people_is_not_linked() -> None:
    second = FLOOD.replace("Rosalind Achterberg", "Piet Vandermolen").replace("40", "12")
    index = index_of(
        ("flood-1", "Tamsford Post", FLOOD),
        ("flood-2", "Tamsford Post", second),
        ("review-1", "Tamsford Post", FOLLOW_UP),
    )
    assert speaker_of(index, "review-1", "publish every report") == "the town's mayor"


def test_a_named_speaker_in_a_reprint_is_never_replaced() -> None:
    wrong = WIRE.replace("said Wendell Orr, chair", "said Mina Falk, head")
    quotes = stored("wire-1", "Wire", WIRE) + stored("brief-2", "Gazette", wrong)
    links = link_nameless_speakers(quotes)
    assert all(
        not q.quote.article_id.startswith("brief-2") or q.quote.id not in links
        for q in quotes
        if not is_nameless(q.quote.canonical_speaker)
    )
    index = build_index(quotes, [])
    assert speaker_of(index, "brief-2", "laughed at") == "Mina Falk"


def test_every_sample_quote_is_credited_to_its_gold_speaker_across_the_corpus() -> None:
    """The corpus-level view (quote index, speaker search) of tests/data/sample_gold.json."""
    gold = sample_gold()
    articles = sample_articles()
    quotes = []
    for a in articles.values():
        info = ArticleInfo(a.id, a.title, a.outlet, "", a.published, "", "", "v1", 1, 0)
        quotes += [StoredQuote(q, info) for q in extract_quotes(a)]
    index = build_index(quotes, [])
    wrong = []
    total = 0
    for g_article in gold["articles"]:
        text = articles[g_article["id"]].text
        for g in g_article["quotes"]:
            total += 1
            start = text.index(g["text"])
            end = start + len(g["text"])
            hits = [
                e
                for e in index.entries
                if e.article.id == g_article["id"]
                and e.quote is not None
                and e.quote.start < end
                and start < e.quote.end
            ]
            if not hits or hits[0].speaker_key not in index.find_speakers(g["speaker"]):
                wrong.append((g_article["file"], g["text"][:40], g["speaker"]))
    assert total >= 100
    assert wrong == []


def test_answers_credit_the_named_speaker_and_say_how(tmp_path: Path) -> None:
    from bot.service import Quotecheck
    from ingest.config import load_settings

    qc = Quotecheck(load_settings({}, data_dir=tmp_path, embed_model="fake"))
    qc.ingest_articles(
        [
            Article(id=aid, title=aid, text=text, outlet="Tamsford Post", published=date)
            for aid, text, date in (
                ("flood-1", FLOOD, "2024-04-01"),
                ("review-1", FOLLOW_UP, "2024-04-09"),
            )
        ]
    )
    said = qc.ask("What did Rosalind Achterberg say?")
    assert "publish every report" in said.markdown
    assert "written as: The town's mayor; named in another Tamsford Post article" in said.markdown
    assert not said.removed
    who = qc.ask("Who said the council would publish every report?")
    assert "Rosalind Achterberg" in who.markdown
    speaker, quotes, links = qc.speaker_quotes("Achterberg")
    assert speaker is not None and len(quotes) == 2 and list(links) == ["review-1#q0"]
