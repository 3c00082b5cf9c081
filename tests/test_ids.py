import pytest

from quotewire import ids


@pytest.mark.parametrize("a, b", [
    ("He said “yes”.", 'he said "yes".'),
    ("Two   spaces\nand a line", "two spaces and a line"),
    ("ﬁne", "fine"),  # NFKC
])
def test_normalized_texts_share_a_text_hash(a, b):
    assert ids.text_hash(a) == ids.text_hash(b)


def test_hashes_are_fixed_length_hex_and_stable():
    h = ids.article_id("https://example.org/a")
    assert len(h) == 32 and int(h, 16) >= 0
    assert h == ids.article_id("https://example.org/a")
    assert h != ids.article_id("https://example.org/b")


def test_quote_id_depends_on_article_and_offsets():
    assert ids.quote_id("a", 1, 5) != ids.quote_id("a", 1, 6)
    assert ids.quote_id("a", 1, 5) != ids.quote_id("b", 1, 5)


@pytest.mark.parametrize("a, b", [
    ("“We will continue to press forward,”", '"we will continue to press forward"'),
    ("'differences remain'", "Differences remain."),
])
def test_unique_quote_id_ignores_marks_and_case(a, b):
    assert ids.unique_quote_id(a) == ids.unique_quote_id(b)


def test_unique_quote_id_separates_wordings():
    assert ids.unique_quote_id("we agree") != ids.unique_quote_id("we disagree")


def test_local_and_url_ids_do_not_collide():
    assert ids.local_article_id("samples", "a.txt") != ids.article_id("a.txt")
