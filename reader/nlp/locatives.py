"""Places the sentence gives away, whatever the tagger made of them.

- After "in", "near" or "outside": a run of two or more capitalised words (Arabic particles allowed
  inside), or one word with an Arabic article ("in al-Yarmouk"), that nothing else has claimed
  ("drones shot down in Souk al-Khamis"). Runs that look like organisations, titles, events or times
  ("in Parliament House", "in World War II", "in March") are left alone.
- Named as a settlement: "the town of Zandvoort", "the villages of Lougou and Tougana", "Aisby is a
  village in Lincolnshire", "Brandhorst, a municipality in ...". The name is a place even where the
  tagger read a person ("Zandvoort" looks like a surname), and the document's other mentions follow it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.gazetteer import CALENDAR, EVENT_WORDS, NAMED_ORGS, ORG_WORDS, TITLES, fold
from reader.nlp.rules import PARTICLES, cap, common_word

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document, Span

LOCATIVES = frozenset({"in", "near", "outside"})
# nouns that say the name after "of" or before "is a" is a settlement ("the town of", "is a village")
SETTLEMENTS = frozenset({"town", "village", "city", "hamlet", "suburb", "municipality", "commune", "parish",
                         "borough", "township", "neighbourhood", "neighborhood"})
# ... and after "of" only: "the province of Bayankhongor", "the island of Divar" ("is a state senator")
DIVISIONS = frozenset({"province", "state", "county", "region", "district", "island", "prefecture",
                       "governorate", "canton", "emirate", "oblast"})
PLURALS = {"cities": "city", "municipalities": "municipality", "communes": "commune", "towns": "town",
           "villages": "village", "hamlets": "hamlet", "suburbs": "suburb", "provinces": "province",
           "islands": "island", "districts": "district", "counties": "county", "regions": "region"}
# what may follow "is a small village": a place's description goes on ("in", "of", ","), a person's
# job does not ("is a city councillor")
AFTER_SETTLEMENT = frozenset({"in", "of", "and", "on", "near", "within", "located", "situated", "north",
                              "south", "east", "west", "some", "about", "with", "that", "which", "where",
                              "founded", "",  ",", ".", ";", "(", ")"})
MAX_NAME = 4


def _name_word(word: str) -> bool:
    return cap(word) or word.lower().startswith(PARTICLES)


def untagged_places(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    covered = doc.covered()
    for p, words in enumerate(doc.words):
        n = len(words)
        for i in range(1, n):
            if words[i - 1].lower() not in LOCATIVES or covered[p][i] or not cap(words[i]):
                continue
            j = i
            while j < n and not covered[p][j] and _name_word(words[j]) and not doc.tokens[p][j].line_start:
                j += 1
            run = [w.lower() for w in words[i:j]]
            arabic = words[i].lower().startswith(PARTICLES) and fold(words[i]) not in NAMED_ORGS
            if j - i < 2 and not arabic or doc.caps[p][i] or words[i] == words[i].upper():
                continue  # one word ("in al-Yarmouk" aside), or a headline in capitals: too little to go on
            if any(w in ORG_WORDS or w in EVENT_WORDS or w.rstrip(".") in TITLES or w.rstrip(".") in CALENDAR
                   or fold(w) in doc.gaz.demonyms for w in run):
                continue
            doc.spans.append(Span(p, i, j, "LOC", source="locative"))
            for k in range(i, j):
                covered[p][k] = True


def settlements(doc: Document) -> None:
    """Names the sentence calls a town, village, city...: places (source "settlement")."""
    for p, words in enumerate(doc.words):
        lowers = [w.lower() for w in words]
        n = len(words)
        for i in range(2, n):
            if lowers[i - 1] != "of" or not cap(words[i]) or doc.caps[p][i]:
                continue
            noun = PLURALS.get(lowers[i - 2], lowers[i - 2])
            if noun not in SETTLEMENTS and noun not in DIVISIONS:
                continue
            start = i
            while start < n:
                end = _name_at(doc, p, start)
                if end is None:
                    break
                _make_place(doc, p, start, end)
                # a list after a plural: "the villages of Lougou and Tougana"
                if lowers[i - 2] in PLURALS and end + 1 < n and lowers[end] in ("and", ",") and cap(words[end + 1]):
                    start = end + 1
                else:
                    break
        for i in range(1, n - 2):
            if not (lowers[i] in ("is", "was") and lowers[i + 1] in ("a", "an")
                    or lowers[i] == "," and lowers[i + 1] in ("a", "an")):
                continue
            k = i + 2
            while k < n and k - i < 6 and lowers[k] not in SETTLEMENTS and words[k][:1].islower() \
                    and words[k].replace("-", "").isalpha():
                k += 1  # "is a small market town", "is a census-designated village"
            if k >= n or lowers[k] not in SETTLEMENTS or (lowers[k + 1] if k + 1 < n else "") not in AFTER_SETTLEMENT:
                continue
            start = i
            while start > 0 and i - start < MAX_NAME and cap(words[start - 1]) and not doc.caps[p][start - 1]:
                start -= 1
                if doc.starts[p][start] or doc.tokens[p][start].line_start:
                    break
            if start < i and (start == 0 or doc.starts[p][start] or not cap(words[start - 1])):
                if i - start == 1 and doc.starts[p][start] and common_word(fold(words[start])):
                    continue  # "It is a remote desert town"
                if _name_at(doc, p, start) == i:
                    _make_place(doc, p, start, i)


def _name_at(doc: Document, p: int, i: int) -> int | None:
    """End of the name that starts at word i: the span there, or a run of capitalised words no span
    covers. None when it is no place's name (an organisation's words, a title, a nationality, a month)
    or a longer name runs through it ("the Port of Liverpool")."""
    words = doc.words[p]
    spans = [s for s in doc.spans if s.part == p and s.start <= i < s.end]
    if spans:
        sp = spans[0]
        if sp.start != i:
            return None
        end = sp.end
    else:
        end = i
        while end < len(words) and end - i < MAX_NAME and _name_word(words[end]) \
                and not doc.tokens[p][end].line_start and not any(s.part == p and s.start == end for s in doc.spans):
            end += 1
    run = [w.lower() for w in words[i:end]]
    if end == i or end - i > MAX_NAME or any(
            w in ORG_WORDS or w in EVENT_WORDS or w.rstrip(".") in TITLES or w.rstrip(".") in CALENDAR for w in run):
        return None
    if fold(words[i]) in doc.gaz.demonyms or fold(" ".join(words[i:end])) in NAMED_ORGS:
        return None
    return end


def _make_place(doc: Document, p: int, start: int, end: int) -> None:
    from reader.nlp.pipeline import Span

    existing: list[Span] = [s for s in doc.spans if s.part == p and s.start == start and s.end == end]
    if existing:
        if existing[0].label in ("PER", "ORG", "MISC", "LOC"):
            existing[0].label, existing[0].source = "LOC", "settlement"
        return
    doc.spans.append(Span(p, start, end, "LOC", source="settlement"))
