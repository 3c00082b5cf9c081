"""Fetch stage: sources (folders, files, JSONL, WARC, pages, URL lists, RSS/Atom, sitemaps) to RawDocs.

Pure-ish functions first (they do I/O but need no Prefect), the Prefect task at the bottom.
Failures are data: every file, line or URL that fails becomes a :class:`FetchLogRow` with status
"error" and a one-line reason; nothing here raises for bad input.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from quotewire.fetching.batch import Batch
from quotewire.fetching.local import (
    HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES, URLS_SUFFIXES, WARC_SUFFIXES, read_local, suffix_of,
)
from quotewire.fetching.urls import host_of, is_http_url
from quotewire.records import FetchLogRow, RawDoc, Source
from quotewire.settings import Settings

log = logging.getLogger(__name__)

#: every kind a Source may have; "auto" is resolved from the location (or, for URLs, the response)
KINDS = ("folder", "file", "jsonl", "warc", "urls", "page", "rss", "sitemap", "auto")
ALIASES = {"atom": "rss", "feed": "rss", "html": "file", "text": "file", "txt": "file", "dir": "folder",
           "url": "page", "sitemaps": "sitemap"}
LOCAL_KINDS = ("folder", "file", "jsonl", "warc")
REMOTE_KINDS = ("page", "rss", "sitemap", "auto")


@dataclass
class FetchResult:
    source: str
    docs: list[RawDoc]
    log: list[FetchLogRow]
    failed: bool  # True when the whole source failed
    pending_state: list = field(default_factory=list)  # validators/aliases not yet saved

    def commit_state(self) -> None:
        """Save what this fetch learned (ETags, Last-Modified, URL aliases) for the next night.

        The flow calls it after the night is in the lake and the warehouse, so a night that dies
        before storing its articles does not leave a 304 that would hide them from the next night."""
        for store in self.pending_state:
            store.save()
        self.pending_state = []

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.log:
            out[row.status] = out.get(row.status, 0) + 1
        return out


def normalize_kind(kind: str) -> str:
    kind = kind.strip().lower()
    kind = ALIASES.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(f"unknown source kind {kind!r} (one of {', '.join(KINDS)})")
    return kind


def _local_path(location: str) -> Path:
    if location.startswith("file:"):
        return Path(unquote(urlsplit(location).path))
    return Path(location).expanduser()


def kind_of_path(path: Path) -> str:
    """folder, or by extension: file (.txt/.html/.htm), jsonl, warc (.warc/.warc.gz), urls."""
    if path.is_dir():
        return "folder"
    suffix = suffix_of(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in URLS_SUFFIXES:
        return "urls"
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        return "file"
    if not path.exists() and not suffix:
        return "folder"  # a missing folder: reported when fetched
    return "file"


def default_name(location: str) -> str:
    if is_http_url(location):
        host = host_of(location).split(":")[0]
        return host[4:] if host.startswith("www.") else host
    path = _local_path(location)
    name = path.name
    for suffix in WARC_SUFFIXES + URLS_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return name or "local"


def parse_source(value: str, name: str | None = None) -> Source:
    """A ``--source`` value to a Source.

    ``https://…`` → kind "auto" (page, feed or sitemap, decided from the response);
    ``rss:URL`` / ``atom:URL`` / ``sitemap:URL`` / ``page:URL`` / ``urls:FILE`` / ``warc:FILE`` /
    ``folder:PATH`` / ``jsonl:FILE`` force a kind; any other value is a local path: a folder, or a
    file by extension (.txt/.html/.htm → file, .jsonl, .warc/.warc.gz, .urls).
    """
    value = value.strip()
    if not value:
        raise ValueError("empty source")
    kind = None
    head, sep, rest = value.partition(":")
    if sep and head.lower() not in ("http", "https", "file") and rest and len(head) > 1:
        try:
            kind = normalize_kind(head)
            value = rest.strip()
        except ValueError:
            kind = None
    if kind is None:
        kind = "auto" if is_http_url(value) else kind_of_path(_local_path(value))
    elif kind == "file" and not is_http_url(value):
        kind = kind_of_path(_local_path(value))
        kind = "file" if kind == "folder" else kind
    return Source(name=name or default_name(value), kind=kind, location=value)


def load_sources(path: Path) -> list[Source]:
    """``[[source]]`` tables of a TOML file: name, location, optional kind (default auto), outlet,
    options (a table). Relative local paths are taken relative to the file's folder."""
    path = Path(path)
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ValueError(f"{path}: [[source]] must be an array of tables")
    sources: list[Source] = []
    names: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("location"):
            raise ValueError(f"{path}: source #{i} has no location")
        location = str(entry["location"]).strip()
        if not is_http_url(location) and not location.startswith("file:"):
            local = Path(location).expanduser()
            if not local.is_absolute():
                local = (path.parent / local).resolve()
            location = str(local)
        kind = str(entry.get("kind", "auto"))
        if normalize_kind(kind) == "auto" and not is_http_url(location):
            parsed = parse_source(location, entry.get("name"))
        else:
            parsed = Source(name=entry.get("name") or default_name(location), kind=normalize_kind(kind),
                            location=location)
        name = str(entry.get("name") or parsed.name)
        if name in names:
            raise ValueError(f"{path}: source name {name!r} used twice")
        names.add(name)
        options = entry.get("options", {})
        if not isinstance(options, dict):
            raise ValueError(f"{path}: source {name!r}: options must be a table")
        sources.append(Source(name=name, kind=parsed.kind, location=location,
                              outlet=entry.get("outlet"), options=dict(options)))
    return sources


