"""The word index of the embedded store: SQLite FTS5, in one file beside the Chroma folder.

What it holds and how it stays consistent with Chroma is ``ingest.word_index``'s; this
module says how SQLite keeps the words. Two full-text tables (quotes and passages apart)
are contentless: their words are this module's tokens (``ingest.words``) joined by spaces,
which the ``ascii`` tokenizer splits back exactly, and ``fts5vocab`` tables count them.
Entry numbers come from AUTOINCREMENT, so they are never reused. Writers take turns through
the embedded store's file lock (``ArticleStore.writing``) and ``BEGIN IMMEDIATE``; readers
never wait for a writer (WAL), one connection per thread.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import StoreError
from ingest.word_index import (
    ENTRY_KINDS,
    KIND_CODE,
    TEXT_CODE,
    EntryRow,
    IndexedArticle,
    NewEntry,
    QuoteRow,
    SpeakerRow,
    WordIndex,
    entry_spans,
)
from ingest.words import words

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
_VOCABS = ("quote_vocab", "text_vocab")


class TextIndex(WordIndex):
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

    # ------------------------------------------------------------ the database
    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        yield self._connection()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
        return iter(self._connection().execute(sql, params))

    def exclusive(self) -> AbstractContextManager[None]:
        """Nothing to take: every writer of the embedded store holds its file lock."""
        return nullcontext()

    # --------------------------------------------------------------- the words
    def _add_entries(self, db: sqlite3.Connection, entries: Sequence[NewEntry]) -> None:
        for e in entries:
            cur = db.execute(
                'INSERT INTO entries(article_id, kind, item, start, "end", text) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                (e.article_id, KIND_CODE[e.kind], e.item, e.start, e.end, e.text),
            )
            table = "text_words" if e.kind == "text" else "quote_words"
            db.execute(
                f"INSERT INTO {table}(rowid, words) VALUES (?, ?)",
                (cur.lastrowid, " ".join(e.tokens)),
            )

    def _forget_words(self, db: sqlite3.Connection, article_id: str) -> None:
        rows = db.execute(
            "SELECT id, kind, text FROM entries WHERE article_id = ?", (article_id,)
        ).fetchall()
        for entry, kind, text in rows:  # a contentless table forgets words given back to it
            table = "text_words" if kind == TEXT_CODE else "quote_words"
            db.execute(
                f"INSERT INTO {table}({table}, rowid, words) VALUES ('delete', ?, ?)",
                (entry, " ".join(words(text).tokens)),
            )

    def _posting_list(self, db: sqlite3.Connection, token: str, text: bool) -> array[int]:
        phrase = '"' + token.replace('"', '""') + '"'
        table = "text_words" if text else "quote_words"
        # One row of comma-joined numbers: a row per entry costs 3-4 times as much
        row = db.execute(
            f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH ?", (phrase,)
        ).fetchone()
        if not row[0]:
            return array("I")
        ids = np.fromstring(row[0], dtype=np.uint32, sep=",")
        if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
            ids = np.sort(ids)  # (FTS5 gives rowid order; never relied on)
        return array("I", ids.tobytes())

    def _containing(
        self, db: sqlite3.Connection, tokens: Sequence[str], text: bool, limit: int
    ) -> list[int]:
        table = "text_words" if text else "quote_words"
        query = " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        rows = db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid LIMIT ?",
            (query, limit),
        )
        return [r[0] for r in rows]

    def _term_counts(
        self, db: sqlite3.Connection, terms: Sequence[str]
    ) -> Iterable[tuple[str, int]]:
        marks = ",".join("?" * len(terms))
        for vocab in _VOCABS:
            yield from db.execute(f"SELECT term, doc FROM {vocab} WHERE term IN ({marks})", terms)

    def _terms_from(self, db: sqlite3.Connection, prefix: str) -> Iterable[str]:
        for vocab in _VOCABS:
            rows = db.execute(
                f"SELECT term FROM {vocab} WHERE term >= ? AND term < ?",
                (prefix, prefix + "\U0010ffff"),
            )
            yield from (r[0] for r in rows)

    def _last_entry(self, db: sqlite3.Connection) -> int:
        last = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entries'").fetchone()
        return int(last[0]) if last else 0


__all__ = [
    "ENTRY_KINDS",
    "EntryRow",
    "IndexedArticle",
    "QuoteRow",
    "SpeakerRow",
    "TextIndex",
    "entry_spans",
]
