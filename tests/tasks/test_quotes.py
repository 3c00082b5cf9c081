"""Quotation and speaker extraction (quotewire/attribution.py) and the quotes stage (tasks/quotes.py): marks, attribution, speakers, the seed."""

from __future__ import annotations

from pathlib import Path

import os
import pytest

from quotewire import PROJECT_ROOT, ids, schemas
from quotewire.records import Article
from quotewire import attribution as Q, cues
from tasks.quotes import quote_rows

SEED_CLEAN = Path(__file__).parent / "data" / "seed_clean.txt"


@pytest.fixture(scope="module")
def nlp():
    return Q.load_nlp()


def direct(text, nlp):
    return [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]


def mixed_quotes(text, nlp):
    return [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "mixed"]


def reported(text, nlp):
    """Reported speech (indirect and mixed rows)."""
    return [q for q in Q.extract_quotes(text, nlp=nlp) if q.type != "direct"]


# --- attribution -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, quote, speaker_name, cue", [
    ('"We will win," Smith said.', '"We will win,"', "Smith", "said"),
    ('"We will win," said John Smith.', '"We will win,"', "John Smith", "said"),
    ('John Smith said: "We will win."', '"We will win."', "John Smith", "said"),
    ("Mary Jones told reporters, “The plan is dead.”", "“The plan is dead.”", "Mary Jones", "told"),
    ('Mayor Anna Berg hit back, saying, "We will continue to fight."', '"We will continue to fight."', "Anna Berg", "saying"),
    ('John Smith arrived late. He said "the talks failed badly."', '"the talks failed badly."', "John Smith", "said"),
])
def test_direct_attribution(text, quote, speaker_name, cue, nlp):
    qs = direct(text, nlp)
    assert [q.text for q in qs] == [quote]
    assert qs[0].speaker_name == speaker_name
    assert qs[0].cue == cue
    assert text[qs[0].speaker_start:qs[0].speaker_end] == qs[0].speaker


def test_split_quotation_is_one(nlp):
    text = '"On taxes, we do not agree yet," Smith said. "But we will keep talking."'
    qs = direct(text, nlp)
    assert len(qs) == 1
    q = qs[0]
    assert q.start == 0 and q.end == len(text) and q.text == text
    assert q.parts == [(0, len('"On taxes, we do not agree yet,"')), (text.index('"But'), len(text))]
    assert q.speaker_name == "Smith"


@pytest.mark.parametrize("text, quote, speaker_name", [
    # the verb of the attribution is not a speech verb of the lexicons
    ('"France will always be France and never gives up," an angry Hollande retaliated.',
     '"France will always be France and never gives up,"', "Hollande"),
    ('Senator Mary Jones interjected: "So you are saying there will be some flexibility?"',
     '"So you are saying there will be some flexibility?"', "Mary Jones"),
    ('As Senator Mary Jones put it, "The barbarians are no longer at the gate."',
     '"The barbarians are no longer at the gate."', "Mary Jones"),
    # a cue the parse leaves without a subject: the name before the apposition
    ("But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military spokesman in Baghdad, "
     "said, ''I mean, a raid is a combat operation. There is no way around that.''",
     "''I mean, a raid is a combat operation. There is no way around that.''", "Warren"),
    # the verb that governs a quoted fragment in the parse
    ('Dr. Muhammad Babar pondered who might "testify for our innocence in this season of witch hunting."',
     '"testify for our innocence in this season of witch hunting."', "Muhammad Babar"),
])
def test_attribution_verb_outside_lexicon(text, quote, speaker_name, nlp):
    qs = direct(text, nlp)
    assert [q.text for q in qs] == [quote]
    assert qs[0].speaker_name == speaker_name


@pytest.mark.parametrize("text, quotes", [
    # an attribution that ends with a colon introduces a new quotation: two quotations
    ('"We will win this race," Smith said, adding: "The polls are wrong."',
     ['"We will win this race,"', '"The polls are wrong."']),
    # the attribution's verb is outside the lexicons: still one split quotation
    ('"We will win this race," an angry Smith retaliated. "The polls are wrong."',
     ['"We will win this race," an angry Smith retaliated. "The polls are wrong."']),
    # an attribution that ends with a second one introduces a new quotation
    ('"We will win this race," Smith said, adding, "The polls are wrong."',
     ['"We will win this race,"', '"The polls are wrong."']),
    # an attribution that ends with a period or comma sits inside one split quotation
    ('"We will win this race," Smith said. "The polls are wrong."',
     ['"We will win this race," Smith said. "The polls are wrong."']),
    # a title quoted in the attribution does not stop the join
    ('"We will win this race," Smith said on "Meet the Press." "The polls are wrong."',
     ['"We will win this race," Smith said on "Meet the Press." "The polls are wrong."']),
    # a second part that has its own attribution starts a quotation of its own
    ('"We will win this race," Smith told them. "The polls are wrong," Smith said, as he left. "Trust me."',
     ['"We will win this race,"', '"The polls are wrong," Smith said, as he left. "Trust me."']),
])
def test_split_quotation_not_across_colon(text, quotes, nlp):
    qs = direct(text, nlp)
    assert [q.text for q in qs] == quotes
    assert all(q.speaker_name == "Smith" for q in qs)


@pytest.mark.parametrize("text, parts", [
    # a first part without its comma, attributed after it and not before: one split quotation
    ('"The caucus is a battle of niches" Smith said. "The rules are a strong niche in the state."',
     ['"The caucus is a battle of niches"', '"The rules are a strong niche in the state."']),
    # ... whose clause goes on unquoted up to the attribution: that much belongs to the first part
    ('"People were celebrating" before the storm, she said. "And it was so peaceful."',
     ['"People were celebrating" before the storm', '"And it was so peaceful."']),
    # an attribution sentence with no verb the parse finds, between a part ending in a comma and a sentence
    ('"Our revolution has already forced a change of mind on trade," read the email. '
     '"And with every vote, we grow stronger."',
     ['"Our revolution has already forced a change of mind on trade,"', '"And with every vote, we grow stronger."']),
    ('"We do not know who they are," Trump from his desk. "Could be anyone."',
     ['"We do not know who they are,"', '"Could be anyone."']),
    # the comma after the attribution left out
    ('"We will win this race," she said "The polls are wrong."',
     ['"We will win this race,"', '"The polls are wrong."']),
])
def test_split_quotation_loose_punctuation(text, parts, nlp):
    qs = direct(text, nlp)
    assert len(qs) == 1
    assert [text[a:b] for a, b in qs[0].parts] == parts


def test_conjoined_quotations_are_one(nlp):
    text = 'The crowd chanted back at him, "Send them home," and "Build the wall." And Trump went on.'
    qs = direct(text, nlp)
    assert [q.text for q in qs] == ['"Send them home," and "Build the wall."']
    assert qs[0].parts == [(text.index('"Send'), text.index(' and')), (text.index('"Build'), text.index(' And'))]
    # short quoted terms stay terms
    assert not any(q.parts for q in Q.extract_quotes('Critics called the plan "reckless" and "naive" on Monday.', nlp=nlp))


def test_split_quotation_not_when_second_part_goes_on(nlp):
    # the second part is a fragment of a sentence with its own attribution: two quotations
    text = ('"Many would call that a defeat for Jones" if she lost, said Smith. '
            '"And yet it would help Jones" because she would gain delegates, he said.')
    qs = Q.extract_quotes(text, nlp=nlp)
    assert not any(q.parts for q in qs)
    assert [q.text for q in qs if q.type == "mixed"] == [
        '"Many would call that a defeat for Jones" if she lost',
        '"And yet it would help Jones" because she would gain delegates']


def test_split_quotation_without_cue_does_not_float(nlp):
    # a split quotation whose attribution has no verb opens a paragraph: it does not continue the
    # quotation of the paragraph before
    text = ('Jane Doe said the state needs "a plan for the roads" in the city.\n'
            '"We do not know who they are," Trump from his desk. "Could be anyone."')
    qs = direct(text, nlp)
    assert [q.text for q in qs] == ['"a plan for the roads"',
                                    '"We do not know who they are," Trump from his desk. "Could be anyone."']


@pytest.mark.parametrize("text, speaker_name", [
    # a quotation opening a sentence after the previous attributed quotation of its paragraph
    ('"France will always be France," Hollande said on Monday in a speech to the nation. '
     'Later he spoke of the attack. "It never gives up, because it still bears ideals."', "Hollande"),
    # ... also after "But"
    ('"France will always be France," Hollande said on Monday. But "it never gives up, because it still '
     'bears ideals."', "Hollande"),
    # a quotation opening a sentence right after a sentence that reports someone's words
    ('Sam Lau, the communications director of the party, said in a statement. "There are no paper ballots '
     'to recount."', "Sam Lau"),
])
def test_quote_inherits_speaker_within_paragraph(text, speaker_name, nlp):
    qs = direct(text, nlp)
    assert qs and all(q.speaker_name == speaker_name for q in qs)
    last = text[text.rindex('"', 0, len(text) - 1):]
    assert any(q.text.endswith(last) for q in qs)


def test_floating_quote_paragraph_inherits_speaker(nlp):
    text = ('Governor Jane Doe spoke on Monday.\n\n"We need the money," Doe said.\n\n'
            '"Without it the schools close."\n\nThe vote is on Friday.')
    qs = Q.extract_quotes(text, nlp=nlp)
    d = [q for q in qs if q.type == "direct"]
    assert d and all(q.speaker_name == "Jane Doe" for q in d)
    covered = "".join(text[s:e] for q in d for s, e in (q.parts or [(q.start, q.end)]))
    assert "Without it the schools close." in covered


