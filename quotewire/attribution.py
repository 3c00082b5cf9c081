"""Quotations and their speakers: direct, indirect and mixed.

The method, in order (each step is a pure function on plain data):

1. **Quote marks** (:func:`quotewire.quote_marks.pair_quotes`): a character scan pairs double quotation marks
   (straight ``"``, typographic “ ”, „ « », and the doubled apostrophe ``''``) paragraph by
   paragraph. An opening mark left open at a paragraph's end continues into the next paragraph
   when that paragraph opens with a quotation mark (the newspaper convention for multi-paragraph
   quotes). Marks that cannot be paired are skipped. Single quotes are never pairing marks, so
   nested ‘…’ and apostrophes stay inside the enclosing quotation.
2. **Windows** (:func:`quotewire.parsing.select_windows`): only sentences that hold a quotation mark, a cue word of
   the lexicons (not its noun homographs, ``cue_noun_homographs.txt``) or a closing colon are parsed,
   and the middle of a long quotation is left out (:func:`quotewire.parsing.window_segments`); all windows of all
   texts go through one ``nlp.pipe`` call. NER, the lemmatizer and the attribute ruler are excluded
   (cue lexicons hold surface forms; POS comes from the Penn tags; names from proper-noun runs, and
   from capitalised runs in the text that is not parsed). ``n_process > 1`` forks workers that share
   the loaded model, each extracting a slice of the texts.
3. **Attribution**: for each quotation, the nearest cue verb in the same sentence that governs
   it (or follows it: ``"…," he said``) gives the cue; the cue's subject is the speaker (climbing
   through participles: ``…, saying "…"``; relative clauses; ``according to X``; the passive agent).
   A quote split by its attribution (``"…," she said, "…"``) is ONE quotation whose span runs from
   the first part's opening mark to the second part's closing mark (the attribution inside it).
   A paragraph that is nothing but an unattributed quotation right after a paragraph with an
   attributed one continues it (one more ``part``, as PolNeAR annotates it); one that opens with an
   unattributed quotation inherits that speaker (floating quote). A quotation opening the paragraph
   after one that ends with a colon ("Cruz continued:") takes that sentence's cue and subject.
4. **Reported speech**: a cue verb's clausal complement (``said that …``, ``says the …``), the
   main clause of an inverted cue (``…, said Lavrov``) or of ``according to X, …``, or the object
   of a judgement verb (``called X "…"``) is the content of an ``indirect`` quotation, or of a
   ``mixed`` one when it contains quoted words. Quoted fragments inside it are ALSO reported on
   their own as ``direct`` quotations (so a mixed row can enclose direct rows; the evaluation
   scores only outermost spans, see :mod:`quotewire.evaluation`). Content excludes the cue,
   the final period and edge punctuation, but keeps a closing quotation mark.
5. **Speakers** (:class:`quotewire.speakers.Names`): every proper-noun run of the article (title words split off
   into a role) is a mention; a mention's canonical name is the longest name of the article that
   ends with it or contains it; he/she resolve to the most recent compatible person who was a
   grammatical subject (then the most recent person); "the minister" to the latest person with
   that role word.

Steps 1, 2 and 5 live in :mod:`quotewire.quote_marks`, :mod:`quotewire.parsing` and
:mod:`quotewire.speakers`, the lexicons in :mod:`quotewire.cues`; this module holds steps 3 and 4,
their rule switches, and the public API (:func:`extract_quotes`, :func:`extract_many`).

Invariant: every ``Quote`` satisfies ``text[q.start:q.end] == q.text`` and, when set,
``text[q.speaker_start:q.speaker_end] == q.speaker`` and ``text[q.cue_start:q.cue_end] == q.cue``.
"""

from __future__ import annotations

import bisect
import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from quotewire import parallel
from quotewire.confidence import calibrate
from quotewire.cues import (WORDS, according_cues, cognition_verbs, cue_forms, cue_nouns, headline_sources, naming_forms,
                            prep_heads, title_words, word_set)
from quotewire.learned import load_model
from quotewire.parsing import ParsedArticle, Tok, load_nlp, prepare
from quotewire.quote_marks import MARK, QUOTE_CHARS, in_spans, paragraphs
from quotewire.records import Quote
from quotewire.settings import Settings
from quotewire.speakers import APPOSITIVE_NAME, CALENDAR, PERSON_PRONOUNS, Names, speaker_info


# ---------------------------------------------------------------------------------------------
# 3-4. attribution on parsed windows

_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_FINITE = ("VBD", "VBZ", "VBP", "MD")  # Penn tags of a finite verb
_PRON_OTHER = {"they", "we", "i", "you", "it", "who", "that", "which"}
_EDGE_PUNCT = set(",.;:—–-!?()[]{}…") | {"--", "...", "''", "``"}
_SENT_END = re.compile(r"[.!?](?=\s|$)")
_SENT_BREAK = re.compile(r"[.!?][\"”’')]*\s+")  # a sentence's end and the space after it


def _gap_sentences(gap: str) -> bool:
    """Does the text between two quotations hold a sentence end before its last character?"""
    return bool(_SENT_BREAK.search(gap.rstrip()))


def _last_sentence_start(text: str, a: int, b: int, abbrev: bool = False) -> int:
    """Where the last sentence of text[a:b] starts (a when there is one sentence). With abbrev, a
    full stop after an initial or a short capitalised abbreviation ('Donald J. Trump', 'Gov. Kasich',
    'U.S. officials') ends no sentence."""
    ends = [m for m in _SENT_BREAK.finditer(text, a, b) if not (abbrev and _abbrev_stop(text, a, m.start()))]
    return ends[-1].end() if ends else a


def _abbrev_stop(text: str, a: int, i: int) -> bool:
    """Is the full stop at i the end of an initial or abbreviation rather than of a sentence?"""
    if text[i] != ".":
        return False
    word = text[a:i].split()[-1:] or [""]
    return len(word[0]) <= 3 and word[0][:1].isupper() or "." in word[0]


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    cue: int | None = None  # token index
    cue_span: tuple[int, int] | None = None
    speaker_tok: int | None = None
    speaker_span: tuple[int, int] | None = None
    confidence: float = 0.5
    inherited: "_Cand | None" = None
    para: int = 0
    parts: list[tuple[int, int]] | None = None
    para_end: int | None = None
    colon_join: bool = False  # COLON_COMPLEMENT_JOIN: the quotation continues its cue's reported clause


def _find_cues(art: ParsedArticle, quote_spans) -> list[tuple[int, str, tuple[int, int]]]:
    """(token index, cue class, cue char span) for every cue outside quotation marks."""
    forms = cue_forms()
    acc = according_cues()
    cues = []
    toks = art.toks
    for t in toks:
        if in_spans(t.start, quote_spans):
            continue
        cls = forms.get(t.lower)
        if cls and (t.pos in ("VERB",) or t.tag.startswith("VB")) and t.dep not in ("amod", "compound"):
            cues.append((t.i, cls, (t.start, t.end)))
            continue
        for words in acc:
            if t.lower == words[0] and t.i + len(words) <= len(toks):
                seq = [toks[t.i + k].lower for k in range(len(words))]
                if tuple(seq) == words and art.window_of[t.i] == art.window_of[t.i + len(words) - 1]:
                    cues.append((t.i, "according", (t.start, toks[t.i + len(words) - 1].end)))
    return cues


def _subject(art: ParsedArticle, v: int, cls: str) -> int | None:
    """The speaker token of cue v (its subject; climbing through participles and relatives);
    never a dateline ("PHILADELPHIA — …") or a word in parentheses ("(R-OH)")."""
    s = _subject_tok(art, v, cls)
    if s is None:
        return None
    toks, text = art.toks, art.text
    t = toks[s]
    line_start = text.rfind("\n", 0, t.start) + 1
    if t.text.isupper() and len(t.text) > 2 and not text[line_start:t.start].strip() \
            and text[t.end:t.end + 3].strip()[:1] in ("—", "–", "-", ",", "("):
        return None
    opened = text.rfind("(", line_start, t.start)
    if opened > text.rfind(")", line_start, t.start):
        if PAREN_SUBJECT and text.find(")", opened, toks[v].start) < 0:
            return s  # the cue is inside the same parentheses: '(Lemkin once said, "…")'
        if PAREN_SUBJECT:
            k = art.tok_at(opened)
            if k is not None and k > 0 and toks[k - 1].pos == "PROPN":
                return k - 1  # 'said Elijah Cummings (D-Md.)' with the head inside the parentheses
        return None
    return s


def _subject_tok(art: ParsedArticle, v: int, cls: str) -> int | None:
    toks = art.toks
    if cls == "according":
        last = v + len(according_cues()[0]) - 1
        for c in toks[last].children:
            if toks[c].dep == "pobj":
                return c
        for c in toks[v].children + toks[min(last, len(toks) - 1)].children:
            if toks[c].dep in ("pobj", "pcomp"):
                return c
        return None
    if v in art.cue_conj:
        return _subject_tok(art, art.cue_conj[v], cls)  # 'telling CNN that … and questioning …': she
    cur = v
    for _ in range(8):
        t = toks[cur]
        if ROOT_NOUN_SUBJECT and cur != v and t.head == cur and t.pos in ("PROPN", "NOUN") and cur < v:
            # the parse made the speaker the root and the verb its modifier ('O'Malley, who …,
            # interjected to say: "…"', 'Trump defended eminent domain, calling …')
            return cur
        subj = [c for c in t.children if toks[c].dep in ("nsubj", "csubj")]
        if subj:
            if TRAILING_ATTRIBUTION and cur == v and len(subj) > 1 and v > 0 and toks[v - 1].text == ",":
                return [c for c in subj if c > v][0] if any(c > v for c in subj) else subj[0]  # '<clause>, said X'
            return subj[0]
        if CONJ_PASSIVE_SUBJECT and cur != v:
            passive = [c for c in t.children if toks[c].dep == "nsubjpass"]
            if passive:  # 'Silverman was joined on stage by Franken and joked, "…"': Silverman
                return passive[0]
        agent = [c for c in t.children if toks[c].dep == "agent"]
        if agent:
            pob = [c for c in toks[agent[0]].children if toks[c].dep == "pobj"]
            if pob:
                return pob[0]
        passive = [c for c in t.children if toks[c].dep == "nsubjpass"]
        if passive:
            return passive[0] if cur != v else None
        if t.dep == "relcl" and t.head != cur:
            return t.head
        if ACL_SUBJECT and cur == v and t.dep == "acl" and t.head < cur and toks[t.head].pos in ("NOUN", "PROPN") \
                and not any(toks[c].dep in ("agent", "auxpass") for c in t.children) \
                and any(toks[c].dep in ("dobj", "ccomp", "oprd") for c in t.children):
            h = toks[t.head]
            if PARTICIPLE_OBJECT and t.tag == "VBG" and h.dep in ("dobj", "pobj") and h.head != t.head:
                # 'Sanders emailed supporters saying: "…"': the participle goes with the verb
                up = h.head if h.dep == "dobj" else toks[h.head].head
                if toks[up].pos in ("VERB", "AUX"):
                    cur = up
                    continue
            return t.head  # 'one lawmaker called Trump "…"' parsed as a reduced relative clause
        if t.dep in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp") and t.head != cur:
            if t.dep == "ccomp" and toks[t.head].start < t.start:
                return None
            cur = t.head
            if t.dep == "advcl" and cur != v:
                # "X argued that a database would help, saying …": a participle attached inside
                # reported speech belongs to the verb that reports it
                up = _reporting_ancestor(art, cur)
                if up is not None:
                    cur = up
            continue
        if t.dep == "pobj" or t.dep == "prep":
            cur = t.head
            continue
        return None
    return None


def _reporting_ancestor(art: ParsedArticle, i: int) -> int | None:
    """The cue verb whose clause complement holds token i, if any (nearest one)."""
    toks, forms = art.toks, cue_forms()
    cur = i
    for _ in range(20):
        t = toks[cur]
        if t.head == cur:
            return None
        if t.dep == "ccomp" and toks[t.head].lower in forms:
            return t.head
        cur = t.head
    return None


def _adjacent_speaker(art: ParsedArticle, v: int, quote_spans, before_only: bool = False) -> int | None:
    """The head of the name, pronoun or noun phrase right before cue v (back to a quotation or a
    comma), else right after it; None when there is none."""
    toks = art.toks

    def ok(j: int) -> bool:
        t = toks[j]
        return t.pos in ("PROPN", "PRON", "NOUN") and not in_spans(t.start, quote_spans) \
            and art.window_of[j] == art.window_of[v]

    j = v - 1
    while j >= 0 and art.window_of[j] == art.window_of[v] and toks[j].text not in QUOTE_CHARS + ",":
        if SKIP_PARENS and toks[j].text == ")":
            k = j
            while k > 0 and toks[k].text != "(" and v - k < 12:
                k -= 1
            if toks[k].text == "(":
                j = k - 1  # 'Sen. Elizabeth Warren (D-MA) said': the name before the parentheses
                continue
        if toks[j].pos in ("PROPN", "PRON", "NOUN") and ok(j):
            return j
        j -= 1
    if before_only:
        return None
    best = None
    for j in range(v + 1, min(len(toks), v + 8)):
        if toks[j].text in QUOTE_CHARS + ",.;:" or art.window_of[j] != art.window_of[v] or toks[j].tag in ("WP", "WDT"):
            break  # (a relative pronoun starts a clause about the speaker: 'wrote a supporter who runs …')
        if ok(j):
            best = j  # the last word of the phrase ("said Sen. John McCain")
        elif best is not None:
            break
    return best


_NP_POS = ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "ADP", "PUNCT")


def _ends_sentence(text: str, qe: int) -> bool:
    """A quotation closing with a full stop and followed by a capitalised word: what follows is a
    new sentence, not the quotation's attribution ('"…." Trump has also announced')."""
    return QUOTE_SENTENCE_ENDS and text[:qe].rstrip("\"”'’ »")[-1:] == "." \
        and text[qe:qe + 40].lstrip()[:1].isupper()


def _verb_after(art: ParsedArticle, qe: int, quote_spans) -> int | None:
    """The verb of an inverted attribution that is not in the lexicons ('"…," Hollande
    retaliated.', '"…," went on Trump'): the first finite verb after the quotation's closing mark,
    with only a noun phrase before it, ahead of the sentence's end."""
    toks, text = art.toks, art.text
    if _ends_sentence(text, qe):
        return None
    k = bisect.bisect_left(art.starts, qe)
    first = k
    for j in range(k, min(len(toks), k + 8)):
        t = toks[j]
        if "\n" in text[qe:t.start] or t.text in QUOTE_CHARS or t.text in (".", ";", ":", "!", "?") \
                or in_spans(t.start, quote_spans) or art.window_of[j] != art.window_of[first]:
            return None
        if t.tag in ("VBD", "VBZ", "VBP"):
            return j
        if t.pos not in _NP_POS or (j == first and t.pos in ("ADP", "PUNCT")):
            return None
    return None


def _verb_before(art: ParsedArticle, qs: int, quote_spans) -> int | None:
    """The verb of the clause that introduces a quotation with a colon or a comma and no cue of
    the lexicons ('Hannity interjected: "…"', 'As Vulture put it, "…"'): climbing from the word
    before the punctuation to the nearest verb with a subject."""
    toks, text = art.toks, art.text
    pre = text[:qs].rstrip(" \t")
    first = text[qs:qs + 3].lstrip("\"“”„«»'‘’")[:1] if MARK_THEN_CAPITAL else text[qs + 1:qs + 2]
    if pre[-1:] not in (":", ",") or not first.isupper():
        return None
    k = bisect.bisect_left(art.starts, len(pre) - 1) - 1
    if k < 0 or in_spans(toks[k].start, quote_spans) or "\n" in text[toks[k].start:qs]:
        return None
    cur = k
    for _ in range(12):
        t = toks[cur]
        if in_spans(t.start, quote_spans):
            return None
        if t.pos == "VERB" and any(toks[c].dep in ("nsubj", "nsubjpass") and not in_spans(toks[c].start, quote_spans)
                                   for c in t.children):
            return cur
        if t.head == cur:
            return None
        cur = t.head
    return None


def _governing_verb(art: ParsedArticle, qs: int, qe: int, quote_spans) -> int | None:
    """The nearest verb outside a quotation that governs it in the parse and has a subject outside
    quotation marks ('De Blasio called Trump a "blowhard"', 'Babar pondered who might "testify …"')."""
    toks = art.toks
    k = bisect.bisect_left(art.starts, qs)
    if k >= len(toks) or toks[k].start >= qe:
        return None
    cur = k
    while cur + 1 < len(toks) and toks[cur].text in QUOTE_CHARS + "'`" and toks[cur + 1].start < qe:
        cur += 1
    for _ in range(12):
        t = toks[cur]
        if not (qs <= t.start < qe) and not in_spans(t.start, quote_spans) and t.pos == "VERB" \
                and any(toks[c].dep in ("nsubj", "nsubjpass") and not in_spans(toks[c].start, quote_spans)
                        for c in t.children):
            return cur
        if t.head == cur or art.window_of[t.head] != art.window_of[k]:
            return None
        cur = t.head
    return None


def _appositive_speaker(art: ParsedArticle, v: int, quote_spans) -> int | None:
    """The name before an apposition set off by commas right before cue v ('Col. Steven Warren, a
    military spokesman in Baghdad, said'), for a cue the parse left without a subject."""
    toks = art.toks
    j = v - 1
    if j < 1 or toks[j].text != "," or art.window_of[j] != art.window_of[v]:
        return None
    if ROLE_THEN_NAME and toks[j - 1].pos == "PROPN" and not in_spans(toks[j - 1].start, quote_spans):
        # 'her senior policy adviser, Jake Sullivan, said': the name set off after its role
        k = j - 1
        while k > 0 and toks[k - 1].pos == "PROPN" and j - k < 4:
            k -= 1
        if k > 1 and toks[k - 1].text == "," and toks[k - 2].pos == "NOUN" and toks[k - 2].sent == toks[v].sent:
            return j - 1
    for k in range(j - 2, max(-1, j - 14), -1):
        t = toks[k]
        if art.window_of[k] != art.window_of[v] or in_spans(t.start, quote_spans) or t.text in QUOTE_CHARS + ".;:":
            return None
        if t.text == ",":
            m = k - 1
            first = toks[k + 1]
            if m >= 0 and toks[m].pos == "PROPN" and not in_spans(toks[m].start, quote_spans) \
                    and first.tag in ("DT", "JJ", "NN", "NNP", "PRP$", "CD") + (("WP",) if RELATIVE_APPOSITION else ()) \
                    and toks[m].sent == toks[v].sent:
                return m
            return None
    return None


