"""A quotation's ``confidence``: how likely a human annotator would mark the same row.

The extractor's rules give every quotation a rough score by the path that found it (0.9: a cue
with its subject; 0.3: an unattributed quotation …). :func:`calibrate` replaces it with the
probability, learned from annotated political news (PolNeAR train, ``quotewire train``), that an
annotator marks the same content (character overlap of 0.8 or more) and, when the annotator names
a source, that the speaker is the same. The model sees the rule's score and what a reader sees in
the row: its type, length, quotation marks, cue and speaker, where it stands in its paragraph and
what follows it ('"…" by Ben Sisario', a link). So ``WHERE confidence >= 0.7`` keeps rows of which
about seven in ten or more would match an annotator (docs/EVALUATION.md has the reliability table).

Pure functions on (text, quotes); without the model file the rule scores stay.
"""

from __future__ import annotations

import math
import re

from quotewire.learned import load_model
from quotewire.records import Quote

CALIBRATED = True  # replace the rule scores by the learned probability (quotewire/models/confidence.json)
MODEL = "confidence"

_MARKS = re.compile(r"''|‘‘|’’|[\"“”„«»]")
_END_MARK = re.compile(r"(?:''|’’|[\"“”„«»])$")
_QUOTED = re.compile(r"(?:''|[\"“”„«»]).*?(?:''|[\"“”„«»])", re.S)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "who"}


def features(text: str, q: Quote) -> dict[str, float]:
    """What the confidence model sees of one quotation row (``q.confidence`` is the rule's score)."""
    inner = q.text
    words = len(inner.split())
    f = {"type=" + q.type: 1.0, "rule=%.2f" % q.confidence: 1.0, "log_words": math.log1p(words),
         "short": float(words <= 3), "has_speaker": float(q.speaker is not None), "has_cue": float(q.cue is not None),
         "parts": float(bool(q.parts)), "nl": float("\n" in inner)}
    if q.speaker:
        pron = q.speaker.lower() in _PRONOUNS
        f["speaker_pronoun"] = float(pron)
        f["speaker_capital"] = float(q.speaker[:1].isupper() and not pron)
        f["speaker_words"] = min(len(q.speaker.split()), 6) / 6
        f["speaker_named"] = float(bool(q.speaker_name) and q.speaker_name[:1].isupper())
    if q.cue_start is not None:
        f["cue_inside"] = float(q.start <= q.cue_start < q.end)
        f["cue_after"] = float(q.cue_start >= q.end)
    f["marks"] = min(len(_MARKS.findall(inner)), 6) / 6
    f["starts_mark"] = float(bool(_MARKS.match(inner)))
    f["ends_mark"] = float(bool(_END_MARK.search(inner)))
    f["quoted_share"] = sum(len(m) for m in _QUOTED.findall(inner)) / max(1, len(inner))
    ps = text.rfind("\n", 0, q.start) + 1
    pe = text.find("\n", q.end)
    pe = len(text) if pe < 0 else pe
    f["para_start"] = float(not text[ps:q.start].strip())
    f["para_end"] = float(not text[q.end:pe].strip(" .\u00a0"))
    f["first_para"] = float(ps == 0)
    f["para_unfinished"] = float(not re.search(r"[.!?”\"'’]\s*$", text[ps:pe]))
    body = inner.strip("\"“”„«»' ")
    f["body_capital"] = float(body[:1].isupper())
    f["body_punct_end"] = float(bool(re.search(r"[.!?,]$", body)))
    ws = _WORD.findall(body)
    if ws:
        f["title_case"] = sum(w[0].isupper() for w in ws) / len(ws)
    f["after_colon"] = float(":" in text[max(0, q.start - 3):q.start])
    after = text[q.end:q.end + 12].lstrip().lower()
    f["then_by"] = float(after.startswith("by "))
    f["then_paren"] = float(after.startswith("("))
    f["then_link"] = float("http" in after)
    return f


def calibrate(text: str, quotes: list[Quote]) -> list[Quote]:
    """Set each quotation's confidence to the learned probability (rounded to 0.01); in place."""
    model = load_model(MODEL) if CALIBRATED else None
    if model is None:
        return quotes
    for q in quotes:
        q.confidence = round(model.prob(features(text, q)), 2)
    return quotes
