"""Read article files (.txt, .md, .html, .json, .jsonl, .pdf, .docx) into ``Article``
records (each format's fields come from ``ingest.formats``, PDF and Word from
``ingest.documents``).

``load_articles`` never raises for bad content: every file, or every record of a JSON list
or JSONL file, gives a ``Loaded`` that holds either an article or an error message naming
the file (and line) and saying what to do. Text goes through ``clean_text`` and dates
through ``parse_date``; an article without a given id gets a stable one from its URL, else
from its cleaned text.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ingest.clean import clean_text, normalise_whitespace
from ingest.dates import parse_date
from ingest.documents import parse_docx, parse_pdf
from ingest.errors import InputError
from ingest.formats import parse_html, parse_markdown, parse_txt, record_fields
from ingest.inputs import SUPPORTED_SUFFIXES, find_input_files, iter_input_files, read_regular
from ingest.jsonl import check_depth
from ingest.records import Article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Loaded",
    "article_id",
    "build_article",
    "find_input_files",
    "iter_input_files",
    "load_articles",
    "normalise_url",
]

DEFAULT_MAX_BYTES = 20_000_000
MAX_BYTES_SETTING = "QUOTECHECK_MAX_FILE_BYTES"

_BYLINE_PREFIX = re.compile(r"by\s+", re.IGNORECASE)
_TRACKING_PARAMS = re.compile(r"utm_\w+|fbclid|gclid", re.IGNORECASE)


@dataclass(frozen=True)
class Loaded:
    """One article read from ``source``, or the error that kept it out."""

    source: str
    article: Article | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.article is not None


# -- ids -----------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    """The form of a URL used for ids: lower-case scheme and host, no fragment, no
    tracking parameters, no trailing slash."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING_PARAMS.fullmatch(k)]
    )
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_id(url: str, text: str) -> str:
    """A stable id: from the normalised URL when there is one, else from the cleaned text."""
    norm = normalise_url(url)
    if norm:
        return "u-" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
    return "t-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- loading -------------------------------------------------------------------------------


def load_articles(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Loaded]:
    """The articles in one file, each as a ``Loaded``; never raises for bad content.

    A failure of any kind while reading the file (a parser's own exception included) is
    this file's error; the rest of a batch goes on.
    """
    source = str(path)
    try:
        return _load(Path(path), source, max_bytes)
    except InputError as exc:
        return [Loaded(source=source, error=str(exc))]
    except Exception as exc:  # a parser's own failure (trafilatura, YAML, ...): this file only
        return [Loaded(source=source, error=unexpected(source, exc))]


def unexpected(source: str, exc: BaseException, line: int | None = None) -> str:
    """The error of a record a parser failed on in a way Quotecheck did not foresee."""
    message = " ".join(str(exc).split())[:200] or "no message"
    return str(
        InputError(
            source,
            f"could not be read ({type(exc).__name__}: {message}); skipped, the rest of the "
            "batch goes on. Check that it is an article in a supported format, and report "
            "the file if it is",
            line,
        )
    )


def _load(path: Path, source: str, max_bytes: int) -> list[Loaded]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            source,
            f"unknown format {suffix or '(no suffix)'!r}; supported: "
            f"{' '.join(SUPPORTED_SUFFIXES)}. Convert the file, or rename it if it is one of these",
        )
    data = read_regular(path, max_bytes, MAX_BYTES_SETTING)
    if not data.strip():
        raise InputError(source, "file is empty; remove it or add the article text")
    if suffix == ".pdf":
        fields, page_starts = parse_pdf(data, source)
        return [_loaded(source, fields, str(path), page_starts=page_starts)]
    if suffix == ".docx":
        return [_loaded(source, parse_docx(data, source), str(path))]
    data = _wide_to_utf8(data, source)
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise InputError(
            source,
            f"looks like a binary file, not text (NUL byte at offset {nul}); "
            f"a {suffix} article must be a text file (PDF and Word files as .pdf or .docx)",
        )
    if suffix == ".jsonl":
        return _load_jsonl(data, source, str(path))
    text = _decode(data, source)
    if suffix == ".json":
        return _load_json(text, source, str(path))
    if suffix in (".html", ".htm"):
        return [_loaded(source, parse_html(text, source), str(path))]
    if suffix in (".md", ".markdown"):
        return [_loaded(source, parse_markdown(text, source), str(path))]
    return [_loaded(source, parse_txt(text), str(path))]


# UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_to_utf8(data: bytes, source: str) -> bytes:
    """A UTF-16 or UTF-32 file (known by its byte order mark) as UTF-8; other bytes as they are."""
    encoding = next((enc for bom, enc in _WIDE_BOMS if data.startswith(bom)), None)
    if encoding is None:
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            source,
            f"starts with a {encoding.upper()} byte order mark but is not valid {encoding.upper()}"
            f" ({exc.reason}); save the file as UTF-8",
        ) from exc


