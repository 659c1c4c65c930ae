"""Text quality and speed of the PDF loader on a generated multi-page PDF.

    python bench/pdf_text.py [--pages 20]

Writes a PDF of wrapped paragraphs with quotes (fictional; ``tests/doc_files.py`` draws the
text layer), loads it as an ingest does, and prints: words written and words recovered (in
order, and as a multiset), paragraphs kept apart, quotes whose page and speaker are right,
and the time per page. Both pypdf extraction modes are measured, since the loader chose
between them. The same paragraphs as a DOCX (no pages) give its quotes, speakers and time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.loaders import load_articles
from ingest.quotes import extract_quotes
from ingest.records import page_at
from tests.doc_files import make_docx, make_pdf, paginate

SPEAKER = "Oskar Brandvold"


def paragraphs(count: int) -> list[str]:
    return [
        f"At the {n}th sitting the Dunmere harbour board heard from its engineer. "
        f"“Berth {n} needs new piles before the spring tides, and we cannot wait,” said "
        "Oskar Brandvold, who has run the harbour works for eleven years. Members asked "
        "about the cost, the timetable and whether the fishing fleet would lose a season."
        for n in range(1, count + 1)
    ]


def recall(written: list[str], read: list[str]) -> float:
    overlap = sum((Counter(written) & Counter(read)).values())
    return overlap / len(written)


def plain_mode_paragraphs(path: Path) -> int:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return sum(1 for p in text.split("\n\n") if p.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    paras = paragraphs(args.pages * 10)
    pages = paginate(paras)[: args.pages]
    kept = [p for page in pages for p in page]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "board.pdf"
        path.write_bytes(make_pdf([["Dunmere harbour board minutes"], *pages]))
        start = time.perf_counter()
        (loaded,) = load_articles(path)
        seconds = time.perf_counter() - start
        plain_paragraphs = plain_mode_paragraphs(path)
        docx_path = make_docx(Path(tmp) / "board.docx", ["Dunmere harbour board minutes", *kept])
        start = time.perf_counter()
        (docx_loaded,) = load_articles(docx_path)
        docx_seconds = time.perf_counter() - start
    article = loaded.article
    assert article is not None, loaded.error
    written, read = " ".join(kept).split(), article.text.split()
    quotes = extract_quotes(article)
    right_page = sum(
        1
        for q in quotes
        if q.kind == "direct"
        and any(q.text in p for p in pages[page_at(article.page_starts, q.start) - 2])
    )
    direct = sum(1 for q in quotes if q.kind == "direct")
    speakers = sum(1 for q in quotes if q.kind == "direct" and q.canonical_speaker == SPEAKER)
    print(f"pages: {len(pages) + 1} (a title page, then {len(pages)} of text)")
    print(f"words written: {len(written)}, recovered in order: {read == written}")
    print(f"word recall (multiset): {recall(written, read):.4f}")
    print(
        f"paragraphs written: {len(kept)}, kept apart (layout mode, the loader's): "
        f"{len(article.text.split(chr(10) * 2))}, plain mode: {plain_paragraphs}"
    )
    print(
        f"direct quotes found: {direct} of {len(kept)}, on the right page: {right_page}, "
        f"speaker {SPEAKER}: {speakers}"
    )
    print(f"load: {seconds:.3f} s, {1000 * seconds / (len(pages) + 1):.1f} ms per page")
    print_docx(docx_loaded.article, kept, docx_seconds)


def print_docx(article: object, kept: list[str], seconds: float) -> None:
    assert article is not None
    quotes = [q for q in extract_quotes(article) if q.kind == "direct"]  # type: ignore[arg-type]
    speakers = sum(1 for q in quotes if q.canonical_speaker == SPEAKER)
    same = article.text.split(chr(10) * 2) == kept  # type: ignore[attr-defined]  # title apart
    print(
        f"docx: {len(kept)} paragraphs, text as written: {same}; direct quotes found: "
        f"{len(quotes)}, speaker {SPEAKER}: {speakers}; load: {seconds:.3f} s"
    )


if __name__ == "__main__":
    main()
