"""A generated corpus of small fictional articles, for the crash and concurrency tests.

Deterministic for a seed: the same call writes the same bytes, so two ingests of it must
produce the same store. Every article has a distinct URL (so a distinct id), two to four
paragraphs and one or two attributed quotations.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

_TOWNS = ["Marrowford", "Ashcombe", "Lower Quay", "Brindle", "Oakhollow", "Saltmere", "Kettering"]
_PEOPLE = [
    ("Mara Quill", "the city engineer"),
    ("Ines Varga", "the station manager"),
    ("Tobias Renn", "a union organiser"),
    ("Odile Fenwick", "the harbour master"),
    ("Piet Lammers", "a council spokesman"),
    ("Rosalind Achebe", "the museum director"),
]
_THINGS = ["dam", "pump station", "ferry line", "library", "bridge", "market hall", "school"]
_EVENTS = ["reopened", "closed for repairs", "was inspected", "flooded", "won a grant"]
_SAYINGS = [
    "We kept the water out",
    "Nobody expected the repairs to take this long",
    "The budget does not cover a second shift",
    "We will publish the full report next week",
    "I have never seen the river this high",
    "The workers deserve a fair hearing",
]
OUTLETS = ["Daily Ledger", "Harbour Times", "Northern Wire"]


def _coined(rng: random.Random) -> str:
    """A made-up word of two or three syllables ("tavelo")."""
    return "".join(
        rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 3))
    )


def article_record(rng: random.Random, n: int) -> dict[str, str]:
    town, thing, event = rng.choice(_TOWNS), rng.choice(_THINGS), rng.choice(_EVENTS)
    paragraphs = [f"The {thing} in {town} {event} on day {n} after a week of argument."]
    for _ in range(rng.randint(1, 2)):
        name, role = rng.choice(_PEOPLE)
        saying = rng.choice(_SAYINGS)
        # Words of its own keep each quotation's vector apart from the others: HNSW leaves
        # some points of a cluster of (near-)identical vectors unreachable by search, and
        # the crash tests find records in the vector index by searching for them.
        paragraphs.append(
            f'"{saying} in {town}, {_coined(rng)} {_coined(rng)}," said {name}, {role}. '
            f"Item {n} continues."
        )
    paragraphs.append(f"Residents of {town} gathered near the {thing} for report {n}.")
    return {
        "title": f"{town} {thing} {event} ({n})",
        "outlet": rng.choice(OUTLETS),
        "date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": f"https://news.example/{town.lower().replace(' ', '-')}/{n}",
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(folder: Path, articles: int, seed: int = 7, per_file: int = 50) -> list[Path]:
    """``articles`` records in JSONL files of ``per_file`` records each; returns the files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, articles, per_file):
        path = folder / f"part-{start // per_file:04d}.jsonl"
        rows = [article_record(rng, n) for n in range(start, min(start + per_file, articles))]
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        files.append(path)
    return files
