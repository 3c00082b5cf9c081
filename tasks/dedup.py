"""Dedup stage: exact duplicates by text_hash, near-duplicates by MinHash LSH on word shingles,
across nights against the stored signature history. Copies stay rows; they share a ``cluster_id``
and one of them is canonical.

Signatures are *one-permutation* MinHash (OPH, Li, Owen & Zhang 2012) with optimal densification
(Shrivastava 2017): each shingle is hashed once with a 64-bit hash; the high 32 bits pick one of
``num_perm`` bins, the low 32 bits are the value, each bin keeps its minimum and an empty bin copies
the value of a bin chosen by a fixed probe sequence. Two signatures agree on a bin with probability
equal to the Jaccard similarity of the shingle sets, as with ``num_perm`` independent permutations,
but the cost is one hash per shingle instead of ``num_perm`` (measured against datasketch and rensa
in docs/BENCHMARKS.md). Everything is vectorised with numpy/pyarrow over a batch; signatures are
stable across runs and machines (xxh3 with a fixed seed, fixed constants), so tonight's signatures
can be compared with those stored in the lake.

Cluster rules (see ``assign_clusters``):
- ``cluster_id`` is the ``article_id`` of the story's first-seen member: if the story already has
  members in the history, the history's cluster_id wins (the earliest history member's); otherwise
  tonight's canonical article's id.
- ``is_canonical``: one per cluster over all nights. Within a new cluster it is the earliest
  ``published_at`` (missing dates last), ties broken by ``article_id``. When the cluster already
  exists in the history its canonical is a stored row, so none of tonight's copies is canonical
  (previous nights' rows are never rewritten; "one representative per cluster" stays true in DuckDB).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from quotewire import lake
from quotewire.ids import text_hash as compute_text_hash
from quotewire.records import Article
from quotewire.schemas import SIGNATURES
from quotewire.settings import Settings, get_settings

U64 = np.uint64
EMPTY = np.uint32(0xFFFFFFFF)  # bin sentinel (a real value equal to it has probability 2**-32)
_SHINGLE_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                          0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53,
                          0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5, 0xA0761D6478BD642F,
                          0xE7037ED1A0B428DB, 0x8EBC6AF09C88C6E3, 0x589965CC75374CC3],
                         dtype=U64)
CHUNK_DOCS = 256  # signatures are computed per chunk: bounded, cache-friendly temporaries (measured)


# ------------------------------------------------------------------------------ hashing helpers
def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 in, uint64 out; wraps modulo 2**64)."""
    x = x ^ (x >> U64(30))
    x = x * U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> U64(27))
    x = x * U64(0x94D049BB133111EB)
    return x ^ (x >> U64(31))


# Words are maximal runs of "word bytes" of the UTF-8 text: ASCII letters and digits (lower-cased)
# and every non-ASCII byte, except the typographic punctuation below, which separates words like
# ASCII punctuation and spaces do (so "Don’t" and "don't" give the same words).
_SEPARATOR_SEQS = ("\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026",
                   "\u00a0", "\u00ab", "\u00bb", "\u201e", "\u2032", "\u2033")
_LUT = np.array([c if c >= 0x80 else (ord(chr(c).lower()) if chr(c).isalnum() else 0)
                 for c in range(256)], dtype=np.uint8)
_WORD_RE = re.compile("[^\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f"
                      + "".join(_SEPARATOR_SEQS) + "]+")
_POLY = 0x100000001B3  # odd: invertible modulo 2**64
_POLY_INV = pow(_POLY, -1, 2**64)


def words(text: str) -> list[str]:
    """The words ``word_hashes`` hashes, as strings (pure-Python twin, for tests and comparisons)."""
    return _WORD_RE.findall("".join(c.lower() if c < "\x80" else c for c in text))


