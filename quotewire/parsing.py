"""Step 2 of quotation extraction: the spaCy pipeline, the windows it parses (sentences with a
quotation mark, a cue word or a closing colon; long quotations' middles left out), and the parsed
article (all windows of one text as one token list with article offsets)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import DEP, HEAD, IDX, LENGTH, SENT_START, TAG
from spacy.util import registry

from quotewire.cues import cue_positions
from quotewire.quote_marks import MARK, in_spans, pair_quotes, paragraphs
from quotewire.settings import Settings

@registry.tokenizers("quotewire.model_tokenizer.v1")
def _model_tokenizer():
    """An empty tokenizer, for models that carry their own: loading replaces its rules, exceptions and
    affixes with the model's (``Tokenizer.from_disk``), so building spaCy's default English ones first
    (the language's default factory, ~0.1 s of every start) is wasted."""
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """The spaCy pipeline with only what extraction uses: tok2vec, tagger (Penn tags), parser."""
    import contextlib

    import spacy
    from thinc.api import use_ops

    settings = Settings()
    name = model or settings.spacy_model
    # numpy's BLAS dispatches to kernels for the CPU it runs on; the blis wheel may fall back to its
    # generic kernels (as on the machine of docs/BENCHMARKS.md, where the parser then runs ~1.5x slower)
    ops = contextlib.nullcontext()
    if settings.spacy_ops == "numpy":
        from threadpoolctl import threadpool_limits

        # one BLAS thread per process: the parser's matrices are small, and extraction already runs
        # one process per core (more threads only contend; measured 3.1-3.5 s vs 5.2-6.1 s of CPU on dev)
        threadpool_limits(limits=1, user_api="blas")
        ops = use_ops("numpy", use_blis=False)
    with ops:
        nlp = spacy.load(name, exclude=["lemmatizer", "ner", "attribute_ruler", "textcat", "senter"],
                         config={"nlp": {"tokenizer": {"@tokenizers": "quotewire.model_tokenizer.v1"}}})
    nlp.meta["quotewire_model"] = name  # so spawned workers can load the same pipeline
    return nlp


_SENT_SPLIT = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str, ps: int, pe: int, quote_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rough sentence spans of one paragraph (a regex; never splits inside a quotation)."""
    out, cur = [], ps
    for m in _SENT_SPLIT.finditer(text, ps, pe):
        cut = m.end()
        word = text[max(ps, m.start() - 12):m.start()].split()[-1:] or [""]
        if m.group()[0] == "." and (len(word[0]) <= 4 and word[0][:1].isupper() or "." in word[0]):
            continue  # an abbreviation or initial ("U.S.", "Sen.", "J.")
        if in_spans(m.start(), quote_spans) and in_spans(cut, quote_spans):
            continue
        if in_spans(m.start(), quote_spans) != in_spans(cut, quote_spans) and text[m.start() + 1:cut].strip() == "":
            continue
        out.append((cur, cut))
        cur = cut
    if cur < pe:
        out.append((cur, pe))
    return out


def select_windows(text: str, quote_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches worth parsing: runs of sentences holding a quotation mark or a cue word
    (a quotation is never cut: its sentences stay in one window)."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        chunk = text[ps:pe]
        marks = MARK.search(chunk)
        cues = cue_positions(text, ps, pe)
        colon = ":" in chunk
        if not (marks or cues or colon):
            continue
        inside = [(qs, qe) for qs, qe in quote_spans if qs < pe and qe > ps]
        for ss, se in sentences(text, ps, pe, quote_spans):
            if any(ss <= c < se for c in cues) or any(qs < se and qe > ss for qs, qe in inside) \
                    or (marks and MARK.search(text, ss, se)) or (colon and text[ss:se].rstrip().endswith(":")):
                if out and out[-1][1] == ss:
                    out[-1] = (out[-1][0], se)
                else:
                    out.append((ss, se))
    # a window never ends inside a quotation: extend it to the quotation's end (same paragraph)
    fixed: list[tuple[int, int]] = []
    for ws, we in out:
        for qs, qe in quote_spans:
            if qs < we < qe and "\n" not in text[we:qe]:
                we = qe
        while we > ws and text[we - 1].isspace():
            we -= 1
        if fixed and ws < fixed[-1][1]:
            fixed[-1] = (fixed[-1][0], max(we, fixed[-1][1]))
        elif we > ws:
            fixed.append((ws, we))
    return fixed


_TAG_POS = {"NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON", "PRP$": "PRON",
            "WP": "PRON", "EX": "PRON", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "DT": "DET",
            "IN": "ADP", "RP": "ADP", "CC": "CCONJ", "CD": "NUM", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
            "WRB": "ADV", "TO": "PART", "POS": "PART", "UH": "INTJ"}


def _pos(tag: str, text: str) -> str:
    """Universal POS from the Penn tag (the attribute ruler that does this is not run)."""
    if tag.startswith("VB"):
        return "VERB"
    if tag in _TAG_POS:
        return _TAG_POS[tag]
    if not any(ch.isalnum() for ch in text):
        return "PUNCT"
    return "X"


@dataclass
class Tok:
    """A parsed token with article-level character offsets."""

    i: int
    start: int
    end: int
    text: str
    lower: str
    pos: str
    tag: str
    dep: str
    head: int
    children: list[int] = field(default_factory=list)
    sent: int = 0


class ParsedArticle:
    """All parsed windows of one article as one flat token list with article offsets."""

    def __init__(self, text: str, windows, docs, segments=None):
        self.text = text
        self.toks: list[Tok] = []
        self.window_of: list[int] = []
        sent_id = 0
        segments = segments or [[w] for w in windows]
        for wi, ((ws, _we), doc) in enumerate(zip(windows, docs)):
            base = len(self.toks)
            segs = segments[wi]
            # window-text offset -> article offset, piecewise (a long quotation's middle is left out)
            seg_doc, seg_art, off = [], [], 0
            for a, b in segs:
                seg_doc.append(off)
                seg_art.append(a)
                off += (b - a) + 1
            n = len(doc)
            if not n:
                continue
            arr = doc.to_array([IDX, LENGTH, HEAD, SENT_START]).astype("int64").tolist()
            hashes = doc.to_array([DEP, TAG]).tolist()
            strings = doc.vocab.strings
            dtext = " ".join(text[a:b] for a, b in segs)
            toks, win = self.toks, self.window_of
            for i in range(n):
                idx, length, head, sent_start = arr[i]
                dep, tag = hashes[i]
                if sent_start == 1 and i:
                    sent_id += 1
                word = dtext[idx:idx + length]
                tag_s = strings[tag] if tag else ""
                k = bisect.bisect_right(seg_doc, idx) - 1 if len(seg_doc) > 1 else 0
                at = seg_art[k] + idx - seg_doc[k]
                toks.append(Tok(base + i, at, at + length, word, word.lower(), _pos(tag_s, word),
                                 tag_s, strings[dep] if dep else "", base + i + head, sent=sent_id))
                win.append(wi)
            sent_id += 1
        for t in self.toks:
            if t.head != t.i:
                self.toks[t.head].children.append(t.i)
        self.starts = [t.start for t in self.toks]
        self.quote_spans: list[tuple[int, int]] = []
        self.windows = windows
        self.cue_conj: dict[int, int] = {}  # a second predicate of a cue parsed inside its clause -> the cue
        self.raising: dict[int, tuple[int, int]] = {}  # passive cue -> (its subject's last token, the infinitive's first) (PASSIVE_RAISING)

    # token helpers
    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.toks[j].children)
        return sorted(out)

    def edges(self, i: int) -> tuple[int, int]:
        st = self.subtree(i)
        return st[0], st[-1]

    def tok_at(self, char: int) -> int | None:
        k = bisect.bisect_right(self.starts, char) - 1
        if 0 <= k < len(self.toks) and self.toks[k].start <= char < self.toks[k].end + 1:
            return k
        return None

    def is_ancestor(self, a: int, b: int) -> bool:
        """Is token a an ancestor of (or equal to) token b?"""
        seen = 0
        while seen < 200:
            if a == b:
                return True
            h = self.toks[b].head
            if h == b:
                return False
            b = h
            seen += 1
        return False


def prepare(text: str):
    quote_spans = pair_quotes(text)
    windows = select_windows(text, quote_spans)
    segments = [window_segments(text, ws, we, quote_spans) for ws, we in windows]
    return quote_spans, windows, segments


MASK_QUOTES_LONGER_THAN = 160  # characters; the parser sees only the two ends of longer quotations
_KEEP = 60


def window_segments(text: str, ws: int, we: int, quote_spans) -> list[tuple[int, int]]:
    """The parts of a window the parser reads: all of it, except the middle of long quotations
    (attribution and reported-speech structure never depend on it; quotation offsets come from the
    character scan, not from tokens). Cuts fall on spaces, so no token straddles a cut."""
    segs, cur = [], ws
    for qs, qe in quote_spans:
        if qs < ws or qe > we or qe - qs <= MASK_QUOTES_LONGER_THAN:
            continue
        a = text.find(" ", qs + _KEEP, qe)
        b = text.rfind(" ", qs, qe - _KEEP)
        if a < 0 or b < 0 or b - a < 20:
            continue
        if a < cur:
            continue
        segs.append((cur, a))
        cur = b + 1
    segs.append((cur, we))
    return [(a, b) for a, b in segs if b > a] or [(ws, we)]
