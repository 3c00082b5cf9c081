"""A real HTTP server on 127.0.0.1 for the fetch tests and the fetch benchmark.

``LoopbackServer(routes)`` serves ``routes[path](request) -> Reply`` from a thread
(``ThreadingHTTPServer``) and records every request (path, headers, time) in ``server.requests``.
:func:`news_site` builds the routes of a small news site with every failure the fetch stage must
survive: a flaky page (503, 503, 200), a 404, a page that never answers, a redirect loop, a 20 MB
body, a PNG served as text/html, a feed that is not XML, an ETag-aware feed, robots.txt with a
disallowed path and a Crawl-delay.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Request:
    path: str  # with the query string
    headers: dict[str, str]
    at: float  # time.monotonic() when received

    @property
    def host(self) -> str:
        return self.headers.get("host", "")


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    stream: Callable | None = None  # writes the body itself (no Content-Length, connection closed)
    hang: float = 0.0  # seconds to wait before answering (cut short when the server stops)


Route = Callable[[Request], Reply]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients that hang up early are expected
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class LoopbackServer:
    def __init__(self, routes: dict[str, Route] | Callable[[Request], Reply | None]):
        self.routes = routes
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                req = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with server._lock:
                    server.requests.append(req)
                reply = server.resolve(req)
                if reply.hang:
                    server.stopping.wait(reply.hang)
                try:
                    self.send_response(reply.status)
                    if reply.content_type:
                        self.send_header("Content-Type", reply.content_type)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if reply.stream is not None:
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self.close_connection = True
                        reply.stream(self.wfile)
                        return
                    if "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.body:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    self.close_connection = True

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def resolve(self, req: Request) -> Reply:
        path = urlsplit(req.path).path
        if callable(self.routes):
            reply = self.routes(req)
        else:
            route = self.routes.get(path)
            reply = route(req) if route else None
        return reply or Reply(404, b"<html><body><h1>Not found</h1></body></html>")

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self, host: str | None = None) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests if host is None or r.host.split(":")[0] == host]

    def count(self, path: str) -> int:
        return sum(1 for p in self.paths() if urlsplit(p).path == path)

    def __enter__(self) -> "LoopbackServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------------------- a news site
ARTICLES = {
    # slug: (headline, byline, date, paragraphs)
    "a1": ("Port strike ends after pay deal", "Maria Jensen", "2024-04-02T08:15:00+00:00", [
        "Dock workers at the country's largest port returned to work on Tuesday after unions accepted a pay offer that ends a nine-day strike.",
        "“This is a fair deal and our members have voted for it,” union leader Tom Harris told reporters at the gates.",
        "The port authority said it expected the backlog of container ships to clear within a week.",
    ]),
    "a2": ("City council approves new tram line", "Ahmed Karim", "2024-04-02T11:00:00+00:00", [
        "The city council voted 31 to 12 on Monday night to build a tram line linking the northern suburbs to the centre.",
        "Mayor Lena Ortiz said the line would “change how a whole generation moves around this city.”",
        "Opponents argued that the projected cost of 400 million euros was unrealistic.",
    ]),
    "flaky": ("Heatwave warning issued for the weekend", "Sam Okafor", "2024-04-03T06:30:00+00:00", [
        "Forecasters issued an amber heat warning on Wednesday, with temperatures expected to reach 36C on Saturday.",
        "“People should check on elderly neighbours and avoid the midday sun,” said Dr Priya Shah of the health agency.",
        "Several music festivals said they would add water stations and shaded areas.",
    ]),
    "b1": ("Central bank holds rates steady", "Claire Dubois", "2024-04-04T13:45:00+00:00", [
        "The central bank left its main interest rate unchanged at 4.5 percent on Thursday, citing stubborn services inflation.",
        "Governor Erik Lund said the bank was “not yet confident” that inflation would return to target.",
        "Markets had priced in a small chance of a cut before the summer.",
    ]),
    "b2": ("Museum returns looted bronzes", "Kofi Mensah", "2024-04-05T09:20:00+00:00", [
        "A national museum handed back 20 bronze sculptures on Friday in a ceremony attended by ministers from both countries.",
        "“Today we correct a wrong that lasted more than a century,” the culture minister said.",
        "The museum said further returns were under discussion.",
    ]),
    "c1": ("Floods close motorway for second day", "Ines Moreau", "2024-04-06T07:05:00+00:00", [
        "The main motorway to the coast stayed closed on Saturday as flood water covered a six-kilometre stretch.",
        "Police urged drivers to avoid the area, saying the diversion routes were already congested.",
        "Engineers said pumps would run through the night.",
    ]),
    "c2": ("Striker signs record contract", "Luis Romero", "2024-04-06T19:40:00+00:00", [
        "The league's top scorer signed a five-year contract on Saturday, the largest in the club's history.",
        "“I always wanted to stay here,” the striker said, holding up his new shirt.",
        "The club did not disclose the fee.",
    ]),
    "e1": ("Library reopens after renovation", "Nora Weiss", "2024-04-07T10:00:00+00:00", [
        "The central library reopened on Sunday after a two-year renovation that added a rooftop reading room.",
        "“Libraries are the living rooms of a city,” the head librarian said at the opening.",
    ]),
    "e2": ("Ferry service resumes", "Piet de Vries", "2024-04-07T12:30:00+00:00", [
        "Ferries between the mainland and the islands resumed on Sunday after storms cancelled sailings for three days.",
        "The operator said extra crossings would run until Tuesday.",
    ]),
    "secret": ("Internal memo", "Staff", "2024-04-01T00:00:00+00:00", [
        "This page is disallowed by robots.txt and must never be requested by the crawler.",
    ]),
}


def article_html(slug: str, canonical: str | None = None, charset: str = "utf-8") -> str:
    headline, byline, date, paragraphs = ARTICLES.get(slug) or generated_article(slug)
    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>{headline} | The Loopback Herald</title>
<meta property="og:site_name" content="The Loopback Herald">
<meta name="author" content="{byline}">
<meta property="article:published_time" content="{date}">
{canon}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By {byline}</p>
{body}
</article>
<aside><h2>Most read</h2><ul><li><a href="/x">Ten tips for a better garden</a></li><li><a href="/y">Quiz of the week</a></li></ul></aside>
</main>
<footer><p>© 2024 The Loopback Herald. All rights reserved.</p></footer>
</body></html>"""


