"""The whole nightly flow, end to end, on PolNeAR texts written as one JSONL source.

    .venv/bin/python -m bench nightly          (part of `make bench`)

Measures wall time per stage (from the flow's task runs) and articles/s for the whole night, with
the thread task runner on this machine. Reads ../shared/data/polnear (a benchmark may; the product never does).
"""

from __future__ import annotations

import json
import os
import resource
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from bench.docs import replace_section
from quotewire import PROJECT_ROOT

POLNEAR = PROJECT_ROOT.parent / "shared" / "data" / "polnear"
SIZES = (200, 924)


def write_jsonl(path: Path, limit: int) -> int:
    texts = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    texts = texts[:limit]
    with path.open("w", encoding="utf-8") as f:
        for p in texts:
            outlet = p.stem.split("_", 1)[0]
            f.write(json.dumps({"url": f"https://{outlet}.example/{p.stem}", "outlet": outlet,
                                "text": p.read_text(encoding="utf-8")}) + "\n")
    return len(texts)


def stage_seconds(flow_run_id) -> dict[str, float]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    out: dict[str, float] = {}
    for r in runs:
        name = r.name.rsplit("-", 1)[0]
        out[name] = out.get(name, 0.0) + (r.total_run_time.total_seconds() if r.total_run_time else 0.0)
    return out


def main() -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.nightly import nightly
    from quotewire.settings import Settings

    rows = []
    with prefect_test_harness(server_startup_timeout=120), tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            root = Path(tmp) / f"n{size}"
            (root / "in").mkdir(parents=True)
            n = write_jsonl(root / "in" / "articles.jsonl", size)
            settings = Settings(lake=root / "lake", db=root / "qw.duckdb", state_dir=root / "state",
                                sources_file=root / "none.toml", host_delay_s=0.0)
            t0 = time.perf_counter()
            state = nightly(sources=[str(root / "in")], run_date=date(2026, 11, 27), settings=settings,
                            return_state=True)
            wall = time.perf_counter() - t0
            summary = state.result()
            stages = stage_seconds(state.state_details.flow_run_id)
            rows.append((n, wall, summary["quotes"], stages))
            print(f"{n} articles: {wall:.1f} s, {summary['quotes']} quotes, stages {stages}", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    names = ["fetch", "extract", "clean", "dedup", "extract-quotes", "write-lake", "load-duckdb"]
    lines = [
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d} with `.venv/bin/python -m bench nightly`: the `nightly` flow "
        f"(thread task runner, one Prefect test server) on PolNeAR texts as one JSONL source, {os.cpu_count()} cores.",
        "",
        "| articles | wall s | articles/s | quotes | " + " | ".join(f"{n} s" for n in names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for n, wall, quotes, stages in rows:
        lines.append(f"| {n} | {wall:.1f} | {n / wall:.1f} | {quotes} | "
                     + " | ".join(f"{stages.get(s, 0.0):.2f}" for s in names) + " |")
    lines += ["", f"Peak RSS of the benchmark process: {peak_mb:.0f} MB. Wall time includes the flow's own "
                  "Prefect bookkeeping and spaCy model load; stage times are the task runs' own durations."]
    replace_section("Nightly flow end to end", "\n".join(lines))


if __name__ == "__main__":
    main()
