"""Places the tagger missed but the sentence gives away: "drones shot down in Souk al-Khamis",
"Seminole County Sheriff Don Eslinger".

A run of two or more capitalised words (Arabic particles allowed inside), or one word with an Arabic
article ("in al-Yarmouk"), right after "in", "near" or "outside", that nothing else has claimed, is
read as a place. Runs that look like organisations,
titles, events or times ("in Parliament House", "in World War II", "in March") are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.gazetteer import CALENDAR, EVENT_WORDS, NAMED_ORGS, ORG_WORDS, TITLES, fold
from reader.nlp.rules import PARTICLES, cap, common_word, misc_label

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

LOCATIVES = frozenset({"in", "near", "outside"})


def _name_word(word: str) -> bool:
    return cap(word) or word.lower().startswith(PARTICLES)


def untagged_places(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    # a run the tagger called MISC without any sign of an event ("in [Souk] al-Khamis") is shown as
    # nothing: the place rule may claim it
    weak = [sp for sp in doc.spans if sp.label == "MISC" and sp.source == "model"
            and misc_label(doc.words[sp.part][sp.start : sp.end]) is None]
    covered = doc.covered([sp for sp in doc.spans if sp not in weak])
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
            if j - i < 2 and not arabic or doc.caps[p][i] or words[i] == words[i].upper() \
                    or j < n and words[j] == "&":  # "a major in Intelligence Research & Analysis"
                continue  # one word ("in al-Yarmouk" aside), or a headline in capitals: too little to go on
            if any(w in ORG_WORDS or w in EVENT_WORDS or w.rstrip(".") in TITLES or w.rstrip(".") in CALENDAR
                   or fold(w) in doc.gaz.demonyms for w in run):
                continue
            overlapping = [sp for sp in doc.spans if sp.part == p and sp.start < j and i < sp.end]
            if any(sp.start < i or sp.end > j for sp in overlapping):
                continue  # part of a longer run: "a major in [Intelligence Research] & Analysis"
            doc.spans = [sp for sp in doc.spans if sp not in overlapping]
            doc.spans.append(Span(p, i, j, "LOC", source="locative"))
            for k in range(i, j):
                covered[p][k] = True


# heads of administrative areas: a capitalised name and one of these is a place ("Seminole County",
# "Helmand Province"), unless a body's word follows ("Orange County Council")
ADMIN_HEADS = frozenset({"county", "province", "prefecture", "oblast", "governorate", "district", "parish",
                         "borough", "township", "canton", "municipality", "raion", "voivodeship"})


def administrative_areas(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    covered = doc.covered()
    for p, words in enumerate(doc.words):
        n = len(words)
        for i in range(1, n):
            if words[i].lower() not in ADMIN_HEADS or not cap(words[i]) or covered[p][i] or doc.caps[p][i]:
                continue
            start = i
            while start > 0 and i - start < 3 and cap(words[start - 1]) and not covered[p][start - 1] \
                    and not doc.tokens[p][start].line_start and words[start - 1].rstrip(".") not in TITLES \
                    and fold(words[start - 1]) not in doc.gaz.demonyms:
                start -= 1
            if start == i or doc.starts[p][start] and start == i - 1 and words[start].lower() in ("the", "a"):
                continue
            after = words[i + 1].lower() if i + 1 < n else ""
            if any(w.lower() in ORG_WORDS for w in words[start:i]):
                continue  # "Dover Area School District": a body
            if after in ORG_WORDS or after in ("'s", "’s") and i + 2 < n and words[i + 2].lower() in ORG_WORDS:
                continue  # "Orange County Council", "Seminole County 's Sheriff Office"
            doc.spans.append(Span(p, start, i + 1, "LOC", source="locative"))
            for k in range(start, i + 1):
                covered[p][k] = True


# words before a town that say it is one: "extended to Harrison", "from Harrison to Bridgton"
TOWARDS = frozenset({"in", "near", "outside", "to", "from", "into", "towards", "toward", "via", "at"})


def towns_named_like_people(doc: Document) -> None:
    """A town the gazetteer knows, named like a surname ("Harrison", "Cary"), is a place when the
    document never gives it a first name and puts it after "in", "near" or "outside" once, or after
    "to", "from" or "at" twice: "track was extended to Harrison ... trips daily from Harrison". The
    tagger reads such a word as a person each time."""
    from reader.nlp.pipeline import SPEECH_VERBS

    gaz = doc.gaz
    singles: dict[str, list] = {}
    people: set[str] = set()
    for sp in doc.spans:
        words = doc.words[sp.part]
        if sp.label == "PER" and sp.end - sp.start == 1 and cap(words[sp.start]) and not doc.caps[sp.part][sp.start]:
            singles.setdefault(words[sp.start], []).append(sp)
        elif sp.label == "PER":
            people.update(words[sp.start : sp.end])  # "Kim Jong Nam" ... "Kim"
    for word, spans in singles.items():
        key = fold(word)
        if word in people or gaz.place_kind(key) is None:
            continue
        strong = weak = 0
        for words in doc.words:
            for i, w in enumerate(words):
                if w != word:
                    continue
                before = words[i - 1] if i else ""
                after = words[i + 1].lower() if i + 1 < len(words) else ""
                if cap(before) and fold(before) in gaz.first_names or after in SPEECH_VERBS \
                        or after in ("'s", "’s", "and") and i + 2 < len(words) and cap(words[i + 2]) \
                        and fold(words[i + 2]) in gaz.first_names:
                    strong = -99  # "Jim Harrison", "Harrison said": a person
                elif before.lower() in LOCATIVES:
                    strong += 1
                elif before.lower() in TOWARDS:
                    weak += 1
        if strong >= 1 or weak >= 2:
            for sp in spans:
                sp.label, sp.source = "LOC", "described"


# words that make a place of their own before a place's name: "Old Goa", "South Bridgton", "West Sebago"
PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "old", "new", "upper", "lower", "greater",
                            "northern", "southern", "eastern", "western", "central", "inner", "outer",
                            "north-east", "north-west", "south-east", "south-west", "northeast", "northwest",
                            "southeast", "southwest"})
# adjectives that open a sentence as adjectives: "Western Libya was calm" names Libya
SENTENCE_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "inner", "outer",
                                 "greater", "old", "new"})


# geographic kinds written in lower case after a name that are part of it: "the Mandovi river"
LOWER_CASE_KINDS = frozenset({"river", "pond", "lake", "islands", "island", "mountains", "valley", "creek", "bay",
                           "desert", "plateau", "peninsula", "canal", "glacier", "volcano", "archipelago"})


def prefixed_places(doc: Document) -> None:
    """A capitalised compass word or "Old" before a place is part of its name ("Old Goa", "North
    Bridgton"), and so are "upon" or "am" and a river after it ("Newcastle upon Tyne", "Frankfurt am
    Main"), a geographic kind in lower case ("the Mandovi river") and the district of "Washington, D.C."."""
    from reader.nlp.pipeline import NAMED_PLACE_HEADS

    covered = doc.covered()
    drop: list = []
    for sp in doc.spans:  # "King [County]", "Shark [Island]": the head alone, the name before it left out
        words = doc.words[sp.part]
        s = sp.start
        if sp.end - s == 1 and sp.label in ("LOC", "PER", "ORG") and words[s].lower() in NAMED_PLACE_HEADS \
                and s and cap(words[s - 1]) and not covered[sp.part][s - 1] and not doc.starts[sp.part][s - 1] \
                and not doc.caps[sp.part][s - 1] and words[s - 1] not in ("The", "A", "An"):
            sp.start, sp.label, sp.entity = s - 1, "LOC", None
            covered[sp.part][s - 1] = True
    for sp in doc.spans:
        if sp.label != "LOC" or any(sp is d for d in drop):
            continue
        p, words = sp.part, doc.words[sp.part]
        s = sp.start
        if s and cap(words[s - 1]) and words[s - 1].lower() in PLACE_PREFIXES and not covered[p][s - 1] \
                and not doc.caps[p][s - 1] and not doc.tokens[p][s].line_start \
                and not (doc.starts[p][s - 1] and words[s - 1].lower() in SENTENCE_ADJECTIVES):
            sp.start = s - 1
            sp.entity = None
            covered[p][s - 1] = True
        e = sp.end
        if e < len(words) and words[e] in LOWER_CASE_KINDS and fold(doc.surface(sp)) not in doc.gaz.regions \
                and doc.gaz.place_kind(fold(doc.surface(sp))) not in ("country", "region", "bigcity") \
                and not covered[p][e]:
            sp.end = e + 1  # "the Mandovi river", "the Cape Verde islands" (not "a Texas lake")
            sp.entity = None
            covered[p][e] = True
            continue
        if e + 2 < len(words) and doc.words[p][sp.start] == "Washington" and words[e] == "," \
                and words[e + 1] in ("D.C.", "DC") and not covered[p][e + 1]:
            sp.end = e + 2  # "Washington, D.C."
            sp.entity = None
            covered[p][e + 1] = True
            continue
        if e + 1 < len(words) and words[e] in ("upon", "am") and cap(words[e + 1]):
            river = [o for o in doc.spans if o.part == p and o.start <= e + 1 < o.end]
            if all(o.start == e + 1 and o.end == e + 2 and o.label == "LOC" for o in river):
                drop.extend(river)  # "Newcastle upon [Tyne]": the river is in the town's name
                sp.end = e + 2
                sp.entity = None
                covered[p][e] = covered[p][e + 1] = True
    doc.spans = [sp for sp in doc.spans if not any(sp is d for d in drop)]


# what may follow the state in "Mostar, Bosnia and Herzegovina": the sentence goes on, the state is no
# adjective ("the Nampa, Idaho plant" is left to the tagger)
REGION_FOLLOWERS = frozenset({",", ".", ";", ":", ")", "(", "!", "?", '"', "”", "-", "–", "—", "and", "or", "in",
                              "on", "at", "to", "from", "where", "which", "who", "that", "was", "is", "has", "had",
                              "were", "are", "near", "for", "with", "by", "after", "before", "until", "since",
                              "during", "when", "while", "but", "as"})


def places_before_regions(doc: Document) -> None:
    """A name followed by a comma and a country or a state is a place in it: "Mostar, Bosnia and
    Herzegovina", "Bowling Green, Ohio", "Senlis, Oise, Picardie". People keep their names ("Dieter
    Baumann, Germany", "Federer, Switzerland") and so do bodies ("Hamilton Air Base, California")."""
    from reader.nlp.pipeline import Span

    gaz = doc.gaz
    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        for k in range(1, n - 1):
            if words[k] != "," or not cap(words[k - 1]) or doc.caps[p][k - 1]:
                continue
            region_end = next((k + 1 + length for length in (3, 2, 1) if k + 1 + length <= n
                               and gaz.place_kind(fold(" ".join(words[k + 1 : k + 1 + length])))
                               in ("country", "region")), None)
            if region_end is None or region_end < n and words[region_end] not in REGION_FOLLOWERS:
                continue  # "Ted Cruz, Texas Republican", "Val Demings, New Mexico governor Michelle ..."
            start = k - 1
            while start > 0 and k - start < 3 and cap(words[start - 1]) and not toks[start].line_start:
                start -= 1
            run = words[start:k]
            if doc.starts[p][start] and common_word(fold(run[0])) or any(
                    w.lower() in CALENDAR for w in run):
                continue  # "On Monday, Nevada became", "As of Tuesday, Ohio was"
            if any(w.lower() in ORG_WORDS or w.rstrip(".") in TITLES
                   or fold(w) in doc.gaz.demonyms for w in run) or fold(" ".join(run)) in NAMED_ORGS:
                continue
            if len(run) == 1 and doc.starts[p][start] and fold(run[0]) not in gaz.cities:
                continue
            inside = [sp for sp in doc.spans if sp.part == p and sp.start < k and start < sp.end]
            if not inside:
                doc.spans.append(Span(p, start, k, "LOC", source="locative"))
                continue
            sp = inside[0]
            if len(inside) > 1 or sp.label == "LOC" or sp.end != k or sp.start < start:
                continue
            if sp.label == "PER" and gaz.place_kind(fold(" ".join(run))) is None \
                    and not (start and words[start - 1].lower() in LOCATIVES):
                continue  # a person and the country they are from (but "near Bramwell, West Virginia")
            sp.label, sp.entity = "LOC", None