@pytest.mark.parametrize("text, content, speaker_name, typ", [
    ("NATO says the planned shield is intended to ward off attacks.", "the planned shield is intended to ward off attacks",
     "NATO", "indirect"),
    ("The economy is slowing, said Sergei Lavrov.", "The economy is slowing", "Sergei Lavrov", "indirect"),
    ("Trump leads in Ohio, according to a new Quinnipiac poll.", "Trump leads in Ohio", "new Quinnipiac poll", "indirect"),
    ('He noted that more than 30 states "can already reach us."', 'that more than 30 states "can already reach us."',
     None, "mixed"),
    # a cue parsed as a reduced relative clause of its subject ("one lawmaker called …")
    ('Parliament held a debate on whether to ban Trump; one lawmaker called Trump '
     '"the orange prince of American self-publicity." But the move failed.',
     'Trump "the orange prince of American self-publicity."', "one lawmaker", "mixed"),
    # a verb outside the lexicons whose that-clause holds a quotation
    ('Walter Hewlett sniped that Fiorina, a first-time chief executive, was "learning on the job."',
     'that Fiorina, a first-time chief executive, was "learning on the job."', "Walter Hewlett", "mixed"),
    # "said in a statement that …": the that-clause is parsed inside the prepositional phrase
    ('Jeh Johnson, who oversees conditions in Central America, said in a statement that the announcements were '
     '“important preliminary steps to treating those escaping violence.”',
     'that the announcements were “important preliminary steps to treating those escaping violence.”',
     "Jeh Johnson", "mixed"),
])
def test_reported_speech(text, content, speaker_name, typ, nlp):
    qs = reported(text, nlp)
    assert [q.text for q in qs] == [content]
    assert qs[0].type == typ
    if speaker_name:
        assert qs[0].speaker_name == speaker_name


@pytest.mark.parametrize("text", [
    'He watched "State of the Union" on Sunday.',   # a title, not speech
    'The tweet id was "747970077610352640".',        # no words
    'Unbalanced " marks " everywhere " here.',
    "",
    "\n\n\n",
])
def test_no_false_direct_quotes(text, nlp):
    assert [q for q in direct(text, nlp) if len(q.text) < 25] == []


def test_pronoun_gender_and_canonical_names(nlp):
    text = ("Senator Mary Walsh met Governor Tom Brady in Boston.\n\n"
            "Walsh said the meeting was useful.\n\n"
            'She said "the bill will pass."')
    qs = direct(text, nlp)
    assert qs and qs[0].speaker == "She" and qs[0].speaker_name == "Mary Walsh"


# --- the seed --------------------------------------------------------------------------------

SEED_DIRECT = [
    ('"differences remain"', "Anders Fogh Rasmussen"),
    ('"to keep on talking."', "Anders Fogh Rasmussen"),
    ('"On missile defense, we do not agree yet.', "Anders Fogh Rasmussen"),
    ('"We will continue to press forward on missile defense."', "Hillary Clinton"),
    ('"been open and transparent about our [antimissile] system', "Hillary Clinton"),
    ('"legitimate demands are not taken into account."', "Sergei Lavrov"),
    ('"one area where there continues to be a need for dialogue is missile defense."', "Anders Fogh Rasmussen"),
    ('"some of these missiles can already reach parts of Alliance territory', "Anders Fogh Rasmussen"),
]


def test_seed(nlp):
    text = SEED_CLEAN.read_text(encoding="utf-8")
    qs = Q.extract_quotes(text, nlp=nlp)
    d = [q for q in qs if q.type == "direct"]
    assert len(d) == 8
    for (start, name), q in zip(SEED_DIRECT, d):
        assert q.text.startswith(start)
        assert q.speaker_name == name
    split = d[2]
    assert split.text.endswith('it will take our relationship to the next level."') and len(split.parts) == 2
    assert '," Rasmussen said. "' in split.text
    clinton = d[3]
    assert clinton.speaker_role == "U.S. Secretary of State"
    reported = [q for q in qs if q.type in ("indirect", "mixed")]
    by_text = {q.text: q for q in reported}
    assert any(t.startswith("that the military alliance is not ignoring Moscow's concerns") and
               by_text[t].speaker_name == "Anders Fogh Rasmussen" for t in by_text)
    assert by_text["the planned missile shield is intended to ward off attacks from countries such as Iran"].speaker_name == "NATO"
    for q in qs:
        assert text[q.start:q.end] == q.text


# --- the Prefect task's rows -----------------------------------------------------------------

def test_quote_articles_rows(nlp):
    text = SEED_CLEAN.read_text(encoding="utf-8")
    arts = [Article(article_id="a1", source="s", url="u", text=text, language="en"),
            Article(article_id="a2", source="s", url="u2", text='"Bonjour," dit-il.', language="fr")]
    arts.append(Article(article_id="a3", source="s", url="u3", text=text, language="en"))  # an exact copy
    rows = quote_rows(arts)
    assert rows and {r["article_id"] for r in rows} == {"a1", "a3"}
    copy = [r for r in rows if r["article_id"] == "a3"]
    rows = [r for r in rows if r["article_id"] == "a1"]
    assert [(r["start"], r["end"], r["speaker_name"]) for r in copy] == \
        [(r["start"], r["end"], r["speaker_name"]) for r in rows]
    assert set(rows[0]) == set(schemas.QUOTES.names) - {"run_date"}
    for r in rows:
        assert r["quote_id"] == ids.quote_id("a1", r["start"], r["end"])
        assert r["unique_quote_id"] == ids.unique_quote_id(r["text"])
        assert text[r["start"]:r["end"]] == r["text"]


# --- the CLI contract ------------------------------------------------------------------------

def test_quotes_cli(tmp_path):
    import json
    import subprocess
    import sys

    good = tmp_path / "seed_clean.txt"
    good.write_text(SEED_CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    missing = tmp_path / "missing.txt"
    exe = Path(sys.executable).with_name("quotewire")
    out = subprocess.run([str(exe), "quotes", str(missing), str(good)], capture_output=True, text=True, timeout=300)
    assert out.returncode != 0
    assert "missing.txt" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    text = good.read_text(encoding="utf-8")
    assert sum(r["type"] == "direct" for r in rows) == 8
    for r in rows:
        assert r["doc"] == "seed_clean"
        assert text[r["start"]:r["end"]] == r["text"]
        for key in ("speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_role", "cue", "cue_start",
                    "cue_end", "confidence", "type"):
            assert key in r


@pytest.mark.parametrize("text, speaker_name, role", [
    ("The port authority's chief executive, Robert Ellison, said the operators had made a fair offer.",
     "Robert Ellison", "port authority's chief executive"),
    ('"We are ready," the transit director, Helen Cho, told the council.', "Helen Cho", "transit director"),
])
def test_a_nominal_speaker_with_a_name_beside_it_is_that_person(text, speaker_name, role, nlp):
    qs = Q.extract_quotes(text, nlp=nlp)
    assert qs and all(q.speaker_name == speaker_name for q in qs)
    assert qs[0].speaker_role == role


@pytest.mark.parametrize("title", ["Councillor", "Alderman", "Superintendent", "Capt."])
def test_titles_before_a_name_are_the_role(title, nlp):
    text = f'"This is the minimum a city owes its people," said {title} Maria Okafor.'
    qs = direct(text, nlp)
    assert [(q.speaker_name, q.speaker_role) for q in qs] == [("Maria Okafor", title)]


def test_the_role_of_an_appositive_name_follows_the_person(nlp):
    text = ("The transit authority's director, Helen Cho, told the council that drivers were ready.\n\n"
            '"We are ready when the council is," Cho said.')
    qs = Q.extract_quotes(text, nlp=nlp)
    assert {(q.speaker_name, q.speaker_role) for q in qs} == {("Helen Cho", "transit authority's director")}


@pytest.mark.parametrize("text, content, speaker_name", [
    ("Senator Maria Okafor called for a new inquiry into the contracts.", "a new inquiry into the contracts",
     "Maria Okafor"),
    ("Mayor Helen Cho was asked about the budget shortfall.", "the budget shortfall", None),
])
def test_the_object_of_a_cue_preposition_is_the_content(text, content, speaker_name, nlp):
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "indirect"]
    assert [q.text for q in qs] == [content]
    if speaker_name:
        assert qs[0].speaker_name == speaker_name


@pytest.mark.parametrize("text, content, speaker, speaker_name", [
    # a generic source noun of the lexicon
    ("Poll: Voters Turn Away From the Incumbent Mayor.\n\nA new survey of 800 residents was released on Monday.",
     "Voters Turn Away From the Incumbent Mayor", "Poll", "Poll"),
    # a name mentioned again in the article: its canonical form
    ("Okafor: The Transit Budget Is Not Enough.\n\nSenator Maria Okafor spoke to the council on Monday. "
     "Okafor wants more buses.", "The Transit Budget Is Not Enough", "Okafor", "Maria Okafor"),
    # not a source: a notice, a time
    ("Note: the figures are provisional and may change.\n\nThe council met on Monday.", None, None, None),
    ("Updated: 5 p.m.\n\nThe council met on Monday.", None, None, None),
])
def test_headline_colon_attribution(text, content, speaker, speaker_name, nlp):
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.cue == ":"]
    if content is None:
        assert qs == []
        return
    assert [q.text for q in qs] == [content]
    q = qs[0]
    assert q.type == "indirect" and q.speaker == speaker and q.speaker_name == speaker_name
    assert text[q.speaker_start:q.speaker_end] == speaker and text[q.cue_start:q.cue_end] == ":"


