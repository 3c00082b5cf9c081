"""Canonical URLs: the form an article URL is stored and hashed under."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from courlan import normalize_url

from quotewire import ids

#: query parameters that only track the reader (dropped before hashing)
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
    "yclid", "_ga", "_gl", "ocid", "cmpid", "cmp", "ref", "ref_src", "ref_url", "smid", "smtyp",
    "ito", "itm_source", "itm_medium", "itm_campaign", "ns_mchannel", "ns_source", "ns_campaign",
    "ns_linkname", "ns_fee", "sr_share", "share", "spm", "guccounter", "guce_referrer",
    "guce_referrer_sig", "__twitter_impression", "at_medium", "at_campaign", "rss", "rssfeed",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "at_", "mkt_", "_hs")


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str, base: str | None = None) -> str:
    """The stored form of a URL: absolute, lower-case scheme and host, no fragment, no default
    port, no tracking parameters, remaining query parameters sorted.

    Non-http(s) URLs (``file:``) are returned unchanged apart from being made absolute.
    """
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    try:
        normalized = normalize_url(cleaned, strict=False, trailing_slash=True)
    except (ValueError, TypeError):
        normalized = cleaned
    return normalized


def url_article_id(url: str) -> str:
    """``ids.article_id`` of the canonical form of ``url``."""
    return ids.article_id(canonicalize_url(url))


def host_of(url: str) -> str:
    """``host[:port]`` in lower case (the unit of politeness)."""
    return urlsplit(url).netloc.lower()


def is_http_url(value: str) -> bool:
    return urlsplit(value.strip()).scheme.lower() in ("http", "https") and bool(urlsplit(value).netloc)
