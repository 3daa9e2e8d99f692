"""Events named by what happened and where: "the Battle of Gettysburg", "the Second Battle of Bull Run",
"the Siege of Sarajevo", "the Treaty of Versailles", "the Battle for Aleppo".

The tagger sees a place after "of" and marks it, or marks the whole as an organisation ("Treaty of
Versailles" looks like "Bank of England"). The head word decides: the whole phrase is one event, and
the place in it is no mention of its own (the town is linked when the text names it alone).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import fold
from reader.nlp.rules import cap

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
