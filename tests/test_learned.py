"""The small logistic models (quotewire/learned.py): fitting, out-of-fold probabilities, files."""

from __future__ import annotations

import json

import pytest

from quotewire import learned

ROWS = [{"x=a": 1.0}] * 20 + [{"x=b": 1.0}] * 20 + [{"x=a": 1.0, "rare": 1.0}]
LABELS = [1] * 20 + [0] * 20 + [0]


def test_fit_learns_the_feature_that_decides_and_drops_rare_ones():
    weights, bias = learned.fit(ROWS, LABELS)
    model = learned.LogisticModel("t", weights, bias)
    assert model.prob({"x=a": 1.0}) > 0.8
    assert model.prob({"x=b": 1.0}) < 0.2
    assert "rare" not in weights  # seen once: left out rather than memorised
    assert model.decide({"x=a": 1.0}) and not model.decide({"x=b": 1.0})


def test_stronger_regularisation_shrinks_weights():
    loose, _ = learned.fit(ROWS, LABELS, l2=0.1)
    tight, _ = learned.fit(ROWS, LABELS, l2=50.0)
    assert abs(tight["x=a"]) < abs(loose["x=a"])


def test_cross_validated_probabilities_come_from_other_folds():
    rows = [{"x=a": 1.0}] * 10 + [{"x=b": 1.0}] * 10
    labels = [1] * 10 + [0] * 10
    groups = [f"doc{i}" for i in range(20)]
    probs = learned.cross_validated(rows, labels, groups, folds=5)
    assert len(probs) == 20
    assert all(p > 0.5 for p in probs[:10]) and all(p < 0.5 for p in probs[10:])
    # a feature only one document has cannot help predict that document out of fold
    rows2 = rows + [{"only": 1.0}]
    probs2 = learned.cross_validated(rows2, labels + [1], groups + ["lonely"], folds=5)
    assert probs2[-1] < 0.9


def test_save_and_load_round_trip(tmp_path):
    model = learned.LogisticModel("demo", {"x=a": 2.0, "n": -0.5}, 0.25, 0.6, {"trained_on": "toy"})
    path = model.save(tmp_path)
    assert json.loads(path.read_text())["meta"] == {"trained_on": "toy"}
    back = learned.load_model("demo", tmp_path)
    assert back.threshold == 0.6
    feats = {"x=a": 1.0, "n": 3.0}
    assert back.prob(feats) == pytest.approx(model.prob(feats), abs=1e-6)
    assert learned.load_model("absent", tmp_path) is None


@pytest.mark.parametrize("body", ["{not json", '{"name": "x"}', '{"name": "x", "bias": 0, "weights": {"a": "b"}}', "[]"])
def test_a_damaged_model_file_warns_and_counts_as_none(tmp_path, body):
    (tmp_path / "broken.json").write_text(body, encoding="utf-8")
    with pytest.warns(RuntimeWarning, match="ignoring model file .*broken.json"):
        assert learned.load_model("broken", tmp_path) is None


def test_probabilities_stay_finite_for_huge_scores():
    model = learned.LogisticModel("big", {"x": 1e6}, 0.0)
    assert model.prob({"x": 1.0}) == pytest.approx(1.0)
    assert model.prob({"x": -1.0}) == pytest.approx(0.0)


def test_the_shipped_models_load():
    for name in ("appendix_cut", "confidence"):
        model = learned.load_model(name)
        assert model is not None and model.weights, name
        assert "trained_on" in model.meta


def test_models_from_points_loading_at_a_folder_and_back(tmp_path):
    shipped = learned.load_model("confidence")
    learned.LogisticModel("confidence", {"x": 1.0}, 0.0).save(tmp_path)
    with learned.models_from(tmp_path) as folder:
        assert folder == tmp_path and learned.load_model("confidence").weights == {"x": 1.0}
    assert learned.load_model("confidence").weights == shipped.weights


def test_fold_of_is_round_robin_over_sorted_keys():
    assert learned.fold_of(["c", "a", "b", "a"], 2) == {"a": 0, "b": 1, "c": 0}