def _speaker_before_cue(art: ParsedArticle, v: int, quote_spans) -> int | None:
    """For a cue before its content that the parse left without a subject: the name before a
    comma-set apposition, else the noun phrase right before the cue."""
    spk = _appositive_speaker(art, v, quote_spans) if APPOSITIVE_SUBJECT else None
    return spk if spk is not None else _adjacent_speaker(art, v, quote_spans, before_only=True)


def _clause_link(art: ParsedArticle, outer: int, inner: int) -> str | None:
    """The dependency by which the clause holding token ``inner`` hangs on ``outer`` (None when
    ``outer`` is no ancestor of ``inner``)."""
    toks = art.toks
    cur = inner
    for _ in range(50):
        if toks[cur].head == cur:
            return None
        if toks[cur].head == outer:
            return toks[cur].dep
        cur = toks[cur].head
    return None


def _reports(art: ParsedArticle, outer: int, inner: int) -> bool:
    """Does cue ``outer`` report a clause that holds cue ``inner`` ("He said both sides agreed")?
    (A conj link does not: coordinated cues, "asked … and said"; the nearer reports.)"""
    return _clause_link(art, outer, inner) in ("ccomp", "xcomp", "advcl", "parataxis")


def _trim(art: ParsedArticle, lo: int, hi: int, quote_spans) -> tuple[int, int] | None:
    """Char span of tokens lo..hi with edge punctuation removed and quotations kept whole."""
    toks = art.toks
    while lo <= hi and (toks[lo].text in _EDGE_PUNCT or toks[lo].dep == "cc" and lo < hi):
        lo += 1
    while hi >= lo and (toks[hi].text in _EDGE_PUNCT or toks[hi].text in QUOTE_CHARS and not _opens_before(art, hi, lo)):
        hi -= 1
    if lo > hi:
        return None
    hi = _cut_appendix(art, lo, hi)
    s, e = toks[lo].start, toks[hi].end
    # keep quotations whole: extend to a quotation partly inside
    for qs, qe in quote_spans:
        if qs < s < qe and qe - s < 2000 and art.text[qs:s].strip() in ('"', "“", "''", "„", "«"):
            s = qs
        if qs < e < qe and s <= qs:
            e = qe
    while e > s and art.text[e - 1] in " \t":
        e -= 1
    return s, e


_TIME_MARKS = {"as", "after", "before", "when", "since", "until"}


def _cut_right(art: ParsedArticle, head: int, lo: int, hi: int) -> int:
    """End a complement before trailing adverbial clauses and conjoined verbs of its head
    ("… , referring to …", "… as he faces …", "… and said …"), but not before "and that …"."""
    toks = art.toks
    for k in toks[head].children:
        if k <= head or k > hi:
            continue
        t = toks[k]
        cut = False
        marks = [toks[m].lower for m in t.children if toks[m].dep == "mark"]
        k0 = art.edges(k)[0]
        comma_before = k > 0 and any(toks[m].text == "," for m in range(max(lo, k0 - 1), k0))
        if not comma_before and QUOTE_COMMA_CUT and k0 >= lo + 2 and (toks[k0 - 1].text in QUOTE_CHARS or toks[k0 - 1].text == "''") \
                and toks[k0 - 2].text == ",":
            comma_before = True  # 'things "should be wrapped up by Cleveland," referring to …'
        if t.dep == "advcl" and (t.tag == "VBG" and comma_before or any(m in _TIME_MARKS for m in marks)):
            cut = True
        elif t.dep == "prep" and t.lower in _TIME_MARKS and any(toks[m].dep == "pcomp" for m in t.children):
            cut = True  # "… before sketching out her own ideas"
        elif t.dep == "conj" and not marks and (t.lower in cue_forms() and not (CONJ_COGNITION and t.lower in cognition_verbs())
                                                 or t.tag == "VBG" and comma_before):
            cut = not (CONJ_CUE_QUOTED and t.lower in cue_forms() and (
                _in_quote_tok(art, k) or any(toks[m].dep in ("nsubj", "nsubjpass") for m in t.children)
                and any(_in_quote_tok(art, m) for m in range(k0, art.edges(k)[1] + 1))
                and not re.match(r"\s*[,:]\s*(?:[\"“„«]|'')", art.text[t.end:t.end + 6])))
        if cut:
            new_hi = art.edges(k)[0] - 1
            while new_hi > lo and (toks[new_hi].dep in ("cc", "punct", "mark") and toks[new_hi].text not in QUOTE_CHARS):
                new_hi -= 1
            if new_hi >= lo:
                hi = min(hi, new_hi)
    return hi


_TENSE = {"VBD": "past", "VBN": "past", "VBZ": "pres", "VBP": "pres", "VBG": "ger", "VB": "base", "MD": "base"}


def _tense(art: ParsedArticle, k: int) -> str | None:
    """The form class of verb k as its clause shows it: a modal or infinitival "to" makes it base, a
    finite auxiliary gives its tense ("does not have" is present, "had libeled" past)."""
    toks = art.toks
    aux = [m for m in toks[k].children if toks[m].dep in ("aux", "auxpass") and m < k]
    if any(toks[m].tag == "MD" or toks[m].lower == "to" for m in aux):
        return "base"
    finite = [m for m in aux if toks[m].tag in ("VBD", "VBZ", "VBP")]
    return _TENSE.get(toks[finite[0]].tag if finite else toks[k].tag)


def _cut_cue_conj(art: ParsedArticle, v: int, lo: int, hi: int) -> int:
    """End a reported clause before a verb conjoined to it that is a second predicate of the cue
    ("telling CNN that Trump is a “faker” and questioning how …", "saying that the bill had … - and
    arguing that …"): a verb after "and"/"but", without a subject of its own, in the cue's form where
    its head has another, or any form when it is a cue verb itself after a participle cue ("saying he
    has been a pioneer in promoting women … and calling him “a feminist.”", CUE_CONJ_CUE_VERB). With
    CUE_CONJ_GERUND_ONLY only for participle cues: for finite ones ("said it
    would be “very hard” …, but downplayed the issue") PolNeAR keeps the verb about as often as not
    (train: direct +1 match, all attributions -0.0004 against the participles alone)."""
    toks = art.toks
    cue = _tense(art, v)
    if cue is None:
        return hi
    for k in range(lo + 2, hi + 1):
        t = toks[k]
        if t.pos != "VERB" or not (lo <= t.head <= hi) or t.head == k or _in_quote_tok(art, k):
            continue
        if t.dep not in ("conj", "advcl") or t.tag == "VBN" and t.dep == "advcl":
            continue
        k0 = art.edges(k)[0]
        if k0 != k or not (toks[k - 1].dep == "cc" and toks[k - 1].lower in ("and", "but")):
            continue
        if any(toks[m].dep in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for m in t.children):
            continue
        if _tense(art, k) != cue or toks[t.head].pos != "VERB" or _tense(art, t.head) == cue and not (
                CUE_CONJ_CUE_VERB and cue == "ger" and t.lower in cue_forms()):
            continue
        if CUE_CONJ_GERUND_ONLY and cue != "ger":
            continue
        new_hi = k - 1
        while new_hi > lo and toks[new_hi].dep in ("cc", "punct") and toks[new_hi].text not in QUOTE_CHARS:
            new_hi -= 1
        if new_hi > lo:
            art.cue_conj.setdefault(k, v)  # its speaker is the cue's
            return new_hi
    return hi


_APPENDIX_DEPS = {"appos", "relcl", "acl", "npadvmod", "advcl", "advmod"}


def _appendix_head(art: ParsedArticle, k: int, inside: set[int]) -> int:
    """The highest ancestor of token k that stays inside the span and starts at k."""
    toks = art.toks
    a = k
    while toks[a].head != a and toks[a].head in inside and art.edges(toks[a].head)[0] >= k:
        a = toks[a].head
    return a


def _appendix_at(art: ParsedArticle, k: int, inside: set[int], hi: int) -> bool:
    """Does an appendix (an apposition, relative clause, adverbial …) start at token k and run to the
    end hi of the span?"""
    a = _appendix_head(art, k, inside)
    a_lo, a_hi = art.edges(a)
    return a_lo == k and a_hi >= hi and art.toks[a].dep in _APPENDIX_DEPS


APPENDIX_MODEL = True  # the shipped model (quotewire/models/appendix_cut.json) decides which appendices stay
APPENDIX_MODEL_UNQUOTED_ONLY = True
# the appendix model also sees whether the appendix holds a verb of saying or naming of its own
# (`…, which he called …`, `…, saying …`: a second attribution) and whether its head is one
APPENDIX_CUE_FEATURES = True
# a span holding a quotation keeps a trailing adverbial clause opened by a subordinator (`…, while the
# March states account for …`, `…," just as Clinton did in 2008`) unless that clause has a verb of saying
# or naming of its own (`…, while Cruz said that …`, `…, when asked whether …`)
APPENDIX_SUBORDINATE_KEEP = True
_SUBORDINATE_LEAD_ADVERBS = frozenset({"even", "just", "well", "particularly", "especially", "only", "long", "right"})
DECISION_LOG: list | None = None  # quotewire.training sets a list here to collect the decisions of the rules


def appendix_features(art: ParsedArticle, lo: int, hi: int, sep: int, k: int, after_quote: bool) -> dict[str, float]:
    """What the appendix model sees: the appendix that starts at token k after the separator token
    sep, in the span lo..hi (its head's relation and tag, its first word, the separator, lengths,
    quotation marks before and inside it)."""
    toks = art.toks
    a = _appendix_head(art, k, set(range(lo, hi + 1)))
    h = toks[a].head
    return {"dep=" + toks[a].dep: 1.0, "tag=" + toks[a].tag: 1.0, "first=" + toks[k].lower: 1.0,
            "sep=" + toks[sep].text: 1.0, "headdep=" + toks[h].dep: 1.0, "headtag=" + toks[h].tag: 1.0,
            "dep_first=" + toks[a].dep + "_" + toks[k].lower: 1.0,
            "app_quote": float(any(_in_quote_tok(art, m) for m in range(k, hi + 1))),
            "pre_quote": float(any(_in_quote_tok(art, m) for m in range(lo, sep))),
            "app_len": math.log1p(hi - k + 1), "pre_len": math.log1p(sep - lo), "after_quote": float(after_quote),
            **(_appendix_cue_features(art, hi, k, a) if APPENDIX_CUE_FEATURES else {})}


def _has_own_cue(art: ParsedArticle, k: int, hi: int) -> bool:
    """Does k..hi hold an unquoted verb of saying or naming?"""
    toks = art.toks
    cues, names = cue_forms(), naming_forms()
    return any(toks[m].tag.startswith("VB") and not _in_quote_tok(art, m)
               and (toks[m].lower in cues or toks[m].lower in names) for m in range(k, hi + 1))


def _subordinate_appendix(art: ParsedArticle, k: int, a: int) -> bool:
    """Is the appendix at k (head a) an adverbial clause opened by its subordinator (`while …`,
    `even though …`, `just as …`)?"""
    toks = art.toks
    if toks[a].dep != "advcl":
        return False
    m = k + 1 if toks[k].lower in _SUBORDINATE_LEAD_ADVERBS and k + 1 < a else k
    return toks[m].head == a and (toks[m].dep == "mark" or (toks[m].dep == "advmod" and toks[m].lower in ("when", "whenever")))


def _appendix_cue_features(art: ParsedArticle, hi: int, k: int, a: int) -> dict[str, float]:
    head = art.toks[a].lower
    return {"app_cue": float(_has_own_cue(art, k, hi)), "head_cue": float(head in cue_forms() or head in naming_forms())}


def _cut_here(art: ParsedArticle, lo: int, hi: int, sep: int, k: int, cut_hi: int, after_quote: bool) -> bool:
    """Cut the span lo..hi to lo..cut_hi before the appendix at k? The rule found an appendix; PolNeAR
    keeps about as many appendices as it leaves out, so the learned model decides which (without a
    model: always cut). With DECISION_LOG set, the rule's cut is logged with both ends and kept."""
    if DECISION_LOG is not None:
        toks = art.toks
        DECISION_LOG.append({"kind": "appendix", "start": toks[lo].start, "cut_end": toks[cut_hi].end,
                             "full_end": toks[hi].end,
                             "features": appendix_features(art, lo, hi, sep, k, after_quote)})
        return True
    if APPENDIX_SUBORDINATE_KEEP and any(_in_quote_tok(art, m) for m in range(lo, hi + 1)) \
            and _subordinate_appendix(art, k, _appendix_head(art, k, set(range(lo, hi + 1)))) \
            and not _has_own_cue(art, k, hi):
        return False
    model = load_model("appendix_cut") if APPENDIX_MODEL else None
    if model is None:
        return True
    feats = appendix_features(art, lo, hi, sep, k, after_quote)
    if APPENDIX_MODEL_UNQUOTED_ONLY and (feats["pre_quote"] or feats["app_quote"]):
        return True
    return not model.decide(feats)


def _cut_appendix(art: ParsedArticle, lo: int, hi: int) -> int:
    """End a content span before a trailing appendix set off by a comma or dash: an apposition,
    a non-restrictive relative clause, an adverbial ("…, about 10,000 more than expected",
    "…, where he trailed Clinton", "… — all businesses that …")."""
    toks = art.toks
    inside = set(range(lo, hi + 1))
    for j in range(lo + 3, hi):
        if toks[j].text not in (",", "—", "–", "--", ";"):
            continue
        k = j + 1
        if QUOTE_COMMA_CUT and toks[j].text == "," and _in_quote_tok(art, j) and j + 2 < hi \
                and (toks[k].text in QUOTE_CHARS or toks[k].text == "''") and not _in_quote_tok(art, k + 1):
            # '… "learning on the job," an extraordinary indictment …': the appendix after a quotation
            # closing with a comma (the span keeps the closing mark)
            if toks[k + 1].text not in QUOTE_CHARS and _appendix_at(art, k + 1, inside, hi) \
                    and not (REASON_CONTINUES and toks[k + 1].lower in ("because", "if", "unless", "since", "given", "compared")):
                return k if _cut_here(art, lo, hi, j, k + 1, k, True) else hi
            continue
        if _appendix_at(art, k, inside, hi) and not _in_quote_tok(art, j):
            new_hi = j - 1
            while new_hi > lo and toks[new_hi].text in _EDGE_PUNCT:
                new_hi -= 1
            return new_hi if _cut_here(art, lo, hi, j, k, new_hi, False) else hi
    return hi


def _in_quote_tok(art: ParsedArticle, j: int) -> bool:
    return any(s <= art.toks[j].start < e for s, e in art.quote_spans)


def _opens_before(art: ParsedArticle, hi: int, lo: int) -> bool:
    """Is the quote mark at token hi a closing mark of a quotation opened within lo..hi?"""
    n = sum(1 for j in range(lo, hi + 1) if art.toks[j].text in QUOTE_CHARS or art.toks[j].text == "''")
    return n % 2 == 0


def _before_trailing_attribution(art: ParsedArticle, v: int, quote_spans) -> tuple[int, int] | None:
    """'<clause>, said Geert Wilders, founder of …' / '<clause>, Wilders said.' that the parse did not
    make a clause complement (it took the clause for the cue's subject, or a noun for its verb): the
    attribution closes the sentence after a comma, so what stands before the comma is the content."""
    toks = art.toks
    t = toks[v]
    subj = [c for c in t.children if toks[c].dep in ("nsubj", "nsubjpass")]
    after = [c for c in subj if c > v]
    before = [c for c in subj if c < v and art.edges(c)[0] > 0 and toks[art.edges(c)[0] - 1].text == ","]
    if after and v > 0 and toks[v - 1].text == ",":
        comma = v - 1
        tail = art.edges(after[0])[1]
    elif before and not after and art.edges(before[-1])[1] == v - 1:
        comma = art.edges(before[-1])[0] - 1
        tail = v
    else:
        return None
    sent = t.sent
    first = comma
    while first > 0 and toks[first - 1].sent == sent and art.window_of[first - 1] == art.window_of[v]:
        first -= 1
    # the rest of the sentence is the attribution (its subject, an apposition or a phrase), nothing more
    last = tail
    while last + 1 < len(toks) and toks[last + 1].sent == sent and art.window_of[last + 1] == art.window_of[v]:
        last += 1
    rest = range(tail + 1, last + 1)
    v_hi = art.edges(v)[1]
    if any(k > v_hi and toks[k].pos not in ("PUNCT", "SPACE") for k in rest):
        return None  # the sentence goes on after the attribution: 'If …, she said, women …'
    if any(toks[k].dep in ("ccomp", "xcomp", "dobj") and toks[k].head == v for k in rest) or \
            any(_in_quote_tok(art, k) for k in rest) or any(toks[k].pos == "VERB" and toks[k].head == v for k in rest):
        return None
    if comma - first < 4 or _in_quote_tok(art, comma - 1) and toks[first].text in QUOTE_CHARS:
        return None  # too short for a clause; a whole quotation ('"…," said X') is a direct quote already
    if any(toks[k].lower in cue_forms() and toks[k].pos == "VERB" for k in range(first, comma)):
        return None  # a cue of its own stands in it
    if toks[first].tag in ("IN", "WRB", "RB", "TO") or toks[last].text == ":" or \
            not any(toks[k].tag in _FINITE for k in range(first, comma)):
        return None  # a lead ('In a statement, Smith said: …', 'If …, he said.'), not a clause of its own
    return _trim(art, first, comma - 1, quote_spans)


