"""Work spread over this process and forked workers that share what it has loaded (the spaCy model).

One scheme for every caller of :func:`quotewire.attribution.extract_many` with more than one
process: each process -- this one included -- claims the next run of unclaimed items from a
shared counter, heaviest first, in runs that shrink as the work left does (big runs keep the
parser's batches full; the small last ones let all processes finish together, whatever else the
machine runs). A worker sends back its results once, at the end; the items of a worker that dies
are done here.
"""

from __future__ import annotations

import bisect
import itertools
import os
import threading


def can_fork() -> bool:
    """Forking is safe only from a process that runs a single thread (a forked child of a threaded
    process, such as a Prefect flow, can deadlock on a lock some other thread held)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def shared_work(work, weights: list[int], n_workers: int) -> list:
    """``work(run)`` -- a list with one result per index in ``run`` -- over all indices of
    ``weights``, in this process and ``n_workers`` forked workers. A run weighs 1/(2 x processes)
    of what is left (at least 1/64 of the whole). Returns the results in index order."""
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
                except (EOFError, OSError):  # the worker died: this process does its items below
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