@pytest.mark.parametrize("text, quote, speaker_name", [
    # the subject of a passive verb speaks in the verb joined to it, not the passive's agent
    ('As the crowd chanted, Sarah Silverman was joined on stage by Senator Al Franken and joked, '
     '"You are being ridiculous."', '"You are being ridiculous."', "Sarah Silverman"),
    # a participle after an object goes with the verb, not with the object
    ('Senator Bernie Sanders emailed supporters saying: "The struggle continues."',
     '"The struggle continues."', "Bernie Sanders"),
    # a quotation that ends its sentence takes no attribution from the next sentence (here the
    # verb that governs it gives the speaker)
    ('Dan Backer has egged on supporters with pep talks like "Bernie will win the most primaries." '
     'Donald Trump has also announced a kind of solidarity.', '"Bernie will win the most primaries."', "Dan Backer"),
])
def test_speaker_of_joined_and_participle_cues(text, quote, speaker_name, nlp):
    qs = [q for q in direct(text, nlp) if q.text == quote]
    assert qs, direct(text, nlp)
    assert qs[0].speaker_name == speaker_name


@pytest.mark.parametrize("text", [
    # a cue the parse leaves without a subject: the noun phrase right before it speaks, for the
    # reported clause and for the quotation inside it
    'On Monday, while campaigning for his daughter Mary Smith, former governor John Smith said she was ready '
    'because "the state needs her."',
])
def test_reported_speech_speaker_before_a_subjectless_cue(text, nlp):
    qs = Q.extract_quotes(text, nlp=nlp)
    assert {q.type for q in qs} == {"mixed", "direct"}
    assert all(q.speaker_name == "John Smith" for q in qs)


@pytest.mark.parametrize("text, speaker_name", [
    # the name after the cue of a split quotation ('"…," said X. … "…"')
    ('"I am more skilled with my hands than with my brain," said Robin Maynard, half joking. '
     'He holds two associate degrees. "But I like working with my hands."', "Robin Maynard"),
    # a relative clause after the speaker is not part of the speaker
    ('"That is not news to me," wrote a Trump supporter who runs the Twitter account. "What does Ford know?"',
     "Trump supporter"),
])
def test_speaker_after_the_cue_of_a_split_quotation(text, speaker_name, nlp):
    qs = direct(text, nlp)
    assert len(qs) == 1 and qs[0].parts and len(qs[0].parts) == 2
    assert qs[0].speaker_name == speaker_name


@pytest.mark.parametrize("text, content", [
    # a that-clause that is nothing but a quotation is reported speech with its "that"
    ('Melania Trump tells Trump supporters that “he loves you.”', 'that “he loves you.”'),
    # a that-clause the parse hangs on the noun of a prepositional phrase after the cue
    ('In October, Senator Bernie Sanders told Clinton at a debate that Americans were "sick and tired of '
     'hearing about your damn emails."', 'that Americans were "sick and tired of hearing about your damn emails."'),
    # ... with "that" parsed as the object of a relative clause that already has one
    ('Ohio Gov. John Kasich predicted at the most recent GOP debate that Republicans will take "every state" if '
     'Sanders wins the Democratic nomination.',
     'that Republicans will take "every state" if Sanders wins the Democratic nomination'),
])
def test_that_clause_with_a_quotation_is_mixed(text, content, nlp):
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == [content]


def test_a_month_is_no_antecedent(nlp):
    text = ('Senator Mary Jones spoke in October, when he told reporters at a briefing that taxes were '
            '"far too high for families."')
    assert all(q.speaker_name != "October" for q in Q.extract_quotes(text, nlp=nlp))


def test_a_judgement_quotation_after_the_object_and_no_float_after_a_fragment(nlp):
    text = ('“The job of policymakers is to continue seeking perfection.”\n\n'
            'Beruff, a Scott ally, called Florida’s standards “strong.”\n\n'
            '“It started with Gov. Bush, who elevated the standards.”')
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [q.text for q in qs if q.type == "mixed"] == ["Florida’s standards “strong.”"]
    # the next paragraph's quotation is a quotation of its own, not a continuation of the fragment
    assert "“It started with Gov. Bush, who elevated the standards.”" in [q.text for q in qs if q.type == "direct"]


@pytest.mark.parametrize("text, parts", [
    # a clause before a parenthetical "he said" is part of what is reported
    ('The streets were deserted, Smith added, "but people need to connect somehow."',
     ["The streets were deserted", '"but people need to connect somehow."']),
    # and so are the words between the attribution and the quotation ('is "…"')
    ('The golf industry, Smith said, is "doing much better than it has in years."',
     ["The golf industry", 'is "doing much better than it has in years."']),
    # an adverbial before the attribution is not
    ('In a statement on Monday, Smith said, "People need to connect somehow."', None),
    # nor a lead with an attribution of its own
    ('Smith said he had not seen it, and when asked again, he said, "I hope not."', None),
    # the parenthetical's verb reports the clause even when a cue verb of the clause governs the
    # quotation (PAREN_OWN_CUE)
    ('CNN, Smith said, called the announcement "highly significant."',
     ["CNN", 'called the announcement "highly significant."']),
    # 'they write' (PAREN_VBP)
    ('Even at best, they write, the transformation of banking has "produced nothing of value."',
     ["Even at best", 'the transformation of banking has "produced nothing of value."']),
    # the clause after the attribution runs to the end of the sentence (PAREN_TO_SENTENCE_END)
    ('The city finished laying cable downtown, she said, to "make sure anyone with a connection" in any '
     'corner of the world sees the convention.',
     ["The city finished laying cable downtown",
      'to "make sure anyone with a connection" in any corner of the world sees the convention']),
    # a quotation opening in lower case continues the sentence of an adverbial lead (PAREN_LOWER_LEAD) …
    ('In other words, Smith said, "the era of easy money is over."',
     ["In other words", '"the era of easy money is over."']),
    # … one in upper case does not
    ('In other words, Smith said, "The era of easy money is over."', None),
    # commas in the words between the attribution and the quotation (PAREN_MID_COMMA)
    ('If the road ahead is too complicated now, Smith said, Congress can still pass a simple bill later, '
     'probably with "a strong bipartisan vote."',
     ["If the road ahead is too complicated now",
      'Congress can still pass a simple bill later, probably with "a strong bipartisan vote."']),
    # quoted words in the rest of the sentence (PAREN_TAIL_QUOTES); a quotation closing with a comma ends
    # the clause ('"fringe candidate," making air quotes')
    ('The senator, Smith said, had been in office for "a thousand years" and passed "hundreds of bills."',
     ["The senator", 'had been in office for "a thousand years" and passed "hundreds of bills."']),
    ('Six months ago, Smith said, the media considered him a "fringe candidate," making air quotes.',
     ["Six months ago", 'the media considered him a "fringe candidate,"']),
    # an initial ends no sentence (PAREN_ABBREV)
    ("In 2008, Smith said, the John F. Kennedy Foundation's gift had made his father a \"presenting sponsor.\"",
     ["In 2008", "the John F. Kennedy Foundation's gift had made his father a \"presenting sponsor.\""]),
    # a participle after the attribution is a second one, not words of the clause
    ('Smith and Jones will meet next week, Brown said, adding, "They need to sit down and talk."', None),
    # a noun that has the form of a cue ('estimates') does not make the lead an attribution of its own
    # (PAREN_LEAD_VERB_CUE) …
    ('Cost estimates, Smith added, were "based on a prototype detention facility."',
     ["Cost estimates", 'were "based on a prototype detention facility."']),
    # … the parenthetical must be '<speaker> <verb>' (PAREN_SUBJECT_FIRST), and a lead that waits for its
    # complement is none
    ('His remarks were aimed at critics, including, he said, "politicians who tweet and appear on cable news shows."',
     None),
    # the cue may take a short object ('told reporters'; PAREN_CUE_OBJECT), but a relative clause is no
    # parenthetical attribution
    ('Sooner or later, the governor told reporters, "it starts to pay off."',
     ["Sooner or later", '"it starts to pay off."']),
    ('The guests included Stevie Wonder, who joked of the museum, "I have not seen it yet, but I am going to."',
     None),
    # the lead starts after a colon (PAREN_AFTER_COLON)
    ('Finally, the mayor intervened: If Sanders would debate on April 14, the mayor tweeted, '
     '"I will help you secure any permit you need."',
     ["If Sanders would debate on April 14", '"I will help you secure any permit you need."']),
])
def test_lead_before_a_parenthetical_attribution(text, parts, nlp):
    qs = Q.extract_quotes(text, nlp=nlp)
    outer = [q for q in qs if q.type == "direct" and not any(
        o is not q and o.start <= q.start and q.end <= o.end for o in qs)]
    assert len(outer) == 1
    got = [text[a:b] for a, b in outer[0].parts] if outer[0].parts else None
    assert got == parts


def test_noun_of_saying_with_a_quoted_that_clause(nlp):
    text = ('Clinton was battered by FBI Director James Comey\'s conclusion that her actions were '
            '"extremely careless."')
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == ['that her actions were "extremely careless."']
    assert mixed[0].speaker_name == "James Comey" and mixed[0].cue == "conclusion"


def test_cue_nouns_lexicon_is_data():
    assert {"remark", "statement", "claim"} <= cues.cue_nouns()


def test_a_party_label_in_parentheses_is_not_the_speaker(nlp):
    text = ('Saturday at the Massachusetts Democratic state’s party convention Sen. Elizabeth Warren (D-MA) said '
            'presumptive Republican presidential nominee Donald Trump was a “proven failure” in business.')
    qs = Q.extract_quotes(text, nlp=nlp)
    assert qs and all(q.speaker_name == "Elizabeth Warren" for q in qs)


