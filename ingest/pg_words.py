"""The word index on a Chroma server: PostgreSQL, one index shared by every instance on every
machine (``QUOTECHECK_WORDS_URL``).

What it holds and how it stays consistent with Chroma is ``ingest.word_index``'s; this
module says how PostgreSQL keeps the words, and how writers on several machines take turns:

- one schema per corpus (``<collection prefix>_words``), with a layout version in its
  ``info`` table; another version found at open: the schema is dropped and made again
  (derived data: ``ArticleStore`` levels it from Chroma);
- each entry's words in a ``text[]`` column with two partial GIN indexes (quotes, passages),
  so a posting list is ``tokens @> ARRAY[word]`` ordered by number;
- ``vocab(term, quote_docs, text_docs)``, kept in the same transaction as the entries: the
  document counts, and the prefix lookups of ``words_from`` (``COLLATE "C"``: byte order,
  as SQLite compares);
- writers take turns through an advisory lock of the schema: every write transaction takes
  it (``pg_advisory_xact_lock``), and a block that reads Chroma before it writes here (a
  levelling, a removal) holds it across both (``exclusive``, ``pg_advisory_lock``, released
  when the block ends or the connection dies);
- entry numbers are given under that lock from the last one given, kept in ``info`` in the
  same transaction: never reused, and ``counts()`` names only committed entries.

Connections come from a small pool (psycopg_pool), in autocommit: every read sees the last
committed state. psycopg is an optional dependency (``pip install 'quotecheck[server]'``).
"""

from __future__ import annotations

import hashlib
import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ingest.errors import StoreError
from ingest.word_index import KIND_CODE, TEXT_CODE, NewEntry, WordIndex

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

SCHEMA_VERSION = 1  # another version found at open: the schema is made again
POOL_SIZE = 8  # connections per process at most
CONNECT_TIMEOUT = 10  # s

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS info(key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id text COLLATE "C" PRIMARY KEY, version text NOT NULL, outlet text COLLATE "C" NOT NULL,
    published text NOT NULL, meta text NOT NULL);
CREATE TABLE IF NOT EXISTS entries(
    id bigint PRIMARY KEY, article_id text COLLATE "C" NOT NULL, kind smallint NOT NULL,
    item integer NOT NULL, start integer NOT NULL, "end" integer NOT NULL, text text NOT NULL,
    tokens text[] NOT NULL);
CREATE INDEX IF NOT EXISTS entries_of_article ON entries(article_id);
CREATE INDEX IF NOT EXISTS quote_words ON entries USING gin(tokens) WHERE kind <> {TEXT_CODE};
CREATE INDEX IF NOT EXISTS text_words ON entries USING gin(tokens) WHERE kind = {TEXT_CODE};
CREATE TABLE IF NOT EXISTS quotes(
    article_id text COLLATE "C" NOT NULL, item integer NOT NULL, meta text NOT NULL,
    text text NOT NULL, speaker text COLLATE "C", link_name text, link_how text,
    PRIMARY KEY(article_id, item));
CREATE INDEX IF NOT EXISTS quotes_of_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS speakers(
    key text COLLATE "C" PRIMARY KEY, name text NOT NULL, aliases text NOT NULL,
    roles text NOT NULL);
CREATE TABLE IF NOT EXISTS aliases(
    alias text COLLATE "C" NOT NULL, key text COLLATE "C" NOT NULL, PRIMARY KEY(alias, key));
CREATE TABLE IF NOT EXISTS vocab(
    term text COLLATE "C" PRIMARY KEY, quote_docs integer NOT NULL, text_docs integer NOT NULL);
"""
_INSERT_ENTRY = (
    'INSERT INTO entries(id, article_id, kind, item, start, "end", text, tokens) '
    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
)
_ADD_VOCAB = (
    "INSERT INTO vocab(term, quote_docs, text_docs) "
    "SELECT * FROM unnest(%s::text[], %s::int[], %s::int[]) "
    "ON CONFLICT (term) DO UPDATE SET quote_docs = vocab.quote_docs + excluded.quote_docs, "
    "text_docs = vocab.text_docs + excluded.text_docs"
)


def _psycopg() -> Any:
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise StoreError(
            "QUOTECHECK_WORDS_URL needs psycopg 3 and psycopg_pool: "
            "pip install 'quotecheck[server]'"
        ) from exc
    return psycopg, psycopg_pool


@dataclass
class _Writes:
    """What one write transaction gives back at its end: the last entry number, and each
    word's change in (quote entries, passage entries) holding it."""

    last: int
    vocab: Counter[tuple[str, bool]] = field(default_factory=Counter)


