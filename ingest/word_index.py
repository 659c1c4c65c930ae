"""The stored word index of quotes and passages, written once for any SQL database.

Every process reads it as it is stored: nothing is rebuilt at start, and an article written
by another process is found by the next lookup. It holds, per article, the *entries* a
lexical lookup can return (``ENTRY_KINDS``: a direct quote, a quoted fragment of a mixed
quote, reported speech, or a passage of text), their words (quotes and passages apart, so a
lookup reads only the kind it wants), each quote's record, the article's metadata, and the
corpus-level speaker index (``bot.index.speaker_store``).

Two databases hold it, each a subclass that says only how it stores words and how its
writers take turns: ``ingest.text_index.TextIndex`` (SQLite FTS5, a file beside the embedded
store) and ``ingest.pg_words.PgWordIndex`` (PostgreSQL, one index shared by every instance
on a Chroma server, on any machine). The SQL here is read by both; ``?`` marks parameters.

Consistency with the Chroma store (``ingest.store``), whose article record is the commit
point: an article's rows are replaced in **one transaction, after** its version is committed
in Chroma, and removed **before** Chroma forgets it. So the index holds exactly one version
of an article, always one that Chroma committed; a crash between the two stores leaves an
article one version behind (or missing, or left over), never half-written, and
``ArticleStore.repair()`` (run first by every ingest, and by ``quotecheck check``) brings it
level from Chroma's records, without embedding anything again.

Entry numbers are never reused, so a number read once names one entry for good.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from ingest.records import Passage, Quote
from ingest.words import words

ENTRY_KINDS = ("direct", "fragment", "reported", "text")
KIND_CODE = {k: i for i, k in enumerate(ENTRY_KINDS)}
TEXT_CODE = KIND_CODE["text"]


def entry_spans(q: Quote) -> list[tuple[str, str, int, int]]:
    """The lookup entries of a quote, as (kind, text, start, end): a direct quote is one;
    a mixed quote is its fragments (the speaker's words) and the whole (the reporter's);
    an indirect quote is reported speech."""
    if q.kind == "direct":
        return [("direct", q.text, q.start, q.end)]
    out = [("fragment", f.text, f.start, f.end) for f in q.fragments] if q.kind == "mixed" else []
    out.append(("reported", q.text, q.start, q.end))
    return out


@dataclass(frozen=True)
class IndexedArticle:
    """What the word index keeps of one committed article version."""

    article_id: str
    version: str
    outlet: str
    published: str
    meta: dict[str, Any]  # the article record's metadata (``store_schema.article_meta``)
    passages: Sequence[Passage]
    quotes: Sequence[tuple[Quote, dict[str, Any]]]  # each with its record's metadata


@dataclass(frozen=True)
class EntryRow:
    id: int
    article_id: str
    kind: str
    item: int  # the quote's or the passage's index in its article
    start: int
    end: int
    text: str
    quote: QuoteRow | None = None  # a quote entry's quote


@dataclass(frozen=True)
class QuoteRow:
    """A stored quote's record, and what the speaker index made of it (None: not yet)."""

    meta: dict[str, Any]
    text: str
    speaker: str | None = None  # the speaker key
    link_name: str | None = None  # a nameless speaker's name from other articles
    link_how: str | None = None


@dataclass(frozen=True)
class SpeakerRow:
    key: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]


class NewEntry(NamedTuple):
    """An entry about to be written, with its words (never none)."""

    article_id: str
    kind: str
    item: int
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]


