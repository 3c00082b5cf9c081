"""WARC files (``.warc`` / ``.warc.gz``) read with warcio: one RawDoc per HTML response record."""

from __future__ import annotations

from pathlib import Path

from quotewire.fetching.batch import Batch, display_path, open_or_log
from quotewire.fetching.text import decode_body, is_html_content_type, parse_iso_datetime_or_none
from quotewire.fetching.urls import canonicalize_url, url_article_id
from quotewire.records import RawDoc, Source


def read_warc(file: Path, source: Source, batch: Batch, max_body_bytes: int) -> None:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    shown = display_path(file)
    file_url = file.resolve().as_uri()
    handle = open_or_log(file, batch)
    if handle is None:
        return
    index = 0
    with handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "resource"):
                    continue
                index += 1
                target = record.rec_headers.get_header("WARC-Target-URI") or f"{file_url}#record{index}"
                url = canonicalize_url(target)
                status = None
                if record.rec_type == "response" and record.http_headers is not None:
                    try:
                        status = int(record.http_headers.get_statuscode())
                    except (TypeError, ValueError):
                        status = None
                    content_type = record.http_headers.get_header("Content-Type")
                else:
                    content_type = record.rec_headers.get_header("Content-Type")
                if status is not None and not 200 <= status < 300:
                    batch.row(url, "skipped", f"{shown}: record {index}: http {status}", http_status=status, attempts=0)
                    continue
                if not is_html_content_type(content_type):
                    batch.row(url, "skipped", f"{shown}: record {index}: not html ({content_type})",
                              http_status=status, attempts=0)
                    continue
                article_id = url_article_id(url)
                if batch.skip_known(url, article_id):
                    continue
                body = record.content_stream().read(max_body_bytes + 1)
                if len(body) > max_body_bytes:
                    batch.error(url, f"{shown}: record {index}: too large (> {max_body_bytes} bytes)", http_status=status)
                    continue
                fetched = parse_iso_datetime_or_none(record.rec_headers.get_header("WARC-Date"))
                batch.add(RawDoc(article_id=article_id, source=source.name, url=url,
                                 body=decode_body(body, content_type), kind="html", outlet=source.outlet,
                                 fetched_at=fetched, http_status=status, content_type=content_type,
                                 etag=record.http_headers.get_header("ETag") if record.http_headers else None,
                                 last_modified=record.http_headers.get_header("Last-Modified") if record.http_headers else None),
                          attempts=0)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            batch.error(file_url, f"{shown}: not a readable WARC after {index} records ({type(exc).__name__}: {exc})")
