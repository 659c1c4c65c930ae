"""The question commands of ``quotecheck``: ask, verify and compare, one or a JSONL batch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bot.cli.common import EXIT_FAILED, EXIT_OK, open_service, print_json
from ingest.errors import InputError, QuotecheckError
from ingest.jsonl import json_object, read_text


def _read_batch(path: Path, field: str) -> list[tuple[dict[str, Any], str]]:
    """``(request, error)`` for each non-blank line of a JSONL file, in order.

    A line that is not a JSON object, or lacks ``field``, is kept with its error (naming the
    file and line) so that its response line stays in place and the other requests run.
    """
    rows: list[tuple[dict[str, Any], str]] = []
    for n, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json_object(line, str(path), n)
            if not str(row.get(field) or "").strip():
                raise InputError(str(path), f"field {field!r} is missing or empty", n)
        except InputError as exc:
            rows.append(({}, str(exc)))
            continue
        rows.append((row, ""))
    return rows


def _run_batch(args: argparse.Namespace, field: str, one: Callable[[dict[str, Any]], Any]) -> int:
    """One response per request line, in order; a failed request gets an ``error`` line."""
    if not args.out:
        raise QuotecheckError("--batch needs --out OUT.jsonl for the responses")
    rows = _read_batch(args.batch, field)
    failed = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for row, error in rows:
            if not error:
                try:
                    record = one(row).as_dict()
                except QuotecheckError as exc:
                    error = str(exc)
            if error:
                failed += 1
                print(f"error: {error}", file=sys.stderr)
                record = {field: row.get(field), "error": error}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(rows)} requests, {failed} failed; responses in {args.out}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _single(args: argparse.Namespace, value: str | None, what: str) -> str:
    if not value:
        raise QuotecheckError(f"give the {what}, or --batch IN.jsonl --out OUT.jsonl")
    return value


def cmd_ask(args: argparse.Namespace) -> int:
    service = open_service(args)
    if args.batch:
        return _run_batch(args, "question", lambda r: service.ask(str(r["question"])))
    question = _single(args, args.question, "question")
    if args.json:
        print_json(service.ask(question).as_dict())
        return EXIT_OK
    answer = _print_streamed(service.ask_stream(question))
    _print_citations(answer.citations)
    return EXIT_OK


def _print_streamed(items: Iterable[Any]) -> Any:
    """Prints a language model's grounded lines as they come; returns the final record.

    Grounding is line by line, so printed lines stay valid; if the final text differs from
    what was printed (the model failed midway), the final answer is printed in full.
    """
    printed: list[str] = []
    for item in items:
        if isinstance(item, str):
            lines = item.split("\n")
            if lines[: len(printed)] == printed:
                for line in lines[len(printed) :]:
                    print(line, flush=True)
                printed = lines
            continue
        final = item.markdown.split("\n")
        if final[: len(printed)] != printed:
            print("\n---\n" if printed else "", end="")
            printed = []
        for line in final[len(printed) :]:
            print(line)
        return item
    raise QuotecheckError("no answer was produced")


def cmd_verify(args: argparse.Namespace) -> int:
    from bot.service import make_filters

    service = open_service(args)
    filters = make_filters(args.outlet, args.since, args.until)
    if args.batch:
        return _run_batch(
            args,
            "quote",
            lambda r: service.verify(str(r["quote"]), r.get("speaker") or None, filters),
        )
    verdict = service.verify(_single(args, args.quote, "quote"), args.speaker, filters)
    if args.json:
        print_json(verdict.as_dict())
    else:
        print(verdict.markdown)
        _print_citations(verdict.citations)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from bot.service import make_filters

    service = open_service(args)
    filters = make_filters(args.outlet, args.since, args.until)
    if args.batch:
        return _run_batch(args, "topic", lambda r: service.compare(str(r["topic"]), filters))
    topic = _single(args, args.topic, "topic")
    if args.json:
        print_json(service.compare(topic, filters).as_dict())
        return EXIT_OK
    comparison = _print_streamed(service.compare_stream(topic, filters))
    _print_citations(comparison.citations)
    return EXIT_OK


def _print_citations(citations: Sequence[Any]) -> None:
    if citations:
        print("\nCitations:")
    for n, c in enumerate(citations, 1):
        print(
            f"[{n}] {c.outlet or '-'} · {c.published or '-'} · {c.title} · "
            f"{c.article_id} {f'page {c.page} ' if c.page is not None else ''}"
            f"chars {c.start}-{c.end}"
        )
