"""Loaders: every format, every kind of bad input, stable ids, and the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.formats import markdown_to_prose
from ingest.loaders import (
    SUPPORTED_SUFFIXES,
    Loaded,
    article_id,
    iter_input_files,
    load_articles,
    normalise_url,
)
from ingest.records import Article

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
GOLD = json.loads((REPO / "tests" / "data" / "sample_gold.json").read_text(encoding="utf-8"))
HOSTILE = REPO / "tests" / "data" / "hostile"

BODY = "The river rose overnight.\n\n“We are ready,” said Ana Ruiz, the harbour master."


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def one(path: Path, **kwargs: int) -> Article:
    loaded = load_articles(path, **kwargs)
    assert len(loaded) == 1, loaded
    assert loaded[0].error == "", loaded[0].error
    assert loaded[0].article is not None
    return loaded[0].article


def error_of(path: Path, **kwargs: int) -> str:
    loaded = load_articles(path, **kwargs)
    assert len(loaded) == 1, loaded
    assert loaded[0].article is None
    assert loaded[0].source == str(path)
    assert str(path) in loaded[0].error
    return loaded[0].error


# -- formats -------------------------------------------------------------------------------


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".pdf",
        ".docx",
    }


def test_txt_title_headers_and_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.txt",
        "\n\nRiver rises in Marrowford\n"
        "Source: The Daily Ledger\nDate: March 14, 2024\n"
        "URL: https://dailyledger.example/river\nBy: By Rosalind Achebe\n\n" + BODY,
    )
    article = one(path)
    assert article.title == "River rises in Marrowford"
    assert article.outlet == "The Daily Ledger"
    assert article.published == "2024-03-14"
    assert article.url == "https://dailyledger.example/river"
    assert article.author == "Rosalind Achebe"
    assert article.text == BODY
    assert article.source_path == str(path)
    assert article.id == article_id("https://dailyledger.example/river", BODY)


@pytest.mark.parametrize(
    ("header", "field", "value"),
    [
        ("Source: Harbour Times", "outlet", "Harbour Times"),
        ("Outlet: Harbour Times", "outlet", "Harbour Times"),
        ("Publisher: Harbour Times", "outlet", "Harbour Times"),
        ("Date: 2 April 2024", "published", "2024-04-02"),
        ("Published: 2024-04-02T10:00:00Z", "published", "2024-04-02"),
        ("URL: https://h.example/x", "url", "https://h.example/x"),
        ("By: Fenella Marsh", "author", "Fenella Marsh"),
        ("Author: Fenella Marsh", "author", "Fenella Marsh"),
    ],
)
def test_txt_each_header(tmp_path: Path, header: str, field: str, value: str) -> None:
    article = one(write(tmp_path, "a.txt", f"Title\n{header}\n\n{BODY}"))
    assert getattr(article, field) == value
    assert article.text == BODY


def test_txt_without_headers(tmp_path: Path) -> None:
    article = one(write(tmp_path, "a.txt", "Title line\n\n" + BODY))
    assert (article.title, article.text, article.outlet, article.published) == (
        "Title line",
        BODY,
        "",
        "",
    )
    assert article.id.startswith("t-")


def test_txt_story_lead_removed_only_from_the_lead(tmp_path: Path) -> None:
    raw = (
        "Blasts hit city\n\nSTORY: Video showed the aftermath.\n\nSmoke rose.\n\nSTORY: not a lead."
    )
    article = one(write(tmp_path, "a.txt", raw))
    assert article.text == "Video showed the aftermath.\n\nSmoke rose.\n\nSTORY: not a lead."


def test_txt_header_words_in_the_body_stay_text(tmp_path: Path) -> None:
    raw = "Title\nSource: Northern Wire\n\nThe lead.\n\nDate: unknown, said the clerk."
    article = one(write(tmp_path, "a.txt", raw))
    assert article.text == "The lead.\n\nDate: unknown, said the clerk."


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    raw = (
        '---\ntitle: "Gala night"\noutlet: Harbour Times\nauthor: [Fenella Marsh, Ivo Tran]\n'
        "date: 2024-05-13\nurl: https://h.example/gala\nid: 77\n---\n\n"
        "The **gala** raised *£40,000* for the [lifeboat](https://h.example/lb) station.\n\n"
        "\"It's the town's night,\" said Petra Lindgren.\n"
    )
    article = one(write(tmp_path, "a.md", raw))
    assert article.title == "Gala night"
    assert article.outlet == "Harbour Times"
    assert article.author == "Fenella Marsh, Ivo Tran"
    assert article.published == "2024-05-13"  # YAML reads it as a date object
    assert article.url == "https://h.example/gala"
    assert article.id == "77"
    assert article.text == (
        "The gala raised £40,000 for the lifeboat station.\n\n"
        "\"It's the town's night,\" said Petra Lindgren."
    )


def test_markdown_without_front_matter_title_from_heading(tmp_path: Path) -> None:
    raw = "Intro line.\n\n# The *real* title\n\n## A subheading\n\n" + BODY
    article = one(write(tmp_path, "a.markdown", raw))
    assert article.title == "The real title"
    assert article.text == "Intro line.\n\nA subheading\n\n" + BODY
    assert article.id.startswith("t-")


@pytest.mark.parametrize(
    ("markdown", "prose"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("[link text](https://x.example/a(b)) here", "link text here"),
        ("[ref link][1]\n[1]: https://x.example", "ref link\n"),
        ("![a chart](chart.png) gone", " gone"),
        ("<https://x.example>", "https://x.example"),
        ("`code`", "code"),
        ("> a pull quote", "a pull quote"),
        ("5 \\* 3", "5 * 3"),
        ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
        # quotation marks and apostrophes are never touched
        (
            "“Curly,” \"straight\", ‘single’, it's, 'quoted'",
            "“Curly,” \"straight\", ‘single’, it's, 'quoted'",
        ),
        ("*“Emphasised quote”*", "“Emphasised quote”"),
    ],
)
def test_markdown_to_prose(markdown: str, prose: str) -> None:
    assert markdown_to_prose(markdown) == prose


HTML = """<!DOCTYPE html><html><head><title>Fallback title | Harbour Times</title>
<meta property="og:title" content="Ferry resumes after strike">
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Fenella Marsh">
<meta property="article:published_time" content="2024-05-20T08:00:00+00:00">
<link rel="canonical" href="https://harbourtimes.example/port/ferry-resumes"></head>
<body><div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<nav><a href="/">Home</a> <a href="/port">Port</a></nav>
<article><h1>Ferry resumes after strike</h1>
<p>The Kelsey to Brannock ferry sailed again on Monday morning after a week in port.</p>
<p>“We are glad to be back at sea,” said the ferry’s captain, Ruth Penhaligon.</p>
<p>Timetables will return to normal by Wednesday, the operator said.</p></article>
<footer><p>Sign up for our newsletter</p><p>© 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_main_text_and_metadata(tmp_path: Path, suffix: str) -> None:
    article = one(write(tmp_path, "page" + suffix, HTML))
    assert article.title == "Ferry resumes after strike"
    assert article.outlet == "Harbour Times"
    assert article.author == "Fenella Marsh"
    assert article.published == "2024-05-20"
    assert article.url == "https://harbourtimes.example/port/ferry-resumes"
    assert article.text == (
        "The Kelsey to Brannock ferry sailed again on Monday morning after a week in port.\n\n"
        "“We are glad to be back at sea,” said the ferry’s captain, Ruth Penhaligon.\n\n"
        "Timetables will return to normal by Wednesday, the operator said."
    )


