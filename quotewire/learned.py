"""Small logistic models for the decisions where hand rules and the annotated corpus disagree.

A model is a JSON file in ``quotewire/models/``: a weight per named feature, a bias and a decision
threshold, with what it was trained on. Features are plain dicts (``{"dep=relcl": 1.0,
"app_len": 1.6}``), so a model needs nothing but this module at run time (no scikit-learn, no
training data: the files ship with the package). A missing file means "no model": the caller
keeps its hand rule. ``quotewire train --gold DIR`` (:mod:`quotewire.training`) writes them.
"""

from __future__ import annotations

import json
import math
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

MODELS = Path(__file__).resolve().parent / "models"


@dataclass
class LogisticModel:
    name: str
    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def prob(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, feats: dict[str, float]) -> bool:
        return self.prob(feats) >= self.threshold

    def to_json(self) -> str:
        body = {"name": self.name, "bias": round(self.bias, 6), "threshold": self.threshold, "meta": self.meta,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-6}}
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"

    def save(self, folder: Path | None = None) -> Path:
        folder = Path(folder or MODELS)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.json"
        path.write_text(self.to_json(), encoding="utf-8")
        _load.cache_clear()
        return path


def load_model(name: str, folder: Path | None = None) -> LogisticModel | None:
    """The model ``name`` from ``folder`` (default: :data:`MODELS`, the shipped ones), or None when
    there is none (the caller then keeps its rule)."""
    return _load(name, Path(folder or MODELS))


@lru_cache(maxsize=None)
def _load(name: str, folder: Path) -> LogisticModel | None:
    path = folder / f"{name}.json"
    if not path.is_file():
        return None
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return LogisticModel(body["name"], {k: float(v) for k, v in body["weights"].items()}, float(body["bias"]),
                             float(body.get("threshold", 0.5)), body.get("meta", {}))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # a damaged file must not take the extractor down (it swallows errors per article): say so
        # once and fall back to the rule, as without a file
        warnings.warn(f"quotewire: ignoring model file {path} ({type(exc).__name__}: {exc}); "
                      f"rerun 'quotewire train' or restore it", RuntimeWarning, stacklevel=2)
        return None


@contextmanager
def models_from(folder: Path | None):
    """Within the block, :func:`load_model` (and so the extractor) reads models from ``folder``
    (None: the shipped ones); the cache is cleared on the way in and out."""
    global MODELS
    saved = MODELS
    MODELS = Path(folder or MODELS)
    _load.cache_clear()
    try:
        yield MODELS
    finally:
        MODELS = saved
        _load.cache_clear()


def fold_of(keys, folds: int) -> dict:
    """Each key's fold, 0 .. folds-1: round robin over the keys in sorted order."""
    return {k: i % folds for i, k in enumerate(sorted(set(keys)))}


def _matrix(rows: list[dict[str, float]], names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, feats in enumerate(rows):
        for k, v in feats.items():
            if k in index:
                x[r, index[k]] = v
    return x


def fit(rows: list[dict[str, float]], y: list[int], l2: float = 1.0, iterations: int = 50,
        min_count: int = 2) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by Newton's method: (weights by feature name, bias).
    Features seen in fewer than ``min_count`` rows are left out (they would only memorise)."""
    counts: dict[str, int] = {}
    for feats in rows:
        for k in feats:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, c in counts.items() if c >= min_count)
    x = np.hstack([_matrix(rows, names), np.ones((len(rows), 1))])
    t = np.asarray(y, dtype=float)
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - t) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return dict(zip(names, w[:-1].tolist())), float(w[-1])


def cross_validated(rows: list[dict[str, float]], y: list[int], groups: list[str], folds: int = 5,
                    l2: float = 1.0) -> list[float]:
    """Out-of-fold probabilities, folds by group (a document's rows stay together)."""
    fold = fold_of(groups, folds)
    out = [0.0] * len(rows)
    for f in range(folds):
        train = [i for i, g in enumerate(groups) if fold[g] != f]
        test = [i for i, g in enumerate(groups) if fold[g] == f]
        if not train or not test:
            continue
        weights, bias = fit([rows[i] for i in train], [y[i] for i in train], l2)
        model = LogisticModel("cv", weights, bias)
        for i in test:
            out[i] = model.prob(rows[i])
    return out
