"""PDF and Word files made in the test itself: a PDF with a real text layer (pypdf writes
the file; the page content is Helvetica text drawn line by line), an image-only ("scanned")
PDF, an encrypted one, and a .docx written by python-docx. Fictional text only."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

LINE_CHARS = 78  # characters per drawn line: about a page's width in 11 pt Helvetica
LINES_PER_PAGE = 48


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # WinAnsiEncoding: curly quotes, dashes and £ included
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _name(value: str) -> NameObject:
    return NameObject(value)


def _content(paragraphs: Sequence[str]) -> bytes:
    """Text-drawing operators for a page: each paragraph wrapped, a blank line after it."""
    ops = [b"BT /F1 11 Tf 14 TL 72 740 Td"]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, LINE_CHARS):
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def make_pdf(pages: Sequence[Sequence[str]], *, password: str = "") -> bytes:
    """A PDF with a text layer: one page per item of ``pages``, each a list of paragraphs
    (an empty list makes a page with no text at all, as a scanned page has)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            _name("/Type"): _name("/Font"),
            _name("/Subtype"): _name("/Type1"),
            _name("/BaseFont"): _name("/Helvetica"),
            _name("/Encoding"): _name("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for paragraphs in pages:
        page = writer.add_blank_page(612, 792)
        if not paragraphs:
            continue
        fonts = DictionaryObject({_name("/F1"): font_ref})
        page[_name("/Resources")] = DictionaryObject({_name("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(_content(paragraphs))
        page[_name("/Contents")] = writer._add_object(stream)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def paginate(paragraphs: Sequence[str]) -> list[list[str]]:
    """Paragraphs laid out on pages of ``LINES_PER_PAGE`` lines, as a word processor would."""
    pages: list[list[str]] = [[]]
    used = 0
    for paragraph in paragraphs:
        lines = len(textwrap.wrap(paragraph, LINE_CHARS)) + 1
        if used + lines > LINES_PER_PAGE and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append(paragraph)
        used += lines
    return pages


def make_docx(path: Path, paragraphs: Sequence[str]) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path
