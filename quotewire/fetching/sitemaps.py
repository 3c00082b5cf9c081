"""XML sitemaps (``urlset``, ``sitemapindex``) and Google-News sitemaps to article links."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from quotewire.fetching.feeds import Link
from quotewire.fetching.text import parse_iso_datetime_or_none
from quotewire.fetching.urls import canonicalize_url, is_http_url

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class MalformedSitemap(ValueError):
    pass


@dataclass
class Sitemap:
    links: list[Link] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemaps a sitemapindex points to


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el, name: str, ns: str | None = None) -> str | None:
    for child in el:
        if _local(child.tag) == name and (ns is None or etree.QName(child.tag).namespace == ns):
            text = (child.text or "").strip()
            return text or None
    return None


def parse_sitemap(body: bytes, base_url: str, max_items: int) -> Sitemap:
    """Links of a ``urlset`` (with Google-News title, publication date and outlet when present, else
    ``lastmod`` as the date) or the child sitemaps of a ``sitemapindex``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = etree.fromstring(body.lstrip(b"\xef\xbb\xbf \t\r\n"), parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedSitemap(f"malformed sitemap ({exc})") from None
    kind = _local(root.tag)
    out = Sitemap()
    if kind == "sitemapindex":
        for sm in root:
            loc = _child_text(sm, "loc")
            if loc and is_http_url(canonicalize_url(loc, base=base_url)):
                out.children.append(canonicalize_url(loc, base=base_url))
        return out
    if kind != "urlset":
        raise MalformedSitemap(f"malformed sitemap (root element <{kind}>)")
    for node in root:
        if _local(node.tag) != "url":
            continue
        loc = _child_text(node, "loc")
        if not loc:
            continue
        url = canonicalize_url(loc, base=base_url)
        if not is_http_url(url):
            continue
        link = Link(url=url, published_at=parse_iso_datetime_or_none(_child_text(node, "lastmod")))
        for child in node:
            if _local(child.tag) == "news" and etree.QName(child.tag).namespace == NEWS_NS:
                link.title = _child_text(child, "title", NEWS_NS)
                link.published_at = parse_iso_datetime_or_none(_child_text(child, "publication_date", NEWS_NS)) or link.published_at
                for pub in child:
                    if _local(pub.tag) == "publication":
                        link.outlet = _child_text(pub, "name", NEWS_NS)
        out.links.append(link)
        if len(out.links) >= max_items:
            break
    return out