def test_html_title_falls_back_to_title_tag(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Only a title tag</title></head><body><div><p>"
        + "The harbour wall was repaired on Tuesday after the storm damaged it last week. " * 3
        + "</p></div></body></html>"
    )
    article = one(write(tmp_path, "a.html", html))
    assert article.title == "Only a title tag"
    assert article.text.startswith("The harbour wall was repaired")


def test_json_single_object_with_alternative_names(tmp_path: Path) -> None:
    record = {
        "headline": "Strike ends",
        "body": BODY,
        "publisher": "Northern Wire",
        "published_at": "Thu, 23 May 2024 10:00:00 GMT",
        "link": "https://northernwire.example/strike-ends",
        "byline": "Mara Quist",
    }
    article = one(write(tmp_path, "a.json", json.dumps(record)))
    assert (article.title, article.text, article.outlet) == ("Strike ends", BODY, "Northern Wire")
    assert (article.published, article.author) == ("2024-05-23", "Mara Quist")
    assert article.url == "https://northernwire.example/strike-ends"
    assert article.id == article_id("https://northernwire.example/strike-ends", BODY)


@pytest.mark.parametrize(
    ("key", "value", "field", "expected"),
    [
        ("text", BODY, "text", BODY),
        ("body", BODY, "text", BODY),
        ("content", BODY, "text", BODY),
        ("title", "T", "title", "T"),
        ("headline", "T", "title", "T"),
        ("outlet", "O", "outlet", "O"),
        ("source", "O", "outlet", "O"),
        ("source", {"id": "o", "name": "O"}, "outlet", "O"),
        ("publisher", "O", "outlet", "O"),
        ("site", "O", "outlet", "O"),
        ("published", "2024-01-02", "published", "2024-01-02"),
        ("date", "2 January 2024", "published", "2024-01-02"),
        ("published_at", "2024-01-02T00:00:00Z", "published", "2024-01-02"),
        ("date", "sometime last week", "published", ""),
        ("url", "https://x.example/a", "url", "https://x.example/a"),
        ("link", "https://x.example/a", "url", "https://x.example/a"),
        ("author", "A", "author", "A"),
        ("byline", "By A", "author", "A"),
        ("author", ["A", "B"], "author", "A, B"),
        ("id", "abc", "id", "abc"),
        ("id", 42, "id", "42"),
    ],
)
def test_json_field_names(
    tmp_path: Path, key: str, value: object, field: str, expected: str
) -> None:
    record: dict[str, object] = {} if key in ("body", "content") else {"text": BODY}
    record[key] = value
    article = one(write(tmp_path, "a.json", json.dumps(record)))
    assert getattr(article, field) == expected


