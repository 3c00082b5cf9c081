"""The PolNeAR scorer (quotewire/evaluation.py) on tiny hand-made gold, and `quotewire eval` end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotewire import evaluation as ev

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev"

TEXT = 'Intro. "We will win," Smith said. "And soon." Jones says the plan failed badly.\n'
ANN = """T1\tSource 22 27\tSmith
T2\tCue 28 32\tsaid
T3\tContent 7 21;34 45\t"We will win," "And soon."
T4\tAttribution 28 32\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 46 51\tJones
T6\tCue 52 56\tsays
T7\tContent 57 79\tthe plan failed badly.
E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5
#1\tAnnotatorNotes T7\ta note line
broken line without tabs
"""


def test_parse_ann_discontinuous_and_direct():
    gold = ev.parse_ann(ANN, TEXT)
    assert len(gold) == 2
    assert gold[0].content == [(7, 21), (34, 45)]
    assert gold[0].direct and not gold[1].direct
    assert gold[0].source_text == "Smith"


@pytest.mark.parametrize("a, b, expected", [
    ({1, 2, 3, 4}, {1, 2, 3, 4}, 1.0),
    ({1, 2, 3, 4}, {3, 4}, 0.5),          # shared / the longer
    ({1, 2}, {3, 4}, 0.0),
    (set(), {1}, 0.0),
])
def test_overlap(a, b, expected):
    assert ev.overlap(a, b) == expected


def test_score_parts_outermost_and_speakers():
    gold = {"d": (TEXT, ev.parse_ann(ANN, TEXT))}
    preds = {"d": [
        # the split quotation, with its parts: matches gold exactly
        ev.Pred(7, 45, TEXT[7:45], 22, 27, "John Smith", "Smith", [(7, 21), (34, 45)]),
        # a fragment inside it: not counted (outermost spans only)
        ev.Pred(7, 21, TEXT[7:21], None, None, None),
        # reported speech with the final period left out: overlap 21/22
        ev.Pred(57, 78, TEXT[57:78], None, None, "Mr. Jones"),
        # a false positive
        ev.Pred(0, 6, TEXT[0:6]),
    ]}
    res = ev.score(gold, preds)
    assert res["all"]["predicted"] == 3 and res["all"]["gold"] == 2
    assert res["all"]["@0.8"]["matched"] == 2
    assert res["all"]["@0.8"]["precision"] == round(2 / 3, 4) and res["all"]["@0.8"]["recall"] == 1.0
    assert res["all"]["speaker_accuracy"] == 1.0  # mention overlap; last-name match
    assert res["direct"]["gold"] == 1 and res["direct"]["predicted"] == 1
    assert res["direct"]["@0.8"]["f1"] == 1.0
    # without parts the attribution inside the span lowers the overlap below 0.8
    preds["d"][0] = ev.Pred(7, 45, TEXT[7:45], 22, 27, "Smith")
    assert ev.score(gold, preds)["direct"]["@0.8"]["matched"] == 0
    assert ev.score(gold, preds)["direct"]["@0.3"]["matched"] == 1


def test_bootstrap_interval_brackets_the_score_and_narrows_when_documents_agree():
    golds = ev.parse_ann(ANN, TEXT)
    right = [ev.Pred(7, 45, TEXT[7:45], None, None, None, None, [(7, 21), (34, 45)]),
             ev.Pred(57, 79, TEXT[57:79])]
    same = {f"d{i}": (TEXT, golds) for i in range(6)}
    boot = ev.bootstrap(same, {d: right for d in same}, resamples=200)
    assert boot["all"]["@0.8"] == {"low": 1.0, "high": 1.0}  # every draw is the same documents' score
    # half the documents found, half missed: the point F1 lies strictly inside the interval
    preds = {d: (right if i % 2 else []) for i, d in enumerate(same)}
    f1 = ev.score(same, preds)["all"]["@0.8"]["f1"]
    boot = ev.bootstrap(same, preds, resamples=200, seed=1)
    assert boot["all"]["@0.8"]["low"] < f1 < boot["all"]["@0.8"]["high"]
    assert boot == ev.bootstrap(same, preds, resamples=200, seed=1)  # a seed repeats
    assert boot["documents"] == 6 and boot["resamples"] == 200


def test_row_outcomes_need_the_span_and_the_speaker():
    gold = {"d": (TEXT, ev.parse_ann(ANN, TEXT))}
    split = ev.Pred(7, 45, TEXT[7:45], 22, 27, "John Smith", "Smith", [(7, 21), (34, 45)], 0.9)
    wrong_speaker = ev.Pred(57, 78, TEXT[57:78], None, None, "Mary Brown", confidence=0.8)
    spurious = ev.Pred(0, 6, TEXT[0:6], confidence=0.2)
    inner = ev.Pred(7, 21, TEXT[7:21], confidence=0.5)  # inside the split quotation: not scored
    out = ev.row_outcomes(gold, {"d": [split, wrong_speaker, spurious, inner]})
    assert [(p.start, ok) for _d, p, ok in out] == [(0, False), (7, True), (57, False)]


def test_reliability_bins_and_brier():
    def row(c, ok):
        return ("d", ev.Pred(0, 1, "x", confidence=c), ok)

    rel = ev.reliability([row(0.1, False), row(0.15, True), row(0.9, True), row(1.0, True)], bins=2)
    assert rel["rows"] == 4
    assert rel["bins"] == [{"from": 0.0, "to": 0.5, "rows": 2, "right": 0.5},
                           {"from": 0.5, "to": 1.0, "rows": 2, "right": 1.0}]
    assert rel["brier"] == round((0.01 + 0.7225 + 0.01 + 0.0) / 4, 4)
    assert "Brier 0.186" in ev.format_reliability(rel)


def test_speaker_wrong_name():
    g = ev.GoldAttr([(0, 5)], [(10, 15)], "x", "Smith")
    assert not ev.speaker_correct(ev.Pred(0, 5, "x", 20, 25, "Mary Jones"), g)
    assert ev.speaker_correct(ev.Pred(0, 5, "x", 20, 25, "John Smith"), g)


def test_load_gold_first_annotator(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_b222.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "doc_a111.ann").write_text(ANN, encoding="utf-8")
    gold = ev.load_gold(tmp_path)
    assert list(gold) == ["doc"] and len(gold["doc"][1]) == 2


def test_second_annotator_as_a_system(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for doc in ("twice", "once"):
        (tmp_path / "text" / f"{doc}.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "attributions" / f"{doc}_a111.ann").write_text(ANN, encoding="utf-8")
    # the second annotator left out the reported speech and gave the quotation one part only
    (tmp_path / "attributions" / "twice_b222.ann").write_text(
        "T1\tSource 22 27\tSmith\nT3\tContent 7 21\tx\nE1\tAttribution:T1 Content:T3 Source:T1\n", encoding="utf-8")
    gold, second = ev.second_annotator(tmp_path)
    assert list(gold) == ["twice"] and len(gold["twice"][1]) == 2
    (p,) = second["twice"]
    assert (p.start, p.end, p.parts, p.speaker) == (7, 21, None, "Smith")
    res = ev.score(gold, second)
    assert res["all"]["@0.3"]["matched"] == 1 and res["all"]["@0.8"]["matched"] == 0  # 14 of 25 characters
    assert res["all"]["speaker_accuracy"] == 1.0


def test_eval_agreement_needs_documents_annotated_twice(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "once.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "once_a111.ann").write_text(ANN, encoding="utf-8")
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "eval", "--gold", str(tmp_path), "--agreement", "--system", "quotewire"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "two annotator files" in out.stderr


@pytest.mark.skipif(not DEV.exists(), reason="PolNeAR dev not available")
def test_eval_cli_on_three_dev_docs():
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "eval", "--gold", str(DEV), "--limit", "3", "--json", "--bootstrap", "50"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["documents"] == 3
    for system in ("quotewire", "textacy"):
        for subset in ("all", "direct"):
            r = res["results"][system][subset]
            assert r["gold"] > 0
            for t in ("@0.3", "@0.8"):
                assert 0.0 <= r[t]["f1"] <= 1.0
            assert r["@0.8"]["matched"] <= r["@0.3"]["matched"]
            interval = res["intervals"][system][subset]["@0.8"]
            assert 0.0 <= interval["low"] <= interval["high"] <= 1.0
    calibration = res["confidence"]
    assert calibration["rows"] == res["results"]["quotewire"]["all"]["predicted"]
    assert sum(b["rows"] for b in calibration["bins"]) == calibration["rows"]
    assert 0.0 <= calibration["brier"] <= 1.0
