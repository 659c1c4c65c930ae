"""The raw fields of PDF and Word files: a PDF's text layer (pypdf) page by page, a .docx's
paragraphs (python-docx).

Both become a .txt-like text first (``ingest.formats.parse_txt``): the first line is the
title and ``Source:``/``Date:``/``By:`` lines right after it are read as in a .txt. A PDF's
pages are cleaned one by one, their layout's line breaks joined (``unwrap_lines``), and
joined with a blank line, so the start of each page in the stored text is known exactly
(``Article.page_starts``) and a citation can give its page.
Nothing is guessed from a file's own metadata (a PDF's creation date is not a publication
date, its author field is usually the software's user); ``quotecheck edit`` sets them.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable

from ingest.clean import clean_text
from ingest.errors import InputError
from ingest.formats import parse_txt

PAGE_BREAK = "\n\n"  # between two pages of the stored text
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")

_NO_TEXT_LAYER = (
    "has no text layer (a scanned or image-only PDF): nothing to read. OCR it first (for "
    "example `ocrmypdf in.pdf out.pdf`) and ingest the OCR'd copy"
)


def parse_pdf(data: bytes, source: str) -> tuple[dict[str, str], tuple[int, ...]]:
    """The fields of a PDF's text layer and the start of each page in the cleaned text."""
    pages = [clean_text(text) for text in _pdf_pages(data, source)]
    if not any(pages):
        raise InputError(source, _NO_TEXT_LAYER)
    first = next(i for i, text in enumerate(pages) if text)
    fields = parse_txt(pages[first])  # its lines: title, then header lines
    pages[first] = fields["text"]
    pages = [clean_text(unwrap_lines(text)) for text in pages]
    if not any(pages):
        raise InputError(source, "has a title but no article text; check the file")
    text, starts = join_pages(pages)
    fields["text"] = text
    return fields, starts


def unwrap_lines(text: str) -> str:
    """A page's paragraphs without the line breaks of its layout: a PDF breaks lines where
    the page is full, not where a sentence ends, and a quote or a name must not be cut
    there. A word hyphenated at a line's end keeps its hyphen ("fish-\nmarket" ->
    "fish-market"): whether the hyphen belongs to the word is not known."""
    paragraphs = _PARAGRAPHS.split(text)
    return "\n\n".join(_SOFT_BREAK.sub(" ", _HYPHEN_BREAK.sub("-", p)) for p in paragraphs)


def join_pages(pages: Iterable[str]) -> tuple[str, tuple[int, ...]]:
    """Cleaned pages as one text, and where each page starts in it (an empty page starts
    where the next text does, so no offset is ever on it)."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for text in pages:
        if not text:
            starts.append(at + (len(PAGE_BREAK) if parts else 0))
            continue
        at += len(PAGE_BREAK) if parts else 0
        starts.append(at)
        parts.append(text)
        at += len(text)
    return PAGE_BREAK.join(parts), tuple(starts)


def _pdf_pages(data: bytes, source: str) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(source, "reading PDF needs pypdf; install it: pip install pypdf") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is this file's error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                source,
                "is an encrypted (password-protected) PDF; save an unprotected copy and "
                "ingest that",
            )
        return [_page_text(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(
            source, f"is not a readable PDF ({type(exc).__name__}: {_short(exc)}); check the file"
        ) from exc


def _page_text(page: object) -> str:
    """A page's text in layout order (paragraphs stay apart); plain order if that fails."""
    try:
        return str(page.extract_text(extraction_mode="layout"))  # type: ignore[attr-defined]
    except Exception:  # pypdf's layout mode fails on some fonts; its plain mode does not
        return str(page.extract_text())  # type: ignore[attr-defined]


def parse_docx(data: bytes, source: str) -> dict[str, str]:
    """The fields of a Word .docx: its paragraphs, read as a .txt would be."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(
            source, "reading .docx needs python-docx; install it: pip install python-docx"
        ) from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and package errors alike
        raise InputError(
            source,
            f"is not a readable Word .docx file ({type(exc).__name__}: {_short(exc)}); save "
            "it again as .docx (an old .doc must be converted first)",
        ) from exc
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise InputError(source, "has no text in its paragraphs; check the file")
    return parse_txt("\n\n".join(paragraphs))


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or "no message"
