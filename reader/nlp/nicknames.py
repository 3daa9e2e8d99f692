"""A nickname in quotes between a given name and a surname is part of one person's name:
'William "Cowboy" Cowley', 'Harold "Junior" Theriault', 'Abdullah "the Butcher" Bleihaq'.

The tagger sees three people (or none) where the quotes break the name. The mention covers the
whole; the entity is the name without the nickname, so "Cowley" alone later links to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.descriptions import QUOTE_PAIRS, RELATIVES
from reader.nlp.gazetteer import CALENDAR, fold
from reader.nlp.rules import cap, common_word, is_title

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

INNER_SMALL = frozenset({"the", "of", "el", "al"})


def quoted_nicknames(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for q in range(1, n - 3):
            close = QUOTE_PAIRS.get(words[q])
            if close is None or not cap(words[q - 1]) or doc.caps[p][q]:
                continue
            end_q = q + 1
            while end_q < n and end_q - q <= 4 and words[end_q] != close and (
                    cap(words[end_q]) or words[end_q].lower() in INNER_SMALL):
                end_q += 1
            if end_q >= n or words[end_q] != close or end_q == q + 1 or not cap(words[end_q - 1]):
                continue
            last = end_q + 1
            while last < n and last - end_q <= 2 and cap(words[last]) and not toks[last].line_start \
                    and not is_title(words[last]):
                last += 1
            if last == end_q + 1:
                continue  # no surname after the nickname: a quoted title ("Hero" by ...)
            start = q - 1
            while start > 0 and q - start < 3 and cap(words[start - 1]) and not toks[start].line_start \
                    and not is_title(words[start - 1]):
                start -= 1
            given = list(words[start:q])
            surname_seen = gaz.is_family_name(fold(words[last - 1])) or any(
                s.part == p and s.label != "GROUP" and end_q < s.start < last for s in doc.spans)
            if not gaz.is_given_name(fold(given[0])) and not any(
                    s.part == p and s.label == "PER" and (s.start <= start < s.end or end_q < s.start < last)
                    for s in doc.spans) and not (surname_seen and not common_word(fold(given[0]))):
                continue  # "the Hilton "Grand" Hotel": a given name, or a person or a name after the quotes
            if any(fold(w) in gaz.demonyms or fold(w) in gaz.countries for w in words[start:last]) \
                    or common_word(fold(words[last - 1])) and fold(words[last - 1]) not in gaz.surnames:
                continue
            entity = " ".join(given + words[end_q + 1 : last])
            doc.set_span(Span(p, start, last, "PER", entity, source="nickname"))


EPITHETS = frozenset({"Great", "Elder", "Younger", "Conqueror", "Bold", "Wise", "Terrible", "Pious", "Fair",
                      "Lionheart", "Magnificent", "Just", "Good", "Bald", "Fat", "Lame", "Confessor", "Navigator"})


def epithets(doc: Document) -> None:
    """A ruler's epithet is part of the name: "Friedrich the Great", "Pliny the Elder" (the tagger stops
    at the given name, or reads "Elder" as a body)."""
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        for e in range(1, len(words) - 1):
            if words[e] != "the" or words[e + 1] not in EPITHETS or not cap(words[e - 1]) or doc.caps[p][e - 1]:
                continue
            before = [s for s in doc.spans if s.part == p and s.start < e <= s.end and s.label != "GROUP"]
            if before and before[0].end != e or not before and common_word(fold(words[e - 1])):
                continue
            start = before[0].start if before else e - 1
            if any(s.part == p and s.start < e and s.end > e for s in doc.spans):
                continue
            doc.set_span(Span(p, start, e + 2, "PER", source="title"))


STAGE_PREFIXES = frozenset({"DJ", "MC"})


def stage_names(doc: Document) -> None:
    """ "DJ Khaled", "DJ AM", "MC Hammer": a performer's stage name keeps its prefix and is a person (the
    tagger reads "DJ AM" as a body, or "DJ" alone as one)."""
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        toks = doc.tokens[p]
        for i in range(len(words) - 1):
            if words[i] not in STAGE_PREFIXES or not cap(words[i + 1]) or toks[i + 1].line_start:
                continue
            end = i + 2
            while end < len(words) and end - i < 4 and cap(words[end]) and not toks[end].line_start:
                end += 1
            if any(s.part == p and s.start < end and i < s.end and (s.start < i or s.end > end) for s in doc.spans):
                continue
            doc.set_span(Span(p, i, end, "PER", source="title"))


KIN = RELATIVES | frozenset({"grandson", "granddaughter", "fiancée", "fiance", "fiancé", "girlfriend", "boyfriend",
                             "partner", "stepson", "stepdaughter", "stepfather", "stepmother", "twin"})


def relatives(doc: Document) -> None:
    """A name right after a relative is a person: "his sister, Fanny, was", "her husband Bill Clinton"
    (a fold's tagger missed the one-word names, or read them as places)."""
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for i in range(1, n - 1):
            if words[i].lower() not in KIN or words[i - 1].lower() not in ("his", "her", "their", "my", "your",
                                                                            "whose", "its"):
                continue
            j = i + 2 if words[i + 1] == "," else i + 1
            if j >= n or not cap(words[j]) or toks[j].line_start or doc.caps[p][j]:
                continue
            end = j
            while end < n and end - j < 3 and cap(words[end]) and not toks[end].line_start:
                end += 1
            name = words[j:end]
            if gaz.place_kind(fold(" ".join(name))) in ("country", "bigcity") or fold(name[0]) in gaz.demonyms \
                    or any(w.lower() in CALENDAR for w in name):
                continue
            inside = [s for s in doc.spans if s.part == p and s.start < end and j < s.end]
            if any(s.start < j or s.end > end for s in inside) or any(s.label == "PER" for s in inside):
                continue
            doc.set_span(Span(p, j, end, "PER", source="title"))


def families(doc: Document) -> None:
    """ "the Caloi family", "the Manson clan": the family name is a person's, whatever the rest of the
    text makes of the word (here the company Caloi, named after them)."""
    for sp in doc.spans:
        words = doc.words[sp.part]
        if sp.label in ("ORG", "LOC") and sp.end < len(words) and words[sp.end] in ("family", "families", "clan") \
                and sp.start and words[sp.start - 1].lower() == "the" \
                and fold(" ".join(words[sp.start : sp.end])) not in doc.gaz.demonyms \
                and doc.gaz.place_kind(fold(" ".join(words[sp.start : sp.end]))) not in ("country", "bigcity", "region"):
            sp.label, sp.entity = "PER", None  # (a small town's name may be a family's: "the Kennedy family")