def test_outlet_prefers_publisher_over_source(tmp_path: Path) -> None:
    """Data-set exports (PolNeAR) put the corpus name in `source` and the outlet in `publisher`."""
    record = {"text": BODY, "source": "polnear", "publisher": "breitbart"}
    assert one(write(tmp_path, "a.json", json.dumps(record))).outlet == "breitbart"


def test_json_list_items_carry_their_line(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": "First article text."},
        {"id": "b", "text": "Second article text."},
    ]
    path = write(tmp_path, "list.json", json.dumps(records, indent=2))
    loaded = load_articles(path)
    assert [item.source for item in loaded] == [f"{path} line 2", f"{path} line 6"]
    assert [item.article.id for item in loaded if item.article] == ["a", "b"]


def test_jsonl_one_article_per_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"n{i}", "text": f"Article number {i}."}) for i in range(3)]
    path = write(tmp_path, "a.jsonl", "\n".join(lines[:2]) + "\n\n" + lines[2] + "\n")
    loaded = load_articles(path)
    assert [item.source for item in loaded] == [
        f"{path} line 1",
        f"{path} line 2",
        f"{path} line 4",
    ]
    assert [item.article.text for item in loaded if item.article] == [
        f"Article number {i}." for i in range(3)
    ]


def test_text_is_cleaned_and_marks_kept(tmp_path: Path) -> None:
    raw = '“Curly,”\u00a0she said.\r\n\r\n\r\n"Straight"  and ‘single’.\u200b\n\nShare this article'
    article = one(write(tmp_path, "a.json", json.dumps({"text": raw})))
    assert article.text == '“Curly,” she said.\n\n"Straight" and ‘single’.'


# -- ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        "https://Example.COM/news/story",
        "https://example.com/news/story/",
        "https://example.com/news/story#comments",
        "https://example.com/news/story?utm_source=x&utm_medium=y",
        "  https://example.com/news/story  ",
    ],
)
def test_url_variants_give_one_id(variant: str) -> None:
    assert normalise_url(variant) == "https://example.com/news/story"
    assert article_id(variant, "any text") == article_id("https://example.com/news/story", "other")


