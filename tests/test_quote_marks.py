"""Step 1 of quotation extraction: pairing quotation marks (pure text, no model)."""

from __future__ import annotations

import pytest

from quotewire import quote_marks


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" today.', ['"yes"']),
    ("He said “yes, we will” today.", ["“yes, we will”"]),
    ("She said ''never again'' twice.", ["''never again''"]),
    ('"First part," she said, "second part."', ['"First part,"', '"second part."']),
    ("“It is the ‘best’ plan,” he said.", ["“It is the ‘best’ plan,”"]),
    ('A stray " mark and "a real quote" here.', ['"a real quote"']),
    ("An unclosed “opening mark at the end", []),
    ("A stray closing” mark.", []),
    ("“First paragraph of a long quote.\n\n“Second paragraph ends it.”", ["“First paragraph of a long quote.\n\n“Second paragraph ends it.”"]),
    ("“Opened but never closed.\n\nNext paragraph is narrative.", []),
    # a space slipped in before the closing mark, and an opening mark used to close
    ('"It is a disgrace that he is doing this, " Trump said.', ['"It is a disgrace that he is doing this, "']),
    ('"We cannot say \'Okay, we got through,\' " she said.', ['"We cannot say \'Okay, we got through,\' "']),
    ("“I am going to do very well with the Hispanics.“ He left.", ["“I am going to do very well with the Hispanics.“"]),
    # ... and a closing mark used to open (at a paragraph's start, or after a space before a word)
    ("”Fear. I am truly afraid that he will win.” ― Edwin G. Monroy", ["”Fear. I am truly afraid that he will win.”"]),
    ("aides could not ”get close to Ben” on security.", ["”get close to Ben”"]),
    # a typographic quotation inside a typographic quotation (both close before another opens)
    ("He wrote, “You care even when “your team” needs to be held accountable.” Then he left.",
     ["“You care even when “your team” needs to be held accountable.”"]),
    ("“A stray opener, then “a real quote” and more.", ["“a real quote”"]),
    # an invisible format character (here U+202A, left-to-right embedding) before a mark counts as a space
    ("Readers wrote back.\n\n\u202a\u201dSorry, you should have said it louder, because I know you can!!\u201d posted Sharon Geyer.",
     ["\u201dSorry, you should have said it louder, because I know you can!!\u201d"]),
])
def test_pair_quotes(text, expected):
    assert [text[s:e] for s, e in quote_marks.pair_quotes(text)] == expected
