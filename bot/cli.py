"""The ``quotecheck`` command line: a thin edge over :class:`bot.service.Quotecheck`.

Errors raised on purpose become one line on stderr and a non-zero exit code; ``--verbose``
shows the traceback. Every command takes ``--json`` for machine-readable output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ingest.config import load_settings
from ingest.errors import InputError, QuotecheckError
from ingest.jsonl import read_json_objects

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _service(args: argparse.Namespace) -> Any:
    from bot.service import Quotecheck

    settings = load_settings(
        data_dir=args.data_dir, embed_model=args.embed_model, llm=getattr(args, "llm", None)
    )
    return Quotecheck(settings)


def _progress_bar() -> Callable[[int, int, str], None] | None:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int, source: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", file=sys.stderr)
        bar["bar"].set_postfix_str(Path(source).name[:30])
        bar["bar"].update(done - bar["bar"].n)
        if done >= total:
            bar["bar"].close()

    return update


def cmd_ingest(args: argparse.Namespace) -> int:
    summary = _service(args).ingest(args.paths, progress=None if args.json else _progress_bar())
    if args.json:
        _print_json(summary.as_dict())
    else:
        for r in summary.results:
            if r.error:
                print(f"error: {r.error}", file=sys.stderr)
        d = summary.as_dict()
        print(
            f"{d['new']} new, {d['updated']} updated, {d['unchanged']} unchanged, "
            f"{d['failed']} failed; {d['passages']} passages, {d['quotes']} quotes "
            f"in {d['seconds']:.1f} s"
        )
    if summary.fatal:
        print(f"error: {summary.fatal}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    articles = _service(args).list_articles()
    if args.json:
        _print_json([a.as_dict() for a in articles])
        return EXIT_OK
    for a in articles:
        print(f"{a.id}\t{a.outlet or '-'}\t{a.published or '-'}\t{a.title}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    article = _service(args).get_article(args.id)
    if article is None:
        raise QuotecheckError(f"no article with id {args.id!r}; `quotecheck list` shows the ids")
    if args.json:
        _print_json(dict(article.__dict__))
        return EXIT_OK
    print(f"{article.title}\n{article.outlet} · {article.published or 'date unknown'}")
    if article.author:
        print(f"By {article.author}")
    if article.url:
        print(article.url)
    print(f"\n{article.text}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    removed = _service(args).remove(args.ids)
    if args.json:
        _print_json(removed)
    for article_id, ok in removed.items():
        if not ok:
            print(f"error: no article with id {article_id!r}", file=sys.stderr)
        elif not args.json:
            print(f"removed {article_id}")
    return EXIT_OK if all(removed.values()) else EXIT_FAILED


def cmd_stats(args: argparse.Namespace) -> int:
    stats = _service(args).stats()
    if args.json:
        _print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from bot.service import make_filters

    service = _service(args)
    filters = make_filters(args.outlet, args.since, args.until)
    hits = service.search(args.text, k=args.k, filters=filters)
    rows = [
        {
            "score": round(h.score, 4),
            "article_id": h.article.id,
            "outlet": h.article.outlet,
            "published": h.article.published,
            "title": h.article.title,
            "url": h.article.url,
            "start": h.passage.start,
            "end": h.passage.end,
            "text": h.passage.text,
        }
        for h in hits
    ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("no passages found")
    for n, r in enumerate(rows, 1):
        print(
            f"[{n}] {r['score']:.3f} {r['outlet'] or '-'} · {r['published'] or '-'} · {r['title']}"
        )
        print(f"    {r['article_id']} chars {r['start']}-{r['end']}")
        print(f"    {r['text']}\n")
    return EXIT_OK


# ------------------------------------------------------------- answers (issue 4)
def _read_batch(path: Path, field: str) -> list[dict[str, Any]]:
    """Requests from a JSONL file, one object per line, each with ``field``."""
    rows = []
    for n, row in read_json_objects(path):
        if not str(row.get(field) or "").strip():
            raise InputError(str(path), f"field {field!r} is missing or empty", n)
        rows.append(row)
    return rows


def _run_batch(args: argparse.Namespace, field: str, one: Callable[[dict[str, Any]], Any]) -> int:
    """One response per request line, in order; a failed request gets an ``error`` line."""
    if not args.out:
        raise QuotecheckError("--batch needs --out OUT.jsonl for the responses")
    rows = _read_batch(args.batch, field)
    failed = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for row in rows:
            try:
                record = one(row).as_dict()
            except QuotecheckError as exc:
                failed += 1
                record = {field: row.get(field), "error": str(exc)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(rows)} requests, {failed} failed; responses in {args.out}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _single(args: argparse.Namespace, value: str | None, what: str) -> str:
    if not value:
        raise QuotecheckError(f"give the {what}, or --batch IN.jsonl --out OUT.jsonl")
    return value


def cmd_ask(args: argparse.Namespace) -> int:
    service = _service(args)
    if args.batch:
        return _run_batch(args, "question", lambda r: service.ask(str(r["question"])))
    question = _single(args, args.question, "question")
    if args.json:
        _print_json(service.ask(question).as_dict())
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

    service = _service(args)
    filters = make_filters(args.outlet, args.since, args.until)
    if args.batch:
        return _run_batch(
            args,
            "quote",
            lambda r: service.verify(str(r["quote"]), r.get("speaker") or None, filters),
        )
    verdict = service.verify(_single(args, args.quote, "quote"), args.speaker, filters)
    if args.json:
        _print_json(verdict.as_dict())
    else:
        print(verdict.markdown)
        _print_citations(verdict.citations)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from bot.service import make_filters

    service = _service(args)
    filters = make_filters(args.outlet, args.since, args.until)
    if args.batch:
        return _run_batch(args, "topic", lambda r: service.compare(str(r["topic"]), filters))
    topic = _single(args, args.topic, "topic")
    if args.json:
        _print_json(service.compare(topic, filters).as_dict())
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
            f"{c.article_id} chars {c.start}-{c.end}"
        )


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web chat (``app.py``); the web edge is imported only for this command."""
    import app

    app.main(
        load_settings(
            data_dir=args.data_dir,
            embed_model=args.embed_model,
            host=args.host,
            port=args.port,
            llm=args.llm,
        )
    )
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    from ingest.quote_eval import extract_file

    count = extract_file(args.input, args.out)
    if args.json:
        _print_json({"records": count, "out": str(args.out)})
    else:
        print(f"extracted quotes from {count} records into {args.out}")
    return EXIT_OK


