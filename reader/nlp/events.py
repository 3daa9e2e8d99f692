"""Events named by what happened and where: "the Battle of Gettysburg", "the Second Battle of Bull Run",
"the Siege of Sarajevo", "the Treaty of Versailles", "the Battle for Aleppo".

The tagger sees a place after "of" and marks it, or marks the whole as an organisation ("Treaty of
Versailles" looks like "Bank of England"). The head word decides: the whole phrase is one event, and
the place in it is no mention of its own (the town is linked when the text names it alone).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import ORG_WORDS, fold
from reader.nlp.rules import cap, common_word, is_title

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

# head words of an event named after its place: "Battle of", "Siege of", "Treaty of"
EVENT_HEADS = frozenset({"battle", "battles", "siege", "sack", "massacre", "raid", "invasion", "liberation",
                         "bombing", "treaty", "peace", "relief", "storming", "uprising", "partition", "capture"})
LINKS = frozenset({"of", "for", "at", "on"})
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "5th"})
# small words inside the place's name: "Battle of the Bulge", "Siege of Port Arthur", "Battle of Bosworth Field"
INNER = frozenset({"the", "de", "du", "la", "le", "of", "upon", "on"})
YEAR = re.compile(r"^\d")


def named_events(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        n = len(words)
        for i in range(n - 2):
            head = words[i]
            link = words[i + 1].lower() if doc.caps[p][i] else words[i + 1]  # "BATTLE OF MOSUL" in a headline
            if head.lower() not in EVENT_HEADS or not cap(head) or link not in LINKS:
                continue
            if head.lower() == "peace" and link != "of":
                continue  # "Peace on Earth"
            end = i + 2
            while end < n and (cap(words[end]) and not YEAR.match(words[end])
                               or (words[end].lower() in INNER or words[end] in ("'s", "’s"))
                               and end + 1 < n and cap(words[end + 1])):
                end += 1
            while end > i + 2 and not cap(words[end - 1]):
                end -= 1
            if end == i + 2 or not cap(words[end - 1]):
                continue  # "Fall of 2008", "battle of wits"
            if doc.caps[p][i]:  # "BATTLE OF MOSUL ENDS": on a headline only a place the gazetteer knows runs on
                end = max((k for k in range(i + 3, min(end, i + 5) + 1)
                           if doc.gaz.place_kind(fold(" ".join(words[i + 2 : k]))) is not None), default=i + 3)
            start = i - 1 if i and words[i - 1].lower() in ORDINALS and cap(words[i - 1]) else i
            doc.set_span(Span(p, start, end, "EVENT", source="event"))


# words before "Day" that make no holiday: "One Day", "Every Day", "The Day After"
NOT_HOLIDAYS = frozenset({"one", "every", "this", "that", "the", "a", "some", "any", "each", "next", "last",
                          "first", "same", "another", "judgment", "judgement", "good", "to", "my", "your"})
HOLIDAY_SUNDAYS = frozenset({"remembrance", "easter", "palm", "mothering", "trinity", "whit", "advent"})


def holidays_and_operations(doc: Document) -> None:
    """Named days and military operations are events, which the tagger reads as organisations
    ("Armistice Day", "Memorial Day weekend", "Operation Market Garden", "Operation Desert Storm").

    "Day" after a given name is a surname ("Doris Day"); a run of capitals before "Day" is kept whole
    ("World AIDS Day", "St. Patrick's Day", "New Year's Day").
    """
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for i, w in enumerate(words):
            if doc.caps[p][i]:
                continue
            if w == "Operation" and i + 1 < n and cap(words[i + 1]) and not toks[i + 1].line_start \
                    and not (i and cap(words[i - 1])) and words[i + 1].lower() not in ORG_WORDS:
                end = i + 1  # not "the National Emergency Operation Centre", "Task Force Operation ..."
                while end < n and end - i <= 4 and not toks[end].line_start and (
                        cap(words[end]) or words[end] == "and" and end + 1 < n and cap(words[end + 1])):
                    end += 1  # "Operation Fast and Furious"
                doc.set_span(Span(p, i, end, "EVENT", source="event"))
            elif (w == "Day" or w == "Sunday" and i and words[i - 1].lower() in HOLIDAY_SUNDAYS) and i:
                start = i
                while start > 0 and not toks[start].line_start and (
                        cap(words[start - 1]) or words[start - 1] in ("'s", "’s") and start > 1
                        and cap(words[start - 2])):
                    start -= 1
                if words[start].lower() in ("the", "a") and start < i - 1:
                    start += 1
                first = words[start]
                run = words[start:i]
                if start == i or first.lower() in NOT_HOLIDAYS or i + 1 < n and (cap(words[i + 1]) or words[i + 1] == "of") \
                        or any(is_title(w) for w in run) or run[-1] in ("'s", "’s") and gaz.place_kind(fold(run[-2])) \
                        or i - start == 1 and fold(first) in gaz.first_names and words[i] == "Day" \
                        or any(s.part == p and s.start <= i < s.end and s.label == "PER" and s.start >= start
                               and fold(words[s.start]) in gaz.first_names for s in doc.spans):
                    continue  # "Doris Day", "Sandra Day O'Connor", "One Day" (not "Martin Luther King Jr. Day")
                doc.set_span(Span(p, start, i + 1, "EVENT", source="event"))


def campaigns(doc: Document) -> None:
    """Capitalised "Campaign" after a place, a people or a rare word is a war's campaign: "the
    Gallipoli Campaign", "the Italian Campaign", "the Appomattox Campaign" (lower-case "the Clinton
    campaign" is a politician's, "Human Rights Campaign" a body's)."""
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        for i, w in enumerate(words):
            if w != "Campaign" or not i or doc.caps[p][i] or doc.tokens[p][i].line_start:
                continue
            if i + 1 < len(words) and words[i + 1] in ("for", "to", "against", "of"):
                continue  # "the International Campaign for Tibet": a body (``Document._complete_of_names``)
            prev = fold(words[i - 1])
            if not cap(words[i - 1]) or prev in gaz.first_names or prev in gaz.surnames and \
                    gaz.place_kind(prev) != "country":
                continue
            if gaz.place_kind(prev) is not None or prev in gaz.demonyms \
                    or not common_word(prev) and not (i > 1 and cap(words[i - 2]) and words[i - 2] != "The"):
                doc.set_span(Span(p, i - 1, i + 1, "EVENT", source="event"))
