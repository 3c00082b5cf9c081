from datetime import date, datetime, timezone

import pyarrow.parquet as pq
import pytest

from quotewire import lake
from quotewire.records import Article, FetchLogRow, Removal

NIGHT = date(2026, 11, 27)


def article(i: int) -> Article:
    return Article(article_id=f"a{i}", source="s", url=f"https://x.example/{i}", text=f"text {i}",
                   published_at=datetime(2026, 11, 27, 10, tzinfo=timezone.utc),
                   removed=[Removal(rule="agency_credit", text="compiled from agency reports")])


def test_write_then_read_round_trips_with_schema_and_metadata(tmp_path):
    path = lake.write_records(tmp_path, "articles", [article(1), article(2)], NIGHT)
    assert path == tmp_path / "articles" / "run_date=2026-11-27" / "part-00000.parquet"
    table = lake.read_partition(tmp_path, "articles", NIGHT)
    assert table.column("article_id").to_pylist() == ["a1", "a2"]
    assert table.column("run_date").to_pylist() == [NIGHT, NIGHT]
    assert table.column("removed").to_pylist()[0] == [{"rule": "agency_credit", "text": "compiled from agency reports"}]
    meta = pq.read_metadata(path)
    assert meta.metadata[b"quotewire.schema_version"] == lake.SCHEMA_VERSION.encode()
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_rewriting_a_date_replaces_its_partition(tmp_path):
    lake.write_records(tmp_path, "articles", [article(1), article(2)], NIGHT)
    lake.write_records(tmp_path, "articles", [article(3)], NIGHT)
    assert lake.read_partition(tmp_path, "articles", NIGHT).column("article_id").to_pylist() == ["a3"]
    leftovers = [p.name for p in (tmp_path / "articles").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_read_layer_can_leave_out_one_night(tmp_path):
    lake.write_records(tmp_path, "fetch_log", [FetchLogRow("s", "u1", "ok")], date(2026, 11, 26))
    lake.write_records(tmp_path, "fetch_log", [FetchLogRow("s", "u2", "error", "http 404")], NIGHT)
    assert lake.read_layer(tmp_path, "fetch_log").num_rows == 2
    assert lake.read_layer(tmp_path, "fetch_log", exclude=NIGHT).column("url").to_pylist() == ["u1"]
    assert lake.read_layer(tmp_path, "fetch_log", since=NIGHT).column("url").to_pylist() == ["u2"]
    assert lake.read_layer(tmp_path, "quotes").num_rows == 0  # a layer never written
    assert lake.read_night(tmp_path, "fetch_log", NIGHT).column("url").to_pylist() == ["u2"]
    assert lake.read_night(tmp_path, "quotes", NIGHT).schema == lake.LAYERS["quotes"]


def test_naive_datetimes_are_stored_as_utc(tmp_path):
    a = article(1)
    a.published_at = datetime(2026, 11, 27, 10, 0)
    lake.write_records(tmp_path, "articles", [a], NIGHT)
    got = lake.read_partition(tmp_path, "articles", NIGHT).column("published_at").to_pylist()[0]
    assert got == datetime(2026, 11, 27, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["", "plain", "<html>ünïcode “quotes”</html>" * 100])
def test_body_compression_round_trips(text):
    assert lake.decompress(lake.compress(text)) == text
    assert lake.compress(None) is None


def test_an_arrow_table_is_written_without_a_round_trip(tmp_path):
    import pyarrow as pa

    table = pa.table({"article_id": ["a1"], "cluster_id": ["a1"], "text_hash": ["h"],
                      "published_at": pa.array([None], lake.LAYERS["signatures"].field("published_at").type),
                      "minhash": pa.array([[1, 2, 3]], pa.list_(pa.uint32())), "extra": [1]})
    lake.write_records(tmp_path, "signatures", table, NIGHT)
    got = lake.read_partition(tmp_path, "signatures", NIGHT)
    assert got.schema == lake.LAYERS["signatures"]
    assert got.to_pylist() == [{"article_id": "a1", "cluster_id": "a1", "text_hash": "h", "published_at": None,
                                "minhash": [1, 2, 3], "run_date": NIGHT}]


def test_a_version_1_quotes_partition_with_float32_confidence_still_reads(tmp_path):
    import pyarrow as pa

    from quotewire.schemas import LAYERS

    old = pa.schema([f.with_type(pa.float32()) if f.name == "confidence" else f for f in LAYERS["quotes"]])
    row = {f.name: None for f in old} | {"quote_id": "q", "article_id": "a", "text": "x", "confidence": 0.35,
                                          "run_date": NIGHT}
    folder = lake.partition_dir(tmp_path, "quotes", NIGHT)
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([row], schema=old), folder / lake.PART_NAME)
    table = lake.read_night(tmp_path, "quotes", NIGHT)
    assert table.schema.field("confidence").type == pa.float64()
    assert table.column("confidence").to_pylist() == [pytest.approx(0.35, abs=1e-6)]
