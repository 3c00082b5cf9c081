"""Build the extraction test pages from the article excerpts in ``src/``.

Each ``src/<slug>.html`` starts with an HTML comment holding the page's metadata (JSON), then the
article's real markup (an excerpt of the hand-checked main content of a real news page, see
README.md). Elements marked ``data-boilerplate`` belong to the page but not to the main text
(captions, "Related:" links, newsletter boxes, author blurbs).

This script writes, for every slug:
- ``<slug>.html``: a full page: <head> with the title/site/author/date meta tags a news site
  has, a site header with navigation, the article, and sidebars/footers with the boilerplate
  real news pages carry (one of several layouts, chosen by slug);
- ``<slug>.txt``: the expected main text: one line per body paragraph, heading, list item or
  quoted paragraph of the excerpt, boilerplate elements left out;
- ``pages.json``: slug → metadata.

Run ``python tests/pages/build_pages.py`` after editing ``src/``; the outputs are committed.
"""

from __future__ import annotations

import html
import json
import re
import zlib
from pathlib import Path

from lxml import html as lhtml

HERE = Path(__file__).resolve().parent
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "th", "dd", "dt"}
SKIP = {"figure", "figcaption", "script", "style", "iframe", "noscript"}
_SPACE = re.compile(r"\s+")


def read_source(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    if not (first.startswith("<!--") and first.endswith("-->")):
        raise ValueError(f"{path}: first line must be the metadata comment")
    return json.loads(first[4:-3]), rest


def _skipped(el) -> bool:
    for node in [el, *el.iterancestors()]:
        if node.get("data-boilerplate") is not None or node.tag in SKIP:
            return True
    return False


def expected_text(fragment: str) -> str:
    root = lhtml.fragment_fromstring(fragment, create_parent="div")
    lines = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCKS or _skipped(el):
            continue
        if any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants()):
            continue  # only innermost blocks (an <li> holding a <p>)
        line = _SPACE.sub(" ", "".join(_text_of(el))).strip()
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _text_of(el):
    """Text of ``el`` without the text of skipped descendants (tails of skipped ones kept)."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and not (child.get("data-boilerplate") is not None or child.tag in SKIP):
            yield from _text_of(child)
        if child.tail:
            yield child.tail


def strip_markers(fragment: str) -> str:
    return re.sub(r"\s+data-boilerplate(?:=\"[^\"]*\")?", "", fragment)


NAV = ["Home", "World", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture", "Opinion",
       "Travel", "Video", "Podcasts"]
MOST_READ = [
    "Council approves new budget after marathon session",
    "Five things to watch in the markets this week",
    "Storm warning extended as rivers continue to rise",
    "Review: the new season is darker, funnier and better",
    "How one village saved its last shop",
    "Transfer deadline: all the latest moves",
]


def _pick(slug: str, n: int) -> int:
    return zlib.crc32(slug.encode()) % n


def head(meta: dict) -> str:
    e = html.escape
    title = meta.get("title") or meta["site"]
    tags = [f"<title>{e(title)} | {e(meta['site'])}</title>",
            '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta property="og:site_name" content="{e(meta["site"])}">',
            '<meta property="og:type" content="article">']
    if meta.get("title"):
        tags.append(f'<meta property="og:title" content="{e(meta["title"])}">')
    if meta.get("author"):
        tags.append(f'<meta name="author" content="{e(meta["author"])}">')
    if meta.get("date"):
        tags.append(f'<meta property="article:published_time" content="{e(meta["date"])}">')
    tags.append('<link rel="stylesheet" href="/static/css/site.css">')
    tags.append("<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
                " gtag('js', new Date());</script>")
    return "\n".join(tags)


def header(meta: dict, slug: str) -> str:
    links = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    return f"""<div class="cookie-banner" role="dialog"><p>We use cookies to personalise content and ads, to provide
social media features and to analyse our traffic. By continuing to browse you agree to our use of cookies.</p>
<button>Accept all</button> <button>Manage settings</button></div>
<header class="site-header"><a class="logo" href="/">{html.escape(meta['site'])}</a>
<nav class="primary"><ul>{links}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"><button>Search</button></form>
<a class="subscribe" href="/subscribe">Subscribe</a> <a class="login" href="/login">Sign in</a></header>
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/news">News</a></nav>"""


