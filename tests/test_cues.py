"""The cue lexicons (data files in tasks/lexicons/) as the extractor reads them."""

from __future__ import annotations

from quotewire import cues


def test_cue_lexicon_has_inflections():
    forms = cues.cue_forms()
    for w in ("say", "says", "said", "saying", "told", "noted", "added", "complained", "wrote"):
        assert w in forms
