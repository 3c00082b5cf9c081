"""Stable identifiers: fixed-length hex of a fast, stable hash (xxh3-128). Never Python's hash()."""

from __future__ import annotations

import re
import unicodedata

import xxhash

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                         "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})


def stable_hash(*parts: object) -> str:
    """32 hex chars of xxh3-128 over the parts joined by a unit separator."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return xxhash.xxh3_128_hexdigest(joined.encode("utf-8"))


def normalize_text(text: str) -> str:
    """The exact-duplicate key's text: NFKC, straight quotes, case-folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def article_id(url: str) -> str:
    return stable_hash("url", url)


def local_article_id(source_name: str, relative_path: str) -> str:
    return stable_hash("file", source_name, relative_path)


def text_hash(text: str) -> str:
    return stable_hash("text", normalize_text(text))


def quote_id(article: str, start: int, end: int) -> str:
    return stable_hash("quote", article, start, end)


_WORDS = re.compile(r"\w+", re.UNICODE)


def unique_quote_id(text: str) -> str:
    """Same for wordings that differ only in case, punctuation, quote marks or spacing."""
    return stable_hash("wording", " ".join(_WORDS.findall(normalize_text(text))))
