"""Extract stage: plain text kept as is, HTML main text + metadata with trafilatura/htmldate."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from quotewire.records import RawDoc
from tasks.extract import drop_heading, extract_article, extract_batch, normalize_plain_text

ARTICLE_HTML = """<!doctype html>
<html lang="en-GB"><head>
<title>Minister resigns over contracts | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Lois Lane">
{date_meta}
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Minister resigns over contracts</h1>
<p>The transport minister resigned on Tuesday after weeks of pressure from within her own party, officials said.</p>
<p>“I have done nothing wrong,” she told reporters outside the ministry, adding that she would fight the allegations in court.</p>
<p>The opposition welcomed the move and called for an independent inquiry into the ministry’s contracts with private firms.</p>
</article>
<aside class="related"><h3>Most read</h3><ul><li><a href="/x">Cat stuck in tree</a></li></ul></aside>
<footer>Copyright 2024 Daily Planet. All rights reserved.</footer>
</body></html>"""

PUBLISHED_META = '<meta property="article:published_time" content="2024-03-05T10:30:00+01:00">'


def _html(date_meta: str = PUBLISHED_META) -> str:
    return ARTICLE_HTML.format(date_meta=date_meta)


def test_html_main_text_and_metadata():
    article = extract_article(RawDoc("id1", "src", "https://planet.example/news/1", _html(), kind="html"))
    assert article is not None
    paragraphs = article.text.split("\n")
    assert paragraphs[0].startswith("The transport minister resigned")
    assert "“I have done nothing wrong,” she told reporters" in article.text  # typographic quotes kept
    assert len(paragraphs) == 3
    for boiler in ("Home", "Most read", "Cat stuck", "Copyright"):
        assert boiler not in article.text
    assert article.title == "Minister resigns over contracts"
    assert article.outlet == "Daily Planet" and article.author == "Lois Lane"
    assert article.language == "en"
    assert article.published_at == datetime(2024, 3, 5, 9, 30, tzinfo=timezone.utc)
    assert (article.article_id, article.source, article.url) == ("id1", "src", "https://planet.example/news/1")


def test_source_metadata_wins():
    published = datetime(2020, 1, 2, 3, 4, tzinfo=timezone.utc)
    raw = RawDoc("id1", "src", "https://planet.example/news/1", _html(), kind="html", title="Feed title",
                 outlet="Planet Wire", published_at=published)
    article = extract_article(raw)
    assert (article.title, article.outlet, article.published_at) == ("Feed title", "Planet Wire", published)


def test_date_from_htmldate_when_no_meta():
    html = _html(date_meta="").replace(
        "<article>", '<article><p class="byline">Published <time datetime="2023-11-20">20 November 2023</time></p>')
    article = extract_article(RawDoc("id", "s", "https://planet.example/2023/11/20/story", html, kind="html"))
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == "2023-11-20"


@pytest.mark.parametrize("body, expected", [
    ("One.\n\nTwo.\n", "One.\n\nTwo."),
    ("One.\r\n\r\nTwo.", "One.\n\nTwo."),
    ("  One.  \n\n\n\nTwo.", "One.\n\nTwo."),
    ("“Quoted,” he said.", "“Quoted,” he said."),
])
def test_text_docs_kept_as_is(body, expected):
    article = extract_article(RawDoc("id", "s", "file:///x.txt", body, kind="text", title="T"))
    assert article.text == expected and article.title == "T"


@pytest.mark.parametrize("text, title, expected", [
    ("Big news\nBody.", "Big news", "Body."),
    ("Big  News\n\nBody.", "big news", "Body."),
    ("Other\nBody.", "Big news", "Other\nBody."),
    ("Big news", "Big news", "Big news"),
    ("Body.", None, "Body."),
])
def test_drop_heading(text, title, expected):
    assert drop_heading(text, title) == expected


@pytest.mark.parametrize("text, expected", [("a\u2029b", "a\n\nb"), ("\n\na\n", "a")])
def test_normalize_plain_text(text, expected):
    assert normalize_plain_text(text) == expected


@pytest.mark.parametrize("raw", [
    RawDoc("e1", "s", "https://x.example/empty", "<html><body><nav>Home</nav></body></html>", kind="html"),
    RawDoc("e2", "s", "https://x.example/blank", "   ", kind="html"),
    RawDoc("e3", "s", "file:///blank.txt", " \n\n ", kind="text"),
    RawDoc("e4", "s", "https://x.example/png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", kind="html"),
])
def test_no_text_is_none(raw):
    assert extract_article(raw) is None


def test_extract_batch_logs_docs_without_text():
    docs = [RawDoc("ok", "s", "https://x.example/ok", _html(), kind="html"),
            RawDoc("bad", "s", "https://x.example/bad", "<html><body></body></html>", kind="html", http_status=200)]
    articles, rows = extract_batch(docs)
    assert [a.article_id for a in articles] == ["ok"]
    assert [(r.url, r.status, r.reason, r.http_status) for r in rows] == [
        ("https://x.example/bad", "error", "no main text", 200)]


# ------------------------------------------------------------------ saved real news pages
import json  # noqa: E402
from pathlib import Path  # noqa: E402

from quotewire.fetching.evaluate import prf, score_page  # noqa: E402

PAGES = Path(__file__).resolve().parents[1] / "pages"
PAGE_META = json.loads((PAGES / "pages.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("extracted, expected, scores", [
    ("a b c", "a b c", (1.0, 1.0, 1.0)),
    ("a b c d", "a b", (0.5, 1.0, 2 / 3)),
    ("A, b!", "a b c d", (1.0, 0.5, 2 / 3)),
    ("", "a", (0.0, 0.0, 0.0)),
    ("x y", "a b", (0.0, 0.0, 0.0)),
    ("a a b", "a b b", (2 / 3, 2 / 3, 2 / 3)),  # multisets, not sets
])
def test_prf(extracted, expected, scores):
    assert prf(extracted, expected) == pytest.approx(scores)


def test_saved_pages_are_many_and_varied():
    assert len(PAGE_META) >= 20
    assert len({m["site"] for m in PAGE_META.values()}) >= 10
    assert len({m["lang"] for m in PAGE_META.values()}) >= 3


@pytest.mark.parametrize("slug", sorted(PAGE_META))
def test_saved_page_main_text(slug):
    html = (PAGES / f"{slug}.html").read_text(encoding="utf-8")
    expected = (PAGES / f"{slug}.txt").read_text(encoding="utf-8")
    score = score_page(slug, html, expected, PAGE_META[slug])
    assert score.recall >= 0.8 and score.precision >= 0.8, score
    assert score.language_ok is not False and score.title_ok is not False, score
