"""The cue lexicons of quotation extraction: speech, cognition and naming verbs, nouns of saying,
``according to`` phrases, titles and names (data files in ``tasks/lexicons/``, each with its source
noted), read once, and the word pre-filter that picks the sentences worth parsing."""

from __future__ import annotations

import re
from functools import lru_cache

from quotewire import PROJECT_ROOT

LEXICONS = PROJECT_ROOT / "tasks" / "lexicons"  # data files, shared with the other stages


def read_lexicon(name: str) -> list[str]:
    lines = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip() if line.startswith("#") else line.rstrip()
        if line.strip():
            lines.append(line)
    return lines


def word_set(name: str) -> frozenset[str]:
    """The lexicon's entries, one word or phrase a line, in lower case."""
    return frozenset(w.strip().lower() for w in read_lexicon(name))


def _inflect(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, str]:
    """Surface form (lower case) -> cue class ("say", "tell", "judge")."""
    forms: dict[str, str] = {}
    for line in read_lexicon("speech_verbs.txt"):
        parts = line.split("\t")
        lemma, cls = parts[0].strip(), parts[1].strip()
        words = {lemma} | (set(w.strip() for w in parts[2].split(",")) if len(parts) > 2 else _inflect(lemma))
        for w in words:
            forms.setdefault(w, cls)
    return forms


@lru_cache(maxsize=1)
def according_cues() -> list[tuple[str, ...]]:
    return [tuple(line.lower().split()) for line in read_lexicon("cue_according.txt")]


@lru_cache(maxsize=1)
def headline_sources() -> frozenset[str]:
    return word_set("cue_headline_sources.txt")


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return word_set("quote_titles.txt")


@lru_cache(maxsize=1)
def female_names() -> frozenset[str]:
    return word_set("quote_female_names.txt")


@lru_cache(maxsize=1)
def cognition_verbs() -> frozenset[str]:
    """Forms of the cue verbs of belief and intention (a conjoined one goes on reporting the same speaker)."""
    return word_set("cue_cognition.txt")


@lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    return word_set("cue_nouns.txt")


@lru_cache(maxsize=1)
def prep_heads() -> dict[tuple[str, str], frozenset[str]]:
    """(surface form, "VERB"/"NOUN") -> prepositions whose object is what the head says or urges."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for line in read_lexicon("cue_prep_heads.txt"):
        word, pos, preps, *irregular = (x.strip() for x in line.split("\t"))
        forms = {word} | ({w.strip() for w in irregular[0].split(",")} if irregular else _inflect(word) if pos == "verb" else set())
        for f in forms:
            out[(f, pos.upper())] = out.get((f, pos.upper()), frozenset()) | frozenset(preps.split(","))
    return out


@lru_cache(maxsize=1)
def naming_forms() -> frozenset[str]:
    """Forms of the verbs of naming and characterising (call, dub, describe …)."""
    forms: set[str] = set()
    for line in read_lexicon("naming_verbs.txt"):
        parts = line.split("\t")
        lemma = parts[0].strip()
        forms |= {lemma} | (set(w.strip() for w in parts[1].split(",")) if len(parts) > 1 else _inflect(lemma))
    return frozenset(forms)


@lru_cache(maxsize=1)
def prefilter_words() -> frozenset[str]:
    """The pre-filter: cue forms that select a sentence for parsing (noun homographs left out)."""
    skip = word_set("cue_noun_homographs.txt")
    return frozenset([w for w in cue_forms() if w not in skip] + [c[0] for c in according_cues()])


WORDS = re.compile(r"[A-Za-z]+")


def cue_positions(text: str, start: int, end: int) -> list[int]:
    words = prefilter_words()
    return [m.start() for m in WORDS.finditer(text, start, end) if m.group().lower() in words]
