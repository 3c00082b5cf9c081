"""Decoding what we receive, and parsing the dates sources give us."""

from __future__ import annotations

import codecs
import re
from datetime import date, datetime, timezone

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return _known_codec(m.group(1)) if m else None


def charset_from_meta(body: bytes) -> str | None:
    """The charset a ``<meta charset>`` / ``http-equiv`` tag declares in the first 4 KB."""
    m = _META_CHARSET.search(body[:4096])
    return _known_codec(m.group(1).decode("ascii", "ignore")) if m else None


def decode_body(body: bytes, content_type: str | None = None, html: bool = True) -> str:
    """Bytes to text: BOM, then the header charset, then ``<meta charset>``, then UTF-8, then a
    detected charset (bodies of 1 KB or more); never raises (the last resort is cp1252 with
    replacement characters)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace")
    candidates = [charset_from_content_type(content_type)]
    if html:
        candidates.append(charset_from_meta(body))
    candidates.append("utf-8")
    for enc in candidates:
        if not enc:
            continue
        if enc in ("ascii", "iso8859-1", "latin-1"):
            enc = "cp1252"  # what browsers do for these labels
        try:
            return body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    if len(body) >= 1024:  # enough bytes for a detector to tell legacy charsets apart
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(body[:200_000]).best()
            if best is not None and best.encoding and not best.encoding.startswith(("utf_16", "utf_32")):
                return body.decode(best.encoding, errors="replace")
        except Exception:  # pragma: no cover - detection is best effort
            pass
    return body.decode("cp1252", errors="replace")  # the web's most common legacy charset


def parse_iso_datetime(value: object) -> datetime | None:
    """ISO 8601 (``2024-05-01``, ``2024-05-01T10:00:00Z``, with offset) to an aware UTC datetime.

    Naive values are taken as UTC. Returns None when ``value`` is empty; raises ValueError when it
    is not ISO 8601.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        dt = datetime.fromisoformat(text)
    else:
        raise ValueError(f"not a date: {value!r}")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def parse_iso_datetime_or_none(value: object) -> datetime | None:
    """:func:`parse_iso_datetime`, with None for a value that is not ISO 8601 (dates are best effort)."""
    try:
        return parse_iso_datetime(value)
    except (ValueError, TypeError):
        return None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


HTML_TYPES = ("text/html", "application/xhtml+xml")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_html_content_type(content_type: str | None) -> bool:
    """Only HTML-like responses are parsed as pages (a missing header is given the benefit of the
    doubt; the body is sniffed later)."""
    kind = media_type(content_type)
    return kind == "" or kind in HTML_TYPES


_BINARY_MAGIC = {b"\x89PNG": "image/png", b"GIF8": "image/gif", b"\xff\xd8\xff": "image/jpeg",
                 b"%PDF": "application/pdf", b"PK\x03\x04": "application/zip", b"RIFF": "riff",
                 b"\x1f\x8b": "gzip"}
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def binary_signature(body: bytes) -> str | None:
    """What a body that is not text looks like ("image/png", "binary"), or None for text.

    Known file signatures first; then NUL bytes or many control characters in the first 4 KB
    (UTF-16 with a byte-order mark is text)."""
    for magic, name in _BINARY_MAGIC.items():
        if body.startswith(magic):
            return name
    if body.startswith(_UTF16_BOMS):
        return None
    head = body[:4096]
    if b"\x00" in head[:1024]:
        return "binary"
    if head and len(head) - len(head.translate(None, _CONTROL)) > 0.05 * len(head):
        return "binary"
    return None
