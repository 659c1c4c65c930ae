"""Run quote extraction over JSONL files and score it against gold (PolNeAR format).

Matching is one-to-one and per kind. A predicted span matches a gold span of the same kind
under *exact* matching when both are equal once enclosing quotation marks, whitespace and
trailing punctuation are stripped, and under *overlap* matching when it covers at least
half of the (stripped) gold span. Gold indirect quotes are split by their cue: speech cues
(said, told, according to, ...) and the rest (beliefs, plans, documents), and so are gold
mixed quotes. Predictions that match a belief/plan quote count neither for nor against the
speech row. Speaker accuracy is measured on overlap-matched quotes whose gold speaker is
``as_written`` or ``trimmed``: the predicted speaker (as written or canonical) is right when
its name words contain the gold's, or the gold's contain its. A second column scores the
canonical speaker alone, and the row ``pronoun`` scores it on the quotes whose gold speaker
is a pronoun's antecedent (``speaker_resolution`` ``corenlp_dcoref``, silver: CoreNLP's
coreference, not an annotator's).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import InputError
from ingest.jsonl import read_json_objects
from ingest.lexicon.cues import SPEECH_CUE_PHRASES, SPEECH_CUES
from ingest.quotes import extract_quotes
from ingest.records import Article

_STRIP_LEAD = " \t\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`"
_STRIP_TRAIL = _STRIP_LEAD + ".,;:!?\u2014-"
_NAME_STOP = frozenset({"the", "a", "an", "mr", "mrs", "ms", "dr", "of", "for", "and", "'s"})
GOLD_SPEAKER_OK = frozenset({"as_written", "trimmed"})
GOLD_PRONOUN = "corenlp_dcoref"
SPEAKER_ROWS = ("direct", "all", "pronoun")
ROWS = (
    "direct",
    "mixed",
    "mixed-speech",
    "mixed-other",
    "indirect",
    "indirect-speech",
    "indirect-other",
    "all",
)


def _read_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for n, rec in read_json_objects(path):
        for key in ("id", "text"):
            if not isinstance(rec.get(key), str):
                raise InputError(str(path), f"field '{key}' is missing or not a string", n)
        yield n, rec


def predict_record(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The quotes of one ``{"id", "text"}`` record in the output format of ``extract``."""
    article = Article(id=rec["id"], title=str(rec.get("title", "")), text=rec["text"])
    return [
        {
            "quote": q.text,
            "start": q.start,
            "end": q.end,
            "speaker": q.speaker,
            "canonical_speaker": q.canonical_speaker,
            "cue": q.cue,
            "kind": q.kind,
        }
        for q in extract_quotes(article)
    ]


