"""Step 5 of quotation extraction: speakers. Every proper-noun run of an article is a mention (title
words split off into a role); a mention's canonical name is the longest name of the article that ends
with or contains it; he/she resolve to the most recent compatible person who spoke or was a subject;
"the minister" to the latest person with that role word."""

from __future__ import annotations

import re

from quotewire.cues import female_names, title_words
from quotewire.parsing import ParsedArticle

CALENDAR_NOT_NAMES = True
PLACE_NOT_ANTECEDENT = True
PRONOUN_WINDOW = 1200  # characters back to look for a speaker a pronoun can refer to
APPOSITIVE_NAME = True
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}


def mention_span(art: ParsedArticle, s: int) -> tuple[int, int]:
    """Character span of the speaker mention headed by token s (cut at a comma, relative clause)."""
    toks = art.toks
    lo, hi = art.edges(s)
    # drop relative clauses, appositions and anything after a comma on the right
    right = s
    for j in range(s + 1, hi + 1):
        if toks[j].text in (",", "(", "—", "–", "-") or toks[j].dep in ("relcl", "appos", "acl") \
                or toks[j].tag in ("WP", "WDT") or toks[j].tag in ("VBD", "VBN", "VBZ", "VBP"):
            break  # (a verb ends the mention: 'Trump defended …' misparsed as one noun phrase)
        right = j
    left = s
    for j in range(s - 1, lo - 1, -1):
        if toks[j].text in (",", "(", "—", "–", "―", "-", "--"):
            break
        left = j
    while left < s and toks[left].dep in ("cc", "punct", "prep") and toks[left].text not in ("'s", "’s"):
        left += 1
    while right > s and toks[right].pos == "PUNCT":
        right -= 1
    return toks[left].start, toks[right].end


