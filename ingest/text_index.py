"""The stored word index of quotes and passages: SQLite FTS5, in one file beside the store.

Every process reads it as it is on disk: nothing is rebuilt at start, and an article
written by another process is found by the next lookup. It holds, per article, the
*entries* a lexical lookup can return (``ENTRY_KINDS``: a direct quote, a quoted fragment of
a mixed quote, reported speech, or a passage of text), their words in two full-text tables
(quotes and passages apart, so a lookup reads only the kind it wants), each quote's record,
and the article's metadata.

Consistency with the Chroma store (``ingest.store``), whose article record is the commit
point: an article's rows are replaced in **one SQLite transaction, after** its version is
committed in Chroma, and removed **before** Chroma forgets it. So the index holds exactly one
version of an article, always one that Chroma committed; a crash between the two stores
leaves an article one version behind (or missing, or left over), never half-written, and
``ArticleStore.repair()`` (run first by every ingest, and by ``quotecheck check``) brings it
level from Chroma's records, without embedding anything again.

Entry numbers are never reused (AUTOINCREMENT), so a number read once names one entry for
good. The full-text tables are contentless: their words are this module's tokens
(``ingest.words``) joined by spaces, which the ``ascii`` tokenizer splits back exactly.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import StoreError
from ingest.records import Passage, Quote
from ingest.words import words

ENTRY_KINDS = ("direct", "fragment", "reported", "text")
KIND_CODE = {k: i for i, k in enumerate(ENTRY_KINDS)}
TEXT_CODE = KIND_CODE["text"]
SCHEMA_VERSION = 2  # another version found at open: the file is rebuilt

_TOKENIZER = "ascii tokenchars ''''"  # our tokens hold letters, digits and apostrophes
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, version TEXT NOT NULL, outlet TEXT NOT NULL,
    published TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
    id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL, kind INTEGER NOT NULL,
    item INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_of_article ON entries(article_id);
CREATE TABLE IF NOT EXISTS quotes(
    article_id TEXT NOT NULL, item INTEGER NOT NULL, meta TEXT NOT NULL, text TEXT NOT NULL,
    speaker TEXT, link_name TEXT, link_how TEXT,  -- from the speaker index (NULL: none yet)
    PRIMARY KEY(article_id, item)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_of_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS speakers(
    key TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL, roles TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS aliases(
    alias TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(alias, key)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS quote_words
    USING fts5(words, content='', tokenize="{_TOKENIZER}");
CREATE VIRTUAL TABLE IF NOT EXISTS text_words
    USING fts5(words, content='', tokenize="{_TOKENIZER}");
CREATE VIRTUAL TABLE IF NOT EXISTS quote_vocab USING fts5vocab(quote_words, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS text_vocab USING fts5vocab(text_words, 'row');
"""


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


