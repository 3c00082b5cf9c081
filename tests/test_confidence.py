"""A quotation's confidence (quotewire/confidence.py): features, calibration, the shipped model."""

from __future__ import annotations

import pytest

from quotewire import confidence, learned
from quotewire.records import Quote

TEXT = 'Headline\n\n"We will win," Smith said. See "The Long Road" by Ann Lee.\n'


def quote(text, sub, **kw):
    start = text.index(sub)
    return Quote(start=start, end=start + len(sub), text=sub, type=kw.pop("type", "direct"), **kw)


@pytest.mark.parametrize("sub, key, value", [
    ('"We will win,"', "para_start", 1.0),
    ('"We will win,"', "body_punct_end", 1.0),
    ('"The Long Road"', "then_by", 1.0),
    ('"The Long Road"', "title_case", 1.0),
    ('"The Long Road"', "para_start", 0.0),
    ("Headline", "first_para", 1.0),
])
def test_features(sub, key, value):
    assert confidence.features(TEXT, quote(TEXT, sub, confidence=0.5))[key] == value


def test_features_name_the_rule_score_and_the_speaker():
    q = quote(TEXT, '"We will win,"', confidence=0.9, speaker="Smith", speaker_start=TEXT.index("Smith"),
              speaker_end=TEXT.index("Smith") + 5, speaker_name="John Smith", cue="said")
    f = confidence.features(TEXT, q)
    assert f["rule=0.90"] == 1.0 and f["has_speaker"] == 1.0 and f["speaker_capital"] == 1.0
    assert f["speaker_pronoun"] == 0.0


def test_calibrate_sets_the_model_probability(model_dir):
    learned.LogisticModel("confidence", {"has_speaker": 3.0, "then_by": -3.0}, 0.0).save(model_dir)
    said = quote(TEXT, '"We will win,"', confidence=0.9, speaker="Smith", speaker_start=0, speaker_end=5)
    title = quote(TEXT, '"The Long Road"', confidence=0.3)
    confidence.calibrate(TEXT, [said, title])
    assert said.confidence == 0.95 and title.confidence == 0.05


def test_without_a_model_the_rule_scores_stay(model_dir):
    q = quote(TEXT, '"We will win,"', confidence=0.9)
    confidence.calibrate(TEXT, [q])
    assert q.confidence == 0.9


def test_the_shipped_model_trusts_an_attributed_quotation_more():
    from quotewire.attribution import extract_quotes, load_nlp

    nlp = load_nlp()
    attributed = extract_quotes('"We will build it and we will pay for it," Smith said on Monday.', nlp=nlp)
    loose = extract_quotes('Fans of the show, which fans call "The Long Road," waited.', nlp=nlp)
    assert attributed and loose and all(0.0 <= q.confidence <= 1.0 for q in attributed + loose)
    assert attributed[0].confidence > 0.7
    assert all(q.confidence < attributed[0].confidence for q in loose)
