"""Crawling one remote source — a page, a file of URLs, an RSS/Atom feed, a sitemap, or a URL whose
kind is decided by what the server answers ("auto") — into a :class:`Batch`."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from quotewire.fetching.batch import Batch, display_path
from quotewire.fetching.feeds import Link, MalformedFeed, parse_feed, sniff_xml_kind
from quotewire.fetching.http import Fetched, PoliteClient
from quotewire.fetching.sitemaps import MalformedSitemap, parse_sitemap
from quotewire.fetching.state import AliasStore, ValidatorStore
from quotewire.fetching.text import binary_signature, decode_body, is_html_content_type, media_type, utcnow
from quotewire.fetching.urls import canonicalize_url, is_http_url, url_article_id
from quotewire.records import RawDoc, Source
from quotewire.settings import Settings

MAX_SITEMAP_DEPTH = 3
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
def run_sync(coro):
    """Run a coroutine to completion from sync code, also when this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def canonical_link(html: str, base_url: str) -> str | None:
    """The page's ``<link rel="canonical" href>`` made absolute, if it is an http(s) URL."""
    head = html[:200_000]
    end = head.lower().find("</head>")
    if end != -1:
        head = head[:end]
    for tag in _LINK_TAG.findall(head):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag)}
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href", "").strip():
            url = canonicalize_url(attrs["href"], base=base_url)
            return url if is_http_url(url) else None
    return None