def test_called_on_someone_to_do_something(nlp):
    text = 'Ali called on fellow Muslims to “stand up to those who use Islam.”'
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == ["fellow Muslims to “stand up to those who use Islam.”"]


@pytest.mark.parametrize("text, speaker", [
    # the parse makes the speaker the root and the cue verb its modifier
    ('O\'Malley, who signed sweeping gun laws as governor, interjected to say: "They have both been '
     'inconsistent when it comes to this issue."', "O'Malley"),
    ('Trump defended eminent domain, calling the expropriation of private property for public use an '
     '"absolutely necessary" tool.', "Trump"),
])
def test_speaker_parsed_as_the_root(text, speaker, nlp):
    qs = Q.extract_quotes(text, nlp=nlp)
    assert qs and all(q.speaker == speaker for q in qs)


def test_quotation_paragraph_after_reported_speech_is_the_reporters(nlp):
    text = ('In a video on Thursday, Donald Trump speculated that the men could be part of a terror group.\n\n'
            '"Syrians are now being caught at the southern border, just like I said they would be."')
    qs = direct(text, nlp)
    assert len(qs) == 1 and qs[0].speaker_name == "Donald Trump"


@pytest.mark.parametrize("text, quote_start, speaker_name", [
    # the verb right before a colon, not a cue earlier in the sentence
    ('When Donald Trump suggested that Cuba would sue, Marco Rubio fired back forcefully: "If they sue us in '
     'a court in Miami, they are going to lose."', '"If they sue', "Marco Rubio"),
    # a quotation opening a that-clause belongs to that clause's cue, not to the next attribution
    ('But even as Donald Trump claimed on Tuesday that "General Petraeus got in trouble for far less," one of '
     'the former prosecutors said the two cases were different.', '"General Petraeus', "Donald Trump"),
])
def test_which_cue_a_quotation_belongs_to(text, quote_start, speaker_name, nlp):
    qs = [q for q in direct(text, nlp) if q.text.startswith(quote_start)]
    assert len(qs) == 1 and qs[0].speaker_name == speaker_name


def test_canonical_names_do_not_depend_on_the_hash_seed():
    """A PolNeAR dev article that mentions two Johnsons: every process must resolve them the same way
    (the candidate names were once ordered by a set, so the output changed with the hash seed)."""
    import subprocess
    import sys

    f = PROJECT_ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text" / \
        "breitbart_2016-09-30_the-latest-trump-urges-supporter.txt"
    if not f.exists():
        pytest.skip("PolNeAR dev texts not available")
    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-m", "quotewire.cli", "quotes", "--processes", "1", str(f)],
                                capture_output=True, text=True, check=True, env=env).stdout)
    assert len(outs) == 1 and "Johnson" in outs.pop()


def test_a_short_capitalised_reply_with_its_attribution_is_speech(nlp):
    text = 'Was the plan finished? “Really,” she said. “Not yet.”'
    assert any(q.text.startswith("“Really,”") for q in direct(text, nlp))
    # the same words as a title in running text stay a title
    assert not direct('They watched “Morning Joe” on Tuesday.', nlp)


@pytest.mark.parametrize("text, speaker", [
    ('He wanted a gun truck and support. "Technicals," Bob said. The militias were armed.', "Bob"),
    ('Was the plan finished? "Absolutely," said Mr. Smith.', "Mr. Smith"),
])
def test_a_short_capitalised_reply_attributed_by_name_is_speech(nlp, text, speaker):
    rows = direct(text, nlp)
    assert [q.speaker for q in rows if len(q.text.split()) == 1] == [speaker]


@pytest.mark.parametrize("text, speakers", [
    # testimonials signed on the same line, one after another: each is its signer's
    ("Voters were asked about the debate.\n“He represents our greatest shame.” ― Sonya Herridge\n"
     "“Maybe we can build a wall around him.” ― Steve Quinlan.\n\nThe poll closed on Monday.",
     ["Sonya Herridge", "Steve Quinlan"]),
    # a signature in a paragraph of its own names the full name mentioned before
    ("Bernie Sanders and Hillary Clinton met in New Hampshire.\n\n"
     '"Boeing and GE and other multinationals pay zero taxes."\n\n- Sanders.\n\n'
     '"I will certainly look into it."\n\n- Clinton.\n\nThe debate went on.',
     ["Bernie Sanders", "Hillary Clinton"]),
])
def test_a_dash_signature_names_the_speaker(text, speakers, nlp):
    assert [q.speaker_name for q in direct(text, nlp)] == speakers


def test_a_dash_inside_a_paragraph_is_no_signature(nlp):
    # the quotation does not open its paragraph: the cue decides, not the reporter's sign-off
    text = ('Rajoy insisted that his party was "still the No. 1 force in Spain."--Kim Hjelmgaard.\n\n'
            'The vote was held on Sunday.')
    assert [q.speaker_name for q in direct(text, nlp)] == ["Rajoy"]


def test_an_object_judged_as_a_quotation_is_mixed_speech(nlp):
    # "summed up" is in no lexicon: its object and "as" phrase holding the quotation are the content
    text = 'Trump further summed up Clinton as “terrible,” and left the stage.'
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == ["Clinton as “terrible,”"]
    assert mixed[0].cue == "summed" and mixed[0].speaker_name == "Trump"


def test_a_quotation_after_a_colon_lead_is_not_reported_with_its_lead(nlp):
    text = ("In her speech, Rhimes saw the need for strong will, ambition and drive: “Change the world "
            "and when you’ve done that, change it again,” she said.")
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [q.type for q in qs] == ["direct"]
    assert qs[0].text.startswith("“Change the world") and qs[0].speaker == "she"


@pytest.mark.parametrize("text, content", [
    # a participle after a quotation that closes with a comma is not part of what was said
    ('Trump said things “should be wrapped up by Cleveland,” referring to the party’s July convention.',
     'things “should be wrapped up by Cleveland,”'),
    # nor an apposition commenting on it
    ("Speaker Paul D. Ryan on Tuesday called Donald J. Trump's remarks about a Latino judge ''racist,'' an "
     "extraordinary indictment that generated a fresh wave of criticism and panic from other Republicans.",
     "Donald J. Trump's remarks about a Latino judge ''racist,''"),
])
def test_an_appendix_after_a_quotation_closing_with_a_comma_is_cut(text, content, nlp):
    outer = mixed_quotes(text, nlp)
    assert [q.text for q in outer] == [content]


def test_a_reason_after_a_quotation_closing_with_a_comma_is_still_reported(nlp):
    text = ("Carson said he had been named the most honest student in a Yale psychology class, “Perceptions 301,” "
            "because he was the only one not to walk out after the professor hoaxed the class.")
    assert [q.text for q in reported(text, nlp)] == [text[len("Carson said "):-1]]


def test_the_parser_ops_are_a_setting_and_do_not_change_the_quotations(monkeypatch, nlp):
    # nlp (the module fixture) is loaded with the default setting: numpy's BLAS, not blis
    assert {getattr(p.model.ops, "use_blis", None) for _, p in nlp.pipeline} == {False}
    monkeypatch.setenv("QUOTEWIRE_SPACY_OPS", "default")
    blis = Q.load_nlp.__wrapped__()
    assert {getattr(p.model.ops, "use_blis", None) for _, p in blis.pipeline} == {True}
    text = SEED_CLEAN.read_text(encoding="utf-8")
    assert Q.extract_quotes(text, nlp=blis) == Q.extract_quotes(text, nlp=nlp)


@pytest.mark.parametrize("text, speaker_name", [
    # a name set off by commas after its role, before a cue the parse left without a subject
    ("In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: “Hillary Clinton "
     "believes that transatlantic cooperation is essential.”", "Jake Sullivan"),
    # 'as X put it:' before a quotation in doubled apostrophes (the capital comes after both marks)
    ("Or, as Tom Ridge, a former secretary of homeland security, put it: ''The barbarians are no longer "
     "at the gate. They're inside.''", "Tom Ridge"),
])
def test_speakers_of_cues_without_a_parsed_subject(text, speaker_name, nlp):
    assert [q.speaker_name for q in direct(text, nlp)] == [speaker_name]


def test_a_noun_that_is_also_a_cue_does_not_stop_a_split_quotation(nlp):
    # "attack" is a cue verb of the lexicon, but here a noun: the attribution has one cue, "said"
    text = ("“We want to live in a country where all Americans are safe from radical Islam,” he said two days "
            "after the attack, “which, by the way, wants to murder gays.”")
    qs = direct(text, nlp)
    assert len(qs) == 1 and len(qs[0].parts) == 2


def test_an_expletive_it_reports_nothing(nlp):
    # "helped" is outside the lexicons; its that-clause holds quotations, but "it" is nobody
    text = ("It has not helped that her campaign has cycled through a half-dozen slogans, from championing "
            "''everyday Americans'' to ''fighting for us.''")
    assert "It" not in [q.speaker for q in Q.extract_quotes(text, nlp=nlp)]


@pytest.mark.parametrize("text, content", [
    # the quotation hangs on the cue in the parse, right after the reported clause
    ("Speaking about segregation during the civil rights movement, Mr. Cruz pledged to oppose legal status "
     "for undocumented immigrants “today, tomorrow, forever.”",
     "to oppose legal status for undocumented immigrants “today, tomorrow, forever.”"),
    ("The chairwoman, who was booed on Saturday as Sanders supporters erupted in anger, called what she "
     "witnessed ''terrible.''", "what she witnessed ''terrible.''"),
])
def test_a_quotation_parsed_on_the_cue_continues_the_reported_clause(text, content, nlp):
    assert [q.text for q in reported(text, nlp)] == [content]