class _Db:
    """A psycopg connection that reads the shared SQL (``?`` marks) of ``ingest.word_index``."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.conn.execute(_marks(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_marks(sql), rows)


@lru_cache(maxsize=256)
def _marks(sql: str) -> str:
    return sql.replace("?", "%s")


class PgWordIndex(WordIndex):
    """The word index in PostgreSQL at ``url``, for the corpus ``name`` (the collection
    prefix): written by every ingest, read by every instance."""

    def __init__(self, url: str, name: str) -> None:
        psycopg, _ = _psycopg()
        self.url = url
        self.schema = f"{name}_words"
        self.where = describe(url)
        self._key = _lock_key(self.schema)
        self._local = threading.local()
        self._pool: ConnectionPool[Any] | None = None
        self._pool_lock = threading.Lock()
        with self._translated("opening it"):
            conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
            with conn:
                self._prepare(conn)

    def _prepare(self, conn: psycopg.Connection[Any]) -> None:
        """Make the schema, or make it again if it holds another layout version."""
        from psycopg import sql

        schema = sql.Identifier(self.schema)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))
            found = self._found_version(conn)
            if found not in (None, str(SCHEMA_VERSION)):  # derived data: start again
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
            conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(schema))
            conn.execute(_SCHEMA)
            conn.execute(
                "INSERT INTO info VALUES ('schema', %s) ON CONFLICT DO NOTHING",
                (str(SCHEMA_VERSION),),
            )

    def _found_version(self, conn: psycopg.Connection[Any]) -> str | None:
        from psycopg import sql

        row = conn.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'info'",
            (self.schema,),
        ).fetchone()
        if row is None:
            return None
        query = sql.SQL("SELECT value FROM {}.info WHERE key = 'schema'")
        got = conn.execute(query.format(sql.Identifier(self.schema))).fetchone()
        return str(got[0]) if got else None

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        from psycopg import sql

        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))

    def _connections(self) -> ConnectionPool[Any]:
        with self._pool_lock:
            if self._pool is None:
                _, psycopg_pool = _psycopg()
                pool = psycopg_pool.ConnectionPool(
                    self.url,
                    min_size=1,
                    max_size=POOL_SIZE,
                    kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
                    configure=self._configure,
                    open=False,
                    name=f"quotecheck-{self.schema}",
                    timeout=60.0,
                )
                pool.open(wait=True, timeout=CONNECT_TIMEOUT * 3)
                self._pool = pool
            return self._pool

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # ------------------------------------------------------------ the database
    @contextmanager
    def _translated(self, doing: str) -> Iterator[None]:
        """PostgreSQL's errors as a StoreError that says where and what to do."""
        psycopg, _ = _psycopg()
        try:
            yield
        except psycopg.Error as exc:
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"the word index in {self.where} failed {doing} ({type(exc).__name__}: "
                f"{text}); is PostgreSQL running there and QUOTECHECK_WORDS_URL right? "
                "Unset QUOTECHECK_WORDS_URL to let each reader build its word index in memory"
            ) from exc

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """This thread's connection while it holds ``exclusive``, else one from the pool."""
        pinned = getattr(self._local, "pinned", None)
        with self._translated("reading or writing"):
            if pinned is not None:
                yield pinned
                return
            with self._connections().connection() as conn:
                yield conn

    @contextmanager
    def _reading(self) -> Iterator[_Db]:
        with self._connection() as conn:
            yield _Db(conn)

    @contextmanager
    def _transaction(self) -> Iterator[_Db]:
        with self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._key,))
            db = _Db(conn)
            writes = self._local.writes = _Writes(self._last_entry(db))
            try:
                yield db
                self._finish(db, writes)
            finally:
                self._local.writes = None

    def _finish(self, db: _Db, writes: _Writes) -> None:
        """The transaction's word counts and last entry number, before it commits."""
        changed = sorted(
            {t for t, _ in writes.vocab if writes.vocab[(t, False)] or writes.vocab[(t, True)]}
        )
        if changed:
            quote = [writes.vocab[(t, False)] for t in changed]
            text = [writes.vocab[(t, True)] for t in changed]
            db.conn.execute(_ADD_VOCAB, (changed, quote, text))
            db.conn.execute(
                "DELETE FROM vocab WHERE term = ANY(%s) AND quote_docs <= 0 AND text_docs <= 0",
                (changed,),
            )
        db.conn.execute(
            "INSERT INTO info VALUES ('last_entry', %s) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(writes.last),),
        )

    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[Sequence[Any]]:
        """Rows through a server-side cursor on a connection of its own, so the caller may
        read other things while it consumes them."""
        with (
            self._translated("reading"),
            self._connections().connection() as conn,
            conn.transaction(),
            conn.cursor(name="quotecheck_rows") as cur,
        ):
            cur.itersize = 2000
            cur.execute(_marks(sql), params)
            yield from cur

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the schema's advisory lock on this thread's connection for the block (its
        transactions run on the same connection, whose session already holds it)."""
        if getattr(self._local, "pinned", None) is not None:
            yield  # re-entrant
            return
        psycopg, _ = _psycopg()
        with self._connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (self._key,))
            self._local.pinned = conn
            try:
                yield
            finally:
                self._local.pinned = None
                try:
                    conn.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
                except psycopg.Error:
                    conn.close()  # a session that ends gives its locks back

    # --------------------------------------------------------------- the words
    def _add_entries(self, db: _Db, entries: Sequence[NewEntry]) -> None:
        writes: _Writes = self._local.writes
        rows = []
        for e in entries:
            writes.last += 1
            is_text = e.kind == "text"
            for t in set(e.tokens):
                writes.vocab[(t, is_text)] += 1
            code = KIND_CODE[e.kind]
            rows.append(
                (writes.last, e.article_id, code, e.item, e.start, e.end, e.text, list(e.tokens))
            )
        if rows:
            with db.conn.cursor() as cur:
                cur.executemany(_INSERT_ENTRY, rows)

    def _forget_words(self, db: _Db, article_id: str) -> None:
        writes: _Writes = self._local.writes
        rows = db.conn.execute(
            "SELECT kind, tokens FROM entries WHERE article_id = %s", (article_id,)
        )
        for kind, tokens in rows:
            for t in set(tokens):
                writes.vocab[(t, kind == TEXT_CODE)] -= 1

    def _posting_list(self, db: _Db, token: str, text: bool) -> array[int]:
        kind = f"kind = {TEXT_CODE}" if text else f"kind <> {TEXT_CODE}"  # the partial indexes
        query = "SELECT array_agg(id ORDER BY id) FROM entries WHERE tokens @> ARRAY[%s::text]"
        row = db.conn.execute(f"{query} AND {kind}", (token,)).fetchone()
        return array("I", row[0] if row and row[0] else ())

    def _containing(self, db: _Db, tokens: Sequence[str], text: bool, limit: int) -> list[int]:
        kind = f"kind = {TEXT_CODE}" if text else f"kind <> {TEXT_CODE}"  # the partial indexes
        rows = db.conn.execute(
            f"SELECT id FROM entries WHERE tokens @> %s::text[] AND {kind} ORDER BY id LIMIT %s",
            (list(tokens), limit),
        )
        return [r[0] for r in rows]

    def _term_counts(self, db: _Db, terms: Sequence[str]) -> Iterable[tuple[str, int]]:
        return db.conn.execute(
            "SELECT term, quote_docs + text_docs FROM vocab WHERE term = ANY(%s)", (list(terms),)
        ).fetchall()

    def _terms_from(self, db: _Db, prefix: str) -> Iterable[str]:
        rows = db.conn.execute(
            "SELECT term FROM vocab WHERE term >= %s AND term < %s",
            (prefix, prefix + "\U0010ffff"),
        )
        return [r[0] for r in rows]

    def _last_entry(self, db: _Db) -> int:
        row = db.conn.execute("SELECT value FROM info WHERE key = 'last_entry'").fetchone()
        return int(row[0]) if row else 0


def describe(url: str) -> str:
    """Where a PostgreSQL URL points, without its password: ``PostgreSQL host:port/db``."""
    psycopg, _ = _psycopg()
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:  # an unreadable URL: the connection says why
        return "PostgreSQL (QUOTECHECK_WORDS_URL)"
    host = parts.get("host") or "localhost"
    port = parts.get("port") or "5432"
    return f"PostgreSQL {host}:{port}/{parts.get('dbname') or parts.get('user') or ''}"


def _lock_key(schema: str) -> int:
    """The advisory lock of one corpus's word index: a stable signed 64-bit number."""
    digest = hashlib.blake2b(f"quotecheck:{schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


__all__ = ["SCHEMA_VERSION", "PgWordIndex", "describe"]
