"""``quotewire quotes``: the work shared between the command's process and its forked workers."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

import pytest

from quotewire import attribution as Q
from quotewire.commands import quotes_cmd

TEXTS = [
    '"We are ready," the transit director, Helen Cho, told the council.',
    "The port authority's chief executive, Robert Ellison, said the operators had made a fair offer.",
    "Nothing was said here.",
    '"This is the minimum a city owes its people," said Councillor Maria Okafor. "We will win," she added.',
    "",
]


@pytest.mark.parametrize("n_workers", [0, 1, 2])
def test_shared_work_returns_every_item_in_index_order(n_workers):
    weights = [3, 0, 400, 1, 2, 7, 6, 5, 90, 8] * 20

    def work(run):
        return [f"item {i}" for i in run]

    assert quotes_cmd._shared_work(work, weights, n_workers) == [f"item {i}" for i in range(200)]


def test_items_of_a_worker_that_dies_are_done_by_the_command():
    parent = os.getpid()

    def work(run):
        if os.getpid() != parent:
            os._exit(3)  # a worker killed in the middle of its first run
        return [str(i) for i in run]

    assert quotes_cmd._shared_work(work, [10, 20, 30, 40, 50, 60], 1) == [str(i) for i in range(6)]


@pytest.fixture(scope="module")
def nlp():
    return Q.load_nlp()


def test_lines_are_the_same_with_forked_workers(nlp, monkeypatch):
    names = [f"doc{i}" for i in range(len(TEXTS))]
    serial = quotes_cmd.extract_lines(names, TEXTS, nlp, 1, 64)
    monkeypatch.setattr(Q, "PARALLEL_MIN_CHARS", 0)  # fork even for these few characters
    assert quotes_cmd.extract_lines(names, TEXTS, nlp, 2, 64) == serial
    assert quotes_cmd.extract_lines(names, TEXTS, nlp, 3, 64) == serial
    expected = ["".join(json.dumps({"doc": n, **asdict(q)}, ensure_ascii=False) + "\n" for q in qs)
                for n, qs in zip(names, Q.extract_many(TEXTS, nlp=nlp))]
    assert serial == expected
    assert any(serial)
