"""Property tests: cleaning and deduplication take any text without raising."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from quotewire.records import Article
from tasks.clean import clean_text
from tasks.dedup import assign_clusters

PIECES = st.sampled_from([
    "compiled from agency reports", "Reporting by Jo Park; Editing by Sam Ortiz", "WASHINGTON (AP) — ",
    "Read more:", "© 2026 Example News", "“", "”", '"', "\n", "\n\n", " ", "Ã©", "\u00a0", "\u200b",
    "He said “yes”.", "NATO says the shield is defensive.", "By Dana Whitfield",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=30).map("".join)
SENTENCES = st.sampled_from([
    "The council voted 7-2 on Wednesday.", "“We are ready,” Cho said.", "Talks resumed on Thursday.",
    "He said the plan “will not work” and left.", "Ã‰lysÃ©e officials said nothing.",
])
LINES = st.sampled_from([
    "compiled from agency reports", "Reporting by Jo Park; Editing by Sam Ortiz", "Read more: a story",
    "© 2026 Example News. All rights reserved.", "By Dana Whitfield", "Click here to subscribe.",
])
# articles as they come: paragraphs of text, boilerplate lines, a dateline opening the first one
ARTICLES = st.tuples(
    st.sampled_from(["", "WASHINGTON (AP) — ", "LONDON (Reuters) - "]),
    st.lists(st.one_of(SENTENCES, LINES, st.text(max_size=60)), min_size=1, max_size=12),
).map(lambda t: t[0] + "\n\n".join(t[1]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_clean_text_never_raises_and_keeps_each_paragraph_once(text):
    result = clean_text(text)
    paragraphs = result.text.split("\n\n") if result.text else []
    assert all(p.strip() == p and p for p in paragraphs)
    assert len(paragraphs) == len(set(paragraphs))
    assert all(r.rule and isinstance(r.text, str) for r in result.removed)


@settings(max_examples=300, deadline=None)
@given(ARTICLES)
def test_cleaning_is_idempotent(text):
    once = clean_text(text).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.lists(TEXTS, max_size=8))
def test_assign_clusters_never_raises_and_names_clusters_by_members(texts):
    articles = [Article(article_id=f"a{i}", source="s", url=f"u{i}", text=t) for i, t in enumerate(texts)]
    out, signatures = assign_clusters(articles, None)
    assert len(out) == len(articles) and signatures.num_rows == len(articles)
    ids = {a.article_id for a in out}
    assert {a.cluster_id for a in out} <= ids
    for cluster in {a.cluster_id for a in out}:
        assert sum(a.is_canonical for a in out if a.cluster_id == cluster) == 1
