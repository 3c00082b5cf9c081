from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from quotewire.ids import text_hash
from quotewire.records import Article
from quotewire.schemas import SIGNATURES
from quotewire.settings import Settings
from tasks.clean import clean_text
from tasks.dedup import (assign_clusters, connected_labels, estimated_jaccard, group_by_key,
                         jaccard, lsh_candidates, lsh_params, minhash_signatures, shingle_hashes,
                         shingle_set, word_hashes, words)

T0 = datetime(2016, 3, 1, 12, tzinfo=timezone.utc)
SETTINGS = Settings()

STORY = [
    "Senate Republicans on Tuesday blocked a Democratic bill that would have expanded background "
    "checks for gun buyers, the latest defeat for gun control advocates after a string of mass shootings.",
    "The measure fell short of the 60 votes needed to advance, with most Republicans opposing it and "
    "arguing that it would burden law-abiding citizens without stopping criminals from getting weapons.",
    "Majority Leader Mitch McConnell said the chamber would instead consider a narrower proposal "
    "focused on mental health records and funding for school security officers in rural districts.",
    "Democrats vowed to keep pressing the issue through the election season, saying polls show broad "
    "public support for universal background checks among gun owners and non-owners alike.",
    "The White House said the president was disappointed by the vote and would continue to use his "
    "executive authority where possible to tighten enforcement of existing federal firearms laws.",
    "Advocacy groups said they would spend millions of dollars on advertising in swing states to "
    "remind voters how their senators voted on the measure before the November general election.",
]
OTHER = [
    "The Federal Reserve left interest rates unchanged on Wednesday, citing weak global growth and "
    "volatile financial markets that have rattled investors since the beginning of the year.",
    "Fed Chair Janet Yellen told reporters that the central bank still expected to raise rates "
    "gradually this year but that the pace would depend on incoming data about jobs and inflation.",
    "Several regional bank presidents had argued for a hike, pointing to a strengthening labor market "
    "and wage growth that has finally begun to pick up after years of stagnation for many workers.",
    "Markets rallied after the announcement, with the Dow Jones industrial average closing up more "
    "than 150 points and Treasury yields falling to their lowest levels in several weeks of trading.",
    "Economists said the decision reflected caution about risks from China and Europe, where growth "
    "has slowed and central banks have cut rates below zero to try to stimulate lending and demand.",
]
QUOTED = ('"We are not going to stand by while our children are gunned down in their classrooms and '
          'our streets, and we will take this fight to every state capitol and every ballot box in '
          'America until Congress finally listens to the overwhelming majority of the people," the '
          'senator said at a crowded news conference outside the Capitol on Tuesday afternoon.')


def art(aid, paragraphs, hours=0, **kw):
    text = "\n\n".join(paragraphs)
    return Article(article_id=aid, source="test", url=f"http://x/{aid}", text=text,
                   published_at=T0 + timedelta(hours=hours), text_hash=text_hash(text), **kw)


def wire_copy(paragraphs):
    """Dateline, credit line, trimmed ending and a few words changed, then cleaned as at night."""
    body = list(paragraphs[:-1])
    body[0] = "WASHINGTON (AP) — " + body[0].replace("Tuesday", "Tuesday night")
    body[2] = body[2].replace("narrower", "smaller")
    body.append("(Reporting by Jane Doe; Editing by Bob Roe)")
    return clean_text("\n".join(body)).text.split("\n\n")


@pytest.mark.parametrize("a, b, expected", [
    ("the cat sat on the mat today", "The cat sat on the mat today!", 1.0),
    ("one two three four five six", "one two three four five seven", 1 / 3),
    ("alpha beta gamma delta epsilon", "zeta eta theta iota kappa", 0.0),
])
def test_shingles_normalise_case_and_punctuation(a, b, expected):
    assert jaccard(shingle_set(a, 5), shingle_set(b, 5)) == pytest.approx(expected)