@pytest.mark.parametrize("text, content, speaker", [
    # two quoted that-clauses, even when the quotations cover most of the clause
    ("She said that ''harassment on the job is not a problem for virtuous women'' and that "
     "''sex-education classes are like in-home sales parties.''",
     "that ''harassment on the job is not a problem for virtuous women'' and that "
     "''sex-education classes are like in-home sales parties.''", "She"),
    # quotations joined by a conjunction
    ("Trump says “the whole game has become screwed up” because “football has become soft.”",
     "“the whole game has become screwed up” because “football has become soft.”", "Trump"),
    # a quoted conjunct that the parse hangs on the cue, not on the reported clause
    ("In a swipe against Donald Trump, Clinton said the goal was not to “make America great again” but "
     "to “make America whole again.”",
     "the goal was not to “make America great again” but to “make America whole again.”", "Clinton"),
])
def test_a_reported_clause_made_of_quotations_is_one_mixed_quotation(text, content, speaker, nlp):
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == [content]
    assert mixed[0].speaker == speaker


@pytest.mark.parametrize("text, content", [
    # a conjoined clause with its own subject, inside the reported clause
    ("The Journal wrote that Coulter tweeted that Donald Trump should deport Haley, and Trump later called "
     "Haley “very weak on immigration.”",
     "that Coulter tweeted that Donald Trump should deport Haley, and Trump later called Haley “very weak on immigration.”"),
    # the conjoined verb is itself quoted
    ("Brafman noted that I had long felt that way, and “in this case I think he’s right.”",
     "that I had long felt that way, and “in this case I think he’s right.”"),
])
def test_a_conjoined_cue_inside_the_reported_clause_does_not_end_it(text, content, nlp):
    assert [q.text for q in mixed_quotes(text, nlp)] == [content]


def test_a_conjoined_cue_with_its_own_quotation_is_a_new_attribution(nlp):
    text = ("Lazar said he welcomed extradition to the United States and added, “I’ll plead guilty, no problem.”")
    assert "“I’ll plead guilty, no problem.”" in [q.text for q in direct(text, nlp)]
    assert not mixed_quotes(text, nlp)


@pytest.mark.parametrize("text, quotes", [
    # short quoted terms standing alone: not reported speech
    ("They are surprisingly skeptical of the \"sharing economy\" that their generation pioneered.", []),
    ("Those who do take on heavy debt struggle, even with a \"good\" job.", []),
    # right after its cue, a short quotation is what was said
    ("Asked whether he would run, Trump said \"absolutely not\"", ["\"absolutely not\""]),
    # punctuation inside the marks makes it an utterance
    ("The plan is dead, \"at least for now,\" the mayor said.", ["\"at least for now,\""]),
])
def test_a_short_quoted_term_is_not_a_quotation(text, quotes, nlp):
    assert [q.text for q in direct(text, nlp)] == quotes


def test_a_short_quoted_term_inside_a_reported_clause_stays(nlp):
    text = "Sanders called the system \"rigged\" on Tuesday."
    assert "\"rigged\"" in [q.text for q in direct(text, nlp)]
    assert [q.text for q in mixed_quotes(text, nlp)] == ["the system \"rigged\" on Tuesday"]


@pytest.mark.parametrize("text, content", [
    ("Cruz blamed the anti-fracking law on “knuckleheaded Democratic politicians.”",
     "the anti-fracking law on “knuckleheaded Democratic politicians.”"),
    ("Zimmerman said he had received offers for the gun, but “the offers were to use the gun in a fashion I did "
     "not feel comfortable with.”",
     "he had received offers for the gun, but “the offers were to use the gun in a fashion I did not feel "
     "comfortable with.”"),
    ("Bush referred to Rubio as “a bright, charismatic leader” but described his leadership skills as a “work in "
     "progress.”", "Rubio as “a bright, charismatic leader”"),
    # with more than a conjunction between
    ("Forbes said that Mr. Kamprad is no longer a billionaire, having transferred his wealth to special entities "
     "''beyond his control.''",
     "that Mr. Kamprad is no longer a billionaire, having transferred his wealth to special entities ''beyond his "
     "control.''"),
])
def test_a_quotation_right_after_the_reported_clause_of_its_cue_continues_it(text, content, nlp):
    assert content in [q.text for q in mixed_quotes(text, nlp)]


def test_a_quotation_after_a_second_cue_does_not_continue_the_first_clause(nlp):
    text = "Gore said it was too early to back her campaign, and added, “I don’t have any doubt about her heart.”"
    assert not any("doubt" in q.text for q in mixed_quotes(text, nlp))
    assert "“I don’t have any doubt about her heart.”" in [q.text for q in direct(text, nlp)]


@pytest.mark.parametrize("text, content", [
    ("The council voted 6-1 for the resolution which said the city “condemns anti-Muslim, anti-refugee, and "
     "anti-immigrant speech from presidential candidate Donald Trump and others.”",
     "the city “condemns anti-Muslim, anti-refugee, and anti-immigrant speech from presidential candidate Donald "
     "Trump and others.”"),
    ("Still, the fact that the race “is a dead heat right now,” as Cruz said on the radio on Monday, only magnifies "
     "the importance of every tactical decision.", "the race “is a dead heat right now,”"),
])
def test_the_unquoted_subject_of_a_quotation_that_starts_with_its_verb_is_reported(text, content, nlp):
    assert [q.text for q in mixed_quotes(text, nlp)] == [content]


@pytest.mark.parametrize("text, contents", [
    # a conjoined verb of belief or intention goes on reporting the same speaker
    ("Sanders says he’s proud of his campaign and expects to leave Nevada with a “solid share of the delegates.”",
     ["he’s proud of his campaign and expects to leave Nevada with a “solid share of the delegates.”"]),
    ("Joe Bateman, who traveled from Illinois to help the campaign in South Carolina, says there’s a “long road "
     "ahead” but he feels confident that Cruz will “blow away people’s expectations.”",
     ["there’s a “long road ahead” but he feels confident that Cruz will “blow away people’s expectations.”"]),
    # a conjoined verb of saying starts a new attribution
    ("Trump said the plan was “a disaster” and said he would stop it.",
     ["the plan was “a disaster”", "he would stop it"]),
])
def test_a_conjoined_verb_of_belief_continues_the_reported_clause(text, contents, nlp):
    assert [q.text for q in reported(text, nlp)] == contents


def test_cognition_lexicon_is_data_and_a_subset_of_the_cues():
    assert {"expects", "planned", "thought"} <= cues.cognition_verbs() <= set(cues.cue_forms())


def test_a_quoted_fragment_of_a_reported_clause_is_not_the_first_part_of_a_split_quotation(nlp):
    text = ("Trump said Mitt Romney “had a crazy policy of self-deportation which was maniacal,” adding, “He lost all "
            "of the Latino vote.”")
    assert [q.text for q in direct(text, nlp)] == [
        "“had a crazy policy of self-deportation which was maniacal,”", "“He lost all of the Latino vote.”"]
    assert [q.text for q in mixed_quotes(text, nlp)] == [
        "Mitt Romney “had a crazy policy of self-deportation which was maniacal,”"]


@pytest.mark.parametrize("text, quotes", [
    ('FAREWELL—"The Living Room to close at the end of December," by Times\' Ben Sisario.', []),
    ('"We will close at the end of December," the owners said.', ['"We will close at the end of December,"']),
    ('"We will finish the report," by Tuesday, the mayor said.', ['"We will finish the report,"']),
])
def test_a_headline_with_its_author_is_not_a_quotation(text, quotes, nlp):
    assert [q.text for q in direct(text, nlp)] == quotes


@pytest.mark.parametrize("text", [
    "While he was speaking with the press in Miami on Wednesday, he said, “It’s been 235 days since her last press "
    "conference.”",
    "In his parents' Dominican Republic, \"baseball and politics are the national sport,\" he says.",
])
def test_a_place_is_not_what_a_pronoun_refers_to(text, nlp):
    names = [q.speaker_name for q in direct(text, nlp)]
    assert names and not any(n and ("Miami" in n or "Dominican" in n) for n in names)


def test_transcript_turns_are_what_their_labelled_speakers_said(nlp):
    text = ("Former President Bill Clinton spoke to Gov. Mary Fallin. Partial transcript as follows:\n\n"
            "TAPPER: Do you think Donald Trump has the ability to be a racial healer?\n\n"
            "FALLIN: Well, I think the whole nation needs to come together.\n\n"
            "BYLINE: Amber Phillips.\n")
    qs = Q.extract_quotes(text, nlp=nlp)
    turns = [(q.text, q.speaker, q.speaker_name) for q in qs if q.cue == ":"]
    assert turns == [
        ("Do you think Donald Trump has the ability to be a racial healer?", "TAPPER", "Tapper"),
        ("Well, I think the whole nation needs to come together.", "FALLIN", "Mary Fallin"),
    ]
    inner = [q for q in qs if q.text == "the whole nation needs to come together"]
    assert inner and inner[0].speaker_name == "Mary Fallin"


def test_one_labelled_paragraph_is_no_transcript(nlp):
    text = "UPDATE: The council met again.\n\nBYLINE: Amber Phillips.\n\nTRUMP: The rally starts at noon.\n"
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if q.cue == ":"]


