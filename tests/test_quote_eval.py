"""The quote scorer on tiny hand-made gold/pred files, and the extract file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.quote_eval import evaluate, extract_file, is_speech_cue, speaker_matches
from ingest.errors import InputError

TEXT = (
    '"The dam is safe," Mayor Ana Ruiz said. Officials believe the river will fall. '
    "Ruiz said the town would reopen schools on Monday."
)


def _span(sub: str) -> tuple[int, int]:
    start = TEXT.index(sub)
    return start, start + len(sub)


def _gold(sub: str, kind: str, speaker: str, cue: str, res: str = "as_written") -> dict:
    s, e = _span(sub)
    return {
        "quote": sub,
        "start": s,
        "end": e,
        "kind": kind,
        "speaker": speaker,
        "speaker_resolution": res,
        "cue": {"text": cue},
    }


def _pred(sub: str, kind: str, speaker: str, canonical: str = "") -> dict:
    s, e = _span(sub)
    return {
        "quote": sub,
        "start": s,
        "end": e,
        "kind": kind,
        "speaker": speaker,
        "canonical_speaker": canonical or speaker,
        "cue": "said",
    }


GOLD = [
    _gold('"The dam is safe,"', "direct", "Mayor Ana Ruiz", "said"),
    _gold("the river will fall", "indirect", "Officials", "believe"),
    _gold("the town would reopen schools on Monday", "indirect", "Ruiz", "said"),
]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_path(tmp_path: Path) -> Path:
    return _write(tmp_path / "gold.jsonl", [{"id": "a1", "text": TEXT, "quotes": GOLD}])


def test_perfect_predictions_score_one(tmp_path: Path, gold_path: Path) -> None:
    preds = [
        _pred("The dam is safe", "direct", "Mayor Ana Ruiz"),  # marks and comma ignored
        _pred("the river will fall", "indirect", "Officials"),
        _pred("the town would reopen schools on Monday", "indirect", "Ruiz"),
    ]
    pred_path = _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": preds}])
    report = evaluate(gold_path, pred_path).as_dict()
    assert report["exact"]["direct"]["f1"] == 1.0
    assert report["exact"]["indirect"]["f1"] == 1.0
    assert report["speaker_accuracy"]["all"] == {"accuracy": 1.0, "n": 3}


def test_overlap_needs_half_of_the_gold_span(tmp_path: Path, gold_path: Path) -> None:
    preds = [
        _pred("the town would reopen", "indirect", "Ruiz"),  # 21 of 39 chars: a match
        _pred("The dam", "direct", "Ana Ruiz"),  # 7 of 15 chars: not a match
    ]
    pred_path = _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": preds}])
    report = evaluate(gold_path, pred_path)
    ov, ex = report.rows["overlap"], report.rows["exact"]
    assert (ov["indirect"].tp, ov["indirect"].fn) == (1, 1)
    assert (ov["direct"].tp, ov["direct"].fp, ov["direct"].fn) == (0, 1, 1)
    assert ex["indirect"].tp == 0
    # the speech row counts the "said" quote; the belief quote is scored apart
    assert (ov["indirect-speech"].tp, ov["indirect-speech"].fn) == (1, 0)
    assert (ov["indirect-other"].tp, ov["indirect-other"].fn) == (0, 1)
    assert "indirect-speech" in report.format()


def test_kinds_must_agree_and_matching_is_one_to_one(tmp_path: Path, gold_path: Path) -> None:
    preds = [
        _pred("The dam is safe", "mixed", "Ruiz"),
        _pred("the town would reopen schools on Monday", "indirect", "Ruiz"),
        _pred("the town would reopen schools on Monday", "indirect", "Ruiz"),
    ]
    pred_path = _write(tmp_path / "pred.jsonl", [{"id": "a1", "quotes": preds}])
    rows = evaluate(gold_path, pred_path).rows["overlap"]
    assert (rows["direct"].tp, rows["mixed"].fp) == (0, 1)
    assert (rows["indirect"].tp, rows["indirect"].fp) == (1, 1)
    assert rows["indirect"].precision == 0.5


def test_speaker_accuracy_only_counts_gold_names(tmp_path: Path) -> None:
    gold = [
        _gold('"The dam is safe,"', "direct", "Mayor Ana Ruiz", "said"),
        _gold(
            "the town would reopen schools on Monday",
            "indirect",
            "she",
            "said",
            res="unresolved_pronoun",
        ),
    ]
    gold_path = _write(tmp_path / "g.jsonl", [{"id": "a1", "text": TEXT, "quotes": gold}])
    preds = [
        _pred("The dam is safe", "direct", "the mayor", canonical="Ruiz"),
        _pred("the town would reopen schools on Monday", "indirect", "Officials"),
    ]
    pred_path = _write(tmp_path / "p.jsonl", [{"id": "a1", "quotes": preds}])
    acc = evaluate(gold_path, pred_path).as_dict()["speaker_accuracy"]
    assert acc["direct"] == {"accuracy": 1.0, "n": 1}  # canonical "Ruiz" names the mayor
    assert acc["all"]["n"] == 1  # the unresolved pronoun is not scored


def test_canonical_speaker_scored_alone_and_on_resolved_pronouns(tmp_path: Path) -> None:
    gold = [
        _gold('"The dam is safe,"', "direct", "Mayor Ana Ruiz", "said"),
        _gold("the river will fall", "indirect", "Ana Ruiz", "believe", res="corenlp_dcoref"),
        _gold(
            "the town would reopen schools on Monday",
            "indirect",
            "Ana Ruiz",
            "said",
            res="corenlp_dcoref",
        ),
    ]
    gold_path = _write(tmp_path / "g.jsonl", [{"id": "a1", "text": TEXT, "quotes": gold}])
    preds = [
        _pred("The dam is safe", "direct", "Ruiz", canonical="Ines Vale"),
        _pred("the river will fall", "indirect", "she", canonical="Ana Ruiz"),
        _pred("the town would reopen schools on Monday", "indirect", "she"),
    ]
    pred_path = _write(tmp_path / "p.jsonl", [{"id": "a1", "quotes": preds}])
    report = evaluate(gold_path, pred_path).as_dict()
    assert report["speaker_accuracy"]["direct"] == {"accuracy": 1.0, "n": 1}  # as written
    canonical = report["canonical_speaker_accuracy"]
    assert canonical["direct"] == {"accuracy": 0.0, "n": 1}  # the canonical name is wrong
    assert canonical["pronoun"] == {"accuracy": 0.5, "n": 2}  # one "she" left unresolved


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("Antonia Greaves", "Greaves", True),
        ("Greaves", "Antonia Greaves", True),
        ("the city's mayor", "mayor", True),
        ("Antonia Greaves", "Marcus Greaves", False),
        ("Antonia Greaves", "", False),
    ],
)
def test_speaker_matches(gold: str, pred: str, ok: bool) -> None:
    assert speaker_matches(gold, [pred]) is ok


def test_speech_cues() -> None:
    assert is_speech_cue("said") and is_speech_cue("according to") and is_speech_cue("told")
    assert not is_speech_cue("believes") and not is_speech_cue("plans")


def test_missing_predictions_count_as_misses(tmp_path: Path, gold_path: Path) -> None:
    pred_path = _write(tmp_path / "pred.jsonl", [])
    assert evaluate(gold_path, pred_path).rows["overlap"]["all"].fn == 3


def test_evaluate_runs_the_extractor_when_no_predictions(gold_path: Path) -> None:
    report = evaluate(gold_path)
    assert report.articles == 1
    assert report.rows["exact"]["direct"].tp == 1


def test_extract_file_writes_one_line_per_record(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [{"id": "a1", "text": TEXT}, {"id": "a2", "text": "x"}])
    out = tmp_path / "out.jsonl"
    assert extract_file(src, out) == 2
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["a1", "a2"]
    first = lines[0]["quotes"][0]
    assert set(first) == {"quote", "start", "end", "speaker", "canonical_speaker", "cue", "kind"}
    assert TEXT[first["start"] : first["end"]] == first["quote"] == "The dam is safe"
    assert first["canonical_speaker"] == "Ana Ruiz"
    assert lines[1]["quotes"] == []


def test_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a1", "text": "ok"}\n{"id": "a2"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"in\.jsonl line 2: field 'text'"):
        extract_file(src, tmp_path / "out.jsonl")
    src.write_text("not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1: not valid JSON"):
        evaluate(src)


def test_mixed_quotes_are_split_by_their_cue_like_indirect_ones(tmp_path: Path) -> None:
    text = (
        'Ruiz said the plan was "a fair deal" for the town. '
        'Critics have long campaigned against its "reckless" spending.'
    )

    def span(sub: str, kind: str, cue: str) -> dict:
        start = text.index(sub)
        return {
            "quote": sub,
            "start": start,
            "end": start + len(sub),
            "kind": kind,
            "speaker": "Ruiz",
            "speaker_resolution": "as_written",
            "canonical_speaker": "Ruiz",
            "cue": {"text": cue} if cue else "said",
        }

    said = 'the plan was "a fair deal" for the town'
    campaigned = 'its "reckless" spending'
    gold = [span(said, "mixed", "said"), span(campaigned, "mixed", "campaigned against")]
    gold_path = _write(tmp_path / "gold.jsonl", [{"id": "m1", "text": text, "quotes": gold}])
    wrong = "the plan was"  # under half of the gold span: a false positive
    for preds, speech, other in (
        ([span(said, "mixed", "")], (1, 0, 0), (0, 1)),
        ([span(campaigned, "mixed", "")], (0, 0, 1), (1, 0)),
        ([span(wrong, "mixed", "")], (0, 1, 1), (0, 1)),
    ):
        pred_path = _write(tmp_path / "pred.jsonl", [{"id": "m1", "quotes": preds}])
        ov = evaluate(gold_path, pred_path).rows["overlap"]
        assert (ov["mixed-speech"].tp, ov["mixed-speech"].fp, ov["mixed-speech"].fn) == speech
        assert (ov["mixed-other"].tp, ov["mixed-other"].fn) == other
        assert ov["mixed"].tp == speech[0] + other[0]


def test_kinds_from_marks_makes_only_wholly_quoted_mixed_spans_direct() -> None:
    from bench.extraction import kinds_from_marks

    text = 'Ida Roe said the dam "will hold." "We checked it twice," she said.'
    inside = "We checked it twice,"
    across = 'the dam "will hold."'

    def span(sub: str) -> dict:
        start = text.index(sub)
        return {"quote": sub, "start": start, "end": start + len(sub), "kind": "mixed"}

    record = {"id": "k1", "text": text, "quotes": [span(across), span(inside)]}
    kinds = [q["kind"] for q in kinds_from_marks(record)["quotes"]]
    assert kinds == ["mixed", "direct"]
    assert [q["kind"] for q in record["quotes"]] == ["mixed", "mixed"]  # the input is kept