def _past_quotation(pos: int, quote_spans) -> int:
    """pos, or the end of the quotation pos falls inside (a span never ends between a quotation's marks)."""
    for qs, qe in quote_spans:
        if qs < pos < qe:
            return qe
    return pos


_REASON_MARKS = {"because", "since", "unless", "if", "given", "until", "as", "once"}


def _reason_tail(art: ParsedArticle, span: tuple[int, int], quote_spans) -> tuple[int, int]:
    """Extend reported content over a reason or condition clause that follows it with no comma of
    its own ('that such a request was "futile," because if there were …', 'said he could not require
    me to pay restitution since my offense had not harmed anybody', '… to “shut up” unless …'): PolNeAR
    keeps such a clause in the content whoever the parse hangs it on."""
    toks, text = art.toks, art.text
    s, e = span
    if any(qs == s and qe == e for qs, qe in quote_spans):
        return span  # a whole quotation ('yells, "Don't you do it," until gunshots are heard') is a direct quote
    k = art.tok_at(e - 1)
    if k is None or k + 1 >= len(toks):
        return span
    j = k + 1
    t = toks[j]
    if t.sent != toks[k].sent or art.window_of[j] != art.window_of[k] or text[e:t.start].strip() \
            or t.lower not in _REASON_MARKS or _in_quote_tok(art, j):
        return span
    if t.dep == "mark":
        head = t.head
        if head <= j or art.edges(head)[0] != j:
            return span
    elif t.dep in ("prep", "advcl") and t.lower in ("given", "because"):
        head = j
    else:
        return span
    hi = art.edges(head)[1]
    while hi > j and (toks[hi].text in _EDGE_PUNCT or toks[hi].text in QUOTE_CHARS and not _opens_before(art, hi, j)):
        hi -= 1
    if hi <= j:
        return span
    new_e = _past_quotation(toks[hi].end, quote_spans)
    return s, max(e, new_e)


def _content_span(art: ParsedArticle, v: int, cls: str, quote_spans) -> tuple[int, int] | None:
    """The reported content governed by cue v (a clause complement, inverted main clause ...)."""
    span = _content_span_base(art, v, cls, quote_spans)
    if span is not None and REASON_TAIL and cls != "according":
        span = _reason_tail(art, span, quote_spans)
    return span


def _content_span_base(art: ParsedArticle, v: int, cls: str, quote_spans) -> tuple[int, int] | None:
    """The reported content governed by cue v before a reason clause after it is joined."""
    toks = art.toks
    t = toks[v]
    if cls == "according":
        last = v + len(according_cues()[0]) - 1
        head = t.head if t.dep == "prep" else (toks[last].head if toks[last].dep == "prep" else t.head)
        if head == v or art.window_of[head] != art.window_of[v]:
            return None
        acc_lo, acc_hi = art.edges(v) if t.dep == "prep" else (v, last)
        # include the pobj subtree of "to"
        for c in toks[last].children:
            _, h2 = art.edges(c)
            acc_hi = max(acc_hi, h2)
        lo, hi = art.edges(head)
        while hi > lo and toks[hi].pos == "PUNCT" and toks[hi].text not in QUOTE_CHARS:
            hi -= 1
        if acc_lo <= lo:
            lo = acc_hi + 1
        elif acc_hi >= hi:
            hi = acc_lo - 1
        # else: the phrase sits inside its clause ("X is, according to aides, likely to run"): keep all
        return _trim(art, lo, hi, quote_spans) if lo <= hi else None
    kids = t.children
    comp = [c for c in kids if toks[c].dep in ("ccomp",) and c > v]
    if not comp:
        comp = [c for c in kids if toks[c].dep == "xcomp" and c > v]
    if not comp and THAT_CLAUSE_IN_PP and cls in ("say", "tell"):
        # "said in a statement that …": the that-clause parsed as a modifier of the noun
        for c in kids:
            if c > v and toks[c].dep in ("prep", "npadvmod"):
                comp = [d for d in art.subtree(c) if toks[d].dep in ("acl", "ccomp") + (("relcl",) if THAT_RELCL else ()) and (any(
                    toks[m].dep == "mark" and toks[m].lower == "that" for m in toks[d].children) or THAT_OBJECT_RELCL and toks[d].dep == "relcl"
                    and toks[art.edges(d)[0]].lower == "that" and toks[art.edges(d)[0]].dep == "dobj"
                    and sum(toks[m].dep == "dobj" for m in toks[d].children) >= 2)][:1]
                if comp:
                    break
    if comp:
        c = comp[0]
        lo, hi = art.edges(c)
        objs = [k for k in kids if toks[k].dep in ("dobj",) and v < k < c]
        subjless = CCOMP_SUBJECT_AS_OBJECT and cls != "judge" and toks[c].dep == "ccomp" and not any(
            toks[m].dep in ("nsubj", "nsubjpass", "expl", "csubj", "mark") for m in toks[c].children) and (
            toks[c].tag in ("VBZ", "VBD", "VBP") or any(toks[m].dep in ("aux", "auxpass") and toks[m].tag in _FINITE
                for m in toks[c].children))  # a finite clause
        if subjless:
            # 'argued the pipeline, which …, "wouldn't go 10 feet"', 'said the way the operation … "would
            # be …"': the parse took the subject of the reported clause for the cue's object or adverb
            objs = [k for k in kids if toks[k].dep in ("dobj", "npadvmod") and v < k < c and toks[k].pos in ("NOUN", "PROPN")]
        if objs and (cls == "judge" or toks[c].dep == "xcomp" or subjless):
            # "called X …", "asked a woman to …", "expected Priebus to be …": the object is content
            lo = min(lo, art.edges(objs[0])[0])
        elif PASSIVE_RAISING and toks[c].dep == "xcomp" and c > v and any(toks[k].dep == "auxpass" for k in kids) and [
                k for k in kids if toks[k].dep == "nsubjpass" and k < v]:
            # "Trump is expected to deliver a speech", "Priebus was said to be “furious”": PolNeAR takes
            # the raised subject and the passive verb with the infinitive
            c_lo = lo
            subj_lo, subj_hi = art.edges([k for k in kids if toks[k].dep == "nsubjpass" and k < v][0])
            lo = min(lo, subj_lo)
            art.raising[v] = (subj_hi, c_lo)
        elif CALL_ON and toks[c].dep == "xcomp":
            # "called on fellow Muslims to …": the addressee of "on" too
            on = [k for k in kids if toks[k].dep == "prep" and toks[k].lower in ("on", "upon") and v < k < c]
            pob = [m for k in on for m in toks[k].children if toks[m].dep == "pobj"]
            if pob:
                lo = min(lo, art.edges(pob[0])[0])
        hi = _cut_right(art, c, lo, hi)
        if CUE_CONJ_CUT:
            hi = _cut_cue_conj(art, v, lo, hi)
        # "said that A but that B": a conjoined complement
        for k in kids:
            if toks[k].dep == "conj" and k > hi and any(toks[m].dep == "mark" for m in toks[k].children):
                hi = max(hi, art.edges(k)[1])
            elif CONJ_QUOTE_EXTEND and toks[k].dep in _CUE_CHILD_EXTEND and k > hi and (
                    toks[k].lower not in cue_forms() and not any(toks[m].dep in ("nsubj", "nsubjpass") for m in toks[k].children)
                    or CONJ_COGNITION_EXTEND and toks[k].dep == "conj" and toks[k].lower in cognition_verbs()) \
                    and any(_in_quote_tok(art, m) for m in range(art.edges(k)[0], art.edges(k)[1] + 1)) \
                    and all(toks[m].dep in ("cc", "punct", "aux") or _in_quote_tok(art, m) for m in range(hi + 1, art.edges(k)[0])):
                # 'said the goal was not to "A" but to "B"' with "but to …" parsed on the cue (and
                # other dependents of the cue that continue the clause with a quotation)
                hi = max(hi, art.edges(k)[1])
        return _trim(art, lo, hi, quote_spans)
    left = [c for c in kids if toks[c].dep in ("ccomp", "parataxis") and c < v]
    if left and JUDGE_OBJECT_FIRST and cls == "judge" and any(toks[k].dep in ("dobj", "oprd") and k > v for k in kids):
        left = []  # '… ire - he called her "weak"': a judgement verb judges its object, not the clause before it
    if left:
        lo, hi = art.edges(left[-1])
        if LEFT_QUOTE_ONLY:
            # '… drive: "Change the world …," she said': a clause ending in a quotation right before
            # its attribution reports that quotation, not the sentence before it
            tail = [(qs, qe) for qs, qe in quote_spans if toks[lo].start < qs and toks[hi].end - 2 <= qe <= toks[hi].end + 2]
            if tail and re.search(r"[:;]\s*$", art.text[toks[lo].start:tail[0][0]]):
                return None
        return _trim(art, lo, hi, quote_spans)
    if t.dep in ("parataxis", "ccomp") and t.head < v and art.window_of[t.head] == art.window_of[v] and not (
            PARENTHETICAL_NOT_COMPLEMENT and (any(toks[c].dep == "mark" for c in kids)
                                              or toks[art.edges(v)[0]].tag in ("WP", "WDT", "WRB", "WP$"))):
        # 'The economy, he said, is strong': the cue's clause is a parenthetical inside the content. Not
        # a cue that is itself a subordinate clause ('He said that he would offer …' made "He said" the
        # content of "offer", 'Trump isn't saying what other techniques he would support' "Trump isn't
        # saying" that of "support")
        subj = [c for c in kids if toks[c].dep in ("nsubj",)]
        if subj:
            hlo, _ = art.edges(t.head)
            vlo, _ = art.edges(v)
            k0 = vlo
            while k0 < v and toks[k0].text in _EDGE_PUNCT:
                k0 += 1
            if PARENTHETICAL_SET_OFF and k0 > 0 and not re.search(r"[,;:—–-]\W*$", art.text[toks[k0 - 1].start:toks[k0].start]):
                return None  # 'Rubio says he opposes …': a complement, not an attribution set off by punctuation
            return _trim(art, hlo, vlo - 1, quote_spans) if hlo < vlo else None
    if TRAILING_ATTRIBUTION and cls == "say":
        span = _before_trailing_attribution(art, v, quote_spans)
        if span is not None:
            return span
    if cls == "judge":
        objs = [k for k in kids if toks[k].dep in ("dobj", "oprd") and k > v]
        if objs:
            lo = art.edges(objs[0])[0]
            hi = art.edges(objs[0])[1]
            for k in kids:
                if k > hi and toks[k].dep in ("oprd", "prep", "xcomp", "advcl") and toks[k].lower not in ("in", "on", "at", "during", "after", "before", "while"):
                    klo = art.edges(k)[0]
                    if all(toks[m].pos == "PUNCT" for m in range(hi + 1, klo)) and toks[klo].start - toks[hi].end <= 3:
                        hi = art.edges(k)[1]
            if JUDGE_QUOTE_EXTEND:
                # 'called Florida's standards "strong."' with the quotation parsed elsewhere: a
                # quotation right after the object is the judgement
                for qs, qe in quote_spans:
                    if 0 <= qs - toks[hi].end <= 2 and not art.text[toks[hi].end:qs].strip():
                        while hi + 1 < len(toks) and toks[hi + 1].start < qe and art.window_of[hi + 1] == art.window_of[v]:
                            hi += 1
                        break
            return _trim(art, lo, hi, quote_spans)
    if cls == "say":
        objs = [k for k in kids if toks[k].dep == "dobj" and k > v]
        if objs and toks[objs[0]].pos not in ("PRON",):
            lo, hi = art.edges(objs[0])
            if any(in_spans(toks[j].start, quote_spans) for j in range(lo, hi + 1)):
                return _trim(art, lo, hi, quote_spans)
    if PREP_CONTENT:
        # "called for a ban on …", "asked about the emails", "referring to the attacks": the object
        # of the preposition that a cue verb selects is the content
        for k in kids:
            if k > v and toks[k].dep == "prep" and (toks[k].lower in _CONTENT_PREPS or
                                                     cls == "judge" and toks[k].lower == "to" or
                                                     PREP_QUOTE_CONTENT and _prep_quote(art, v, k, quote_spans)):
                pobj = [c for c in toks[k].children if toks[c].dep in ("pobj", "pcomp")]
                if pobj:
                    lo, hi = art.edges(pobj[0])
                    hi = _cut_appendix(art, lo, hi)
                    as_ = [m for m in kids if m > hi and toks[m].dep == "prep" and toks[m].lower == "as"] \
                        if REFER_TO_AS and cls == "judge" and toks[k].lower == "to" else []
                    if as_ and all(toks[m].pos == "PUNCT" or toks[m].dep in ("advmod",) for m in range(art.edges(pobj[0])[1] + 1, as_[0])):
                        # 'referred to immigrants as "rapists"': the "as" phrase is what they were called
                        hi = art.edges(as_[0])[1]
                        for m in range(as_[0] + 1, hi + 1):
                            if toks[m].dep == "prep" and toks[m].lower in ("in", "on", "at", "during", "after", "before", "while") \
                                    and toks[m - 1].text in QUOTE_CHARS + "''":
                                hi = m - 1  # '… as "…" in a Facebook post'
                                break
                    return _trim(art, lo, hi, quote_spans)
    return None


_CONTENT_PREPS = {"for", "about"}


def _noun_cue_speaker(art: ParsedArticle, t: Tok) -> int | None:
    """Who speaks through a noun of saying ('her remark that …', 'his call for …'): its possessor, else
    the subject of the verb it depends on."""
    poss = [k for k in t.children if art.toks[k].dep == "poss"]
    if poss:
        return poss[0]
    return _subject(art, t.head, "say") if art.toks[t.head].pos in ("VERB", "AUX") else None


def _prep_quote(art: ParsedArticle, v: int, k: int, quote_spans) -> bool:
    """'warned of a "ferocious" battle …': a cue verb's preposition from cue_prep_heads.txt whose
    object holds a quotation."""
    toks = art.toks
    if toks[k].lower not in prep_heads().get((toks[v].lower, "VERB"), ()):
        return False
    lo, hi = art.edges(k)
    return any(in_spans(toks[j].start, quote_spans) for j in range(lo + 1, hi + 1))
# a cue's dependents right after its reported clause that, holding a quotation, belong to the clause
# (the parse hung them on the cue): 'said the goal was not to "A" but to "B"', '… "unheard of."'
_CUE_CHILD_EXTEND = {"conj", "oprd", "attr", "acomp", "advcl", "xcomp", "ccomp", "npadvmod", "dobj"}


