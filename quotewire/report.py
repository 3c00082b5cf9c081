"""The night's summary: what the CLI prints and what the Prefect UI shows as an artifact."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class NightSummary:
    run_date: str
    sources: int
    failed_sources: list[str]
    articles_in: int
    fetch_errors: int
    skipped: int
    duplicates: int  # articles that are copies of a story already kept (not canonical)
    stories: int
    non_english: int
    quotes: int
    quotes_by_type: dict[str, int]
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (speaker, direct quotation)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [
            f"quotewire night {self.run_date}",
            f"  sources:           {self.sources}" + (f" ({len(self.failed_sources)} failed: "
                                                       f"{', '.join(self.failed_sources)})" if self.failed_sources else ""),
            f"  articles in:       {self.articles_in}",
            f"  skipped (stored):  {self.skipped}",
            f"  fetch errors:      {self.fetch_errors}",
            f"  duplicates:        {self.duplicates} (copies of {self.stories} stories kept as rows)",
            f"  not English:       {self.non_english}",
            f"  quotes found:      {self.quotes}  "
            + " ".join(f"{k}={v}" for k, v in sorted(self.quotes_by_type.items())),
        ]
        if self.top_speakers:
            out.append("  top speakers:")
            out += [f"    {n:4d}  {name}" for name, n in self.top_speakers]
        if self.examples:
            out.append("  for example:")
            out += [f"    {name}: {_clip(quote)}" for name, quote in self.examples]
        if self.errors:
            out.append("  errors:")
            out += [f"    {e}" for e in self.errors[:20]]
            if len(self.errors) > 20:
                out.append(f"    … and {len(self.errors) - 20} more (table fetch_log)")
        return out

    def markdown(self) -> str:
        rows = "\n".join(f"| {name} | {n} |" for name, n in self.top_speakers) or "| – | 0 |"
        errors = "\n".join(f"- {e}" for e in self.errors[:50]) or "none"
        return (
            f"# quotewire night {self.run_date}\n\n"
            f"| articles in | skipped | fetch errors | duplicates | stories | quotes |\n"
            f"|---|---|---|---|---|---|\n"
            f"| {self.articles_in} | {self.skipped} | {self.fetch_errors} | {self.duplicates} "
            f"| {self.stories} | {self.quotes} |\n\n"
            f"## Top speakers\n\n| speaker | quotes |\n|---|---|\n{rows}\n\n"
            f"## Errors\n\n{errors}\n"
        )


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def examples(quotes: list[dict], n: int = 5) -> list[tuple[str, str]]:
    """The most confident direct quotations, one per speaker."""
    seen, out = set(), []
    ranked = sorted((q for q in quotes if q["type"] == "direct" and q.get("speaker_name")),
                    key=lambda q: (-(q.get("confidence") or 0), q["quote_id"]))
    for q in ranked:
        if q["speaker_name"] not in seen:
            seen.add(q["speaker_name"])
            out.append((q["speaker_name"], q["text"]))
    return out[:n]


def error_line(row) -> str:
    """``url: reason``, or the reason alone when it already names the file (``data/x.jsonl:3: …``)."""
    tail = row.url.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return row.reason if tail and f"{tail}:" in (row.reason or "") else f"{row.url}: {row.reason}"


def summarize(run_date: date, fetched, articles, quotes: list[dict], fetch_log, top: int = 10) -> NightSummary:
    speakers = Counter(q["speaker_name"] for q in quotes if q.get("speaker_name"))
    errors = [row for row in fetch_log if row.status == "error"]
    return NightSummary(
        run_date=run_date.isoformat(),
        sources=len(fetched),
        failed_sources=[r.source for r in fetched if r.failed],
        articles_in=len(articles),
        fetch_errors=len(errors),
        skipped=sum(1 for row in fetch_log if row.status == "skipped"),
        duplicates=sum(1 for a in articles if not a.is_canonical),
        stories=len({a.cluster_id for a in articles}),
        non_english=sum(1 for a in articles if a.language not in (None, "en")),
        quotes=len(quotes),
        quotes_by_type=dict(Counter(q["type"] for q in quotes)),
        top_speakers=speakers.most_common(top),
        examples=examples(quotes),
        errors=[error_line(row) for row in errors],
    )