@pytest.mark.parametrize("text, content, speaker_name", [
    # clauses the parse did not make the complement of the cue after them
    ("Presumptive Democratic presidential nominee Hillary Clinton marched in the New York parade, CNN reported.",
     "Presumptive Democratic presidential nominee Hillary Clinton marched in the New York parade", "CNN"),
    ("Eighty-four percent of Latino voters in Florida have an unfavorable view of Trump, the poll found.",
     "Eighty-four percent of Latino voters in Florida have an unfavorable view of Trump", "poll"),
    ("Those who do take on heavy debt struggle, even with a \"good\" job, he said.",
     "Those who do take on heavy debt struggle, even with a \"good\" job", None),
])
def test_the_clause_before_a_trailing_attribution_is_reported(text, content, speaker_name, nlp):
    rows = reported(text, nlp)
    assert [q.text for q in rows] == [content]
    assert rows[0].speaker_name == speaker_name or speaker_name is None and rows[0].speaker == "he"


@pytest.mark.parametrize("text, not_content", [
    ("If she becomes president, she said, women will not be punished.", "If she becomes president"),
    ("In a statement released on Monday, the senator said: \"We will fight.\"", "In a statement released on Monday"),
])
def test_a_lead_before_an_attribution_is_not_its_content(text, not_content, nlp):
    assert not_content not in [q.text for q in reported(text, nlp)]


@pytest.mark.parametrize("text, content", [
    # a reason or condition clause right after the reported clause (no comma of its own) is reported too
    ("The senator said he would wait until the primaries were over to endorse anyone.",
     "he would wait until the primaries were over to endorse anyone"),
    ('He said the economy had "clearly improved" since he took office.',
     'the economy had "clearly improved" since he took office'),
    ('The lawyer wrote that the request was "futile," because the records were already with the FBI.',
     'that the request was "futile," because the records were already with the FBI'),
])
def test_a_reason_or_condition_after_the_reported_clause_is_reported(text, content, nlp):
    assert content in [q.text for q in reported(text, nlp)]


def test_a_whole_quotation_does_not_take_the_clause_after_it(nlp):
    text = 'The mayor yelled, "Don\'t you do it," until the police arrived.'
    assert [q.text for q in Q.extract_quotes(text, nlp=nlp)] == ['"Don\'t you do it,"']


def test_a_second_participle_of_the_cue_ends_the_reported_clause(nlp):
    text = ('She criticized the plan on Tuesday, telling CNN that the mayor is a "faker" and questioning '
            'how he has "gotten away with it."')
    assert [q.text for q in mixed_quotes(text, nlp)] == ['that the mayor is a "faker"', 'how he has "gotten away with it."']


def test_a_second_cue_participle_ends_the_reported_clause_whatever_its_head(nlp):
    text = ('Ivanka Trump pushed back against accusations of sexism against her father, saying he has been a pioneer '
            'in promoting women in his companies and calling him "a feminist."')
    rows = reported(text, nlp)
    assert [q.text for q in rows] == ["he has been a pioneer in promoting women in his companies", 'him "a feminist."']
    assert [q.speaker for q in rows] == ["Ivanka Trump", "Ivanka Trump"]  # the second participle's speaker is the cue's


def test_a_cue_in_a_that_clause_does_not_report_the_attribution_before_it(nlp):
    text = 'He said that he would offer "a prayer" for the eventual nominee.'
    assert [q.text for q in reported(text, nlp)] == ['that he would offer "a prayer" for the eventual nominee']


@pytest.mark.parametrize("text, contents", [
    # a cue inside a complement does not report the words of the cue above it
    ("Trump is not saying what other techniques he would support.", ["what other techniques he would support"]),
    ("Rubio says he opposes gun violence.", ["he opposes gun violence"]),
    # an attribution set off by commas inside its content still reports the clause before it
    ("The economy is strong, he said, and growing.", ["The economy is strong"]),
])
def test_only_a_set_off_attribution_reports_the_clause_before_it(text, contents, nlp):
    assert [q.text for q in reported(text, nlp)] == contents


# --- learned decisions (quotewire/learned.py models) -----------------------------------------

APPENDIX = "The mayor said the budget would cost $5 billion, which critics called far too much."


def test_the_rule_logs_each_appendix_cut_with_both_ends(nlp, monkeypatch):
    monkeypatch.setattr(Q, "DECISION_LOG", [])
    assert [q.text for q in reported(APPENDIX, nlp)] == ["the budget would cost $5 billion"]
    (d,) = Q.DECISION_LOG
    assert APPENDIX[d["start"]:d["cut_end"]] == "the budget would cost $5 billion"
    assert APPENDIX[d["start"]:d["full_end"]] == "the budget would cost $5 billion, which critics called far too much"
    assert d["features"]["dep=relcl"] == 1.0 and d["features"]["first=which"] == 1.0
    # APPENDIX_CUE_FEATURES: the appendix has a verb of naming of its own ("called"), its head is that verb
    assert d["features"]["app_cue"] == 1.0 and d["features"]["head_cue"] == 1.0


def test_an_appendix_without_a_verb_of_saying_has_no_cue_feature(nlp, monkeypatch):
    monkeypatch.setattr(Q, "DECISION_LOG", [])
    reported("The mayor said the budget would cost $5 billion, which is far too much.", nlp)
    (d,) = Q.DECISION_LOG
    assert d["features"]["app_cue"] == 0.0 and d["features"]["head_cue"] == 0.0


@pytest.mark.parametrize("bias, content", [
    (-5.0, "the budget would cost $5 billion"),                                      # model: cut
    (5.0, "the budget would cost $5 billion, which critics called far too much"),    # model: keep
])
def test_the_appendix_model_decides_the_cut(bias, content, nlp, model_dir):
    from quotewire.learned import LogisticModel

    LogisticModel("appendix_cut", {}, bias).save(model_dir)
    assert [q.text for q in reported(APPENDIX, nlp)] == [content]


def test_without_an_appendix_model_the_rule_cuts(nlp, model_dir):
    assert [q.text for q in reported(APPENDIX, nlp)] == ["the budget would cost $5 billion"]


def test_a_damaged_model_file_leaves_the_rules_working(nlp, model_dir):
    (model_dir / "appendix_cut.json").write_text("{damaged", encoding="utf-8")
    (model_dir / "confidence.json").write_text("{damaged", encoding="utf-8")
    with pytest.warns(RuntimeWarning):
        rows = reported(APPENDIX, nlp)
    assert [q.text for q in rows] == ["the budget would cost $5 billion"]
    assert 0.0 < rows[0].confidence <= 1.0  # the rule's own score


@pytest.mark.parametrize("text, parts, speaker", [
    # a relative pronoun is the judged object: it and the name are the content, the verb and its subject not
    ("The mayor unveiled the plan on Monday, which the governor called “a costly mistake.”",
     ["which", "“a costly mistake.”"], "the governor"),
    ("She visited the senator, whom one aide described as “exhausted but determined.”",
     ["whom", "as “exhausted but determined.”"], "one aide"),
    ("Residents packed the hall for what organizers called “the biggest meeting in years.”",
     ["what", "“the biggest meeting in years.”"], "organizers"),
    # a passive subject is the judged object, not the speaker; an agent after the name speaks
    ("The new fund will be dubbed the “Main Street Recovery Fund” and will open in May.",
     ["The new fund", "the “Main Street Recovery Fund”"], None),
    ("The idea has been called “a dangerous gamble” by Senator Ruth Alvarez.",
     ["The idea", "“a dangerous gamble”"], "Senator Ruth Alvarez"),
    # a passive gerund has no subject: the content runs from "being", one part
    ("The governor could be celebrating being dubbed the “comeback candidate” after the vote.",
     ["being dubbed the “comeback candidate”"], "The governor"),
])
def test_a_judged_object_before_a_naming_verb_is_content_in_two_parts(text, parts, speaker, nlp):
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [[text[a:b] for a, b in q.parts or [(q.start, q.end)]] for q in qs if q.type != "direct"] == [parts]
    assert qs[0].type == "mixed" and qs[0].speaker == speaker


def test_a_judged_object_after_the_naming_verb_stays_one_span(nlp):
    text = "Alvarez called the plan “a dangerous gamble.”"
    assert [(q.text, q.parts) for q in mixed_quotes(text, nlp)] == [("the plan “a dangerous gamble.”", None)]


def test_referred_to_someone_as_a_quotation(nlp):
    # the object of "to" and the "as" phrase are the content, without a place phrase after the quotation
    text = 'The senator referred to the new rules as "a tax on honesty" in a speech on Monday.'
    assert [q.text for q in reported(text, nlp)] == ['the new rules as "a tax on honesty"']


def test_a_judgement_verb_judges_its_object_not_the_clause_before_it(nlp):
    text = 'The crowd turned on the governor - the senator called her "weak" and left the stage.'
    assert [q.text for q in reported(text, nlp)] == ['her "weak"']


# --- round 7: bare quotations (chants, titles) -------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ("Outside the arena, about 200 protesters gathered, holding signs and chanting \"Dump Trump.\"", "\"Dump Trump.\""),
    ("Some supporters chanted \u201cUSA! USA!\u201d as he left the stage.", "\u201cUSA! USA!\u201d"),
])
def test_chanted_words_are_a_quotation(text, quote, nlp):
    # a direct row, whether found as a quotation or as the cue's content that is one whole quotation
    assert quote in [q.text for q in direct(text, nlp)]


def test_a_cue_content_that_is_one_whole_quotation_is_direct(nlp):
    text = 'Protesters outside chanted "Dump Trump" for an hour.'
    assert [(q.type, q.text, q.cue) for q in Q.extract_quotes(text, nlp=nlp)] == [("direct", '"Dump Trump"', "chanted")]


def test_a_title_with_its_subtitle_is_not_a_quotation(nlp):
    text = "Mexican newspapers have been reading Trump's new book, \"Crippled America: How to Make America Great Again,\" for clues."
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if "Crippled" in q.text]


