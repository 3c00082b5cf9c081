"""Property tests (hypothesis): extraction never raises and every offset slices back to its text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotewire import attribution as Q, quote_marks as M

# text built from pieces that exercise the extractor: marks of every kind, cues, names, newlines
PIECES = ['"', "“", "”", "‘", "’", "''", "«", "»", " said ", " says ", " told ", "according to ", "He", "She",
          " Smith", "John Smith", " that ", ",", ".", ":", "?", "\n", "\n\n", " the minister ", " NATO ", " — ",
          "We will win", " U.S. ", "Sen. ", " Mr. ", "...", " ", "a", "Z"]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join),
)


@pytest.fixture(scope="module")
def nlp():
    return Q.load_nlp()


def _check(text, quotes):
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.type in ("direct", "indirect", "mixed")
        if q.speaker is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
        for s, e in q.parts or []:
            assert q.start <= s < e <= q.end
        assert 0.0 <= q.confidence <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts)
def test_extract_never_raises_and_offsets_slice(nlp, text):
    _check(text, Q.extract_quotes(text, nlp=nlp))


@settings(max_examples=300, deadline=None)
@given(texts)
@example("’’0”")  # found by hypothesis: a closing mark typed as an opening one opens (LENIENT_OPEN)
@example("x “b.‘‘ y")  # and an opening mark typed as the closing one closes (LENIENT_CLOSE)
@example('0. "A 0 0 0')  # an opening mark never closed in its paragraph quotes to its end (UNCLOSED_TO_PARA_END)
def test_pair_quotes_spans_are_marked(text):
    spans = M.pair_quotes(text)
    last = -1
    for s, e in spans:
        assert 0 <= s < e <= len(text) and s >= last
        opening = M.MARK.match(text, s)
        closed = text[e - 1] in M.QUOTE_CHARS or text[e - 2:e] in ("''", "‘‘", "’’")
        to_paragraph_end = M.UNCLOSED_TO_PARA_END and not text[e:].split("\n", 1)[0].strip() \
            and not M.MARK.search(text, s + len(opening.group()), e) if opening else False
        assert opening and (closed or to_paragraph_end), text[s:e]  # a mark at both ends, or none left in the paragraph
        last = e


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=5))
def test_extract_many_matches_single(nlp, batch):
    many = Q.extract_many(batch, nlp=nlp)
    assert len(many) == len(batch)
    for text, quotes in zip(batch, many):
        _check(text, quotes)
