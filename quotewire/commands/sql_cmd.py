"""``quotewire sql``: run SQL (or a saved query from sql/queries) on the warehouse and print a table."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

MAX_CELL = 80


def register(subparsers) -> None:
    p = subparsers.add_parser("sql", help="run a SQL statement or a saved query on the DuckDB file")
    p.add_argument("statement", nargs="?", help="SQL to run (read-only)")
    p.add_argument("--saved", metavar="NAME", help="a saved query from sql/queries/ (see --list)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a bound parameter for a saved query ($NAME in the SQL); repeatable")
    p.add_argument("--list", action="store_true", help="list the saved queries")
    p.add_argument("--db", type=Path, help="DuckDB file (QUOTEWIRE_DB)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=run)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    def cell(v) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _first_comment(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("--"):
            return line.lstrip("- ").strip()
    return ""


def run(args: argparse.Namespace) -> int:
    from quotewire import warehouse  # DuckDB and Arrow: imported by this command only
    from quotewire.settings import Settings

    saved = warehouse.saved_queries()
    if args.list:
        for name, path in saved.items():
            print(f"{name:20s} {_first_comment(path)}")
        return 0
    if args.saved:
        if args.saved not in saved:
            print(f"quotewire sql: no saved query {args.saved!r} (have: {', '.join(saved)})", file=sys.stderr)
            return 2
        sql = saved[args.saved].read_text(encoding="utf-8")
    elif args.statement:
        sql = args.statement
    else:
        print("quotewire sql: give a statement, --saved NAME or --list", file=sys.stderr)
        return 2
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"quotewire sql: --param wants NAME=VALUE, got {item!r}", file=sys.stderr)
            return 2
        params[name] = value
    db = args.db or Settings().db
    try:
        columns, rows = warehouse.query(db, sql, params or None)
    except warehouse.WarehouseError as exc:
        print(f"quotewire sql: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        for row in rows:
            print(json.dumps(dict(zip(columns, row)), default=str, ensure_ascii=False))
    elif args.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
    elif columns:
        print(format_table(columns, rows))
    return 0
