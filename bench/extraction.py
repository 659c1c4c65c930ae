"""Quote extraction figures on a PolNeAR-format file: F1 per kind, speaker accuracy, speed.

Usage: python bench/extraction.py PATH.jsonl [--split dev|heldout] [--kinds-from-marks]
       [--ceiling] [--json]

``--split dev`` keeps the lines whose 0-based index i has i % 5 < 3 (the lines rules may be
developed on), ``--split heldout`` the others (for a final check only). Speed is extraction
only (``extract_quotes`` on articles already in memory), one process, one core; the scores
come from the scorer of ``quotecheck eval-quotes`` (``bot.cli.quote_eval``).

``--kinds-from-marks`` is an analysis, not the figure: a gold "mixed" span that lies wholly
inside one pair of quotation marks (as Quotecheck pairs them) is scored as "direct", which is
what the issue's definitions call it. It shows how much of the mixed gap is that convention.

``--ceiling`` scores an oracle instead of the extractor: every gold span, its kind taken from
the marks as the issue defines the kinds (inside one pair of marks: direct; containing marks:
mixed; none: indirect). It is the best a system that follows those definitions can score.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli.quote_eval import Report, predict_record, score_article, trimmed_span
from ingest.quotes import extract_quotes
from ingest.quotes.marks import Marked, find_marked
from ingest.records import Article

SPLITS = {
    "all": lambda i: True,
    "dev": lambda i: i % 5 < 3,
    "heldout": lambda i: i % 5 >= 3,
}


def read_split(path: str, split: str) -> list[dict[str, Any]]:
    """The records of ``path`` on the chosen split (line index counts non-blank lines)."""
    keep = SPLITS[split]
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    return [json.loads(line) for i, line in enumerate(lines) if keep(i)]


def score(records: list[dict[str, Any]]) -> Report:
    report = Report()
    for rec in records:
        score_article(report, rec["text"], rec["quotes"], predict_record(rec))
    return report


def kind_from_marks(text: str, marked: list[Marked], quote: dict[str, Any]) -> str:
    """The kind the issue's definitions give a gold span: inside one pair of marks, direct;
    containing marks, mixed; without any, indirect."""
    start, end = trimmed_span(text, quote["start"], quote["end"])
    if any(m.open_start <= start and end <= m.close_end for m in marked):
        return "direct"
    if any(m.start < end and start < m.end for m in marked):
        return "mixed"
    return "indirect"


def kinds_from_marks(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with its gold mixed spans that sit inside one pair of marks made direct."""
    text = record["text"]
    marked = find_marked(text)
    quotes = []
    for quote in record["quotes"]:
        if quote["kind"] == "mixed" and kind_from_marks(text, marked, quote) == "direct":
            quote = {**quote, "kind": "direct"}
        quotes.append(quote)
    return {**record, "quotes": quotes}


def oracle(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold spans of ``record`` as predictions, each with the kind its marks give it."""
    marked = find_marked(record["text"])
    return [
        {**quote, "kind": kind_from_marks(record["text"], marked, quote)}
        for quote in record["quotes"]
    ]


def speed(records: list[dict[str, Any]], rounds: int = 3) -> tuple[float, int]:
    """Best-of-``rounds`` articles per second, and the number of quotes found."""
    articles = [
        Article(id=rec["id"], title=rec.get("title", ""), text=rec["text"]) for rec in records
    ]
    best = 0.0
    found = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = sum(len(extract_quotes(a)) for a in articles)
        best = max(best, len(articles) / (time.perf_counter() - t0))
    return best, found


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    path = argv[0]
    split = "all"
    if "--split" in argv:
        at = argv.index("--split") + 1
        if at >= len(argv) or argv[at] not in SPLITS:
            print(f"--split takes one of: {', '.join(SPLITS)}")
            return 2
        split = argv[at]
    records = read_split(path, split)
    if "--kinds-from-marks" in argv:
        records = [kinds_from_marks(rec) for rec in records]
        split += ", gold kinds from the marks"
    if "--ceiling" in argv:
        report = Report()
        for rec in records:
            score_article(report, rec["text"], rec["quotes"], oracle(rec))
        print(f"split: {split}, oracle: gold spans with kinds from the marks")
        print(report.format())
        return 0
    report = score(records)
    rate, found = speed(records)
    if "--json" in argv:
        out = report.as_dict()
        out["split"] = split
        out["articles_per_second"] = round(rate, 1)
        out["quotes_found"] = found
        print(json.dumps(out, indent=2))
        return 0
    print(f"split: {split} ({len(records)} articles)")
    print(report.format())
    print(f"extraction speed: {rate:.0f} articles/s on one core ({found} quotes found)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
