"""``quotewire eval --gold DIR``: score quotation extraction against a PolNeAR-layout folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("eval", help="score quote extraction on PolNeAR-layout gold (text/, attributions/)")
    p.add_argument("--gold", required=True, help="folder with text/ and attributions/")
    p.add_argument("--system", choices=["quotewire", "textacy", "both"], default="both")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents (by name)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--agreement", action="store_true",
                   help="only the documents annotated twice: score the second annotator against the first "
                        "(how far people agree) beside the systems on the same documents; --limit does not apply")
    p.add_argument("--bootstrap", type=int, default=0, metavar="N",
                   help="also resample the documents N times (e.g. 1000) and print the 95%% interval of each F1: "
                        "how much of a difference the choice of documents alone makes")
    p.set_defaults(func=run)


def run(args) -> int:
    from quotewire import evaluation as ev

    folder = Path(args.gold)
    problem = ev.gold_folder_problem(folder)
    if problem:
        print(f"quotewire eval: {problem}", file=sys.stderr)
        return 2
    results = {}
    if args.agreement:
        gold, second = ev.second_annotator(folder)
        if not gold:
            print(f"quotewire eval: no document in {folder} has two annotator files", file=sys.stderr)
            return 2
        results["annotator"] = ev.score(gold, second)
    else:
        gold = ev.load_gold(folder, limit=args.limit)
    texts = {doc: t for doc, (t, _g) in gold.items()}
    calibration = None
    intervals = {}
    if args.agreement and args.bootstrap:
        intervals["annotator"] = ev.bootstrap(gold, second, args.bootstrap)
    if args.system in ("quotewire", "both"):
        preds = ev.quotewire_predictions(texts)
        results["quotewire"] = ev.score(gold, preds)
        calibration = ev.reliability(ev.row_outcomes(gold, preds))
        if args.bootstrap:
            intervals["quotewire"] = ev.bootstrap(gold, preds, args.bootstrap)
    if args.system in ("textacy", "both"):
        try:
            preds = ev.textacy_predictions(texts)
            results["textacy"] = ev.score(gold, preds)
            if args.bootstrap:
                intervals["textacy"] = ev.bootstrap(gold, preds, args.bootstrap)
        except ImportError as exc:
            print(f"quotewire eval: the textacy baseline needs textacy (pip install 'quotewire[dev]'): {exc}",
                  file=sys.stderr)
            if not results:
                return 2
    if args.json:
        print(json.dumps({"gold": str(folder), "documents": len(gold), "results": results,
                          "confidence": calibration, "intervals": intervals or None}, indent=2))
    else:
        print(f"{len(gold)} documents from {folder}")
        print(ev.format_table(results))
        for system, boot in intervals.items():
            print()
            print(ev.format_bootstrap(system, boot))
        if calibration:
            print()
            print(ev.format_reliability(calibration))
    return 0
