"""Canonical-name audit (issue 18): how many of the distinct speaker names are not clean names.

Usage: python bench/name_audit.py PATH.jsonl [--split all|dev|heldout] [--sample 30] [--seed 1]
       [--predictions QUOTES.jsonl]  (another extractor's ``quotecheck extract --out``)

Extracts every article of a PolNeAR-format file and collects the distinct canonical
speakers that are names (a description such as "the city's mayor" or a pronoun is not one).
A name is flagged when it holds:

- a **title** or honorific (``Senator``, ``Representatives``, ``Ms.``) or a **party** word
  (``Democrat``): the role belongs in ``role``;
- a **sentence word**: a word written in lower case that is no name particle (``this
  included any Trump supporter Moore``) or a function word;
- a **nickname from a quote**: the name as written occurs in the article only inside
  quotation marks (``Crooked Hillary Clinton``);
- a **headline fragment**: it occurs only in lines that are no prose (a title-case line, a
  short line without a full stop) or in the title.

Prints the share of flagged names per reason and overall, every flagged name (up to
``--show``) and ``--sample`` random names for a reader to check by eye.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import SPLITS
from ingest.lexicon.function_words import NON_NAME_WORDS
from ingest.lexicon.people import (
    HONORIFICS,
    NAME_PARTICLES,
    NAME_PREFIXES,
    ORG_LINKS,
    PARTY_WORDS,
    SPEAKER_NOUNS,
    TITLES,
)
from ingest.lexicon.pronouns import PRONOUNS
from ingest.quotes import extract_quotes
from ingest.quotes.marks import find_marked
from ingest.quotes.names import JOINT, is_org, is_share
from ingest.records import Article

ROLE_WORDS = TITLES | HONORIFICS | NAME_PREFIXES - PARTY_WORDS
DESCRIPTION_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my"})
MAX_HEADLINE_WORDS = 14
_LINE = re.compile(r"[^\n]+")


def is_description(name: str) -> bool:
    """A phrase for someone rather than their name: "the city's mayor", "Campaign aides",
    "38 percent of voters", "Clinton's campaign", a pronoun."""
    words = name.split()
    first, last = words[0], _key(words[-1])
    opener = first.lower()
    if opener in DESCRIPTION_OPENERS or opener in PRONOUNS or is_share(name):
        return True  # "the city's mayor", "38 percent of voters", "Nearly half"
    if words[-1][:1].islower() and last.endswith("s") and len(last) > 3:
        return True  # a group: "Abortion rights advocates", "Chinese traders"
    if any(w.endswith(("'s", "\u2019s", "s'")) for w in words[:-1]):
        return True  # the possessed thing speaks, not the possessor
    return last in SPEAKER_NOUNS or (last.endswith("s") and last[:-1] in SPEAKER_NOUNS)


def _key(word: str) -> str:
    return word.lower().strip(".,\u2019'").removesuffix("\u2019s").removesuffix("'s")


def word_reasons(name: str) -> set[str]:
    """Words that are no part of a name (a surname that is a title word, ``Amy Pope``, and
    the links of an organisation's name, ``Chamber of Commerce``, are)."""
    reasons = set()
    words = name.split()
    links = ORG_LINKS | {"the", "for"} if is_org(name) else frozenset()
    for i, word in enumerate(words):
        key = _key(word)
        surname = i == len(words) - 1 and len(words) > 1
        if len(word) == 2 and word[1] == "." and word[0].isupper():
            continue  # an initial
        if len(word) == 1 and word.isupper():
            reasons.add("initial without its full stop")
        elif key in PARTY_WORDS and not surname:
            reasons.add("party word")
        elif (key in ROLE_WORDS or key.rstrip("s") in ROLE_WORDS) and not surname:
            reasons.add("title")
        elif key in links or key in NAME_PARTICLES:
            continue
        elif word[:1].islower() or key in NON_NAME_WORDS:
            reasons.add("sentence word")
    return reasons


def _headline_line(line: str) -> bool:
    words = line.split()
    if not words:
        return False
    capitals = sum(w[:1].isupper() for w in words if len(w) > 3)
    long_words = sum(len(w) > 3 for w in words) or 1
    no_stop = line.rstrip()[-1:] not in ".?!\"'\u201d"
    return (no_stop and len(words) <= MAX_HEADLINE_WORDS) or capitals / long_words > 0.8


def place_reasons(name: str, text: str) -> set[str]:
    """Where the name as written occurs: only inside quotes, or only in headline lines."""
    spans = [(m.open_start, m.close_end) for m in find_marked(text)]
    where = [m.start() for m in re.finditer(re.escape(name), text)]
    if not where:
        return set()
    reasons = set()
    shorter = " ".join(name.split()[1:])
    quoted = all(any(a <= p < b for a, b in spans) for p in where)
    if quoted and len(shorter.split()) >= 2 and _outside(shorter, text, spans):
        reasons.add("nickname from a quote")  # "Crooked Hillary Clinton", "Hillary Clinton"
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]
    lower = set(re.findall(r"\b[a-z]+\b", text))
    headline = all(any(a <= p < b and _headline_line(ln) for a, b, ln in lines) for p in where)
    if headline and any(_key(w) in lower for w in name.split()):
        reasons.add("headline fragment")  # "Hedge Funds Support Hillary Clinton"
    return reasons