@pytest.mark.parametrize("text, expected", [
    ("Don’t say “HELLO”—world…", ["don", "t", "say", "hello", "world"]),
    ("don't SAY \"hello\" -- world...", ["don", "t", "say", "hello", "world"]),
    ("Café au lait, 3.5%", ["café", "au", "lait", "3", "5"]),
    ("", []),
])
def test_word_hashes_match_the_words(text, expected):
    assert words(text) == expected
    hashes, offsets = word_hashes([text])
    assert offsets.tolist() == [0, len(expected)]
    # equal words <-> equal hashes
    assert [[a == b for b in hashes] for a in hashes] == [[a == b for b in expected] for a in expected]


def test_word_hashes_do_not_cross_documents():
    hashes, offsets = word_hashes(["alpha be", "ta gamma", "beta"])
    assert offsets.tolist() == [0, 2, 4, 5]
    assert hashes[4] not in hashes[:4]  # "be"+"ta" across the boundary is not "beta"


@pytest.mark.parametrize("texts, counts", [
    (["a b c d e f g", "x y", "", "!!! ..."], [3, 1, 0, 0]),
    (["one two three four five"], [1]),
])
def test_shingle_counts_per_document(texts, counts):
    words, offsets = word_hashes(texts)
    sh, sh_off = shingle_hashes(words, offsets, 5)
    assert np.diff(sh_off).tolist() == counts
    assert len(sh) == sum(counts)


def test_short_documents_do_not_borrow_the_next_documents_words():
    words, offsets = word_hashes(["x y", "a b c d e f"])
    sh, _ = shingle_hashes(words, offsets, 5)
    alone, _ = shingle_hashes(*word_hashes(["x y"]), 5)
    assert sh[0] == alone[0]


@pytest.mark.parametrize("cut", [0.0, 0.2, 0.5, 0.8])
def test_minhash_estimates_jaccard(cut):
    words = " ".join(STORY + OTHER).split()
    a = " ".join(words)
    b = " ".join(words[: int(len(words) * (1 - cut))])
    sig, n = minhash_signatures([a, b], 5, 256, workers=1)
    exact = jaccard(shingle_set(a), shingle_set(b))
    est = estimated_jaccard(sig, np.array([[0, 1]]))[0]
    assert abs(est - exact) < 0.1
    assert n.tolist() == [len(shingle_set(a)), len(shingle_set(b))]


def test_signatures_are_stable_and_batch_independent():
    texts = ["\n\n".join(STORY), "\n\n".join(OTHER), "short text"]
    alone = np.vstack([minhash_signatures([t], 5, 128)[0] for t in texts])
    batch, _ = minhash_signatures(texts, 5, 128)
    assert np.array_equal(alone, batch)
    assert batch.dtype == np.uint32


@pytest.mark.parametrize("threshold", [0.4, 0.5, 0.7, 0.8])
def test_lsh_params_reach_threshold_recall(threshold):
    b, r = lsh_params(threshold, 128)
    assert b * r <= 128
    assert 1 - (1 - threshold ** r) ** b >= 0.99


def test_lsh_candidates_find_similar_rows_only():
    rng = np.random.default_rng(0)
    sig = rng.integers(0, 2**32 - 1, size=(5, 128), dtype=np.uint32)
    sig[3] = sig[1]
    sig[3, :40] = rng.integers(0, 2**32 - 1, size=40, dtype=np.uint32)  # ~0.69 similar
    pairs = lsh_candidates(sig, *lsh_params(0.5, 128))
    assert pairs.tolist() == [[1, 3]]
    active = np.array([True, False, True, False, True])
    assert lsh_candidates(sig, *lsh_params(0.5, 128), active=active).tolist() == []


