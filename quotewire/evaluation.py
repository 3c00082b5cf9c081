"""Scoring quotation extraction against PolNeAR-style gold (brat standoff).

Definitions (also in docs/EVALUATION.md):

- Gold: for each ``text/<doc>.txt`` the FIRST ``attributions/<doc>_*.ann`` by name; every ``E`` line
  with a Content argument is one gold attribution. A content span is the set of characters of
  the union of its fragments (``"209 236;91 186"``); the Source likewise.
- Predictions: only the OUTERMOST predicted spans count -- a prediction whose span lies inside
  another prediction of the same document is dropped (a direct fragment inside a mixed clause is
  one attribution in PolNeAR, so it must not count twice).
- Overlap of a gold and a predicted span = shared characters / the larger of the two sizes.
  At threshold t, gold and predictions are matched one-to-one, greedily by overlap (largest
  first), among pairs with overlap >= t. P = matched / predicted, R = matched / gold.
- Direct subset: gold attributions whose content contains a double quotation mark (" “ ” or '');
  predictions whose text contains one. Scored separately with the same rules.
- Speaker accuracy: over matched pairs at overlap 0.3 whose gold has a Source: the speaker is
  right when the predicted speaker mention overlaps the gold Source, or when the predicted
  canonical name and the gold Source share their last name (the last capitalised word of one
  occurs as a word of the other).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

THRESHOLDS = (0.3, 0.8)
_DOUBLE = re.compile(r"[\"“”„«»]|''")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass
class GoldAttr:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    content_text: str = ""
    source_text: str = ""

    @property
    def direct(self) -> bool:
        return bool(_DOUBLE.search(self.content_text))


@dataclass
class Pred:
    start: int
    end: int
    text: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker: str | None = None
    parts: list[tuple[int, int]] | None = None
    confidence: float | None = None

    @property
    def chars(self) -> set[int]:
        """The content's characters: the union of its parts (a split quotation's attribution excluded)."""
        return _charset(self.parts or [(self.start, self.end)])

    @property
    def direct(self) -> bool:
        return bool(_DOUBLE.search(self.text))


def _frags(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(ann: str, text: str) -> list[GoldAttr]:
    """Gold attributions of one brat .ann file (lines that do not parse are skipped)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        try:
            if re.fullmatch(r"T\d+", parts[0]):
                _typ, spec = parts[1].split(" ", 1)
                spans[parts[0]] = _frags(spec)
            elif re.fullmatch(r"E\d+", parts[0]):
                events.append(dict(a.split(":", 1) for a in parts[1].split()))
        except (IndexError, ValueError):
            continue
    out = []
    for ev in events:
        c = spans.get(ev.get("Content", ""))
        if not c:
            continue
        s = spans.get(ev.get("Source", ""), [])
        out.append(GoldAttr(c, s, " ".join(text[a:b] for a, b in sorted(c)), " ".join(text[a:b] for a, b in sorted(s))))
    return out


def _annotator_files(folder: Path, doc: str) -> list[Path]:
    anns = sorted((folder / "attributions").glob(f"{glob_escape(doc)}_*.ann"))
    return [a for a in anns if a.stem[len(doc) + 1:].find("_") < 0]


def gold_folder_problem(folder: str | Path) -> str | None:
    """Why ``folder`` is not in PolNeAR layout, or None when it is."""
    folder = Path(folder)
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        return f"{folder} has no text/ and attributions/ folders"
    return None


def load_gold(folder: str | Path, limit: int | None = None) -> dict[str, tuple[str, list[GoldAttr]]]:
    """doc name -> (text, gold attributions), one annotator file per document (first by name)."""
    folder = Path(folder)
    out = {}
    docs = sorted((folder / "text").glob("*.txt"))
    if limit:
        docs = docs[:limit]
    for path in docs:
        anns = _annotator_files(folder, path.stem)
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        out[path.stem] = (text, parse_ann(anns[0].read_text(encoding="utf-8"), text))
    return out