def generated_article(slug: str) -> tuple[str, str, str, list[str]]:
    n = sum(map(ord, slug))
    return (f"Report number {slug} on the regional economy", "Wire Staff", "2024-04-08T09:00:00+00:00", [
        f"Regional output grew by {n % 7}.{n % 10} percent in the first quarter, the statistics office said on Monday in report {slug}.",
        f"“The recovery is broad but fragile,” chief economist Anna Berg said, pointing to weak exports in {n % 12 + 1} sectors.",
        "Retail sales and construction both rose, while manufacturing orders fell for a third month.",
        "Economists expect the central bank to watch the figures closely before its next meeting.",
    ])


def rss_feed(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "\n".join(
        f"<item><title>{title}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Tue, 02 Apr 2024 08:15:00 GMT</pubDate><description>Summary of {title}</description></item>"
        for path, title in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Loopback Herald</title><link>{base}/</link>
<description>Latest news</description>{entries}</channel></rss>""".encode()


def atom_feed(base: str, items: list[tuple[str, str]]) -> bytes:
    entries = "\n".join(
        f'<entry><title>{title}</title><link rel="alternate" href="{base}{path}"/><id>{base}{path}</id>'
        f"<updated>2024-04-04T13:45:00Z</updated><published>2024-04-04T13:45:00Z</published></entry>"
        for path, title in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Herald Business</title><id>{base}/atom</id>
<updated>2024-04-05T09:20:00Z</updated>{entries}</feed>""".encode()


def news_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "\n".join(
        f"<url><loc>{base}{path}</loc><news:news><news:publication><news:name>The Loopback Herald</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>2024-04-06T07:05:00Z</news:publication_date>"
        f"<news:title>{ARTICLES.get(path.rsplit('/', 1)[-1].split('.')[0], ('Item',))[0]}</news:title></news:news></url>"
        for path in paths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{urls}</urlset>""".encode()


def plain_sitemap(base: str, paths: list[str]) -> bytes:
    urls = "\n".join(f"<url><loc>{base}{p}</loc><lastmod>2024-04-08</lastmod></url>" for p in paths)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
BIG = 20 * 1024 * 1024

ROBOTS = """User-agent: *
Disallow: /private/
Crawl-delay: {delay}

User-agent: badbot
Disallow: /
"""


def news_site(server_base: Callable[[], str], crawl_delay: float = 0.0, hang_s: float = 5.0,
              extra_articles: int = 0) -> dict[str, Route]:
    """Routes of the test news site. ``server_base()`` gives ``http://127.0.0.1:PORT`` (the port is
    known only once the server exists). ``extra_articles`` adds /bulk/N.html pages and /bulk-sitemap.xml."""
    counters: dict[str, int] = {}
    lock = threading.Lock()

    def bump(key: str) -> int:
        with lock:
            counters[key] = counters.get(key, 0) + 1
            return counters[key]

    def page(slug: str, canonical: str | None = None) -> Route:
        return lambda req: Reply(body=article_html(slug, canonical).encode())

    def flaky(req: Request) -> Reply:
        if bump("flaky") <= 2:
            return Reply(503, b"<html><body>Service unavailable</body></html>")
        return Reply(body=article_html("flaky").encode())

    def rate_limited(req: Request) -> Reply:
        if bump("rate") == 1:
            return Reply(429, b"slow down", headers={"Retry-After": "1"})
        return Reply(body=article_html("c2").replace("Striker", "Goalkeeper").encode())

    def etag_feed(req: Request) -> Reply:
        if req.headers.get("if-none-match") == '"v1"':
            return Reply(304, content_type=None, headers={"ETag": '"v1"'})
        base = server_base()
        return Reply(body=rss_feed(base, [("/articles/e1.html", "Library reopens after renovation"),
                                          ("/articles/e2.html", "Ferry service resumes")]),
                     content_type="application/rss+xml", headers={"ETag": '"v1"'})

    def lastmod_sitemap(req: Request) -> Reply:
        stamp = formatdate(1712563200, usegmt=True)
        if req.headers.get("if-modified-since") == stamp:
            return Reply(304, content_type=None)
        return Reply(body=plain_sitemap(server_base(), ["/articles/a1.html", "/articles/e1.html"]),
                     content_type="application/xml", headers={"Last-Modified": stamp})

    def stream_big(wfile) -> None:
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        for _ in range(BIG // len(chunk) + 1):
            wfile.write(chunk)

    def latin1(req: Request) -> Reply:
        html = article_html("b1", charset="iso-8859-1").replace(
            "Governor Erik Lund", "Governor Jos\u00e9 Mu\u00f1oz").encode("latin-1", errors="xmlcharrefreplace")
        return Reply(body=html, content_type="text/html")

    routes: dict[str, Route] = {
        "/robots.txt": lambda req: Reply(body=ROBOTS.format(delay=crawl_delay).encode(), content_type="text/plain"),
        "/feeds/rss.xml": lambda req: Reply(body=rss_feed(server_base(), [
            ("/articles/a1.html", "Port strike ends after pay deal"),
            ("/articles/a2.html?utm_source=rss&amp;utm_medium=feed", "City council approves new tram line"),
            ("/articles/flaky.html", "Heatwave warning issued for the weekend"),
            ("/articles/missing.html", "This story was removed"),
            ("/private/secret.html", "Internal memo"),
        ]), content_type="application/rss+xml; charset=utf-8"),
        "/feeds/atom.xml": lambda req: Reply(body=atom_feed(server_base(), [
            ("/articles/b1.html", "Central bank holds rates steady"),
            ("/articles/b2.html?ref=atom", "Museum returns looted bronzes"),
        ]), content_type="application/atom+xml"),
        "/feeds/etag.xml": etag_feed,
        "/feeds/broken.xml": lambda req: Reply(body=b"<html><body>Oops, this is not a feed & never was</body>",
                                               content_type="application/rss+xml"),
        "/sitemap.xml": lambda req: Reply(body=news_sitemap(server_base(), [
            "/articles/c1.html", "/articles/c2.html", "/articles/slow.html", "/articles/image.html",
            "/articles/big.html", "/articles/big-stream.html", "/loop/a", "/articles/latin1.html",
            "/articles/notes.txt", "/articles/gone.html",
        ]), content_type="application/xml"),
        "/sitemap-index.xml": lambda req: Reply(body=(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{server_base()}/sitemap-lastmod.xml</loc></sitemap></sitemapindex>").encode(),
            content_type="application/xml"),
        "/sitemap-lastmod.xml": lastmod_sitemap,
        "/articles/a1.html": page("a1"),
        "/articles/a2.html": page("a2"),
        "/articles/flaky.html": flaky,
        "/articles/b1.html": page("b1"),
        "/articles/b2.html": lambda req: Reply(body=article_html(
            "b2", canonical=f"{server_base()}/articles/museum-bronzes?utm_campaign=x").encode()),
        "/articles/c1.html": page("c1"),
        "/articles/c2.html": page("c2"),
        "/articles/e1.html": page("e1"),
        "/articles/e2.html": page("e2"),
        "/articles/rate-limited.html": rate_limited,
        "/articles/too-patient.html": lambda req: Reply(429, b"come back tomorrow", headers={"Retry-After": "3600"}),
        "/articles/slow.html": lambda req: Reply(body=article_html("c1").encode(), hang=hang_s),
        "/articles/image.html": lambda req: Reply(body=PNG, content_type="text/html"),
        "/articles/big.html": lambda req: Reply(body=b"", headers={"Content-Length": str(BIG)},
                                                stream=lambda w: w.write(b"<p>" + b"x" * BIG)),
        "/articles/big-stream.html": lambda req: Reply(stream=stream_big),
        "/articles/latin1.html": latin1,
        "/articles/notes.txt": lambda req: Reply(body=b"plain notes", content_type="text/plain"),
        "/articles/gone.html": lambda req: Reply(500, b"<html><body>Internal error</body></html>"),
        "/loop/a": lambda req: Reply(302, headers={"Location": "/loop/b"}),
        "/loop/b": lambda req: Reply(302, headers={"Location": "/loop/a"}),
        "/moved.html": lambda req: Reply(301, headers={"Location": "/articles/a1.html"}),
        "/private/secret.html": page("secret"),
        "/front": lambda req: Reply(body=article_html("a1").encode()),
    }
    if extra_articles:
        paths = [f"/bulk/{i}.html" for i in range(extra_articles)]
        for p in paths:
            routes[p] = page(p.rsplit("/", 1)[-1].split(".")[0])
        routes["/bulk-sitemap.xml"] = lambda req: Reply(body=plain_sitemap(server_base(), paths),
                                                        content_type="application/xml")
    return routes
