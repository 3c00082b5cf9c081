from datetime import datetime, timezone
from pathlib import Path

import pytest

from quotewire.ids import text_hash
from quotewire.records import Article
from tasks.clean import (boilerplate_rule, clean_article, clean_text, detect_language,
                         drop_repeats, split_paragraphs)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_0a323df07f1ac884.txt"

SEED_PARAGRAPHS = [
    "NATO Secretary-General Anders Fogh Rasmussen has said after a meeting between NATO and Russian officials that the military alliance is not ignoring Moscow's concerns over plans for a European missile-defense system.",
    "Rasmussen was speaking after a meeting of NATO's 28 foreign ministers with Russian Foreign Minister Sergei Lavrov in Brussels.",
    'He said that "differences remain" but that both sides agreed that it is important "to keep on talking."',
    '"On missile defense, we do not agree yet. But we all agree that it is important to keep on trying. To keep on talking. And to keep on listening to each other\'s concerns," Rasmussen said. "Because that is the spirit of Lisbon. And because we know that, if we can reach agreement on this issue, it will take our relationship to the next level."',
    'U.S. Secretary of State Hillary Clinton hit back at a Russian threat to deploy weapons in response to the missile shield, saying, "We will continue to press forward on missile defense."',
    'Clinton said the alliance had "been open and transparent about our [antimissile] system with the Russians. We have explained through multiple channels that our planned system will not and cannot threaten Russia\'s strategic deterrent. It does not affect our strategic balance with Russia, and it is certainly not a cause for military countermeasures."',
    "Russia was said to be seeking guarantees that any possible missile shield wouldn't be used against Russia and wanted to be involved in the planning.",
    'Lavrov, in comments ahead of the meeting, complained that Russia\'s "legitimate demands are not taken into account."',
    'Also speaking ahead of the meeting, Rasmussen had said "one area where there continues to be a need for dialogue is missile defense."',
    'He noted that more than 30 states have or are developing missile technology and "some of these missiles can already reach parts of Alliance territory...and that is why NATO has taken a decision to build its own system."',
    "NATO says the planned missile shield is intended to ward off attacks from countries such as Iran.",
]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not available")
def test_seed_comes_out_as_one_clean_article():
    raw = SEED.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert lines[:11] == SEED_PARAGRAPHS
    result = clean_text(raw)
    assert result.text.split("\n\n") == SEED_PARAGRAPHS
    assert result.text == "\n\n".join(lines[:11])
    rules = [r.rule for r in result.removed]
    assert rules.count("agency_credit") == 2
    assert {r.text for r in result.removed if r.rule == "agency_credit"} == {"compiled from agency reports"}
    repeated = [r.text for r in result.removed if r.rule in ("repeated_body", "repeated_paragraph")]
    assert repeated == lines[12:22]
    assert result.dateline is None


def test_seed_paragraphs_literal():
    # the seed's structure, inline: body, credit, body again without its lead, credit
    raw = "\n".join(SEED_PARAGRAPHS + ["compiled from agency reports"] + SEED_PARAGRAPHS[1:]
                    + ["compiled from agency reports"])
    result = clean_text(raw)
    assert result.text.split("\n\n") == SEED_PARAGRAPHS
    assert [r.rule for r in result.removed].count("repeated_body") == 10


