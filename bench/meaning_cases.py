"""Evaluation cases of meaning (issue 17), made by script from gold quotes, never by hand.

From each gold quote of the loaded articles (direct, or indirect: the reported clause) with
a gold speaker, one change of meaning at a time: a number changed, a negation added or
removed, a word swapped for its opposite; and the reported clause itself, unchanged. Also
the who-said question shapes people type, around gold direct quotes. Each case names the
split of its article's line (dev: line index i % 5 < 3, heldout: the others), so figures
are printed for the lines rules were developed on and for the lines nobody looked at.
"""

from __future__ import annotations

import random
import re
from typing import Any

from bot.verdicts.meaning import quantities
from bot.verdicts.normalise import words
from ingest.lexicon import meaning as lex
from ingest.lexicon.cues import SPEECH_CUES

GOLD_SPEAKERS = {"as_written", "trimmed"}
CHANGED = ("contradicted", "altered")  # a change of meaning may be either, never paraphrase
SAID = ("paraphrase", "verbatim")
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|does|did|has|have|had|must)\b", re.I
)
_NEGATION = re.compile(r"\s+(?:not|never)\b|n't\b", re.I)
_NOT_CONTRACTED = {"won't": "will", "can't": "can", "shan't": "shall"}
_OPPOSITE = {w: sorted(b)[0] for a, b in lex.ANTONYM_GROUPS for w in a} | {
    w: sorted(a)[0] for a, b in lex.ANTONYM_GROUPS for w in b
}
WHO_SHAPES = {  # shape name -> question around the gold words (and speaker)
    "who_said": 'Who said "{quote}"?',
    "who_described": 'Who described it as "{quote}"?',
    "whose_words": "Whose words are these: {quote}",
    "where_from": 'Where does the quote "{quote}" come from?',
    "bare_quote": "“{quote}”",
    "bare_statement": "{quote}",
}
VERIFY_SHAPES = {
    "is_it_true": 'Is it true that {speaker} said "{quote}"?',
    "said_true": '{speaker} said "{quote}", true?',
    "did_ever_say": 'Did {speaker} ever say "{quote}"?',
}


def split_of(line: int) -> str:
    return "dev" if line % 5 < 3 else "heldout"


def speech_cue(q: dict[str, Any]) -> bool:
    """The gold cue is a verb of speech ("said", "told", "according to"), not a belief."""
    cue = " ".join(words((q.get("cue") or {}).get("text", "")).tokens)
    return cue in SPEECH_CUES or any(w in SPEECH_CUES for w in cue.split())


def gold(rows: list[dict[str, Any]], lines: dict[str, int], kind: str) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        for q in r["quotes"]:
            text = q["quote"].strip(" \"“”'‘’,.")
            if q["kind"] != kind or q.get("speaker_resolution") not in GOLD_SPEAKERS:
                continue
            if len(words(text)) < 6 or not q.get("speaker") or "\n" in text:
                continue
            if not speech_cue(q):  # PolNeAR also attributes beliefs, plans and findings
                continue
            out.append(
                {
                    "quote": text,
                    "speaker": q["speaker"],
                    "article_id": r["id"],
                    "split": split_of(lines[r["id"]]),
                    "kind": kind,
                }
            )
    return out


def number_changed(text: str, rng: random.Random) -> str | None:
    qs = [q for q in quantities(text) if q.kind in ("cardinal", "percent", "money", "ordinal")]
    if not qs:
        return None
    q = rng.choice(qs)
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    if digits:
        value = float(digits.group().replace(",", ""))
        new = f"{int(value) + rng.randint(1, 9):,}" if value.is_integer() else f"{value + 1:g}"
        shown = q.text[: digits.start()] + new + q.text[digits.end() :]
    else:
        pool = list(lex.ORDINALS) if q.kind == "ordinal" else list(lex.UNITS)[2:13]
        shown = rng.choice([w for w in pool if w not in q.text.lower()])
    return text[: q.start] + shown + text[q.end :]


def negation_flipped(text: str) -> str | None:
    m = _NEGATION.search(text)
    if m:
        word_start = text.rfind(" ", 0, m.start()) + 1
        word = text[word_start : m.end()].lower()
        if word in _NOT_CONTRACTED:
            return text[:word_start] + _NOT_CONTRACTED[word] + text[m.end() :]
        return text[: m.start()] + text[m.end() :]
    m = _AUXILIARY.search(text)
    if not m:
        return None
    return text[: m.end()] + " not" + text[m.end() :]


def antonym_swapped(text: str) -> str | None:
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group().lower()
        if w in _OPPOSITE and w not in ("up", "down", "more", "before", "after", "open"):
            return text[: m.start()] + _OPPOSITE[w] + text[m.end() :]
    return None


def meaning_items(
    rows: list[dict[str, Any]], lines: dict[str, int], n: int, seed: int
) -> list[dict[str, Any]]:
    """Verify cases: (claim, speaker, task, accepted verdicts, split)."""
    rng = random.Random(seed)
    sources = gold(rows, lines, "direct") + gold(rows, lines, "indirect")
    rng.shuffle(sources)
    items: list[dict[str, Any]] = []
    makers = {
        "number_changed": lambda t: number_changed(t, rng),
        "negation_flipped": negation_flipped,
        "antonym_swapped": antonym_swapped,
    }
    for task, make in makers.items():
        made = 0
        for q in sources:
            claim = make(q["quote"])
            if claim and claim != q["quote"] and made < n:
                items.append({**q, "task": task, "quote": claim, "accept": CHANGED})
                made += 1
    reported = [q for q in sources if q["kind"] == "indirect"][:n]
    items += [{**q, "task": "reported_clause", "accept": SAID} for q in reported]
    return items


def shape_items(
    rows: list[dict[str, Any]], lines: dict[str, int], n: int, seed: int
) -> list[dict[str, Any]]:
    """Question-shape cases around gold direct quotes: who-said (the speaker must be right)
    and verify (the verdict must be verbatim)."""
    rng = random.Random(seed + 1)
    pool = gold(rows, lines, "direct")
    rng.shuffle(pool)
    items = []
    for q in pool[:n]:
        for shape, template in WHO_SHAPES.items():
            question = template.format(quote=q["quote"])
            items.append({**q, "task": f"shape_{shape}", "question": question})
        for shape, template in VERIFY_SHAPES.items():
            question = template.format(quote=q["quote"], speaker=q["speaker"])
            items.append({**q, "task": f"shape_{shape}", "question": question, "verify": True})
    return items
