from datetime import date

from quotewire.records import Article, FetchLogRow
import pytest

from quotewire.report import NightSummary, error_line, examples, summarize
from tasks.fetch import FetchResult


def q(qid, speaker, text, kind="direct", confidence=0.9):
    return {"quote_id": qid, "speaker_name": speaker, "text": text, "type": kind, "confidence": confidence}


def test_summary_counts_what_the_night_saw():
    articles = [Article(article_id="a", source="s", url="u1", text="x", cluster_id="a", is_canonical=True),
                Article(article_id="b", source="s", url="u2", text="x", cluster_id="a", is_canonical=False),
                Article(article_id="c", source="s", url="u3", text="y", cluster_id="c", language="de")]
    log = [FetchLogRow("s", "u1", "ok"), FetchLogRow("s", "u9", "error", "http 404", 404),
           FetchLogRow("s", "u8", "skipped", "already stored")]
    fetched = [FetchResult(source="s", docs=[], log=log, failed=False),
               FetchResult(source="gone", docs=[], log=[], failed=True)]
    quotes = [q("1", "Ann Lee", "“Yes.”"), q("2", "Ann Lee", "that it was", "indirect"), q("3", "Bo Ma", "“No.”")]
    s = summarize(date(2026, 11, 27), fetched, articles, quotes, log)
    assert (s.articles_in, s.duplicates, s.stories, s.non_english) == (3, 1, 2, 1)
    assert (s.fetch_errors, s.skipped, s.failed_sources) == (1, 1, ["gone"])
    assert s.quotes_by_type == {"direct": 2, "indirect": 1}
    assert s.top_speakers == [("Ann Lee", 2), ("Bo Ma", 1)]
    assert s.errors == ["u9: http 404"]
    text = "\n".join(s.lines())
    assert "duplicates:        1" in text and "u9: http 404" in text and "1 failed: gone" in text
    assert NightSummary(**s.as_dict()) == s
    assert "| Ann Lee | 2 |" in s.markdown()


def test_examples_are_direct_one_per_speaker_most_confident_first():
    quotes = [q("1", "Ann Lee", "“a”", confidence=0.5), q("2", "Ann Lee", "“b”", confidence=0.9),
              q("3", "Bo Ma", "c", kind="indirect"), q("4", None, "“d”")]
    assert examples(quotes) == [("Ann Lee", "“b”")]


@pytest.mark.parametrize("url, reason, line", [
    ("https://x.example/404", "http 404", "https://x.example/404: http 404"),
    ("file:///data/in/odd.jsonl#L2", "data/in/odd.jsonl:2: not JSON", "data/in/odd.jsonl:2: not JSON"),
    ("file:///data/in/pic.html", "data/in/pic.html: not text (image/png content)", "data/in/pic.html: not text (image/png content)"),
    ("https://x.example/feed", "malformed feed", "https://x.example/feed: malformed feed"),
])
def test_error_lines_name_the_input_once(url, reason, line):
    assert error_line(FetchLogRow("s", url, "error", reason)) == line
