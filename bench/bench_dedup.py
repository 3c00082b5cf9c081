"""Dedup stage throughput and memory at 10k and 100k articles (signatures included).

    python -m bench dedup                   # all sizes, writes docs/BENCHMARKS.md section
    python -m bench.bench_dedup --run 10000 # one measurement in this process, prints JSON

Each size runs in a fresh subprocess: build a synthetic corpus, then time ``assign_clusters`` (text
-> shingles -> MinHash signatures -> exact groups -> LSH -> verification -> union-find -> cluster
ids -> signature table), sampling the process RSS every 2 ms for the peak above the baseline.

Corpus: articles of 8-14 paragraphs sampled from the PolNeAR train paragraphs (``../shared``; a
bench may read it; if missing, paragraphs of generated words), each with unique words inserted so
no two bases are equal; 25 % of the articles are wire copies of an earlier one (dateline, trimmed
ending, a few words changed) and 5 % exact copies. ``text_hash`` is filled before timing, as the
clean stage does.
"""

from __future__ import annotations

import json
import os
import platform
import random
import resource
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quotewire import PROJECT_ROOT

SIZES = (10_000, 30_000, 100_000)
HEADING = "Deduplication at 10k and 100k articles"
POLNEAR = PROJECT_ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"


def _paragraph_pool(rng: random.Random) -> list[str]:
    pool = []
    if POLNEAR.exists():
        for p in sorted(POLNEAR.glob("*.txt")):
            pool += [x.strip() for x in p.read_text(encoding="utf-8").split("\n")
                     if len(x.split()) >= 15]
    if not pool:
        words = [f"w{rng.randrange(20000)}" for _ in range(200_000)]
        pool = [" ".join(words[i:i + 60]) for i in range(0, len(words), 60)]
    return pool


def make_corpus(n: int, seed: int = 7):
    """n synthetic Articles (see module doc), with text_hash filled."""
    from quotewire.ids import stable_hash, text_hash
    from quotewire.records import Article

    rng = random.Random(seed)
    pool = _paragraph_pool(rng)
    t0 = datetime(2016, 3, 1, tzinfo=timezone.utc)
    texts: list[str] = []
    for i in range(n):
        r = rng.random()
        if i > 10 and r < 0.05:
            texts.append(texts[rng.randrange(i)])
        elif i > 10 and r < 0.30:
            src = texts[rng.randrange(i)].split("\n\n")
            keep = src[: max(2, int(len(src) * rng.uniform(0.7, 1.0)))]
            words = keep[-1].split()
            words[rng.randrange(len(words))] = f"changed{i}"
            keep[-1] = " ".join(words)
            texts.append("\n\n".join(["WASHINGTON (AP) — " + keep[0]] + keep[1:]))
        else:
            paras = rng.sample(pool, rng.randint(8, 14))
            paras = [f"{p} (ref {i}-{j})" for j, p in enumerate(paras)]  # unique words per base
            texts.append("\n\n".join(paras))
    return [Article(article_id=stable_hash("bench", i), source="bench", url=f"bench://{i}",
                    text=t, published_at=t0 + timedelta(seconds=i), text_hash=text_hash(t))
            for i, t in enumerate(texts)]


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def measure(n: int, history_n: int = 0) -> dict:
    """One measurement in this process: assign_clusters over n articles (after a warm-up)."""
    from tasks.dedup import assign_clusters

    from quotewire.settings import Settings

    settings = Settings()
    articles = make_corpus(n)
    words = sum(len(a.text.split()) for a in articles[:2000]) / min(n, 2000)
    assign_clusters(make_corpus(200, seed=1), None, settings)  # warm-up: imports, caches
    history = None
    if history_n:
        import pyarrow as pa

        older = make_corpus(history_n, seed=3)
        _, sig = assign_clusters(older, None, settings)
        history = sig.append_column("run_date", pa.array([datetime(2016, 2, 1).date()] * sig.num_rows,
                                                         pa.date32()))
    base = _rss()
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], _rss())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    out, sigs = assign_clusters(articles, history, settings)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    stop.set()
    sampler.join()
    clusters = len({a.cluster_id for a in out})
    return {"n": n, "history": history_n, "seconds": elapsed, "articles_per_s": n / elapsed,
            "cpu_s": cpu, "peak_rss_delta_mb": (peak[0] - base) / 2**20,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "clusters": clusters, "sig_table_mb": sigs.nbytes / 2**20, "avg_words": words}


