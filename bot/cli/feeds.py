"""``quotecheck feed``: follow RSS/Atom feeds (``add``), ingest their new items (``update``),
``list`` and ``remove`` them; a thin edge over the service's feed methods."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli.common import EXIT_ERROR, EXIT_FAILED, EXIT_OK, open_service, print_json, progress_for
from ingest.errors import QuotecheckError

if TYPE_CHECKING:
    from ingest.feeds import FeedReport


FEED_ACTIONS = ("add", "update", "list", "remove")


def cmd_feed(args: argparse.Namespace) -> int:
    """``feed add URL...`` / ``feed update [URL...]`` / ``feed list`` / ``feed remove URL...``."""
    action, urls = args.action, args.urls
    if action in ("add", "remove") and not urls:
        raise QuotecheckError(f"give the feed's address: quotecheck feed {action} URL")
    if action == "list" and urls:
        raise QuotecheckError("feed list takes no address; it lists every followed feed")
    service = open_service(args)
    if action == "list":
        feeds = service.feeds()
        if args.json:
            print_json([f.as_dict() for f in feeds])
        elif not feeds:
            print("no feeds followed; add one with: quotecheck feed add URL")
        for f in feeds if not args.json else ():
            print(f"{f.url}\t{f.title or '-'}\t{len(f.seen)} items in\t{f.updated_at or '-'}")
        return EXIT_OK
    if action == "remove":
        removed = {url: service.feed_remove(url) for url in urls}
        if args.json:
            print_json(removed)
        for url, ok in removed.items():
            if not ok:
                print(f"error: {url}: is not followed; `quotecheck feed list`", file=sys.stderr)
            elif not args.json:
                print(f"stopped following {url} (its articles stay; `quotecheck remove` them)")
        return EXIT_OK if all(removed.values()) else EXIT_FAILED
    progress = progress_for(args, "item", "feed items read")
    run = service.feed_add if action == "add" else service.feed_update
    reports = run(urls, progress)
    if args.json:
        print_json([r.as_dict() for r in reports])
    else:
        _print_feed_reports(reports)
    if any(r.summary.fatal for r in reports):
        return EXIT_ERROR
    return EXIT_FAILED if any(r.failed for r in reports) else EXIT_OK


def _print_feed_reports(reports: Sequence[FeedReport]) -> None:
    if not reports:
        print("no feeds followed; add one with: quotecheck feed add URL")
    for r in reports:
        for line in [r.error] + [x.error for x in r.summary.results if x.error]:
            if line:
                print(f"error: {line}", file=sys.stderr)
        if r.summary.fatal:
            print(f"error: {r.summary.fatal}", file=sys.stderr)
        if r.error:
            continue
        d = r.summary.as_dict()
        print(
            f"{r.title or r.url}: {len(r.summary.results)} new of {r.items} items; "
            f"{d['new']} new, {d['updated']} updated, {d['unchanged']} unchanged, "
            f"{d['failed']} failed; {d['passages']} passages, {d['quotes']} quotes"
        )
