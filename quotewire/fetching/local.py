"""Local sources: a folder, or one ``.txt`` / ``.html`` / ``.htm`` / ``.jsonl`` file."""

from __future__ import annotations

import json
from pathlib import Path

from quotewire import ids
from quotewire.fetching.batch import Batch, display_path, open_or_log
from quotewire.fetching.text import binary_signature, decode_body, parse_iso_datetime, parse_iso_datetime_or_none
from quotewire.fetching.urls import canonicalize_url, is_http_url
from quotewire.records import RawDoc, Source

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
WARC_SUFFIXES = (".warc", ".warc.gz")
URLS_SUFFIXES = (".urls",)
#: what a folder source reads (other files in the folder are ignored)
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in WARC_SUFFIXES + URLS_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def folder_files(root: Path) -> list[Path]:
    """Supported files under ``root``, recursively, in a stable order; hidden entries skipped."""
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and suffix_of(path) in FOLDER_SUFFIXES:
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_local(source: Source, batch: Batch, max_body_bytes: int) -> None:
    """Read a folder or a file source into ``batch`` (never raises for bad input)."""
    path = Path(source.location).expanduser()
    if source.location.startswith("file:"):
        from urllib.parse import unquote, urlsplit

        path = Path(unquote(urlsplit(source.location).path))
    if not path.exists():
        batch.error(path.as_uri() if path.is_absolute() else str(path), f"{display_path(path)}: no such file or folder")
        return
    if path.is_dir():
        files = folder_files(path)
        root = path
    else:
        files = [path]
        root = path.parent
    from quotewire.fetching import warc  # local import: warcio only when needed

    for file in files:
        rel = file.relative_to(root).as_posix()
        suffix = suffix_of(file)
        if suffix in JSONL_SUFFIXES:
            read_jsonl(file, source, batch)
        elif suffix in WARC_SUFFIXES:
            warc.read_warc(file, source, batch, max_body_bytes)
        elif suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
            read_document(file, rel, source, batch, max_body_bytes)
        else:
            batch.error(file.resolve().as_uri(), f"{display_path(file)}: unsupported file type {suffix or '(none)'}")


def read_document(file: Path, rel: str, source: Source, batch: Batch, max_body_bytes: int) -> None:
    url = file.resolve().as_uri()
    article_id = ids.local_article_id(source.name, rel)
    if batch.skip_known(url, article_id):
        return
    try:
        size = file.stat().st_size
        if size > max_body_bytes:
            batch.error(url, f"{display_path(file)}: too large ({size} bytes > {max_body_bytes})")
            return
        data = file.read_bytes()
    except OSError as exc:
        batch.error(url, f"{display_path(file)}: unreadable ({exc.strerror or type(exc).__name__})")
        return
    sig = binary_signature(data)
    if sig:
        batch.error(url, f"{display_path(file)}: not text ({sig} content)")
        return
    is_html = suffix_of(file) in HTML_SUFFIXES
    body = decode_body(data, html=is_html).replace("\r\n", "\n")
    batch.add(RawDoc(article_id=article_id, source=source.name, url=url, body=body,
                     kind="html" if is_html else "text", outlet=source.outlet,
                     content_type="text/html" if is_html else "text/plain"))


def read_jsonl(file: Path, source: Source, batch: Batch) -> None:
    """One document per line: ``url`` plus ``text`` or ``html``; optional title, published_at, outlet."""
    shown = display_path(file)
    file_url = file.resolve().as_uri()
    handle = open_or_log(file, batch)
    if handle is None:
        return
    with handle:
        for lineno, raw_line in enumerate(handle, start=1):
            line = decode_body(raw_line, html=False).strip()
            if not line:
                continue
            where = f"{shown}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                batch.error(f"{file_url}#L{lineno}", f"{where}: not JSON ({exc.msg})")
                continue
            doc = jsonl_record_to_doc(record, source, where, batch, f"{file_url}#L{lineno}")
            if doc is not None:
                batch.add(doc, reason=doc_note(record, where))


def doc_note(record: dict, where: str) -> str | None:
    value = record.get("published_at")
    try:
        parse_iso_datetime(value)
    except (ValueError, TypeError):
        return f"{where}: published_at {value!r} is not ISO 8601, ignored"
    return None


def jsonl_record_to_doc(record: object, source: Source, where: str, batch: Batch, line_url: str) -> RawDoc | None:
    if not isinstance(record, dict):
        batch.error(line_url, f"{where}: not a JSON object")
        return None
    url = record.get("url")
    if not isinstance(url, str) or not url.strip():
        batch.error(line_url, f"{where}: no url")
        return None
    text, html = record.get("text"), record.get("html")
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    if text is None and html is None:
        batch.error(url, f"{where}: neither text nor html")
        return None
    canonical = canonicalize_url(url) if is_http_url(url) else url.strip()
    article_id = ids.article_id(canonical)
    if batch.skip_known(canonical, article_id):
        return None
    published = parse_iso_datetime_or_none(record.get("published_at"))
    title = record.get("title") if isinstance(record.get("title"), str) else None
    outlet = record.get("outlet") if isinstance(record.get("outlet"), str) else source.outlet
    return RawDoc(
        article_id=article_id, source=source.name, url=canonical,
        # the source's own clean text wins over its HTML when both are given
        body=(text if text is not None else html).replace("\r\n", "\n"),
        kind="text" if text is not None else "html",
        title=title.strip() or None if title else None, outlet=outlet, published_at=published,
        content_type="text/plain" if text is not None else "text/html",
    )
