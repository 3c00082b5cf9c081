"""``quotewire quotes FILE ...``: quotations and speakers of plain-text files, one JSON object per line.

Extraction alone (no Prefect, no cleaning): offsets are Python str offsets into each file's text.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import fields
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser("quotes", help="extract quotations and speakers from text files (JSON lines)")
    p.add_argument("files", nargs="+", metavar="FILE", help="plain-text files (UTF-8)")
    p.add_argument("--processes", type=int, default=None,
                   help="processes that extract: this one plus N-1 forked workers (default: "
                        "QUOTEWIRE_QUOTE_PROCESSES if set, else up to 2 cores)")
    p.set_defaults(func=run)


def default_processes(settings) -> int:
    """QUOTEWIRE_QUOTE_PROCESSES when set; otherwise both cores of a two-core machine (the forked
    worker shares the loaded model; small inputs stay in one process)."""
    if "quote_processes" in settings.model_fields_set:
        return settings.quote_processes
    return max(1, min(2, os.cpu_count() or 1))


def run(args) -> int:
    names, texts, failed = [], [], 0
    for f in args.files:
        try:
            texts.append(Path(f).read_text(encoding="utf-8"))
            names.append(Path(f).stem)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"quotewire quotes: cannot read {f}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            failed += 1
    if texts:
        # Importing spaCy and loading the model allocate hundreds of thousands of objects that all
        # live until exit: the collector's ~200 passes over them find nothing (CPU time to the loaded
        # model: 0.05 s less, median of 20 runs). Off until the model is loaded, then frozen (full
        # collections skip the model's objects and do not touch, hence copy, their pages in a
        # forked worker).
        gc.disable()
        try:
            from quotewire.attribution import load_nlp
            from quotewire.settings import Settings

            settings = Settings()
            nlp = load_nlp(settings.spacy_model)
        finally:
            gc.freeze()
            gc.enable()
        n_process = args.processes or default_processes(settings)
        out = sys.stdout
        out.write("".join(extract_lines(names, texts, nlp, n_process, settings.quote_batch_size)))
        out.flush()
        gc.freeze()  # the quotations too: the interpreter exits without collecting them one by one
    return 1 if failed else 0


_encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(..., ensure_ascii=False) builds per call


def _lines(name: str, quotes) -> str:
    """One JSON object per quotation: ``doc`` then the Quote's fields in order. The fields are read
    directly, not through ``dataclasses.asdict`` (a deep copy, twice the cost of the encoding; the
    fields are scalars and ``parts``' list of pairs, which encode the same)."""
    if not quotes:
        return ""
    names = [f.name for f in fields(quotes[0])]
    return "".join(_encode({"doc": name, **{k: getattr(q, k) for k in names}}) + "\n" for q in quotes)


def extract_lines(names: list[str], texts: list[str], nlp, n_process: int, batch_size: int) -> list[str]:
    """The output of each text (its JSON lines), in input order. With ``n_process > 1`` this process
    works too, beside ``n_process - 1`` forked workers that build their texts' lines themselves
    (:func:`quotewire.attribution.extract_many`)."""
    from quotewire.attribution import extract_many

    return extract_many(texts, nlp=nlp, n_process=n_process, batch_size=batch_size,
                        convert=lambda i, qs: _lines(names[i], qs))
