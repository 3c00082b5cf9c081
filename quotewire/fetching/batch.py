"""Collecting one source's outcome: the documents and one fetch_log row per URL or file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from quotewire.fetching.text import utcnow
from quotewire.records import FetchLogRow, RawDoc

ALREADY_STORED = "already stored"


def display_path(path: Path) -> str:
    """A path as error messages show it: relative to the working directory when under it."""
    try:
        return os.path.relpath(path) if path.is_absolute() and Path.cwd() in path.parents else str(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


@dataclass
class Batch:
    source: str
    known_ids: frozenset[str] = frozenset()
    refetch: bool = False
    docs: list[RawDoc] = field(default_factory=list)
    log: list[FetchLogRow] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    pending_state: list = field(default_factory=list)  # JsonState stores to save once the night is stored

    def is_known(self, article_id: str) -> bool:
        return not self.refetch and article_id in self.known_ids

    def skip_known(self, url: str, article_id: str) -> bool:
        """Log ``url`` as skipped and return True when it is already stored (or seen this run)."""
        if article_id in self.seen:
            return True  # the same article twice in one source: silently once
        if self.is_known(article_id):
            self.seen.add(article_id)
            self.log.append(FetchLogRow(self.source, url, "skipped", ALREADY_STORED, attempts=0,
                                        fetched_at=utcnow()))
            return True
        return False

    def add(self, doc: RawDoc, *, reason: str | None = None, attempts: int = 1,
            elapsed_ms: float | None = None) -> None:
        if doc.article_id in self.seen:
            return
        self.seen.add(doc.article_id)
        if doc.fetched_at is None:
            doc.fetched_at = utcnow()
        self.docs.append(doc)
        self.log.append(FetchLogRow(self.source, doc.url, "ok", reason, http_status=doc.http_status,
                                    attempts=attempts, elapsed_ms=elapsed_ms, fetched_at=doc.fetched_at))

    def error(self, url: str, reason: str, *, http_status: int | None = None, attempts: int = 1,
              elapsed_ms: float | None = None) -> None:
        self.log.append(FetchLogRow(self.source, url, "error", one_line(reason), http_status=http_status,
                                    attempts=attempts, elapsed_ms=elapsed_ms, fetched_at=utcnow()))

    def row(self, url: str, status: str, reason: str | None = None, **kw) -> None:
        kw.setdefault("fetched_at", utcnow())
        self.log.append(FetchLogRow(self.source, url, status, one_line(reason) if reason else None, **kw))

    @property
    def failed(self) -> bool:
        """The whole source failed: no document came through, nothing was skipped as already stored
        or unchanged, and something failed (a feed that loads but whose every article fails counts)."""
        if self.docs:
            return False
        statuses = {r.status for r in self.log}
        return "error" in statuses and not statuses & {"skipped", "not_modified"}


def open_or_log(file: Path, batch: Batch):
    """Open ``file`` for binary reading, or log it as unreadable in ``batch`` and return None."""
    try:
        return file.open("rb")
    except OSError as exc:
        batch.error(file.resolve().as_uri(), f"{display_path(file)}: unreadable ({exc.strerror or type(exc).__name__})")
        return None


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
