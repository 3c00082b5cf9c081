"""Store stage: one night's batches into the Parquet lake, then the lake into DuckDB."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import pyarrow as pa
from prefect import task
from prefect.cache_policies import NO_CACHE

from quotewire import lake, warehouse
from quotewire.records import Article, FetchLogRow, RawDoc, field_names
from tasks.extract import NO_MAIN_TEXT


def raw_rows(docs: list[RawDoc]) -> list[dict]:
    rows = []
    for d in docs:
        row = asdict(d)
        row["body_zstd"] = lake.compress(row.pop("body"))
        rows.append(row)
    return rows


def article_rows(articles: list[Article]) -> list[dict]:
    return [asdict(a) for a in articles]


def write_night(lake_root: Path, run_date: date, *, raw: list[RawDoc], articles: list[Article],
                quotes: list[dict], signatures: pa.Table | list[dict], fetch_log: list[FetchLogRow]) -> dict[str, int]:
    """Replace every layer's partition for ``run_date``; returns rows written per layer."""
    batches = {
        "raw": raw_rows(raw),
        "articles": article_rows(articles),
        "quotes": quotes,
        "signatures": signatures,
        "fetch_log": fetch_log,
    }
    for layer, records in batches.items():
        lake.write_records(lake_root, layer, records, run_date)
    return {layer: len(records) for layer, records in batches.items()}


def night_inputs(lake_root: Path, run_date: date) -> tuple[list[RawDoc], list[FetchLogRow]]:
    """What a night fetched, read back from the lake's raw and fetch_log layers (to reprocess the
    night with today's code without fetching again)."""
    if run_date not in lake.partition_dates(lake_root, "raw"):
        raise FileNotFoundError(f"no raw layer for {run_date} under {lake_root}: nothing to reprocess")
    raw_fields, log_fields = set(field_names(RawDoc)), set(field_names(FetchLogRow))
    docs = []
    for row in lake.read_partition(lake_root, "raw", run_date).to_pylist():
        row["body"] = lake.decompress(row.pop("body_zstd")) or ""
        docs.append(RawDoc(**{k: v for k, v in row.items() if k in raw_fields}))
    log = [FetchLogRow(**{k: v for k, v in row.items() if k in log_fields})
           for row in lake.read_night(lake_root, "fetch_log", run_date).to_pylist()
           if row["reason"] != NO_MAIN_TEXT]  # extract will say it again
    return docs, log


@task(name="read-raw", cache_policy=NO_CACHE)
def read_night_inputs(lake_root: Path, run_date: date) -> tuple[list[RawDoc], list[FetchLogRow]]:
    return night_inputs(lake_root, run_date)


@task(name="write-lake", cache_policy=NO_CACHE)
def write_lake(lake_root: Path, run_date: date, **batches) -> dict[str, int]:
    return write_night(lake_root, run_date, **batches)


@task(name="load-duckdb", cache_policy=NO_CACHE)
def load_duckdb(db: Path, lake_root: Path, run_date: date, summary: dict | None = None,
                flow_run_id: str | None = None) -> dict[str, int]:
    return warehouse.load_night(db, lake_root, run_date, summary=summary, flow_run_id=flow_run_id)
