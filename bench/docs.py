"""Replace one section's body in docs/BENCHMARKS.md (or docs/EVALUATION.md), keeping the others."""

from __future__ import annotations

import re
from pathlib import Path

from quotewire import PROJECT_ROOT


def replace_section(heading: str, body: str, doc: str = "docs/BENCHMARKS.md") -> None:
    """Put ``body`` under the ``## heading`` line, up to the next ``## `` heading."""
    path = Path(PROJECT_ROOT) / doc
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"(^## {re.escape(heading)}[^\n]*\n)(.*?)(?=^## |\Z)", re.S | re.M)
    if not pattern.search(text):
        text = text.rstrip("\n") + f"\n\n## {heading}\n"
        pattern = re.compile(rf"(^## {re.escape(heading)}[^\n]*\n)(.*?)(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda m: m.group(1) + "\n" + body.strip("\n") + "\n\n", text, count=1)
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