@pytest.mark.parametrize("n, pairs, labels", [
    (4, [], [0, 1, 2, 3]),
    (5, [[3, 4], [1, 3]], [0, 1, 2, 1, 1]),
    (6, [[4, 5], [3, 4], [2, 3], [0, 2]], [0, 1, 0, 0, 0, 0]),
])
def test_connected_labels(n, pairs, labels):
    assert connected_labels(n, np.array(pairs, dtype=np.int64).reshape(-1, 2)).tolist() == labels


def test_group_by_key():
    assert group_by_key(["a", "b", "a", None, None, "b"]).tolist() == [[0, 2], [1, 5]]


def test_exact_duplicate_under_two_urls_is_one_story():
    a = art("a", STORY, hours=1)
    b = art("b", [p.upper() for p in STORY], hours=0)  # same normalized text
    c = art("c", OTHER)
    out, sigs = assign_clusters([a, b, c], None, SETTINGS)
    assert out[0].cluster_id == out[1].cluster_id == "b"  # earliest published is first-seen
    assert [x.is_canonical for x in out] == [False, True, True]
    assert out[2].cluster_id == "c"
    assert sigs.num_rows == 3


def test_wire_copy_joins_and_shared_quote_does_not():
    base = art("base", STORY, hours=0)
    copy = art("copy", wire_copy(STORY) + ["The debate is expected to continue next week."], hours=2)
    other = art("other", OTHER, hours=1)
    quoting = art("quoting", OTHER[:2] + [QUOTED] + OTHER[2:], hours=3)
    base_q = art("base_q", STORY[:3] + [QUOTED] + STORY[3:], hours=4)
    out, _ = assign_clusters([copy, base, other, quoting, base_q], None, SETTINGS)
    cid = {a.article_id: a.cluster_id for a in out}
    assert cid["copy"] == cid["base"] == cid["base_q"] == "base"
    assert cid["quoting"] == cid["other"] == "other"  # shares the quote with base_q, not merged
    assert len(set(cid.values())) == 2


def test_different_stories_on_same_topic_stay_apart():
    story2 = [p.replace("background checks", "assault weapons ban") for p in STORY[:1]] + [
        "The House on Thursday passed a separate bill on gun trafficking that would make straw "
        "purchases a federal crime, sending it to the Senate where its prospects remain unclear.",
        "Supporters said the bill had bipartisan backing and would help police trace guns used in "
        "crimes back to the dealers and middlemen who sold them across state lines illegally.",
        "Opponents including the National Rifle Association said it duplicated existing laws and "
        "would do little to reduce violence in cities such as Chicago and Baltimore this summer.",
    ]
    out, _ = assign_clusters([art("s1", STORY), art("s2", story2)], None, SETTINGS)
    assert out[0].cluster_id != out[1].cluster_id
    assert all(a.is_canonical for a in out)


@pytest.mark.parametrize("hours, ids, canonical", [
    ([5, 1, 3], ["c", "a", "b"], "a"),  # earliest published
    ([2, 2, 2], ["c", "a", "b"], "a"),  # tie: smallest article_id
    ([None, 4, None], ["c", "z", "b"], "z"),  # missing dates go last
])
def test_canonical_choice(hours, ids, canonical):
    articles = []
    for h, aid in zip(hours, ids):
        a = art(aid, STORY)
        a.published_at = None if h is None else T0 + timedelta(hours=h)
        articles.append(a)
    out, _ = assign_clusters(articles, None, SETTINGS)
    assert {a.cluster_id for a in out} == {canonical}
    assert [a.article_id for a in out if a.is_canonical] == [canonical]


def _with_run_date(table: pa.Table, day) -> pa.Table:
    return table.append_column("run_date", pa.array([day] * table.num_rows, pa.date32())) \
        .cast(SIGNATURES)


