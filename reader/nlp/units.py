"""Military units named by their number: "the 82nd Airborne Division", "65 Fighter Wing", "the U.S. Sixth
Fleet", and the number alone once the unit is named ("The 139th was formed at Camp Howe").

The tagger starts such names at their first capitalised word ("65 [Air Division]", "Fourth [Air
Force]") or reads a lone "139th" as nothing. A number, an ordinal or an ordinal word before a unit's
name belongs to it; the number alone, after "the", refers back to the unit the text named with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import NAMED_ORGS, fold
from reader.nlp.rules import cap

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

NUMBER = re.compile(r"^\d{1,3}(?:st|nd|rd|th|d)?$")
ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th|d)$")
STATE_UNIT = re.compile(r"^(?:[A-Z]{2}|[A-Z]{2}V[CIA]|PV[CIA]|NYV?[CI]?)$")  # "NY", "PVI", "OVI", "NYVI"
ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                           "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                           "seventeenth", "eighteenth", "nineteenth", "twentieth"})
# a unit's kind, the last word of its name
UNIT_HEADS = frozenset({"fleet", "corps", "army", "wing", "brigade", "regiment", "squadron", "battalion",
                        "flotilla", "division", "infantry", "cavalry", "artillery", "airborne", "marines",
                        "force", "group", "command"})
# words that make "Division", "Group" or "Force" a unit, not a league's or a firm's ("First Division")
MILITARY_WORDS = frozenset({"infantry", "airborne", "armored", "armoured", "cavalry", "marine", "air", "fighter",
                            "bomber", "mountain", "artillery", "mechanized", "mechanised", "motorized", "guards",
                            "rifle", "tank", "panzer", "volunteer", "volunteers", "defense", "defence", "naval",
                            "expeditionary", "special", "forces", "strike", "task", "commando", "parachute"})
ALWAYS_UNITS = frozenset({"fleet", "corps", "army", "wing", "brigade", "regiment", "squadron", "battalion",
                          "flotilla"})


def _number(word: str) -> bool:
    return bool(NUMBER.match(word)) or word.lower() in ORDINAL_WORDS and cap(word)


def _unit(words: list[str]) -> bool:
    lowers = [w.lower() for w in words]
    return lowers[-1] in UNIT_HEADS and (lowers[-1] in ALWAYS_UNITS or any(w in MILITARY_WORDS for w in lowers))


def numbered_units(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    numbers: dict[str, str] = {}  # "139th" -> the unit's full name
    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for i in range(n - 1):
            if not _number(words[i]) or doc.caps[p][i] or not cap(words[i + 1]) or toks[i + 1].line_start:
                continue
            if i and words[i - 1][:1].isdigit() or i + 2 < n and words[i + 1].isdigit():
                continue  # a date or a score: "27 March 1943", "won 3 - 2"
            end = i + 1
            while end < n and end - i <= 5 and cap(words[end]) and not toks[end].line_start:
                end += 1
            while end > i + 1 and not _unit(words[i + 1 : end]):
                end -= 1
            if end == i + 1 and ORDINAL.match(words[i]) and STATE_UNIT.match(words[i + 1]) \
                    and not (i + 2 < n and cap(words[i + 2])) and fold(words[i + 1]) not in NAMED_ORGS:
                end = i + 2  # "the 93d PVI", "the 62d NY": a regiment named by its state's initials
            elif end == i + 1 or not _unit(words[i + 1 : end]):
                continue
            if words[i].isdigit() and any(fold(" ".join(words[a:b])) in doc.gaz.countries
                                          or fold(words[a]) in doc.gaz.demonyms
                                          for a in range(i + 1, end) for b in range(a + 1, min(end, a + 3) + 1)):
                continue  # a count: "the 160 New Zealand Defence Force personnel"
            inside = [sp for sp in doc.spans if sp.part == p and sp.start < end and i < sp.end]
            if any(sp.start < i or sp.end > end or sp.label == "PER" and sp.start > i for sp in inside):
                continue
            doc.set_span(Span(p, i, end, "ORG", source="body"))
            if NUMBER.match(words[i]) and not words[i].isdigit():
                numbers.setdefault(words[i], " ".join(words[i:end]))
    if not numbers:
        return
    covered = doc.covered()
    for p, words in enumerate(doc.words):
        for i in range(1, len(words)):
            if words[i] in numbers and words[i - 1] in ("the", "The") and not covered[p][i] \
                    and not (i + 1 < len(words) and cap(words[i + 1])):
                doc.spans.append(Span(p, i, i + 1, "ORG", numbers[words[i]], source="body"))


COMMANDED_UNITS = frozenset({"brigade", "division", "corps", "regiment", "battalion", "legion", "raiders", "rangers"})


def commanders_units(doc: Document) -> None:
    """A unit named by its commander is one name: "Howe's Brigade", "Couch's Division" (not the person
    "Howe"); "Merrill's Marauders" aside, only a unit's capitalised kind after the possessive."""
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        for i in range(1, len(words) - 1):
            if words[i] not in ("'s", "’s") or words[i + 1].lower() not in COMMANDED_UNITS \
                    or not cap(words[i + 1]) or doc.caps[p][i + 1]:
                continue
            owner = [sp for sp in doc.spans if sp.part == p and sp.end == i and sp.label in ("PER", "ORG", "LOC")]
            start = owner[0].start if owner else i - 1
            if not cap(words[start]) or any(sp.part == p and sp.start < i + 2 and start < sp.end
                                            and sp not in owner for sp in doc.spans):
                continue
            doc.set_span(Span(p, start, i + 2, "ORG", source="body"))
