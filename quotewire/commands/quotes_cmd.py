"""``quotewire quotes FILE ...``: quotations and speakers of plain-text files, one JSON object per line.

Extraction alone (no Prefect, no cleaning): offsets are Python str offsets into each file's text.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import fields
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("quotes", help="extract quotations and speakers from text files (JSON lines)")
    p.add_argument("files", nargs="+", metavar="FILE", help="plain-text files (UTF-8)")
    p.add_argument("--processes", type=int, default=None,
                   help="processes that extract: this one plus N-1 forked workers (default: "
                        "QUOTEWIRE_QUOTE_PROCESSES if set, else up to 2 cores)")
    p.set_defaults(func=run)


def default_processes(settings) -> int:
    """QUOTEWIRE_QUOTE_PROCESSES when set; otherwise both cores of a two-core machine (the forked
    worker shares the loaded model; small inputs stay in one process)."""
    if "quote_processes" in settings.model_fields_set:
        return settings.quote_processes
    return max(1, min(2, os.cpu_count() or 1))


def run(args) -> int:
    names, texts, failed = [], [], 0
    for f in args.files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
            names.append(Path(f).stem)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"quotewire quotes: cannot read {f}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            failed += 1
    if texts:
        # Importing spaCy and loading the model allocate hundreds of thousands of objects that all
        # live until exit: the collector's ~200 passes over them find nothing (CPU time to the loaded
        # model: 0.05 s less, median of 20 runs). Off until the model is loaded, then frozen (full
        # collections skip the model's objects and do not touch, hence copy, their pages in a
        # forked worker).
        gc.disable()
        try:
            from quotewire.attribution import load_nlp
            from quotewire.settings import Settings

            settings = Settings()
            nlp = load_nlp(settings.spacy_model)
        finally:
            gc.freeze()
            gc.enable()
        n_process = args.processes or default_processes(settings)
        out = sys.stdout
        out.write("".join(extract_lines(names, texts, nlp, n_process, settings.quote_batch_size)))
        out.flush()
        gc.freeze()  # the quotations too: the interpreter exits without collecting them one by one
    return 1 if failed else 0


_encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) builds per call


def _lines(name: str, quotes) -> str:
    """One JSON object per quotation: ``doc`` then the Quote's fields in order. The fields are read
    directly, not through ``dataclasses.asdict`` (a deep copy, twice the cost of the encoding; the
    fields are scalars and ``parts``' list of pairs, which encode the same)."""
    if not quotes:
        return ""
    names = [f.name for f in fields(quotes[0])]
    return "".join(_encode({"doc": name, **{k: getattr(q, k) for k in names}}) + "\n" for q in quotes)


def extract_lines(names: list[str], texts: list[str], nlp, n_process: int, batch_size: int) -> list[str]:
    """The output of each text (its JSON lines), in input order.

    With ``n_process > 1`` and enough text, this process works too: it forks ``n_process - 1``
    workers (they share the loaded model) and every process claims the next run of unclaimed texts,
    longest first, in runs that shrink as the work left does (big runs keep the parser's batches
    full; the small last ones let all processes finish together, whatever else the machine runs).
    A worker sends back its texts' JSON lines once, at the end."""
    import threading

    from quotewire.attribution import PARALLEL_MIN_CHARS, extract_many

    def lines(idx: list[int]) -> list[str]:
        qss = extract_many([texts[i] for i in idx], nlp=nlp, batch_size=batch_size)
        return [_lines(names[i], qs) for i, qs in zip(idx, qss)]

    n = len(texts)
    if n_process <= 1 or n < 2 or sum(map(len, texts)) < PARALLEL_MIN_CHARS:
        return lines(list(range(n)))
    if threading.active_count() > 1 or not hasattr(os, "fork"):  # forking a threaded process can deadlock
        qss = extract_many(texts, nlp=nlp, n_process=n_process, batch_size=batch_size)
        return [_lines(name, qs) for name, qs in zip(names, qss)]
    return _shared_work(lines, [len(t) for t in texts], n_process - 1)


def _shared_work(work, weights: list[int], n_workers: int) -> list:
    """``work(run)`` -- a list with one result per index in ``run`` -- over all indices of
    ``weights``, in this process and ``n_workers`` forked workers. Each process claims the next run of
    indices from a shared counter, heaviest first; a run weighs 1/(2 x processes) of what is left
    (at least 1/64 of the whole). Returns the results in index order."""
    import bisect
    import itertools
    import multiprocessing as mp
    from multiprocessing.connection import wait

    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    cum = list(itertools.accumulate((max(1, weights[i]) for i in order), initial=0))
    share, least = 2 * (n_workers + 1), cum[-1] / 64

    ctx = mp.get_context("fork")
    nxt = ctx.Value("i", 0)

    def claimed():
        while True:
            with nxt.get_lock():
                k = nxt.value
                want = max((cum[-1] - cum[k]) / share, least)
                end = min(len(order), max(k + 1, bisect.bisect_left(cum, cum[k] + want)))
                nxt.value = end
            if k >= len(order):
                return
            yield order[k:end]

    def worker(conn) -> None:
        try:
            conn.send({i: r for run in claimed() for i, r in zip(run, work(run))})
        except KeyboardInterrupt:
            pass
        finally:
            conn.close()

    done: dict = {}
    workers = []
    try:
        for _ in range(n_workers):
            recv, send = ctx.Pipe(duplex=False)
            p = ctx.Process(target=worker, args=(send,), daemon=True)
            p.start()
            send.close()
            workers.append((p, recv))
        for run in claimed():
            done.update(zip(run, work(run)))
        conns = [recv for _p, recv in workers]
        while conns:
            for conn in wait(conns):
                try:
                    done.update(conn.recv())
                except (EOFError, OSError):  # the worker died: this process does its texts below
                    pass
                conn.close()
                conns.remove(conn)
    finally:
        for p, _recv in workers:
            if p.is_alive():
                p.terminate()
            p.join()
    missing = [i for i in order if i not in done]
    if missing:
        done.update(zip(missing, work(missing)))
    return [done[i] for i in range(len(weights))]