def compare_minhash(n: int = 2000) -> list[dict]:
    """Signature throughput of the candidates on the same n articles (k=5, 128 permutations)."""
    import numpy as np

    from tasks.dedup import minhash_signatures, words

    texts = [a.text for a in make_corpus(n, seed=11)]
    rows = []

    def shingle_strings(t):
        w = words(t)
        return [" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))]

    t0 = time.perf_counter()
    sh = [shingle_strings(t) for t in texts]
    t_sh = time.perf_counter() - t0
    rows.append({"impl": "Python word 5-shingle strings (input for datasketch/rensa)",
                 "articles_per_s": n / t_sh, "sig_only": None})
    try:
        from datasketch import MinHash

        t0 = time.perf_counter()
        for s in sh[:500]:
            m = MinHash(num_perm=128, seed=1)
            m.update_batch([x.encode() for x in s])
        per = (time.perf_counter() - t0) / 500
        rows.append({"impl": "datasketch 2.0 MinHash.update_batch (+ shingle strings)",
                     "articles_per_s": 1 / (per + t_sh / n), "sig_only": 1 / per})
    except ImportError:
        pass
    try:
        import rensa

        for cls in ("RMinHash", "CMinHash"):
            t0 = time.perf_counter()
            for s in sh:
                m = getattr(rensa, cls)(num_perm=128, seed=1)
                m.update(s)
                m.digest()
            per = (time.perf_counter() - t0) / n
            rows.append({"impl": f"rensa 0.5 {cls} (+ shingle strings)",
                         "articles_per_s": 1 / (per + t_sh / n), "sig_only": 1 / per})
    except ImportError:
        pass
    for workers in (1, 2):
        minhash_signatures(texts[:100], 5, 128, workers=workers)
        t0 = time.perf_counter()
        sig, _ = minhash_signatures(texts, 5, 128, workers=workers)
        assert sig.shape == (n, 128) and sig.dtype == np.uint32
        rate = n / (time.perf_counter() - t0)
        rows.append({"impl": f"quotewire numpy/pyarrow one-permutation MinHash, {workers} thread(s)",
                     "articles_per_s": rate, "sig_only": rate})
    return rows


def _subprocess(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.bench_dedup", *args], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    from bench.docs import replace_section
    from quotewire.settings import Settings

    load = os.getloadavg()[0]
    results = []
    for n in SIZES:
        r = _subprocess(["--run", str(n)])
        print(json.dumps(r), flush=True)
        results.append(r)
    cross = _subprocess(["--run", "10000", "--history", "100000"])
    print(json.dumps(cross), flush=True)
    impls = _subprocess(["--compare"])["rows"]
    for row in impls:
        print(json.dumps(row), flush=True)

    from tasks.dedup import CHUNK_DOCS

    s = Settings()
    lo, hi = results[0], results[-1]
    slope = (hi["peak_rss_delta_mb"] - lo["peak_rss_delta_mb"]) * 1024 / (hi["n"] - lo["n"])
    fixed = lo["peak_rss_delta_mb"] - slope * lo["n"] / 1024
    lines = [
        f"Command: `make bench` (or `python -m bench dedup`), run {datetime.now().date().isoformat()} "
        f"on {os.cpu_count()} cores (load average {load:.1f} from other work when it started), "
        f"Python {platform.python_version()}. Each size runs in a fresh "
        "process; the time is one `assign_clusters` call over the whole batch, **signatures "
        "included** (text → word shingles → MinHash → exact groups → LSH → verification → "
        "union-find → cluster ids → signature table). Peak memory = highest RSS sampled every "
        "2 ms during the call minus the RSS before it (the corpus itself excluded). "
        f"Settings: shingle_size={s.shingle_size}, minhash_perm={s.minhash_perm}, "
        f"near_dup_threshold={s.near_dup_threshold}. Corpus: synthetic articles built from PolNeAR "
        f"train paragraphs (~{results[0]['avg_words']:.0f} words each; 25 % wire copies, 5 % "
        "exact copies).",
        "",
        "| articles | history rows | seconds | articles/s | CPU s | peak RSS above baseline | per article | clusters | signature rows |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results + [cross]:
        lines.append(f"| {r['n']:,} | {r['history']:,} | {r['seconds']:.2f} | "
                     f"{r['articles_per_s']:,.0f} | {r['cpu_s']:.1f} | "
                     f"{r['peak_rss_delta_mb']:.0f} MiB | "
                     f"{r['peak_rss_delta_mb'] * 2**20 / r['n'] / 1024:.1f} KiB | "
                     f"{r['clusters']:,} | {r['sig_table_mb']:.1f} MiB |")
    lines += [
        "",
        f"Memory grows linearly: {lo['peak_rss_delta_mb']:.0f} → {hi['peak_rss_delta_mb']:.0f} MiB "
        f"from {lo['n']:,} to {hi['n']:,} articles, i.e. {slope:.1f} KiB per additional article "
        f"(the signature matrix is 0.5 KiB of it; the rest is the LSH band keys, candidate pairs "
        f"and the output records) over a fixed ~{fixed:.0f} MiB. Signatures are computed in chunks "
        f"of {CHUNK_DOCS} articles, so their temporaries do not grow with the batch. The last row is "
        "a night of 10k articles against a 100k-row signature history (LSH pairs among history "
        "rows alone are skipped).",
        "",
        "MinHash implementations on the same 2,000 articles (signatures only, k=5, 128 "
        "permutations; datasketch and rensa need the shingles as strings, built in Python):",
        "",
        "| implementation | articles/s, text to signature | articles/s, hashing step alone |",
        "|---|---|---|",
    ]
    lines += [f"| {r['impl']} | {r['articles_per_s']:,.0f} | "
              f"{'' if r['sig_only'] is None else format(r['sig_only'], ',.0f')} |" for r in impls]
    lines += [
        "",
        "Chosen: the vectorised one-permutation MinHash (words hashed straight from the UTF-8 bytes, "
        "one 64-bit hash per shingle, 128 bins, optimal densification); its collision probability "
        "equals the Jaccard similarity like classic MinHash, and the labelled-set scores in "
        "docs/EVALUATION.md are measured with it. rensa's Rust MinHash is fast once it has the "
        "shingles, but they must be built as Python strings first, which alone runs below the "
        "5,000 articles/s bar; datasketch is slower still.",
        "",
        "Parallelism: signature chunks run on 2 threads (the two quotewire rows above); LSH, "
        "union-find and building the records run on one. In the size table CPU seconds ≈ wall "
        "seconds, i.e. on this shared machine (load average above) the whole call used about one "
        "core on average.",
    ]
    replace_section(HEADING, "\n".join(lines))


if __name__ == "__main__":
    if "--run" in sys.argv:
        n = int(sys.argv[sys.argv.index("--run") + 1])
        h = int(sys.argv[sys.argv.index("--history") + 1]) if "--history" in sys.argv else 0
        print(json.dumps(measure(n, h)))
    elif "--compare" in sys.argv:
        print(json.dumps({"rows": compare_minhash()}))
    else:
        main()
