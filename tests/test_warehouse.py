"""The warehouse against a real DuckDB file: migrations, one-transaction nightly loads, views, FTS."""

from datetime import date, datetime, timezone

import duckdb
import pytest

from quotewire import ids, lake, warehouse
from quotewire.records import Article, FetchLogRow

N1, N2 = date(2026, 11, 26), date(2026, 11, 27)


def art(aid, cluster, published_hour, outlet="Outlet A", text="Some text."):
    return Article(article_id=aid, source="s", url=f"https://x.example/{aid}", text=text, outlet=outlet,
                   title=f"title {aid}", cluster_id=cluster, is_canonical=True,
                   published_at=datetime(2026, 11, 26, published_hour, tzinfo=timezone.utc))


def quote(aid, text, speaker, start=0):
    return {"quote_id": ids.quote_id(aid, start, start + len(text)), "article_id": aid,
            "unique_quote_id": ids.unique_quote_id(text), "start": start, "end": start + len(text),
            "text": text, "type": "direct", "speaker": speaker.split()[-1], "speaker_name": speaker,
            "cue": "said", "confidence": 0.9}


def write_night(root, night, articles, quotes, log=()):
    lake.write_records(root / "lake", "articles", articles, night)
    lake.write_records(root / "lake", "quotes", quotes, night)
    lake.write_records(root / "lake", "fetch_log", list(log), night)
    return warehouse.load_night(root / "qw.duckdb", root / "lake", night, summary={"night": str(night)})


def count(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("sql, expected", [
    ("SELECT 1;", ["SELECT 1"]),
    ("-- only a comment\nSELECT 1;\n-- x\nSELECT 2;\n", ["-- only a comment\nSELECT 1", "-- x\nSELECT 2"]),
    ("SELECT 'a;b';\n", ["SELECT 'a;b'"]),
    ("-- nothing\n", []),
])
def test_split_statements(sql, expected):
    assert warehouse.split_statements(sql) == expected


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "qw.duckdb"
    with warehouse.connect(db) as con:
        versions = con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    with warehouse.connect(db) as con:
        again = con.execute("SELECT count(*) FROM schema_version").fetchone()[0]
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert [v[0] for v in versions] == [m[0] for m in warehouse.migrations()]
    assert again == len(versions)
    assert {"quotes_full", "speakers", "quote_spread", "stories", "fetch_failures"} <= views


def test_reloading_a_night_replaces_it(tmp_path):
    arts = [art("a1", "a1", 9), art("a2", "a1", 8, outlet="Outlet B")]
    qs = [quote("a1", "We will continue.", "Hillary Clinton"), quote("a2", "We will continue.", "Hillary Clinton")]
    first = write_night(tmp_path, N1, arts, qs, [FetchLogRow("s", "https://x.example/404", "error", "http 404", 404)])
    second = write_night(tmp_path, N1, arts, qs, [FetchLogRow("s", "https://x.example/404", "error", "http 404", 404)])
    assert first == second == {"articles": 2, "quotes": 2, "fetch_log": 1}
    db = tmp_path / "qw.duckdb"
    assert count(db, "SELECT count(*) FROM articles") == 2
    assert count(db, "SELECT count(*) FROM quotes") == 2
    assert count(db, "SELECT count(*) FROM runs") == 1
    # canonical = earliest published member of the cluster (a2 at 08:00)
    assert count(db, "SELECT article_id FROM articles WHERE is_canonical") == "a2"
    assert count(db, "SELECT outlets FROM quote_spread") == 2
    assert count(db, "SELECT count(*) FROM fetch_failures WHERE reason = 'http 404'") == 1


def test_a_second_night_adds_and_joins_clusters(tmp_path):
    write_night(tmp_path, N1, [art("a1", "a1", 9)], [quote("a1", "Differences remain.", "Anders Fogh Rasmussen")])
    write_night(tmp_path, N2, [art("a3", "a1", 7, outlet="Outlet C")], [])
    db = tmp_path / "qw.duckdb"
    assert count(db, "SELECT count(*) FROM articles") == 2
    assert count(db, "SELECT copies FROM stories WHERE cluster_id = 'a1'") == 2
    assert count(db, "SELECT article_id FROM articles WHERE is_canonical") == "a3"
    assert warehouse.known_article_ids(db, exclude=N2) == {"a1"}
    assert warehouse.known_article_ids(db, exclude=N1) == {"a3"}


def test_saved_queries_run_with_bound_parameters(tmp_path):
    text = "On missile defense, we do not agree yet."
    write_night(tmp_path, N1, [art("a1", "a1", 9), art("a2", "a2", 10, outlet="Outlet B")],
                [quote("a1", text, "Anders Fogh Rasmussen"), quote("a2", text, "Anders Fogh Rasmussen"),
                 quote("a2", "Legitimate demands are not taken into account.", "Sergei Lavrov", 50)])
    db = tmp_path / "qw.duckdb"
    sql = warehouse.saved_queries()["speaker_on_topic"].read_text()
    cols, rows = warehouse.query(db, sql, {"speaker": "rasmussen", "topic": "missile defense", "since": "2026-11-01"})
    assert {r[cols.index("speaker_name")] for r in rows} == {"Anders Fogh Rasmussen"} and len(rows) == 2
    cols, rows = warehouse.query(db, warehouse.saved_queries()["widely_carried"].read_text(), {"min_outlets": 2})
    assert len(rows) == 1 and rows[0][cols.index("outlets")] == 2
    cols, rows = warehouse.query(db, warehouse.saved_queries()["top_speakers"].read_text(), {"topic": ""})
    assert [r[0] for r in rows] == ["Anders Fogh Rasmussen", "Sergei Lavrov"]
    cols, rows = warehouse.query(db, warehouse.saved_queries()["night_summary"].read_text())
    assert rows[0][cols.index("quotes")] == 3


def test_bad_sql_is_a_one_line_error(tmp_path):
    write_night(tmp_path, N1, [art("a1", "a1", 9)], [])
    with pytest.raises(warehouse.WarehouseError) as err:
        warehouse.query(tmp_path / "qw.duckdb", "SELEC nonsense")
    assert "syntax error" in str(err.value).lower() and "\n" not in str(err.value)


def test_queries_are_read_only(tmp_path):
    write_night(tmp_path, N1, [art("a1", "a1", 9)], [])
    with pytest.raises(warehouse.WarehouseError):
        warehouse.query(tmp_path / "qw.duckdb", "DELETE FROM articles")
    assert count(tmp_path / "qw.duckdb", "SELECT count(*) FROM articles") == 1


def test_query_without_warehouse_says_so(tmp_path):
    with pytest.raises(warehouse.WarehouseError, match="no warehouse yet"):
        warehouse.query(tmp_path / "missing.duckdb", "SELECT 1")


def test_confidence_migrates_to_double_with_two_decimals(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ)")
    (version, name, path), *_ = warehouse.migrations()
    for statement in warehouse.split_statements(path.read_text(encoding="utf-8")):
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    con.execute("INSERT INTO quotes (quote_id, article_id, text, confidence, run_date) "
                "VALUES ('q', 'a', 'x', CAST(0.35 AS REAL), DATE '2026-11-26')")
    assert con.execute("SELECT confidence FROM quotes").fetchone()[0] != 0.35  # REAL: 0.3499999940395355
    con.close()
    with warehouse.connect(db) as con:
        kind = con.execute("SELECT data_type FROM information_schema.columns "
                           "WHERE table_name = 'quotes' AND column_name = 'confidence'").fetchone()[0]
        assert kind == "DOUBLE"
        assert con.execute("SELECT confidence FROM quotes").fetchone()[0] == 0.35
