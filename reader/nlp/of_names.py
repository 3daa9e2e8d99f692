"""Bodies named by their kind and what they are of: "the Ministry of Defence", "Bank of England",
"University of Texas", "Court of Appeal"; and by their place and kind: "Frankfurt Newsroom".

The tagger misses such names when they run into a list ("the Ministry of Defence and Britain") or
marks only the place in them ("University of [Texas]"). A capitalised head word of a body, "of" and
capitalised words make one organisation, unless the whole is a place ("Union of Soviet Socialist
Republics") or the tagger's names there reach outside it (those are left to
``Document._complete_of_names``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.gazetteer import NEWSPAPER_HEADS, fold
from reader.nlp.rules import cap, is_title

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document


# capitalised words that open a body's name before its kind: "International Committee of the Red Cross"
BODY_ADJECTIVES = frozenset({"International", "National", "Royal", "Federal", "Central", "Supreme", "General",
                             "World", "Global", "Joint", "Permanent", "Higher", "High", "Provincial", "Regional"})


def bodies_named_of(doc: Document) -> None:
    from reader.nlp.pipeline import FOR_HEADS, OF_HEADS, Span

    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for i in range(n - 2):
            head = words[i].lower()
            if not cap(words[i]) or doc.caps[p][i] or not cap(words[i + 2]) \
                    or not (words[i + 1] == "of" and head in OF_HEADS or words[i + 1] == "for" and head in FOR_HEADS):
                continue  # "Ministry of Defence", "Campaign for Nuclear Disarmament"
            end = i + 2
            while end < n and not toks[end].line_start and (
                    cap(words[end]) and not (is_title(words[end]) and end + 1 < n and cap(words[end + 1]))
                    or words[end] == "of" and end + 1 < n and cap(words[end + 1])
                    or words[end] == "and" and words[i + 1] == "for" and end + 1 < n and cap(words[end + 1])):
                end += 1  # "Bank of England" + "Governor Mervyn King"; "Church of Our Lady of Compassion"
            start = i - 1 if i and words[i - 1] in BODY_ADJECTIVES else i  # "International Campaign for Tibet"
            if start == i and i and fold(words[i - 1]) in doc.gaz.demonyms and cap(words[i - 1]) and not doc.starts[p][i - 1] \
                    or i > 1 and fold(words[i - 1]) in doc.gaz.demonyms and doc.starts[p][i - 1]:
                start = i - 1  # "the British League of Rights", as "German Institute for Economic Research"
            if doc.gaz.place_kind(fold(" ".join(words[i:end]))) is not None:
                continue
            inside = [sp for sp in doc.spans if sp.part == p and sp.start < end and start < sp.end]
            if any(sp.start < start or sp.end > end or sp.label == "PER" for sp in inside):
                continue  # "Florida Department" + "of Law Enforcement", "Bank of England Governor Mervyn King"
            if any(sp.start == start and sp.end == end and sp.label == "ORG" for sp in inside):
                continue
            doc.set_span(Span(p, start, end, "ORG", source="body"))


# a news agency's office signing a wire story: "-- Frankfurt Newsroom +49 69 756525", "Paris Bureau"
DESK_WORDS = frozenset({"newsroom", "bureau", "desk"})


def newsrooms(doc: Document) -> None:
    """A place and "Newsroom" (or "Bureau", "Desk") is the agency's office there: one organisation."""
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        for i in range(1, len(words)):
            if words[i].lower() not in DESK_WORDS or not cap(words[i]):
                continue
            for start in (i - 2, i - 1):
                if start >= 0 and all(cap(w) for w in words[start:i]) \
                        and doc.gaz.place_kind(fold(" ".join(words[start:i]))) is not None:
                    inside = [sp for sp in doc.spans if sp.part == p and sp.start < i + 1 and start < sp.end]
                    if all(start <= sp.start and sp.end <= i + 1 for sp in inside):
                        doc.set_span(Span(p, start, i + 1, "ORG", source="body"))
                    break


# plural owners that open a body's name: "People's Liberation Army", "Workers' Party", "Women's Institute"
COLLECTIVE_OWNERS = frozenset({"people", "peoples", "workers", "women", "children", "men", "veterans", "farmers",
                               "teachers", "nurses", "soldiers", "citizens", "students"})