class WordIndex(ABC):
    """The word index: written by ingest, read by every process.

    A subclass gives the connections (``_reading``, ``_transaction``, ``_stream``), the
    writers' turn-taking (``exclusive``) and the words (``_add_entries`` ...
    ``_last_entry``); everything else is here, once.
    """

    # ------------------------------------------------------------ the database
    @abstractmethod
    def _reading(self) -> AbstractContextManager[Any]:
        """A connection for a few reads (``execute`` and ``executemany``, ``?`` marks)."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A connection inside one write transaction, this writer's turn: committed when the
        block ends, rolled back if it raises."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
        """The rows of a long query, read as they are consumed."""

    @abstractmethod
    def exclusive(self) -> AbstractContextManager[None]:
        """Hold the writers' turn for a block that reads Chroma and then writes here (a
        levelling, a removal), so no other writer's replace or removal falls between."""

    @abstractmethod
    def close(self) -> None: ...

    # --------------------------------------------------------------- the words
    @abstractmethod
    def _add_entries(self, db: Any, entries: Sequence[NewEntry]) -> None:
        """Write these entries and their words, numbered after every number given so far."""

    @abstractmethod
    def _forget_words(self, db: Any, article_id: str) -> None:
        """Take the words of an article's entries out (before its rows are deleted)."""

    @abstractmethod
    def _posting_list(self, db: Any, token: str, text: bool) -> array[int]:
        """The ascending numbers of the quote (``text``: passage) entries holding ``token``."""

    @abstractmethod
    def _containing(self, db: Any, tokens: Sequence[str], text: bool, limit: int) -> list[int]:
        """The first ``limit`` quote (``text``: passage) entries, ascending, holding every
        one of ``tokens``."""

    @abstractmethod
    def _term_counts(self, db: Any, terms: Sequence[str]) -> Iterable[tuple[str, int]]:
        """(term, entries holding it) pairs, summed by the caller when a term repeats."""

    @abstractmethod
    def _terms_from(self, db: Any, prefix: str) -> Iterable[str]:
        """Indexed words starting with ``prefix``, maybe repeated."""

    @abstractmethod
    def _last_entry(self, db: Any) -> int:
        """The highest entry number ever given (0: none)."""

    # ------------------------------------------------------------------ writes
    def replace(self, articles: Iterable[IndexedArticle]) -> None:
        """Make these versions the indexed ones, all in one transaction."""
        with self._transaction() as db:
            for a in articles:
                self._drop(db, a.article_id)
                self._add(db, a)

    def remove(self, article_ids: Iterable[str]) -> None:
        with self._transaction() as db:
            for article_id in article_ids:
                self._drop(db, article_id)

    def _add(self, db: Any, a: IndexedArticle) -> None:
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
            (a.article_id, a.version, a.outlet, a.published, json.dumps(a.meta)),
        )
        entries: list[NewEntry] = []
        for q, meta in a.quotes:
            row = (a.article_id, q.index, _dump(meta), q.text)
            db.execute("INSERT INTO quotes(article_id, item, meta, text) VALUES (?, ?, ?, ?)", row)
            for kind, text, start, end in entry_spans(q):
                entries.append(NewEntry(a.article_id, kind, q.index, start, end, text, ()))
        for p in a.passages:
            entries.append(NewEntry(a.article_id, "text", p.index, p.start, p.end, p.text, ()))
        with_words = [e._replace(tokens=_tokens(e.text)) for e in entries]
        # no word: nothing a lookup could find (as the in-memory index)
        self._add_entries(db, [e for e in with_words if e.tokens])

    def _drop(self, db: Any, article_id: str) -> None:
        self._forget_words(db, article_id)
        db.execute("DELETE FROM entries WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # ------------------------------------------------------------------- reads
    def versions(self) -> dict[str, str]:
        """Article id -> the indexed version."""
        with self._reading() as db:
            return dict(db.execute("SELECT id, version FROM articles"))

    def counts(self) -> tuple[int, int]:
        """(articles, entries): changes whenever an article is written or removed."""
        with self._reading() as db:
            articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
            return int(articles), self._last_entry(db)

    def entry_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def article_meta(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out = {}
        with self._reading() as db:
            for chunk in _chunks(list(dict.fromkeys(article_ids))):
                marks = ",".join("?" * len(chunk))
                query = f"SELECT id, meta FROM articles WHERE id IN ({marks})"
                for i, meta in db.execute(query, chunk):
                    out[i] = json.loads(meta)
        return out

    def article_ids(self) -> list[str]:
        with self._reading() as db:
            return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]

    def outlets(self) -> list[str]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet != '' ORDER BY outlet"
            )
            return [r[0] for r in rows]

    def years(self) -> list[int]:
        with self._reading() as db:
            rows = list(
                db.execute(
                    "SELECT DISTINCT substr(published, 1, 4) FROM articles WHERE published != ''"
                )
            )
        return sorted(int(y) for (y,) in rows if y.isdigit())

    def postings(self, token: str, quotes: bool = True, text: bool = True) -> array[int]:
        """The numbers of the entries holding ``token``, ascending."""
        out = array("I")
        with self._reading() as db:
            for is_text in [t for t, on in ((False, quotes), (True, text)) if on]:
                got = self._posting_list(db, token, is_text)
                out = got if not out else _merge(out, got)
        return out

    def containing(self, tokens: Sequence[str], limit: int) -> list[int]:
        """The first ``limit`` entries (in number order) holding every one of ``tokens``:
        the database intersects the posting lists, so common words are never read whole."""
        wanted = list(dict.fromkeys(tokens))
        if not wanted:
            return []
        with self._reading() as db:
            found = [i for text in (False, True) for i in self._containing(db, wanted, text, limit)]
        return sorted(found)[:limit]

    def document_counts(self, tokens: Iterable[str]) -> dict[str, int]:
        """Token -> how many entries hold it (tokens no entry holds are left out)."""
        out = dict[str, int]()
        with self._reading() as db:
            for chunk in _chunks(list(dict.fromkeys(tokens))):
                for term, n in self._term_counts(db, chunk):
                    out[term] = out.get(term, 0) + int(n)
        return out

    def words_from(self, prefix: str) -> list[str]:
        """The indexed words starting with ``prefix``."""
        with self._reading() as db:
            return sorted(set(self._terms_from(db, prefix)))

    def entries(self, ids: Sequence[int]) -> dict[int, EntryRow]:
        """The entries with these numbers that are stored, a quote entry with its quote."""
        out = {}
        with self._reading() as db:
            for chunk in _chunks(list(dict.fromkeys(ids))):
                marks = ",".join("?" * len(chunk))
                for row in db.execute(f"{_ENTRY_SELECT} WHERE e.id IN ({marks})", chunk):
                    out[row[0]] = _entry_row(row)
        return out

    def quote_entry_rows(self) -> Iterator[EntryRow]:
        """Every quote entry with its quote, in entry order."""
        for row in self._stream(f"{_ENTRY_SELECT} WHERE e.kind != ? ORDER BY e.id", (TEXT_CODE,)):
            yield _entry_row(row)

    def entries_of(self, article_id: str) -> list[int]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT id FROM entries WHERE article_id = ? ORDER BY id", (article_id,)
            )
            return [r[0] for r in rows]

    # --------------------------------------------------------- speaker index
    def speakers_at(self) -> tuple[int, int] | None:
        """``counts()`` when the speaker index was stored; None: never stored."""
        with self._reading() as db:
            row = db.execute("SELECT value FROM info WHERE key = 'speakers_at'").fetchone()
        if row is None:
            return None
        articles, last = str(row[0]).split(",")
        return int(articles), int(last)

    def write_speakers(
        self,
        at: tuple[int, int],
        quotes: Iterable[tuple[str, int, str, str | None, str | None]],
        speakers: Iterable[SpeakerRow],
        aliases: Iterable[tuple[str, str]],
    ) -> None:
        """Store a speaker index computed at ``counts()`` ``at``: each quote's
        (article id, item, speaker key, link name, link how), the speakers, and alias ->
        speaker key pairs; all at once, replacing the previous one."""
        with self._transaction() as db:
            db.execute("UPDATE quotes SET speaker = NULL, link_name = NULL, link_how = NULL")
            db.executemany(
                "UPDATE quotes SET speaker = ?, link_name = ?, link_how = ? "
                "WHERE article_id = ? AND item = ?",
                [(key, name, how, a, i) for a, i, key, name, how in quotes],
            )
            db.execute("DELETE FROM speakers")
            db.executemany(
                "INSERT INTO speakers VALUES (?, ?, ?, ?)",
                [
                    (r.key, r.name, json.dumps(list(r.aliases)), json.dumps(list(r.roles)))
                    for r in speakers
                ],
            )
            db.execute("DELETE FROM aliases")
            db.executemany(
                "INSERT INTO aliases VALUES (?, ?) ON CONFLICT DO NOTHING", list(aliases)
            )
            db.execute(
                "INSERT INTO info VALUES ('speakers_at', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"{at[0]},{at[1]}",),
            )

    def speaker(self, key: str) -> SpeakerRow | None:
        with self._reading() as db:
            row = db.execute(
                "SELECT key, name, aliases, roles FROM speakers WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        return SpeakerRow(row[0], row[1], tuple(json.loads(row[2])), tuple(json.loads(row[3])))

    def speaker_keys(self) -> list[str]:
        with self._reading() as db:
            return [r[0] for r in db.execute("SELECT key FROM speakers ORDER BY key")]

    def speaker_count(self) -> int:
        with self._reading() as db:
            return int(db.execute("SELECT count(*) FROM speakers").fetchone()[0])

    def speaker_entries(self, key: str) -> list[int]:
        """The numbers of the quote entries the speaker index gives ``key``, ascending."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT e.id FROM quotes q JOIN entries e ON e.article_id = q.article_id AND "
                "e.item = q.item AND e.kind != ? WHERE q.speaker = ? ORDER BY e.id",
                (TEXT_CODE, key),
            )
            return [r[0] for r in rows]

    def alias_owners(self, alias: str) -> set[str]:
        with self._reading() as db:
            return {r[0] for r in db.execute("SELECT key FROM aliases WHERE alias = ?", (alias,))}

    def aliases(self) -> list[str]:
        with self._reading() as db:
            rows = db.execute("SELECT DISTINCT alias FROM aliases ORDER BY alias")
            return [r[0] for r in rows]


_ENTRY_SELECT = (
    'SELECT e.id, e.article_id, e.kind, e.item, e.start, e."end", e.text, q.meta, q.text, '
    "q.speaker, q.link_name, q.link_how FROM entries e LEFT JOIN quotes q ON e.kind != "
    f"{TEXT_CODE} AND q.article_id = e.article_id AND q.item = e.item"
)


def _entry_row(row: Sequence[Any]) -> EntryRow:
    quote = None
    if row[7] is not None:
        quote = QuoteRow(json.loads(row[7]), row[8], row[9], row[10], row[11])
    kind = ENTRY_KINDS[row[2]]
    return EntryRow(row[0], row[1], kind, row[3], row[4], row[5], row[6], quote)


def _tokens(text: str) -> tuple[str, ...]:
    return words(text).tokens


def _dump(meta: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in meta.items() if k not in ("written_at",)})


def _chunks(items: list[Any], size: int = 900) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _merge(a: array[int], b: array[int]) -> array[int]:
    """Two ascending arrays of distinct numbers (entries of disjoint kinds) as one."""
    both = np.concatenate([np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)])
    return array("I", np.sort(both).tobytes())


__all__ = [
    "ENTRY_KINDS",
    "KIND_CODE",
    "TEXT_CODE",
    "EntryRow",
    "IndexedArticle",
    "NewEntry",
    "QuoteRow",
    "SpeakerRow",
    "WordIndex",
    "entry_spans",
]