def _decode(data: bytes, source: str, line: int | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        where = f"at offset {exc.start}" + ("" if line is not None else f" (line {bad_line})")
        raise InputError(
            source,
            f"is not valid UTF-8: byte 0x{data[exc.start]:02x} {where}; save the file as UTF-8",
            line=line,
        ) from exc


def _loaded(
    source: str,
    fields: Mapping[str, str],
    source_path: str,
    line: int | None = None,
    page_starts: tuple[int, ...] = (),
) -> Loaded:
    """Build the article from raw fields, or the error for a record without text."""
    where = f"{source} line {line}" if line is not None else source
    try:
        article = build_article(
            fields, source_path=source_path, source=source, line=line, page_starts=page_starts
        )
    except InputError as exc:
        return Loaded(source=where, error=str(exc))
    return Loaded(source=where, article=article)


def build_article(
    fields: Mapping[str, str],
    *,
    source_path: str,
    source: str = "",
    line: int | None = None,
    page_starts: tuple[int, ...] = (),
    fetched_at: str = "",
) -> Article:
    """An ``Article`` from raw field values: text cleaned, date parsed, id given or derived.

    ``page_starts`` (a PDF's) are offsets into the already cleaned text; they are kept only
    when cleaning leaves that text as it is, so a page number is never a guess.
    ``fetched_at`` is when a fetched page was downloaded (``ingest.links``).
    """
    given = fields.get("text", "")
    text = clean_text(given)
    if text != given:
        page_starts = ()
    if not text:
        raise InputError(
            source or source_path, "no article text left after cleaning; check the file", line
        )
    url = fields.get("url", "").strip()
    given_id = fields.get("id", "").strip()
    return Article(
        id=given_id or article_id(url, text),
        title=_one_line(fields.get("title", "")),
        text=text,
        outlet=_one_line(fields.get("outlet", "")),
        author=_BYLINE_PREFIX.sub("", _one_line(fields.get("author", "")), count=1),
        published=parse_date(fields.get("published", "")),
        url=url,
        source_path=source_path,
        page_starts=page_starts,
        fetched_at=fetched_at,
    )


def _one_line(value: str) -> str:
    return " ".join(normalise_whitespace(value).split())


# -- JSON and JSONL ------------------------------------------------------------------------


def _load_json(text: str, source: str, source_path: str) -> list[Loaded]:
    check_depth(text, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"is not valid JSON ({exc.msg} at column {exc.colno}); fix the file", exc.lineno
        ) from exc
    if isinstance(data, Mapping):
        return [_load_record(data, source, source_path, None)]
    if isinstance(data, list):
        lines = _item_lines(text, len(data))
        return [
            _load_record(item, source, source_path, ln)
            for item, ln in zip(data, lines, strict=True)
        ]
    raise InputError(source, "JSON must be one article object or a list of them; fix the file")


def _item_lines(text: str, count: int) -> list[int]:
    """The line on which each item of a top-level JSON array starts."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    pos = text.index("[") + 1
    ws = re.compile(r"[\s,]*")
    for _ in range(count):
        pos = ws.match(text, pos).end()  # type: ignore[union-attr]
        lines.append(text.count("\n", 0, pos) + 1)
        _, pos = decoder.raw_decode(text, pos)
    return lines


def _load_record(record: Any, source: str, source_path: str, line: int | None) -> Loaded:
    where = f"{source} line {line}" if line is not None else source
    if not isinstance(record, Mapping):
        error = InputError(
            source, f"expected an article object, found {type(record).__name__}", line
        )
        return Loaded(source=where, error=str(error))
    try:
        fields = record_fields(record, source, line)
        return _loaded(source, fields, source_path, line)
    except InputError as exc:
        return Loaded(source=where, error=str(exc))
    except Exception as exc:  # a failure nobody foresaw: this record only
        return Loaded(source=where, error=unexpected(source, exc, line))


def _load_jsonl(data: bytes, source: str, source_path: str) -> list[Loaded]:
    results: list[Loaded] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{source} line {number}"
        try:
            text = _decode(raw, source, number)
            check_depth(text, source, number)
            record = json.loads(text)
        except InputError as exc:
            results.append(Loaded(source=where, error=str(exc)))
            continue
        except json.JSONDecodeError as exc:
            error = InputError(
                source,
                f"is not valid JSON ({exc.msg} at column {exc.colno}); fix this line",
                number,
            )
            results.append(Loaded(source=where, error=str(error)))
            continue
        except Exception as exc:  # the parser's own failure: this line only
            results.append(Loaded(source=where, error=unexpected(source, exc, number)))
            continue
        results.append(_load_record(record, source, source_path, number))
    if not results:
        raise InputError(source, "file has no records; remove it or add one article per line")
    return results