def collective_owners(doc: Document) -> None:
    """An organisation's name that opens with whose it is: the tagger leaves out "People's" (a common
    word and a possessive) from "People's Liberation Army"."""
    for sp in doc.spans:
        words = doc.words[sp.part]
        if sp.label == "ORG" and sp.start >= 2 and words[sp.start - 1] in ("'s", "’s", "'", "’") \
                and words[sp.start - 2].lower() in COLLECTIVE_OWNERS and cap(words[sp.start - 2]) \
                and not any(o is not sp and o.part == sp.part and o.start < sp.start and sp.start - 2 < o.end
                            for o in doc.spans):
            sp.start -= 2
            sp.entity = None


# companies named after the towns they join: "the Portland and Ogdensburg Railroad", "Wiscasset, Waterville
# and Farmington Railway", "the Basingstoke and Alton Light Railway"
LINE_HEADS = frozenset({"railroad", "railway", "railways", "canal", "tramway", "tramways", "turnpike"})


def lines_between_towns(doc: Document) -> None:
    """The tagger names the towns and a last "Ogdensburg Railroad": the whole list is one name."""
    from reader.nlp.pipeline import Span
    from reader.nlp.rules import SPAN_BREAKS

    for p, words in enumerate(doc.words):
        toks = doc.tokens[p]
        for h, head in enumerate(words):
            if head.lower() not in LINE_HEADS or not cap(head) or doc.caps[p][h]:
                continue
            start, joined = h, False
            while start > 0 and not toks[start].line_start and words[start - 1] not in SPAN_BREAKS:
                prev = words[start - 1]
                if cap(prev) and not is_title(prev):
                    start -= 1
                elif prev in ("and", "&", ",") and start > 1 and cap(words[start - 2]) and cap(words[start]):
                    start -= 1
                    joined = True
                else:
                    break
            if words[start] in ("The", "the"):
                start += 1
            if not joined or not cap(words[start]):
                continue
            inside = [sp for sp in doc.spans if sp.part == p and sp.start < h + 1 and start < sp.end]
            if any(sp.start < start or sp.end > h + 1 or sp.label == "PER" and sp.end - sp.start > 1
                   for sp in inside):
                continue
            label = next((sp.label for sp in inside if sp.start <= h < sp.end and sp.label in ("ORG", "LOC")), "ORG")
            doc.set_span(Span(p, start, h + 1, label, source="body"))


# the trade a company names itself by, its last word: "Distance Records", "Salt Publishing", "Sony Pictures"
TRADE_HEADS = frozenset({"records", "publishing", "publishers", "productions", "pictures", "films", "studios",
                         "entertainment", "industries", "holdings", "enterprises", "technologies",
                         "pharmaceuticals", "laboratories", "motors", "airlines", "airways", "breweries",
                         "brewery", "telecom", "communications", "ventures", "networks", "systems", "software",
                         "solutions", "logistics", "capital", "partners", "investments", *NEWSPAPER_HEADS})
# a trade's name that is a kind of thing, not a company ("Medical Records", "Vital Records", "Wave Systems")
GENERIC_TRADES = frozenset({"medical", "public", "vital", "court", "police", "world", "state", "national",
                            "federal", "official", "early", "new", "old", "many", "some", "other", "these", "those",
                            "its", "his", "her", "their", "our", "my", "your", "solar", "weapons", "operating",
                            "computer", "information", "early-warning", "defense", "defence", "missile", "legal"})


def named_by_trade(doc: Document) -> None:
    """Capitalised words ending in a company's trade are one organisation the tagger may have left out:
    "Distance Records is a French label", "Salt Publishing, Cambridge"."""
    from reader.nlp.pipeline import Span

    covered = doc.covered()
    for p, words in enumerate(doc.words):
        toks = doc.tokens[p]
        for h in range(1, len(words)):
            if words[h].lower() not in TRADE_HEADS or not cap(words[h]) or doc.caps[p][h] or covered[p][h]:
                continue
            start = h
            while start > 0 and h - start < 3 and cap(words[start - 1]) and not covered[p][start - 1] \
                    and not toks[start].line_start and not is_title(words[start - 1]):
                start -= 1
            if words[start] in ("The", "A", "An"):
                start += 1
            if start == h or words[start].lower() in GENERIC_TRADES or fold(words[start]) in doc.gaz.demonyms \
                    and h - start == 1:
                continue
            doc.spans.append(Span(p, start, h + 1, "ORG", source="body"))
            for k in range(start, h + 1):
                covered[p][k] = True


