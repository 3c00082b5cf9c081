"""``quotewire run``: one nightly run, now, in this process (Prefect records it)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from quotewire.settings import Settings


def add_settings_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lake", type=Path, help="Parquet lake folder (QUOTEWIRE_LAKE)")
    parser.add_argument("--db", type=Path, help="DuckDB file (QUOTEWIRE_DB)")
    parser.add_argument("--sources-file", type=Path, help="sources file (QUOTEWIRE_SOURCES_FILE)")
    parser.add_argument("--refetch", action="store_true", default=None,
                        help="fetch articles again even if an earlier night stored them")
    parser.add_argument("--task-runner", choices=["thread", "dask"], help="where tasks run (QUOTEWIRE_TASK_RUNNER)")
    parser.add_argument("--dask-address", help="scheduler of an existing Dask cluster, e.g. tcp://host:8786")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings().with_overrides(lake=args.lake, db=args.db, sources_file=args.sources_file,
                                     refetch=args.refetch, task_runner=args.task_runner,
                                     dask_address=args.dask_address)


def task_runner_for(settings: Settings):
    if settings.task_runner == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=8)


def register(subparsers) -> None:
    p = subparsers.add_parser("run", help="run the nightly flow once (default: the sources file, else data/samples)")
    p.add_argument("--source", action="append", dest="sources", metavar="SRC",
                   help="a folder, file (.txt/.html/.jsonl/.warc), URL list or URL; repeatable "
                        "(prefix kind: for feeds and sitemaps, e.g. rss:https://…)")
    p.add_argument("--run-date", type=date.fromisoformat, help="the night, YYYY-MM-DD (default today, UTC)")
    p.add_argument("--reprocess", action="store_true",
                   help="fetch nothing: process the night's raw layer again with today's code")
    add_settings_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from flows.nightly import nightly
    from quotewire.report import NightSummary

    settings = settings_from(args)
    flow = nightly.with_options(task_runner=task_runner_for(settings))
    if args.reprocess and args.sources:
        print("quotewire run: --reprocess reads the night's raw layer; it takes no --source", file=sys.stderr)
        return 2
    state = flow(sources=args.sources, run_date=args.run_date, settings=settings, reprocess=args.reprocess,
                 return_state=True)
    if not state.is_completed():
        message = state.message or state.name
        try:
            state.result()
        except Exception as exc:  # the flow's own error, shown as one line
            message = f"{type(exc).__name__}: {exc}"
        print(f"quotewire run failed: {message}", file=sys.stderr)
        return 1
    summary = NightSummary(**state.result())
    print("\n".join(summary.lines()))
    print(f"  lake:              {settings.lake}\n  warehouse:         {settings.db}")
    return 0
