"""The Gradio interface of the web chat: layout and wiring, built by ``build_app(service)``.

Every callback is a few lines over :class:`bot.web.callbacks.WebCallbacks`; errors
Quotecheck raises on purpose become ``gr.Error``. Importing this module loads no model and
opens no store. There are no mutable module globals (Gradio shares them between users): a
conversation lives in ``gr.State`` per browser session.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import Any, TypeVar

from ingest.pipeline import EMBEDDING

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr

from bot.service import Quotecheck
from bot.web.callbacks import (
    BATCH_HEADERS,
    EXAMPLES,
    LIBRARY_HEADERS,
    SPEAKER_HEADERS,
    UPLOAD_HEADERS,
    WebCallbacks,
)
from bot.web.uploads import SUPPORTED_SUFFIXES
from ingest.errors import QuotecheckError

# how wide a table column is against the others (1 when not named): text wide, counts narrow
COLUMN_WEIGHTS = MappingProxyType(
    {
        "id": 2.2,
        "outlet": 1.8,
        "published": 1.3,
        "title": 5.0,
        "passages": 1.1,
        "quotes": 1.0,
        "file": 2.0,
        "status": 1.0,
        "article": 2.0,
        "error or note": 5.0,
        "speaker": 2.0,
        "also written": 3.0,
        "outlets": 3.0,
        "quote": 4.0,
        "verdict": 1.4,
        "found_speaker": 1.8,
        "first_seen": 2.0,
    }
)

F = TypeVar("F", bound=Callable[..., Any])
Loader = tuple[Callable[..., Any], list[Any], list[Any]]

CSS = """
.qc-verdict {border-radius: 10px; padding: 12px 16px; margin: 6px 0; border: 2px solid;}
.qc-verdict * {color: inherit !important;}  /* a dark theme must not recolour the card's text */
.qc-verdict-label {font-size: 1.4em; font-weight: 700; text-transform: uppercase;}
.qc-green {background: #e7f6ea; border-color: #2e8b42; color: #17431f !important;}
.qc-amber {background: #fff4de; border-color: #c98a00; color: #5a3d00 !important;}
.qc-blue {background: #e6f0fb; border-color: #2f6db3; color: #14365c !important;}
.qc-red {background: #fdeaea; border-color: #c0392b; color: #5c1710 !important;}
.qc-grey {background: #f0f0f0; border-color: #888; color: #333 !important;}
.qc-purple {background: #f3e8fb; border-color: #7b3fa8; color: #3d1557 !important;}
.qc-differs, .qc-verdict .qc-differs {
  background: #ffc9c9; color: #5c0a0a !important; font-weight: 600; padding: 0 2px;
}
.qc-differences {margin: 6px 0 0 0;}
.qc-diff del {background: #f8d7d7; color: #7a1010;}
.qc-diff ins {background: #d6f2dc; color: #0f4d1c; text-decoration: none; font-weight: 600;}
#qc-chat .prose.chatbot.md {opacity: 1;}  /* Gradio dims answers to 0.8: below AA contrast */
.qc-cite {margin: 4px 0; border-left: 3px solid #8aa4c8; padding-left: 8px;}
.qc-cite summary {cursor: pointer;}
.qc-passage {margin: 6px 0; line-height: 1.5;}
.qc-span {background: #ffe98a; color: #111; padding: 0 2px;}
.qc-meta {font-size: 0.85em; color: var(--body-text-color-subdued);}  /* not opacity: AA contrast */
.qc-cites-head {font-weight: 600; margin-top: 6px;}
.qc-compare {display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px;}
.qc-col {border: 1px solid #ccc; border-radius: 8px; padding: 8px 12px;}
.qc-kind {font-size: 0.8em; color: var(--body-text-color-subdued);}
@media (max-width: 640px) {
  .tab-container {flex-wrap: wrap !important; height: auto !important;}
  .row {flex-wrap: wrap !important;}
  .row > * {min-width: min(100%, 140px) !important; flex: 1 1 140px !important;}
  #qc-ask-row > * {flex: 1 1 100% !important;}  /* the ask box the full width, Ask below */
}
"""


def theme() -> gr.themes.Base:
    """Gradio's Soft theme with every text colour at WCAG AA contrast (4.5:1) in light and
    dark: its indigo-500 on white, on indigo-100 or under white text falls short (axe-core)."""
    return gr.themes.Soft().set(
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        button_primary_background_fill_dark="*primary_600",
        button_primary_background_fill_hover_dark="*primary_700",
        block_label_text_color="*primary_700",
        block_title_text_color="*primary_700",
        color_accent="*primary_600",
        body_text_color_subdued="*neutral_600",
        link_text_color_dark="*primary_300",
        link_text_color_hover_dark="*primary_200",
        link_text_color_visited_dark="*primary_300",
        link_text_color_active_dark="*primary_200",
    )


# Two fixes in the page. An answer's [n] opens and shows its source card: Gradio's page has
# <base href="./">, so following "#id" would load the page again (losing the chat and a
# ?__theme). And Gradio's upload area is a button named "Click to upload or drop files" that
# reads "Drop File Here - or - Click to Upload": a name that leaves out the visible words fails
# speech input (WCAG 2.5.3); without its aria-label its name is the words it shows.
HEAD = """<script>
document.addEventListener("click", (event) => {
  const ref = event.target.closest && event.target.closest("a.qc-ref");
  const target = ref && document.getElementById(ref.getAttribute("href").slice(1));
  if (!target) return;
  event.preventDefault();
  const card = target.closest("details");
  if (card) card.open = true;
  target.scrollIntoView({block: "nearest"});
  if (card) card.querySelector("summary").focus({preventScroll: true});
});
new MutationObserver(() => {
  for (const b of document.querySelectorAll("button.upload-container[aria-label]")) {
    b.removeAttribute("aria-label");
  }
}).observe(document.documentElement, {childList: true, subtree: true});
</script>"""


def column_widths(headers: tuple[str, ...]) -> list[str | int]:
    """Each column's share of the table's width, from its weight (long text gets more)."""
    weights = [COLUMN_WEIGHTS.get(h, 1.0) for h in headers]
    widths: list[str | int] = [f"{100 * w / sum(weights):.1f}%" for w in weights]
    return widths


def ui_errors(fn: F) -> F:
    """Quotecheck's own errors become a message in the page; anything else is a real bug."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except QuotecheckError as exc:
            raise gr.Error(str(exc)) from exc

    return call  # type: ignore[return-value]


def _chat_tab(web: WebCallbacks) -> None:
    session = gr.State(None)
    chatbot = gr.Chatbot(
        label="Quotecheck",
        show_label=False,  # its badge covered the first line of a scrolled answer
        elem_id="qc-chat",
        height=520,
        buttons=["copy", "copy_all"],
        sanitize_html=True,
        placeholder="Ask who said something, what someone said, whether a quote is real, "
        "or how outlets' accounts differ. Every answer cites its sources.",
    )
    with gr.Row(elem_id="qc-ask-row"):
        box = gr.Textbox(
            show_label=False, placeholder="Ask about the articles…", scale=5, elem_id="qc-ask"
        )
        send = gr.Button("Ask", variant="primary", scale=1, min_width=80)
    gr.Examples([[e] for e in EXAMPLES], inputs=box, label="Try one")
    with gr.Row():
        new = gr.Button("New conversation", size="sm")
        md = gr.Button("Export Markdown", size="sm")
        js = gr.Button("Export JSON", size="sm")
    exported = gr.File(label="Exported conversation", interactive=False, visible=False)
    llm = web.service.settings.llm
    fluent = gr.Checkbox(
        value=bool(llm),
        visible=bool(llm),
        label=f"Write answers with the language model ({llm}); every quote is still checked",
    )

    def reply(
        message: str, history: list[dict[str, str]], state: Any, use_llm: bool
    ) -> Iterator[Any]:
        try:
            for shown, kept in web.chat(message, history, state, use_llm):
                yield shown, kept, ""
        except QuotecheckError as exc:
            raise gr.Error(str(exc)) from exc

    inputs = [box, chatbot, session, fluent]
    for trigger in (box.submit, send.click):
        trigger(reply, inputs, [chatbot, session, box], api_visibility="private")
    new.click(
        lambda: ([], None, gr.File(visible=False)),
        None,
        [chatbot, session, exported],
        api_visibility="private",
    )
    for button, kind in ((md, "md"), (js, "json")):
        button.click(
            ui_errors(lambda s, k=kind: gr.File(web.export(s, k), visible=True)),
            session,
            exported,
            api_visibility="private",
        )


def _verify_tab(web: WebCallbacks, outlets: list[str]) -> gr.Dropdown:
    with gr.Row():
        with gr.Column(scale=3):
            quote = gr.Textbox(label="Quote", lines=2, elem_id="qc-quote")
            speaker = gr.Textbox(label="Speaker (optional)", elem_id="qc-speaker")
        with gr.Column(scale=2):
            outlet = gr.Dropdown(outlets, label="Only this outlet", value=None)
            with gr.Row():
                since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", min_width=100)
                until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", min_width=100)
    check = gr.Button("Check the quote", variant="primary", elem_id="qc-verify")
    card = gr.HTML(elem_id="qc-verdict")
    diff = gr.HTML()
    with gr.Accordion("Evidence", open=True):
        evidence = gr.HTML()
    with gr.Accordion("Provenance: first seen, then reprints", open=True):
        provenance = gr.HTML()
    check.click(
        ui_errors(web.verify),
        [quote, speaker, outlet, since, until],
        [card, diff, evidence, provenance],
        api_name="verify_form",
        api_visibility="private",
    )
    with gr.Accordion("Check many quotes (CSV with a 'quote' column, or JSONL)", open=False):
        batch = gr.File(label="Quotes file", file_types=[".csv", ".jsonl"], elem_id="qc-batch")
        run = gr.Button("Check them all")
        table = gr.Dataframe(headers=list(BATCH_HEADERS), interactive=False, wrap=True)
        result = gr.File(label="Results (JSONL and CSV)", file_count="multiple", interactive=False)

    def verify_all(upload: str | None, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        def step(done: int, total: int, what: str) -> None:
            progress((done, total), desc=f"checking {what}")

        return web.verify_batch(upload, step)

    run.click(ui_errors(verify_all), batch, [table, result], api_visibility="private")
    return outlet


def _table(headers: tuple[str, ...], label: str, elem_id: str) -> gr.Dataframe:
    """A read-only table whose long cells wrap, in columns sized for their contents (so a
    short header never wraps one letter per line and the last column stays in view)."""
    return gr.Dataframe(
        headers=list(headers),
        label=label,
        interactive=False,
        wrap=True,
        column_widths=column_widths(headers),
        elem_id=elem_id,
    )


def _scope_boxes(outlets: list[str], label: str) -> tuple[gr.Dropdown, gr.Textbox, gr.Textbox]:
    """An outlet and a date range, side by side in the row they are made in."""
    outlet = gr.Dropdown(outlets, label=label, value=None, scale=1)
    since = gr.Textbox(label="Since", placeholder="YYYY-MM-DD", scale=1)
    until = gr.Textbox(label="Until", placeholder="YYYY-MM-DD", scale=1)
    return outlet, since, until


def _compare_tab(web: WebCallbacks, outlets: list[str]) -> gr.Dropdown:
    with gr.Row():
        topic = gr.Textbox(label="Topic", placeholder="the Port Kelsey dock strike", scale=3)
        outlet, since, until = _scope_boxes(outlets, "Only this outlet")
    go = gr.Button("Compare accounts", variant="primary")
    out = gr.HTML(elem_id="qc-compare")
    for trigger in (go.click, topic.submit):
        trigger(
            ui_errors(web.compare),
            [topic, outlet, since, until],
            out,
            api_name="compare_form",
            api_visibility="private",
        )
    return outlet


def _library_tab(web: WebCallbacks, outlets: list[str]) -> tuple[Loader, gr.Dropdown, list[Any]]:
    stats = gr.Markdown(elem_id="qc-stats")
    samples = gr.Button(
        "Remove the fictional sample articles",
        variant="stop",
        size="sm",
        visible=False,  # shown while the library holds samples
        elem_id="qc-rm-samples",
    )
    files = gr.File(
        label=f"Upload articles ({' '.join(SUPPORTED_SUFFIXES)}; several at once)",
        file_count="multiple",
        file_types=list(SUPPORTED_SUFFIXES),  # the file picker offers only these
        elem_id="qc-upload",
    )
    add = gr.Button("Add to the library", variant="primary", elem_id="qc-add")
    with gr.Row():
        links = gr.Textbox(
            label="Add from link (http:// or https:// addresses, one a line)",
            placeholder="https://news.example/2024/05/article",
            lines=2,
            scale=4,
            elem_id="qc-links",
        )
        fetch = gr.Button("Add from link", scale=1, elem_id="qc-add-links")
    results = _table(UPLOAD_HEADERS, "Upload results", "qc-results")
    with gr.Row():
        search = gr.Textbox(label="Search titles and outlets", scale=3, elem_id="qc-lib-search")
        outlet, since, until = _scope_boxes(outlets, "Outlet")
    table = _table(LIBRARY_HEADERS, "Articles", "qc-lib")
    with gr.Row():
        pick = gr.Dropdown([], label="Remove articles", multiselect=True, scale=4)
        remove = gr.Button("Remove", variant="stop", scale=1)
    note = gr.Markdown()
    chosen, details, save = _edit_form()
    filters: list[Any] = [search, outlet, since, until]

    def refresh(*f: Any) -> tuple[Any, ...]:
        choices = web.article_choices()
        return (
            web.library(*f),
            web.stats_markdown(),
            gr.Dropdown(choices=choices, value=[]),
            gr.Dropdown(choices=choices, value=None),
            gr.Button(visible=web.has_samples()),
        )

    def upload(paths: list[str] | None, *f: Any, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        def report(done: int, total: int, what: str) -> None:
            progress((done, total), desc="embedding" if what == EMBEDDING else "reading files")

        rows = web.upload(paths, report)
        return (rows, *refresh(*f))

    def add_links(text: str, *f: Any, progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        def report(done: int, total: int, what: str) -> None:
            progress((done, total), desc="embedding" if what == EMBEDDING else "fetching pages")

        rows = web.add_links(text, report)
        return (rows, *refresh(*f))

    def drop(ids: list[str], *f: Any) -> Any:
        return (web.remove(ids), *refresh(*f))

    def store(article_id: str, *values: Any) -> Any:
        fields, f = values[: len(details)], values[len(details) :]
        return (web.edit(article_id, *fields), *refresh(*f))

    outs = [table, stats, pick, chosen, samples]
    chosen.input(ui_errors(web.article_fields), chosen, details, api_visibility="private")
    changed = [
        add.click(ui_errors(upload), [files, *filters], [results, *outs], api_visibility="private"),
        fetch.click(
            ui_errors(add_links), [links, *filters], [results, *outs], api_visibility="private"
        ),
        remove.click(ui_errors(drop), [pick, *filters], [note, *outs], api_visibility="private"),
        samples.click(
            ui_errors(lambda *f: (web.remove_samples(), *refresh(*f))),
            filters,
            [note, *outs],
            api_visibility="private",
        ),
        save.click(
            ui_errors(store), [chosen, *details, *filters], [note, *outs], api_visibility="private"
        ),
    ]
    for box in filters:
        box.change(ui_errors(refresh), filters, outs, api_visibility="private")
    return (ui_errors(refresh), filters, outs), outlet, changed


def _edit_form() -> tuple[gr.Dropdown, list[gr.Textbox], gr.Button]:
    """Correct an article's outlet, date, title, author or URL (as ``quotecheck edit``)."""
    with gr.Accordion("Correct an article's details", open=False, elem_id="qc-edit"):
        chosen = gr.Dropdown([], label="Article", elem_id="qc-edit-article")
        with gr.Row():
            outlet = gr.Textbox(label="Outlet", elem_id="qc-edit-outlet")
            published = gr.Textbox(
                label="Published", placeholder="YYYY-MM-DD", elem_id="qc-edit-published"
            )
        title = gr.Textbox(label="Title", elem_id="qc-edit-title")
        with gr.Row():
            author = gr.Textbox(label="Author", elem_id="qc-edit-author")
            url = gr.Textbox(label="URL", elem_id="qc-edit-url")
        save = gr.Button("Save the details", elem_id="qc-edit-save")
    return chosen, [outlet, published, title, author, url], save


def _speakers_tab(web: WebCallbacks) -> Loader:
    search = gr.Textbox(label="Find a speaker (any spelling)", elem_id="qc-sp-search")
    table = _table(SPEAKER_HEADERS, "Speakers", "qc-sp")
    chosen = gr.Textbox(
        label="Speaker", placeholder="click a row, or type a name", elem_id="qc-sp-name"
    )
    quotes = gr.HTML(elem_id="qc-sp-quotes")

    def pick(evt: gr.SelectData) -> str:
        return str(evt.row_value[0]) if evt.row_value else ""

    search.change(ui_errors(web.speakers), search, table, api_visibility="private")
    table.select(pick, None, chosen, api_visibility="private")
    chosen.change(ui_errors(web.speaker_quotes), chosen, quotes, api_visibility="private")
    return ui_errors(web.speakers), [search], [table]


def build_app(service: Quotecheck) -> gr.Blocks:
    """The whole interface over one service (shared by all sessions; it holds no user data)."""
    web = WebCallbacks(service)
    outlets = web.outlets()
    with gr.Blocks(title="Quotecheck", analytics_enabled=False) as demo:
        gr.Markdown(
            "## Quotecheck\nCheck who said what in the loaded news articles. "
            "Every answer cites the exact words of its source."
        )
        with gr.Tabs(overflow_behavior="wrap"):  # on a phone every tab stays in view
            with gr.Tab("Chat", id="chat"):
                _chat_tab(web)
            with gr.Tab("Verify a quote", id="verify"):
                boxes = [_verify_tab(web, outlets)]
            with gr.Tab("Compare accounts", id="compare"):
                boxes.append(_compare_tab(web, outlets))
            with gr.Tab("Library", id="library"):
                library, library_outlet, changed = _library_tab(web, outlets)
                boxes.append(library_outlet)
            with gr.Tab("Speakers", id="speakers"):
                speakers = _speakers_tab(web)

        def outlet_choices() -> tuple[Any, ...]:  # outlets come and go with uploads/removals
            return tuple(gr.Dropdown(choices=web.outlets()) for _ in boxes)

        for fn, inputs, outputs in (library, speakers):
            demo.load(fn, inputs, outputs, api_visibility="private")
        demo.load(ui_errors(outlet_choices), None, boxes, api_visibility="private")
        for event in changed:  # a new or removed article: its outlet and speakers everywhere
            event.then(ui_errors(outlet_choices), None, boxes, api_visibility="private")
            event.then(speakers[0], speakers[1], speakers[2], api_visibility="private")
        gr.api(ui_errors(web.ask_json), api_name="ask")
        gr.api(ui_errors(web.verify_json), api_name="verify")
        gr.api(ui_errors(web.compare_json), api_name="compare")
    return demo
