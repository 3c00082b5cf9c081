"""The Parquet lake: ``<lake>/<layer>/run_date=YYYY-MM-DD/part-00000.parquet``.

A write goes to a temporary folder beside the partition and is renamed into place, so a reader never
sees half a partition and rerunning a date replaces that date's partition (never appends to it).
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard

from quotewire.schemas import LAYERS, SCHEMA_VERSION

PART_NAME = "part-00000.parquet"


def partition_dir(lake: Path, layer: str, run_date: date) -> Path:
    return Path(lake) / layer / f"run_date={run_date.isoformat()}"


def _as_row(record) -> dict:
    return asdict(record) if is_dataclass(record) else dict(record)


def _utc(value):
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def to_table(layer: str, records: Iterable, run_date: date) -> pa.Table:
    """Rows (dicts or dataclasses, or an Arrow table) to a table of the layer's schema with
    ``run_date`` set; unknown keys or columns are dropped."""
    schema = LAYERS[layer]
    if isinstance(records, pa.Table):  # already columnar: no round trip through Python objects
        table = records.drop_columns([c for c in ("run_date",) if c in records.column_names])
        table = table.append_column("run_date", pa.array([run_date] * table.num_rows, pa.date32()))
        return table.select(schema.names).cast(schema)
    rows = [_as_row(r) for r in records]
    columns = {}
    for f in schema:
        if f.name == "run_date":
            columns[f.name] = [run_date] * len(rows)
        else:
            values = [r.get(f.name) for r in rows]
            if pa.types.is_timestamp(f.type):
                values = [_utc(v) for v in values]
            columns[f.name] = values
    return pa.table(columns, schema=schema)


def write_partition(lake: Path, layer: str, table: pa.Table, run_date: date) -> Path:
    """Atomically replace ``layer``'s partition for ``run_date`` with ``table``."""
    schema = LAYERS[layer]
    table = table.cast(schema)
    meta = dict(schema.metadata or {})
    meta.update({b"quotewire.schema_version": SCHEMA_VERSION.encode(), b"quotewire.layer": layer.encode()})
    table = table.replace_schema_metadata(meta)
    final = partition_dir(lake, layer, run_date)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{final.name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    pq.write_table(table, tmp / PART_NAME, compression="zstd")
    old = None
    if final.exists():
        old = final.parent / f".old-{final.name}-{uuid.uuid4().hex[:8]}"
        os.rename(final, old)
    os.rename(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final / PART_NAME


def write_records(lake: Path, layer: str, records: Iterable, run_date: date) -> Path:
    return write_partition(lake, layer, to_table(layer, records, run_date), run_date)


def partition_dates(lake: Path, layer: str) -> list[date]:
    root = Path(lake) / layer
    if not root.is_dir():
        return []
    out = []
    for p in root.iterdir():
        if p.is_dir() and p.name.startswith("run_date=") and (p / PART_NAME).exists():
            out.append(date.fromisoformat(p.name.split("=", 1)[1]))
    return sorted(out)


def read_partition(lake: Path, layer: str, run_date: date) -> pa.Table:
    path = partition_dir(lake, layer, run_date) / PART_NAME
    return pq.read_table(path, schema=LAYERS[layer])


def read_night(lake: Path, layer: str, run_date: date) -> pa.Table:
    """One night's partition of a layer; an empty table of the layer's schema when there is none."""
    if (partition_dir(lake, layer, run_date) / PART_NAME).exists():
        return read_partition(lake, layer, run_date)
    return LAYERS[layer].empty_table()


def read_layer(lake: Path, layer: str, exclude: date | None = None,
               columns: list[str] | None = None, since: date | None = None) -> pa.Table:
    """All partitions of a layer (optionally without one date, or only from ``since`` on), as one
    table of the layer's schema."""
    schema = LAYERS[layer]
    tables = [read_partition(lake, layer, d) for d in partition_dates(lake, layer)
              if d != exclude and (since is None or d >= since)]
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    return table.select(columns) if columns else table


_ZSTD_LEVEL = 6


def compress(text: str | None) -> bytes | None:
    return None if text is None else zstandard.ZstdCompressor(level=_ZSTD_LEVEL).compress(text.encode("utf-8"))


def decompress(blob: bytes | None) -> str | None:
    return None if blob is None else zstandard.ZstdDecompressor().decompress(blob).decode("utf-8")