def byline(meta: dict) -> str:
    parts = []
    if meta.get("author"):
        parts.append(f'<span class="byline">By <a href="/by/{_slugify(meta["author"])}">{html.escape(meta["author"])}</a></span>')
    if meta.get("date"):
        parts.append(f'<time datetime="{html.escape(meta["date"])}">{html.escape(meta["date"][:10])}</time>')
    share = ('<ul class="share"><li><a href="#">Share on Facebook</a></li><li><a href="#">Share on X</a></li>'
             '<li><a href="#">Email</a></li><li><a href="#">Copy link</a></li></ul>')
    return f'<div class="meta">{" ".join(parts)}</div>{share}'


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sidebar(slug: str) -> str:
    k = _pick(slug, len(MOST_READ))
    items = MOST_READ[k:] + MOST_READ[:k]
    li = "".join(f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(items))
    return f"""<aside class="most-read"><h2>Most read</h2><ol>{li}</ol></aside>
<aside class="newsletter"><h3>Sign up for the morning briefing</h3><p>Get the day's top stories and our best
analysis delivered to your inbox every weekday morning. You can unsubscribe at any time.</p>
<form><input type="email" placeholder="Your email address"><button>Sign up</button></form></aside>
<div class="ad ad-mpu">Advertisement</div>"""


def related(slug: str) -> str:
    k = _pick(slug + "r", len(MOST_READ))
    li = "".join(f'<li><a href="/related/{i}"><h3>{MOST_READ[(k + i) % len(MOST_READ)]}</h3></a></li>' for i in range(4))
    return f"""<section class="related"><h2>More on this story</h2><ul>{li}</ul></section>
<section class="comments"><h2>Comments (48)</h2><p>Comments on this story are moderated according to our community
guidelines. Please keep your comments respectful and on topic.</p><button>Show comments</button></section>"""


def footer(meta: dict) -> str:
    cols = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV[:8])
    return f"""<footer class="site-footer"><ul>{cols}</ul><ul><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/cookies">Cookie settings</a></li></ul>
<p>© {html.escape(meta['site'])}. All rights reserved. Reproduction in whole or in part without permission is prohibited.</p></footer>
<script src="/static/js/app.js" async></script>"""


def build_page(slug: str, meta: dict, fragment: str) -> str:
    lang = meta.get("lang") or "en"
    title = html.escape(meta.get("title") or "")
    article = strip_markers(fragment).strip()
    layout = _pick(slug, 3)
    h1 = f"<h1>{title}</h1>" if title else ""
    if layout == 0:  # article, then sidebar, then related
        main = (f'<main><div class="story">{h1}{byline(meta)}\n{article}\n</div>'
                f'<div class="rail">{sidebar(slug)}</div>{related(slug)}</main>')
    elif layout == 1:  # sidebar first in the markup
        main = (f'<div class="layout"><div class="rail">{sidebar(slug)}</div><main id="content">'
                f'<div class="headline">{h1}</div>{byline(meta)}\n{article}\n{related(slug)}</main></div>')
    else:  # related teaser strip above the story
        main = (f'<div class="top-stories">{related(slug)}</div><div class="page-body"><section class="article-wrap">'
                f'{h1}{byline(meta)}\n{article}\n</section><div class="sidebar">{sidebar(slug)}</div></div>')
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n{head(meta)}\n</head>\n'
            f'<body class="article-page">\n{header(meta, slug)}\n{main}\n{footer(meta)}\n</body>\n</html>\n')


def main() -> None:
    index = {}
    for src in sorted((HERE / "src").glob("*.html")):
        slug = src.stem
        meta, fragment = read_source(src)
        (HERE / f"{slug}.html").write_text(build_page(slug, meta, fragment), encoding="utf-8")
        (HERE / f"{slug}.txt").write_text(expected_text(fragment), encoding="utf-8")
        index[slug] = meta
    (HERE / "pages.json").write_text(json.dumps(index, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                     encoding="utf-8")
    print(f"built {len(index)} pages in {HERE}")


if __name__ == "__main__":
    main()