def second_annotator(folder: str | Path) -> tuple[dict[str, tuple[str, list[GoldAttr]]], dict[str, list["Pred"]]]:
    """The documents annotated twice or more: (the first annotator as gold, the second annotator's
    attributions as predictions). Scored like a system, it says how far two people agree under
    these rules -- the ceiling an extractor is measured against."""
    folder = Path(folder)
    gold, preds = {}, {}
    for path in sorted((folder / "text").glob("*.txt")):
        anns = _annotator_files(folder, path.stem)
        if len(anns) < 2:
            continue
        text = path.read_text(encoding="utf-8")
        gold[path.stem] = (text, parse_ann(anns[0].read_text(encoding="utf-8"), text))
        preds[path.stem] = [_as_pred(g, text) for g in parse_ann(anns[1].read_text(encoding="utf-8"), text)]
    return gold, preds


def _as_pred(g: GoldAttr, text: str) -> "Pred":
    frags = sorted(g.content)
    src = sorted(g.source)
    return Pred(frags[0][0], frags[-1][1], text[frags[0][0]:frags[-1][1]], src[0][0] if src else None,
                src[-1][1] if src else None, g.source_text or None, g.source_text or None,
                frags if len(frags) > 1 else None)


def glob_escape(s: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", s)


def _charset(spans) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(range(a, b))
    return out


def overlap(a: set[int], b: set[int]) -> float:
    """Shared characters / the larger of the two sizes."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def outermost(preds: list[Pred]) -> list[Pred]:
    """Predictions not contained in another prediction."""
    ordered = sorted(preds, key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Pred] = []
    for p in ordered:
        if any(k.start <= p.start and p.end <= k.end for k in kept):
            continue
        kept.append(p)
    return kept


def speaker_correct(pred: Pred, gold: GoldAttr) -> bool:
    if pred.speaker_start is not None and pred.speaker_end is not None:
        if _charset([(pred.speaker_start, pred.speaker_end)]) & _charset(gold.source):
            return True
    name = pred.speaker_name or pred.speaker
    if not name or not gold.source_text:
        return False
    gw = {w.lower().replace("’", "'") for w in _WORD.findall(gold.source_text)}
    pw = {w.lower().replace("’", "'") for w in _WORD.findall(name)}
    pcaps = [w for w in _WORD.findall(name) if w[0].isupper()]
    gcaps = [w for w in _WORD.findall(gold.source_text) if w[0].isupper()]
    if pcaps and pcaps[-1].lower() in gw:
        return True
    if gcaps and gcaps[-1].lower() in pw and gcaps[-1].lower() not in ("the", "a", "he", "she", "they", "we", "i"):
        return True
    return False


def match(golds: list[GoldAttr], preds: list[Pred], threshold: float) -> list[tuple[int, int]]:
    gsets = [_charset(g.content) for g in golds]
    psets = [p.chars for p in preds]
    pairs = []
    for gi, gs in enumerate(gsets):
        lo, hi = (min(gs), max(gs)) if gs else (0, -1)
        for pi, p in enumerate(preds):
            if p.end <= lo or p.start > hi:
                continue
            ov = overlap(gs, psets[pi])
            if ov >= threshold:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _ov, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _doc_counts(golds: list[GoldAttr], preds: list[Pred]) -> dict[str, tuple]:
    """One document's counts per subset: (gold, predicted, matched at each threshold, speakers right,
    speakers scored). What ``score`` sums and ``bootstrap`` resamples."""
    preds = outermost(preds)
    out = {}
    for subset in ("all", "direct"):
        gs = [g for g in golds if g.direct] if subset == "direct" else golds
        ps = [p for p in preds if p.direct] if subset == "direct" else preds
        matched, spk_ok, spk_n = [], 0, 0
        for t in THRESHOLDS:
            pairs = match(gs, ps, t)
            matched.append(len(pairs))
            if t == THRESHOLDS[0]:
                for gi, pi in pairs:
                    if gs[gi].source:
                        spk_n += 1
                        spk_ok += speaker_correct(ps[pi], gs[gi])
        out[subset] = (len(gs), len(ps), tuple(matched), spk_ok, spk_n)
    return out


def _prf(matched: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = matched / n_pred if n_pred else 0.0
    r = matched / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: dict[str, tuple[str, list[GoldAttr]]], predictions: dict[str, list[Pred]]) -> dict:
    """Scores for the "all" and "direct" subsets: P/R/F1 at each threshold and speaker accuracy."""
    per_doc = [_doc_counts(golds, predictions.get(doc, [])) for doc, (_text, golds) in gold.items()]
    result = {}
    for subset in ("all", "direct"):
        rows = [d[subset] for d in per_doc]
        n_gold, n_pred = sum(r[0] for r in rows), sum(r[1] for r in rows)
        spk_ok, spk_n = sum(r[3] for r in rows), sum(r[4] for r in rows)
        res = {"gold": n_gold, "predicted": n_pred}
        for k, t in enumerate(THRESHOLDS):
            matched = sum(r[2][k] for r in rows)
            p, r, f = _prf(matched, n_pred, n_gold)
            res[f"@{t}"] = {"matched": matched, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        res["speaker_accuracy"] = round(spk_ok / spk_n, 4) if spk_n else 0.0
        res["speaker_n"] = spk_n
        result[subset] = res
    return result


def bootstrap(gold: dict[str, tuple[str, list[GoldAttr]]], predictions: dict[str, list[Pred]],
              resamples: int = 1000, seed: int = 0, level: float = 0.95) -> dict:
    """How much each F1 moves with the choice of documents: the documents are drawn with replacement
    ``resamples`` times (as many as there are) and F1 recomputed on each draw; the central ``level``
    interval of those F1s, per subset and threshold. A gold set of a few dozen documents gives a wide
    interval, so a difference inside it may be the documents, not the system."""
    per_doc = [_doc_counts(golds, predictions.get(doc, [])) for doc, (_text, golds) in gold.items()]
    rng = random.Random(seed)
    f1s: dict[tuple[str, float], list[float]] = {(s, t): [] for s in ("all", "direct") for t in THRESHOLDS}
    for _ in range(resamples):
        draw = [per_doc[rng.randrange(len(per_doc))] for _ in per_doc]
        for subset in ("all", "direct"):
            n_gold, n_pred = sum(d[subset][0] for d in draw), sum(d[subset][1] for d in draw)
            for k, t in enumerate(THRESHOLDS):
                f1s[(subset, t)].append(_prf(sum(d[subset][2][k] for d in draw), n_pred, n_gold)[2])
    out: dict = {"resamples": resamples, "level": level, "documents": len(per_doc)}
    for (subset, t), vals in f1s.items():
        vals.sort()
        lo = vals[int((1 - level) / 2 * (len(vals) - 1))] if vals else 0.0
        hi = vals[int((1 + level) / 2 * (len(vals) - 1))] if vals else 0.0
        out.setdefault(subset, {})[f"@{t}"] = {"low": round(lo, 4), "high": round(hi, 4)}
    return out


def row_outcomes(gold: dict[str, tuple[str, list[GoldAttr]]], predictions: dict[str, list[Pred]],
                 threshold: float = THRESHOLDS[-1]) -> list[tuple[str, Pred, bool]]:
    """(doc, prediction, right) for every scored (outermost) prediction: right when it is matched at
    ``threshold`` in its subset (direct predictions among the direct gold, the others among all)
    and, where the gold names a source, its speaker is correct. What ``confidence`` estimates."""
    out = []
    for doc, (_text, golds) in gold.items():
        preds = outermost(predictions.get(doc, []))
        right: set[int] = set()
        for subset in ("all", "direct"):
            gs = [g for g in golds if subset == "all" or g.direct]
            idx = [i for i, p in enumerate(preds) if p.direct == (subset == "direct")]
            for gi, pi in match(gs, [preds[i] for i in idx], threshold):
                if not gs[gi].source or speaker_correct(preds[idx[pi]], gs[gi]):
                    right.add(idx[pi])
        out.extend((doc, p, i in right) for i, p in enumerate(preds))
    return out


def reliability(outcomes: list[tuple[str, Pred, bool]], bins: int = 5) -> dict:
    """How well ``confidence`` predicts being right: rows and share right per confidence bin, and the
    Brier score (mean squared gap between confidence and outcome; lower is better)."""
    rows = [(p.confidence or 0.0, ok) for _d, p, ok in outcomes]
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = [ok for c, ok in rows if lo <= c < hi or b == bins - 1 and c == 1.0]
        table.append({"from": lo, "to": hi, "rows": len(sel), "right": round(sum(sel) / len(sel), 3) if sel else None})
    brier = sum((c - ok) ** 2 for c, ok in rows) / len(rows) if rows else 0.0
    return {"brier": round(brier, 4), "rows": len(rows), "bins": table}


# ---------------------------------------------------------------------------------------------
# systems


def quotewire_predictions(texts: dict[str, str], nlp=None, n_process: int = 1) -> dict[str, list[Pred]]:
    from quotewire.attribution import extract_many

    names = list(texts)
    results = extract_many([texts[n] for n in names], nlp=nlp, n_process=n_process)
    return {n: [pred_of(q) for q in qs] for n, qs in zip(names, results)}


def pred_of(q) -> Pred:
    """The scorer's view of a :class:`quotewire.records.Quote`."""
    return Pred(q.start, q.end, q.text, q.speaker_start, q.speaker_end, q.speaker_name, q.speaker,
                [tuple(p) for p in q.parts] if q.parts else None, q.confidence)


