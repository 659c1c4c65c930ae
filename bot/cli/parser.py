"""The ``quotecheck`` command line: a thin edge over :class:`bot.service.Quotecheck`.

Every error becomes one line on stderr and a non-zero exit code: the message of an error
raised on purpose, or what failed and why for any other exception, with a hint to rerun with
``--verbose``, which shows the traceback. ``--data-dir``, ``--embed-model`` and ``--verbose``
go before or after the command. Every command takes ``--json`` for machine-readable output.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from bot.cli.answers import cmd_ask, cmd_compare, cmd_verify
from bot.cli.common import (
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_OK,
    Handler,
    open_service,
    print_json,
    progress_for,
)
from bot.cli.feeds import FEED_ACTIONS, cmd_feed
from bot.cli.quotes import cmd_eval_quotes, cmd_extract, cmd_quotes, cmd_speakers
from ingest.config import load_settings
from ingest.errors import QuotecheckError

__all__ = ["EXIT_ERROR", "EXIT_FAILED", "EXIT_OK", "build_parser", "main"]


def cmd_ingest(args: argparse.Namespace) -> int:
    summary = open_service(args).ingest(
        args.paths,
        progress=progress_for(args, "file", "files read"),
        embedding=progress_for(args, "text", "texts embedded"),
    )
    if args.json:
        print_json(summary.as_dict())
    else:
        for r in summary.results:
            if r.error:
                print(f"error: {r.error}", file=sys.stderr)
            elif r.note:
                print(f"note: {r.source}: {r.note}", file=sys.stderr)
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
    articles = open_service(args).list_articles()
    if args.json:
        print_json([a.as_dict() for a in articles])
        return EXIT_OK
    for a in articles:
        print(f"{a.id}\t{a.outlet or '-'}\t{a.published or '-'}\t{a.title}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    article = open_service(args).get_article(args.id)
    if article is None:
        raise QuotecheckError(f"no article with id {args.id!r}; `quotecheck list` shows the ids")
    if args.json:
        print_json(dict(article.__dict__))
        return EXIT_OK
    print(f"{article.title}\n{article.outlet} · {article.published or 'date unknown'}")
    if article.author:
        print(f"By {article.author}")
    if article.url:
        print(article.url)
    print(f"\n{article.text}")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from ingest.edits import MetadataEdit

    edit = MetadataEdit(args.outlet, args.published, args.title, args.author, args.url)
    article, result = open_service(args).edit(args.id, edit)
    if args.json:
        fields = ("id", "title", "outlet", "author", "published", "url")
        print_json({"status": result.status, **{f: getattr(article, f) for f in fields}})
        return EXIT_OK
    print(
        f"{result.status} {article.id}: {article.outlet or 'unknown outlet'} · "
        f"{article.published or 'date unknown'} · {article.title}"
        + (f" · by {article.author}" if article.author else "")
        + (f" · {article.url}" if article.url else "")
    )
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    if not args.ids and not args.samples:
        raise QuotecheckError(
            "name the articles to remove (ids from `quotecheck list`) or --samples"
        )
    service = open_service(args)
    removed = service.remove(args.ids) if args.ids else {}
    if args.samples:
        gone = service.remove_samples()
        removed.update(dict.fromkeys(gone, True))
        if not gone and not args.json:
            print("no sample articles in the store")
    if args.json:
        print_json(removed)
    for article_id, ok in removed.items():
        if not ok:
            print(f"error: no article with id {article_id!r}", file=sys.stderr)
        elif not args.json:
            print(f"removed {article_id}")
    return EXIT_OK if all(removed.values()) else EXIT_FAILED


def cmd_check(args: argparse.Namespace) -> int:
    report = open_service(args).check(repair=args.repair)
    if args.json:
        print_json(report)
        return EXIT_OK if report["ok"] else EXIT_FAILED
    if args.repair:
        print(f"repaired: {report['repaired']} records or articles")
    print(f"articles: {report['articles']}")
    problems = {
        "debris": "passage or quote records of no committed article version",
        "incomplete": "articles missing some passage or quote records: ingest their files again",
        "unindexed": "articles missing from the word index, or at another version",
        "orphaned": "word index entries of articles no longer stored",
    }
    for key, meaning in problems.items():
        found = report[key]
        n = found if isinstance(found, int) else len(found)
        if n:
            ids = "" if isinstance(found, int) else ": " + ", ".join(found[:10])
            more = " …" if not isinstance(found, int) and len(found) > 10 else ""
            print(f"{key}: {n} {meaning}{ids}{more}")
    if report["ok"]:
        print("ok: the articles, their records and the word index agree")
    elif not args.repair:
        print("run `quotecheck check --repair` to mend what can be mended")
    return EXIT_OK if report["ok"] else EXIT_FAILED


def cmd_stats(args: argparse.Namespace) -> int:
    stats = open_service(args).stats()
    if args.json:
        print_json(stats)
    else:
        for key, value in stats.items():
            print(f"{key}: {value}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from bot.service import make_filters

    service = open_service(args)
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
        print_json(rows)
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
def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web chat (as ``python app.py``); Gradio is imported only for this command."""
    from bot.web.serve import main as serve

    serve(
        load_settings(
            data_dir=args.data_dir,
            embed_model=args.embed_model,
            host=args.host,
            port=args.port,
            llm=args.llm,
        ),
        samples="always" if args.samples else "never",
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="quotecheck",
        description="Check who said what in a collection of news articles.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(handler=handler)
        return p

    p = command("ingest", cmd_ingest, "load article files, folders or web pages into the store")
    p.add_argument(
        "paths",
        nargs="+",
        help="files, folders (walked recursively) or http(s) addresses (fetched)",
    )
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="in folders, also read file links whose target is outside the folder given "
        "(env QUOTECHECK_FOLLOW_LINKS=1)",
    )
    _quiet_flag(p)
    p = command("feed", cmd_feed, "follow RSS/Atom feeds: add, update, list, remove")
    p.add_argument(
        "action",
        choices=FEED_ACTIONS,
        help="add URL...: follow feeds and ingest their items; update [URL...]: ingest the "
        "items that are new since the last time; list; remove URL...: stop following",
    )
    p.add_argument("urls", nargs="*", metavar="URL", help="feed addresses")
    _quiet_flag(p)
    command("list", cmd_list, "list stored articles")
    p = command("show", cmd_show, "show one article")
    p.add_argument("id")
    p = command("edit", cmd_edit, "correct an article's outlet, date, title, author or URL")
    p.add_argument("id")
    p.add_argument("--outlet", help="the outlet ('' for unknown)")
    p.add_argument(
        "--published", "--date", help="publication date, e.g. 2024-03-14 ('' for unknown)"
    )
    p.add_argument("--title", help="the title")
    p.add_argument("--author", help="the author ('' for none)")
    p.add_argument("--url", help="the article's http(s) address ('' for none)")
    p = command("remove", cmd_remove, "remove articles and everything derived from them")
    p.add_argument("ids", nargs="*", help="article ids (`quotecheck list` shows them)")
    p.add_argument(
        "--samples", action="store_true", help="remove every article of the bundled samples"
    )
    command("stats", cmd_stats, "counts of articles, passages and quotes")
    p = command("check", cmd_check, "check the store: records and word index agree")
    p.add_argument("--repair", action="store_true", help="mend what disagrees, then check")
    p = command("search", cmd_search, "passages ranked by similarity of meaning")
    p.add_argument("text")
    p.add_argument("-k", type=_positive_int, default=5, help="how many passages (default 5)")
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
    p = command("serve", cmd_serve, "start the web chat")
    p.add_argument(
        "--samples",
        action="store_true",
        help="first load the bundled, fictional sample articles (as `python app.py` does "
        "into an empty store); `quotecheck remove --samples` takes them out again",
    )
    p.add_argument("--host", default=None, help="address to listen on (env QUOTECHECK_HOST)")
    p.add_argument("--port", type=int, default=None, help="port (env QUOTECHECK_PORT)")
    _llm_flag(p)
    return parser


# The options every command shares, accepted before the command and after it. Their default
# is SUPPRESS so that a subcommand that did not see the option leaves the value given before
# the command alone; main() fills in the real defaults once parsing is done.
_COMMON_DEFAULTS: dict[str, object] = {"data_dir": None, "embed_model": None, "verbose": False}


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        help="store folder (env QUOTECHECK_DATA_DIR)",
    )
    common.add_argument(
        "--embed-model",
        default=argparse.SUPPRESS,
        help="package or folder (env QUOTECHECK_EMBED_MODEL)",
    )
    common.add_argument(
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks on errors",
    )
    return common


def _positive_int(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _quiet_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress on stderr (a bar on a terminal, a line every few seconds "
        "otherwise; none with --json either)",
    )


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
    for name, default in _COMMON_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, default)
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
    except Exception as exc:  # a bug or a library failure: still one line, unless --verbose
        if args.verbose:
            traceback.print_exc()
        message = " ".join(str(exc).split()) or "(no message)"
        hint = "" if args.verbose else "; run with --verbose for the traceback"
        print(
            f"error: quotecheck {args.command} failed unexpectedly: "
            f"{type(exc).__name__}: {message}{hint}",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
