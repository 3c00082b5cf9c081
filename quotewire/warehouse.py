"""The DuckDB warehouse: ordered migrations, the views, loading one night from the lake, queries.

All SQL lives in ``sql/``. Python never builds SQL from user text: saved queries take bound
parameters, and ``quotewire sql`` passes the user's statement to DuckDB as it is.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from quotewire import PROJECT_ROOT, lake

SQL_DIR = PROJECT_ROOT / "sql"
_MIGRATION = re.compile(r"^(\d{3})_(\w+)\.sql$")
_STATEMENT_END = re.compile(r";[ \t]*(?:--[^\n]*)?(?:\n|$)")


class WarehouseError(RuntimeError):
    """A warehouse problem with a message meant for the user."""


def split_statements(sql: str) -> list[str]:
    """Split a .sql file at semicolons that end a line; drop comment-only pieces."""
    pieces = [p.strip() for p in _STATEMENT_END.split(sql)]
    return [p for p in pieces if any(line.strip() and not line.strip().startswith("--")
                                     for line in p.splitlines())]


def read_sql(relative: str) -> str:
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def run_script(con: duckdb.DuckDBPyConnection, relative: str, params: dict | None = None) -> None:
    for statement in split_statements(read_sql(relative)):
        wanted = {k: v for k, v in (params or {}).items() if f"${k}" in statement}
        con.execute(statement, wanted) if wanted else con.execute(statement)


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted((SQL_DIR / "schema").glob("*.sql")):
        m = _MIGRATION.match(path.name)
        if m:
            found.append((int(m.group(1)), m.group(2), path))
    return found


def fts_extension_path() -> Path:
    """The fts extension shipped by the duckdb-extension-fts wheel (DuckDB cannot download it here)."""
    import duckdb_extension_fts

    root = Path(duckdb_extension_fts.__file__).parent
    wanted = root / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if wanted.exists():
        return wanted
    found = sorted(root.rglob("fts.duckdb_extension"))
    if not found:
        raise WarehouseError(f"no fts.duckdb_extension under {root}; install duckdb-extension-fts=={duckdb.__version__}")
    return found[-1]


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"LOAD '{fts_extension_path().as_posix()}'")


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet recorded in ``schema_version``; recreate the views."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)")
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    for version, name, path in migrations():
        if version in done:
            continue
        con.execute("BEGIN")
        try:
            for statement in split_statements(path.read_text(encoding="utf-8")):
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                        [version, name, datetime.now(timezone.utc)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    run_script(con, "views.sql")
    return applied


@contextmanager
def connect(db: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with the schema migrated, the views current and the fts extension loaded."""
    db = Path(db)
    if read_only and not db.exists():
        raise WarehouseError(f"{db}: no warehouse yet; run `quotewire run` first")
    db.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=read_only)
    try:
        load_fts(con)
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()


def load_night(db: Path, lake_root: Path, run_date: date, summary: dict | None = None,
               flow_run_id: str | None = None) -> dict[str, int]:
    """Replace one night in the warehouse with what the lake holds for it, in one transaction."""
    incoming = {
        "incoming_articles": lake.read_night(lake_root, "articles", run_date),
        "incoming_quotes": lake.read_night(lake_root, "quotes", run_date),
        "incoming_fetch_log": lake.read_night(lake_root, "fetch_log", run_date),
    }
    with connect(db) as con:
        for name, table in incoming.items():
            con.register(name, table)
        con.execute("BEGIN")
        try:
            run_script(con, "load/delete_night.sql", {"run_date": run_date})
            run_script(con, "load/insert_night.sql")
            run_script(con, "load/canonical.sql")
            con.execute("INSERT INTO runs VALUES (?, ?, ?, ?)",
                        [run_date, datetime.now(timezone.utc), flow_run_id,
                         json.dumps(summary or {}, default=str)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            for name in incoming:
                con.unregister(name)
        run_script(con, "fts.sql")
        return {name.removeprefix("incoming_"): t.num_rows for name, t in incoming.items()}


def known_article_ids(db: Path, exclude: date) -> frozenset[str]:
    """Articles stored on nights other than ``exclude`` (tonight): fetch need not get them again."""
    if not Path(db).exists():
        return frozenset()
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT DISTINCT article_id FROM articles WHERE run_date <> ?", [exclude]).fetchall()
    return frozenset(r[0] for r in rows)


def saved_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted((SQL_DIR / "queries").glob("*.sql"))}


def query(db: Path, sql: str, params: dict | None = None) -> tuple[list[str], list[tuple]]:
    """Run one user statement (read-only connection) and return (column names, rows)."""
    with connect(db, read_only=True) as con:
        try:
            cur = con.execute(sql, params) if params else con.execute(sql)
        except duckdb.Error as exc:
            raise WarehouseError(str(exc).splitlines()[0]) from exc
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
