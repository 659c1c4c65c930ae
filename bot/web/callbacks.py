"""What the web app's callbacks do, without Gradio: call the service, render the result.

``app.py`` wires these methods to components and turns :class:`QuotecheckError` into
``gr.Error``. Nothing here keeps state between calls except the shared, thread-safe service;
a user's conversation travels in and out as an argument (Gradio keeps it per session).
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.answers.question import Conversation
from bot.answers.records import Answer, make_citation
from bot.data_files import SAMPLES
from bot.service import Filters, Quotecheck, make_filters
from bot.web import html as render
from bot.web.html import esc
from bot.web.uploads import display_name, read_verify_batch, stage_uploads
from ingest.edits import MetadataEdit
from ingest.errors import QuotecheckError
from ingest.records import IngestSummary
from ingest.store import ArticleInfo

Message = dict[str, str]
ProgressFn = Callable[[int, int, str], None]


LIBRARY_HEADERS = ("id", "outlet", "published", "title", "passages", "quotes")
UPLOAD_HEADERS = ("file or link", "status", "article", "passages", "quotes", "error or note")
SPEAKER_HEADERS = ("speaker", "also written", "quotes", "outlets")
BATCH_HEADERS = ("quote", "speaker", "verdict", "found_speaker", "first_seen")
MAX_LINKS = 20  # addresses the Library's link box fetches at once (as MAX_UPLOAD_FILES)
KEEP_DOWNLOADS = 50  # export and batch-verify files kept (Gradio serves its own copy)

EXAMPLES = (
    "Who said that the sluice gates were never designed for this?",
    "What did Odile Fenwick say about the budget?",
    'Did Declan Morrow say "We will not be moved"?',
    "Compare accounts of the Port Kelsey dock strike",
    "Why did the Lower Quay flood?",
)


SampleLoad = Literal["never", "if-empty", "always"]


def load_samples(
    service: Quotecheck, when: SampleLoad, folder: Path = SAMPLES
) -> IngestSummary | None:
    """The bundled, fictional samples, only on request: ``always`` (``serve --samples``)
    or ``if-empty`` (``python app.py``: a newcomer's empty store starts on them)."""
    return service.load_samples(folder) if samples_wanted(service, when) else None


def samples_wanted(service: Quotecheck, when: SampleLoad) -> bool:
    """Whether :func:`load_samples` would load them: ``always``, or ``if-empty`` and the
    store holds no article."""
    return when == "always" or (when == "if-empty" and not service.store.count().get("articles", 0))


def load_samples_if_empty(service: Quotecheck, folder: Path = SAMPLES) -> IngestSummary | None:
    """Ingest the bundled sample corpus when the store holds no article yet."""
    return load_samples(service, "if-empty", folder)


@dataclass
class ChatSession:
    """One browser session's chat: what follow-ups refer to, and the answers to export."""

    conversation: Conversation = field(default_factory=Conversation)
    answers: list[Answer] = field(default_factory=list)


class WebCallbacks:
    """One instance per app, shared by every session; all per-user data is passed in."""

    def __init__(self, service: Quotecheck) -> None:
        self.service = service
        # Files offered for download: one folder per file, all under one temporary folder
        # that goes when the app stops; the oldest go once there are KEEP_DOWNLOADS.
        self._downloads: tempfile.TemporaryDirectory[str] | None = None
        self._download_lock = threading.Lock()

    def _download_folder(self) -> Path:
        with self._download_lock:
            if self._downloads is None:
                self._downloads = tempfile.TemporaryDirectory(prefix="quotecheck-downloads-")
            root = Path(self._downloads.name)
            folders = sorted(root.iterdir(), key=lambda f: f.stat().st_mtime)
            for old in folders[: max(0, len(folders) - KEEP_DOWNLOADS + 1)]:
                shutil.rmtree(old, ignore_errors=True)
            return Path(tempfile.mkdtemp(dir=root))

    # ------------------------------------------------------------------------- helpers
    def _texts(self) -> render.ArticleText:
        cache: dict[str, str | None] = {}

        def text(article_id: str) -> str | None:
            if article_id not in cache:
                article = self.service.get_article(article_id)
                cache[article_id] = article.text if article else None
            return cache[article_id]

        return text

    @staticmethod
    def _filters(outlet: str | None, since: str | None, until: str | None) -> Filters:
        return make_filters(outlet or None, (since or "").strip(), (until or "").strip())

    # ---------------------------------------------------------------------------- chat
    def chat(
        self,
        message: str,
        history: list[Message],
        session: ChatSession | None,
        fluent: bool = True,
    ) -> Iterator[tuple[list[Message], ChatSession]]:
        """Streams the reply: a working note, then the answer paragraph by paragraph.

        With a language model configured (and ``fluent``), its grounded lines as it writes.
        """
        session = session or ChatSession()
        question = (message or "").strip()
        if not question:
            yield history, session
            return
        history = [*history, {"role": "user", "content": render.esc(question)}]  # text, not HTML
        yield [*history, {"role": "assistant", "content": "*Searching the articles…*"}], session
        for item in self.service.ask_stream(question, session.conversation, fluent):
            if isinstance(item, str):  # a language model writing: grounded lines so far
                draft = render.safe_markdown(item) + "\n\n*Writing…*"
                yield [*history, {"role": "assistant", "content": draft}], session
                continue
            session.answers.append(item)
            full = render.answer_message(item, self._texts(), turn=len(session.answers))
            for part in render.answer_chunks(full):
                yield [*history, {"role": "assistant", "content": part}], session

    def export(self, session: ChatSession | None, kind: str) -> str:
        """The conversation with its citations written to a file; returns its path."""
        if session is None or not session.answers:
            raise QuotecheckError("nothing to export yet; ask a question first")
        turns = [render.turn_record(a) for a in session.answers]
        body = (
            render.conversation_json(turns)
            if kind == "json"
            else render.conversation_markdown(turns)
        )
        folder = self._download_folder()
        path = folder / f"quotecheck-conversation.{'json' if kind == 'json' else 'md'}"
        path.write_text(body, encoding="utf-8")
        return str(path)

    def ask_json(self, question: str) -> dict[str, Any]:
        """Ask one question (no conversation); the answer's JSON contract."""
        return dict(self.service.ask(question, Conversation()).as_dict())

    def verify_json(self, quote: str, speaker: str = "") -> dict[str, Any]:
        """Verify one quote; the verdict's JSON contract."""
        return dict(self.service.verify(quote, speaker, Filters()).as_dict())

    def compare_json(self, topic: str) -> dict[str, Any]:
        """Compare the outlets' accounts of a topic; the comparison's JSON contract."""
        return dict(self.service.compare(topic, Filters()).as_dict())

    # -------------------------------------------------------------------------- verify
    def verify(
        self, quote: str, speaker: str, outlet: str | None, since: str, until: str
    ) -> tuple[str, str, str, str]:
        """(verdict card, word diff, evidence, provenance) as HTML."""
        if not (quote or "").strip():
            raise QuotecheckError("type the quote to check")
        v = self.service.verify(
            quote.strip(), (speaker or "").strip(), self._filters(outlet, since, until)
        )
        texts = self._texts()
        return (
            render.verdict_card(v),
            render.diff_html(v.diff),
            render.evidence_html(v.evidence or v.candidates, texts),
            render.provenance_html(v.provenance),
        )

    def verify_batch(
        self, upload: str | None, progress: ProgressFn | None = None
    ) -> tuple[list[list[Any]], list[str]]:
        """Verifies every quote of a CSV/JSONL upload; returns the table and its JSONL and CSV."""
        if not upload:
            raise QuotecheckError("choose a .csv or .jsonl file of quotes first")
        requests = read_verify_batch(Path(upload), display_name(upload))
        rows, out = [], []
        for n, req in enumerate(requests):
            if progress:
                progress(n, len(requests), req["quote"][:40])
            v = self.service.verify(req["quote"], req["speaker"], Filters())
            first = v.provenance[0].article if v.provenance else None
            seen = f"{first.outlet} {first.published}".strip() if first else ""
            rows.append([req["quote"], req["speaker"], v.verdict, v.found_speaker, seen])
            out.append(v.as_dict())
        folder = self._download_folder()
        path = folder / "verified.jsonl"
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in out), "utf-8")
        table = folder / "verified.csv"
        with table.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([list(BATCH_HEADERS), *rows])
        return rows, [str(path), str(table)]

    # ------------------------------------------------------------------------- compare
    def compare(self, topic: str, outlet: str | None, since: str, until: str) -> str:
        if not (topic or "").strip():
            raise QuotecheckError("type a topic, e.g. the Port Kelsey dock strike")
        cmp = self.service.compare(topic.strip(), self._filters(outlet, since, until))
        return render.comparison_html(cmp, self._texts())

    # ------------------------------------------------------------------------- library
    def library(
        self, search: str = "", outlet: str | None = None, since: str = "", until: str = ""
    ) -> list[list[Any]]:
        """Rows of the article table, filtered by words, outlet and date range."""
        filters = self._filters(outlet, since, until)
        words = (search or "").casefold().split()
        rows = []
        for a in sorted(self.service.list_articles(), key=_newest_first, reverse=True):
            hay = f"{a.id} {a.title} {a.outlet} {a.author}".casefold()
            if words and not all(w in hay for w in words):
                continue
            if filters.outlets and a.outlet.casefold() != filters.outlets[0].casefold():
                continue
            if filters.since and (not a.published or a.published < filters.since):
                continue
            if filters.until and (not a.published or a.published > filters.until):
                continue
            rows.append([a.id, a.outlet, a.published, a.title, a.passages, a.quotes])
        return rows

    def article_choices(self) -> list[tuple[str, str]]:
        return [
            (f"{a.title[:60]} · {a.outlet or '-'} ({a.id})", a.id)
            for a in sorted(self.service.list_articles(), key=_newest_first, reverse=True)
        ]

    def outlets(self) -> list[str]:
        return self.service.outlets()

    def stats_markdown(self) -> str:
        s = self.service.stats()
        samples = len(self.service.sample_articles())
        return (
            f"**{s.get('articles', 0)}** articles · **{s.get('passages', 0)}** passages · "
            f"**{s.get('quotes', 0)}** quotes · **{s.get('outlets', 0)}** outlets · "
            f"model `{esc(s.get('embed_model', ''))}`"
            + (f" · writer `{esc(self.service.settings.llm)}`" if self.service.settings.llm else "")
            + (
                f"\n\n**{samples}** of them are the bundled **fictional samples** (invented "
                "outlets and people; answers from them say so): remove them with the button "
                "below (or `quotecheck remove --samples`) before you rely on the answers."
                if samples
                else ""
            )
        )

    def upload(
        self, uploads: Sequence[str] | None, progress: ProgressFn | None = None
    ) -> list[list[Any]]:
        """Ingests uploaded files (copied under generated names); one result row per file."""
        if not uploads:
            raise QuotecheckError("choose one or more article files first")
        with tempfile.TemporaryDirectory(prefix="quotecheck-upload-") as tmp:
            staged = stage_uploads(
                list(uploads), Path(tmp), max_bytes=self.service.settings.max_file_bytes
            )
            rows = [[s.name, "failed", "", 0, 0, s.error] for s in staged if s.path is None]
            names = {str(s.path): s.name for s in staged if s.path is not None}
            if names:
                summary = self.service.ingest(list(names), progress=progress, embedding=progress)
                for r in summary.results:
                    path, name = next(
                        ((p, n) for p, n in names.items() if r.source.startswith(p)), ("", "?")
                    )
                    error = r.error.replace(path, name).replace(tmp, "") if path else r.error
                    rows.append(
                        [name, r.status, r.article_id, r.passages, r.quotes, error or r.note]
                    )
                if summary.fatal:
                    rows.append(["(all)", "failed", "", 0, 0, summary.fatal])
        return rows

    def add_links(self, text: str | None, progress: ProgressFn | None = None) -> list[list[Any]]:
        """Fetches and ingests the pages at the addresses typed (one a line, or spaces
        between them); one result row per address, in the upload table's columns."""
        urls = list(dict.fromkeys((text or "").split()))
        if not urls:
            raise QuotecheckError("paste one or more http:// or https:// addresses first")
        if len(urls) > MAX_LINKS:
            raise QuotecheckError(f"{len(urls)} addresses at once; add at most {MAX_LINKS}")
        summary = self.service.ingest_links(urls, progress=progress, embedding=progress)
        rows = [
            [r.source, r.status, r.article_id, r.passages, r.quotes, r.error]
            for r in summary.results
        ]
        if summary.fatal:
            rows.append(["(all)", "failed", "", 0, 0, summary.fatal])
        return rows

    def remove(self, article_ids: Sequence[str] | None) -> str:
        if not article_ids:
            raise QuotecheckError("pick the articles to remove first")
        done = self.service.remove(article_ids)
        gone = [i for i, ok in done.items() if ok]
        missing = [i for i, ok in done.items() if not ok]
        note = f"Removed {len(gone)} article(s)."
        return note + (f" Not found: {', '.join(missing)}." if missing else "")

    def remove_samples(self) -> str:
        gone = self.service.remove_samples()
        if not gone:
            return "There are no sample articles in the library."
        return f"Removed the {len(gone)} fictional sample article(s)."

    def has_samples(self) -> bool:
        return bool(self.service.sample_articles())

    def article_fields(self, article_id: str | None) -> tuple[str, str, str, str, str]:
        """An article's outlet, date, title, author and URL, for the edit form."""
        if not article_id:
            return ("", "", "", "", "")
        a = self.service.get_article(article_id)
        if a is None:
            raise QuotecheckError(f"no article with id {article_id!r}; it may have been removed")
        return (a.outlet, a.published, a.title, a.author, a.url)

    def edit(
        self, article_id: str | None, outlet: str, published: str, title: str, author: str, url: str
    ) -> str:
        """Saves the edit form: the article re-versioned with these details."""
        if not article_id:
            raise QuotecheckError("pick the article to edit first")
        change = MetadataEdit(outlet or "", published or "", title or "", author or "", url or "")
        article, result = self.service.edit(article_id, change)
        if result.status == "unchanged":
            return "Nothing to save: the details are as they were."
        return (
            f"Saved: {esc(article.title)} · {esc(article.outlet or 'unknown outlet')} · "
            f"{article.published or 'date unknown'}."
        )

    # ------------------------------------------------------------------------ speakers
    def speakers(self, search: str = "") -> list[list[Any]]:
        words = (search or "").casefold().split()
        rows = []
        for s in self.service.speakers():
            hay = " ".join((s.name, *s.aliases, *s.outlets)).casefold()
            if words and not all(w in hay for w in words):
                continue
            others = ", ".join(a for a in s.aliases if a != s.name)
            rows.append([s.name, others, s.quote_count, ", ".join(s.outlets)])
        return rows

    def speaker_quotes(self, name: str) -> str:
        """The speaker's quotes, each with its citation that opens on the passage."""
        if not (name or "").strip():
            return '<div class="qc-empty">Select a speaker in the table.</div>'
        speaker, quotes, links = self.service.speaker_quotes(name.strip())
        if speaker is None:
            return f'<div class="qc-empty">No speaker called {esc(name)} in the articles.</div>'
        texts = self._texts()
        items = []
        for n, sq in enumerate(quotes, 1):
            q, a = sq.quote, sq.article
            kind = "their words" if q.kind == "direct" else f"{q.kind} quote"
            if q.id in links:
                kind += f"; the article says “{q.speaker}”, {links[q.id].how}"
            cite = make_citation(a, q.start, q.end, q.text)
            items.append(
                f'<li class="qc-quote"><div>{render.quote_words_html(q)} '
                f'<span class="qc-kind">({esc(kind)})</span></div>'
                f"{render.citation_html(n, cite, texts(a.id))}</li>"
            )
        aliases = ", ".join(esc(a) for a in speaker.aliases)
        return (
            f'<h3 class="qc-speaker-name">{esc(speaker.name)}</h3>'
            f"<div>Written as: {aliases} · {len(quotes)} quote(s)</div>"
            f'<ol class="qc-quotes">{"".join(items)}</ol>'
        )


def _newest_first(a: ArticleInfo) -> tuple[str, str]:
    return (a.published or "", a.title)