JOIN_FLOATING = True
JOIN_ON_FALLBACK_VERB = True
ACL_SUBJECT = True
THAT_CLAUSE_QUOTES = True
THAT_CLAUSE_IN_PP = True
SECOND_CUE_SPLITS = True
FALLBACK_VERBS = True
APPOSITIVE_SUBJECT = True
GOVERNING_VERB = True
INHERIT_IN_PARAGRAPH = True
PREP_CONTENT = True
SPLIT_STOPS_AT_OWN_CUE = True
CONJ_PASSIVE_SUBJECT = True
PARTICIPLE_OBJECT = True
QUOTE_SENTENCE_ENDS = True
REPORTED_SUBJECT_FALLBACK = True
RELATIVE_APPOSITION = True
SPLIT_FIRST_PART_END = True
PAREN_SUBJECT = True
THAT_RELCL = True
THAT_QUOTE_MIXED = True
JUDGE_QUOTE_EXTEND = True
FRAGMENT_NO_FLOAT = True
SPLIT_GAP_TITLE = True
SPLIT_UNPUNCTUATED_FIRST = True  # "A" Grubbs said. "B." (no comma closing A)
SPLIT_WITHOUT_CUE = True  # "A," the two write. "B." with no verb found in the attribution
SPLIT_CONJOINED = True  # "A," and "B." (two quotations conjoined)
SPLIT_GAP_NO_COMMA = True  # "A," she said "B." (no comma after the attribution)
SHORT_SAID_NAMED = True  # '"Absolutely," Smith said': a short quotation attributed by name is speech
LEAD_BEFORE_PARENTHETICAL = True
ACCORDING_TAIL_SENTENCE = True  # '… Mrs. Clinton "cares about people like me," according to a Quinnipiac poll': content from the sentence start
PAREN_MID = True
PAREN_ADVERBIAL = False
PAREN_OWN_CUE = True
PAREN_LEAD_VERB_CUE = True
PAREN_VBP = True
PAREN_TO_SENTENCE_END = True
PAREN_AFTER_COLON = True
PAREN_CUE_OBJECT = True
PAREN_SUBJECT_FIRST = True
PAREN_ABBREV = True
PAREN_MID_COMMA = True
PAREN_TAIL_QUOTES = True
PAREN_LOWER_LEAD = True
NOUN_CUES = True
NOUN_CUE_INFINITIVE = True  # 'his promise to be "neutral" in …': a noun of saying or urging with a to-infinitive holding a quotation
PREP_QUOTE_CONTENT = True  # 'rails against its "…"', 'his call for "a … ban" on …'
PREP_QUOTE_TERM = True  # 'spoke out for "shotgun marriages"': that object all quoted is kept, not a term
CUE_CONTENT_TERM = True  # 'pledged a "political revolution"': any cue's content that is all quotation is kept
SKIP_PARENS = True
PREV_SENTENCE_CUE = True
LEADING_CONJUNCTION = True
CALL_ON = True
ROOT_NOUN_SUBJECT = True
PREV_PARAGRAPH_CUE = True
THAT_BEFORE_WINS = True
COLON_VERB_FIRST = True
SHORT_SAID = True
SIGNATURE = True
AS_JUDGEMENT = True
AS_JUDGEMENT_TITLE = True  # 'identified the judge as "Spanish,"': a Title Case quotation in the as-phrase counts too
TERM_CUE_NO_CONTENT = True  # a short quoted term after a cue the parse gave no content: the rest of the sentence
THAT_CONJ_MIXED = True
LEFT_QUOTE_ONLY = True
QUOTE_COMMA_CUT = True
SECOND_CUE_VERBS = True
QUOTES_JOINED_BY_CONJ = True
NO_EXPLETIVE_IT = True
CONJ_QUOTE_EXTEND = True
ROLE_THEN_NAME = True
MARK_THEN_CAPITAL = True
CONJ_CUE_QUOTED = True
JOIN_ADJACENT_REPORTED = True
JOIN_GAP = 80  # characters between a reported clause and the quotation that continues it
THAT_OBJECT_RELCL = True
CONJ_COGNITION = True
TRANSCRIPT_TURNS = True
TITLE_BY = True
FRAGMENT_NO_SPLIT = True
TRAILING_ATTRIBUTION = True
CONJ_COGNITION_EXTEND = True
SUBJECT_LEAD = True
SUBJECT_LEAD_AUX = True  # '… the leading candidate "has surprisingly earned …"': a quotation starting with an auxiliary (its verb's subject)
REASON_CONTINUES = True
CUE_CONJ_CUT = True
CUE_CONJ_GERUND_ONLY = True
CUE_CONJ_CUE_VERB = True
PASSIVE_RAISING = True  # 'X is expected/said to …': the content runs from the passive's subject
CCOMP_SUBJECT_AS_OBJECT = True  # a reported clause without a subject takes the cue's object before it as its subject
REASON_TAIL = True
PARENTHETICAL_NOT_COMPLEMENT = True
PARENTHETICAL_SET_OFF = True
COLON_COMPLEMENT_JOIN = True  # 'said that she sent … the same text: "…"': a quotation after a colon ending the cue's reported clause continues it
CUE_ADVERBIAL_LEAD = True  # 'says if elected president \"I will …\"': an adverbial clause between cue and quotation is content
SENTENCE_LEAD_QUOTE = True  # 'Many Americans then saw the Democrats as "the party of …," From said.': the sentence's unquoted start is content
SHORT_TERM_WORDS = 5  # a quoted phrase this short, with no punctuation, standing alone is a term
JUDGE_FRONTED = True  # the object of a naming verb before it: 'which he called "…"' (content: object + name)
JUDGE_FRONTED_WHAT = True  # 'what he called "…"' too (train: 4 more matches, none lost)
JUDGE_FRONTED_PASSIVE = True  # 'The new project will be dubbed the "…"': the passive subject is the object
JUDGE_FRONTED_CUT_PLACE = True  # '"…" in his 1969 book' after the name is not content
JUDGE_FRONTED_SPEAKER = True  # the naming verb's subject (or agent) speaks, never the judged object
JUDGE_OBJECT_FIRST = True  # a judgement verb with an object after it does not report the clause before it
JUDGE_FRONTED_BEING = True  # 'being dubbed the "…"': content from "being"
REFER_TO_AS = True  # 'referred to X as "…"': content X + the as-phrase
TITLE_SUBTITLE = True  # "Crippled America: How to Make America Great Again" is a title
TITLE_OBJECT = True  # reported speech that is only a quoted title is no attribution
TITLE_BY_EXCERPT = True  # '"Headline," by X's Y: "excerpt …"': the excerpt is no quotation either
TWEET_MARKUP = True  # no quotations inside an embedded <tweet …>…</tweet>
HEADLINE_COLON = True  # "Poll: Voters Abandon …" / "Trump: …" at the start of the headline
DASH_TAIL_WORDS = 5  # '… help "up-skill" workers - and he makes sure to include coal workers': a span ends at a
# dash after its last quotation mark when 5+ words follow the dash and no second dash closes them (0: off)
VERBLESS_LEAD_BARE = True  # 'told Fox host Matt Boyle, "Hillary's campaign …"': a verbless lead set off before a sentence quotation is no content
VERBLESS_LEAD_NOT_THAT = True  # … unless it opens with "that" ('said that in 2009, "I called …"'; train: 3 more wins with, 3 losses without)
PARTICIPLE_CUE_LEAD = True  # 'X, saying that …"…"' / '… and adding, "…"' / 'X as saying "…"' inside a span: content after the participle
DASH_QUOTE_ASIDE = True  # 'X - "Born with a silver spoon," Mr. Elkins said - but …': the quotation only, not X
TITLE_SENTENCE = True  # a capitalised quotation that is a sentence of its own ('… recently. “Donald Trump.”') is speech
PHRASE_CONJ_NOUN = True  # with it: '… as "rapists" and criminals who take American jobs' (a noun conjoined to one of the span)
PHRASE_CONTINUES = True  # a span ending at a closing mark inside a phrase ('“broken” campaign finance system') takes the phrase


_SIGNATURE = re.compile(r"\s*[―—–-]{1,2}[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t\xa0]*\.?[ \t\xa0]*(?=\n|$)")


def last_para(c: _Cand) -> int:
    return c.para if c.para_end is None else c.para_end