@pytest.mark.parametrize("text, title", [
    ("His campaign paid to broadcast a short film called \"Tenemos Familias\" on Univision.", "\"Tenemos Familias\""),
    ("\"It's nonsense,\" he said on CBS's \"Face the Nation.\"", "\"Face the Nation.\""),
])
def test_a_quoted_name_is_not_reported_speech(text, title, nlp):
    assert title not in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


def test_the_excerpt_after_a_headline_byline_is_not_a_quotation(nlp):
    text = ("ART—\"Met accused of whitewashing baby Jesus,\" by Post's Kathianne Boniello: \"A Manhattan man is suing "
            "the Met, claiming it is committing sacrilege by depicting Jesus as a blond.\" http://bit.ly/1N4Ghaw.")
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if "Manhattan" in q.text]


def test_no_quotation_inside_an_embedded_tweet(nlp):
    text = ('He retweeted it on Sunday.\n\n<tweet author="@someone" datetime="2016-02-28">\u201c@fan: \u201cIt is better to live '
            'one day as a lion than 100 years as a sheep.\u201d \u2013 @candidate #Win<tweet/>.\n\nThe campaign did not comment.')
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if "lion" in q.text]


def test_quoted_object_of_a_preposition_of_urging_or_warning(nlp):
    # PREP_QUOTE_CONTENT: the object of 'call for', 'rail against', 'warn of' holding a quotation is
    # the content; a noun's possessor speaks
    text = 'The mayor renewed her call for "a full and immediate review" of the police budget.'
    mixed = mixed_quotes(text, nlp)
    assert [q.text for q in mixed] == ['"a full and immediate review" of the police budget']
    assert mixed[0].cue == "call" and mixed[0].speaker == "her"
    text = 'The senator warned of a "costly" fight over the budget.'
    assert [q.text for q in mixed_quotes(text, nlp)] == ['a "costly" fight over the budget']


def test_quoted_object_of_a_preposition_is_not_a_scare_quoted_term(nlp):
    # PREP_QUOTE_TERM: the whole object quoted stays (the short-term filter would drop it)
    text = 'Last year the governor spoke out for "smaller schools" at a rally.'
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [q.text for q in qs if q.type == "direct"] == ['"smaller schools"']
    text = 'The governor visited the "smaller schools" at a rally.'
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]


def test_prep_heads_lexicon_is_data():
    heads = cues.prep_heads()
    assert "against" in heads[("rails", "VERB")] and "for" in heads[("call", "NOUN")]


def test_chanting_is_a_verb_of_saying(nlp):
    text = 'Outside the hall, hundreds of protesters were chanting "no more tax cuts" for an hour.'
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]
    assert [q.text for q in qs] == ['"no more tax cuts"']
    assert qs[0].cue == "chanting"


def test_manner_of_speaking_verbs_are_cues(nlp):
    assert cues.cue_forms().get("muttered") == "say" and cues.cue_forms().get("crying") == "say"
    text = '"This is not over," the mayor muttered as she left the room.'
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]
    assert [q.text for q in qs] == ['"This is not over,"'] and qs[0].speaker == "the mayor"
    text = "When they spotted the trawler, Freddy circled it as his friends jeered, \"Do svidaniya!\""
    assert "\"Do svidaniya!\"" in [q.text for q in direct(text, nlp)]


def test_a_cue_object_all_quoted_is_not_a_scare_quoted_term(nlp):
    # CUE_CONTENT_TERM: the object of a cue verb that is all quotation stays
    text = 'The senator pledged a "political revolution" on Tuesday.'
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]
    assert [q.text for q in qs] == ['"political revolution"']


@pytest.mark.parametrize("text, content", [
    ("Perez said the government will help \"up-skill\" workers - and he makes sure to include coal workers.",
     "the government will help \"up-skill\" workers"),
    ("Clinton told the crowd that 2016 \"is going to be a national security election\" \u2014 an issue Democrats have "
     "struggled with in the past.", "that 2016 \"is going to be a national security election\""),
])
def test_a_dash_aside_after_the_quotation_ends_the_content(text, content, nlp):
    assert content in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


def test_a_short_phrase_after_a_dash_stays_in_the_content(nlp):
    text = "Sanders criticized Clinton's \"homework\" when it comes to Wall Street reform - his signature campaign issue."
    assert any(q.text.endswith("his signature campaign issue") for q in Q.extract_quotes(text, nlp=nlp))


def test_a_quotation_between_dashes_with_its_own_attribution_has_no_lead(nlp):
    text = ("Neither man was impressed by Mrs. Clinton - \"Born with a silver spoon in her mouth,\" Mr. Elkins said - "
            "but they could not bring themselves to back him.")
    qs = Q.extract_quotes(text, nlp=nlp)
    got = [q.text for q in qs]
    assert "\"Born with a silver spoon in her mouth,\"" in got
    assert not [t for t in got if t.startswith("Neither")]
    # the clause cut down to the quotation is not a second row of it, and a whole quotation is verbatim
    assert [q.type for q in qs if q.text.startswith("\"Born")] == ["direct"]


@pytest.mark.parametrize("text, content", [
    ("As she angrily said, \u201cI am so sick of the Sanders campaign lying\u201d about her environmental record, he jabbed back.",
     "\u201cI am so sick of the Sanders campaign lying\u201d about her environmental record"),
    ("He said Sanders has been \"a tremendously important part of my caucus,\" and Democrats would need to \"depend on Bernie\" "
     "for the final seven months of the term.",
     "Sanders has been \"a tremendously important part of my caucus,\" and Democrats would need to \"depend on Bernie\" "
     "for the final seven months of the term"),
    ("Sharpton was asked if Clinton \u201cgets\u201d race.", "Clinton \u201cgets\u201d race"),
])
def test_a_phrase_that_goes_on_after_the_closing_mark_is_content(text, content, nlp):
    assert content in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


def test_a_phrase_continues_but_not_with_when_it_was_said(nlp):
    text = "Lane tweeted \"Thank you Indiana!\" on Friday afternoon."
    assert "\"Thank you Indiana!\"" in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


def test_a_quotation_never_closed_in_its_paragraph_runs_to_its_end(nlp):
    text = ("\u201cDonald Trump is a candidate unlike any we\u2019ve ever seen,\u201d said Baron. \u201cHis candidacy has defied all "
            "conventions and upended the political landscape.\n\nThe paper assigned twenty reporters.")
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [q.parts for q in qs] == [[(0, 57), (70, 148)]]
    assert qs[0].speaker_name == "Baron"


def test_a_noun_conjoined_after_the_closing_mark_is_content(nlp):
    text = "Trump has described Mexican immigrants, in particular, as \"rapists\" and criminals who take American jobs."
    assert any(q.text.endswith("\"rapists\" and criminals who take American jobs") for q in Q.extract_quotes(text, nlp=nlp))


def test_a_capitalised_quotation_that_is_a_sentence_of_its_own_is_speech(nlp):
    text = ("\u201cWe\u2019ve got a common enemy for almost anybody decent,\u201d Burton told state delegates recently. "
            "\u201cDonald Trump.\u201d")
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [q.text for q in qs] == [text]
    assert qs[0].speaker_name == "Burton"


def test_cue_object_is_the_subject_of_a_subjectless_reported_clause(nlp):
    # CCOMP_SUBJECT_AS_OBJECT: the parse made the clause's subject the cue's object
    text = 'The mayor argued the new bridge, which is widely supported by residents, "would not last ten years" without repairs.'
    assert [q.text for q in mixed_quotes(text, nlp)] == [
        'the new bridge, which is widely supported by residents, "would not last ten years" without repairs']
    assert [q.text for q in direct(text, nlp)] == ['"would not last ten years"']


def test_quotation_starting_with_an_auxiliary_takes_the_verbs_subject(nlp):
    # SUBJECT_LEAD_AUX: "has" is the auxiliary of "earned", whose subject stands before the marks
    text = 'But as the local tabloid noted in an editorial Thursday, the young mayor "has surprisingly earned himself a few fans abroad."'
    assert [q.text for q in mixed_quotes(text, nlp)] == ['the young mayor "has surprisingly earned himself a few fans abroad."']


@pytest.mark.parametrize("text, content", [
    ("He also argued the Keystone XL pipeline, which is widely supported by Republicans, \"wouldn't go 10 feet\" "
     "without the use of eminent domain.",
     "the Keystone XL pipeline, which is widely supported by Republicans, \"wouldn't go 10 feet\" without the use of eminent domain"),
    ("Murphy argued his fight to increase funding for public schools is especially relevant \"in states where they "
     "steal money.\"",
     "his fight to increase funding for public schools is especially relevant \"in states where they steal money.\""),
])
def test_a_reported_clause_takes_its_subject_parsed_as_the_cues_object(text, content, nlp):
    assert content in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


def test_a_raised_passive_subject_is_content_without_the_passive_verb(nlp):
    text = "Republican National Committee Chairman Reince Priebus was said to be \"furious\" with Trump for dividing the GOP."
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.text.startswith("Republican")]
    assert len(qs) == 1
    assert [text[a:b] for a, b in qs[0].parts] == ["Republican National Committee Chairman Reince Priebus",
                                                 "to be \"furious\" with Trump for dividing the GOP"]
    assert qs[0].speaker is None


