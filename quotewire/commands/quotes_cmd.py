"""``quotewire quotes FILE ...``: quotations and speakers of plain-text files, one JSON object per line.

Extraction alone (no Prefect, no cleaning): offsets are Python str offsets into each file's text.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("quotes", help="extract quotations and speakers from text files (JSON lines)")
    p.add_argument("files", nargs="+", metavar="FILE", help="plain-text files (UTF-8)")
    p.add_argument("--processes", type=int, default=None,
                   help="worker processes (default: QUOTEWIRE_QUOTE_PROCESSES if set, else up to 2 cores)")
    p.set_defaults(func=run)


def default_processes(settings) -> int:
    """QUOTEWIRE_QUOTE_PROCESSES when set; otherwise both cores of a two-core machine (the forked
    workers share the loaded model; ``extract_many`` stays in one process for small inputs)."""
    if "quote_processes" in settings.model_fields_set:
        return settings.quote_processes
    return max(1, min(2, os.cpu_count() or 1))


def run(args) -> int:
    from quotewire.settings import Settings
    from quotewire.attribution import extract_many, load_nlp

    settings = Settings()
    names, texts, failed = [], [], 0
    for f in args.files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
            names.append(Path(f).stem)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"quotewire quotes: cannot read {f}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            failed += 1
    if texts:
        nlp = load_nlp(settings.spacy_model)
        n_process = args.processes or default_processes(settings)
        results = extract_many(texts, nlp=nlp, n_process=n_process, batch_size=settings.quote_batch_size)
        out = sys.stdout
        for name, quotes in zip(names, results):
            for q in quotes:
                out.write(json.dumps({"doc": name, **asdict(q)}, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0
