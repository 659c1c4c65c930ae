"""Large corpora of varied articles, generated from real seed articles, for the scale figures.

    python bench/synth_corpus.py SEEDS... --articles 10000 --out corpus.jsonl

Seeds are article files or folders in any format ingest reads (the PolNeAR ``train.jsonl``,
``samples/``). Article ``n`` is one seed article rewritten so that no two generated articles
share their text, while keeping what extraction and retrieval feed on (sentence shapes,
quotation marks, reporting verbs, attributions, word frequencies):

- every multi-word capitalised name gets a generated person name, consistently within the
  article (so ``Jane Roe ... Roe said`` stays one person), and from a pool of 6,400 names;
- half of the article's content-word types (4+ letters) are swapped for words drawn from
  the seeds' vocabulary by frequency, consistently within the article, so quotations differ
  between articles as they do between real ones, and rare words stay rare;
- digits are redrawn; half of the articles take in one paragraph from another seed;
- outlet (one of 40), date (2019-2026) and URL are drawn per article.

Deterministic for a seed. Exact duplicates of a quotation still occur (a quote of few
content words can keep all of them), at about the rate of real reprints.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.loaders import iter_input_files, load_articles
from ingest.records import Article

_FIRST = [
    "Ada",
    "Bram",
    "Cleo",
    "Dario",
    "Edda",
    "Fenn",
    "Gita",
    "Hugo",
    "Ines",
    "Jarek",
    "Kaia",
    "Leon",
    "Mira",
    "Nils",
    "Odile",
    "Pavel",
    "Quin",
    "Rhea",
    "Soren",
    "Tilda",
    "Umar",
    "Vera",
    "Wren",
    "Xavi",
    "Yara",
    "Zeno",
    "Alba",
    "Bruno",
    "Cyra",
    "Dov",
    "Elin",
    "Fabio",
    "Greta",
    "Hale",
    "Ivo",
    "Juno",
    "Kofi",
    "Lena",
    "Milo",
    "Nora",
    "Otto",
    "Petra",
    "Rafe",
    "Sana",
    "Teo",
    "Una",
    "Vito",
    "Wanda",
    "Yusuf",
    "Zora",
    "Aino",
    "Basil",
    "Cora",
    "Duri",
    "Esme",
    "Felix",
    "Gil",
    "Hana",
    "Ilse",
    "Joss",
    "Karl",
    "Lise",
    "Maren",
    "Nico",
]
_LAST = [
    "Achterberg",
    "Brandvold",
    "Castellan",
    "Duvernay",
    "Eskildsen",
    "Falkner",
    "Gorovoy",
    "Halloran",
    "Isaksen",
    "Jaramillo",
    "Kettleby",
    "Lindqvist",
    "Marchetti",
    "Nakashima",
    "Oyelaran",
    "Pellegrino",
    "Quarrie",
    "Rautio",
    "Szabados",
    "Thornquist",
    "Uribe",
    "Valtonen",
    "Whitcombe",
    "Yablonski",
    "Zeller",
    "Abernethy",
    "Bellweather",
    "Corrigan",
    "Delacroix",
    "Engstrom",
    "Fairweather",
    "Gallardo",
    "Hargreave",
    "Ingersoll",
    "Jovanovic",
    "Kowalczyk",
    "Lachance",
    "Mbeki",
    "Northcott",
    "Ostrowski",
    "Penhaligon",
    "Quintero",
    "Rosenthal",
    "Sandoval",
    "Trevelyan",
    "Umberfield",
    "Vasquez",
    "Wolcott",
    "Yoshida",
    "Zamora",
    "Albright",
    "Blackwood",
    "Cardenas",
    "Drummond",
    "Ellsworth",
    "Fontaine",
    "Grimshaw",
    "Holloway",
    "Iwasaki",
    "Jespersen",
    "Kincaid",
    "Lockhart",
    "Montague",
    "Navarro",
    "Oakes",
    "Prescott",
    "Radcliffe",
    "Sorensen",
    "Tolliver",
    "Underhill",
    "Vance",
    "Winslow",
]
OUTLETS = [
    f"{a} {b}"
    for a in ("Harbour", "Northern", "Valley", "Coastal", "Capital")
    for b in ("Ledger", "Wire", "Times", "Courier", "Post", "Herald", "Gazette", "Sentinel")
]
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")
_WORD = re.compile(r"\b[a-z]{4,}\b")
_DIGITS = re.compile(r"\d+")
_KEEP = frozenset(
    [
        "said",
        "says",
        "told",
        "added",
        "according",
        "that",
        "with",
        "this",
        "from",
        "have",
        "they",
        "were",
        "their",
        "about",
        "would",
        "there",
        "which",
        "when",
        "been",
        "will",
        "more",
        "than",
        "also",
        "what",
        "after",
        "could",
        "into",
        "over",
        "other",
        "some",
        "them",
        "only",
        "just",
        "like",
        "then",
        "because",
        "these",
        "those",
        "such",
        "very",
        "where",
        "while",
        "being",
        "should",
    ]
)


def read_seeds(paths: Sequence[Path]) -> list[Article]:
    """Every article the seed files hold (articles that fail to load are skipped)."""
    seeds = []
    for file in iter_input_files(paths):
        seeds.extend(x.article for x in load_articles(file) if x.article is not None)
    if not seeds:
        raise SystemExit(f"no articles in {', '.join(map(str, paths))}")
    return seeds


def date(rng: random.Random) -> str:
    return f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class Generator:
    """Rewrites seed articles into new ones; ``article(n)`` is deterministic in ``n``."""

    def __init__(self, seeds: Sequence[Article], seed: int = 1) -> None:
        self.seeds = list(seeds)
        self.seed = seed
        counts = Counter(w for a in self.seeds for w in _WORD.findall(a.text) if w not in _KEEP)
        self.vocabulary = list(counts)
        self.weights = [counts[w] for w in self.vocabulary]

    def article(self, n: int) -> Article:
        rng = random.Random(self.seed * 1_000_003 + n)
        base = rng.choice(self.seeds)
        paragraphs = base.text.split("\n\n")
        if rng.random() < 0.5:
            extra = rng.choice(rng.choice(self.seeds).text.split("\n\n"))
            paragraphs.insert(rng.randint(0, len(paragraphs)), extra)
        text = self._rewrite("\n\n".join(paragraphs), rng)
        return Article(
            id=f"synth-{n}",
            title=f"{self._rewrite(base.title, rng)} ({n})",
            text=text,
            outlet=rng.choice(OUTLETS),
            published=date(rng),
            url=f"https://synth.example/{n}",
        )

    def articles(self, count: int, start: int = 0) -> Iterator[Article]:
        for n in range(start, start + count):
            yield self.article(n)

    def _rewrite(self, text: str, rng: random.Random) -> str:
        names: dict[str, str] = {}

        def person(m: re.Match[str]) -> str:
            found = m.group(0)
            if found not in names:
                names[found] = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                names.setdefault(found.split()[-1], names[found].split()[-1])
            return names[found]

        text = _NAME.sub(person, text)
        surnames = {k: v for k, v in names.items() if " " not in k}
        if surnames:
            alternatives = "|".join(sorted(map(re.escape, surnames), key=len, reverse=True))
            text = re.sub(rf"\b(?:{alternatives})\b", lambda m: surnames[m.group(0)], text)
        types = sorted(set(_WORD.findall(text)) - _KEEP)
        swapped = rng.sample(types, len(types) // 2)
        drawn = rng.choices(self.vocabulary, weights=self.weights, k=len(swapped))
        mapping = dict(zip(swapped, drawn, strict=True))
        text = _WORD.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
        return _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m.group(0)) - 1)), text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", type=Path, nargs="+")
    ap.add_argument("--articles", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    gen = Generator(read_seeds(args.seeds), args.seed)
    with args.out.open("w", encoding="utf-8") as out:
        for a in gen.articles(args.articles):
            row = {
                "id": a.id,
                "title": a.title,
                "text": a.text,
                "outlet": a.outlet,
                "published": a.published,
                "url": a.url,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