@pytest.mark.parametrize("paragraph, rule", [
    ("compiled from agency reports", "agency_credit"),
    ("Compiled from agency reports.", "agency_credit"),
    ("(Reporting by Jane Doe; Editing by Bob Roe)", "agency_credit"),
    ("Reporting by Jane Doe in Brussels; Editing by Bob Roe", "agency_credit"),
    ("(Additional reporting by Jane Doe in Paris)", "agency_credit"),
    ("Writing by John Smith; editing by Mary Major", "agency_credit"),
    ("The Associated Press contributed to this report.", "agency_credit"),
    ("Jane Doe in London contributed reporting.", "agency_credit"),
    ("Copyright 2015 The Associated Press. All rights reserved.", "copyright"),
    ("© 2016 Reuters", "copyright"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
    ("Read more: Trump leads in new poll", "read_more"),
    ("READ MORE", "read_more"),
    ("Related: Clinton's emails, explained", "read_more"),
    ("Click here to read the full report.", "click_here"),
    ("Subscribe to our daily newsletter", "subscription"),
    ("Sign up for The Morning newsletter here.", "subscription"),
    ("Follow us on Twitter", "social_prompt"),
    ("Advertisement", "advertisement"),
    ("___.", "separator"),
    ("* * *", "separator"),
])
def test_boilerplate_rules(paragraph, rule):
    assert boilerplate_rule(paragraph) == rule
    result = clean_text(f"The senator spoke on Tuesday.\n{paragraph}")
    assert result.text == "The senator spoke on Tuesday."
    assert [(r.rule, r.text) for r in result.removed] == [(rule, paragraph)]


@pytest.mark.parametrize("paragraph", [
    "The senator said reporting by the newspaper had been unfair and promised to release records.",
    "Reporters asked whether the copyright bill would pass; the speaker declined to comment.",
    "Read the bill's text before voting, she urged colleagues, who had three days to do so.",
    '"Click here and you are done," he said of the new voter registration site.',
    "Subscribers to the service were told their data had been exposed in the breach, officials said, "
    "and the company promised to notify all of them by mail within the next two weeks. " * 3,
])
def test_real_paragraphs_are_kept(paragraph):
    assert boilerplate_rule(paragraph.strip()) is None
    assert clean_text(paragraph).text == paragraph.strip()


@pytest.mark.parametrize("text, dateline, first", [
    ("WASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON (AP)", "The Senate voted on Tuesday."),
    ("LONDON, Dec 8 (Reuters) - Britain's prime minister said.", "LONDON, Dec 8 (Reuters)",
     "Britain's prime minister said."),
    ("PARIS — France will raise taxes.", "PARIS", "France will raise taxes."),
    ("NEW YORK, June 5 -- Stocks fell.", "NEW YORK, June 5", "Stocks fell."),
    ("Brussels (AFP) - NATO ministers met.", "Brussels (AFP)", "NATO ministers met."),
    ("U.S. Secretary of State Hillary Clinton hit back.", None, "U.S. Secretary of State Hillary Clinton hit back."),
    ("Washington is quiet — for now.", None, "Washington is quiet — for now."),
    ("EXCLUSIVE — Senator speaks.", None, "EXCLUSIVE — Senator speaks."),
    ("NATO — the alliance said.", None, "NATO — the alliance said."),
    ("SIEGEL--Jerome Arthur, 98, of Mamaroneck.", None, "SIEGEL--Jerome Arthur, 98, of Mamaroneck."),
])
def test_dateline_moves_to_metadata(text, dateline, first):
    result = clean_text(text + "\nSecond paragraph.")
    assert result.dateline == dateline
    assert result.text.split("\n\n") == [first, "Second paragraph."]
    assert [r.rule for r in result.removed] == (["dateline"] if dateline else [])


@pytest.mark.parametrize("text, dateline, body", [
    ("Senate passes budget\nWASHINGTON (AP) — The Senate voted.", "WASHINGTON (AP)",
     ["Senate passes budget", "The Senate voted."]),
    ("Senate passes budget.\nDES MOINES, Iowa — Voters met.", "DES MOINES, Iowa",
     ["Senate passes budget.", "Voters met."]),
    (" ".join(["word"] * 30) + "\nWASHINGTON (AP) — The Senate voted.", None,
     [" ".join(["word"] * 30), "WASHINGTON (AP) — The Senate voted."]),
])
def test_dateline_after_headline_line(text, dateline, body):
    result = clean_text(text)
    assert result.dateline == dateline
    assert result.text.split("\n\n") == body


@pytest.mark.parametrize("line, author", [
    ("By Jane Doe", "Jane Doe"),
    ("By JULIE PACE and KEN THOMAS, Associated Press", "JULIE PACE and KEN THOMAS"),
    ("By Jane Doe | Reuters", "Jane Doe"),
])
def test_byline_moves_to_metadata(line, author):
    result = clean_text(f"{line}\nWASHINGTON (AP) — The Senate voted.")
    assert result.byline == author
    assert result.dateline == "WASHINGTON (AP)"
    assert result.text == "The Senate voted."
    assert ("byline", line) in [(r.rule, r.text) for r in result.removed]


@pytest.mark.parametrize("text, expected, removed", [
    ("The mayor resigned. (Reporting by Jane Doe; Editing by Bob Roe)", "The mayor resigned.",
     [("agency_credit", "(Reporting by Jane Doe; Editing by Bob Roe)")]),
    ("The mayor resigned. Compiled from agency reports", "The mayor resigned.",
     [("agency_credit", "Compiled from agency reports")]),
])
def test_trailing_credit_cut_from_paragraph(text, expected, removed):
    result = clean_text(text)
    assert result.text == expected
    assert [(r.rule, r.text) for r in result.removed] == removed


@pytest.mark.parametrize("paragraphs, kept, rules", [
    (["a b", "c d", "a b"], ["a b", "c d"], ["repeated_paragraph"]),
    (["a", "b", "c", "d", "b", "c", "d"], ["a", "b", "c", "d"], ["repeated_body"] * 3),
    (["x", "y", "X"], ["x", "y"], ["repeated_paragraph"]),  # case-insensitive key
    (["x", "y", "z"], ["x", "y", "z"], []),
])
def test_drop_repeats_keeps_first_seen_order(paragraphs, kept, rules):
    out, removed = drop_repeats(paragraphs)
    assert out == kept
    assert [r.rule for r in removed] == rules


@pytest.mark.parametrize("text, paragraphs", [
    ("one\ntwo\n\nthree", ["one two", "three"]),  # blank lines separate, line breaks wrap
    ("one\ntwo\nthree", ["one", "two", "three"]),  # no blank line: one paragraph per line
    ("  one   two \r\n\r\n\tthree  ", ["one two", "three"]),
    ("one\u00a0two\n \nthree", ["one two", "three"]),
])
def test_split_paragraphs(text, paragraphs):
    assert split_paragraphs(text) == paragraphs


@pytest.mark.parametrize("raw, clean", [
    ("The mayor said â€œhelloâ€\x9d and itâ€™s fine.", "The mayor said “hello” and it’s fine."),
    ("Caf\u0065\u0301 owners said “no.”", "Café owners said “no.”"),  # NFC, curly quotes kept
    ("Smith &amp; Wesson said ‘maybe’.", "Smith & Wesson said ‘maybe’."),
])
def test_unicode_repaired_quotes_kept(raw, clean):
    assert clean_text(raw).text == clean


@pytest.mark.parametrize("text, lang", [
    ("The government announced a new pension reform on Tuesday, officials said.", "en"),
    ("Der Bundestag hat am Dienstag ein neues Gesetz zur Rentenreform beschlossen.", "de"),
    ("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.", "fr"),
    ("El gobierno anunció el martes una nueva reforma de las pensiones.", "es"),
    ("Hi there", None),
    ("", None),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_clean_article_fills_fields():
    article = Article(article_id="a1", source="s", url="http://x/1",
                      text="By Jane Doe\nWASHINGTON (AP) — The Senate voted to pass the budget bill "
                           "on Tuesday after a long debate.\nCopyright 2015 The Associated Press.",
                      title="Senate votes", published_at=datetime(2015, 1, 1, tzinfo=timezone.utc))
    out = clean_article(article)
    assert out.text == "The Senate voted to pass the budget bill on Tuesday after a long debate."
    assert out.dateline == "WASHINGTON (AP)"
    assert out.author == "Jane Doe"
    assert out.language == "en"
    assert out.text_hash == text_hash(out.text)
    assert [r.rule for r in out.removed] == ["byline", "copyright", "dateline"]
    assert (out.title, out.url, out.published_at) == (article.title, article.url, article.published_at)
    assert article.text.startswith("By Jane Doe")  # input untouched