class _Powers:
    """POLY**i and POLY**-i modulo 2**64 for i < n, grown on demand (bounded by the longest text)."""

    def __init__(self):
        self.pow = np.ones(1, dtype=U64)
        self.inv = np.ones(1, dtype=U64)

    def get(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n > len(self.pow):
            size = max(n, 2 * len(self.pow), 1 << 16)
            p = np.full(size, _POLY, dtype=U64)
            p[0] = 1
            q = np.full(size, _POLY_INV, dtype=U64)
            q[0] = 1
            self.pow, self.inv = np.cumprod(p, dtype=U64), np.cumprod(q, dtype=U64)
        return self.pow, self.inv


_powers = _Powers()


def _separator_positions(data: np.ndarray) -> np.ndarray:
    """Byte positions of the typographic separators (all bytes of each sequence)."""
    out = []
    for seq in {s.encode("utf-8") for s in _SEPARATOR_SEQS}:
        first = np.flatnonzero(data[: len(data) - len(seq) + 1] == seq[0])
        for j in range(1, len(seq)):
            first = first[data[first + j] == seq[j]]
        out += [first + j for j in range(len(seq))]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Stable 64-bit hashes of the words of every text, concatenated, and offsets (len(texts)+1).

    Vectorised over the UTF-8 bytes of the whole batch (numpy, no Python loop per word): each word
    is hashed as a polynomial of its bytes (via a prefix sum), mixed with its length."""
    arr = pa.array(texts, type=pa.large_string())
    n_docs = len(arr)
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64, count=n_docs + 1, offset=8 * arr.offset)
    first = int(offsets[0])
    n = int(offsets[-1]) - first
    if n == 0:
        return np.zeros(0, dtype=U64), np.zeros(n_docs + 1, dtype=np.int64)
    offsets = offsets - first
    data = np.frombuffer(bufs[2], dtype=np.uint8, count=n, offset=first)
    b = _LUT[data]
    b[_separator_positions(data)] = 0
    m = b != 0
    lengths = np.diff(offsets)
    doc_start = np.repeat(offsets[:-1], lengths)
    rel = np.arange(n, dtype=np.int64) - doc_start  # position inside its document
    pw, inv = _powers.get(int(lengths.max()) + 1)
    acc = b.astype(U64) * pw[rel]
    np.cumsum(acc, out=acc)
    is_start = m.copy()
    is_start[1:] &= ~m[:-1] | (rel[1:] == 0)
    is_end = m.copy()
    is_end[:-1] &= ~m[1:] | (rel[1:] == 0)
    starts, ends = np.flatnonzero(is_start), np.flatnonzero(is_end)
    # the prefix sum runs over the whole batch; subtracting the sum before a word's start isolates
    # the word, and POLY**-rel(start) shifts it to start at power 0
    before = np.where(starts > 0, acc[np.maximum(starts - 1, 0)], U64(0))
    h = (acc[ends] - before) * inv[rel[starts]]
    h = _mix64(h ^ ((ends - starts + 1).astype(U64) * U64(0x9E3779B97F4A7C15)))
    word_offsets = np.searchsorted(starts, offsets).astype(np.int64)
    return h, word_offsets


def shingle_hashes(words: np.ndarray, offsets: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word k-shingles of each document (order-sensitive), and their offsets.

    A document with fewer than k words (but at least one) gets one shingle of all its words."""
    n_docs = len(offsets) - 1
    lengths = np.diff(offsets)
    n = len(words)
    if n == 0:
        return np.zeros(0, dtype=U64), np.zeros(n_docs + 1, dtype=np.int64)
    k = max(1, min(k, len(_SHINGLE_MULT)))
    # shingle at every word position i combines words i..i+k-1 (zero-padded past the end)
    padded = np.concatenate([words, np.zeros(k - 1, dtype=U64)])
    acc = padded[:n] * _SHINGLE_MULT[0]
    for j in range(1, k):
        acc += padded[j:j + n] * _SHINGLE_MULT[j]
    # valid starts: i + k <= doc end, plus position 0 of docs shorter than k (zero padding would
    # mix in the next document's words, so short docs are recomputed below)
    doc_end = np.repeat(offsets[1:], lengths)
    pos = np.arange(n)
    valid = pos + k <= doc_end
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    for d in short:
        s, e = offsets[d], offsets[d + 1]
        acc[s] = (words[s:e] * _SHINGLE_MULT[: e - s]).sum(dtype=U64)
        valid[s] = True
    out = _mix64(acc[valid])
    counts = np.maximum(lengths - k + 1, 0)
    counts[short] = 1
    sh_offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(counts, out=sh_offsets[1:])
    return out, sh_offsets


def _probe_table(num_perm: int, attempts: int) -> np.ndarray:
    """Fixed pseudo-random probe sequence per bin for densification (shape num_perm x attempts)."""
    j = np.arange(num_perm, dtype=U64)[:, None] * U64(0x100000001B3)
    a = np.arange(1, attempts + 1, dtype=U64)[None, :] * U64(0x9E3779B97F4A7C15)
    return ((_mix64(j ^ a) >> U64(32)) * U64(num_perm) >> U64(32)).astype(np.int64)


_PROBE_ATTEMPTS = 4096


def oph_signatures(shingles: np.ndarray, sh_offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """One-permutation MinHash with optimal densification: (n_docs, num_perm) uint32.

    A document without shingles gets an all-EMPTY signature (never a candidate)."""
    n_docs = len(sh_offsets) - 1
    sig = np.full(n_docs * num_perm, EMPTY, dtype=np.uint32)
    if len(shingles):
        doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(sh_offsets))
        bins = ((shingles >> U64(32)) * U64(num_perm)) >> U64(32)
        key = doc * num_perm + bins.astype(np.int64)
        np.minimum.at(sig, key, shingles.astype(np.uint32))  # low 32 bits
    sig = sig.reshape(n_docs, num_perm)
    _densify(sig)
    return sig


def _densify(sig: np.ndarray) -> None:
    """Fill empty bins in place from the bin found by each bin's fixed probe sequence."""
    empty = sig == EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if len(rows) == 0:
        return
    num_perm = sig.shape[1]
    probes = _probe_table(num_perm, _PROBE_ATTEMPTS)
    sub = sig[rows]
    filled = ~empty[rows]  # originally non-empty bins: the only valid sources
    todo = ~filled
    for a in range(_PROBE_ATTEMPTS):
        r, b = np.nonzero(todo)
        if len(r) == 0:
            break
        src = probes[b, a]
        ok = filled[r, src]
        sub[r[ok], b[ok]] = sub[r[ok], src[ok]]
        todo[r[ok], b[ok]] = False
    sig[rows] = sub


def minhash_signatures(texts: Sequence[str], k: int = 5, num_perm: int = 128,
                       workers: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (n, num_perm) uint32 and shingle counts (n,) of a batch of texts.

    Chunks of CHUNK_DOCS texts are processed by ``workers`` threads (pyarrow and most numpy
    kernels release the GIL)."""
    n = len(texts)
    sig = np.empty((n, num_perm), dtype=np.uint32)
    n_shingles = np.zeros(n, dtype=np.int64)

    def run(start: int) -> None:
        chunk = texts[start:start + CHUNK_DOCS]
        words, offsets = word_hashes(chunk)
        sh, sh_off = shingle_hashes(words, offsets, k)
        sig[start:start + len(chunk)] = oph_signatures(sh, sh_off, num_perm)
        n_shingles[start:start + len(chunk)] = np.diff(sh_off)

    starts = range(0, n, CHUNK_DOCS)
    if workers > 1 and n > CHUNK_DOCS:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(run, starts))
    else:
        for s in starts:
            run(s)
    return sig, n_shingles


def shingle_set(text: str, k: int = 5) -> set[int]:
    """The set of k-shingle hashes of one text (for exact Jaccard; tests and evaluation)."""
    words, offsets = word_hashes([text])
    sh, _ = shingle_hashes(words, offsets, k)
    return set(sh.tolist())


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if (a or b) else 1.0


# --------------------------------------------------------------------------------- LSH
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) with bands*rows <= num_perm whose S-curve (1-(1-s^r)^b) passes 0.5 well below
    ``threshold``: pairs at the threshold are candidates with probability >= 0.99 while unrelated
    pairs (s < threshold/3) rarely are. Chooses the largest r that keeps that recall."""
    best = (num_perm, 1)
    for r in range(1, num_perm + 1):
        b = num_perm // r
        if b == 0:
            break
        if 1 - (1 - threshold ** r) ** b >= 0.99:
            best = (b, r)
    return best


def lsh_candidates(sig: np.ndarray, bands: int, rows: int, active: np.ndarray | None = None,
                   max_span: int = 64) -> np.ndarray:
    """Candidate pairs (m, 2) int64, i < j, of rows sharing at least one LSH band.

    ``active``: boolean mask; pairs where neither side is active are skipped (history-history).
    Within one band bucket each member is paired with its next ``max_span`` members in sorted
    order (bounded work for huge buckets; clusters stay connected)."""
    n = sig.shape[0]
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    valid = sig[:, 0] != EMPTY  # no shingles: never a candidate
    idx_all = np.flatnonzero(valid)
    if len(idx_all) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    sub = sig[idx_all] if len(idx_all) < n else sig
    found = []
    for band in range(bands):
        key = U64(((band + 1) * 0xD6E8FEB86659FD93) & 0xFFFFFFFFFFFFFFFF)
        for c in range(band * rows, (band + 1) * rows):
            key = _mix64(key ^ sub[:, c].astype(U64))
        order = np.argsort(key, kind="stable")
        ks = key[order]
        for d in range(1, max_span + 1):
            eq = np.flatnonzero(ks[d:] == ks[:-d])
            if len(eq) == 0:
                break
            found.append(np.stack([order[eq], order[eq + d]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = idx_all[np.concatenate(found)]
    pairs.sort(axis=1)
    if active is not None:
        pairs = pairs[active[pairs[:, 0]] | active[pairs[:, 1]]]
    if len(pairs) == 0:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def estimated_jaccard(sig: np.ndarray, pairs: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Fraction of equal signature bins for each pair."""
    out = np.empty(len(pairs), dtype=np.float64)
    for s in range(0, len(pairs), chunk):
        p = pairs[s:s + chunk]
        out[s:s + chunk] = (sig[p[:, 0]] == sig[p[:, 1]]).mean(axis=1)
    return out


def verify_pairs(sig: np.ndarray, pairs: np.ndarray, threshold: float) -> np.ndarray:
    """The candidate pairs whose estimated Jaccard reaches the threshold. Two different stories
    sharing one long quoted paragraph share only that paragraph's shingles, a small part of
    either's set, so their Jaccard stays far below the threshold."""
    if len(pairs) == 0:
        return pairs
    return pairs[estimated_jaccard(sig, pairs) >= threshold]


# ---------------------------------------------------------------------------- union-find
def connected_labels(n: int, pairs: np.ndarray) -> np.ndarray:
    """Union-find over n nodes and (m, 2) edges, vectorised (hook to the smaller root, then
    pointer-jump until stable): each node's label is the smallest node index of its component."""
    parent = np.arange(n, dtype=np.int64)
    if len(pairs) == 0:
        return parent
    a, b = pairs[:, 0], pairs[:, 1]
    while True:
        ra, rb = parent[a], parent[b]
        if np.array_equal(ra, rb):
            break
        lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
        np.minimum.at(parent, hi, lo)  # hook roots
        while True:  # compress
            nxt = parent[parent]
            if np.array_equal(nxt, parent):
                break
            parent = nxt
    return parent


def first_of_key(keys: Sequence[object] | pa.Array) -> np.ndarray:
    """For each element, the index of the first element with the same key (-1 for a None key)."""
    codes_arr = pc.dictionary_encode(pa.array(keys) if not isinstance(keys, pa.Array) else keys)
    valid = codes_arr.indices.is_valid().to_numpy(zero_copy_only=False)
    codes = codes_arr.indices.fill_null(0).to_numpy(zero_copy_only=False).astype(np.int64)
    n = len(codes)
    first = np.full(len(codes_arr.dictionary), n, dtype=np.int64)
    np.minimum.at(first, codes[valid], np.flatnonzero(valid))
    return np.where(valid, first[codes], -1)


def group_by_key(keys: Sequence[object] | pa.Array) -> np.ndarray:
    """Pairs (m, 2) joining every element to the first element with the same key (None skipped)."""
    first = first_of_key(keys)
    i = np.flatnonzero((first >= 0) & (first != np.arange(len(first))))
    return np.stack([first[i], i], axis=1).astype(np.int64).reshape(-1, 2)


def story_order(published_at: pa.Array, article_id: pa.Array) -> np.ndarray:
    """Rank of each row in story order: earliest ``published_at`` first (missing last), ties by
    ``article_id``. Naive datetimes are taken as UTC."""
    table = pa.table({"t": published_at.cast(pa.timestamp("us", tz="UTC")), "id": article_id})
    order = pc.sort_indices(table, options=pc.SortOptions(
        sort_keys=[("t", "ascending", "at_end"), ("id", "ascending", "at_end")])).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


# -------------------------------------------------------------------------- assign clusters
def _history_arrays(history: pa.Table | None, num_perm: int):
    if history is None or history.num_rows == 0:
        empty = pa.array([], pa.string())
        return empty, empty, empty, pa.array([], SIGNATURES.field("published_at").type), \
            np.zeros((0, num_perm), dtype=np.uint32)
    col = lambda name: history.column(name).combine_chunks()  # noqa: E731
    mh = col("minhash")
    lengths = pc.list_value_length(mh).fill_null(0).to_numpy(zero_copy_only=False)
    sig = np.full((history.num_rows, num_perm), EMPTY, dtype=np.uint32)
    ok = lengths == num_perm  # a signature of other parameters is unusable (exact match only)
    if ok.any():
        flat = pc.list_flatten(mh.filter(pa.array(ok))).to_numpy(zero_copy_only=False)
        sig[ok] = flat.astype(np.uint32).reshape(-1, num_perm)
    return col("article_id"), col("cluster_id"), col("text_hash"), col("published_at"), sig


def _with(article: Article, **changes) -> Article:
    """``dataclasses.replace`` without its per-call overhead (a shallow copy with changes)."""
    new = Article.__new__(Article)
    new.__dict__.update(article.__dict__)
    new.__dict__.update(changes)
    return new


def read_history(lake_root: Path, run_date: date, days: int) -> pa.Table:
    """Signatures of earlier nights tonight is compared with: the last ``days`` nights (0: all),
    never tonight's own partition (a rerun of the night replaces it)."""
    since = run_date - timedelta(days=days) if days else None
    return lake.read_layer(lake_root, "signatures", exclude=run_date, since=since)


def assign_clusters(articles: list[Article], history: pa.Table | None,
                    settings: Settings | None = None) -> tuple[list[Article], pa.Table]:
    """Cluster tonight's articles against each other and the stored history.

    Returns the articles with ``cluster_id``/``is_canonical``/``text_hash`` set (same order) and
    tonight's signature rows (``SIGNATURES`` without ``run_date``; the flow adds it).

    Steps: MinHash signatures of tonight's texts; union of (a) equal ``text_hash`` (exact copies),
    (b) equal ``article_id`` (a URL seen before), (c) stored clusters, (d) LSH candidates over one
    representative per distinct text whose estimated Jaccard reaches ``near_dup_threshold``
    (pairs among history rows alone are skipped: they were decided on their night).
    """
    settings = settings or get_settings()
    k, num_perm, threshold = settings.shingle_size, settings.minhash_perm, settings.near_dup_threshold
    n_new = len(articles)
    h_ids, h_clusters, h_hashes, h_published, h_sig = _history_arrays(history, num_perm)
    n_hist = len(h_ids)
    n = n_hist + n_new

    hashes_new = [a.text_hash or compute_text_hash(a.text) for a in articles]
    ids_new = pa.array([a.article_id for a in articles], pa.string())
    published_new = pa.array([a.published_at for a in articles], SIGNATURES.field("published_at").type)
    sig_new, _ = minhash_signatures([a.text for a in articles], k, num_perm)

    # node order: history rows first, then tonight's articles
    ids = pa.concat_arrays([h_ids.cast(pa.string()), ids_new])
    all_hashes = pa.concat_arrays([h_hashes.cast(pa.string()), pa.array(hashes_new, pa.string())])
    first_text = first_of_key(all_hashes)
    edges = [group_by_key(all_hashes), group_by_key(ids)]
    if n_hist:
        edges.append(group_by_key(h_clusters))  # stored clusters stay together

    # near duplicates: LSH over one representative per distinct text
    rep_idx = np.flatnonzero((first_text == np.arange(n)) | (first_text < 0))
    sig_all = np.concatenate([h_sig, sig_new]) if n_hist else sig_new
    active = np.arange(n) >= n_hist
    bands, rows = lsh_params(threshold, num_perm)
    rep_sig = sig_all[rep_idx]
    cand = lsh_candidates(rep_sig, bands, rows, active=active[rep_idx])
    verified = verify_pairs(rep_sig, cand, threshold)
    edges.append(rep_idx[verified])
    labels = connected_labels(n, np.concatenate(edges))

    # canonical among tonight's articles of each component; components with history keep theirs
    rank_new = story_order(published_new, ids_new)
    lab_new = labels[n_hist:]
    best = np.full(n, n_new, dtype=np.int64)
    np.minimum.at(best, lab_new, rank_new)
    order_new = np.empty(n_new, dtype=np.int64)
    order_new[rank_new] = np.arange(n_new)
    in_history = np.zeros(n, dtype=bool)
    in_history[labels[:n_hist]] = True
    cluster_ids = [None] * n  # by component label
    if n_hist:
        h_rank = story_order(h_published, h_ids.cast(pa.string()))
        h_best = np.full(n, n_hist, dtype=np.int64)
        np.minimum.at(h_best, labels[:n_hist], h_rank)
        h_order = np.empty(n_hist, dtype=np.int64)
        h_order[h_rank] = np.arange(n_hist)
        h_cluster_list = h_clusters.to_pylist()
        h_id_list = h_ids.to_pylist()
        for lab in np.unique(lab_new[in_history[lab_new]]).tolist():
            j = int(h_order[h_best[lab]])
            cluster_ids[lab] = h_cluster_list[j] or h_id_list[j]
    ids_list = ids_new.to_pylist()
    canonical = (~in_history[lab_new]) & (best[lab_new] == rank_new)
    out = []
    gc_was_enabled = gc.isenabled()
    gc.disable()  # 100k new records would trigger repeated full collections over the batch
    try:
        for i, (a, lab, canon) in enumerate(zip(articles, lab_new.tolist(), canonical.tolist())):
            cid = cluster_ids[lab]
            if cid is None:
                cid = cluster_ids[lab] = ids_list[int(order_new[best[lab]])]
            out.append(_with(a, cluster_id=cid, is_canonical=canon, text_hash=hashes_new[i]))
    finally:
        if gc_was_enabled:
            gc.enable()
    return out, signatures_table(out, sig_new)


def signatures_table(articles: list[Article], sig: np.ndarray) -> pa.Table:
    """Tonight's signature rows (SIGNATURES schema without run_date)."""
    schema = pa.schema([f for f in SIGNATURES if f.name != "run_date"])
    n, num_perm = sig.shape
    minhash = pa.ListArray.from_arrays(pa.array(np.arange(0, (n + 1) * num_perm, num_perm,
                                                          dtype=np.int32)),
                                       pa.array(sig.reshape(-1), type=pa.uint32()))
    return pa.table({
        "article_id": pa.array([a.article_id for a in articles], pa.string()),
        "cluster_id": pa.array([a.cluster_id for a in articles], pa.string()),
        "text_hash": pa.array([a.text_hash for a in articles], pa.string()),
        "published_at": pa.array([a.published_at for a in articles], schema.field("published_at").type),
        "minhash": minhash,
    }, schema=schema)


# ---------------------------------------------------------------------------------- Prefect
from prefect import task  # noqa: E402  (the Prefect wrapper sits below the pure functions)
from prefect.cache_policies import NO_CACHE  # noqa: E402


@task(name="dedup", cache_policy=NO_CACHE)
def dedup_articles(articles: list[Article], history: pa.Table | None,
                   settings: Settings | None = None) -> tuple[list[Article], pa.Table]:
    """Cluster a night's articles; returns (articles with cluster_id/is_canonical, signature rows)."""
    from prefect.logging import get_run_logger

    out, sigs = assign_clusters(articles, history, settings)
    clusters = {a.cluster_id for a in out}
    joined = sum(1 for a in out if not a.is_canonical)
    get_run_logger().info("dedup: %d articles in %d clusters (%d copies), %d history rows",
                          len(out), len(clusters), joined, 0 if history is None else history.num_rows)
    return out, sigs
