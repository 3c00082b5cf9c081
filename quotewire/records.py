"""The small records that travel between stages. Plain dataclasses, no behaviour beyond conversion.

Lake schemas (``quotewire.schemas``) mirror these field-for-field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime


@dataclass
class Source:
    """One entry of sources.toml or one ``--source`` value."""

    name: str
    kind: str  # folder | file | jsonl | page | urls | rss | sitemap | warc  (auto-detected if "auto")
    location: str  # path or URL
    outlet: str | None = None
    options: dict = field(default_factory=dict)


@dataclass
class RawDoc:
    """A document as received: HTML or plain text plus what the source told us about it."""

    article_id: str
    source: str
    url: str
    body: str  # HTML (kind == "html") or plain text (kind == "text")
    kind: str = "text"
    title: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    http_status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchLogRow:
    """One fetch outcome: every URL or file that failed (and the ones that succeeded) is a row."""

    source: str
    url: str
    status: str  # ok | not_modified | skipped | error
    reason: str | None = None  # e.g. "http 404", "timeout", "robots disallowed", "not html", "bad json line 3"
    http_status: int | None = None
    attempts: int = 1
    elapsed_ms: float | None = None
    fetched_at: datetime | None = None


@dataclass
class Removal:
    """One thing cleaning removed, and the rule that removed it (for auditing)."""

    rule: str
    text: str


@dataclass
class Article:
    article_id: str
    source: str
    url: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    language: str | None = None
    dateline: str | None = None
    text_hash: str | None = None
    cluster_id: str | None = None
    is_canonical: bool = True
    removed: list[Removal] = field(default_factory=list)


@dataclass
class Quote:
    """One quotation. Offsets are Python str offsets into the article's stored text (end exclusive)."""

    start: int
    end: int
    text: str
    type: str  # direct | indirect | mixed
    speaker: str | None = None  # the mention as written ("He")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None  # canonical ("Anders Fogh Rasmussen")
    speaker_role: str | None = None  # "NATO Secretary-General"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.0
    # a quotation split by its attribution ('"…," she said, "…"') is one Quote spanning both parts;
    # ``parts`` then lists each part's (start, end), marks included (None: one part = start..end)
    parts: list[tuple[int, int]] | None = None


def to_dict(record) -> dict:
    return asdict(record)


def field_names(cls) -> list[str]:
    return [f.name for f in fields(cls)]