def textacy_predictions(texts: dict[str, str], nlp=None) -> dict[str, list[Pred]]:
    """textacy.extract.triples.direct_quotations on the full pipeline, one text at a time."""
    import textacy.extract

    if nlp is None:
        import spacy

        from quotewire.settings import Settings

        nlp = spacy.load(Settings().spacy_model)
    out = {}
    for name, text in texts.items():
        doc = nlp(text)
        preds = []
        try:
            triples = list(textacy.extract.triples.direct_quotations(doc))
        except Exception:  # noqa: BLE001 -- textacy bails out on unbalanced marks
            triples = []
        for tr in triples:
            content = tr.content
            sp = sorted(tr.speaker, key=lambda t: t.i)
            s_start = sp[0].idx if sp else None
            s_end = sp[-1].idx + len(sp[-1].text) if sp else None
            preds.append(Pred(content.start_char, content.end_char, content.text, s_start, s_end,
                              " ".join(t.text for t in sp) or None, text[s_start:s_end] if sp else None))
        out[name] = preds
    return out


def format_table(results: dict[str, dict]) -> str:
    """A plain-text table: one row per system and subset."""
    head = f"{'system':<10} {'subset':<7} {'gold':>5} {'pred':>5}  " + "  ".join(
        f"{'P@' + str(t):>6} {'R@' + str(t):>6} {'F1@' + str(t):>7}" for t in THRESHOLDS) + f"  {'spk_acc':>7}"
    lines = [head, "-" * len(head)]
    for system, res in results.items():
        for subset in ("all", "direct"):
            r = res[subset]
            cells = "  ".join(f"{r[f'@{t}']['precision']:>6.3f} {r[f'@{t}']['recall']:>6.3f} {r[f'@{t}']['f1']:>7.3f}"
                              for t in THRESHOLDS)
            lines.append(f"{system:<10} {subset:<7} {r['gold']:>5} {r['predicted']:>5}  {cells}  {r['speaker_accuracy']:>7.3f}")
    return "\n".join(lines)


def format_bootstrap(system: str, boot: dict) -> str:
    """One line per subset: the F1 interval at each threshold over resampled documents."""
    lines = [f"{system}: {boot['level']:.0%} interval of F1 over {boot['resamples']} resamples of the "
             f"{boot['documents']} documents"]
    for subset in ("all", "direct"):
        cells = "  ".join(f"F1@{t} {boot[subset][f'@{t}']['low']:.3f}-{boot[subset][f'@{t}']['high']:.3f}"
                          for t in THRESHOLDS)
        lines.append(f"  {subset:<7} {cells}")
    return "\n".join(lines)


def format_reliability(rel: dict) -> str:
    """quotewire's confidence against being right (matched at 0.8 with the right speaker), by bin."""
    lines = [f"confidence vs. right at overlap {THRESHOLDS[-1]} (speaker too): {rel['rows']} rows, Brier {rel['brier']:.3f}",
             f"{'confidence':<12} {'rows':>6} {'right':>6}"]
    for b in rel["bins"]:
        right = f"{b['right']:.3f}" if b["right"] is not None else "-"
        lines.append(f"{b['from']:.1f}-{b['to']:.1f}{'':<5} {b['rows']:>6} {right:>6}")
    return "\n".join(lines)
