"""Explicit pyarrow schemas of every lake layer, in one place. Bump SCHEMA_VERSION on any change."""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2"  # 2: quotes.confidence float64

TS = pa.timestamp("us", tz="UTC")

RAW = pa.schema([
    ("article_id", pa.string()),
    ("source", pa.string()),
    ("url", pa.string()),
    ("kind", pa.string()),            # html | text
    ("body_zstd", pa.binary()),       # the body as received, zstd-compressed UTF-8
    ("title", pa.string()),
    ("outlet", pa.string()),
    ("published_at", TS),
    ("fetched_at", TS),
    ("http_status", pa.int32()),
    ("content_type", pa.string()),
    ("etag", pa.string()),
    ("last_modified", pa.string()),
    ("run_date", pa.date32()),
])

REMOVAL = pa.struct([("rule", pa.string()), ("text", pa.string())])

ARTICLES = pa.schema([
    ("article_id", pa.string()),
    ("source", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("outlet", pa.string()),
    ("author", pa.string()),
    ("published_at", TS),
    ("language", pa.string()),
    ("dateline", pa.string()),
    ("text", pa.string()),
    ("text_hash", pa.string()),
    ("cluster_id", pa.string()),
    ("is_canonical", pa.bool_()),
    ("removed", pa.list_(REMOVAL)),
    ("run_date", pa.date32()),
])

QUOTES = pa.schema([
    ("quote_id", pa.string()),
    ("article_id", pa.string()),
    ("unique_quote_id", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("text", pa.string()),
    ("type", pa.string()),            # direct | indirect | mixed
    ("speaker", pa.string()),
    ("speaker_start", pa.int32()),
    ("speaker_end", pa.int32()),
    ("speaker_name", pa.string()),
    ("speaker_role", pa.string()),
    ("cue", pa.string()),
    ("cue_start", pa.int32()),
    ("cue_end", pa.int32()),
    ("confidence", pa.float64()),
    ("run_date", pa.date32()),
])

# Dedup history: one row per article ever seen, so later nights can join earlier clusters.
# (Owned by the dedup stage; may be refined there.)
SIGNATURES = pa.schema([
    ("article_id", pa.string()),
    ("cluster_id", pa.string()),
    ("text_hash", pa.string()),
    ("published_at", TS),
    ("minhash", pa.list_(pa.uint32())),
    ("run_date", pa.date32()),
])

FETCH_LOG = pa.schema([
    ("source", pa.string()),
    ("url", pa.string()),
    ("status", pa.string()),          # ok | not_modified | skipped | error
    ("reason", pa.string()),
    ("http_status", pa.int32()),
    ("attempts", pa.int32()),
    ("elapsed_ms", pa.float64()),
    ("fetched_at", TS),
    ("run_date", pa.date32()),
])

LAYERS: dict[str, pa.Schema] = {
    "raw": RAW,
    "articles": ARTICLES,
    "quotes": QUOTES,
    "signatures": SIGNATURES,
    "fetch_log": FETCH_LOG,
}
