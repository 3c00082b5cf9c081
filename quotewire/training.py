"""Fitting the extractor's learned decisions on annotated articles (PolNeAR layout).

``quotewire train --gold DIR`` runs the extractor over the folder's texts with its hand rules only,
records each decision a model is to take over (with what each choice would have produced), labels
every decision by the gold annotations, fits a :class:`quotewire.learned.LogisticModel` and writes it
to ``quotewire/models/``. Development data only: the product reads the written JSON files, never
the corpus. Cross-validated (by document) accuracy is reported beside the rule's, so a model that
does not beat its rule is visible before it is kept.
"""

from __future__ import annotations

from pathlib import Path

from quotewire import learned
from quotewire.evaluation import GoldAttr, _charset, overlap

#: an appendix decision counts when exactly one of its two ends matches a gold content at this overlap
DECISIVE_OVERLAP = 0.8


def collect_decisions(texts: dict[str, str], nlp=None) -> dict[str, list[dict]]:
    """doc -> the decisions the hand rules took while extracting it (``attribution.DECISION_LOG``)."""
    from quotewire import attribution as A

    nlp = nlp or A.load_nlp()
    out: dict[str, list[dict]] = {}
    saved = A.DECISION_LOG
    try:
        for doc, text in texts.items():
            A.DECISION_LOG = []
            A.extract_many([text], nlp=nlp, n_process=1)
            out[doc] = A.DECISION_LOG
    finally:
        A.DECISION_LOG = saved
    return out


def appendix_examples(gold: dict[str, tuple[str, list[GoldAttr]]], decisions: dict[str, list[dict]],
                      unquoted_only: bool | None = None):
    """(features, label, doc) of each decisive appendix decision: label 1 when keeping the appendix
    matches a gold content at DECISIVE_OVERLAP and cutting it does not, 0 for the reverse. With
    ``unquoted_only`` (default: as the extractor uses the model) only spans without quotation marks."""
    if unquoted_only is None:
        from quotewire.attribution import APPENDIX_MODEL_UNQUOTED_ONLY as unquoted_only
    rows, labels, groups = [], [], []
    for doc, log in decisions.items():
        gsets = [_charset(g.content) for g in gold[doc][1]]
        seen = set()
        for d in log:
            key = (d["start"], d["cut_end"], d["full_end"])
            if d["kind"] != "appendix" or key in seen:
                continue
            seen.add(key)
            cut, full = _charset([(d["start"], d["cut_end"])]), _charset([(d["start"], d["full_end"])])
            oc = max((overlap(g, cut) for g in gsets), default=0.0)
            of = max((overlap(g, full) for g in gsets), default=0.0)
            if (oc >= DECISIVE_OVERLAP) == (of >= DECISIVE_OVERLAP):
                continue
            if unquoted_only and (d["features"].get("pre_quote") or d["features"].get("app_quote")):
                continue
            rows.append(d["features"])
            labels.append(int(of >= DECISIVE_OVERLAP))
            groups.append(doc)
    return rows, labels, groups


def _fit_with_report(name: str, examples, l2: float, source: str, what: str, empty: str,
                     summary) -> tuple[learned.LogisticModel, dict]:
    """Fit model ``name`` on (rows, labels, groups); the report is ``summary(rows, labels, out-of-fold
    probabilities)`` plus the number of documents, and goes into the model's meta too."""
    rows, y, groups = examples
    if not rows:
        raise ValueError(f"{empty} in this folder: nothing to learn from")
    cv = learned.cross_validated(rows, y, groups, l2=l2)
    weights, bias = learned.fit(rows, y, l2=l2)
    report = {**summary(rows, y, cv), "documents": len(set(groups))}
    meta = {"trained_on": source, "l2": l2, **report, "what": what}
    return learned.LogisticModel(name, weights, bias, 0.5, meta), report


def train_appendix(gold, decisions, l2: float = 1.0, source: str = "") -> tuple[learned.LogisticModel, dict]:
    """The appendix model and a report: decisive decisions, right out of fold vs. the rule (always cut)."""
    return _fit_with_report(
        "appendix_cut", appendix_examples(gold, decisions), l2, source,
        "keep (1) or cut (0) a trailing appendix of a reported-speech span", "no decisive appendix decisions",
        lambda _rows, y, cv: {"decisive": len(y), "rule_right": sum(1 for t in y if t == 0),
                              "model_right_cv": sum(1 for p, t in zip(cv, y) if (p >= 0.5) == bool(t))})


