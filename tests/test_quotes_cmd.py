"""``quotewire quotes``: the same JSON lines whether this process works alone or beside forked workers."""

from __future__ import annotations

import json
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


@pytest.fixture(scope="module")
def nlp():
    return Q.load_nlp()


def test_lines_are_the_same_with_more_processes(nlp, monkeypatch):
    names = [f"doc{i}" for i in range(len(TEXTS))]
    serial = quotes_cmd.extract_lines(names, TEXTS, nlp, 1, 64)
    monkeypatch.setattr(Q, "PARALLEL_MIN_CHARS", 0)  # go parallel even for these few characters
    assert quotes_cmd.extract_lines(names, TEXTS, nlp, 2, 64) == serial
    assert quotes_cmd.extract_lines(names, TEXTS, nlp, 3, 64) == serial
    expected = ["".join(json.dumps({"doc": n, **asdict(q)}, ensure_ascii=False) + "\n" for q in qs)
                for n, qs in zip(names, Q.extract_many(TEXTS, nlp=nlp))]
    assert serial == expected
    assert any(serial)