def _attribute(text: str, art: ParsedArticle, quote_spans: list[tuple[int, int]]) -> list[Quote]:
    toks = art.toks
    names = Names(art)
    cues = _find_cues(art, quote_spans)
    cue_cls = {c[0]: c[1] for c in cues}
    for ci, cls, _span in cues:  # who speaks in this article (for pronouns)
        sj = _subject(art, ci, cls)
        w = names.name_at(sj) if sj is not None else None
        if w is None and sj is not None and APPOSITIVE_NAME:
            w = (names.appositive_name(sj) or (None, None))[0]
        if w:
            names.speakers.setdefault(names.canonical(w), toks[ci].start)
    cue_span = {c[0]: c[2] for c in cues}
    paras = paragraphs(text)
    para_starts = [p[0] for p in paras]

    def para_of(pos: int) -> int:
        return bisect.bisect_right(para_starts, pos) - 1

    def no_sentence_end(a: int, b: int) -> bool:
        gap = text[a:b]
        if "\n" in gap:
            return False
        for m in _SENT_END.finditer(gap):
            word = gap[:m.start()].split()[-1:] or [""]
            if m.group() == "." and (len(word[0]) <= 4 and word[0][:1].isupper() or "." in word[0]):
                continue  # "Gov. Kasich", "U.S. officials"
            return False
        return True

    cue_starts = sorted(span[0] for _c, _cls, span in cues)

    speech_spans = [(a, b) for a, b in quote_spans if not _title_like(text[a:b].strip(QUOTE_CHARS + "'‘’ "))
                    or SHORT_SAID and _said_after(text, cue_starts, paras[para_of(a)][0], a, b)
                    or TITLE_SENTENCE and _sentence_said(text, paras[para_of(a)][0], a, b)]

    def has_quote(a: int, b: int) -> bool:
        return _has_quote(speech_spans, a, b)

    # --- direct: choose a cue for each quotation ---------------------------------------------
    def cue_after(qs: int, qe: int) -> int | None:
        if _ends_sentence(text, qe):
            return None  # '"… total vote gap." Trump has also announced …': a new sentence
        for ci, cls, (cs, ce) in cues:
            if cs >= qe and cs - qe <= 150 and cls != "according":
                if no_sentence_end(qe, cs) and not has_quote(qe, cs):
                    return ci
                return None
        return None

    def cue_before(qs: int, qe: int) -> int | None:
        """The cue before a quotation in its sentence: the nearest one that governs it in the parse
        (climbing out of a reported clause to the cue that reports it), else the nearest one with
        no sentence end in between."""
        q_tok = art.tok_at(qs)
        q_toks = [k for k in (q_tok, q_tok + 1 if q_tok is not None else None) if k is not None and k < len(toks)]
        governing, plain = [], []
        for ci, cls, (cs, ce) in cues:
            if ce > qs:
                break
            if para_of(cs) != para_of(qs):
                continue
            if any(art.is_ancestor(ci, k) for k in q_toks):
                governing.append(ci)
                continue
            same_sent = any(toks[ci].sent == toks[k].sent for k in q_toks)
            plain_gap = no_sentence_end(ce, qs) and not has_quote(ce, qs)
            if (same_sent and plain_gap) or (plain_gap and qs - ce < 120):
                plain.append(ci)
        if governing:
            best = governing[-1]
            for outer in reversed(governing[:-1]):
                if _reports(art, outer, best):
                    best = outer
            return best
        return plain[-1] if plain else None

    def colon_lead(qs: int) -> int | None:
        """A quotation opening its paragraph after a paragraph that ends with a colon ("Cruz
        continued:"): the cue (or main verb) of that paragraph's last sentence."""
        pi = para_of(qs)
        if pi <= 0 or text[paras[pi][0]:qs].strip():
            return None
        ps, pe = paras[pi - 1]
        if not text[ps:pe].rstrip().endswith(":"):
            return None
        last = art.tok_at(text.rindex(":", ps, pe))
        if last is None:
            return None
        sent = toks[last].sent
        mine = [ci for ci, _c, (cs, ce) in cues if ps <= cs < pe and toks[ci].sent == sent]
        if mine:
            return mine[-1]
        roots = [t.i for t in toks if t.sent == sent and t.head == t.i and t.pos in ("VERB", "AUX")]
        return roots[-1] if roots else None

    def substantial(qs: int, qe: int) -> bool:
        """Would an unattributed quotation here be kept (not a scare quote or a name)?"""
        words = len(text[qs:qe].split())
        opens = not text[paras[para_of(qs)][0]:qs].strip() or text[:qs].rstrip()[-1:] in (":", ".")
        return not (words < 6 and not re.search(r"[.!?,]\W*$", text[qs:qe]) or words <= 2 and not opens)

    def _b_attributed(b: tuple[int, int]) -> bool:
        inner_end = text[b[0]:b[1]].rstrip("\"”'’ »")[-1:]
        return inner_end in (",", "—", "–", "-", "?", "!") and cue_after(*b) is not None

    def opens_sentence(pos: int) -> bool:
        """Does nothing but space stand before pos in its sentence?"""
        return not text[_last_sentence_start(text, paras[para_of(pos)][0], pos):pos].strip()

    def _completes(b: tuple[int, int]) -> bool:
        """Does the quotation end its sentence ('"…."', '"…".')?"""
        return text[b[0]:b[1]].rstrip("\"“”'’ »")[-1:] in (".", "!", "?", "…") or text[b[1]:b[1] + 1] in (".", "!", "?")

    quotes = sorted(speech_spans)
    groups: list[list[int]] = []  # indices into quotes, merged split quotations
    extend_to: dict[int, int] = {}  # a first part that goes on unquoted up to its attribution's comma
    i = 0
    while i < len(quotes):
        g = [i]
        while g[-1] + 1 < len(quotes):
            a, b = quotes[g[-1]], quotes[g[-1] + 1]
            gap = text[a[1]:b[0]]
            inner_end = text[a[0]:a[1]].rstrip("\"”'’ »")[-1:]
            ca = cue_after(*a)
            if ca is None and JOIN_ON_FALLBACK_VERB and FALLBACK_VERBS:
                ca = _verb_after(art, a[1], quote_spans)  # '"…," Hollande retaliated. "…"'
            ends = gap.rstrip()[-1:]
            if SPLIT_GAP_TITLE and ends in QUOTE_CHARS + "'’":
                ends = gap.rstrip().rstrip(QUOTE_CHARS + "'’")[-1:]  # '… said on "This Week." "…"'
            if SPLIT_STOPS_AT_OWN_CUE and ends == "." and _b_attributed(b):
                break  # '"A," he told them. "B," he said, …': B is a quotation of its own
            if FRAGMENT_NO_SPLIT and len(g) == 1 and ends == "," and cue_before(*a) is not None \
                    and not opens_sentence(a[0]):
                break  # 'said the convention could be "messy," adding, "…"': a fragment of a reported clause
            # '"A" Grubbs said. "B."', '"A" before the incident, she said. "B."': a first part that
            # does not end in a comma, opens its sentence and is attributed after it (and not before)
            # is joined with a second part that ends its own sentence
            ext = None
            sentence_first = ca is not None and ends == "." and inner_end not in (".", ":", ";") \
                and SPLIT_UNPUNCTUATED_FIRST and cue_before(*a) is None and _completes(b) \
                and opens_sentence(a[0])
            if sentence_first and inner_end not in (",", "—", "-", "–", "?", "!") and toks[ca].start < b[0]:
                tail = text[a[1]:toks[ca].start]
                if "," in tail and tail[:tail.rindex(",")].strip():
                    ext = a[1] + len(tail[:tail.rindex(",")].rstrip())
            if ca is None and SPLIT_WITHOUT_CUE and ends == "." and inner_end in (",", "?", "!") and _completes(b) \
                    and len(gap) <= 120 and "\n" not in gap and not has_quote(a[1], b[0]) \
                    and cue_before(*a) is None and not _gap_sentences(gap) \
                    and opens_sentence(a[0]):
                # '"A," the two write. "B."' with a verb the parse did not find: the sentence is the attribution
                g.append(g[-1] + 1)
                continue
            if SPLIT_CONJOINED and re.fullmatch(r"\s*,?\s*(?:and|or)\s*,?\s*", gap) \
                    and substantial(*a) and substantial(*b):
                # 'chanted, "Send them home," and "Build the wall."': two quotations conjoined are one
                g.append(g[-1] + 1)
                continue
            if SPLIT_GAP_NO_COMMA and ca is not None and inner_end == "," and ends.isalpha() \
                    and len(gap.split()) <= 3 and no_sentence_end(a[1], b[0]) \
                    and text[b[0]:b[1]].lstrip("\"“”„«»'‘’ ")[:1].isupper():
                ends = ","  # '"A," she said "B."': the comma after the attribution left out
            if ca is not None and len(gap) <= 300 and "\n" not in gap and (inner_end in (",", "—", "-", "–") or
                                                                         inner_end in ("?", "!") and ends == "." or sentence_first) \
                    and ends in (",", ".") and toks[ca].start < b[0] \
                    and not (SECOND_CUE_SPLITS and ends == "," and (
                             sum(toks[k].lower in cue_forms() and toks[k].pos == "VERB"
                                 for k in range(bisect.bisect_left(art.starts, a[1]), bisect.bisect_left(art.starts, b[0])))
                             >= 2 if SECOND_CUE_VERBS else
                             sum(w.lower() in cue_forms() for w in WORDS.findall(gap)) >= 2)):
                # (not when the gap ends with a second attribution: '"…," he said, adding, "…"')
                # (not after a colon: '"…," he said, adding: "…"' introduces a new quotation)
                # the attribution sits between the two parts: one quotation
                if ext is not None:
                    extend_to[g[-1]] = ext  # '"A" before the incident, she said. "B."': A's clause goes on
                g.append(g[-1] + 1)
                continue
            break
        groups.append(g)
        i = g[-1] + 1

    cands: list[_Cand] = []
    absorbed: list[tuple[int, int]] = []  # quotations taken into the clause of an earlier one (PAREN_TAIL_QUOTES)
    for g in groups:
        qs, qe = quotes[g[0]][0], quotes[g[-1]][1]
        inner = text[quotes[g[0]][0]:quotes[g[0]][1]].strip("\"“”„«»' ")
        ends_comma = inner[-1:] in (",", "—", "-", "–", "?", "!")
        para_start = text[paras[para_of(qs)][0]:qs].strip() == "" if para_of(qs) >= 0 else True
        after = cue_after(quotes[g[0]][0], quotes[g[0]][1]) if len(g) > 1 else cue_after(qs, qe)
        before = cue_before(qs, qe)
        if ends_comma or para_start:
            ci = after if after is not None else before
            if THAT_BEFORE_WINS and before is not None and re.search(r"\bthat\s*$", text[max(0, qs - 10):qs]):
                ci = before  # 'Trump claimed that "…," one of the prosecutors said …': the that-clause's cue
        else:
            ci = before if before is not None else after
        colon_joins = False
        if COLON_VERB_FIRST and ci is not None and toks[ci].start < qs and text[:qs].rstrip().endswith(":"):
            vb = _verb_before(art, qs, quote_spans)
            if vb is not None and toks[vb].start > toks[ci].end:
                if COLON_COMPLEMENT_JOIN and _clause_link(art, ci, vb) == "ccomp" \
                        and toks[vb].lower not in cue_forms():
                    # 'said that she sent … the same text: "Do you feel the bern?"': the verb before the
                    # colon is inside the cue's reported clause, which the quotation continues
                    colon_joins = True
                else:
                    ci = vb  # 'When Trump suggested that …, Rubio fired back: "…"': the verb before the colon
                    cue_span.setdefault(vb, (toks[vb].start, toks[vb].end))
                    cue_cls.setdefault(vb, "say")
        cand = _Cand(qs, qe, "direct", para=para_of(qs), parts=[(quotes[k][0], extend_to.get(k, quotes[k][1])) for k in g] if len(g) > 1 else None,
                     colon_join=colon_joins)
        if ci is not None:
            cand.cue = ci
            cand.cue_span = cue_span[ci]
            cand.speaker_tok = _subject(art, ci, cue_cls[ci])
            if cand.speaker_tok is not None and in_spans(toks[cand.speaker_tok].start, quote_spans):
                # the parse took a word of the quotation as the subject: use the noun phrase that
                # stands next to the cue instead ('"…," Trump said', '"…," said Trump')
                cand.speaker_tok = _adjacent_speaker(art, ci, quote_spans)
            elif cand.speaker_tok is None and toks[ci].start >= (quotes[g[0]][1] if SPLIT_FIRST_PART_END else qe):
                # '"…," Viguerie notes.' parsed as a noun phrase: the name next to the cue
                cand.speaker_tok = _adjacent_speaker(art, ci, quote_spans)
            if cand.speaker_tok is None and APPOSITIVE_SUBJECT:
                # 'Col. Steven Warren, a military spokesman, said, "…"' parsed with no subject
                cand.speaker_tok = _appositive_speaker(art, ci, quote_spans)
            if cand.speaker_tok is None and REPORTED_SUBJECT_FALLBACK and toks[ci].start < qs:
                cand.speaker_tok = _speaker_before_cue(art, ci, quote_spans)
            cand.confidence = 0.9 if cand.speaker_tok is not None else 0.6
        elif colon_lead(qs) is not None:
            ci = colon_lead(qs)
            cand.cue = ci
            cand.cue_span = cue_span.get(ci, (toks[ci].start, toks[ci].end))
            cand.speaker_tok = _subject(art, ci, cue_cls.get(ci, "say"))
            cand.confidence = 0.8 if cand.speaker_tok is not None else 0.5
        elif FALLBACK_VERBS and substantial(qs, qe) and (fallback := (
                (_verb_after(art, quotes[g[0]][1], quote_spans), _verb_before(art, qs, quote_spans))
                if ends_comma or para_start else
                (_verb_before(art, qs, quote_spans), _verb_after(art, quotes[g[0]][1], quote_spans)))
                + ((_governing_verb(art, qs, quotes[g[0]][1], quote_spans),) if GOVERNING_VERB else ())) \
                and any(v is not None for v in fallback):
            # a verb outside the lexicons in the attribution's place: its subject speaks
            ci = next(v for v in fallback if v is not None)
            cand.cue = ci
            cand.cue_span = (toks[ci].start, toks[ci].end)
            cand.speaker_tok = _subject(art, ci, "say")
            if cand.speaker_tok is None or in_spans(toks[cand.speaker_tok].start, quote_spans):
                cand.speaker_tok = _adjacent_speaker(art, ci, quote_spans)
            cand.confidence = 0.7 if cand.speaker_tok is not None else 0.5
        else:
            # "Rasmussen: "..."" -- a name right before a colon
            m = re.search(r"([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})\s*:\s*$", text[max(0, qs - 60):qs])
            if m:
                tk = art.tok_at(max(0, qs - 60) + m.end(1) - 1)
                if tk is not None and toks[tk].pos == "PROPN":
                    cand.speaker_tok = tk
                    cand.confidence = 0.7
            cand.confidence = cand.confidence or 0.4
        if LEAD_BEFORE_PARENTHETICAL and cand.cue is not None and toks[cand.cue].start < qs:
            lead = _parenthetical_lead(art, cue_cls, paras[para_of(qs)][0], qs, cand.cue, cand.speaker_tok)
            if lead is not None:
                # 'The reality is, he added, "…"': the clause before the parenthetical attribution
                # is the start of what is reported
                la, lb, rest, pci, psp = lead
                if pci != cand.cue:
                    cand.cue, cand.cue_span, cand.speaker_tok = pci, cue_span[pci], psp
                lead = (la, lb)
                first = (cand.parts or [(qs, qe)])
                end0 = first[0][1]
                if PAREN_TO_SENTENCE_END and len(first) == 1 and text[:end0].rstrip("\"”'’ »")[-1:] not in (".", "!", "?", ",", "—", "–", "-"):
                    # 'AT&T just finished laying …, she said, to "make sure …" in any corner of the world
                    # sees …': the clause after the attribution runs to the end of the sentence
                    se = _SENT_BREAK.search(text, end0 - 1)
                    se_end = len(text[:se.end()].rstrip()) if se else paras[para_of(qs)][1]
                    tail = text[end0:se_end]
                    if "\n" not in tail and (PAREN_TAIL_QUOTES or not has_quote(end0, se_end)) and re.search(r"\w", tail) \
                            and not (any(toks[k].lower in cue_forms() and not toks[k].tag.startswith("NN")
                                         for k in range(bisect.bisect_left(art.starts, end0), bisect.bisect_left(art.starts, se_end)))
                                     if PAREN_LEAD_VERB_CUE else any(w.lower() in cue_forms() for w in WORDS.findall(tail))):
                        absorbed.append((first[0][1], end0 + len(tail)))
                        end0 = end0 + len(tail if tail.rstrip()[-1:] in QUOTE_CHARS + "'’" else tail.rstrip(" .!?"))
                        cand.end = max(cand.end, end0)
                cand.parts = [lead, (rest, end0)] + first[1:]
                cand.start = lead[0]
        cands.append(cand)

    if absorbed:
        cands = [c for c in cands if not any(a <= c.start and c.end <= b for a, b in absorbed)]

    def _fragment(c: _Cand) -> bool:
        """A quoted phrase inside a sentence (not opening it, not after a colon), e.g. 'called
        it "strong."': a quotation paragraph after it does not continue it."""
        before = text[paras[c.para][0]:c.start].rstrip()
        return bool(before) and before[-1] not in ".!?:,\"”'’" and len(text[c.start:c.end].split()) < 6

    def prior_cue(lo: int, hi: int) -> tuple[int, str, int] | None:
        """(token, class, end) of the last cue (not "according to") between lo and hi."""
        prior = [(ci, cls, ce) for ci, cls, (cs, ce) in cues if lo <= cs and ce <= hi and cls != "according"]
        return prior[-1] if prior else None

    def take_cue(cand: _Cand, ci: int, cls: str, confidence: float) -> None:
        """Attribute cand to cue ci when the cue has a subject outside quotation marks."""
        sp = _subject(art, ci, cls)
        if sp is not None and not in_spans(toks[sp].start, quote_spans):
            cand.cue, cand.cue_span, cand.speaker_tok = ci, cue_span[ci], sp
            cand.confidence = confidence

    if PREV_SENTENCE_CUE:
        # a quotation opening a sentence right after a sentence of the same paragraph that reports
        # someone's words ('Sam Lau said in a statement. "There are no paper ballots …"')
        for cand in cands:
            if cand.cue is not None or cand.speaker_tok is not None:
                continue
            p_s = paras[cand.para][0]
            before = text[p_s:cand.start]
            if not before.strip() or not re.search(r"[.!?:][\"”'’)]*\s+$", before):
                continue
            prior = prior_cue(p_s, cand.start)
            if prior is None:
                continue
            ci, cls, ce = prior
            gap = text[ce:cand.start].rstrip()
            if has_quote(ce, cand.start) or len(list(_SENT_END.finditer(gap))) > 1:
                continue
            take_cue(cand, ci, cls, 0.6)

    # floating quotations inherit the speaker of the previous attributed one
    # (a whole-paragraph one right after a paragraph whose quotation is attributed continues that
    # quotation: it becomes one more part of it, as PolNeAR annotates it)
    prev: _Cand | None = None
    joined: set[int] = set()
    last: _Cand | None = None
    for ci_, cand in enumerate(cands):
        if cand.speaker_tok is None and cand.cue is None and prev is not None:
            p_s, p_e = paras[cand.para]
            para_start = text[p_s:cand.start].strip() == ""
            whole = not text[cand.end:p_e].strip(" .,;")
            spoken_between = cand.parts and any(text[x[1]:y[0]].strip() for x, y in zip(cand.parts, cand.parts[1:]))
            if JOIN_FLOATING and para_start and whole and last is prev and cand.para - last_para(prev) == 1 \
                    and not spoken_between \
                    and prev.type == "direct" and not (FRAGMENT_NO_FLOAT and _fragment(prev)):
                prev.parts = (prev.parts or [(prev.start, prev.end)]) + (cand.parts or [(cand.start, cand.end)])
                prev.end = cand.end
                prev.para_end = cand.para
                joined.add(ci_)
                continue
            if para_start and 0 <= cand.para - last_para(prev) <= 2:
                cand.inherited = prev
                cand.confidence = 0.6
            elif INHERIT_IN_PARAGRAPH and last is prev and last_para(prev) == cand.para \
                    and re.search(r"[.!?][\"”'’)]*\s+" + (r"(?:(?:But|And|Yet|Still|So),?\s+)?$" if LEADING_CONJUNCTION else "$"),
                                  text[p_s:cand.start]) and not has_quote(prev.end, cand.start):
                # a quotation opening a sentence after the previous attributed one in the same
                # paragraph ('"…," an angry Hollande retaliated. "It never gives up."')
                cand.inherited = prev
                cand.confidence = 0.6
        if cand.speaker_tok is not None or cand.inherited is not None:
            prev = cand if cand.inherited is None else cand.inherited
        last = cand
    cands = [c for k, c in enumerate(cands) if k not in joined]
    if SIGNATURE:
        # a quotation paragraph signed with a dash and a name ('"…" ― Karen Bobadilla', or '- Sanders.'
        # on the next line): the name is the speaker, whatever the paragraphs before suggest
        for cand in cands:
            if text[paras[cand.para][0]:cand.start].strip():
                continue
            m = _SIGNATURE.match(text, cand.end)
            if not m:
                continue
            ns, ne = m.span(1)
            ne -= text[ns:ne].endswith(".") and not re.search(r"\b[A-Z]\.$", text[ns:ne])  # 'Sanders.'
            tk = art.tok_at(ne - 1)
            if tk is not None and toks[tk].pos != "PROPN":
                continue
            # (a signature in a paragraph of its own is often outside the parsed windows)
            cand.speaker_tok, cand.speaker_span = tk, ((ns, ne) if tk is None else None)
            cand.inherited, cand.cue, cand.cue_span = None, None, None
            cand.confidence = 0.8
    if PREV_PARAGRAPH_CUE:
        # a quotation paragraph right after a paragraph whose last sentence reports someone's words
        # ('Trump speculated that the men could be part of ISIS.¶"Syrians are now being caught …"')
        for cand in cands:
            if cand.cue is not None or cand.speaker_tok is not None or cand.speaker_span is not None or cand.inherited is not None or cand.para < 1:
                continue
            p_s = paras[cand.para][0]
            if text[p_s:cand.start].strip():
                continue
            ps, pe = paras[cand.para - 1]
            ls = _last_sentence_start(text, ps, ps + len(text[ps:pe].rstrip()))
            prior = prior_cue(ls, pe)
            if prior is not None and not has_quote(ls, pe):
                take_cue(cand, prior[0], prior[1], 0.5)

    # --- indirect / mixed --------------------------------------------------------------------
    direct_by_cue: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.cue is not None:
            direct_by_cue.setdefault(c.cue, []).append(c)
    extra: list[_Cand] = []
    mixed_only: set[int] = set()
    if THAT_CLAUSE_QUOTES:
        # a verb outside the lexicons whose that-clause holds a quotation reports it ('Hewlett sniped
        # that Fiorina was "learning on the job"')
        known = {c[0] for c in cues}
        for t in toks:
            if t.i in known or t.pos != "VERB" or in_spans(t.start, quote_spans):
                continue
            for c in t.children:
                if c > t.i and toks[c].dep == "ccomp" and any(
                        toks[m].dep == "mark" and toks[m].lower == "that" for m in toks[c].children):
                    lo, hi = art.edges(c)
                    sj = _subject(art, t.i, "say") if NO_EXPLETIVE_IT else None
                    if sj is not None and toks[sj].lower == "it":
                        break  # 'It has not helped that her campaign …': nobody speaks
                    if has_quote(toks[lo].start, toks[hi].end):
                        cues = cues + [(t.i, "say", (t.start, t.end))]
                        mixed_only.add(t.i)
                    break
    as_title: set[int] = set()
    if AS_JUDGEMENT:
        # 'summed up Clinton as "terrible,"': a verb outside the lexicons with an object and an
        # "as" phrase holding a quotation judges the object (content: object + as-phrase)
        known = {c[0] for c in cues}
        for t in toks:
            if t.i in known or t.pos != "VERB" or in_spans(t.start, quote_spans):
                continue
            objs = [c for c in t.children if c > t.i and toks[c].dep == "dobj"]
            as_ = [c for c in t.children if objs and c > objs[0] and toks[c].dep == "prep" and toks[c].lower == "as"]
            if as_ and (has_quote(toks[as_[0]].start, toks[art.edges(as_[0])[1]].end)
                        or AS_JUDGEMENT_TITLE and _as_phrase_quotation(art, as_[0], quote_spans)):
                cues = cues + [(t.i, "judge", (t.start, t.end))]
                mixed_only.add(t.i)
                if AS_JUDGEMENT_TITLE:
                    as_title.add(t.i)
    forced: dict[int, tuple[tuple[int, int], int | None]] = {}
    prep_forced: set[int] = set()
    prep_terms: set[tuple[int, int]] = set()
    if NOUN_CUES:
        # 'her remark that "…"': a noun of saying whose that-clause holds a quotation; its
        # possessor speaks, else the subject of the verb it depends on
        nouns = cue_nouns()
        inf_nouns = nouns | {w for w, pos in prep_heads() if pos == "NOUN"} if NOUN_CUE_INFINITIVE else frozenset()
        heads = nouns | inf_nouns  # (once, not for every token)
        for t in toks:
            if t.pos != "NOUN" or t.lower not in heads or in_spans(t.start, quote_spans):
                continue
            for c in t.children:
                if c > t.i and (toks[c].dep in ("acl", "ccomp", "relcl") and t.lower in nouns and any(
                        toks[m].dep == "mark" and toks[m].lower == "that" for m in toks[c].children)
                        or t.lower in inf_nouns and toks[c].dep == "acl" and toks[c].pos in ("VERB", "AUX") and any(
                        toks[m].dep == "aux" and toks[m].lower == "to" and m < c for m in toks[c].children)):
                    lo, hi = art.edges(c)
                    span = _trim(art, lo, hi, quote_spans)
                    if span is None or not has_quote(*span):
                        break
                    forced[t.i] = (span, _noun_cue_speaker(art, t))
                    cues = cues + [(t.i, "say", (t.start, t.end))]
                    mixed_only.add(t.i)
                    break
    if PREP_QUOTE_CONTENT:
        # 'rails against its "Great Wall of Protectionism"', 'his call for "a total and complete
        # ban" on …': the object of the preposition a verb or noun of saying/urging selects, when it
        # holds a quotation, is the content (the verb's subject or the noun's possessor speaks)
        heads = prep_heads()
        known = {c[0] for c in cues}
        for t in toks:
            preps = heads.get((t.lower, "NOUN" if t.pos in ("NOUN", "PROPN") else t.pos))
            if not preps or t.i in known or t.i in forced or in_spans(t.start, quote_spans):
                continue
            for k in t.children:
                if k < t.i or toks[k].dep != "prep" or toks[k].lower not in preps:
                    continue
                pobj = [c for c in toks[k].children if toks[c].dep in ("pobj", "pcomp")]
                if not pobj:
                    continue
                lo, hi = art.edges(pobj[0])
                hi = _cut_appendix(art, lo, hi)
                while hi > lo and (toks[hi].dep == "cc" or toks[hi].pos == "PUNCT" and not in_spans(toks[hi].start, quote_spans)):
                    hi -= 1  # '… the "collective power of 'we'" and' (a conjunct the parse left out)
                span = _trim(art, lo, hi, quote_spans)
                if span is None or not has_quote(*span):
                    continue
                forced[t.i] = (span, _subject(art, t.i, "say") if t.pos == "VERB" else _noun_cue_speaker(art, t))
                prep_forced.add(t.i)
                cues = cues + [(t.i, "say", (t.start, t.end))]
                mixed_only.add(t.i)
                break
    no_content: set[int] = set()
    for ci, cls, (cs, ce) in cues:
        span = forced[ci][0] if ci in forced else _content_span(art, ci, cls, quote_spans)
        if span is None:
            if ci in cue_cls and cls == cue_cls[ci]:
                no_content.add(ci)  # (a lexicon cue, not a verb taken for its that-clause or as-phrase)
            continue
        s, e = span
        if e - s < 3 or (e > cs and s < ce) and ci not in art.raising:
            continue  # empty, or the cue inside its own content
        inside = [c for c in cands if c.start >= s and c.end <= e]
        if ci in mixed_only and not inside and not (ci in as_title and any(s <= qs < e for qs, _qe in quote_spans)):
            continue
        overlapping = [c for c in cands if c.start < e and c.end > s and c not in inside]
        if overlapping:
            continue
        covered = sum(c.end - c.start for c in inside)
        rest = re.sub(r"\W", "", text[s:e]) if not inside else re.sub(
            r"\W", "", "".join(text[a:b] for a, b in _gaps(s, e, [(c.start, c.end) for c in inside])))
        one_clause = THAT_QUOTE_MIXED and THAT_CONJ_MIXED and (  # 'that "A" and that "B"', '"A" because "B"'
            re.fullmatch(r"that(?:(?:and|but|or)that)+", rest.lower())
            or QUOTES_JOINED_BY_CONJ and len(inside) >= 2 and re.fullmatch(r"(?:that|and|but|or|because|while|so|if)+", rest.lower()))
        if inside and not one_clause and (covered >= 0.9 * (e - s) or rest.lower() == "" or rest.lower() == "that" and not THAT_QUOTE_MIXED):
            if PREP_QUOTE_TERM and (ci in prep_forced or CUE_CONTENT_TERM):
                # 'a cheer for "President Bernie Sanders"': the quotation is the whole content, not a term
                for c in inside:
                    prep_terms.add((c.start, c.end))
                    if ci in prep_forced and c.cue is None and c.speaker_tok is None and c.inherited is None:
                        c.cue, c.cue_span = ci, (cs, ce)
                        c.speaker_tok = forced[ci][1]
            continue  # the complement is the quotation itself
        typ = "mixed" if inside else "indirect"
        spk = forced[ci][1] if ci in forced else _subject(art, ci, cls)
        if spk is not None and toks[spk].start >= s and toks[spk].end <= e:
            spk = None
        if spk is None and REPORTED_SUBJECT_FALLBACK and cls != "according" and toks[ci].start < s:
            # 'former president Bill Clinton said his wife …' with the name parsed elsewhere
            spk = _speaker_before_cue(art, ci, quote_spans)
        cand = _Cand(s, e, typ, cue=ci, cue_span=(cs, ce), speaker_tok=spk,
                     confidence=0.75 if spk is not None else 0.45, para=para_of(s))
        if ci in art.raising and toks[art.raising[ci][0]].end < cs and toks[art.raising[ci][1]].start >= ce:
            # the subject and the infinitive, without the passive verb between them
            cand.parts = [(s, toks[art.raising[ci][0]].end), (toks[art.raising[ci][1]].start, e)]
        for c in inside:
            if c.cue is None and c.speaker_tok is None and c.inherited is None:
                c.cue, c.cue_span, c.speaker_tok = ci, (cs, ce), spk
                c.confidence = 0.8
        extra.append(cand)
    # drop reported-speech spans that nest inside another one (keep the outer)
    extra.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Cand] = []

    for c in extra:
        if not _encloses(kept, c):
            kept.append(c)

    if JOIN_ADJACENT_REPORTED:
        _join_adjacent_reported(text, cands, kept)
    if SUBJECT_LEAD:
        _subject_lead(art, quote_spans, speech_spans, cands, kept)

    out: list[Quote] = []
    for c in cands + kept:
        src = c.inherited or c
        pos = c.start
        span, name, role = speaker_info(art, names, src.speaker_tok, pos)
        if span is None and src.speaker_span is not None:
            span = src.speaker_span
            canon = names.canonical(tuple(text[span[0]:span[1]].split()))
            name, role = " ".join(canon), names.roles.get(canon)
        q = Quote(start=c.start, end=c.end, text=text[c.start:c.end], type=c.type,
                  confidence=round(float(c.confidence), 2), parts=c.parts)
        _set_speaker(q, text, span, name, role)
        cspan = c.cue_span or (src.cue_span if c.inherited is not None else None)
        if cspan is not None:
            q.cue, q.cue_start, q.cue_end = text[cspan[0]:cspan[1]], cspan[0], cspan[1]
        inner = q.text.strip(QUOTE_CHARS + "' ")
        if c.type == "direct" and (not re.search(r"[^\W\d_]", inner) or _title_like(inner) and c.inherited is None
                                   and not (SHORT_SAID and (c.start, c.end) in speech_spans)):
            continue  # numbers, ids, or a title ("State of the Union") -- not speech
        if TITLE_OBJECT and c.type == "indirect" and (c.start, c.end) in quote_spans and _title_like(inner) \
                and c.cue is not None and (toks[c.cue].tag == "VBN" and toks[c.cue].dep == "acl" or toks[c.cue].start > c.start
                                           or not re.fullmatch(r"[\s,:]*", text[toks[c.cue].end:c.start])):
            # 'a show called "Brokers,"', 'said on CBS's "Face the Nation."': the object is a name or
            # a title, not what was said ('He said "The Hispanics"' right after its cue stays)
            continue
        if c.type == "direct" and src.speaker_tok is None and src.speaker_span is None and c.cue is None:
            if not substantial(c.start, c.end):
                continue  # unattributed, and a scare quote or a name ("optics.", "chick lit."), not an utterance
            q.confidence = 0.3
        out.append(q)
    return _row_rules(text, art, names, paras, out, quote_spans, prep_terms, no_content, cue_cls)