def test_id_depends_on_url_query_and_path() -> None:
    base = article_id("https://example.com/a", "t")
    assert article_id("https://example.com/a?page=2", "t") != base
    assert article_id("https://example.com/b", "t") != base


def test_text_id_uses_the_cleaned_text(tmp_path: Path) -> None:
    a = one(write(tmp_path, "a.json", json.dumps({"text": "Same  words.\r\n\r\nHere."})))
    b = one(write(tmp_path, "b.json", json.dumps({"text": "Same words.\n\n\n\nHere.\u200b"})))
    assert a.id == b.id
    assert a.id.startswith("t-") and len(a.id) == 18


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\n\t "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert "file is empty" in error_of(write(tmp_path, "empty.txt", content))


def test_binary_file(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert "binary" in message and "offset 8" in message


def test_unknown_suffix(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "article.odt", "PK odt text"))
    assert "unknown format '.odt'" in message and ".jsonl" in message


def test_invalid_utf8_names_byte_and_line(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "latin1.txt", b"Title\n\nCaf\xe9 owner\n"))
    assert "not valid UTF-8" in message and "byte 0xe9 at offset 10 (line 3)" in message
    assert "save the file as UTF-8" in message


def test_jsonl_malformed_line_others_still_load(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "A good article."})
    path = write(
        tmp_path, "mixed.jsonl", f'{good}\n{{"text": "unterminated\n{good.replace("ok", "ok2")}\n'
    )
    loaded = load_articles(path)
    assert [item.ok for item in loaded] == [True, False, True]
    assert loaded[1].source == f"{path} line 2"
    assert loaded[1].error.startswith(f"{path} line 2: is not valid JSON")


def test_jsonl_invalid_utf8_line_others_still_load(tmp_path: Path) -> None:
    good = json.dumps({"text": "A good article."}).encode()
    path = write(tmp_path, "bytes.jsonl", good + b'\n{"text": "caf\xe9"}\n' + good + b"\n")
    loaded = load_articles(path)
    assert [item.ok for item in loaded] == [True, False, True]
    assert loaded[1].error.startswith(f"{path} line 2: is not valid UTF-8")


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_record_without_text_names_field_and_accepted_names(tmp_path: Path, suffix: str) -> None:
    path = write(
        tmp_path, "a" + suffix, json.dumps({"title": "No body", "url": "https://x.example"})
    )
    loaded = load_articles(path)
    assert len(loaded) == 1 and loaded[0].article is None
    assert "field 'text' is missing (accepted names: text, body, content)" in loaded[0].error
    assert str(path) in loaded[0].error


def test_record_with_empty_text(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "a.json", json.dumps({"body": "  "})))
    assert "field 'body' is empty" in message


def test_record_with_only_boilerplate_text(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "a.json", json.dumps({"text": "Share this article"})))
    assert "no article text" in message


def test_json_list_bad_item_others_still_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "list.json",
        json.dumps([{"text": "Fine."}, "not an object", {"title": "x"}], indent=1),
    )
    loaded = load_articles(path)
    assert [item.ok for item in loaded] == [True, False, False]
    assert "expected an article object, found str" in loaded[1].error
    assert loaded[2].error.startswith(f"{path} line 6: field 'text' is missing")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "unterminated', "line 1: is not valid JSON"),
        ('"just a string"', "JSON must be one article object or a list"),
    ],
)
def test_invalid_json(tmp_path: Path, content: str, expected: str) -> None:
    assert expected in error_of(write(tmp_path, "a.json", content))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Title\n\n" + "word " * 100)
    message = error_of(path, max_bytes=100)
    assert "over the limit of 100 bytes" in message and "QUOTECHECK_MAX_FILE_BYTES" in message
    assert one(path, max_bytes=10_000).title == "Title"


def test_markdown_invalid_front_matter(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, "a.md", "---\ntitle: [unclosed\n---\n\nBody text."))
    assert "front matter is not valid YAML" in message


