"""``quotewire train --gold DIR``: fit the extractor's learned decisions on annotated articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("train", help="fit the appendix and confidence models on PolNeAR-layout gold")
    p.add_argument("--gold", required=True, help="folder with text/ and attributions/ (the train split, never dev)")
    p.add_argument("--out", default=None, help="folder for the model files (default: quotewire/models, the shipped ones)")
    p.add_argument("--limit", type=int, default=None, help="only the first N documents (by name)")
    p.add_argument("--json", action="store_true", help="print the training reports as JSON")
    p.add_argument("--out-of-fold", action="store_true",
                   help="write nothing: score the extractor end to end with each fold's appendix model on its own "
                        "documents (5 folds by document), beside the rule alone")
    p.set_defaults(func=run)


def run(args) -> int:
    from quotewire import evaluation as ev
    from quotewire import training

    folder = Path(args.gold)
    problem = ev.gold_folder_problem(folder)
    if problem:
        print(f"quotewire train: {problem}", file=sys.stderr)
        return 2
    gold = ev.load_gold(folder, limit=args.limit)
    if args.out_of_fold:
        try:
            res = training.out_of_fold_scores(gold)
        except ValueError as exc:
            print(f"quotewire train: {exc}", file=sys.stderr)
            return 2
        if args.json:
            print(json.dumps(res, indent=2))
        else:
            print(f"{res['documents']} documents from {folder}, {res['folds']} folds by document")
            print(ev.format_table({"rule": res["rule"], "model(oof)": res["out_of_fold"]}))
        return 0
    try:
        reports = training.train_all(gold, source=f"{folder.name} ({len(gold)} documents)",
                                     folder=Path(args.out) if args.out else None,
                                     log=(lambda _m: None) if args.json else print)
    except ValueError as exc:
        print(f"quotewire train: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(reports, indent=2))
    return 0
