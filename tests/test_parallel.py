"""quotewire.parallel: work shared between this process and forked workers; extract_many on top of it."""

from __future__ import annotations

import os
import threading
import warnings

import pytest

from quotewire import attribution as Q
from quotewire import parallel


@pytest.mark.parametrize("n_workers", [0, 1, 2])
def test_shared_work_returns_every_item_in_index_order(n_workers):
    weights = [3, 0, 400, 1, 2, 7, 6, 5, 90, 8] * 20

    def work(run):
        return [f"item {i}" for i in run]

    assert parallel.shared_work(work, weights, n_workers) == [f"item {i}" for i in range(200)]


def test_workers_really_share_the_work():
    import time

    def work(run):
        time.sleep(0.05)  # long enough for the forked worker to start and claim runs of its own
        return [os.getpid() for _ in run]

    pids = parallel.shared_work(work, [1] * 64, 1)
    assert len(pids) == 64 and os.getpid() in pids and len(set(pids)) == 2


def test_items_of_a_worker_that_dies_are_done_here():
    parent = os.getpid()

    def work(run):
        if os.getpid() != parent:
            os._exit(3)  # a worker killed in the middle of its first run
        return [str(i) for i in run]

    assert parallel.shared_work(work, [10, 20, 30, 40, 50, 60], 1) == [str(i) for i in range(6)]


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not parallel.can_fork()
    finally:
        stop.set()
        t.join()


TEXTS = [
    '"We are ready," the transit director, Helen Cho, told the council.',
    "Nothing was said here.",
    '"This is the minimum a city owes its people," said Councillor Maria Okafor. "We will win," she added.',
    "",
    "NATO says the planned shield is not aimed at Russia.",
] * 3


@pytest.fixture(scope="module")
def nlp():
    return Q.load_nlp()


def test_extract_many_forked_and_spawned_equal_serial(nlp, monkeypatch):
    serial = Q.extract_many(TEXTS, nlp=nlp)
    assert any(serial)
    monkeypatch.setattr(Q, "PARALLEL_MIN_CHARS", 0)  # go parallel even for these few characters
    assert Q.extract_many(TEXTS, nlp=nlp, n_process=2) == serial  # forked or spawned, as threads allow
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:  # a thread alive, as in a Prefect flow: spawned workers that load the model themselves
        assert Q._extract_spawned(TEXTS, nlp, 2, 64) == serial
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a failed parallel run falls back with a warning
            assert Q.extract_many(TEXTS, nlp=nlp, n_process=2) == serial
    finally:
        stop.set()
        t.join()


def test_convert_runs_per_text_with_its_index(nlp, monkeypatch):
    monkeypatch.setattr(Q, "PARALLEL_MIN_CHARS", 0)
    got = Q.extract_many(TEXTS, nlp=nlp, n_process=2, convert=lambda i, qs: (i, len(qs)))
    assert got == [(i, len(qs)) for i, qs in enumerate(Q.extract_many(TEXTS, nlp=nlp))]


def test_a_failing_parallel_run_warns_and_still_extracts(nlp, monkeypatch):
    monkeypatch.setattr(Q, "PARALLEL_MIN_CHARS", 0)

    def broken(*_a, **_k):
        raise OSError("no processes here")

    monkeypatch.setattr(parallel, "shared_work", broken)
    monkeypatch.setattr(Q, "_extract_spawned", broken)
    with pytest.warns(RuntimeWarning, match="no processes here"):
        got = Q.extract_many(TEXTS, nlp=nlp, n_process=2)
    assert got == Q.extract_many(TEXTS, nlp=nlp)


FORKED = """
import sys, threading
from quotewire import attribution as Q, parallel
texts = {texts!r}
nlp = Q.load_nlp()
serial = Q.extract_many(texts, nlp=nlp)
Q.PARALLEL_MIN_CHARS = 0
assert threading.active_count() == 1 and parallel.can_fork()
assert Q.extract_many(texts, nlp=nlp, n_process=3) == serial and any(serial)
print("forked ok")
"""


def test_extract_many_forked_in_a_single_threaded_process():
    """The fork path where it is taken: a fresh interpreter (this test session has threads alive)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", FORKED.format(texts=TEXTS)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "forked ok"