class TextIndex:
    """The word index file: written by ingest, read by every process (one connection per
    thread; WAL, so readers never wait for a writer)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            if self._schema() not in (None, str(SCHEMA_VERSION)):  # derived data: start again
                self.close()
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
            db = self._connection()
            db.executescript(_SCHEMA)
            db.execute("INSERT OR IGNORE INTO info VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open the word index {path}: {exc}. Move it aside: `quotecheck check "
                "--repair` builds it again from the store"
            ) from exc

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def _schema(self) -> str | None:
        """The layout version of the file as found (None: new or empty)."""
        db = self._connection()
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'info'").fetchone():
            return None
        row = db.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
        return str(row[0]) if row else None

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # ------------------------------------------------------------------ writes
    def replace(self, articles: Iterable[IndexedArticle]) -> None:
        """Make these versions the indexed ones, all in one transaction."""
        db = self._connection()
        with _transaction(db):
            for a in articles:
                self._drop(db, a.article_id)
                self._add(db, a)

    def remove(self, article_ids: Iterable[str]) -> None:
        db = self._connection()
        with _transaction(db):
            for article_id in article_ids:
                self._drop(db, article_id)

    def _add(self, db: sqlite3.Connection, a: IndexedArticle) -> None:
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?)",
            (a.article_id, a.version, a.outlet, a.published, json.dumps(a.meta)),
        )
        for q, meta in a.quotes:
            row = (a.article_id, q.index, _dump(meta), q.text)
            db.execute("INSERT INTO quotes(article_id, item, meta, text) VALUES (?, ?, ?, ?)", row)
            for kind, text, start, end in entry_spans(q):
                self._add_entry(db, "quote_words", a.article_id, kind, q.index, start, end, text)
        for p in a.passages:
            self._add_entry(db, "text_words", a.article_id, "text", p.index, p.start, p.end, p.text)

    def _add_entry(
        self,
        db: sqlite3.Connection,
        table: str,
        article_id: str,
        kind: str,
        item: int,
        start: int,
        end: int,
        text: str,
    ) -> None:
        tokens = _tokens(text)
        if not tokens:  # no word: nothing a lookup could find (as the in-memory index)
            return
        cur = db.execute(
            'INSERT INTO entries(article_id, kind, item, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            (article_id, KIND_CODE[kind], item, start, end, text),
        )
        db.execute(
            f"INSERT INTO {table}(rowid, words) VALUES (?, ?)", (cur.lastrowid, " ".join(tokens))
        )

    def _drop(self, db: sqlite3.Connection, article_id: str) -> None:
        rows = db.execute(
            "SELECT id, kind, text FROM entries WHERE article_id = ?", (article_id,)
        ).fetchall()
        for entry, kind, text in rows:  # a contentless table forgets words given back to it
            table = "text_words" if kind == TEXT_CODE else "quote_words"
            db.execute(
                f"INSERT INTO {table}({table}, rowid, words) VALUES ('delete', ?, ?)",
                (entry, " ".join(_tokens(text))),
            )
        db.execute("DELETE FROM entries WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # ------------------------------------------------------------------- reads
    def versions(self) -> dict[str, str]:
        """Article id -> the indexed version."""
        return dict(self._connection().execute("SELECT id, version FROM articles"))

    def counts(self) -> tuple[int, int]:
        """(articles, entries): changes whenever an article is written or removed."""
        db = self._connection()
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        last = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()
        return int(articles), int(last[0]) if last else 0

    def entry_count(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM entries").fetchone()[0])

    def article_meta(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        db, out = self._connection(), {}
        for chunk in _chunks(list(dict.fromkeys(article_ids))):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT id, meta FROM articles WHERE id IN ({marks})"
            for i, meta in db.execute(query, chunk):
                out[i] = json.loads(meta)
        return out

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._connection().execute("SELECT id FROM articles ORDER BY id")]

    def outlets(self) -> list[str]:
        rows = self._connection().execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet != '' ORDER BY outlet"
        )
        return [r[0] for r in rows]

    def years(self) -> list[int]:
        rows = self._connection().execute(
            "SELECT DISTINCT substr(published, 1, 4) FROM articles WHERE published != ''"
        )
        return sorted(int(y) for (y,) in rows if y.isdigit())

    def postings(self, token: str, quotes: bool = True, text: bool = True) -> array[int]:
        """The numbers of the entries holding ``token``, ascending."""
        db, out = self._connection(), array("I")
        phrase = '"' + token.replace('"', '""') + '"'
        tables = [t for t, on in (("quote_words", quotes), ("text_words", text)) if on]
        for table in tables:
            # One row of comma-joined numbers: a row per entry costs 3-4 times as much
            row = db.execute(
                f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?", (phrase,)
            ).fetchone()
            if row[0]:
                ids = np.fromstring(row[0], dtype=np.uint32, sep=",")
                if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
                    ids = np.sort(ids)  # (FTS5 gives rowid order; never relied on)
                got = array("I", ids.tobytes())
                out = got if not out else _merge(out, got)
        return out

    def containing(self, tokens: Sequence[str], limit: int) -> list[int]:
        """The first ``limit`` entries (in number order) holding every one of ``tokens``."""
        if not tokens:
            return []
        db, out = self._connection(), list[int]()
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        for table in ("quote_words", "text_words"):
            rows = db.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid LIMIT ?",
                (query, limit),
            )
            out.extend(r[0] for r in rows)
        return sorted(out)[:limit]

    def document_counts(self, tokens: Iterable[str]) -> dict[str, int]:
        """Token -> how many entries hold it (tokens no entry holds are left out)."""
        db, out = self._connection(), dict[str, int]()
        wanted = list(dict.fromkeys(tokens))
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            for vocab in ("quote_vocab", "text_vocab"):
                for term, n in db.execute(
                    f"SELECT term, doc FROM {vocab} WHERE term IN ({marks})", chunk
                ):
                    out[term] = out.get(term, 0) + int(n)
        return out

    def words_from(self, prefix: str) -> list[str]:
        """The indexed words starting with ``prefix``."""
        db, out = self._connection(), set[str]()
        for vocab in ("quote_vocab", "text_vocab"):
            rows = db.execute(
                f"SELECT term FROM {vocab} WHERE term >= ? AND term < ?",
                (prefix, prefix + "\U0010ffff"),
            )
            out.update(r[0] for r in rows)
        return sorted(out)

    def entries(self, ids: Sequence[int]) -> dict[int, EntryRow]:
        """The entries with these numbers that are stored, a quote entry with its quote."""
        db, out = self._connection(), {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            for row in db.execute(f"{_ENTRY_SELECT} WHERE e.id IN ({marks})", chunk):
                out[row[0]] = _entry_row(row)
        return out

    def quote_entry_rows(self) -> Iterator[EntryRow]:
        """Every quote entry with its quote, in entry order."""
        for row in self._connection().execute(
            f"{_ENTRY_SELECT} WHERE e.kind != ? ORDER BY e.id", (TEXT_CODE,)
        ):
            yield _entry_row(row)

    # --------------------------------------------------------- speaker index
    def speakers_at(self) -> tuple[int, int] | None:
        """``counts()`` when the speaker index was stored; None: never stored."""
        row = (
            self._connection()
            .execute("SELECT value FROM info WHERE key = 'speakers_at'")
            .fetchone()
        )
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
        db = self._connection()
        with _transaction(db):
            db.execute("UPDATE quotes SET speaker = NULL, link_name = NULL, link_how = NULL")
            db.executemany(
                "UPDATE quotes SET speaker = ?, link_name = ?, link_how = ? "
                "WHERE article_id = ? AND item = ?",
                ((key, name, how, a, i) for a, i, key, name, how in quotes),
            )
            db.execute("DELETE FROM speakers")
            db.executemany(
                "INSERT INTO speakers VALUES (?, ?, ?, ?)",
                (
                    (r.key, r.name, json.dumps(list(r.aliases)), json.dumps(list(r.roles)))
                    for r in speakers
                ),
            )
            db.execute("DELETE FROM aliases")
            db.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)", aliases)
            at_text = f"{at[0]},{at[1]}"
            db.execute("INSERT OR REPLACE INTO info VALUES ('speakers_at', ?)", (at_text,))

    def speaker(self, key: str) -> SpeakerRow | None:
        row = (
            self._connection()
            .execute("SELECT key, name, aliases, roles FROM speakers WHERE key = ?", (key,))
            .fetchone()
        )
        if row is None:
            return None
        return SpeakerRow(row[0], row[1], tuple(json.loads(row[2])), tuple(json.loads(row[3])))

    def speaker_keys(self) -> list[str]:
        return [r[0] for r in self._connection().execute("SELECT key FROM speakers ORDER BY key")]

    def speaker_count(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM speakers").fetchone()[0])

    def speaker_entries(self, key: str) -> list[int]:
        """The numbers of the quote entries the speaker index gives ``key``, ascending."""
        rows = self._connection().execute(
            "SELECT e.id FROM quotes q JOIN entries e ON e.article_id = q.article_id AND "
            "e.item = q.item AND e.kind != ? WHERE q.speaker = ? ORDER BY e.id",
            (TEXT_CODE, key),
        )
        return [r[0] for r in rows]

    def alias_owners(self, alias: str) -> set[str]:
        rows = self._connection().execute("SELECT key FROM aliases WHERE alias = ?", (alias,))
        return {r[0] for r in rows}

    def aliases(self) -> list[str]:
        rows = self._connection().execute("SELECT DISTINCT alias FROM aliases ORDER BY alias")
        return [r[0] for r in rows]

    def entries_of(self, article_id: str) -> list[int]:
        rows = self._connection().execute(
            "SELECT id FROM entries WHERE article_id = ? ORDER BY id", (article_id,)
        )
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
    """Two ascending arrays of distinct numbers (entries of disjoint tables) as one."""
    both = np.concatenate([np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)])
    return array("I", np.sort(both).tobytes())


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


__all__ = [
    "ENTRY_KINDS",
    "EntryRow",
    "IndexedArticle",
    "QuoteRow",
    "SpeakerRow",
    "TextIndex",
    "entry_spans",
]