def cmd_eval_quotes(args: argparse.Namespace) -> int:
    from ingest.quote_eval import evaluate

    report = evaluate(args.gold, args.pred)
    if args.json:
        _print_json(report.as_dict())
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
    service = _service(args)
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
        _print_json(rows)
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
    speakers = _service(args).speakers()
    if args.json:
        _print_json([dict(s.__dict__) for s in speakers])
        return EXIT_OK
    for s in speakers:
        aliases = ", ".join(a for a in s.aliases if a != s.name)
        extra = f" (also: {aliases})" if aliases else ""
        print(f"{s.name}{extra}\t{s.quote_count} quotes\t{', '.join(s.outlets)}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotecheck", description="Check who said what in a collection of news articles."
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="store folder (env QUOTECHECK_DATA_DIR)"
    )
    parser.add_argument(
        "--embed-model", default=None, help="package or folder (env QUOTECHECK_EMBED_MODEL)"
    )
    parser.add_argument("--verbose", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(handler=handler)
        return p

    p = command("ingest", cmd_ingest, "load article files or folders into the store")
    p.add_argument("paths", nargs="+", help="files or folders (walked recursively)")
    command("list", cmd_list, "list stored articles")
    p = command("show", cmd_show, "show one article")
    p.add_argument("id")
    p = command("remove", cmd_remove, "remove articles and everything derived from them")
    p.add_argument("ids", nargs="+")
    command("stats", cmd_stats, "counts of articles, passages and quotes")
    p = command("search", cmd_search, "passages ranked by similarity of meaning")
    p.add_argument("text")
    p.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--since", help="only articles published on or after this date")
    p.add_argument("--until", help="only articles published on or before this date")
    for name, handler, arg, help_text in (
        ("ask", cmd_ask, "question", "answer a question from the loaded articles, with citations"),
        ("verify", cmd_verify, "quote", "check a quotation: verbatim, altered, paraphrase, ..."),
        ("compare", cmd_compare, "topic", "compare the outlets' accounts of an event"),
    ):
        p = command(name, handler, help_text)
        p.add_argument(arg, nargs="?", help=f"the {arg} (or use --batch)")
        p.add_argument("--batch", type=Path, help="JSONL requests, one per line")
        p.add_argument("--out", type=Path, help="JSONL responses for --batch, one per line")
        if name == "verify":
            p.add_argument("--speaker", help="who is said to have said it")
        if name != "verify":
            _llm_flag(p)
        if name != "ask":
            p.add_argument("--outlet", help="only this outlet")
            p.add_argument("--since", help="only articles published on or after this date")
            p.add_argument("--until", help="only articles published on or before this date")
    p = command("extract", cmd_extract, "extract quotes from JSONL records (no store, no model)")
    p.add_argument("input", type=Path, help="JSONL with id and text per line")
    p.add_argument("--out", type=Path, required=True, help="JSONL of quotes per record")
    p = command("eval-quotes", cmd_eval_quotes, "score quote extraction against gold quotes")
    p.add_argument("gold", type=Path, help="gold JSONL in the PolNeAR format")
    p.add_argument("--pred", type=Path, help="predictions from `extract` (default: run it)")
    p = command("quotes", cmd_quotes, "list stored quotes")
    p.add_argument("--speaker", help="any spelling of a speaker's name")
    p.add_argument("--outlet", help="only this outlet")
    command("speakers", cmd_speakers, "the speaker index: names, aliases, quote counts")
    p = command("serve", cmd_serve, "start the web chat (loads the samples into an empty store)")
    p.add_argument("--host", default=None, help="address to listen on (env QUOTECHECK_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (env QUOTECHECK_PORT)")
    _llm_flag(p)
    return parser


def _llm_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--llm",
        default=None,
        metavar="SPEC",
        help="language model that writes fluent, still grounded answers: ollama:MODEL, "
        "openai:MODEL or llamacpp:/path/model.gguf (env QUOTECHECK_LLM; '' for none)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except QuotecheckError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
