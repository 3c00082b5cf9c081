"""RSS / Atom feeds (feedparser) to article links, and telling feeds and sitemaps from pages."""

from __future__ import annotations

import re
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser

from quotewire.fetching.urls import canonicalize_url, is_http_url


@dataclass
class Link:
    """An article URL a feed or sitemap lists, with what it says about the article."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    outlet: str | None = None


class MalformedFeed(ValueError):
    pass


_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF|urlset|sitemapindex|html)\b", re.I)


def sniff_xml_kind(body: bytes, content_type: str | None = None) -> str | None:
    """"rss" for RSS/Atom/RDF, "sitemap" for urlset/sitemapindex, None for anything else (a page)."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    m = _ROOT.search(head)
    if m:
        root = m.group(1).lower()
        if root in (b"rss", b"feed", b"rdf"):
            return "rss"
        if root in (b"urlset", b"sitemapindex"):
            return "sitemap"
        return None
    ctype = (content_type or "").lower()
    if "rss" in ctype or "atom" in ctype:
        return "rss"
    return None


def _struct_to_dt(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(timegm(value), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(body: bytes, base_url: str, max_items: int) -> tuple[list[Link], str | None]:
    """The article links of an RSS/Atom feed (at most ``max_items``) and the feed's title.

    Raises MalformedFeed when the body is not a feed (feedparser "bozo" with no entries, or not
    XML at all). Entries without an http(s) link are left out.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    version = parsed.get("version") or ""
    if parsed.get("bozo") and not parsed.entries:
        exc = parsed.get("bozo_exception")
        raise MalformedFeed(f"malformed feed ({type(exc).__name__}: {exc})" if exc else "malformed feed")
    if not version and not parsed.entries:
        raise MalformedFeed("malformed feed (not RSS or Atom)")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    links: list[Link] = []
    for entry in parsed.entries:
        href = entry.get("link")
        if not href:
            for alt in entry.get("links", []):
                if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                    href = alt["href"]
                    break
        if not href:
            continue
        url = canonicalize_url(href, base=base_url)
        if not is_http_url(url):
            continue
        published = _struct_to_dt(entry.get("published_parsed") or entry.get("updated_parsed"))
        title = entry.get("title") or None
        links.append(Link(url=url, title=title.strip() if title else None, published_at=published))
        if len(links) >= max_items:
            break
    return links, feed_title
