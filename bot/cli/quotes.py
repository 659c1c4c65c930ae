"""The quote commands of ``quotecheck``: extract, eval-quotes, quotes and speakers."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.common import EXIT_OK, open_service, print_json
from ingest.errors import QuotecheckError


def cmd_extract(args: argparse.Namespace) -> int:
    from bot.cli.quote_eval import extract_file

    count = extract_file(args.input, args.out)
    if args.json:
        print_json({"records": count, "out": str(args.out)})
    else:
        print(f"extracted quotes from {count} records into {args.out}")
    return EXIT_OK


def cmd_eval_quotes(args: argparse.Namespace) -> int:
    from bot.cli.quote_eval import evaluate

    report = evaluate(args.gold, args.pred)
    if args.json:
        print_json(report.as_dict())
    else:
        print(report.format())
    return EXIT_OK


def _quote_row(sq: Any, link: Any = None) -> dict[str, Any]:
    q = sq.quote
    linked = {"linked_speaker": link.name, "link": link.how} if link else {}
    return {
        "quote": q.text,
        "kind": q.kind,
        "speaker": q.speaker,
        "canonical_speaker": q.canonical_speaker,
        "cue": q.cue,
        "article_id": q.article_id,
        "start": q.start,
        "end": q.end,
        "outlet": sq.article.outlet,
        "published": sq.article.published,
        "title": sq.article.title,
        **linked,
    }


def cmd_quotes(args: argparse.Namespace) -> int:
    service = open_service(args)
    if args.speaker:
        speaker, quotes, links = service.speaker_quotes(args.speaker)
        if speaker is None:
            raise QuotecheckError(
                f"no speaker called {args.speaker!r}; `quotecheck speakers` lists them"
            )
    else:
        quotes, links = service.store.all_quotes(), {}
    if args.outlet:
        quotes = [sq for sq in quotes if sq.article.outlet.casefold() == args.outlet.casefold()]
    rows = [_quote_row(sq, links.get(sq.quote.id)) for sq in quotes]
    if args.json:
        print_json(rows)
        return EXIT_OK
    for r in rows:
        who = r["canonical_speaker"] or r["speaker"] or "-"
        if "linked_speaker" in r:
            who = f"{r['linked_speaker']} (as {who!r}; {r['link']})"
        mark = '"' if r["kind"] == "direct" else "~"
        print(f"{who}: {mark}{r['quote']}{mark}")
        print(
            f"    {r['outlet'] or '-'} · {r['published'] or '-'} · {r['article_id']} "
            f"chars {r['start']}-{r['end']} ({r['kind']})"
        )
    return EXIT_OK


def cmd_speakers(args: argparse.Namespace) -> int:
    speakers = open_service(args).speakers()
    if args.json:
        print_json([dict(s.__dict__) for s in speakers])
        return EXIT_OK
    for s in speakers:
        aliases = ", ".join(a for a in s.aliases if a != s.name)
        extra = f" (also: {aliases})" if aliases else ""
        print(f"{s.name}{extra}\t{s.quote_count} quotes\t{', '.join(s.outlets)}")
    return EXIT_OK
