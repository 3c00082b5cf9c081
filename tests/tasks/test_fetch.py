"""Fetch stage on local sources (folders, files, JSONL, WARC) and source parsing.

The HTTP side (feeds, sitemaps, pages, politeness) is in tests/fetching/test_http_server.py,
against a real loopback server.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quotewire import ids
from quotewire.settings import Settings
from tasks.fetch import fetch_source_docs, load_sources, parse_source


@pytest.fixture()
def settings(tmp_path) -> Settings:
    return Settings(state_dir=tmp_path / "state", host_delay_s=0, max_retries=0)


@pytest.mark.parametrize("value, kind, location, name", [
    ("https://www.example.com/news/a.html", "auto", "https://www.example.com/news/a.html", "example.com"),
    ("rss:https://example.com/feed.xml", "rss", "https://example.com/feed.xml", "example.com"),
    ("atom:https://example.com/atom", "rss", "https://example.com/atom", "example.com"),
    ("sitemap:http://127.0.0.1:8000/sitemap.xml", "sitemap", "http://127.0.0.1:8000/sitemap.xml", "127.0.0.1"),
    ("page:https://example.com/x", "page", "https://example.com/x", "example.com"),
    ("urls:lists/today.txt", "urls", "lists/today.txt", "today"),
    ("warc:crawl.warc.gz", "warc", "crawl.warc.gz", "crawl"),
    ("story.txt", "file", "story.txt", "story"),
    ("story.HTML", "file", "story.HTML", "story"),
    ("dump.jsonl", "jsonl", "dump.jsonl", "dump"),
    ("crawl.warc", "warc", "crawl.warc", "crawl"),
    ("crawl.warc.gz", "warc", "crawl.warc.gz", "crawl"),
    ("today.urls", "urls", "today.urls", "today"),
])
def test_parse_source(value, kind, location, name):
    source = parse_source(value)
    assert (source.kind, source.location, source.name) == (kind, location, name)


def test_parse_source_folder_and_explicit_name(tmp_path):
    source = parse_source(str(tmp_path), name="mine")
    assert (source.kind, source.name, source.location) == ("folder", "mine", str(tmp_path))


@pytest.mark.parametrize("value", ["", "   ", "bogus:https://example.com/"])
def test_parse_source_rejects_or_treats_as_path(value):
    if not value.strip():
        with pytest.raises(ValueError):
            parse_source(value)
    else:  # an unknown prefix is not a kind: the whole value is a local path
        assert parse_source(value).kind in ("file", "folder")


def test_load_sources_resolves_relative_paths(tmp_path):
    (tmp_path / "articles").mkdir()
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[source]]\nname = "local"\nkind = "folder"\nlocation = "articles"\n\n'
        '[[source]]\nname = "wire"\nkind = "atom"\nlocation = "https://example.com/atom.xml"\n'
        'outlet = "Example Wire"\noptions = { max_items = 5 }\n\n'
        '[[source]]\nname = "dump"\nlocation = "dump.jsonl"\n'
    )
    sources = load_sources(toml)
    assert [(s.name, s.kind) for s in sources] == [("local", "folder"), ("wire", "rss"), ("dump", "jsonl")]
    assert sources[0].location == str(tmp_path / "articles")
    assert sources[1].outlet == "Example Wire" and sources[1].options == {"max_items": 5}


@pytest.mark.parametrize("body, message", [
    ('[[source]]\nname = "a"\n', "no location"),
    ('[[source]]\nname = "a"\nlocation = "x"\n[[source]]\nname = "a"\nlocation = "y"\n', "used twice"),
    ('[[source]]\nname = "a"\nkind = "ftp"\nlocation = "x"\n', "unknown source kind"),
])
def test_load_sources_rejects_bad_files(tmp_path, body, message):
    toml = tmp_path / "sources.toml"
    toml.write_text(body)
    with pytest.raises(ValueError, match=message):
        load_sources(toml)


def test_repo_sources_file_is_local_only():
    from quotewire import PROJECT_ROOT

    sources = load_sources(PROJECT_ROOT / "sources.toml")
    assert sources and all(s.kind in ("folder", "file", "jsonl", "warc") for s in sources)


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "one.txt").write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    (root / "sub" / "two.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (root / "notes.md").write_text("not an article")
    (root / ".hidden.txt").write_text("hidden")
    return root


def test_folder_source_reads_supported_files(tmp_path, settings):
    root = _folder(tmp_path)
    result = fetch_source_docs(parse_source(str(root), "news"), settings)
    assert not result.failed
    by_kind = {d.kind: d for d in result.docs}
    assert set(by_kind) == {"text", "html"} and len(result.docs) == 2
    text = by_kind["text"]
    assert text.body == "First paragraph.\n\nSecond paragraph.\n"
    assert text.article_id == ids.local_article_id("news", "one.txt")
    assert text.url == (root / "one.txt").resolve().as_uri() and text.title is None
    assert by_kind["html"].article_id == ids.local_article_id("news", "sub/two.html")
    assert [r.status for r in result.log] == ["ok", "ok"]


def test_folder_known_ids_are_skipped_unless_refetch(tmp_path, settings):
    root = _folder(tmp_path)
    known = frozenset({ids.local_article_id("news", "one.txt")})
    result = fetch_source_docs(parse_source(str(root), "news"), settings, known)
    assert [d.kind for d in result.docs] == ["html"]
    skipped = [r for r in result.log if r.status == "skipped"]
    assert len(skipped) == 1 and skipped[0].reason == "already stored" and skipped[0].url.endswith("one.txt")
    again = fetch_source_docs(parse_source(str(root), "news"), settings.with_overrides(refetch=True), known)
    assert len(again.docs) == 2 and not any(r.status == "skipped" for r in again.log)


def test_missing_path_is_a_failed_source(tmp_path, settings):
    result = fetch_source_docs(parse_source(str(tmp_path / "nope"), "gone"), settings)
    assert result.failed and result.docs == []
    assert len(result.log) == 1 and result.log[0].status == "error"
    assert "no such file or folder" in result.log[0].reason and "nope" in result.log[0].reason


def test_single_file_source_charset_fallback(tmp_path, settings):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners said \x93no\x94.".encode("latin-1"))
    result = fetch_source_docs(parse_source(str(path)), settings)
    assert [d.body for d in result.docs] == ["Café owners said “no”."]
    assert result.docs[0].article_id == ids.local_article_id("latin", "latin.txt")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_file_that_fails_to_read_is_an_error_row_and_the_rest_goes_through(tmp_path, settings):
    """A read that fails even for root: /proc/self/mem is a regular file whose read() gives EIO."""
    root = _folder(tmp_path)
    (root / "broken.txt").symlink_to("/proc/self/mem")
    result = fetch_source_docs(parse_source(str(root), "news"), settings)
    errors = [r for r in result.log if r.status == "error"]
    assert len(result.docs) == 2 and len(errors) == 1
    assert "broken.txt: unreadable" in errors[0].reason


@pytest.mark.parametrize("name, data, kind", [
    ("random.txt", bytes(range(256)) * 8, "binary"),
    ("picture.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
])
def test_binary_file_is_an_error_row(tmp_path, settings, name, data, kind):
    root = _folder(tmp_path)
    (root / name).write_bytes(data)
    result = fetch_source_docs(parse_source(str(root), "news"), settings)
    errors = [r for r in result.log if r.status == "error"]
    assert len(result.docs) == 2
    assert [e.reason for e in errors] == [f"{root / name}: not text ({kind} content)"]


def test_too_large_file_is_an_error_row(tmp_path, settings):
    root = _folder(tmp_path)
    (root / "big.html").write_text("<p>" + "x" * 5000 + "</p>")
    result = fetch_source_docs(parse_source(str(root), "news"), settings.with_overrides(max_body_bytes=1000))
    errors = [r for r in result.log if r.status == "error"]
    assert len(result.docs) == 2 and len(errors) == 1 and "too large" in errors[0].reason


JSONL_LINES = [
    {"url": "https://Example.com/a?utm_source=rss&id=1", "text": "Body A.\n\nMore A.", "title": "A",
     "published_at": "2024-05-01T10:00:00+02:00", "outlet": "Wire"},
    "this is not json",
    {"text": "no url here"},
    {"url": "https://example.com/c", "title": "no body"},
    {"url": "https://example.com/d", "html": "<html><body><p>D</p></body></html>", "published_at": "2024-05-02"},
    "",
    ["a", "list"],
    {"url": "https://example.com/e", "text": "E", "published_at": "yesterday"},
]


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps(x) if not isinstance(x, str) else x for x in JSONL_LINES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_good_lines_and_error_rows(tmp_path, settings, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _jsonl(tmp_path)
    result = fetch_source_docs(parse_source("dump.jsonl", "dump"), settings)
    assert not result.failed
    docs = {d.url: d for d in result.docs}
    assert set(docs) == {"https://example.com/a?id=1", "https://example.com/d", "https://example.com/e"}
    a = docs["https://example.com/a?id=1"]
    assert (a.kind, a.body, a.title, a.outlet) == ("text", "Body A.\n\nMore A.", "A", "Wire")
    assert a.article_id == ids.article_id("https://example.com/a?id=1")
    assert a.published_at == datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    d = docs["https://example.com/d"]
    assert d.kind == "html" and d.published_at == datetime(2024, 5, 2, tzinfo=timezone.utc)
    assert docs["https://example.com/e"].published_at is None
    reasons = sorted(r.reason for r in result.log if r.status == "error")
    assert reasons == [
        "dump.jsonl:2: not JSON (Expecting value)",
        "dump.jsonl:3: no url",
        "dump.jsonl:4: neither text nor html",
        "dump.jsonl:7: not a JSON object",
    ]
    notes = [r.reason for r in result.log if r.status == "ok" and r.reason]
    assert notes == ["dump.jsonl:8: published_at 'yesterday' is not ISO 8601, ignored"]


def test_jsonl_known_ids_use_canonical_url(tmp_path, settings):
    path = _jsonl(tmp_path)
    known = frozenset({ids.article_id("https://example.com/a?id=1")})
    result = fetch_source_docs(parse_source(str(path), "dump"), settings, known)
    assert "https://example.com/a?id=1" not in {d.url for d in result.docs}
    assert [r.url for r in result.log if r.status == "skipped"] == ["https://example.com/a?id=1"]


def test_jsonl_all_lines_bad_fails_the_source(tmp_path, settings):
    path = tmp_path / "bad.jsonl"
    path.write_text("{\n[1]\n")
    result = fetch_source_docs(parse_source(str(path)), settings)
    assert result.failed and len(result.log) == 2


def _warc(path: Path, pages: dict[str, tuple[str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, (ctype, body) in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("filename", ["crawl.warc.gz", "crawl.warc"])
def test_warc_source(tmp_path, settings, filename):
    path = tmp_path / filename
    _warc(path, {
        "https://news.example/a?utm_medium=x": ("text/html; charset=utf-8", "<html><body><p>Größe</p></body></html>".encode()),
        "https://news.example/logo.png": ("image/png", b"\x89PNG\r\n"),
        "https://news.example/b": ("text/html; charset=iso-8859-1", "<p>caf\xe9</p>".encode("latin-1")),
    })
    result = fetch_source_docs(parse_source(str(path)), settings,
                               frozenset({ids.article_id("https://news.example/b")}))
    assert [(d.url, d.kind, d.http_status) for d in result.docs] == [("https://news.example/a", "html", 200)]
    assert "Größe" in result.docs[0].body
    statuses = {r.url: (r.status, r.reason) for r in result.log}
    assert statuses["https://news.example/logo.png"][0] == "skipped"
    assert "not html (image/png)" in statuses["https://news.example/logo.png"][1]
    assert statuses["https://news.example/b"] == ("skipped", "already stored")


def test_truncated_warc_keeps_records_before_the_damage(tmp_path, settings):
    path = tmp_path / "broken.warc"
    _warc(path, {"https://news.example/a": ("text/html", b"<p>A</p>"),
                 "https://news.example/b": ("text/html", b"<p>B</p>" * 100)})
    data = path.read_bytes()
    path.write_bytes(data + b"this is not a WARC record\n" * 3)
    result = fetch_source_docs(parse_source(str(path)), settings)
    assert [d.url for d in result.docs] == ["https://news.example/a", "https://news.example/b"]
    assert [r.status for r in result.log].count("error") == 1


def test_unique_docs_keeps_each_article_once_in_first_seen_order():
    from quotewire.records import RawDoc
    from tasks.fetch import FetchResult, unique_docs

    def doc(aid, source):
        return RawDoc(article_id=aid, source=source, url=f"https://x.example/{aid}", body="b")

    one = FetchResult(source="a", docs=[doc("1", "a"), doc("2", "a")], log=[], failed=False)
    two = FetchResult(source="b", docs=[doc("2", "b"), doc("3", "b")], log=[], failed=False)
    assert [(d.article_id, d.source) for d in unique_docs([one, two])] == [("1", "a"), ("2", "a"), ("3", "b")]


def test_resolve_sources_prefers_flags_then_the_sources_file_then_the_samples(tmp_path, settings):
    from tasks.fetch import resolve_sources

    (tmp_path / "in").mkdir()
    assert [s.location for s in resolve_sources(settings, [str(tmp_path / "in")])] == [str(tmp_path / "in")]
    fallback = settings.with_overrides(sources_file=tmp_path / "missing.toml")
    assert [(s.name, s.kind) for s in resolve_sources(fallback)] == [("samples", "folder")]
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "wire"\nkind = "folder"\nlocation = "in"\n', encoding="utf-8")
    assert [s.name for s in resolve_sources(settings.with_overrides(sources_file=toml))] == ["wire"]