def _outside(name: str, text: str, spans: list[tuple[int, int]]) -> bool:
    return any(
        not any(a <= m.start() < b for a, b in spans) for m in re.finditer(re.escape(name), text)
    )


def canonical_speakers(row: dict[str, Any], predicted: dict[str, list[str]] | None) -> list[str]:
    """The canonical speakers of one article: from ``--predictions`` or extracted now."""
    if predicted is not None:
        return predicted.get(str(row["id"]), [])
    article = Article(id=str(row["id"]), title=row.get("title", ""), text=row["text"])
    return [q.canonical_speaker for q in extract_quotes(article)]


def audit(
    rows: list[dict[str, Any]], predicted: dict[str, list[str]] | None = None
) -> tuple[dict[str, set[str]], int]:
    """Each distinct canonical name -> its reasons (empty: clean), and the descriptions."""
    names: dict[str, set[str]] = {}
    descriptions = set()
    for row in rows:
        text = f"{row.get('title', '')}\n\n{row['text']}"
        for speaker in canonical_speakers(row, predicted):
            name = speaker.strip()
            if not name or is_description(name):
                descriptions.add(name)
                continue
            reasons = place_reasons(name, text)
            for person in name.split(JOINT):  # "Marco Rubio and Ted Cruz": two names
                reasons |= word_reasons(person)
            names[name] = names.get(name, set()) | reasons
    return names, len(descriptions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=sorted(SPLITS), default="all")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--show", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--predictions", type=Path, help="quotes from quotecheck extract --out")
    args = ap.parse_args()
    lines = args.path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(s) for i, s in enumerate(lines) if s.strip() and SPLITS[args.split](i)]
    predicted = None
    if args.predictions:  # "quotecheck extract" output of any version of the extractor
        records = [json.loads(s) for s in args.predictions.read_text("utf-8").splitlines() if s]
        predicted = {
            str(r["id"]): [q.get("canonical_speaker") or q["speaker"] for q in r["quotes"]]
            for r in records
        }
    names, descriptions = audit(rows, predicted)
    flagged = {n: r for n, r in names.items() if r}
    by_reason = Counter(r for rs in flagged.values() for r in rs)
    share = len(flagged) / len(names) if names else 0.0
    if args.json:
        out = {"names": len(names), "flagged": len(flagged), "share": round(share, 4)}
        print(json.dumps({**out, "by_reason": dict(by_reason)}))
        return
    print(f"split: {args.split} ({len(rows)} articles)")
    print(f"distinct canonical names: {len(names)} (descriptions and pronouns: {descriptions})")
    print(f"flagged: {len(flagged)} ({share:.1%})")
    for reason, n in by_reason.most_common():
        print(f"  {reason:<24}{n:>5} ({n / len(names):.1%})")
    print("\nflagged names:")
    for name in sorted(flagged)[: args.show]:
        print(f"  {name!r}: {', '.join(sorted(flagged[name]))}")
    rng = random.Random(args.seed)
    print(f"\n{args.sample} random names:")
    for name in rng.sample(sorted(names), min(args.sample, len(names))):
        print(f"  {name}")


if __name__ == "__main__":
    main()