def test_html_without_article_text(tmp_path: Path) -> None:
    message = error_of(
        write(tmp_path, "a.html", "<html><head><title>T</title></head><body></body></html>")
    )
    assert "no article text found" in message


def test_error_messages_come_from_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.md", "")
    expected = str(InputError(str(path), "file is empty; remove it or add the article text"))
    assert load_articles(path) == [Loaded(source=str(path), error=expected)]


# -- walking -------------------------------------------------------------------------------


def test_iter_input_files_walks_sorted_and_skips(tmp_path: Path) -> None:
    for name in ["b.txt", "a.json", "sub/c.md", "sub/deeper/d.jsonl", "z.html"]:
        write(tmp_path, name, "x")
    for name in [
        ".hidden.txt",
        ".git/e.txt",
        "sub/.cache/f.json",
        "notes.odt",
        "README.md",
        "sub/readme.txt",
    ]:
        write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a.json", "b.txt", "z.html", "sub/c.md", "sub/deeper/d.jsonl"]


def test_iter_input_files_named_files_always_yielded_once(tmp_path: Path) -> None:
    pdf = write(tmp_path, "notes.odt", "x")
    txt = write(tmp_path, "a.txt", "x")
    assert list(iter_input_files([pdf, txt, tmp_path, str(txt)])) == [pdf, txt]


def test_iter_input_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_input_files([tmp_path / "nope"]))


# -- the bundled samples -------------------------------------------------------------------


def load_samples() -> list[Loaded]:
    return [item for path in iter_input_files([SAMPLES]) for item in load_articles(path)]


def test_samples_load_without_errors() -> None:
    loaded = load_samples()
    assert [item.error for item in loaded if item.error] == []
    articles = [item.article for item in loaded if item.article]
    assert len(articles) == len(GOLD["articles"]) == 13
    assert len({a.id for a in articles}) == 13
    assert len({a.outlet for a in articles if a.outlet}) >= 3


def test_sample_ids_stable_and_match_gold() -> None:
    first = {item.article.id: item.article for item in load_samples() if item.article}
    second = {item.article.id: item.article for item in load_samples() if item.article}
    assert first.keys() == second.keys()
    assert [a.content_hash for a in first.values()] == [a.content_hash for a in second.values()]
    for gold in GOLD["articles"]:
        article = first[gold["id"]]
        assert str(REPO / gold["file"]) == article.source_path
        assert (article.outlet, article.published, article.url) == (
            gold["outlet"],
            gold["published"],
            gold["url"],
        )


def test_gold_quotes_are_in_the_stored_text() -> None:
    texts = {item.article.id: item.article.text for item in load_samples() if item.article}
    for gold in GOLD["articles"]:
        for quote in gold["quotes"]:
            assert texts[gold["id"]].count(quote["text"]) == 1, quote["text"]
            assert quote["kind"] in ("direct", "mixed", "indirect")
            assert all(fragment in quote["text"] for fragment in quote.get("fragments", []))


def test_sample_boilerplate_dropped() -> None:
    texts = "\n".join(item.article.text for item in load_samples() if item.article)
    for phrase in [
        "comment policy",
        "newsletter",
        "Share this article",
        "All rights reserved",
        "cookies",
        "Reporting by",
        "Follow us on",
        "Most read",
    ]:
        assert phrase not in texts


# -- hostile input -------------------------------------------------------------------------


def test_hostile_markdown_loads_and_loses_the_javascript_url() -> None:
    article = one(HOSTILE / "script-tags.md")
    assert "javascript:" not in article.text
    assert "already on sale according to the organisers" in article.text
    # tags in Markdown are kept as text: escaping them is the renderer's job
    assert "<script>alert(1)</script>" in article.text


def test_hostile_html_loses_scripts_and_handlers() -> None:
    article = one(HOSTILE / "script-tags.html")
    assert "onerror" not in article.text and "javascript:" not in article.text
    assert "We have never had a crowd like it" in article.text


def test_prompt_injection_is_kept_as_plain_text() -> None:
    article = one(HOSTILE / "prompt-injection.txt")
    assert "Ignore previous instructions" in article.text
    assert article.outlet == "Northern Wire"
