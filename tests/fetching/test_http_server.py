"""The fetch stage against a real HTTP server on 127.0.0.1 (tests/httpserver.py), no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotewire.fetching.urls import url_article_id
from quotewire.settings import Settings
from tasks.extract import extract_batch
from tasks.fetch import fetch_source_docs, parse_source
from tests.httpserver import BIG, LoopbackServer, news_site

pytestmark = pytest.mark.slow


@pytest.fixture()
def site():
    holder: dict = {}
    server = LoopbackServer(news_site(lambda: holder["base"]))
    holder["base"] = server.url("")
    with server:
        yield server


@pytest.fixture()
def settings(tmp_path) -> Settings:
    return Settings(state_dir=tmp_path / "state", host_delay_s=0, connect_timeout_s=0.5, read_timeout_s=0.5,
                    max_retries=2, backoff_base_s=0.01, backoff_max_s=2.0, max_body_bytes=5_000_000,
                    host_concurrency=4)


def _sources(site: LoopbackServer, tmp_path: Path):
    urls = tmp_path / "today.urls"
    urls.write_text("\n".join([
        "# pages handed in by an editor",
        site.url("/moved.html"),
        site.url("/articles/rate-limited.html"),
        site.url("/articles/too-patient.html"),
        "not a url",
        site.url("/articles/a1.html?utm_source=newsletter"),
    ]) + "\n")
    return [
        parse_source("rss:" + site.url("/feeds/rss.xml"), "herald-rss"),
        parse_source("atom:" + site.url("/feeds/atom.xml"), "herald-atom"),
        parse_source("sitemap:" + site.url("/sitemap.xml"), "herald-news-sitemap"),
        parse_source(site.url("/feeds/etag.xml"), "herald-etag"),  # kind auto: sniffed as a feed
        parse_source("rss:" + site.url("/feeds/broken.xml"), "herald-broken"),
        parse_source(f"urls:{urls}", "editor-list"),
    ]


def _run(sources, settings, known=frozenset()):
    return {s.name: fetch_source_docs(s, settings, known) for s in sources}


def _rows(result):
    return {row.url: row for row in result.log}


def test_two_nights_against_the_news_site(site, settings, tmp_path):
    sources = _sources(site, tmp_path)
    first = _run(sources, settings)

    # ---- RSS: two good articles, one after two 503s, a 404, a robots-disallowed page
    rss = first["herald-rss"]
    assert not rss.failed
    assert sorted(d.url for d in rss.docs) == [site.url(p) for p in
                                               ("/articles/a1.html", "/articles/a2.html", "/articles/flaky.html")]
    rows = _rows(rss)
    assert rows[site.url("/feeds/rss.xml")].reason == "feed: 5 links"
    flaky = rows[site.url("/articles/flaky.html")]
    assert (flaky.status, flaky.attempts, flaky.http_status) == ("ok", 3, 200)
    assert site.count("/articles/flaky.html") == 3
    missing = rows[site.url("/articles/missing.html")]
    assert (missing.status, missing.reason, missing.http_status, missing.attempts) == ("error", "http 404", 404, 1)
    secret = rows[site.url("/private/secret.html")]
    assert (secret.status, secret.reason) == ("error", "robots disallowed")
    a1 = next(d for d in rss.docs if d.url.endswith("/a1.html"))
    assert (a1.kind, a1.http_status, a1.title) == ("html", 200, "Port strike ends after pay deal")
    assert a1.published_at.isoformat() == "2024-04-02T08:15:00+00:00"
    assert "union leader Tom Harris" in a1.body and a1.content_type.startswith("text/html")
    assert a1.article_id == url_article_id(site.url("/articles/a1.html"))

    # ---- Atom: rel=canonical honoured, tracking parameters dropped
    atom = first["herald-atom"]
    assert sorted(d.url for d in atom.docs) == [site.url("/articles/b1.html"), site.url("/articles/museum-bronzes")]
    b2 = next(d for d in atom.docs if "museum" in d.url)
    assert b2.article_id == url_article_id(site.url("/articles/museum-bronzes"))
    assert b2.title == "Museum returns looted bronzes"

    # ---- news sitemap: every failure kind is a row with its reason
    sm = first["herald-news-sitemap"]
    assert sorted(d.url for d in sm.docs) == [site.url(p) for p in
                                              ("/articles/c1.html", "/articles/c2.html", "/articles/latin1.html")]
    c1 = next(d for d in sm.docs if d.url.endswith("c1.html"))
    assert (c1.outlet, c1.title) == ("The Loopback Herald", "Floods close motorway for second day")
    rows = _rows(sm)
    reasons = {url.rsplit("/", 1)[-1]: (row.status, row.reason) for url, row in rows.items()}
    assert reasons["slow.html"] == ("error", "timeout (no answer)")
    assert rows[site.url("/articles/slow.html")].attempts == 1  # a server that does not answer is not retried
    assert reasons["image.html"][0] == "error" and reasons["image.html"][1].startswith("not html (image/png")
    assert reasons["big.html"] == ("error", f"too large ({BIG} bytes > 5000000)")
    assert reasons["big-stream.html"] == ("error", "too large (> 5000000 bytes)")
    assert reasons["a"][0] == "error" and reasons["a"][1].startswith("redirect loop")
    assert reasons["notes.txt"] == ("error", "not html (text/plain)")
    assert reasons["gone.html"] == ("error", "http 500 after 3 attempts")
    assert rows[site.url("/articles/gone.html")].attempts == 3 and site.count("/articles/gone.html") == 3
    latin = next(d for d in sm.docs if d.url.endswith("latin1.html"))
    assert "José Muñoz" in latin.body  # charset from <meta charset>, not the header

    # ---- ETag feed detected from the response; broken feed fails its source
    etag = first["herald-etag"]
    assert not etag.failed and len(etag.docs) == 2
    broken = first["herald-broken"]
    assert broken.failed and broken.docs == []
    assert [r.reason.split(" (")[0] for r in broken.log] == ["malformed feed"]

    # ---- URL list: redirect followed, Retry-After honoured, too-long Retry-After given up on
    edited = first["editor-list"]
    rows = _rows(edited)
    assert rows[site.url("/articles/rate-limited.html")].attempts == 2
    patient = rows[site.url("/articles/too-patient.html")]
    assert (patient.status, patient.attempts) == ("error", 1) and "Retry-After 3600s too long" in patient.reason
    bad_line = [r for r in edited.log if "not an http(s) URL" in (r.reason or "")]
    assert len(bad_line) == 1 and bad_line[0].reason.endswith("today.urls:5: not an http(s) URL")
    # /moved.html redirects to a1, stored under its final URL
    assert site.url("/articles/a1.html") in {d.url for d in edited.docs}

    assert "/private/secret.html" not in site.paths()  # robots.txt obeyed: never requested
    assert site.count("/robots.txt") == len(sources)  # once per host per source run

    # ---- extraction of what was fetched
    articles, rows = extract_batch([d for r in first.values() for d in r.docs])
    assert not rows and len(articles) == sum(len(r.docs) for r in first.values())
    by_url = {a.url: a for a in articles}
    assert by_url[site.url("/articles/flaky.html")].text.startswith("Forecasters issued")

    # ---- second night: everything stored is known; the ETag feed answers 304
    known = frozenset(d.article_id for r in first.values() for d in r.docs)
    fetched_first = {d.url for r in first.values() for d in r.docs}
    before = len(site.requests)
    second = _run(sources, settings, known)
    again = [site.url(r.path) for r in site.requests[before:]]
    assert not fetched_first & set(again), "an article stored on night one was fetched again"
    assert sum(len(r.docs) for r in second.values()) == 0
    etag_rows = second["herald-etag"].log
    assert [(r.status, r.http_status) for r in etag_rows] == [("not_modified", 304)]
    assert not second["herald-etag"].failed
    skipped = [r for r in second["herald-rss"].log if r.status == "skipped"]
    assert {r.reason for r in skipped} == {"already stored"} and len(skipped) == 3


def test_robots_fetched_once_per_host(site, settings, tmp_path):
    fetch_source_docs(parse_source("rss:" + site.url("/feeds/rss.xml")), settings)
    fetch_source_docs(parse_source("rss:" + site.url("/feeds/atom.xml")), settings)
    # once per host per run (each source is one run of the client)
    assert site.count("/robots.txt") == 2


def test_refetch_fetches_known_articles(site, settings):
    source = parse_source("rss:" + site.url("/feeds/atom.xml"))
    known = frozenset({url_article_id(site.url("/articles/b1.html"))})
    skipped = fetch_source_docs(source, settings, known)
    assert [d.url for d in skipped.docs] == [site.url("/articles/museum-bronzes")]
    assert site.count("/articles/b1.html") == 0
    refetched = fetch_source_docs(source, settings.with_overrides(refetch=True), known)
    assert len(refetched.docs) == 2 and site.count("/articles/b1.html") == 1


@pytest.mark.parametrize("path, kind, n_docs", [
    ("/feeds/rss.xml", "rss", 3),
    ("/feeds/atom.xml", "rss", 2),
    ("/sitemap-index.xml", "sitemap", 2),  # index → child sitemap → 2 articles
    ("/articles/c2.html", "page", 1),
])
def test_auto_kind_from_response(site, settings, path, kind, n_docs):
    result = fetch_source_docs(parse_source(site.url(path)), settings)
    assert len(result.docs) == n_docs and not result.failed
    assert result.docs[0].kind == "html"


def test_last_modified_sitemap_is_conditional(site, settings):
    source = parse_source("sitemap:" + site.url("/sitemap-lastmod.xml"))
    first = fetch_source_docs(source, settings)
    assert len(first.docs) == 2
    state = (settings.state_dir / "http_validators.json").read_text()
    assert site.url("/sitemap-lastmod.xml") in state
    second = fetch_source_docs(source, settings)
    assert [r.status for r in second.log] == ["not_modified"] and not second.failed
    sent = [r for r in site.requests if r.path == "/sitemap-lastmod.xml"]
    assert "if-modified-since" not in sent[0].headers and "if-modified-since" in sent[1].headers


def test_deferred_validators_are_saved_only_on_commit(site, settings):
    """A night that dies before storing its articles must not leave a 304 that hides them."""
    source = parse_source("sitemap:" + site.url("/sitemap-lastmod.xml"))
    first = fetch_source_docs(source, settings, defer_state=True)
    assert len(first.docs) == 2
    assert not (settings.state_dir / "http_validators.json").exists()
    again = fetch_source_docs(source, settings, defer_state=True)  # the crashed night's rerun
    assert len(again.docs) == 2
    again.commit_state()
    third = fetch_source_docs(source, settings, defer_state=True)
    assert [r.status for r in third.log] == ["not_modified"] and third.docs == []


@pytest.mark.parametrize("value, reason", [
    ("page:{base}/articles/missing.html", "http 404"),
    ("rss:{base}/articles/missing.html", "http 404"),
    ("page:{base}/private/secret.html", "robots disallowed"),
    ("page:http://127.0.0.1:9/closed", "connection error"),
    ("page:http://no-such-host.invalid/x", "connection error"),
])
def test_failed_sources(site, settings, value, reason):
    result = fetch_source_docs(parse_source(value.format(base=site.url(""))), settings.with_overrides(max_retries=0))
    assert result.failed and not result.docs
    assert [r.status for r in result.log] == ["error"] and result.log[0].reason.startswith(reason)


def test_user_agent_and_robots_agent_group(site, settings):
    bad = settings.with_overrides(user_agent="BadBot/2.0")
    result = fetch_source_docs(parse_source("page:" + site.url("/articles/a1.html")), bad)
    assert result.failed and result.log[0].reason == "robots disallowed"
    assert all(r.headers.get("user-agent") == "BadBot/2.0" for r in site.requests)
    assert site.count("/articles/a1.html") == 0


def test_crawl_delay_spaces_requests():
    holder: dict = {}
    server = LoopbackServer(news_site(lambda: holder["base"], crawl_delay=0.2))
    holder["base"] = server.url("")
    settings = Settings(host_delay_s=0, host_concurrency=4, read_timeout_s=2, max_retries=0)
    with server:
        result = fetch_source_docs(parse_source("rss:" + server.url("/feeds/atom.xml")), settings)
    assert len(result.docs) == 2
    times = [r.at for r in server.requests if r.path != "/robots.txt"]
    assert len(times) == 3
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.15, gaps  # Crawl-delay 0.2 raised the host delay of 0


def test_feed_whose_every_article_fails_fails_the_source(site, settings, tmp_path):
    urls = tmp_path / "dead.urls"
    urls.write_text(site.url("/articles/missing.html") + "\n" + site.url("/articles/notes.txt") + "\n")
    result = fetch_source_docs(parse_source(f"urls:{urls}"), settings)
    assert result.failed and sorted(r.reason for r in result.log) == ["http 404", "not html (text/plain)"]
    # the same with one article already stored: nothing new, but not a failure
    known = frozenset({url_article_id(site.url("/articles/notes.txt"))})
    assert not fetch_source_docs(parse_source(f"urls:{urls}"), settings, known).failed