@pytest.mark.parametrize("text, content, speaker", [
    ('The nurse, who works nights at a county hospital, said on Friday that she sent her senator the same letter '
     'every week: "Please fund the clinic. We cannot wait any longer."',
     'that she sent her senator the same letter every week: "Please fund the clinic. We cannot wait any longer."',
     "The nurse"),
    ('The mayor said the plan was a gamble in the spirit of the old city: "It is a risk worth taking. We have done it before."',
     'the plan was a gamble in the spirit of the old city: "It is a risk worth taking. We have done it before."',
     "The mayor"),
])
def test_a_quotation_after_a_colon_closing_a_reported_clause_continues_it(text, content, speaker, nlp):
    # COLON_COMPLEMENT_JOIN: the verb before the colon is inside the cue's reported clause, so it is
    # no cue of its own; the quotation continues the clause, and the outer cue's subject speaks
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.text == content]
    assert len(qs) == 1 and qs[0].type == "mixed"
    assert qs[0].speaker == speaker


def test_a_verb_before_a_colon_outside_the_reported_clause_still_attributes(nlp):
    text = 'When the governor suggested that the budget was balanced, the treasurer fired back: "That is simply not true."'
    qs = direct(text, nlp)
    assert [q.text for q in qs] == ['"That is simply not true."']
    assert qs[0].speaker == "the treasurer"


def test_the_unquoted_start_of_a_sentence_before_a_quotation_with_its_attribution_is_content(nlp):
    # SENTENCE_LEAD_QUOTE
    text = 'But soon "he started looking into the idea that the council knew more," she says.'
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [(q.text, q.type) for q in qs] == [('But soon "he started looking into the idea that the council knew more,"', "mixed")]
    assert qs[0].speaker == "she"


def test_a_sentence_lead_ending_in_a_comma_is_not_taken(nlp):
    assert [q.text for q in Q.extract_quotes('In a statement Friday, the senator said, "We will not back down."', nlp=nlp)] \
        == ['"We will not back down."']


def test_an_adverbial_clause_between_the_cue_and_the_quotation_is_content(nlp):
    # CUE_ADVERBIAL_LEAD
    text = 'The mayor says no matter what action the council takes on the budget, "the library will stay open."'
    qs = Q.extract_quotes(text, nlp=nlp)
    assert [(q.text, q.type) for q in qs] == [
        ('no matter what action the council takes on the budget, "the library will stay open."', "mixed")]
    assert qs[0].speaker == "The mayor"


@pytest.mark.parametrize("text, content, speaker", [
    # Levin 29.5 conjecture / implicature verbs
    ('He implied a federal judge was biased and "hostile" because he is Hispanic.',
     'a federal judge was biased and "hostile" because he is Hispanic', "He"),
    # verbs of urging (VerbNet urge-58.1): addressee + infinitive
    ('Ms. Warren exhorted voters to alter what is possible through "political revolution."',
     'voters to alter what is possible through "political revolution."', "Ms. Warren"),
    # Levin 33 judgement verbs of praise and blame
    ('Priebus scolded Romney for suggesting that immigrants should "self-deport."',
     'Romney for suggesting that immigrants should "self-deport."', "Priebus"),
    # the rest of Levin 37.3 manner-of-speaking verbs
    ('She then boomed, "Today, you proved once again, there is no place like home."',
     '"Today, you proved once again, there is no place like home."', "She"),
])
def test_verb_classes_added_in_round_8_are_cues(text, content, speaker, nlp):
    # tasks/lexicons/speech_verbs.txt, "Round 8" block
    qs = [q for q in Q.extract_quotes(text, nlp=nlp) if q.text == content]
    assert len(qs) == 1 and qs[0].speaker == speaker


def test_a_noun_of_saying_with_a_quoted_infinitive_is_reported_speech(nlp):
    # 'her promise to "…"': the infinitive is what was promised, its possessor the speaker
    rows = mixed_quotes('Voters liked her promise to "fight for every vote" in the state.', nlp)
    assert [(q.text, q.speaker) for q in rows] == [('to "fight for every vote" in the state', "her")]


def test_a_speech_participle_inside_a_span_starts_the_content(nlp):
    # PARTICIPLE_CUE_LEAD: 'X, saying that …"…"' reports what follows the participle, not X
    text = 'Cruz criticized the media, saying that the race "is a circus run by clowns."'
    got = [q.text for q in Q.extract_quotes(text, nlp=nlp)]
    assert 'that the race "is a circus run by clowns."' in got
    assert not any(t.startswith("the media") for t in got)


@pytest.mark.parametrize("text, content, typ", [
    # a verbless phrase set off before a quotation that opens a sentence: the cue's object, not content
    ('The mayor has previously dismissed the story about the emails, "Now, you famously said that you were '
     'tired of hearing about it."', '"Now, you famously said that you were tired of hearing about it."', "direct"),
    # a lead with a finite verb, or before a lower-case quotation, stays content
    ('She said she was thinking, "Oh my God, this cannot be happening."',
     'she was thinking, "Oh my God, this cannot be happening."', "mixed"),
    ('Abbott told the President that if he wants our guns, "come and take it."',
     'that if he wants our guns, "come and take it."', "mixed"),
])
def test_verbless_lead_before_sentence_quotation(text, content, typ, nlp):
    outer = [q for q in Q.extract_quotes(text, nlp=nlp) if q.cue_start is not None and q.cue_start < q.start]
    widest = max(outer, key=lambda q: q.end - q.start)
    assert (widest.text, widest.type) == (content, typ)
    assert len([q for q in outer if q.text == content]) == 1


def test_a_quoted_span_keeps_a_subordinate_clause_without_its_own_cue(nlp):
    # APPENDIX_SUBORDINATE_KEEP: '…, even though …' / '…, while …' stays in a span that holds a quotation
    text = 'Smith said he was "not ready" to back the governor, even though she is the only candidate left in the race.'
    assert [q.text for q in mixed_quotes(text, nlp)] == [
        'he was "not ready" to back the governor, even though she is the only candidate left in the race']
    # a clause with a verb of saying of its own is a second attribution: cut
    text = 'Smith said the plan was "a step forward," while his rival, Sen. Mark Jones, said it was "a disaster."'
    assert 'the plan was "a step forward,"' in [q.text for q in mixed_quotes(text, nlp)]


@pytest.mark.parametrize("text, content, speaker", [
    ('A 2014 university paper that found minimum-wage hikes in the 2000s caused "significant" harm to jobs and incomes.',
     'minimum-wage hikes in the 2000s caused "significant" harm to jobs and incomes', None),
    ('As the speaker has pointed out, that is basically the "textbook definition" of racism.',
     'that is basically the "textbook definition" of racism', "the speaker"),
    ('Several outlets reported on Wednesday the agency had "more than one conversation" with the campaign about the statement.',
     'the agency had "more than one conversation" with the campaign about the statement', "Several outlets"),
])
def test_a_short_quoted_term_after_a_cue_without_content_takes_the_rest_of_the_sentence(text, content, speaker, nlp):
    # TERM_CUE_NO_CONTENT: the parse gave the cue no complement; the short quotation would be dropped as a term
    qs = Q.extract_quotes(text, nlp=nlp)
    rows = [q for q in qs if q.text == content]
    assert len(rows) == 1 and rows[0].type == "mixed"
    assert speaker is None or rows[0].speaker == speaker


def test_a_short_quoted_term_inside_a_prepositional_object_stays_a_term(nlp):
    # TERM_CUE_NO_CONTENT does not fire when the quotation is the object of a preposition after the cue
    text = 'The golf courses, many of them derisively known as "rabbit patches" by locals, closed.'
    assert not [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "mixed"]


@pytest.mark.parametrize("text, content", [
    ('The page lists him as "Executive Director at Harmony Enterprises."',
     'him as "Executive Director at Harmony Enterprises."'),
    ('First, the candidate identified the judge as "Spanish," which is wrong.', 'the judge as "Spanish,"'),
])
def test_a_title_case_quotation_in_an_as_phrase_is_a_judgement(text, content, nlp):
    # AS_JUDGEMENT_TITLE
    assert content in [q.text for q in Q.extract_quotes(text, nlp=nlp)]


@pytest.mark.parametrize("text, content, speaker", [
    ('The developer wrote to the bank\'s chief executive, threatening "a major lawsuit," according to a copy of the letter.',
     'The developer wrote to the bank\'s chief executive, threatening "a major lawsuit,"', "a copy of the letter"),
    ('Talks between the two agencies have gone on for a year, but since the floods, "there has been a renewed engagement,"'
     ' according to a senior official.',
     'Talks between the two agencies have gone on for a year, but since the floods, "there has been a renewed engagement,"',
     "a senior official"),
])
def test_according_to_after_a_quotation_reports_the_sentence_so_far(text, content, speaker, nlp):
    # ACCORDING_TAIL_SENTENCE: the content starts at the sentence start, the source is the object of "according to"
    rows = [q for q in Q.extract_quotes(text, nlp=nlp) if q.text == content]
    assert len(rows) == 1 and rows[0].type == "mixed" and rows[0].cue == "according to"
    assert rows[0].speaker == speaker


def test_a_straight_mark_before_an_ellipsis_opens_a_resumed_quotation(nlp):
    # ELLIPSIS_OPENS: '… Ill. ". . . I just want …"' -- the mark after the sentence end opens, so the two parts join
    text = ('"He talks off the cuff all the time - is he going to remember everything? No," said David Magel, 53, who'
            ' lives near Springfield, Ill. ". . . I just want somebody who speaks like we do."')
    rows = [q for q in Q.extract_quotes(text, nlp=nlp) if q.type == "direct"]
    assert len(rows) == 1 and rows[0].parts is not None and len(rows[0].parts) == 2
    assert text[rows[0].parts[1][0]:rows[0].parts[1][1]] == '". . . I just want somebody who speaks like we do."'
    assert rows[0].speaker == "David Magel"
