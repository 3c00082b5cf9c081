"""End to end: the nightly flow under one session-scoped Prefect test server, into a real DuckDB file."""

from __future__ import annotations

import json
import shutil
from datetime import date

import duckdb
import pytest

from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

N1, N2 = date(2026, 11, 27), date(2026, 11, 28)


def rows(db, sql, *params):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def night(prefect_harness, tmp_path_factory):
    """The sample data run twice for the same night; returns (settings, first summary, second summary)."""
    from flows.nightly import nightly
    from quotewire.settings import Settings

    tmp = tmp_path_factory.mktemp("night")
    settings = Settings(lake=tmp / "lake", db=tmp / "qw.duckdb", state_dir=tmp / "state",
                        sources_file=tmp / "none.toml", samples_dir=SAMPLES, host_delay_s=0.0)
    first = nightly(sources=[str(SAMPLES)], run_date=N1, settings=settings)
    counts_after_first = rows(settings.db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)")
    second = nightly(sources=[str(SAMPLES)], run_date=N1, settings=settings)
    return settings, first, second, counts_after_first


def seed_article(db):
    found = rows(db, "SELECT article_id, text FROM articles WHERE url LIKE '%nato-missile-defense.txt'")
    assert len(found) == 1, found
    return found[0]


def test_seed_is_one_clean_article(night):
    settings = night[0]
    _, text = seed_article(settings.db)
    assert text.count("Rasmussen was speaking after a meeting") == 1
    assert "compiled from agency reports" not in text
    assert text.startswith("NATO Secretary-General Anders Fogh Rasmussen has said")
    assert text.endswith("countries such as Iran.")
    assert len(text.split("\n\n")) == 11


def test_seed_has_its_eight_direct_quotations_attributed(night):
    settings = night[0]
    article_id, text = seed_article(settings.db)
    quotes = rows(settings.db, "SELECT start, \"end\", text, speaker_name FROM quotes "
                               "WHERE article_id = ? AND type = 'direct' ORDER BY start", article_id)
    assert len(quotes) == 8
    by_speaker = {}
    for start, end, quote, speaker in quotes:
        assert text[start:end] == quote  # offsets index the stored text
        by_speaker[speaker] = by_speaker.get(speaker, 0) + 1
    assert by_speaker == {"Anders Fogh Rasmussen": 5, "Hillary Clinton": 2, "Sergei Lavrov": 1}


def test_rerunning_a_night_replaces_it(night):
    settings, first, second, counts_after_first = night
    again = rows(settings.db, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)")
    assert again == counts_after_first
    assert (first["articles_in"], first["quotes"]) == (second["articles_in"], second["quotes"])
    assert rows(settings.db, "SELECT count(*) FROM runs") == [(1,)]
    assert rows(settings.db, "SELECT count(*) - count(DISTINCT article_id) FROM articles") == [(0,)]


def test_wire_copies_share_a_cluster_and_one_is_canonical(night):
    settings = night[0]
    got = rows(settings.db, "SELECT count(DISTINCT cluster_id), count(*), count(*) FILTER (WHERE is_canonical), "
                            "list(outlet ORDER BY outlet) FROM articles WHERE title ILIKE '%port strike%'")
    assert got == [(1, 2, 1, ["Coastal Herald", "Harbour Times"])]
    assert night[1]["duplicates"] == 1


def test_summary_is_recorded_for_the_night(night):
    settings, first = night[0], night[1]
    (summary,) = rows(settings.db, "SELECT summary FROM runs WHERE run_date = ?", N1)[0]
    stored = json.loads(summary)
    assert stored["quotes"] == first["quotes"] > 8
    assert stored["top_speakers"][0][0] == "Anders Fogh Rasmussen"


def test_a_copy_arriving_the_next_night_joins_the_first_nights_cluster(night, tmp_path):
    from flows.nightly import nightly

    settings = night[0]
    copy = tmp_path / "next-night"
    copy.mkdir()
    wire = (SAMPLES / "wire-stories.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record = json.loads(wire)
    record.update(url="https://thirdpaper.example/port-talks", outlet="Third Paper",
                  title="Dockworkers and operators back at the table")
    (copy / "copy.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    nightly(sources=[str(copy)], run_date=N2, settings=settings)
    clusters = rows(settings.db, "SELECT run_date, cluster_id FROM articles WHERE title ILIKE '%port strike%' "
                                 "OR outlet = 'Third Paper' ORDER BY run_date")
    assert len(clusters) == 3 and len({c for _, c in clusters}) == 1
    assert clusters[-1][0] == N2


def test_bad_inputs_are_logged_and_the_rest_goes_through(prefect_harness, settings, tmp_path):
    from flows.nightly import nightly

    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SAMPLES / "city-council-transit.html", folder)
    (folder / "broken.jsonl").write_text(
        '{"url": "https://ok.example/1", "text": "\\"It works,\\" said Ann Lee."}\nnot json at all\n', encoding="utf-8")
    summary = nightly(sources=[str(folder), str(tmp_path / "does-not-exist")], run_date=N1, settings=settings)
    assert summary["articles_in"] == 2
    errors = rows(settings.db, "SELECT url, reason FROM fetch_log WHERE status = 'error' ORDER BY url")
    reasons = " | ".join(f"{u} {r}" for u, r in errors)
    assert "broken.jsonl" in reasons and ":2" in reasons
    assert "does-not-exist" in reasons
    assert len(summary["failed_sources"]) == 1  # the missing path; the folder went through


def test_the_flow_scales_out_to_a_dask_cluster(night, tmp_path):
    """The same night on a local two-process Dask cluster gives the same rows as the thread runner."""
    from prefect_dask import DaskTaskRunner

    from flows.nightly import nightly

    settings = night[0].with_overrides(lake=tmp_path / "lake", db=tmp_path / "qw.duckdb", quote_batch_articles=2)
    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})
    summary = nightly.with_options(task_runner=runner)(sources=[str(SAMPLES)], run_date=N1, settings=settings)
    first = night[1]
    assert (summary["articles_in"], summary["quotes"], summary["duplicates"]) == \
        (first["articles_in"], first["quotes"], first["duplicates"])
    assert rows(settings.db, "SELECT count(*) FROM quotes") == [(first["quotes"],)]


def test_reprocessing_a_night_needs_no_fetch_and_gives_the_same_rows(prefect_harness, settings, tmp_path):
    from flows.nightly import nightly

    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    (folder / "not-json.jsonl").write_text("{oops\n", encoding="utf-8")
    first = nightly(sources=[str(folder)], run_date=N1, settings=settings)
    before = rows(settings.db, "SELECT article_id, text_hash FROM articles ORDER BY 1")
    log_before = rows(settings.db, "SELECT url, status, reason FROM fetch_log ORDER BY 1, 2")
    shutil.rmtree(folder)  # the sources are gone: only the lake's raw layer is left
    again = nightly(run_date=N1, settings=settings, reprocess=True)
    assert (again["articles_in"], again["quotes"]) == (first["articles_in"], first["quotes"])
    assert rows(settings.db, "SELECT article_id, text_hash FROM articles ORDER BY 1") == before
    assert rows(settings.db, "SELECT url, status, reason FROM fetch_log ORDER BY 1, 2") == log_before
    assert any("not-json.jsonl:1" in (reason or "") for _, _, reason in log_before)


def test_reprocessing_a_night_never_fetched_fails_clearly(prefect_harness, settings):
    from flows.nightly import nightly

    state = nightly(run_date=N2, settings=settings, reprocess=True, return_state=True)
    assert state.is_failed()
    with pytest.raises(FileNotFoundError, match="nothing to reprocess"):
        state.result()