def resolve_sources(settings: Settings, values: list[str] | None = None) -> list[Source]:
    """Tonight's sources: the ``--source`` values if any, else the sources file, else the samples."""
    if values:
        return [parse_source(value) for value in values]
    if settings.sources_file.exists():
        return load_sources(settings.sources_file)
    return [parse_source(str(settings.samples_dir), name="samples")]


def fetch_source_docs(source: Source, settings: Settings, known_ids: frozenset[str] = frozenset(),
                      defer_state: bool = False) -> FetchResult:
    """Everything one source yields tonight, plus a log row per file, line or URL.

    Articles whose id is in ``known_ids`` (stored on earlier nights) are skipped with reason
    "already stored" unless ``settings.refetch``. Never raises for bad input. With ``defer_state``
    the conditional-GET validators and URL aliases are saved only by ``FetchResult.commit_state``.
    """
    batch = Batch(source.name, frozenset(known_ids), settings.refetch)
    try:
        kind = normalize_kind(source.kind)
        if kind in LOCAL_KINDS:
            read_local(source, batch, settings.max_body_bytes)
        else:
            from quotewire.fetching import remote

            remote.crawl_source(source, kind, settings, batch)
    except Exception as exc:  # a bug or an unforeseen input: one row, not a crashed night
        log.exception("fetch of source %s failed", source.name)
        batch.error(source.location, f"{source.location}: {type(exc).__name__}: {exc}")
    result = FetchResult(source=source.name, docs=batch.docs, log=batch.log, failed=batch.failed,
                         pending_state=batch.pending_state)
    if not defer_state:
        result.commit_state()
    return result


def unique_docs(results: list[FetchResult]) -> list[RawDoc]:
    """All documents of the night, each article once (two sources may list the same article)."""
    seen: set[str] = set()
    docs = []
    for result in results:
        for doc in result.docs:
            if doc.article_id not in seen:
                seen.add(doc.article_id)
                docs.append(doc)
    return docs


# ---------------------------------------------------------------------------------------- Prefect
@task(name="fetch", task_run_name="fetch-{source.name}", cache_policy=NO_CACHE)
def fetch_source(source: Source, settings: Settings, known_ids: frozenset[str] = frozenset()) -> FetchResult:
    """Prefect wrapper: fetch one source, log every error row with the run logger. What the fetch
    learned for conditional GETs is saved by the flow (``commit_state``) once the night is stored."""
    logger = get_run_logger()
    result = fetch_source_docs(source, settings, known_ids, defer_state=True)
    for row in result.log:
        if row.status == "error":
            logger.warning("%s: %s (%s)", source.name, row.reason, row.url)
    counts = result.counts
    logger.info("source %s: %d docs, %s%s", source.name, len(result.docs),
                ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no rows",
                " — SOURCE FAILED" if result.failed else "")
    return result