def rule_quotes(texts: dict[str, str], nlp=None, n_process: int = 2) -> dict[str, list]:
    """doc -> its quotations with the rules' own confidence (calibration off): what the confidence
    model learns from."""
    from quotewire import attribution as A
    from quotewire import confidence

    saved = confidence.CALIBRATED
    confidence.CALIBRATED = False
    try:
        names = list(texts)
        return dict(zip(names, A.extract_many([texts[n] for n in names], nlp=nlp, n_process=n_process)))
    finally:
        confidence.CALIBRATED = saved


def confidence_examples(gold, quotes: dict[str, list]):
    """(features, right, doc) of every scored quotation (see :func:`quotewire.evaluation.row_outcomes`)."""
    from quotewire.confidence import features
    from quotewire.evaluation import pred_of, row_outcomes

    by_pred = {}
    preds = {}
    for doc, qs in quotes.items():
        preds[doc] = []
        for q in qs:
            p = pred_of(q)
            by_pred[id(p)] = (gold[doc][0], q)
            preds[doc].append(p)
    rows, labels, groups = [], [], []
    for doc, p, ok in row_outcomes(gold, preds):
        text, q = by_pred[id(p)]
        rows.append(features(text, q))
        labels.append(int(ok))
        groups.append(doc)
    return rows, labels, groups


def train_confidence(gold, quotes, l2: float = 1.0, source: str = "") -> tuple[learned.LogisticModel, dict]:
    """The confidence model and a report: Brier score of the rules' scores and of the model out of fold."""
    def summary(rows, y, cv):
        rule = [float(next(k for k in r if k.startswith("rule="))[5:]) for r in rows]
        return {"rows": len(y), "right": sum(y), "brier_rule": _brier(rule, y), "brier_model_cv": _brier(cv, y)}

    return _fit_with_report(
        "confidence", confidence_examples(gold, quotes), l2, source,
        "probability that an annotator marks the same content (overlap >= 0.8) with the same speaker",
        "no scored quotations", summary)


def _brier(probs: list[float], labels: list[int]) -> float:
    return round(sum((p - t) ** 2 for p, t in zip(probs, labels)) / len(labels), 4)


def train_all(gold, source: str = "", nlp=None, folder=None, log=print) -> dict:
    """Both models, in order (the confidence model learns from the spans the new appendix model
    shapes), each written to ``folder`` (default: the shipped models). Returns the reports."""
    from quotewire import attribution as A

    nlp = nlp or A.load_nlp()
    texts = {doc: t for doc, (t, _g) in gold.items()}
    reports = {}
    with learned.models_from(folder):  # the extractor reads the models being written
        model, reports["appendix_cut"] = train_appendix(gold, collect_decisions(texts, nlp), source=source)
        log(f"appendix_cut: {reports['appendix_cut']} -> {model.save()}")
        model, reports["confidence"] = train_confidence(gold, rule_quotes(texts, nlp), source=source)
        log(f"confidence: {reports['confidence']} -> {model.save()}")
    return reports


def out_of_fold_scores(gold, folds: int = 5, nlp=None) -> dict:
    """End-to-end scores of the extractor with the appendix model fitted on the other folds of each
    document (folds by document name), beside the rule alone: what the model adds on text it has
    not seen, on a set larger than dev. Writes nothing (each fold's model lives in a temporary folder)."""
    import tempfile

    from quotewire import attribution as A
    from quotewire.evaluation import quotewire_predictions, score

    nlp = nlp or A.load_nlp()
    texts = {doc: t for doc, (t, _g) in gold.items()}
    docs = sorted(texts)
    fold = learned.fold_of(docs, folds)
    decisions = collect_decisions(texts, nlp)
    preds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(folds):
            held = {d: texts[d] for d in docs if fold[d] == f}
            if not held:
                continue
            model, _report = train_appendix(gold, {d: v for d, v in decisions.items() if fold[d] != f})
            with learned.models_from(Path(tmp) / str(f)):
                model.save()
                preds.update(quotewire_predictions(held, nlp=nlp, n_process=2))
    saved_flag, A.APPENDIX_MODEL = A.APPENDIX_MODEL, False
    try:
        rule = quotewire_predictions(texts, nlp=nlp, n_process=2)
    finally:
        A.APPENDIX_MODEL = saved_flag
    return {"folds": folds, "documents": len(docs), "rule": score(gold, rule), "out_of_fold": score(gold, preds)}
