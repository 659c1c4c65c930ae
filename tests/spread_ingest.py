"""``quotecheck`` with a fake embedder whose vectors are spread apart; for the crash tests.

    python tests/spread_ingest.py ingest --json CORPUS

The crash and concurrency tests find each record in the vector index by searching for its
own vector. HNSW leaves a few points of a cluster of near-identical vectors unreachable by
any search (a store of 3,000 generated articles, never interrupted, had 2 of 4,483 quotes
unreachable with the bag-of-words fake), which such a check cannot tell from a lost record.
Here each text gets a pseudo-random unit vector seeded by its hash instead: same text, same
vector; unrelated texts far apart. 0 of 4,483 were unreachable.
"""

from __future__ import annotations

import hashlib
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main
from ingest.embedder import FakeEmbedder


def spread_vector(self: FakeEmbedder, text: str) -> list[float]:
    rng = random.Random(hashlib.blake2b(text.encode(), digest_size=8).digest())
    vec = [rng.gauss(0.0, 1.0) for _ in range(self.dimension)]
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


if __name__ == "__main__":
    FakeEmbedder._one = spread_vector  # type: ignore[method-assign]
    sys.exit(main(sys.argv[1:]))
