"""Checking an embedded store's files before Chroma opens them, so damage is an error.

Chroma's vector index (hnswlib, in native code) trusts its files: random bytes in a
segment's ``data_level0.bin`` made every process that opened the store die with SIGSEGV
(issue 22), and a runaway ``link_lists.bin`` did the same (chroma-core/chroma#7510). Here,
in plain Python and numpy, nothing native is loaded:

- ``chroma.sqlite3``: present whenever segment folders are (else the store would open
  empty and silently lose the map of every vector), and ``PRAGMA quick_check`` says ok;
- each vector segment folder: the 100-byte ``header.bin`` is self-consistent, the files'
  sizes match its element count, and every link in ``data_level0.bin`` (level 0) and
  ``link_lists.bin`` (upper levels) points at an element that exists.

A damaged store is a ``StoreError`` of one line that names the collection and the repair.

Both checks read every file whole: 6 s at 10,000 articles, about a minute at 100,000. So a
store that passed is stamped (``STAMP_NAME``: each checked file's size and modification
time), and an open that finds every file as stamped skips them (a stat per file); any file
written, truncated or replaced since is checked again, all of them. ``check_store(path,
full=True)`` (``quotecheck check``) always reads everything.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.errors import StoreError

RUNAWAY_LINKS_BYTES = 64 * 2**20  # a link file past this and twice the vectors' is damaged
SQLITE_NAME = "chroma.sqlite3"
# hnswlib's header as Chroma persists it: version, offsetLevel0, max_elements,
# cur_element_count, size_data_per_element, label_offset, offsetData, maxlevel,
# enterpoint_node, maxM, maxM0, M, mult, ef_construction.
_HEADER = struct.Struct("<iQQQQQQiIQQQdQ")
_MAX_LEVEL = 64  # hnswlib's levels grow as log(n)/log(M): 64 is never reached honestly
_MAX_M = 4096


@dataclass(frozen=True)
class Header:
    max_elements: int
    count: int
    element_bytes: int
    label_offset: int
    data_offset: int
    max_level: int
    entry: int
    max_m: int
    max_m0: int


def repair_hint(data_dir: Path) -> str:
    return (
        f"move {data_dir} aside (keep it: the article texts are in its {SQLITE_NAME}) and "
        "ingest your files again"
    )


STAMP_NAME = ".quotecheck-checked.json"


def check_store(path: Path, full: bool = False) -> None:
    """Refuse a damaged embedded store in ``path`` (``data_dir/chroma``) before Chroma loads
    it; unless ``full``, files unchanged since they last passed are not read again."""
    files = _fingerprint(path)
    if not full and files and _stamped(path) == files:
        return
    _check(path)
    _stamp(path, _fingerprint(path))


def stamp_store(path: Path) -> None:
    """Stamp the files as they are now: by a writer, after its own writes to a store that
    passed the check when it opened it."""
    if (path / STAMP_NAME).exists():
        _stamp(path, _fingerprint(path))


def _fingerprint(path: Path) -> dict[str, list[int]]:
    """Size and modification time of the database and of every vector segment file."""
    out: dict[str, list[int]] = {}
    candidates = [path / SQLITE_NAME, *path.glob("*/*.bin")] if path.exists() else []
    for f in candidates:
        try:
            st = f.stat()
        except OSError:
            continue
        out[str(f.relative_to(path))] = [st.st_size, st.st_mtime_ns]
    return out


def _stamped(path: Path) -> dict[str, list[int]] | None:
    try:
        got = json.loads((path / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return got if isinstance(got, dict) else None


def _stamp(path: Path, files: dict[str, list[int]]) -> None:
    if not files:
        return
    try:
        tmp = path / (STAMP_NAME + ".tmp")
        tmp.write_text(json.dumps(files, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path / STAMP_NAME)
    except OSError:  # a read-only store is checked in full at every open
        pass


def _check(path: Path) -> None:
    check_vector_files(path)
    folders = [d for d in path.iterdir() if d.is_dir() and (d / "header.bin").exists()]
    db = path / SQLITE_NAME
    if not db.exists():
        if folders:
            raise StoreError(
                f"the store in {path} has {len(folders)} vector index folder(s) but no "
                f"{SQLITE_NAME} (deleted?): opened so, it would look empty. Restore "
                f"{SQLITE_NAME} from a backup, or move {path.parent} aside and ingest your "
                "files again"
            )
        return
    names = _segment_names(db, path)
    for folder in folders:
        problem = _segment_problem(folder)
        if problem:
            name = names.get(folder.name, "unknown collection")
            raise StoreError(
                f"the vector index of collection {name} in {folder} is damaged ({problem}); "
                f"opening it would crash. Repair: {repair_hint(path.parent)}"
            )


def _segment_names(db: Path, path: Path) -> dict[str, str]:
    """Segment folder name -> collection name, after SQLite's quick integrity check."""
    try:
        # read-write (never creating): a writer killed mid-transaction leaves a hot
        # journal that SQLite must roll back on open, which a read-only open cannot do
        con = sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=30)
        try:
            verdict = con.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {verdict}")
            rows = con.execute(
                "SELECT s.id, c.name FROM segments s JOIN collections c ON s.collection = c.id"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise StoreError(
            f"cannot open the store in {path}: {exc}. If the store is damaged, move {path} "
            "aside (or restore a backup) and ingest your files again"
        ) from exc
    return {str(segment): str(name) for segment, name in rows}


def read_header(raw: bytes) -> Header | str:
    """The header's fields, or what is wrong with them."""
    if len(raw) != _HEADER.size:
        return f"header.bin is {len(raw)} bytes, not {_HEADER.size}"
    _, level0, max_el, count, size, label, data, level, entry, m, m0, _, _, _ = _HEADER.unpack(raw)
    h = Header(max_el, count, size, label, data, level, entry, m, m0)
    if level0 != 0 or not 0 < m <= _MAX_M or m0 < m or data != 4 + 4 * m0:
        return "header.bin holds impossible link sizes"
    if not data < label == size - 8 or count > max_el:
        return "header.bin holds impossible element sizes or counts"
    if count and not (0 <= level <= _MAX_LEVEL and entry < count):
        return "header.bin holds an impossible top level or entry point"
    return h


def _segment_problem(folder: Path) -> str:
    h = read_header((folder / "header.bin").read_bytes())
    if isinstance(h, str):
        return h
    level0, links = folder / "data_level0.bin", folder / "link_lists.bin"
    for file, unit in ((level0, h.element_bytes), (folder / "length.bin", 4)):
        size = file.stat().st_size if file.exists() else -1
        if size % unit or not h.count * unit <= size <= max(h.count, h.max_elements) * unit:
            return f"{file.name} is {size} bytes for {h.count} elements"
    if not h.count:
        return ""
    return _level0_problem(level0, h) or _upper_problem(links, h)


def _level0_problem(file: Path, h: Header) -> str:
    rows = np.fromfile(file, dtype=np.uint8, count=h.count * h.element_bytes)
    links = rows.reshape(h.count, h.element_bytes)[:, : h.data_offset]
    ints = np.ascontiguousarray(links).view("<u4")
    counts = ints[:, 0] & 0xFFFF
    if int(counts.max()) > h.max_m0:
        return "data_level0.bin: an element has more links than the index allows"
    used = np.arange(h.max_m0) < counts[:, None]
    if bool((ints[:, 1:][used] >= h.count).any()):
        return "data_level0.bin: a link points past the last element"
    return ""


def _upper_problem(file: Path, h: Header) -> str:
    """``link_lists.bin``: per element a uint32 byte size, then that many bytes of levels."""
    words = np.fromfile(file, dtype="<u4") if file.exists() else np.zeros(0, "<u4")
    block = h.max_m + 1  # a level: its link count, then max_m links
    starts: list[int] = []
    pos = 0
    for _ in range(h.count):
        if pos >= len(words):
            return "link_lists.bin ends before its last element"
        size = int(words[pos])
        if size % (4 * block) or size // (4 * block) > h.max_level:
            return "link_lists.bin holds an impossible level size"
        levels = size // (4 * block)
        starts.extend(range(pos + 1, pos + 1 + levels * block, block))
        pos += 1 + size // 4
    if pos > len(words):
        return "link_lists.bin ends before its last element"
    if not starts:
        return ""
    table = words[np.asarray(starts)[:, None] + np.arange(block)]
    counts = table[:, 0] & 0xFFFF
    if int(counts.max()) > h.max_m:
        return "link_lists.bin: an element has more links than the index allows"
    used = np.arange(h.max_m) < counts[:, None]
    if bool((table[:, 1:][used] >= h.count).any()):
        return "link_lists.bin: a link points past the last element"
    return ""


def check_vector_files(path: Path) -> None:
    """Refuse a store whose HNSW link file has run away, before Chroma loads it and crashes.

    A known Chroma/hnswlib bug (chroma-core/chroma#7510): one torn record in
    ``link_lists.bin``, e.g. from a process killed while persisting a large index, poisons
    the element levels read back on load, and every later persist writes further past the
    end of the file. Here a 30,000-article store grew a 3.2 TB (sparse) file and every
    process that opened it died with SIGSEGV. A healthy ``link_lists.bin`` holds only the
    upper-level links, always far smaller than ``data_level0.bin`` (the vectors and the
    level-0 links). Checked by size alone, before anything reads the file.
    """
    for links in path.glob("*/link_lists.bin"):
        level0 = links.with_name("data_level0.bin")
        size = links.stat().st_size
        if size > RUNAWAY_LINKS_BYTES and size > 2 * (
            level0.stat().st_size if level0.exists() else 0
        ):
            raise StoreError(
                f"the vector index file {links} is damaged ({size / 2**30:,.1f} GiB, a known "
                "Chroma bug after an interrupted write, chroma-core/chroma#7510); opening it "
                f"would crash. Move {path.parent} aside (keep it: the article texts are in its "
                "chroma.sqlite3) and ingest your files again"
            )
