"""`quotewire train` (quotewire/training.py): decisions logged, labelled by gold, models written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotewire import evaluation as ev
from quotewire import learned, training

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"

TEXT = "The mayor said the budget would cost $5 billion, which critics called far too much.\n"
START = TEXT.index("the budget")


@pytest.mark.parametrize("gold_end, label", [
    (TEXT.index(", which"), 0),     # the annotator cut the appendix: cutting was right
    (TEXT.index("."), 1),           # the annotator kept it
])
def test_appendix_examples_label_by_the_gold_end(gold_end, label):
    ann = f"T1\tContent {START} {gold_end}\tx\nE1\tAttribution:T1 Content:T1\n"
    gold = {"d": (TEXT, ev.parse_ann(ann, TEXT))}
    decision = {"kind": "appendix", "start": START, "cut_end": TEXT.index(", which"), "full_end": TEXT.index("."),
                "features": {"dep=relcl": 1.0}}
    rows, labels, groups = training.appendix_examples(gold, {"d": [decision, dict(decision)]})
    assert labels == [label] and groups == ["d"] and rows == [{"dep=relcl": 1.0}]  # the repeat counted once


def test_an_undecided_appendix_is_no_example():
    ann = "T1\tContent 0 9\tx\nE1\tAttribution:T1 Content:T1\n"  # matches neither end
    gold = {"d": (TEXT, ev.parse_ann(ann, TEXT))}
    decision = {"kind": "appendix", "start": START, "cut_end": 40, "full_end": 80, "features": {}}
    assert training.appendix_examples(gold, {"d": [decision]}) == ([], [], [])


@pytest.mark.skipif(not TRAIN.exists(), reason="PolNeAR train not available")
def test_train_cli_writes_both_models_elsewhere_and_leaves_the_shipped_ones(tmp_path):
    shipped = {p.name: p.read_bytes() for p in learned.MODELS.glob("*.json")}
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "train", "--gold", str(TRAIN), "--limit", "60", "--out", str(tmp_path), "--json"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    reports = json.loads(out.stdout)
    app, conf = reports["appendix_cut"], reports["confidence"]
    assert 0 < app["decisive"] and 0 <= app["rule_right"] <= app["decisive"] and app["documents"] <= 60
    assert conf["rows"] > conf["right"] > 0 and 0 < conf["brier_model_cv"] < 1
    for name in ("appendix_cut", "confidence"):
        model = learned.load_model(name, tmp_path)
        assert model is not None and model.weights and model.meta["trained_on"].startswith("train (60")
    assert {p.name: p.read_bytes() for p in learned.MODELS.glob("*.json")} == shipped


@pytest.mark.skipif(not TRAIN.exists(), reason="PolNeAR train not available")
def test_train_out_of_fold_scores_both_and_writes_nothing():
    shipped = {p.name: p.read_bytes() for p in learned.MODELS.glob("*.json")}
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "train", "--gold", str(TRAIN), "--limit", "40", "--out-of-fold", "--json"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    res = json.loads(out.stdout)
    assert res["documents"] == 40 and res["folds"] == 5
    for subset in ("all", "direct"):
        assert res["rule"][subset]["gold"] == res["out_of_fold"][subset]["gold"] > 0
        assert 0.0 < res["out_of_fold"][subset]["@0.8"]["f1"] <= 1.0
    assert {p.name: p.read_bytes() for p in learned.MODELS.glob("*.json")} == shipped


def test_train_cli_needs_a_gold_folder(tmp_path):
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "train", "--gold", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "no text/ and attributions/" in out.stderr