def _as_phrase_quotation(art: ParsedArticle, p: int, quote_spans) -> bool:
    """Does the as-phrase headed by token p consist of a quotation (any quotation, Title Case included) right
    after "as" or "as the/a/his …" that ends the phrase or is set off by punctuation ('identified the judge as
    "Spanish,"', 'lists him as "Executive Director at Harmony Enterprises."')?"""
    text, toks = art.text, art.toks
    lo, end = toks[p].end, toks[art.edges(p)[1]].end
    return any(re.fullmatch(r"\s*(?:(?:the|a|an|his|her|its|their)\s+)?", text[lo:qs], re.I)
               and (not re.search(r"\w", text[qe:end]) or re.search(r"[,;:]\W*$", text[qs:qe]) or re.match(r"\s*[,;:—–-]", text[qe:]))
               for qs, qe in quote_spans if lo <= qs < end)


def _said_after(text: str, cue_starts: list[int], para_start: int, a: int, b: int) -> bool:
    """'"Really," she said': a short quotation that opens its sentence, ends with a comma and is
    followed right away by a pronoun and a cue."""
    if text[:b].rstrip(QUOTE_CHARS + "'’ ")[-1:] not in (",", "!", "?"):
        return False
    before = text[para_start:a].rstrip()
    if before and before[-1] not in ".!?:":
        return False
    m = re.match(r"\s+(?:he|she|they|I|we)\s+(\w+)", text[b:b + 30])
    if not m and SHORT_SAID_NAMED:
        # '"Technicals," Bob said', '"Absolutely," said Mr. Smith': a name (up to three capitalised
        # words) and the cue, either way round
        m = re.match(r"\s+(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*\s+(\w+)(?=[\s,.])", text[b:b + 50]) \
            or re.match(r"\s+(\w+)\s+(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*[.,]", text[b:b + 50])
    if not m:
        return False
    k = bisect.bisect_left(cue_starts, b + m.start(1))
    return k < len(cue_starts) and cue_starts[k] == b + m.start(1)


def _sentence_said(text: str, para_start: int, a: int, b: int) -> bool:
    """'…,” Burton told state delegates recently. “Donald Trump.”': a capitalised quotation that is a
    sentence of its own inside a paragraph (a sentence end before it, a full stop inside its marks)."""
    inner = text[a:b].strip(QUOTE_CHARS + "'‘’ ")
    before = text[para_start:a].rstrip().rstrip(QUOTE_CHARS + "'’")
    return inner[-1:] in (".", "!", "?") and before[-1:] in (".", "!", "?")


def _parenthetical_lead(art: ParsedArticle, cue_cls: dict[int, str], para_start: int, qs: int, ci: int, sp: int | None):
    """(start, end, rest, cue, speaker) of an unquoted clause that opens the sentence before a short
    attribution set off by commas right before the quotation: '<lead>, Mr. Garin added, "…"'. para_start: where
    the quotation's paragraph starts."""
    text, toks = art.text, art.toks
    ss = _last_sentence_start(text, para_start, qs, abbrev=PAREN_ABBREV)
    if PAREN_AFTER_COLON and (cm := list(re.finditer(r"[:;]\s+", text[ss:toks[ci].start]))) \
            and not re.search(r"[\"“”]|''", text[ss:ss + cm[-1].start()]):
        ss += cm[-1].end()  # '… intervened: If Sanders would debate …, de Blasio tweeted, "…"'
    m = re.fullmatch(r"\s*([^\"“”]+?),\s+([^,\"“”]{2,60}?),\s*([^\"“”,;:()]*?)\s*", text[ss:qs])
    found = None
    if m:
        found = (ss + m.start(1), ss + m.end(1), ss + m.start(2), ss + m.end(2), m.group(3), ss + m.start(3))
    if PAREN_MID_COMMA and not (found and found[2] <= toks[ci].start < found[3]) and ss <= toks[ci].start \
            and toks[ci].end < qs and text[toks[ci].end:toks[ci].end + 1] == ",":
        # 'If politics makes the road ahead too complicated, he said, Congress can still pass …, probably
        # with "a strong bipartisan vote."': commas in the words between the attribution and the quotation
        c1 = toks[ci].end
        k = text.rfind(", ", ss, toks[ci].start)
        m2 = re.fullmatch(r",\s*([^\"“”;:()]*?)\s*", text[c1:qs])
        if k >= 0 and m2 and m2.group(1) and not re.search(r"[\"“”]|''", text[ss:c1]) and "," not in text[k + 2:c1]:
            found = (ss + len(text[ss:k]) - len(text[ss:k].lstrip()), k, k + 2, c1, m2.group(1), c1 + m2.start(1))
    if found is None:
        return None
    a, b, c0, c1, mid, mid_start = found
    if mid and PAREN_MID_COMMA and (w0 := (WORDS.findall(mid) or [""])[0].lower()) in cue_forms() and w0.endswith("ing"):
        return None  # '…, Spicer said, adding, "…"': a second attribution, not words of the clause
    if mid and not PAREN_MID:
        return None
    if PAREN_OWN_CUE and mid and not (c0 <= toks[ci].start < c1) and not re.search(r"[—–]| - |--", mid) \
            and not all(w.lower() in cue_forms() for w in WORDS.findall(mid)):
        # 'CNN, Cruz said, called the announcement "…"': the quotation's nearest cue is a verb of the
        # reported clause; the parenthetical's own verb reports the whole clause
        pc = art.tok_at(c1 - 1)
        if pc is not None and pc in cue_cls and toks[pc].end == c1:
            ci, sp = pc, _subject(art, pc, cue_cls[pc])
    first_letter = re.search(r"[^\W\d_]", text[qs:qs + 12])
    lower = PAREN_LOWER_LEAD and not mid and first_letter is not None and first_letter.group().islower()
    if not (c0 <= toks[ci].start < c1) or sp is None or not (c0 <= toks[sp].start < c1) \
            or len(text[a:b].split()) < (1 if mid else 2 if lower else 3) or len(text[c0:c1].split()) > 6:
        return None
    k0, k1 = art.tok_at(a), art.tok_at(b - 1)
    if k0 is None or k1 is None:
        return None
    if PAREN_SUBJECT_FIRST and (art.tok_at(c0) is None or art.edges(sp)[0] > art.tok_at(c0)
                                or toks[sp].lower in ("who", "which", "that", "whom")):
        return None  # 'after the interview concluded', 'in which he declares', '…, who joked of the museum,'
    if PAREN_SUBJECT_FIRST and k1 > k0 and toks[k1].tag in ("IN", "TO", "DT", "VBG"):
        return None  # '… critics, including, he said, "…"': the lead waits for its complement
    lead_cue = any(toks[k].lower in cue_forms() and not toks[k].tag.startswith("NN") for k in range(k0, k1 + 1)) \
        if PAREN_LEAD_VERB_CUE else any(w.lower() in cue_forms() for w in WORDS.findall(text[a:b]))
    after_cue = list(range(ci + 1, bisect.bisect_left(art.starts, c1)))
    cue_end_ok = toks[ci].end == c1 or PAREN_CUE_OBJECT and 0 < len(after_cue) <= 4 \
        and cue_cls.get(ci) in ("say", "tell") and all(toks[k].pos not in ("VERB", "AUX") for k in after_cue)
    if not cue_end_ok or toks[ci].tag not in (("VBD", "VBZ", "VBP") if PAREN_VBP else ("VBD", "VBZ")) \
            or cue_cls.get(ci) not in (("say", "tell") if PAREN_CUE_OBJECT else ("say",)) or re.search(r"[—–]| - |--", text[a:b]) or lead_cue:
        return None  # only 'he said' / 'Cohn wrote' closing the parenthetical; a lead with no cue of its own
    if not mid and not PAREN_ADVERBIAL and not lower and not any(toks[k].tag in _FINITE for k in range(k0, k1 + 1)):
        return None  # a clause, not an adverbial ('In a statement, Smith said, "…"')
    return a, b, (mid_start if mid else qs), ci, sp


