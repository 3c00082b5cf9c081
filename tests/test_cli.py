"""The CLI as a user runs it: subprocesses of .venv/bin/quotewire."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from quotewire import lake, warehouse
from quotewire.commands.sql_cmd import format_table
from quotewire.records import Article
from tests.conftest import ROOT

QW = str(Path(sys.executable).parent / "quotewire")


def qw(*args, env=None):
    return subprocess.run([QW, *args], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)


@pytest.fixture
def db(tmp_path):
    night = date(2026, 11, 27)
    a = Article(article_id="a1", source="s", url="https://x.example/1", text="t", title="Port talks", outlet="Harbour Times",
                cluster_id="a1")
    lake.write_records(tmp_path / "lake", "articles", [a], night)
    warehouse.load_night(tmp_path / "qw.duckdb", tmp_path / "lake", night)
    return tmp_path / "qw.duckdb"


def test_help_lists_the_commands():
    out = qw("--help")
    assert out.returncode == 0
    for command in ("run", "serve", "ui", "sql"):
        assert command in out.stdout


def test_sql_prints_a_table(db):
    out = qw("sql", "--db", str(db), "SELECT title, outlet FROM articles")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["title", "outlet"]
    assert "Port talks" in lines[2] and "Harbour Times" in lines[2]
    assert lines[-1] == "(1 row)"


def test_sql_json_and_saved_query_with_parameters(db):
    out = qw("sql", "--db", str(db), "--format", "json", "--saved", "widely_carried", "--param", "min_outlets=1")
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""  # no quotes loaded, so nothing was carried anywhere
    out = qw("sql", "--db", str(db), "--format", "json", "SELECT count(*) AS n FROM articles")
    assert json.loads(out.stdout) == {"n": 1}


@pytest.mark.parametrize("args, message", [
    (["SELEC 1"], "syntax error"),
    (["SELECT * FROM no_such_table"], "no_such_table"),
    (["--saved", "nope"], "no saved query 'nope'"),
    (["--saved", "widely_carried", "--param", "oops"], "NAME=VALUE"),
])
def test_sql_errors_are_one_clear_line(db, args, message):
    out = qw("sql", "--db", str(db), *args)
    assert out.returncode == 2
    assert message.lower() in out.stderr.lower()
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_sql_list_names_the_saved_queries():
    out = qw("sql", "--list")
    assert out.returncode == 0
    assert {line.split()[0] for line in out.stdout.splitlines()} == set(warehouse.saved_queries())


def test_format_table_truncates_long_cells():
    text = format_table(["a"], [("x" * 200,)])
    assert "…" in text and max(len(line) for line in text.splitlines()) <= 80
