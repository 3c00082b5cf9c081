"""Pure pieces of the fetch stage, over small literal inputs (no server, no Prefect)."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from quotewire.fetching.feeds import MalformedFeed, parse_feed, sniff_xml_kind
from quotewire.fetching.http import backoff_delay, parse_retry_after
from quotewire.fetching.remote import canonical_link
from quotewire.fetching.text import binary_signature
from quotewire.fetching.robots import crawl_delay, parse_robots
from quotewire.fetching.sitemaps import MalformedSitemap, parse_sitemap
from quotewire.fetching.state import AliasStore, ValidatorStore
from quotewire.fetching.text import (decode_body, is_html_content_type, parse_iso_datetime,
                                     parse_iso_datetime_or_none)
from quotewire.fetching.urls import canonicalize_url


@pytest.mark.parametrize("url, expected", [
    ("HTTP://Example.COM:80/a/b?utm_source=x&b=2&a=1#frag", "http://example.com/a/b?a=1&b=2"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/x/?fbclid=abc", "https://example.com/x/"),
    ("https://example.com/p?id=3&ref=tw&gclid=9", "https://example.com/p?id=3"),
    ("https://example.com:443/p?UTM_Campaign=y", "https://example.com/p"),
    ("file:///tmp/a.txt", "file:///tmp/a.txt"),
])
def test_canonicalize_url(url, expected):
    assert canonicalize_url(url) == expected


def test_canonicalize_relative():
    assert canonicalize_url("../b.html?utm_medium=rss", base="https://ex.com/news/a/x.html") == "https://ex.com/news/b.html"


@pytest.mark.parametrize("value, expected", [
    ("2", 2.0), ("0", 0.0), (None, None), ("", None), ("soon", None),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 10.0),
])
def test_parse_retry_after(value, expected):
    now = datetime(2015, 10, 21, 7, 27, 50, tzinfo=timezone.utc).timestamp()
    assert parse_retry_after(value, now=now) == expected


@pytest.mark.parametrize("attempt, base, cap, ceiling", [(1, 0.5, 30, 0.5), (3, 0.5, 30, 2.0), (10, 0.5, 30, 30)])
def test_backoff_delay_is_bounded_exponential_jitter(attempt, base, cap, ceiling):
    rng = random.Random(7)
    delays = [backoff_delay(attempt, base, cap, rng) for _ in range(200)]
    assert all(0.1 * ceiling <= d <= ceiling for d in delays)
    assert len(set(delays)) > 100  # jittered


ROBOTS = """# comment
User-agent: *
Disallow: /private/
Crawl-delay: 0.5

