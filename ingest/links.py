"""A web page as an article: fetched (``ingest.fetch``), then read as its saved file would be.

An HTML page goes through the same trafilatura extraction as a saved ``.html`` file
(``ingest.formats.parse_html``), plain text as a ``.txt``, a PDF through the PDF loader
(``ingest.documents.parse_pdf``). The article keeps the address it was fetched from (after
redirects) as its ``url``, which also gives its id, so fetching the same page again updates
one article; ``source_path`` is the address as given and ``fetched_at`` the time of the
download. Like ``load_articles``, ``load_url`` never raises: a page that cannot be fetched or
read is one ``Loaded`` with an error that names the address.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingest.config import Settings
from ingest.documents import parse_pdf
from ingest.errors import InputError
from ingest.fetch import PAGE, Fetched, fetch
from ingest.formats import parse_html, parse_txt
from ingest.loaders import Loaded, build_article, unexpected

__all__ = ["decode_page", "load_url", "page_fields"]


def load_url(
    url: str, settings: Settings, defaults: Mapping[str, str] | None = None
) -> list[Loaded]:
    """The article at ``url`` as one ``Loaded``; never raises for a bad address or page.

    ``defaults`` fill fields the page itself leaves empty (a feed item's date and outlet).
    """
    source = url.strip()
    try:
        page = fetch(source, settings, PAGE)
        fields, page_starts = page_fields(page, settings)
        for name, value in (defaults or {}).items():
            if value and not fields.get(name, "").strip():
                fields[name] = value
        fields["url"] = page.final_url  # what was fetched, not what the page claims to be
        fields.pop("id", None)
        article = build_article(
            fields,
            source_path=source,
            source=source,
            page_starts=page_starts,
            fetched_at=page.fetched_at,
        )
    except InputError as exc:
        return [Loaded(source=source, error=str(exc))]
    except Exception as exc:  # a parser's own failure (trafilatura, pypdf, ...): this page only
        return [Loaded(source=source, error=unexpected(source, exc))]
    return [Loaded(source=source, article=article)]


def page_fields(page: Fetched, settings: Settings) -> tuple[dict[str, str], tuple[int, ...]]:
    """The raw article fields of a fetched page (and a PDF's page starts)."""
    if page.kind == "pdf":
        return parse_pdf(page.body, page.url)
    text = decode_page(page, settings)
    if "\x00" in text[:8192]:
        raise InputError(
            page.url, "is said to be text but holds binary data; give the article's page"
        )
    if page.kind == "html":
        return parse_html(text, page.url), ()
    fields = parse_txt(text)
    if not fields.get("text"):
        raise InputError(page.url, "holds no article text after its first line; check it")
    return fields, ()


def decode_page(page: Fetched, settings: Settings) -> str:
    """The page's text in the charset its server declared, else as trafilatura guesses it."""
    if page.charset:
        try:
            return page.body.decode(page.charset, errors="replace")
        except LookupError:
            pass  # a charset Python does not know: guessed below
    from trafilatura.utils import decode_file

    return decode_file(page.body, max_size=settings.fetch_max_bytes)