def extract_file(in_path: str | Path, out_path: str | Path) -> int:
    """Extract the quotes of every record of ``in_path`` into ``out_path``; returns records."""
    count = 0
    with Path(out_path).open("w", encoding="utf-8") as out:
        for _, rec in _read_jsonl(in_path):
            line = {"id": rec["id"], "quotes": predict_record(rec)}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without enclosing marks and trailing punctuation, as spans are compared."""
    while start < end and text[start] in _STRIP_LEAD:
        start += 1
    while end > start and text[end - 1] in _STRIP_TRAIL:
        end -= 1
    return start, end


def is_speech_cue(cue: str) -> bool:
    low = cue.lower().strip(" ,:")
    if any(p in low for p in SPEECH_CUE_PHRASES):
        return True
    return any(w in SPEECH_CUES for w in low.replace(",", " ").split())


def _name_words(name: str) -> frozenset[str]:
    out = set()
    for w in name.lower().replace("\u2019", "'").split():
        w = w.strip(".,;:\"'")
        if w.endswith("'s"):
            w = w[:-2]
        if w and w not in _NAME_STOP:
            out.add(w)
    return frozenset(out)


def speaker_matches(gold: str, predicted: Iterable[str]) -> bool:
    g = _name_words(gold)
    if not g:
        return False
    for p in predicted:
        pw = _name_words(p)
        if pw and (pw <= g or g <= pw):
            return True
    return False


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    """Scores of one evaluation: ``rows[mode][kind]`` with mode ``exact`` or ``overlap``."""

    articles: int = 0
    rows: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {m: {k: Counts() for k in ROWS} for m in ("exact", "overlap")}
    )
    speaker: dict[str, list[int]] = field(default_factory=lambda: {"direct": [0, 0], "all": [0, 0]})
    # the canonical speaker alone: [right, total] per row of SPEAKER_ROWS
    canonical: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0] for k in SPEAKER_ROWS}
    )

    def speaker_accuracy(self, kind: str) -> float:
        right, total = self.speaker[kind]
        return right / total if total else 0.0

    def canonical_accuracy(self, kind: str) -> float:
        right, total = self.canonical[kind]
        return right / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            **{m: {k: c.as_dict() for k, c in rows.items()} for m, rows in self.rows.items()},
            "speaker_accuracy": {
                k: {"accuracy": round(self.speaker_accuracy(k), 4), "n": v[1]}
                for k, v in self.speaker.items()
            },
            "canonical_speaker_accuracy": {
                k: {"accuracy": round(self.canonical_accuracy(k), 4), "n": v[1]}
                for k, v in self.canonical.items()
            },
        }

    def format(self) -> str:
        lines = [f"{self.articles} articles", f"{'kind':<16}{'mode':<9}{'P':>7}{'R':>7}{'F1':>7}"]
        for kind in ROWS:
            for mode in ("overlap", "exact"):
                c = self.rows[mode][kind]
                other = kind.endswith("-other")  # its predictions count under -speech
                p = "   n/a" if other else f"{c.precision:7.3f}"
                f1 = "   n/a" if other else f"{c.f1:7.3f}"
                lines.append(f"{kind:<16}{mode:<9}{p:>7}{c.recall:7.3f}{f1:>7}")
        lines.append(f"{'speaker accuracy':<24}{'as written or canonical':>26}{'canonical':>20}")
        for kind in SPEAKER_ROWS:
            either = "n/a"
            if kind in self.speaker:
                right, total = self.speaker[kind]
                either = f"{self.speaker_accuracy(kind):.3f} ({right}/{total})"
            right, total = self.canonical[kind]
            canon = f"{self.canonical_accuracy(kind):.3f} ({right}/{total})"
            lines.append(f"{kind:<24}{either:>26}{canon:>20}")
        return "\n".join(lines)


def _match(
    text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]], exact: bool
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: pairs (gold index, pred index)."""
    pn = [trimmed_span(text, p["start"], p["end"]) for p in pred]
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        gs, ge = trimmed_span(text, g["start"], g["end"])
        if ge <= gs:
            continue
        best, best_ov = -1, 0
        for pi, (ps, pe) in enumerate(pn):
            if pi in used:
                continue
            if exact:
                if (ps, pe) == (gs, ge):
                    best = pi
                    break
                continue
            ov = min(ge, pe) - max(gs, ps)
            if ov * 2 >= ge - gs and ov > best_ov:
                best, best_ov = pi, ov
        if best >= 0:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def score_article(
    report: Report, text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> None:
    report.articles += 1
    for mode in ("exact", "overlap"):
        rows = report.rows[mode]
        for kind in ("direct", "mixed", "indirect", "all"):
            g = [q for q in gold if kind == "all" or q["kind"] == kind]
            p = [q for q in pred if kind == "all" or q["kind"] == kind]
            pairs = _match(text, g, p, mode == "exact")
            rows[kind].tp += len(pairs)
            rows[kind].fp += len(p) - len(pairs)
            rows[kind].fn += len(g) - len(pairs)
            if kind in ("indirect", "mixed"):
                matched = {gi for gi, _ in pairs}
                for gi, gq in enumerate(g):
                    speech = is_speech_cue((gq.get("cue") or {}).get("text", ""))  # None: no cue
                    row = rows[f"{kind}-speech" if speech else f"{kind}-other"]
                    if gi in matched:
                        row.tp += 1
                    else:
                        row.fn += 1
                rows[f"{kind}-speech"].fp += len(p) - len(pairs)
            if mode == "overlap" and kind in ("direct", "all"):
                _score_speakers(report, kind, [(g[gi], p[pi]) for gi, pi in pairs])


def _score_speakers(report: Report, kind: str, pairs: list[tuple[dict, dict]]) -> None:
    """Speaker tallies of one article's matched (gold, predicted) quotes of one kind."""
    for gold, pred in pairs:
        resolution = gold.get("speaker_resolution")
        canon = speaker_matches(gold["speaker"], (pred.get("canonical_speaker", ""),))
        if resolution in GOLD_SPEAKER_OK:
            names = (pred.get("speaker", ""), pred.get("canonical_speaker", ""))
            report.speaker[kind][0] += speaker_matches(gold["speaker"], names)
            report.speaker[kind][1] += 1
            report.canonical[kind][0] += canon
            report.canonical[kind][1] += 1
        elif resolution == GOLD_PRONOUN and kind == "all":
            report.canonical["pronoun"][0] += canon
            report.canonical["pronoun"][1] += 1


def evaluate(gold_path: str | Path, pred_path: str | Path | None = None) -> Report:
    """Score predictions (``pred_path``, or ``extract_quotes`` run now) against gold."""
    preds: dict[str, list[dict[str, Any]]] = {}
    if pred_path is not None:
        for n, rec in _read_jsonl_pred(pred_path):
            if not isinstance(rec.get("quotes"), list):
                raise InputError(str(pred_path), "field 'quotes' is missing or not a list", n)
            preds[rec["id"]] = rec["quotes"]
    report = Report()
    for n, rec in _read_jsonl(gold_path):
        gold = rec.get("quotes")
        if not isinstance(gold, list):
            raise InputError(str(gold_path), "field 'quotes' is missing or not a list", n)
        pred = preds.get(rec["id"], []) if pred_path is not None else predict_record(rec)
        score_article(report, rec["text"], gold, pred)
    return report


def _read_jsonl_pred(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for n, rec in read_json_objects(path):
        if not isinstance(rec.get("id"), str):
            raise InputError(str(path), "expected an object with a string 'id'", n)
        yield n, rec