def test_copy_on_the_second_night_joins_first_nights_cluster():
    night1 = [art("n1-base", STORY, hours=0), art("n1-other", OTHER, hours=1)]
    out1, sig1 = assign_clusters(night1, None, SETTINGS)
    history = _with_run_date(sig1, T0.date())
    assert history.schema == SIGNATURES
    night2 = [art("n2-copy", wire_copy(STORY), hours=24), art("n2-new", STORY[:1] + OTHER[2:3], hours=25),
              art("n2-exact", OTHER, hours=26)]
    out2, sig2 = assign_clusters(night2, history, SETTINGS)
    cid = {a.article_id: a.cluster_id for a in out2}
    assert cid["n2-copy"] == "n1-base"
    assert cid["n2-exact"] == "n1-other"
    assert cid["n2-new"] == "n2-new"
    canon = {a.article_id: a.is_canonical for a in out2}
    assert canon == {"n2-copy": False, "n2-exact": False, "n2-new": True}
    assert sig2.column("cluster_id").to_pylist() == ["n1-base", "n2-new", "n1-other"]
    # a third night sees both earlier nights
    history = pa.concat_tables([history, _with_run_date(sig2, (T0 + timedelta(days=1)).date())])
    out3, _ = assign_clusters([art("n3-copy", STORY[:-2], hours=48)], history, SETTINGS)
    assert out3[0].cluster_id == "n1-base"


def test_empty_inputs():
    out, sigs = assign_clusters([], None, SETTINGS)
    assert out == [] and sigs.num_rows == 0
    empty_history = SIGNATURES.empty_table()
    out, _ = assign_clusters([art("a", [""])], empty_history, SETTINGS)
    assert out[0].cluster_id == "a" and out[0].is_canonical


DEDUP_SET = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "train" / "text"


@pytest.mark.skipif(not DEDUP_SET.exists(), reason="shared PolNeAR texts not available")
def test_labelled_set_reaches_precision_and_recall_bars():
    from quotewire.dedup_eval import build_set, evaluate, load_texts

    docs = build_set(load_texts(DEDUP_SET)[:300], n_bases=40, n_quote_pairs=20, seed=5)
    assert {d.kind for d in docs} >= {"base", "wire", "trimmed", "quote_insert"}
    for nights in (1, 2):
        s = evaluate(docs, SETTINGS, clean=True, nights=nights)
        assert s["precision"] >= 0.99 and s["recall"] >= 0.95, s
        assert s["merged_stories"] == 0
        assert s["quote_insert_joined_base"] == 0
        assert s["canonical_per_cluster_ok"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_clusters_do_not_depend_on_input_order(seed):
    import random

    articles = [art("a", STORY, hours=3), art("b", wire_copy(STORY), hours=1), art("c", OTHER, hours=2),
                art("d", OTHER[:-1], hours=2), art("e", STORY[:1] + OTHER[1:2], hours=0)]
    reference, _ = assign_clusters(articles, None, SETTINGS)
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    out, _ = assign_clusters(shuffled, None, SETTINGS)
    expect = {a.article_id: (a.cluster_id, a.is_canonical) for a in reference}
    assert {a.article_id: (a.cluster_id, a.is_canonical) for a in out} == expect
    assert expect == {"a": ("b", False), "b": ("b", True), "c": ("c", True), "d": ("c", False),
                      "e": ("e", True)}


def test_read_history_leaves_out_tonight_and_old_nights(tmp_path):
    from datetime import date

    from quotewire import lake
    from tasks.dedup import read_history

    for day in (1, 20, 27, 28):
        row = {"article_id": f"a{day}", "cluster_id": f"a{day}", "text_hash": "h", "minhash": [1, 2]}
        lake.write_records(tmp_path, "signatures", [row], date(2026, 11, day))
    ids = lambda table: sorted(table.column("article_id").to_pylist())  # noqa: E731
    assert ids(read_history(tmp_path, date(2026, 11, 28), days=10)) == ["a20", "a27"]
    assert ids(read_history(tmp_path, date(2026, 11, 28), days=0)) == ["a1", "a20", "a27"]
