"""Step 1 of quotation extraction: pair double quotation marks by a character scan.

Straight ``"``, typographic “ ”, „ « » and the doubled apostrophe ``''`` pair paragraph by paragraph;
an opening mark left open at a paragraph's end continues into the next paragraph when that one opens
with a mark. Marks that cannot be paired are skipped; nothing here raises."""

from __future__ import annotations

import re

LENIENT_CLOSE = True
ELLIPSIS_OPENS = True  # 'Ill. ". . . I just want …"': a straight mark right before an ellipsis opens a quotation that resumes mid-speech
LENIENT_OPEN = True
FORMAT_CHARS_AS_SPACE = True  # an invisible format character (U+200E, U+202A …) before a mark counts as the space it stands for
NESTED_TYPOGRAPHIC = True  # '“… even when “your team” needs to be held accountable …”' is one quotation
UNCLOSED_TO_PARA_END = True  # an opening mark after '. ' or ', ' never closed in its paragraph: a quotation to its end


OPEN_MARKS = ("“", "„", "«", "‘‘")
CLOSE_MARKS = ("”", "»", "’’")
AMBIG_MARKS = '"'
MARK = re.compile(r"''|‘‘|’’|[\"“”„«»]")
_PARA = re.compile(r"[^\n]+")
_TYPO_MARKS = re.compile(r"[“”]")
QUOTE_CHARS = "\"“”„«»"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; any newline is a paragraph boundary."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


_FORMAT_CHARS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _mark_kind(text: str, i: int, mark: str) -> str:
    if mark in OPEN_MARKS:
        return "open"
    before = text[i - 1] if i > 0 else " "
    if FORMAT_CHARS_AS_SPACE and before in _FORMAT_CHARS:
        before = " "  # '‪”Isis declares …”' with a left-to-right embedding mark at the paragraph's start
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark in CLOSE_MARKS:
        if LENIENT_OPEN and (before.isspace() or before in "([") and after.isalnum():
            return "open?"  # '¶”Mr. Trump embodies …”': a closing mark typed where an opening one belongs
        return "close"
    if LENIENT_CLOSE and before == " " and text[i - 2:i - 1] in (",", ".", "!", "?", "'", "’") \
            and (after.isspace() or after in ".,;:!?)") \
            and not (ELLIPSIS_OPENS and re.match(r"\.\s?\.\s?\.", text[i + len(mark):i + len(mark) + 5])):
        return "close?"  # '… doing this, " he said': a space slipped in before the closing mark
    if before.isspace() or before in "([{—–-/" and not after.isspace():
        return "open?"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close?"
    return "amb"


def pair_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of double-quoted passages, marks included. Never raises.
    Attribute values of markup left in the text (``author="X"``) are not quotations."""
    return [(s, e) for s, e in _pair_marks(text) if text[s - 1:s] != "="]


def _pair_marks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    paras = paragraphs(text)
    open_at: int | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in MARK.finditer(text, ps, pe)]
        continuing = open_at is not None
        if continuing:
            # a carried-over quotation resumes only if the paragraph opens with a mark
            lead = text[ps:pe].lstrip()
            if marks and (lead[:1] in QUOTE_CHARS or lead.startswith(("''", "‘‘"))):
                marks = marks[1:]
            else:
                open_at = None
        nested = 0  # typographic pairs open inside the open quotation ('“… when “your team” needs …”')
        for i, mark in marks:
            kind = _mark_kind(text, i, mark)
            if nested and mark == "”":
                nested -= 1
                continue
            if open_at is None:
                if kind in ("open", "open?", "amb"):
                    open_at = i
                # a stray closing mark: skip it
            else:
                if kind in ("close", "close?", "amb"):
                    if i + len(mark) - open_at > len(mark) + 1 or text[open_at:i].strip('"“”\'') :
                        spans.append((open_at, i + len(mark)))
                    open_at = None
                elif kind == "open" and text[i - 1:i].isspace():
                    if NESTED_TYPOGRAPHIC and mark == "“" and _TYPO_MARKS.findall(text, i + 1, pe)[:2] == ["”", "”"]:
                        nested += 1  # a quotation inside the quotation: both close before another opens
                    else:
                        open_at = i  # the earlier opener was stray
                elif LENIENT_CLOSE and kind == "open" and text[i - 1:i] in (".", ",", "!", "?", "—", "–") \
                        and (i + len(mark) >= len(text) or text[i + len(mark)].isspace()):
                    spans.append((open_at, i + len(mark)))  # '“… the Arab states.“': an opening mark closes
                    open_at = None
                elif kind == "open?":
                    open_at = i
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            lead = text[nxt[0]:nxt[1]].lstrip() if nxt else ""
            if not (lead[:1] and lead[:1] in "“„«\"" or lead.startswith(("''", "‘‘"))):
                if UNCLOSED_TO_PARA_END and re.search(r"\w[.,]\s+$", text[ps:open_at]) \
                        and text[open_at:pe].lstrip("\"“„«'‘ ")[:1].isupper() and not MARK.search(text, open_at + 1, pe) \
                        and len(text[open_at:pe].split()) >= 4:
                    # '…,” said Baron. “His candidacy and his positions have defied …' with the closing mark
                    # left out at the paragraph's end: the quotation runs to the end of its paragraph
                    spans.append((open_at, len(text[:pe].rstrip())))
                open_at = None  # unclosed and not continued: skip the stray mark
    return [(s, e) for s, e in spans if e - s >= 3]


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    for s, e in spans:
        if s <= pos < e:
            return True
    return False