User-agent: quotewire
User-agent: otherbot
Disallow: /drafts/
Crawl-delay: 2
"""


@pytest.mark.parametrize("agent, delay", [("quotewire/0.1 (+x)", 2.0), ("SomeBot/1", 0.5), ("OtherBot", 2.0)])
def test_crawl_delay(agent, delay):
    assert crawl_delay(ROBOTS, agent) == delay


@pytest.mark.parametrize("agent, path, allowed", [
    ("quotewire", "/drafts/x", False), ("quotewire", "/private/x", True), ("somebot", "/private/x", False),
    ("somebot", "/drafts/x", True),
])
def test_robots_rules(agent, path, allowed):
    parser = parse_robots(ROBOTS)
    parser.modified()
    assert parser.can_fetch(agent, "https://ex.com" + path) is allowed


@pytest.mark.parametrize("content_type, expected", [
    ("text/html; charset=utf-8", True), ("application/xhtml+xml", True), (None, True),
    ("image/png", False), ("text/plain", False), ("application/json", False),
])
def test_is_html_content_type(content_type, expected):
    assert is_html_content_type(content_type) is expected


@pytest.mark.parametrize("body, content_type, expected", [
    ("Größe".encode("utf-8"), "text/html; charset=utf-8", "Größe"),
    ("Größe".encode("latin-1"), "text/html; charset=ISO-8859-1", "Größe"),
    ('<meta charset="windows-1252"><p>\x93hi\x94</p>'.encode("latin-1"), "text/html", '<meta charset="windows-1252"><p>“hi”</p>'),
    ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'.encode() + "мир".encode("koi8-r"), None, None),
    (b"\xef\xbb\xbfBOM", None, "BOM"),
    ("Größe".encode("utf-8"), "text/html; charset=bogus-charset", "Größe"),
    (b"caf\xe9", None, "caf\xe9"),
])
def test_decode_body(body, content_type, expected):
    text = decode_body(body, content_type)
    if expected is None:
        assert text.endswith("мир")
    else:
        assert text == expected


@pytest.mark.parametrize("value, expected", [
    ("2024-05-01T10:00:00Z", datetime(2024, 5, 1, 10, tzinfo=timezone.utc)),
    ("2024-05-01T12:00:00+02:00", datetime(2024, 5, 1, 10, tzinfo=timezone.utc)),
    ("2024-05-01", datetime(2024, 5, 1, tzinfo=timezone.utc)),
    ("", None), (None, None),
])
def test_parse_iso_datetime(value, expected):
    assert parse_iso_datetime(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "01/05/2024", 12])
def test_parse_iso_datetime_rejects(value):
    with pytest.raises(ValueError):
        parse_iso_datetime(value)
    assert parse_iso_datetime_or_none(value) is None
    assert parse_iso_datetime_or_none("2024-05-01") == datetime(2024, 5, 1, tzinfo=timezone.utc)


@pytest.mark.parametrize("html, expected", [
    ('<head><link rel="canonical" href="/a/b?utm_source=x"></head>', "https://ex.com/a/b"),
    ("<head><link href='https://other.example/x' rel='canonical'></head>", "https://other.example/x"),
    ('<head><link rel="alternate" href="/amp"></head>', None),
    ('<head><link rel="canonical" href="javascript:void(0)"></head>', None),
    ('<head></head><body><link rel="canonical" href="/late"></body>', None),
])
def test_canonical_link(html, expected):
    assert canonical_link(html, "https://ex.com/news/1") == expected


@pytest.mark.parametrize("body, expected", [
    (b"\x89PNG\r\n\x1a\n", "image/png"), (b"%PDF-1.7", "application/pdf"), (b"<html>\x00</html>", "binary"),
    (b"<!doctype html><p>hi</p>", None),
    (bytes(range(1, 32)) * 20, "binary"),  # control characters, no NUL
    ("\ufeffUTF-16 text with a BOM".encode("utf-16"), None),
    ("Tab\tand\r\nnewlines\f".encode(), None),
])
def test_binary_signature(body, expected):
    assert binary_signature(body) == expected


@pytest.mark.parametrize("body, content_type, expected", [
    (b'<?xml version="1.0"?><rss version="2.0">', None, "rss"),
    (b'\xef\xbb\xbf<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', None, "rss"),
    (b'<rdf:RDF xmlns:rdf="x">', None, "rss"),
    (b'<?xml version="1.0"?><urlset xmlns="x">', "text/xml", "sitemap"),
    (b"<sitemapindex>", None, "sitemap"),
    (b"<!doctype html><html><body>", "text/html", None),
    (b"garbage", "application/rss+xml", "rss"),
])
def test_sniff_xml_kind(body, content_type, expected):
    assert sniff_xml_kind(body, content_type) == expected


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title> One </title><link>https://ex.com/1?utm_source=rss</link><pubDate>Tue, 02 Apr 2024 08:15:00 +0200</pubDate></item>
<item><title>No link</title></item>
<item><title>Relative</title><link>/2</link></item>
<item><title>Three</title><link>https://ex.com/3</link></item>
</channel></rss>"""


def test_parse_feed():
    links, title = parse_feed(RSS, "https://ex.com/feed", max_items=10)
    assert title == "T"
    assert [(l.url, l.title) for l in links] == [("https://ex.com/1", "One"), ("https://ex.com/2", "Relative"),
                                                ("https://ex.com/3", "Three")]
    assert links[0].published_at == datetime(2024, 4, 2, 6, 15, tzinfo=timezone.utc)
    assert len(parse_feed(RSS, "https://ex.com/feed", max_items=2)[0]) == 2


