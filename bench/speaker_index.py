"""How long storing the corpus-level speaker index takes on a store (issue 19).

    python bench/speaker_index.py DATA_DIR [--repeat 3]

The writer stores it again after each write (``bot.index.speaker_store``): it reads every
quote, links nameless speakers across articles, groups spellings and writes the index.
Prints the time of each part and of the whole, the fastest of ``--repeat`` runs. Build a
store first, e.g. with ``bench/scale.py`` (the hashing embedder: vectors play no part here).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.scale import service
from bot.index.speaker_store import speaker_groups, store_speakers
from bot.index.stored_index import StoredQuoteIndex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    words = service(args.data_dir).store.text_index
    if words is None:
        sys.exit(f"{args.data_dir}: no word index (an embedded store written by Quotecheck?)")
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        index = StoredQuoteIndex(words, stored_speakers=False)  # every quote read, linked
        t1 = time.perf_counter()
        groups = speaker_groups(index)
        t2 = time.perf_counter()
        count = store_speakers(words)  # the whole, as the writer runs it
        t3 = time.perf_counter()
        for part, s in (("read and link", t1 - t0), ("group", t2 - t1), ("store", t3 - t2)):
            best[part] = min(best.get(part, s), s)
    quotes = sum(1 for e in index.quote_entries.values() if e.quote is not None)
    print(f"{args.data_dir}: {len(words.article_ids())} articles, {quotes} quote entries")
    print(f"{count} speakers, {len(groups)} spelling groups")
    for part, s in best.items():
        print(f"{part:14} {s:7.2f} s")


if __name__ == "__main__":
    main()