_CAP_RUN = re.compile(r"(?:[A-Z][\w’'.-]*\s){1,5}[A-Z][\w’'-]*[\w]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)  # "the minister" names "minister"
_NAME_STOP = {"the", "a", "an", "in", "on", "at", "of", "and", "but", "he", "she", "it", "they", "we", "i", "his",
              "her", "this", "that", "for", "to", "as", "if", "when", "after", "before", "by", "with", "from"}


CALENDAR = frozenset("january february march april may june july august september october november december "
                      "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
                      "friday saturday sunday".split())  # "in October, when he told" names nobody


class Names:
    """Person and organisation names of one article: canonical names, roles, genders."""

    def __init__(self, art: ParsedArticle):
        self.art = art
        self.mentions: list[tuple[int, int, tuple[str, ...], int]] = []  # (char start, end, tokens, head tok)
        self.roles: dict[tuple[str, ...], str] = {}
        self.gender: dict[tuple[str, ...], str] = {}
        self.subject_mentions: list[tuple[int, tuple[str, ...]]] = []
        # canonical names that are the subject of a cue -> where they first speak
        self.speakers: dict[tuple[str, ...], int] = {}
        titles = title_words()
        toks = art.toks
        i = 0
        n = len(toks)
        while i < n:
            if toks[i].pos == "PROPN" and toks[i].text[:1].isupper():
                j = i
                while j + 1 < n and toks[j + 1].pos == "PROPN" and art.window_of[j + 1] == art.window_of[i] \
                        and toks[j + 1].start - toks[j].end <= 1 and toks[j + 1].text[:1].isupper():
                    j += 1
                # split off titles / acronyms on the left
                k = i
                for m in range(i, j + 1):
                    w = toks[m].lower
                    if w in titles or w.rstrip(".") in titles or (toks[m].text.isupper() and len(toks[m].text) > 1) \
                            or "." in toks[m].text[1:-1]:
                        k = m + 1
                if k <= j and not (CALENDAR_NOT_NAMES and all(toks[m].lower.rstrip(".") in CALENDAR for m in range(k, j + 1))):
                    words = tuple(toks[m].text.replace("’", "'") for m in range(k, j + 1))
                    words = tuple(w for w in words if w not in ("'s",))
                    if words:
                        self.mentions.append((toks[k].start, toks[j].end, words, j))
                        role = self._role(i, k, j)
                        if role and words not in self.roles:
                            self.roles[words] = role
                        prev = toks[i - 1].lower if i > 0 else ""
                        first = toks[i].lower
                        for w in (prev, first):
                            if w in ("mr.", "mr"):
                                self.gender[words] = "m"
                            elif w in ("mrs.", "ms.", "mrs", "ms"):
                                self.gender[words] = "f"
                        if words[0].lower() in female_names() and len(words) > 1:
                            self.gender[words] = "f"
                        if toks[j].dep in ("nsubj", "nsubjpass"):
                            self.subject_mentions.append((toks[k].start, words))
                i = j + 1
            else:
                i += 1
        self._unparsed_names()
        self.mentions.sort()
        first: dict[tuple[str, ...], int] = {}
        for m in self.mentions:
            first.setdefault(m[2], m[0])
        # longest first, then in order of appearance (not set order: the same text must give the
        # same canonical names in every process, whatever its hash seed)
        self.full: list[tuple[str, ...]] = sorted(first, key=lambda w: (-len(w), first[w]))
        self.count: dict[tuple[str, ...], int] = {}
        for m in self.mentions:
            self.count[m[2]] = self.count.get(m[2], 0) + 1
        # a name's gender propagates to its canonical long form
        for words, g in list(self.gender.items()):
            self.gender.setdefault(self.canonical(words), g)
        for words in list(self.roles):
            self.roles.setdefault(self.canonical(words), self.roles[words])

    def _unparsed_names(self) -> None:
        """Names in the text the parser did not see: runs of capitalised words (two or more
        after titles are split off; a run that opens a sentence counts as a subject)."""
        art, titles = self.art, title_words()
        text = art.text
        cur = 0
        gaps = []
        for ws, we in art.windows:
            gaps.append((cur, ws))
            cur = we
        gaps.append((cur, len(text)))
        for gs, ge in gaps:
            for m in _CAP_RUN.finditer(text, gs, ge):
                words = m.group().split()
                k = 0
                for n, w in enumerate(words):
                    lw = w.lower()
                    if lw in titles or lw.rstrip(".") in titles or (w.isupper() and len(w) > 1) or "." in w[1:-1]:
                        k = n + 1
                name = tuple(w for w in words[k:] if w.lower() not in _NAME_STOP)
                if len(name) < 2 or any(w.lower() in _NAME_STOP for w in words[k:]):
                    continue
                start = m.start() + len(" ".join(words[:k])) + (1 if k else 0)
                self.mentions.append((start, m.end(), name, -1))
                if k and name not in self.roles:
                    lead = text[max(0, m.start() - 40):m.start()].split()
                    extra = lead[-1] if lead and lead[-1][:1].isupper() and lead[-1] not in ("The",) else ""
                    self.roles[name] = " ".join(([extra] if extra else []) + words[:k])
                before = text[max(0, m.start() - 3):m.start()]
                if m.start() == gs or re.search(r"(^|[.!?\n]\s*)$", text[max(0, m.start() - 3):m.start()]):
                    self.subject_mentions.append((start, name))
                if name[0].lower() in female_names():
                    self.gender[name] = "f"
                if before.endswith(("Mr. ", "Mr ")):
                    self.gender[name] = "m"
        self.subject_mentions.sort()

    def _role(self, i: int, k: int, j: int) -> str | None:
        art, toks = self.art, self.art.toks
        if k > i:  # titles inside the proper-noun run
            lo = i
            # extend left over the noun phrase (e.g. "U.S. Secretary of State")
            st = art.subtree(j)
            left = [m for m in st if m < i and toks[m].dep not in ("det", "poss", "case", "punct") and toks[m].start >= toks[st[0]].start]
            if left and toks[left[0]].pos != "VERB":
                lo = min(lo, left[0])
            while lo < k and toks[lo].dep in ("det", "punct"):
                lo += 1
            return art.text[toks[lo].start:toks[k - 1].end] if lo < k else None
        # left modifiers of the name head: "U.S. Secretary of State Hillary Clinton"
        st = art.subtree(j)
        left = [m for m in st if m < i and art.window_of[m] == art.window_of[j]]
        if left:
            lo = left[0]
            while lo < i and toks[lo].dep in ("det", "punct", "poss", "case"):
                lo += 1
            if lo < i and any(toks[m].lower in title_words() or toks[m].pos == "NOUN" for m in range(lo, i)) \
                    and all(toks[m].pos != "VERB" for m in range(lo, i)):
                return art.text[toks[lo].start:toks[i - 1].end]
        for c in toks[j].children:
            if toks[c].dep == "appos":
                lo, hi = art.edges(c)
                while lo < hi and toks[lo].dep in ("det", "punct"):
                    lo += 1
                while hi > lo and toks[hi].dep == "punct":
                    hi -= 1
                if hi - lo < 12 and toks[c].pos == "NOUN":
                    return art.text[toks[lo].start:toks[hi].end]
        return None

    def canonical(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """The longest name of the article that ends with (else contains) ``words``; the most
        mentioned one when several do."""
        cache = self.__dict__.setdefault("_canon", {})
        if words not in cache:
            cache[words] = self._canonical(words)
        return cache[words]

    def _canonical(self, words: tuple[str, ...]) -> tuple[str, ...]:
        n = len(words)
        best = words
        best_count = 0
        for full in self.full:
            if len(full) <= n:
                break
            if full[-n:] == words or any(full[k:k + n] == words for k in range(len(full) - n + 1)):
                c = self.count.get(full, 0) + (100 if full[-n:] == words else 0)
                if c > best_count or (c == best_count and len(full) > len(best)):
                    best, best_count = full, c
        return best

    def name_at(self, tok: int) -> tuple[str, ...] | None:
        """The name whose run ends at (or contains) token tok."""
        t = self.art.toks[tok]
        for s, e, words, head in self.mentions:
            if s <= t.start and t.end <= e:
                return words
        return None

    def appositive_name(self, tok: int) -> tuple[tuple[str, ...], str | None] | None:
        """(name, role) set off beside a nominal head: "the port authority's chief executive,
        Robert Ellison, said" gives Robert Ellison, whose role is the nominal."""
        art, toks = self.art, self.art.toks
        if toks[tok].pos != "NOUN":
            return None
        for c in toks[tok].children:
            if toks[c].dep == "appos" and toks[c].pos == "PROPN":
                words = self.name_at(c)
                if words:
                    lo = art.edges(tok)[0]
                    role = art.text[toks[lo].start:toks[art.edges(c)[0]].start].rstrip(" ,")
                    role = _LEADING_ARTICLE.sub("", role)
                    if role and words not in self.roles:
                        self.roles[words] = role
                        self.roles.setdefault(self.canonical(words), role)
                    return words, role or None
        return None

    def resolve_pronoun(self, pos: int, gender: str | None) -> tuple[str, ...] | None:
        """Most recent compatible person that was a subject before pos, else most recent person."""
        def ok(words):
            if len(words) == 1 and words[0].isupper():
                return False
            g = self.gender.get(self.canonical(words))
            if gender and g and g != gender:
                return False
            if gender == "m" and g is None and self.canonical(words)[0].lower() in female_names():
                return False
            return True

        if self.speakers:
            for s, e, words, _h in reversed(self.mentions):
                spoke = self.speakers.get(self.canonical(words))
                if s < pos and pos - s < PRONOUN_WINDOW and spoke is not None and spoke < pos and ok(words):
                    return words
        for s, words in reversed(self.subject_mentions):
            if s < pos and pos - s < 1500 and ok(words):
                return words
        for s, e, words, h in reversed(self.mentions):
            if s < pos and ok(words) and not (PLACE_NOT_ANTECEDENT and self._placed(h)):
                return words
        return None

    def _placed(self, h: int) -> bool:
        """Is the mention headed by token h the object of a place preposition ('in Miami')?"""
        toks = self.art.toks
        return h >= 0 and toks[h].dep == "pobj" and toks[toks[h].head].lower in ("in", "at", "from", "near", "across", "outside", "inside", "to")

    def resolve_nominal(self, pos: int, noun: str) -> tuple[str, ...] | None:
        noun = noun.lower()
        for s, e, words, _h in reversed(self.mentions):
            if s < pos:
                role = self.roles.get(self.canonical(words)) or self.roles.get(words)
                if role and noun in role.lower().split():
                    return words
        return None


def speaker_info(art: ParsedArticle, names: Names, s: int | None, pos: int):
    """(mention span, canonical name, role) for speaker token s."""
    if s is None:
        return None, None, None
    toks = art.toks
    t = toks[s]
    span = mention_span(art, s)
    words = names.name_at(s)
    if words is None and t.lower in title_words():
        # the head is a role noun with a name inside ("spokesman Josh Earnest")
        for c in art.subtree(s):
            if art.text[span[0]:span[1]].find(toks[c].text) >= 0 and toks[c].pos == "PROPN":
                w = names.name_at(c)
                if w:
                    words = w
    appos_role = None
    if words is None and APPOSITIVE_NAME:
        found = names.appositive_name(s)
        if found:  # the nominal head is the role, the name beside it the speaker
            words, appos_role = found
    if t.lower in PERSON_PRONOUNS:
        words = names.resolve_pronoun(t.start, PERSON_PRONOUNS[t.lower])
        if words is None:
            return span, None, None
    elif words is None and t.pos == "NOUN" and t.lower in title_words():
        words = names.resolve_nominal(pos, t.lower)
    if words is None:
        mention = art.text[span[0]:span[1]]
        name = _LEADING_ARTICLE.sub("", mention)
        return span, name, None
    canon = names.canonical(words)
    name = " ".join(canon)
    role = appos_role or names.roles.get(canon) or names.roles.get(words)
    return span, name, role