def _has_quote(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Does one of spans (quotations) start or end between a and b?"""
    return any(a <= qs < b or a < qe <= b for qs, qe in spans)


def _encloses(kept: list[_Cand], c: _Cand) -> bool:
    """Does a kept reported-speech span enclose c?"""
    return any(k.start <= c.start and c.end <= k.end for k in kept)


def _join_adjacent_reported(text: str, cands: list[_Cand], kept: list[_Cand]) -> None:
    """'said that if viewed through …, some kind of grand bargain might be possible, "In business, …"': a
    quotation right after the reported clause of its own cue continues that clause (JOIN_ADJACENT_REPORTED)."""
    for c in cands:
        if c.cue is None or c.inherited is not None or _encloses(kept, c):
            continue
        prev = [k for k in kept if k.cue == c.cue and k.end <= c.start and c.start - k.end <= JOIN_GAP]
        if not prev:
            continue
        k = prev[-1]
        gap = text[k.end:c.start]
        if "\n" in gap or re.search(r"[.!?;]", gap) or gap.strip() in (":", "") and not (c.colon_join and gap.strip() == ":") \
                or any(w.lower() in cue_forms() for w in WORDS.findall(gap)):
            continue
        k.end, k.type = c.end, "mixed"


def _subject_lead(art: ParsedArticle, quote_spans, speech_spans, cands: list[_Cand], kept: list[_Cand]) -> None:
    """'Mitt Romney "were stiff. They weren't fun," he said': a quotation that starts with the finite verb of
    a clause whose subject stands before it, unquoted, reports the subject too (SUBJECT_LEAD: a mixed row
    from the subject is kept beside the quotation's own)."""
    toks, text = art.toks, art.text
    for c in cands:
        if c.type != "direct" or _encloses(kept, c):
            continue
        first = c.parts[0] if c.parts else (c.start, c.end)
        k = art.tok_at(first[0])
        while k is not None and k + 1 < len(toks) and toks[k].start < first[1] and not re.search(r"\w", toks[k].text):
            k += 1
        if k is None or not (first[0] <= toks[k].start < first[1]) or toks[k].tag not in _FINITE:
            continue
        v = k if toks[k].tag != "MD" and not (SUBJECT_LEAD_AUX and toks[k].dep in ("aux", "auxpass")) else toks[k].head
        subj = [m for m in toks[v].children if toks[m].dep in ("nsubj", "nsubjpass") and toks[m].end <= first[0]]
        if not subj or _in_quote_tok(art, subj[0]) or toks[subj[0]].lower in PERSON_PRONOUNS or toks[subj[0]].lower in _PRON_OTHER:
            continue
        lo, hi = art.edges(subj[0])
        span = _trim(art, lo, hi, quote_spans)
        if span is None or span[1] > first[0] or _has_quote(speech_spans, span[0], first[0]) or re.search(r"[.!?:;]\s", text[span[0]:first[0]]) \
                or "\n" in text[span[0]:first[0]]:
            continue
        parts = [(span[0], first[1])] + (c.parts[1:] if c.parts else [])
        kept.append(_Cand(span[0], c.end, "mixed", cue=c.cue, cue_span=c.cue_span, speaker_tok=c.speaker_tok,
                          speaker_span=c.speaker_span, confidence=c.confidence, para=c.para,
                          parts=parts if len(parts) > 1 else None))


def _set_speaker(q: Quote, text: str, span: tuple[int, int] | None, name: str | None, role: str | None) -> None:
    """Give q the speaker mention at span (its canonical name and role), or no speaker when span is None."""
    q.speaker, q.speaker_start, q.speaker_end = (text[span[0]:span[1]], span[0], span[1]) if span is not None else (None, None, None)
    q.speaker_name, q.speaker_role = (name, role) if span is not None else (None, None)


def _row_rules(text: str, art: ParsedArticle, names: Names, paras: list[tuple[int, int]], out: list[Quote], quote_spans,
               prep_terms: set[tuple[int, int]], no_content: set[int], cue_cls: dict[int, str]) -> list[Quote]:
    """The rules that work on finished rows: headline and transcript rows, titles and embedded tweets out,
    short terms out (or widened to their cue's sentence), leads and tails cut or taken in, one row per span."""
    if HEADLINE_COLON and paras:
        _headline_colon(text, names, paras[0], out)
    if TRANSCRIPT_TURNS:
        _transcript_turns(text, names, paras, out)
    if TITLE_BY:
        # '"The Living Room to close at the end of December," by Times' Ben Sisario': a headline or a
        # title with its author, not something said
        out = [q for q in out if not (q.type == "direct" and (m := _BY_AUTHOR.match(text, q.end, q.end + 40))
                                      and m.group(1).lower() not in CALENDAR)]
    if JUDGE_FRONTED:  # before the short-term filter: a named term with its object is kept
        _judge_fronted(art, names, out)
    if TITLE_BY_EXCERPT:
        # '"Met accused of whitewashing baby Jesus," by Post's Kathianne Boniello: "A Manhattan man is
        # suing …"': the excerpt after a headline's byline is the article's text, not something said
        out = [q for q in out if not (q.type == "direct" and _BY_EXCERPT.search(text, max(0, q.start - 100), q.start))]
    if TWEET_MARKUP and "<tweet" in text:  # (one look at the text, not a search back from every quotation)
        # '<tweet author="@realDonaldTrump" …>"It is better to live one day as a lion …" – @realDonaldTrump
        # #MakeAmericaGreatAgain<tweet/>': quotation marks inside an embedded tweet are the tweet's text
        def in_tweet(pos: int) -> bool:
            k = text.rfind("<tweet", 0, pos)
            return k >= 0 and "\n" not in text[k:pos] and not re.search(r"</tweet>|<tweet/>", text[k:pos])
        out = [q for q in out if not (q.type == "direct" and in_tweet(q.start))]
    if SHORT_TERM_WORDS:
        # a short quoted term inside a sentence ('the "sharing economy"', 'a "good" job') that no
        # reported clause encloses: a term set off by quotation marks, not reported speech (but
        # 'Trump said "absolutely not"', the quotation right after its cue, is)
        outer = [(q.start, q.end) for q in out if q.type != "direct"]
        if TERM_CUE_NO_CONTENT:
            for q in list(out):
                if _is_term(text, q, outer, prep_terms):
                    wider = _term_cue_content(art, q, no_content, cue_cls, quote_spans)
                    if wider is not None:
                        out.append(wider)
                        outer.append((wider.start, wider.end))
        out = [q for q in out if not _is_term(text, q, outer, prep_terms)]
    if DASH_TAIL_WORDS:
        for q in out:
            _cut_dash_tail(q)
    if PARTICIPLE_CUE_LEAD:
        for q in out:
            _participle_cue_lead(q)
    if VERBLESS_LEAD_BARE:
        for q in out:
            _verbless_lead_bare(art, quote_spans, q)
    if DASH_QUOTE_ASIDE:
        for q in out:
            _dash_quote_aside(text, q)
    if SENTENCE_LEAD_QUOTE:
        _sentence_lead(art, paras, out)
    if ACCORDING_TAIL_SENTENCE:
        _according_tail(art, names, paras, out, quote_spans)
    if CUE_ADVERBIAL_LEAD:
        _cue_adverbial_lead(text, out)
    if PHRASE_CONTINUES:
        _phrase_continues(art, out)
    for q in out:
        if q.type in ("indirect", "mixed") and not q.parts and (q.start, q.end) in quote_spans:
            q.type = "direct"  # a cue's content that is one whole quotation ('chanted "Dump Trump"') is verbatim
    # one row per span: a reported clause cut down to a whole quotation (a dash aside, a participle
    # lead) would repeat that quotation's own row
    unique, seen = [], set()
    for q in out:
        key = (q.start, q.end, tuple(q.parts or ()))
        if key not in seen:
            seen.add(key)
            unique.append(q)
    out = unique
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def _is_term(text: str, q: Quote, outer: list[tuple[int, int]], prep_terms: set[tuple[int, int]]) -> bool:
    """Is q a short quoted term (SHORT_TERM_WORDS or fewer words, no closing punctuation) that no reported
    span in outer encloses, not a preposition's quoted object and not right after its cue?"""
    return q.type == "direct" and not q.parts and len(q.text.split()) <= SHORT_TERM_WORDS \
        and not re.search(r"[.!?,;:…—–-]\W*$", q.text) \
        and not any(a <= q.start and q.end <= b for a, b in outer) \
        and (q.start, q.end) not in prep_terms \
        and not (q.cue_end is not None and q.cue_end <= q.start and re.fullmatch(r"[\s,:]*", text[q.cue_end:q.start]))


def _term_cue_content(art: ParsedArticle, q: Quote, no_content: set[int], cue_cls: dict[int, str], quote_spans) -> Quote | None:
    """A mixed row for a short quoted term after a lexicon cue the parse gave no content (TERM_CUE_NO_CONTENT):
    the rest of the sentence from the cue ('Multiple outlets reported on Wednesday [the Secret Service had
    "more than one conversation" with …]'), or None."""
    text, toks = art.text, art.toks
    if q.cue_end is None or q.cue_end > q.start:
        return None
    ci = art.tok_at(q.cue_start)
    if ci is None or ci not in no_content or toks[ci].end != q.cue_end:
        return None
    qt = art.tok_at(q.start)
    if qt is None or toks[qt].sent != toks[ci].sent:
        return None
    k = ci + 1
    while k < qt:
        if toks[k].dep == "prt" or toks[k].text == "," and all(toks[j].dep == "prt" for j in range(ci + 1, k)):
            k += 1  # 'As Ryan has pointed out, that's …'
        elif toks[k].pos == "ADP" and art.edges(k)[1] - k <= 3 or toks[k].dep in ("npadvmod",) \
                or toks[k].dep == "dobj" and cue_cls.get(ci) == "tell":
            lo_k, hi_k = art.edges(k)
            if lo_k < k or hi_k >= qt:
                break
            k = hi_k + 1  # 'reported on Wednesday the …', 'told The Washington Post he …': not content
        else:
            break
    if toks[k].pos in ("ADP", "PUNCT") or k >= qt and toks[k].start > q.start:
        return None  # 'known as "…"', 'with chants of "…"': the quotation is a prepositional object
    if re.search(r"[,;:—–]|\s-\s|--", re.sub(r"\s(?:—|–|--|-)\s*$", "", text[toks[k].start:q.start])):
        return None  # 'signaled their support … — as long as … "pause"': the quotation is in another phrase
    last = qt
    while last + 1 < len(toks) and toks[last + 1].sent == toks[ci].sent:
        last += 1
    span = _trim(art, k, last, quote_spans)
    if span is None or span[0] > q.start or span[1] < q.end:
        return None
    s0, e0 = span
    m = re.search(r"\s(?:—|–|--|-)\s", text[q.end:e0])
    if m:
        e0 = q.end + m.start()
    if any(toks[j].lower in cue_forms() and toks[j].pos == "VERB" for j in range(qt, last + 1) if toks[j].start >= q.end and toks[j].end <= e0):
        return None  # '… "casually" from …, said the bureau's director': an attribution of its own
    return Quote(start=s0, end=e0, text=text[s0:e0], type="mixed", speaker=q.speaker,
                 speaker_start=q.speaker_start, speaker_end=q.speaker_end, speaker_name=q.speaker_name,
                 speaker_role=q.speaker_role, cue=q.cue, cue_start=q.cue_start, cue_end=q.cue_end,
                 confidence=q.confidence)


_LAST_MARK = re.compile(r"[\"“”„«»]|''")
_DASH_SEP = re.compile(r"[ \t\xa0]*(?:—|–|--|(?<=[ \t\xa0])-(?=[ \t\xa0]))[ \t\xa0]*")


_DASH_BEFORE_MARK = re.compile(r"[ \t\xa0]*(?:—|–|--|(?<=[ \t\xa0])-)[ \t\xa0]*(?=[\"“„«]|'')")
_CUE_THEN_DASH = re.compile(r"[ \t\xa0]+[^!?\n—–\"“”]{1,80}?[ \t\xa0](?:—|–|--|-)[ \t\xa0]")


def _dash_quote_aside(text: str, q: Quote) -> None:
    """A quotation set off by a pair of dashes together with its own trailing attribution ('Neither
    man was impressed by Mrs. Clinton - "Born with a silver spoon in her mouth," Mr. Elkins said - but
    …'): the attribution reports the quotation, not the clause before the first dash."""
    if q.parts or q.cue_start is None or q.cue_start < q.end:
        return
    m = _DASH_BEFORE_MARK.search(q.text)
    if not m or _LAST_MARK.search(q.text, 0, m.start()) or not re.search(r",\W{0,2}$", q.text):
        return
    if "\n" in text[q.end:q.cue_start] or not _CUE_THEN_DASH.match(text, q.end):
        return
    q.start += m.end()
    q.text = q.text[m.end():]


_PARTICIPLE_LEAD = re.compile(r"(?:,|\band\b|\bas\b)[ \t\xa0]+(\w+ing)\b[ \t\xa0,]*")


def _participle_cue_lead(q: Quote) -> None:
    """Start a span at the content of a speech participle set off before its first quotation mark
    ('Mrs. Clinton, saying that his rival would "make …"', '… the border and adding, "I've got …"',
    'quoted the president as saying "…"'): the participle is a cue of its own, and PolNeAR's content
    is what it reports, not the words before it (train: 6 more matches, 1 lost)."""
    if q.parts:
        return
    first = _LAST_MARK.search(q.text)
    if not first:
        return
    lead = q.text[:first.start()]
    ms = [m for m in _PARTICIPLE_LEAD.finditer(lead) if m.group(1).lower() in cue_forms()]
    if not ms:
        return
    m = ms[-1]
    q.cue, q.cue_start, q.cue_end = m.group(1), q.start + m.start(1), q.start + m.end(1)  # the participle reports it
    q.start += m.end()
    q.text = q.text[m.end():]


_LEAD_COMMA = re.compile(r",[ \t\xa0]*$")


def _verbless_lead_bare(art: ParsedArticle, quote_spans, q: Quote) -> None:
    """Start a reported span at its quotation when the words before it are a phrase without a finite
    verb set off by a comma and the quotation opens a sentence of its own ('told Breitbart News host Matt
    Boyle, "Hillary's campaign slogan …"', 'dismissed the story about Clinton's emails, "Now, you …"'):
    the phrase is the cue's addressee or object, not part of what was said. A lead with a finite verb
    ('said that if he wants our guns, "come and take it."') or before a lower-case quotation stays."""
    if q.type != "mixed" or q.parts or q.cue_end is None or q.cue_end > q.start:
        return
    first = MARK.search(q.text)
    if not first or first.start() == 0 or not _LEAD_COMMA.search(q.text[:first.start()]):
        return
    qs = q.start + first.start()
    if (qs, q.end) not in quote_spans:
        return
    body = q.text[first.end():].lstrip(" '‘")
    if not body[:1].isupper():
        return
    toks = art.toks
    k = art.tok_at(q.start)
    if k is None:
        return
    lead_end = k
    while lead_end < len(toks) and toks[lead_end].start < qs:
        lead_end += 1  # the lead's tokens are k .. lead_end - 1
    if lead_end == k or any(toks[j].tag in _FINITE for j in range(k, lead_end)) \
            or (VERBLESS_LEAD_NOT_THAT and toks[k].lower == "that"):
        return
    q.start, q.text, q.type = qs, q.text[first.start():], "direct"


def _cut_dash_tail(q: Quote) -> None:
    """End a span that holds a quotation before a dash-set appendix after its last quotation mark
    ('… will help "up-skill" workers - and he makes sure to include coal workers', '… a "national
    security election" — an issue Democrats have struggled with in the past'): PolNeAR leaves such an
    aside out of the content. A short phrase after the dash ('- his signature campaign issue') or a
    pair of dashes (a parenthetical inside the span) stays."""
    if q.parts:
        return
    marks = list(_LAST_MARK.finditer(q.text))
    if not marks:
        return
    last = marks[-1].end()
    tail = q.text[last:]
    m = _DASH_SEP.search(tail)
    if not m or "\n" in tail:
        return
    after = tail[m.end():]
    if len(after.split()) < DASH_TAIL_WORDS or _DASH_SEP.search(after):
        return
    keep = (q.text[:last] + tail[:m.start()]).rstrip()
    q.end = q.start + len(keep)
    q.text = keep


_CUE_ADVERBIAL = re.compile(r"[ \t\xa0]+((?:if|when|whenever|no matter|because|unless|although|though|while|once|until|"
                            r"as long as|even if|even though)\b[^\"“”.;:!?\n]{3,120}?),?[ \t\xa0]+")


def _cue_adverbial_lead(text: str, out: list[Quote]) -> None:
    """'Ryan says no matter what action Obama takes on gun control, "his word does not …"': the adverbial
    clause between a cue and its quotation opens the reported clause (the row becomes mixed)."""
    spans = [(q.start, q.end) for q in out]
    for q in out:
        if q.type != "direct" or q.parts or q.cue_end is None or q.cue_end > q.start \
                or any(a < q.start and q.end <= b for a, b in spans):
            continue
        m = _CUE_ADVERBIAL.fullmatch(text, q.cue_end, q.start)
        if m is None or any(w.lower() in cue_forms() for w in WORDS.findall(m.group(0))):
            continue
        q.start = m.start(1)
        q.text, q.type = text[q.start:q.end], "mixed"


def _phrase_continues(art: ParsedArticle, out: list[Quote]) -> None:
    """A span ending at a closing mark inside a phrase takes the rest of the phrase (see :func:`_phrase_end`)."""
    spans = [(q.start, q.end) for q in out]
    for q in out:
        if any(a <= q.start and q.end <= b and (a, b) != (q.start, q.end) for a, b in spans):
            continue  # a quotation inside a wider span: the wider one decides
        ne = _phrase_end(art, q)
        if ne is not None:
            q.end, q.text = ne, art.text[q.start:ne]
            if q.type == "direct":
                q.type = "mixed"


def _para_containing(paras: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The paragraph (start, end) that holds pos, or None (pos between paragraphs)."""
    k = bisect.bisect_right(paras, pos, key=lambda p: p[0]) - 1
    return paras[k] if k >= 0 and pos < paras[k][1] else None


_ACCORDING_AFTER = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*according[ \t\xa0]+to\b", re.I)


def _according_tail(art: ParsedArticle, names: Names, paras: list[tuple[int, int]], out: list[Quote], quote_spans) -> None:
    """'Some 55 percent of voters said they do not believe Mrs. Clinton "cares about people like me,"
    according to a Quinnipiac poll': a span holding a quotation, followed right away by "according to X",
    starts at its sentence's start (the words before it are part of what X reports; train: the gold
    starts there 11 times in 12), and X speaks. Not when another quotation stands between."""
    text = art.text
    spans = [(q.start, q.end) for q in out]
    for q in out:
        m = _ACCORDING_AFTER.match(text, q.end)
        if m is None or q.type not in ("direct", "mixed") or not _LAST_MARK.search(q.text) \
                or any(a < q.start and q.end <= b for a, b in spans):
            continue
        pa = _para_containing(paras, q.start)
        if pa is None:
            continue
        ss = _last_sentence_start(text, pa[0], q.start, abbrev=True)
        if ss >= q.start or not text[ss:q.start].strip() or any(ss <= a < q.start for a, _b in quote_spans):
            continue
        cs = m.end() - len("according to")
        ci = art.tok_at(cs)
        if ci is None or art.toks[ci].lower != "according":
            continue
        q.start, q.text, q.type = ss, text[ss:q.end], "mixed"
        if q.parts:
            q.parts = [(ss, q.parts[0][1])] + q.parts[1:]
        span, name, role = speaker_info(art, names, _subject(art, ci, "according"), q.start)
        _set_speaker(q, text, span, name, role)
        q.cue, q.cue_start, q.cue_end = text[cs:m.end()], cs, m.end()


def _sentence_lead(art: ParsedArticle, paras: list[tuple[int, int]], out: list[Quote]) -> None:
    """'Many Americans then saw the Democrats as "the party of …," From said.': a quotation with its
    attribution after it, right after unquoted words that open its sentence with no punctuation
    before the mark, continues their clause; the content starts at the sentence start."""
    text = art.text
    spans = [(q.start, q.end) for q in out]
    for q in out:
        if q.type != "direct" or q.cue_start is None:
            continue
        first = q.parts[0] if q.parts else (q.start, q.end)
        qs = first[0]
        if q.cue_start < first[1] or text[qs:qs + 2] not in ("''",) and text[qs] not in QUOTE_CHARS:
            continue
        if any(a < qs and q.end <= b for a, b in spans):
            continue  # inside a wider span
        ck = art.tok_at(q.cue_start)
        if ck is None or art.toks[ck].tag not in ("VBD", "VBZ", "VBP") or art.toks[ck].lower not in cue_forms() \
                or _title_like(text[first[0]:first[1]].strip(QUOTE_CHARS + "'’ ,?!")) \
                or not re.fullmatch(r"[ \t\xa0]*,?[ \t\xa0]*(?:[\w.'’-]+[ \t\xa0]+){0,8}", text[first[1]:q.cue_start]) \
                or text[:first[1]].rstrip("\"”'’ »")[-1:] not in (",", "?", "!"):
            continue  # the attribution right after the quotation: '"…," From said'
        pa = _para_containing(paras, qs)
        if pa is None:
            continue
        ss = _last_sentence_start(text, pa[0], qs, abbrev=True)
        lead = text[ss:qs]
        if not lead.strip() or not re.search(r"[\w’')\]][ \t\xa0]+$", lead) or _LAST_MARK.search(lead) \
                or any(w.lower() in cue_forms() for w in WORDS.findall(lead)):
            continue
        q.start = ss
        if q.parts:
            q.parts = [(ss, first[1])] + q.parts[1:]
        q.text = text[q.start:q.end]
        q.type = "mixed"


_PHRASE_DEPS = {"prep", "relcl", "dobj", "acl", "agent", "npadvmod"}
_TIME_NOUNS = frozenset("morning afternoon evening night today yesterday tonight week weekend month year".split())


def _phrase_end(art: ParsedArticle, q: Quote) -> int | None:
    """Where the phrase goes on that a span ending at a quotation's closing mark stops inside: the
    quotation closes with no punctuation of its own and the next word, with nothing between, is a
    dependent of a word of the span (a preposition, relative clause or object: '“I am so sick of the
    Sanders campaign lying” about her environmental record', 'search them for records" that would
    respond to …') or the head noun the quotation modifies ('the nation’s “broken” campaign finance
    system'). Not the cue's own dependents, nor a time clause ('” before sketching out …')."""
    text, toks = art.text, art.toks
    e = q.end
    if q.parts or not any(qe == e for _qs, qe in art.quote_spans):
        return None
    if text[:e].rstrip("\"”'’» ")[-1:] in (",", ".", "!", "?", ";", ":", "…", "—", "–", "-"):
        return None
    last, first = art.tok_at(e - 1), art.tok_at(q.start)
    if last is None or first is None or last + 1 >= len(toks):
        return None
    j = last + 1
    t = toks[j]
    if t.start < e or t.sent != toks[last].sent or art.window_of[j] != art.window_of[last] or text[e:t.start].strip() \
            or t.pos == "PUNCT" or t.text in QUOTE_CHARS or t.text == "''":
        return None
    span = range(first, last + 1)
    a = j
    while toks[a].head != a and toks[a].head not in span and art.edges(toks[a].head)[0] >= j:
        a = toks[a].head
    h = toks[a].head
    conj = [k for k in toks[h].children if toks[k].dep == "conj" and k > j] if PHRASE_CONJ_NOUN and t.dep == "cc" else []
    if conj and h in span and toks[h].pos in ("NOUN", "PROPN", "ADJ") and toks[conj[0]].pos in ("NOUN", "PROPN", "ADJ"):
        hi = art.edges(conj[0])[1]  # 'described Mexican immigrants as "rapists" and criminals who …': a noun conjoined
    elif h in span and h != a:
        if q.cue_start is not None and toks[h].start == q.cue_start or toks[a].dep not in _PHRASE_DEPS:
            return None
        if toks[a].dep == "prep" and toks[a].lower in _TIME_MARKS and any(toks[m].dep == "pcomp" for m in toks[a].children):
            return None
        if toks[a].dep in ("prep", "npadvmod") and any(toks[m].lower.rstrip(".") in CALENDAR | _TIME_NOUNS
                                                      for m in range(j, art.edges(a)[1] + 1)):
            return None  # '"Thank you Indiana!" on Friday afternoon': when it was said
        hi = art.edges(a)[1]
    elif h > last and toks[h].pos in ("NOUN", "PROPN") and h - j <= 3 and all(j <= toks[m].head <= h for m in range(j, h)) \
            and any(toks[k].head == h for k in span):
        hi = h  # the quotation modifies the noun after it
    else:
        return None
    for k in range(j + 1, hi + 1):
        if toks[k].text in (",", ";", ":", "—", "–", "--", "(") or toks[k].text == "-" and text[toks[k].start - 1:toks[k].start].isspace():
            hi = k - 1  # the phrase itself, not what is set off after it
            break
    while hi > j and (toks[hi].text in _EDGE_PUNCT or toks[hi].text in QUOTE_CHARS or toks[hi].text == "''"):
        hi -= 1
    ne = toks[hi].end
    if ne <= e or "\n" in text[e:ne]:
        return None
    return _past_quotation(ne, art.quote_spans)


_WH = {"which", "whom", "who", "what", "that"}


def _judge_fronted(art: ParsedArticle, names: Names, out: list[Quote]) -> None:
    """A quotation right after a verb of naming whose object stands before the verb ('which Mr. Trump
    called ''a disgrace,''', 'whom he described as "volatile,"', 'The new project will be dubbed the
    "…"'): the content is that object and the name, two parts (PolNeAR's discontinuous content; the
    verb and its subject are left out). A noun that a participle or a relative clause without its
    pronoun modifies ('a group called the "…"', 'videos he calls "…"') is left alone: train +1, dev -1."""
    text, toks = art.text, art.toks
    naming = naming_forms()
    for q in out:
        if any(o is not q and o.start <= q.start and q.end <= o.end for o in out):
            continue  # not outermost
        first = q.parts[0] if q.parts else (q.start, q.end)
        k = art.tok_at(first[0])
        if k is None or toks[k].start != first[0]:
            continue
        j = k - 1
        while j >= 0 and k - j <= 3 and (toks[j].lower == "as" or toks[j].tag in ("DT", "PRP$")) and toks[j].end <= first[0]:
            j -= 1
        if j < 0 or toks[j].lower not in naming or not toks[j].tag.startswith("VB") or in_spans(toks[j].start, art.quote_spans):
            continue
        v = j
        if art.window_of[v] != art.window_of[k] or not re.fullmatch(r"[^\S\n]*", text[toks[v].end:toks[v + 1].start]):
            continue
        qm = v + 1
        while qm < len(toks) and toks[qm].start < first[1] and (toks[qm].lower == "as" or toks[qm].tag in ("DT", "PRP$")):
            qm += 1
        if qm >= len(toks) or toks[qm].text not in QUOTE_CHARS + "''" or not in_spans(toks[qm].start, art.quote_spans):
            continue  # the name must be the quotation (after "as" or a determiner at most)
        kids = toks[v].children
        if any(toks[m].dep in ("dobj", "dative") and m > v for m in kids):
            continue  # 'called Trump "…"': the object is after the verb (the judge rule's content)
        wh = [m for m in kids if m < v and toks[m].lower in _WH and toks[m].tag in ("WDT", "WP") and toks[m].dep in ("dobj", "nsubjpass", "nsubj")]
        subj = [m for m in kids if m < v and toks[m].dep == "nsubjpass"]
        spk = None
        being = [m for m in kids if m == v - 1 and toks[m].lower == "being" and toks[m].dep == "auxpass"]
        if being and JUDGE_FRONTED_BEING and not subj and not wh:
            # 'about being described as a "real woman"': no subject to name; the passive gerund is content
            p1 = (toks[being[0]].start, toks[v].end)
        elif wh and (JUDGE_FRONTED_WHAT or toks[wh[0]].lower != "what"):
            p1 = (toks[wh[0]].start, toks[wh[0]].end)
            sj = [m for m in kids if m < v and toks[m].dep == "nsubj" and m != wh[0]]
            spk = sj[0] if sj else None
        elif subj and JUDGE_FRONTED_PASSIVE and toks[subj[0]].lower not in _WH:
            lo, hi = art.edges(subj[0])
            # the subject up to a comma after its head ('Zuckoff's book, now made into a movie,')
            for m in range(subj[0] + 1, hi + 1):
                if toks[m].text in (",", "—", "–", "("):
                    hi = m - 1
                    break
            span = _trim(art, lo, hi, art.quote_spans)
            if span is None:
                continue
            p1 = span
            by = [m for m in kids if m > v and toks[m].dep == "agent"]
            pob = [c for b in by for c in toks[b].children if toks[c].dep == "pobj"]
            spk = pob[0] if pob else None
        else:
            continue
        p1_tok = art.tok_at(p1[0])
        if p1[1] > toks[v].end or p1_tok is None or toks[p1_tok].sent != toks[v].sent \
                or MARK.search(text, p1[1], toks[v].start) or re.search(r"[;:]\s|\n", text[p1[1]:toks[v].start]):
            continue
        rest = q.parts[1:] if q.parts else []
        f_end = first[1]
        if by_agent := re.match(r"(.*?(?:[\"”]|''))\s+by\s+[A-Z]", text[toks[qm].start:f_end]):
            f_end = toks[qm].start + len(by_agent.group(1))  # '… "strategic ambiguity" by Joshua Hendrick': not content
            b_tok = art.tok_at(text.index("by", f_end))
            pob = [c for c in toks[b_tok].children if toks[c].dep == "pobj"] if b_tok is not None else []
            spk = pob[0] if pob and spk is None else spk
        elif JUDGE_FRONTED_CUT_PLACE and (place := re.match(r"(.*?(?:[\"”]|''))\s+(?:in|on|at|during)\s", text[toks[qm].start:f_end])):
            f_end = toks[qm].start + len(place.group(1))  # '… "the beginning of a new era" in his 1969 book'
        if p1[1] == toks[v].end:  # 'being dubbed the "…"': the passive gerund and the name, one span
            q.parts = [(p1[0], f_end)] + rest
        else:
            q.parts = [p1, (toks[v + 1].start, f_end)] + rest
        q.end = q.parts[-1][1]
        if len(q.parts) == 1:
            q.parts = None
        q.start = p1[0]
        q.text = text[q.start:q.end]
        if q.type == "direct":
            q.type = "mixed"
        if q.type == "indirect" and MARK.search(q.text):
            q.type = "mixed"
        if JUDGE_FRONTED_SPEAKER and q.speaker_start is not None and p1[0] <= q.speaker_start < p1[1]:
            # the judged object is not who speaks ('The new project will be dubbed …')
            _set_speaker(q, text, None, None, None)
        if JUDGE_FRONTED_SPEAKER and spk is not None and toks[spk].lower not in _WH:
            span, name, role = speaker_info(art, names, spk, q.start)
            if span is not None:
                _set_speaker(q, text, span, name, role)
                q.cue, q.cue_start, q.cue_end = toks[v].text, toks[v].start, toks[v].end


_HEAD_COLON = re.compile(r"[ \t]*([A-Z][\w.'’&-]*(?:[ \t]+[\w.'’&-]+){0,3}):[ \t]+(?=\S)")
_HEAD_DET = {"the", "a", "an", "this", "that", "my", "our", "his", "her", "their"}


def _headline_colon(text: str, names: Names, para: tuple[int, int], out: list[Quote]) -> None:
    """The headline ``Source: content`` ("Poll: Voters Abandon …", "Trump: …"): the content
    after the colon (to the end of the paragraph, final period excluded) is an indirect quotation
    of the source, when the source is a generic source noun (``cue_headline_sources.txt``) or a
    name mentioned again in the article. Content in double quotation marks is left to the
    quotation scan; a prediction overlapping the content is kept instead."""
    ps, pe = para
    m = _HEAD_COLON.match(text, ps, pe)
    if not m:
        return
    src_s, src_e = m.span(1)
    words = m.group(1).split()
    s, e = m.end(), pe
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and text[e - 1] == ".":
        e -= 1
    content = text[s:e]
    if text[s] in QUOTE_CHARS or len(re.findall(r"[^\W\d_]+", content)) < 3:
        return
    last = words[-1].lower().rstrip(".")
    name = None
    if last in headline_sources():
        pass
    else:
        if words[0].lower() in _HEAD_DET or not all(w[:1].isupper() for w in words):
            return
        core = [w for w in words if w.lower().rstrip(".") not in title_words()] or words
        norm = tuple(w.title() if w.isupper() and len(w) > 2 else w for w in core)
        # a name: its last word comes back later in the article (not at a sentence start)
        body = text[pe:]
        if not re.search(r"(?<![.!?\n]\s)(?<!^)\b" + re.escape(norm[-1]) + r"\b", body):
            return
        name = " ".join(names.canonical(tuple(w.replace("’", "'") for w in norm)))
    inside = []
    for q in out:
        if q.start < e and q.end > s:
            if q.start < s or q.end > e:
                return  # an existing prediction already covers this content
            inside.append(q)
    if inside and sum(q.end - q.start for q in inside) >= 0.9 * (e - s):
        return
    typ = "mixed" if any(ch in content for ch in QUOTE_CHARS) else "indirect"
    q = Quote(start=s, end=e, text=content, type=typ, speaker=text[src_s:src_e], speaker_start=src_s,
              speaker_end=src_e, speaker_name=name or text[src_s:src_e], cue=":", cue_start=src_e,
              cue_end=src_e + 1, confidence=0.6)
    for c in inside:
        if c.speaker is None:
            c.speaker, c.speaker_start, c.speaker_end, c.speaker_name = q.speaker, src_s, src_e, q.speaker_name
            c.cue, c.cue_start, c.cue_end = ":", src_e, src_e + 1
    out.append(q)


_BY_AUTHOR = re.compile(r"[,\s]*by\s+(?:the\s+)?([A-Z][\w.'’-]*)")  # '"…," by Times' Ben Sisario' (not 'by Tuesday')
_BY_EXCERPT = re.compile(r"[\"”'’]\s*by\s+(?:the\s+)?[A-Z][^\"“”\n:]{0,60}:\s*$")
_TURN = re.compile(r"[ \t]*([A-Z][A-Z.'’-]*(?:[ \t]+[A-Z][A-Z.'’-]*){0,2}):[ \t\xa0]+(?=\S)")


@lru_cache(maxsize=1)
def transcript_label_stop() -> frozenset[str]:
    return word_set("transcript_label_stop.txt")


def _transcript_turns(text: str, names: Names, paras: list[tuple[int, int]], out: list[Quote]) -> None:
    """Turns of a transcript ('TAPPER: Do you think …?' / 'FALLIN: Well, I think …'): a paragraph
    opening with a capitalised label and a colon, in an article with turns of at least two
    speakers, is what the labelled speaker said, verbatim (a ``direct`` row without marks)."""
    turns = []
    for ps, pe in paras:
        m = _TURN.match(text, ps, pe)
        if m and m.group(1).lower().strip(".") not in transcript_label_stop() and re.search(r"[a-z]", text[m.end():pe]):
            turns.append((m, pe))
    if len({m.group(1) for m, _pe in turns}) < 2:
        return
    for m, pe in turns:
        s, e = m.end(), pe
        while e > s and text[e - 1].isspace():
            e -= 1
        if any(q.start < s < q.end or q.start < e < q.end for q in out):
            continue  # inside a quotation (a transcript quoted as a whole)
        src_s, src_e = m.span(1)
        label = tuple(w.title() for w in m.group(1).replace("’", "'").split())
        name = " ".join(names.canonical(label))
        for q in out:
            if s <= q.start and q.end <= e and (q.speaker or "").lower() in ("i", "we"):
                q.speaker_name = name  # 'FALLIN: Well, I think …': "I" is the turn's speaker
        out.append(Quote(start=s, end=e, text=text[s:e], type="direct", speaker=text[src_s:src_e],
                         speaker_start=src_s, speaker_end=src_e, speaker_name=name, cue=":",
                         cue_start=src_e, cue_end=src_e + 1, confidence=0.7))


_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "&"}


def _title_like(inner: str) -> bool:
    """A short Title Case name of a show, book or slogan (no sentence punctuation inside)."""
    if TITLE_SUBTITLE and ":" in inner:
        # 'TrumpNation: The Art of Being the Donald', '13 Hours: The Secret Soldiers of Benghazi':
        # a title with its subtitle, both in Title Case
        head, sub = inner.split(":", 1)
        if _capitalised(head) and _capitalised(sub.strip()):
            return True
    words = inner.rstrip(",.").split()
    if not words or len(words) > 6 or re.search(r"[!?]$", inner.rstrip(",")):
        return False
    if inner.rstrip(",").endswith(".") and len(words) < 2:
        return False
    return _title_case(words)


def _capitalised(s: str) -> bool:
    """A title or subtitle of up to twelve words in Title Case."""
    words = s.rstrip(",.!?").split()
    return len(words) <= 12 and _title_case(words)


def _title_case(words: list[str]) -> bool:
    """The first word capitalised, and every other one too unless it is a small word or no word."""
    return bool(words) and words[0][:1].isupper() \
        and all(w[:1].isupper() or w.lower() in _SMALL or not w[:1].isalpha() for w in words)


def _gaps(s: int, e: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, cur = [], s
    for a, b in sorted(spans):
        if a > cur:
            out.append((cur, a))
        cur = max(cur, b)
    if cur < e:
        out.append((cur, e))
    return out


# ---------------------------------------------------------------------------------------------
# public API


def _finish(text: str, quote_spans, windows, docs, segments=None) -> list[Quote]:
    art = ParsedArticle(text, windows, docs, segments)
    art.quote_spans = quote_spans
    quotes = _attribute(text, art, quote_spans)
    return calibrate(text, [q for q in quotes if _valid(text, q)])


def _valid(text: str, q: Quote) -> bool:
    if not (0 <= q.start < q.end <= len(text)) or text[q.start:q.end] != q.text:
        return False
    if q.speaker is not None and text[q.speaker_start:q.speaker_end] != q.speaker:
        q.speaker = q.speaker_start = q.speaker_end = None
    if q.cue is not None and text[q.cue_start:q.cue_end] != q.cue:
        q.cue = q.cue_start = q.cue_end = None
    return True


def extract_quotes(text: str, nlp=None) -> list[Quote]:
    """Quotations in one text. Pure; never raises on any str (returns [] if all else fails)."""
    return extract_many([text], nlp=nlp)[0]


def extract_many(texts: list[str], nlp=None, n_process: int = 1, batch_size: int = 64, convert=None) -> list:
    """Quotations of many texts. The parser runs once over all selected windows (``nlp.pipe``).

    ``convert(i, quotes)``, when given, turns text i's quotations into what is returned for it (the
    ``quotes`` command's JSON lines); in forked workers it runs there, so only its results travel.

    With ``n_process > 1`` (and enough text to be worth it) this process and ``n_process - 1``
    forked workers, which share the loaded model (no second load, no Doc serialisation), claim the
    texts longest first (:func:`quotewire.parallel.shared_work`). When other threads are alive (a
    Prefect flow), forking could deadlock: spawned workers then load the model themselves."""
    nlp = nlp or load_nlp()
    texts = [t if isinstance(t, str) else "" for t in texts]

    def converted(idx, qss: list[list[Quote]]) -> list:
        return qss if convert is None else [convert(i, qs) for i, qs in zip(idx, qss)]

    def work(idx: list[int]) -> list:
        return converted(idx, _extract_serial([texts[i] for i in idx], nlp, batch_size))

    sizes = [len(t) for t in texts]
    if n_process > 1 and len(texts) > 1 and sum(sizes) >= PARALLEL_MIN_CHARS:
        try:
            if parallel.can_fork():
                return parallel.shared_work(work, sizes, n_process - 1)
            return converted(range(len(texts)), _extract_spawned(texts, nlp, n_process, batch_size))
        except Exception as exc:  # noqa: BLE001 -- fall back to one process, and say so
            warnings.warn(f"quotewire: parallel extraction failed ({exc.__class__.__name__}: {exc}); "
                          "extracting in this process", RuntimeWarning, stacklevel=2)
    return work(list(range(len(texts))))


PARALLEL_MIN_CHARS = 200_000  # below this, starting workers costs more than it saves
_WORKER_NLP = None


def _spawned_worker(args):
    texts, batch_size = args
    return _extract_serial(texts, _WORKER_NLP, batch_size)


def _init_spawned_worker(model: str) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load_nlp(model)


def _extract_spawned(texts: list[str], nlp, n_process: int, batch_size: int) -> list[list[Quote]]:
    """The texts in ``n_process`` slices of about equal size, each extracted by a spawned worker
    that loads the pipeline itself."""
    import multiprocessing as mp

    n = min(n_process, len(texts))
    target = sum(len(t) for t in texts) / n
    slices, cur, size = [], [], 0
    for t in texts:
        cur.append(t)
        size += len(t)
        if size >= target and len(slices) < n - 1:
            slices.append(cur)
            cur, size = [], 0
    slices.append(cur)
    model = nlp.meta.get("quotewire_model") or Settings().spacy_model
    with mp.get_context("spawn").Pool(len(slices), initializer=_init_spawned_worker, initargs=(model,)) as pool:
        parts = pool.map(_spawned_worker, [(sl, batch_size) for sl in slices])
    return [qs for part in parts for qs in part]


def _extract_serial(texts: list[str], nlp, batch_size: int) -> list[list[Quote]]:
    prepared = []
    jobs: list[str] = []
    for text in texts:
        try:
            qs, wins, segs = prepare(text)
        except Exception:  # noqa: BLE001 -- extraction must never raise
            qs, wins, segs = [], [], []
        prepared.append((text, qs, wins, segs))
        jobs.extend(" ".join(text[a:b] for a, b in sg) for sg in segs)
    try:
        docs = list(nlp.pipe(jobs, batch_size=batch_size))
    except Exception:  # noqa: BLE001
        docs = []
        for j in jobs:
            try:
                docs.append(nlp(j))
            except Exception:  # noqa: BLE001
                docs.append(nlp.make_doc(""))
    out: list[list[Quote]] = []
    k = 0
    for text, qs, wins, segs in prepared:
        mine = docs[k:k + len(wins)]
        k += len(wins)
        try:
            out.append(_finish(text, qs, wins, mine, segs))
        except Exception:  # noqa: BLE001
            out.append([])
    return out