class Crawler:
    def __init__(self, client: PoliteClient, source: Source, settings: Settings, batch: Batch,
                 store: ValidatorStore, aliases: AliasStore):
        self.client, self.source, self.settings, self.batch, self.store = client, source, settings, batch, store
        self.aliases = aliases
        self.budget = int(source.options.get("max_items", settings.max_feed_items))

    # --------------------------------------------------------------------------- listings
    async def listing(self, url: str) -> Fetched | None:
        """A feed or sitemap GET with the remembered validators; None (and a row) unless 2xx."""
        fetched = await self.client.get(url, headers=self.store.conditional_headers(url))
        if fetched.not_modified:
            self.batch.row(url, "not_modified", "304 not modified", http_status=304, attempts=fetched.attempts,
                           elapsed_ms=fetched.elapsed_ms)
            return None
        if not self._check(url, fetched):
            return None
        return fetched

    def _check(self, url: str, fetched: Fetched) -> bool:
        if fetched.error or not fetched.ok:
            self.batch.error(url, fetched.error or f"http {fetched.status}", http_status=fetched.status,
                             attempts=fetched.attempts, elapsed_ms=fetched.elapsed_ms)
            return False
        return True

    def _listed(self, url: str, fetched: Fetched, what: str, count: int) -> None:
        self.store.remember(url, fetched.headers.get("etag"), fetched.headers.get("last-modified"))
        self.batch.row(url, "ok", f"{what}: {count} links", http_status=fetched.status,
                       attempts=fetched.attempts, elapsed_ms=fetched.elapsed_ms)

    async def feed(self, url: str, fetched: Fetched | None = None) -> None:
        fetched = fetched or await self.listing(url)
        if fetched is None:
            return
        try:
            links, _title = parse_feed(fetched.body, fetched.final_url, self.budget)
        except MalformedFeed as exc:
            self.batch.error(url, str(exc), http_status=fetched.status, attempts=fetched.attempts)
            return
        self._listed(url, fetched, "feed", len(links))
        await self.pages(links)

    async def sitemap(self, url: str, fetched: Fetched | None = None, depth: int = 0) -> None:
        fetched = fetched or await self.listing(url)
        if fetched is None:
            return
        body = fetched.body
        if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file
            import gzip

            try:
                body = gzip.decompress(body)[: self.settings.max_body_bytes]
            except OSError as exc:
                self.batch.error(url, f"malformed sitemap (bad gzip: {exc})", http_status=fetched.status)
                return
        try:
            parsed = parse_sitemap(body, fetched.final_url, self.budget)
        except MalformedSitemap as exc:
            self.batch.error(url, str(exc), http_status=fetched.status, attempts=fetched.attempts)
            return
        if parsed.children:
            self._listed(url, fetched, "sitemap index", len(parsed.children))
            if depth >= MAX_SITEMAP_DEPTH:
                self.batch.error(url, f"sitemap index nested deeper than {MAX_SITEMAP_DEPTH}")
                return
            for child in parsed.children:
                if self.budget <= 0:
                    break
                await self.sitemap(child, depth=depth + 1)
            return
        self._listed(url, fetched, "sitemap", len(parsed.links))
        self.budget -= len(parsed.links)
        await self.pages(parsed.links)

    async def url_list(self, path: Path) -> None:
        shown = display_path(path)
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            self.batch.error(str(path), f"{shown}: unreadable ({exc.strerror or type(exc).__name__})")
            return
        links = []
        for lineno, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if not is_http_url(line):
                self.batch.error(f"{path.resolve().as_uri()}#L{lineno}", f"{shown}:{lineno}: not an http(s) URL")
                continue
            links.append(Link(canonicalize_url(line)))
        await self.pages(links)

    async def auto(self, url: str) -> None:
        """A URL of unknown kind: a feed or a sitemap by its root element, otherwise a page."""
        fetched = await self.listing(url)
        if fetched is None:
            return
        kind = sniff_xml_kind(fetched.body, fetched.content_type)
        if kind == "rss":
            await self.feed(url, fetched)
        elif kind == "sitemap":
            await self.sitemap(url, fetched)
        else:
            await self.page(Link(canonicalize_url(url)), fetched)

    # ------------------------------------------------------------------------------ pages
    async def pages(self, links: list[Link]) -> None:
        todo: list[Link] = []
        queued: set[str] = set()
        for link in links:
            aid = url_article_id(link.url)
            if aid in queued or self.is_stored(link.url, aid):
                continue
            queued.add(aid)
            todo.append(link)
        await asyncio.gather(*(self.page(link) for link in todo))

    def is_stored(self, url: str, aid: str) -> bool:
        """Already stored (under this URL's id or the id it resolved to on an earlier night): logged
        as skipped."""
        final = self.aliases.resolve(aid)
        if final != aid and self.batch.is_known(final):
            return self.batch.skip_known(url, final)
        return self.batch.skip_known(url, aid)

    def _redirect_is_stored(self, url: str) -> bool:
        return self.batch.is_known(self.aliases.resolve(url_article_id(url)))

    async def page(self, link: Link, fetched: Fetched | None = None) -> None:
        fetched = fetched or await self.client.get(link.url, stop_at=self._redirect_is_stored)
        requested_id = url_article_id(link.url)
        if fetched.stopped_at:  # redirected to an article stored on an earlier night
            self.aliases.remember(requested_id, url_article_id(fetched.stopped_at))
            self.batch.skip_known(fetched.stopped_at, self.aliases.resolve(url_article_id(fetched.stopped_at)))
            return
        if not self._check(link.url, fetched):
            return
        ctype = fetched.content_type
        reason = None
        if not is_html_content_type(ctype):
            reason = f"not html ({media_type(ctype)})"
        else:
            sig = binary_signature(fetched.body)
            if sig:
                reason = f"not html ({sig} body served as {media_type(ctype) or 'no content type'})"
        if reason:
            self.batch.error(link.url, reason, http_status=fetched.status, attempts=fetched.attempts,
                             elapsed_ms=fetched.elapsed_ms)
            return
        html = decode_body(fetched.body, ctype)
        url = canonical_link(html, fetched.final_url) or canonicalize_url(fetched.final_url)
        aid = url_article_id(url)
        self.aliases.remember(requested_id, aid)
        if self.batch.skip_known(url, aid):
            return
        self.batch.add(RawDoc(
            article_id=aid, source=self.source.name, url=url, body=html, kind="html", title=link.title,
            outlet=link.outlet or self.source.outlet, published_at=link.published_at, fetched_at=utcnow(),
            http_status=fetched.status, content_type=ctype, etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
        ), attempts=fetched.attempts, elapsed_ms=fetched.elapsed_ms,
            reason=None if url == canonicalize_url(link.url) else f"canonical of {link.url}")


async def _crawl(source: Source, kind: str, settings: Settings, batch: Batch) -> int:
    store = ValidatorStore(settings.state_dir)
    aliases = AliasStore(settings.state_dir)
    async with PoliteClient(settings) as client:
        crawler = Crawler(client, source, settings, batch, store, aliases)
        if kind == "urls":
            local = Path(unquote(urlsplit(source.location).path)) if source.location.startswith("file:") \
                else Path(source.location).expanduser()
            await crawler.url_list(local)
        elif not is_http_url(source.location):
            batch.error(source.location, f"{source.location}: a {kind} source needs an http(s) URL")
        elif kind == "page":
            await crawler.pages([Link(canonicalize_url(source.location), outlet=source.outlet)])
        elif kind == "rss":
            await crawler.feed(source.location)
        elif kind == "sitemap":
            await crawler.sitemap(source.location)
        else:
            await crawler.auto(source.location)
        batch.pending_state += [store, aliases]  # saved by the caller, once the night is stored
        return client.requests_sent


def crawl_source(source: Source, kind: str, settings: Settings, batch: Batch) -> int:
    """Crawl one remote source into ``batch``; returns the number of HTTP requests sent."""
    return run_sync(_crawl(source, kind, settings, batch))