# fields of government agencies and national bodies named "<field> <country>": "Environment Canada",
# "Statistics Canada", "Cricket Australia", "Sport England"
AGENCY_FIELDS = frozenset({"environment", "statistics", "health", "parks", "transport", "elections", "sport",
                           "cricket", "rugby", "tennis", "football", "athletics", "swimming", "cycling", "golf",
                           "netball", "hockey", "rowing", "tourism", "screen", "infrastructure", "heritage",
                           "fisheries", "revenue", "finance", "immigration", "citizenship", "justice", "defence",
                           "education", "employment", "industry", "innovation", "agriculture", "library",
                           "archives", "communications", "energy", "water", "forestry", "veterans", "housing",
                           "border", "coastguard", "highways", "rail", "network", "tourisme", "historic",
                           "natural", "arts", "music", "film", "volleyball", "basketball", "baseball", "softball",
                           "gymnastics", "triathlon", "equestrian", "skate", "ski", "snowboard", "surfing"})


def field_and_country(doc: Document) -> None:
    """A field of government or sport before a country's name is one body: "Environment Canada said",
    "Cricket Australia fined him" (the tagger sees the country alone)."""
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        for i in range(len(words) - 1):
            if words[i].lower() not in AGENCY_FIELDS or not cap(words[i]) or doc.caps[p][i]:
                continue
            end = next((i + 1 + length for length in (3, 2, 1) if i + 1 + length <= len(words)
                        and fold(" ".join(words[i + 1 : i + 1 + length])) in gaz.countries), None)
            if end is None or end < len(words) and cap(words[end]) \
                    or gaz.place_kind(fold(" ".join(words[i:end]))) is not None:
                continue  # "Environment Canada Minister ..." is left to the tagger
            inside = [sp for sp in doc.spans if sp.part == p and sp.start < end and i < sp.end]
            if any(sp.start < i or sp.end > end for sp in inside):
                continue
            doc.set_span(Span(p, i, end, "ORG", source="body"))


# what is named after a person: "Bishop Garrigan High School", "Walter Reed Hospital", "John F. Kennedy
# International Airport"
NAMED_AFTER_HEADS = frozenset({"school", "college", "university", "hospital", "foundation", "institute", "academy",
                               "center", "centre", "library", "museum", "trust", "prize", "award", "stadium",
                               "arena", "airport", "park", "bridge", "memorial", "station", "hall", "theatre",
                               "theater", "street", "avenue", "boulevard", "square", "building", "tower"})
PLACE_KINDS = frozenset({"stadium", "arena", "airport", "park", "bridge", "memorial", "station", "street",
                         "avenue", "boulevard", "square", "building", "tower"})
EVENT_KINDS = frozenset({"prize", "award"})
HONORIFICS = frozenset({"bishop", "saint", "st.", "st", "king", "queen", "prince", "princess", "president", "pope",
                        "cardinal", "archbishop", "father", "sister", "lord", "lady", "sir", "general"})


def named_after_people(doc: Document) -> None:
    """A person's name and the kind of a building or a body after it is that building or body: the
    tagger stops at the name ("Bishop [Garrigan High] School", "[Walter Reed] Hospital")."""
    from reader.nlp.pipeline import Span

    for sp in list(doc.spans):
        if sp.label != "PER" or not any(sp is s for s in doc.spans):
            continue
        p, words = sp.part, doc.words[sp.part]
        toks = doc.tokens[p]
        end = sp.end
        while end < len(words) and end - sp.end < 3 and cap(words[end]) and not toks[end].line_start \
                and words[end].lower() not in NAMED_AFTER_HEADS and not is_title(words[end]):
            end += 1  # "High", "Memorial", "International"
        if end >= len(words) or words[end].lower() not in NAMED_AFTER_HEADS or not cap(words[end]) \
                or toks[end].line_start or doc.caps[p][end]:
            continue
        end += 1
        if any(s.part == p and s is not sp and s.start < end and sp.start < s.end for s in doc.spans):
            continue
        start = sp.start - 1 if sp.start and words[sp.start - 1].lower() in HONORIFICS and cap(words[sp.start - 1]) \
            else sp.start
        head = words[end - 1].lower()
        label = "LOC" if head in PLACE_KINDS else "EVENT" if head in EVENT_KINDS else "ORG"
        doc.set_span(Span(p, start, end, label, source="body"))