@pytest.mark.parametrize("body", [b"<html><body>not a feed</body></html>", b"", b"{\"json\": true}"])
def test_parse_feed_malformed(body):
    with pytest.raises(MalformedFeed):
        parse_feed(body, "https://ex.com/feed", 10)


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://ex.com/a?utm_source=sm</loc><lastmod>2024-01-01</lastmod>
<news:news><news:publication><news:name>Ex News</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2024-04-06T07:05:00+01:00</news:publication_date><news:title>Floods</news:title></news:news></url>
<url><loc>https://ex.com/b</loc><lastmod>2024-02-03</lastmod></url>
<url><lastmod>2024-02-03</lastmod></url>
</urlset>"""


def test_parse_news_sitemap():
    sm = parse_sitemap(NEWS_SITEMAP, "https://ex.com/sitemap.xml", 10)
    assert sm.children == []
    a, b = sm.links
    assert (a.url, a.title, a.outlet) == ("https://ex.com/a", "Floods", "Ex News")
    assert a.published_at == datetime(2024, 4, 6, 6, 5, tzinfo=timezone.utc)
    assert (b.url, b.title, b.published_at) == ("https://ex.com/b", None, datetime(2024, 2, 3, tzinfo=timezone.utc))


def test_parse_sitemap_index():
    body = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://ex.com/s1.xml</loc>'
            b"</sitemap><sitemap><loc>/s2.xml</loc></sitemap></sitemapindex>")
    assert parse_sitemap(body, "https://ex.com/index.xml", 10).children == ["https://ex.com/s1.xml", "https://ex.com/s2.xml"]


@pytest.mark.parametrize("body", [b"<html><body>nope</body></html>", b"not xml at all", b"<urlset><url>"])
def test_parse_sitemap_malformed(body):
    with pytest.raises(MalformedSitemap):
        parse_sitemap(body, "https://ex.com/sitemap.xml", 10)


def test_state_files_round_trip_and_merge(tmp_path):
    one, two = ValidatorStore(tmp_path), ValidatorStore(tmp_path)
    one.remember("https://ex.com/feed", '"v1"', None)
    two.remember("https://ex.com/sitemap.xml", None, "Mon, 08 Apr 2024 08:00:00 GMT")
    one.save()
    two.save()  # merges: does not drop what `one` wrote
    three = ValidatorStore(tmp_path)
    assert three.conditional_headers("https://ex.com/feed") == {"If-None-Match": '"v1"'}
    assert three.conditional_headers("https://ex.com/sitemap.xml") == {"If-Modified-Since": "Mon, 08 Apr 2024 08:00:00 GMT"}
    assert three.conditional_headers("https://ex.com/other") == {}
    assert [p.name for p in tmp_path.iterdir()] == ["http_validators.json"]  # no temp files left
    aliases = AliasStore(tmp_path)
    aliases.remember("a", "b")
    aliases.remember("c", "c")
    aliases.save()
    assert AliasStore(tmp_path).resolve("a") == "b" and AliasStore(tmp_path).resolve("c") == "c"


def test_corrupt_state_file_is_ignored(tmp_path):
    (tmp_path / "http_validators.json").write_text("{not json")
    assert ValidatorStore(tmp_path).conditional_headers("https://ex.com/feed") == {}


def test_host_clock_is_shared_and_spaces_request_starts():
    from quotewire.fetching.http import push_back, reserve_slot

    host = "clock-test.example:1"
    assert reserve_slot(host, 0.5) == 0.0  # first request: now
    second = reserve_slot(host, 0.5)  # any client in the process: after the delay
    assert 0.4 < second <= 0.5
    assert reserve_slot("other-host.example:1", 0.5) == 0.0  # hosts are independent
    push_back(host, 30)
    assert reserve_slot(host, 0.0) > 29  # Retry-After holds the host for everyone
