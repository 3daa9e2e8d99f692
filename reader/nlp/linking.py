"""Document-level consistency and linking, after the rules have labelled each mention.

A name is the same thing throughout an article: the label most of its mentions got wins, a name
tagged once is found where the tagger missed it, acronyms take the phrase they define ("Libyan
National Army (LNA)"), a surname alone is the person first named in full, and the head word of an
organisation ("the House") refers back to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import CALENDAR, NAMED_ORGS, ORG_WORDS, RULE_ORG_HEADS, WEEKDAYS, fold
from reader.nlp.rules import (
    CORPORATE_SUFFIXES,
    HEAD_WORDS,
    NAME_LINKS,
    NOT_NAMES,
    PARTICLES,
    PLACE_HEADS,
    acronym_of,
    casing_of,
    common_word,
    is_title,
    particle_before,
    strip_particle,
    title_case_if_caps,
)

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document, Span


# the head words of events that news uses alone for the event it named in full ("the Cup")
EVENT_HEAD_WORDS = frozenset({"cup", "games", "olympics", "open", "prize", "trophy", "championship", "championships",
                         "tournament", "festival", "convention", "marathon", "derby", "bowl", "classic"})

# titles that are family names too
TITLE_SURNAMES = frozenset({"shaikh", "sheikh", "khan", "sultan", "emir", "amir", "imam", "pasha", "king", "major"})


def consistency(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    _people_by_surname(doc)
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for sp in doc.spans:
        if sp.source == "award":
            continue  # "an Oscar nomination" says nothing of "her son Oscar"
        key = tuple(fold(w) for w in doc.words[sp.part][sp.start : sp.end])
        weight = 0.5 if (sp.end - sp.start == 1 and doc.starts[sp.part][sp.start]) else 1.0
        if sp.source == "described":
            weight = 10.0  # what the sentence says a name is outweighs the tagger's guesses elsewhere
        elif sp.source in ("sports", "era"):
            weight = 3.0  # a results line names a team: "Newcastle 4 3 1 0 9 3 10" ... "leaders Newcastle";
            # "the Obama administration" names a person, whatever the tagger made of "Obama" elsewhere;
            # "the town of Zandvoort" names a place (reader.nlp.descriptions)
        votes[key][sp.label] += weight
    # acronyms defined in the text: "Libyan National Army (LNA)"
    acronyms: dict[str, Span] = {}
    for sp in doc.spans:
        words = doc.words[sp.part]
        if sp.end + 2 < len(words) and words[sp.end] == "(" and words[sp.end + 2] == ")":
            acr = words[sp.end + 1]
            if acronym_of(acr, words[sp.start : sp.end]):
                acronyms[acr] = sp
    _initials_used_alone(doc, acronyms)
    # untagged occurrences of names the document tagged elsewhere
    known: dict[tuple[str, ...], str] = {}
    for key, counter in votes.items():
        label = counter.most_common(1)[0][0]
        if len(key) == 1 and (len(key[0]) < 2 or common_word(key[0]) or key[0].rstrip(".") in CALENDAR) \
                or " ".join(key) in NOT_NAMES:
            continue
        known[key] = label
    for acr, sp in acronyms.items():
        known[(fold(acr),)] = sp.label
    for key, counter in votes.items():  # "DATECS Ltd., was founded in 1990" ... "Datecs became the best known"
        if len(key) == 2 and key[-1] in CORPORATE_SUFFIXES and counter.most_common(1)[0][0] == "ORG" \
                and not common_word(key[0]) and len(key[0]) > 2 and key[:1] in votes:
            known[key[:1]] = "ORG"  # (the name the tagger found alone too, whatever it made of it)
    # surnames of people named in full: "Guler said" after "Yasar Guler"; never a weekday ("announced Brian
    # Nichols Saturday") nor a title ("Vice President"), but "May" and "Akmal Shaikh" are surnames
    acronym_keys = {fold(a) for a in acronyms}
    described = _described_words(doc)
    for sp in doc.spans:
        if sp.label == "PER" and sp.end - sp.start >= 2:
            last = doc.words[sp.part][sp.end - 1]
            for form in {fold(last), fold(strip_particle(last))}:
                if len(form) > 1 and last.lower() not in ORG_WORDS and form not in described \
                        and form not in WEEKDAYS and (not is_title(last) or form in TITLE_SURNAMES) \
                        and (casing_of(form) in (None, "C") or form in doc.gaz.surnames) \
                        and ((form,) not in known or doc.gaz.place_kind(form) in (None, "city")
                             and form not in doc.gaz.orgs
                             and form not in NAMED_ORGS and form not in acronym_keys):
                    known[(form,)] = "PER"  # the surname wins over the tagger's votes ("Barack Obama" ...
                    # "the Obama administration"), unless the word is a known place or organisation
    given = {form: name for form, name in given_names(doc, acronym_keys).items() if form not in described}
    for form in given:
        known[(form,)] = "PER"  # (not a word the text calls a town: "the town of Bridgton")
    # headline run-ons: "LNA Downs" on a title-case line, where the body names "LNA" alone
    trusted = {tuple(fold(w) for w in doc.words[sp.part][sp.start : sp.end])
               for sp in doc.spans if not doc.caps[sp.part][sp.start]} | {(fold(a),) for a in acronyms}
    # a company the body names with its legal suffix ("Microsoft Corp") is named without it in headlines
    trusted |= {key[:-1] for key in trusted if len(key) > 1 and key[-1] in CORPORATE_SUFFIXES}
    if trusted:
        for sp in doc.spans:
            if not doc.caps[sp.part][sp.start] or sp.end - sp.start < 2:
                continue
            key = tuple(fold(w) for w in doc.words[sp.part][sp.start : sp.end])
            if key in trusted:
                continue
            for cut in range(len(key) - 1, 0, -1):
                if key[:cut] in trusted:
                    sp.end = sp.start + cut
                    break
    # relabel to the majority
    for sp in doc.spans:
        key = tuple(fold(w) for w in doc.words[sp.part][sp.start : sp.end])
        if key in known and sp.label not in ("GROUP",) and (
                sp.source == "model" or sp.source == "gazetteer" and " ".join(key) not in doc.gaz.countries):
            sp.label = known[key]  # the tagger's guess, or a lone city's: "Leeds held Arsenal" in a match report
    if known:
        folded = [[fold(w) for w in words] for words in doc.words]

        def known_name(p: int, i: int, length: int) -> Span | None:
            key = tuple(folded[p][i : i + length])
            if key not in known or (length == 1 and doc.starts[p][i] and doc.words[p][i][1:].islower()
                                    and common_word(key[0])):
                return None
            return Span(p, i, i + length, known[key], source="doc")

        doc._scan_uncovered(max(len(k) for k in known), known_name)
        for sp in doc.spans:  # "Bin Laden's son" at a sentence start, found again here: "Bin" is in the name
            if sp.source == "doc" and sp.label == "PER" and particle_before(doc.words[sp.part], sp.start) \
                    and not any(o.part == sp.part and o.start <= sp.start - 1 < o.end for o in doc.spans):
                sp.start -= 1
    link(doc, acronyms, given, described)


# what people do and places do not, after a surname that is also a city: "Valeska Paris" ... "Paris claims"
PERSON_VERBS = frozenset({"said", "says", "told", "tells", "added", "adds", "claimed", "claims", "insisted", "insists",
                          "argued", "argues", "admitted", "admits", "denied", "denies", "recalled", "recalls",
                          "explained", "explains", "wrote", "tweeted", "replied", "testified"})


def _speaks(words: list[str], end: int) -> bool:
    after = [w.lower() for w in words[end : end + 3]]
    if after[:1] == ["also"]:
        after = after[1:]
    return bool(after) and (after[0] in PERSON_VERBS or after[:2] == ["was", "born"])


def _described_words(doc: Document) -> set[str]:
    """Folded single words the text itself calls a place or a body ("the town of Zandvoort", "Nyrstar is a
    company"): no surname of a person the tagger made of a longer name ("Park Zandvoort")."""
    return {fold(doc.words[sp.part][sp.start]) for sp in doc.spans
            if sp.source == "described" and sp.label != "PER" and sp.end - sp.start == 1}

def _initials_used_alone(doc: Document, acronyms: dict[str, Span]) -> None:
    """An organisation named in full and later by its initials, never defined in brackets: "the
    University of Southern Indiana" ... "USI's exhibit". Only exact initials of three letters or more
    that the text writes in capitals."""
    caps_words = {w for words in doc.words for w in words if len(w) >= 3 and w.isupper() and w.isalpha()}
    if not caps_words:
        return
    for sp in doc.spans:
        if sp.label != "ORG" or sp.end - sp.start < 3 or doc.caps[sp.part][sp.start]:
            continue
        initials = "".join(w[0] for w in doc.words[sp.part][sp.start : sp.end] if w[:1].isupper())
        if initials in caps_words and initials not in acronyms:
            acronyms[initials] = sp


def _people_by_surname(doc: Document) -> None:
    """A first name and a surname the document names alone as a person (or followed by "of"
    and a country) is a person, whatever the tagger made of it: "Manson Family killer Susan
    Atkins dies" ... "Atkins was"; "Martina Hingis of Switzerland"."""
    alone: Counter = Counter()
    for sp in doc.spans:
        if sp.end - sp.start == 1:
            alone[fold(doc.words[sp.part][sp.start]), sp.label == "PER"] += 1
    for sp in doc.spans:
        words = doc.words[sp.part][sp.start : sp.end]
        if sp.label not in ("ORG", "LOC", "MISC") or not 2 <= len(words) <= 4:
            continue
        if (words[0].lower() in NAME_LINKS or words[0] == "Abu" and words[-1].lower().startswith(PARTICLES)) \
                and doc.gaz.place_kind(fold(" ".join(words))) is None \
                and words[-1].lower() not in PLACE_HEADS and words[-1].lower() not in ORG_WORDS:
            sp.label = "PER"  # "Bin Laden", "Abu Bakr al-Baghdadi"
            continue
        last = fold(words[-1])
        after = doc.words[sp.part][sp.end : sp.end + 2]
        # "Martina Hingis of Switzerland": a first name, a surname, "of" and a country
        from_country = len(after) == 2 and after[0] == "of" and fold(after[1]) in doc.gaz.countries
        if ((alone[last, True] > alone[last, False] or from_country) and len(words) <= 3
                and fold(words[0]) in doc.gaz.first_names
                and not any(w.lower() in ORG_WORDS or w.lower() in PLACE_HEADS for w in words)
                and doc.gaz.place_kind(fold(" ".join(words))) is None):
            sp.label = "PER"


def given_names(doc: Document, acronym_keys: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """Folded given names the document may use alone for a person it names in full -> that person:
    "Saddam" after "Saddam Hussein", "Xi" after "Xi Jinping". Only names that are no common first name
    in English-language news ("John" alone may be another John), no word news writes in lower case
    ("Ban Ki-moon" ... "a ban"), and no known place or organisation."""
    out: dict[str, str] = {}
    gaz = doc.gaz
    for sp in sorted(doc.spans, key=lambda s: (s.part, s.start)):
        words = doc.words[sp.part][sp.start : sp.end]
        if sp.label != "PER" or not 2 <= len(words) <= 3 or sp.source == "award" or doc.caps[sp.part][sp.start]:
            continue  # a full name of two or three words, not on a headline's line
        if any(not (w[:1].isupper() and w[1:].replace("-", "").isalpha() and not w.isupper()) or is_title(w)
               or w.lower() in ORG_WORDS or w.lower() in RULE_ORG_HEADS or w.lower() in CALENDAR for w in words):
            continue  # "Navy Chief Admiral ...", "Dyn DNS", "October 31st", "Matanuska Maid Dairy"
        first = words[0]
        form = fold(first)
        if not first[1:].islower() or form.endswith("s") or form in gaz.first_names or form in gaz.surnames \
                or casing_of(form) not in (None, "C") or common_word(form) \
                or gaz.place_kind(form) is not None or form in gaz.orgs or form in NAMED_ORGS \
                or form in acronym_keys:
            continue  # "Sixers", "Democratic", "John"; a place or an organisation
        out.setdefault(form, doc.surface(sp))
    return out


def link(doc: Document, acronyms: dict[str, Span], given: dict[str, str],
         described: set[str] | frozenset[str] = frozenset()) -> None:
    gaz = doc.gaz
    persons = [sp for sp in doc.spans if sp.label == "PER" and sp.end - sp.start > 1]
    # A surname alone is the person first named in full: news names its subject first, and
    # relatives later ("Hunter Biden" in a story about Joe Biden; measured on Wikinews, the
    # nearest full name before the surname was wrong far more often).
    surname: dict[str, str] = {}
    for sp in sorted(persons, key=lambda s: (s.part, s.start)):
        last = fold(strip_particle(doc.words[sp.part][sp.end - 1]))
        if last not in described:
            surname.setdefault(last, sp.entity or doc.surface(sp))  # a nickname's person has an entity
    acronym_names = {acr: doc.surface(sp) for acr, sp in acronyms.items()}
    # "the House" after "House of Representatives", "the Army" after "Libyan National Army": the
    # head word of one organisation the document named in full (never when two share it)
    heads: dict[str, set[str]] = defaultdict(set)
    for sp in doc.spans:
        words = doc.words[sp.part][sp.start : sp.end]
        if sp.label != "ORG" or len(words) < 3 or gaz.place_kind(fold(" ".join(words))) is not None:
            continue
        if words[1] == "of" and words[0].lower() in HEAD_WORDS:
            heads[words[0]].add(doc.surface(sp))  # "House of Representatives"
        elif words[-1].lower() in HEAD_WORDS and "of" not in words and "and" not in words:
            heads[words[-1]].add(doc.surface(sp))  # "Libyan National Army"
    # "the Cup" after "the Stanley Cup", "the Games" after "the Commonwealth Games": an event's head
    event_heads: dict[str, set[str]] = defaultdict(set)
    for sp in doc.spans:
        words = doc.words[sp.part][sp.start : sp.end]
        if sp.label in ("EVENT", "MISC") and len(words) >= 2 and words[-1].lower() in EVENT_HEAD_WORDS:
            event_heads[words[-1]].add(doc.surface(sp))
    for sp in doc.spans:
        text = doc.surface(sp)
        if sp.entity:
            continue
        if sp.label in ("ORG", "LOC", "MISC") and len(heads.get(text, ())) == 1:
            sp.entity, sp.label = next(iter(heads[text])), "ORG"  # whatever type a lone "House" got
            continue
        if sp.label in ("ORG", "LOC", "MISC", "PER") and len(event_heads.get(text, ())) == 1 \
                and sp.start and doc.words[sp.part][sp.start - 1] in ("the", "another", "a"):
            sp.entity, sp.label = next(iter(event_heads[text])), "EVENT"
            continue
        if sp.end - sp.start == 2 and doc.words[sp.part][sp.start].lower() in NAME_LINKS:
            key = fold(doc.words[sp.part][sp.start + 1])
            if key in surname and sp.label == "PER":
                sp.entity = surname[key]  # "Bin Laden" after "Osama bin Laden"
                continue
        if sp.end - sp.start == 1:
            word = doc.words[sp.part][sp.start]
            if word in acronym_names:
                sp.entity = acronym_names[word]
                sp.label = acronyms[word].label
                continue
            key = fold(strip_particle(word))
            if key in surname and sp.label in ("PER", "ORG", "LOC", "MISC") and (
                    gaz.canonical_place(word) is None or _speaks(doc.words[sp.part], sp.end)):
                sp.label = "PER"
                sp.entity = surname[key]
                continue
            if fold(word) in given and sp.label in ("PER", "ORG", "LOC", "MISC") and fold(word) not in described:
                sp.label, sp.entity = "PER", given[fold(word)]  # "Saddam" after "Saddam Hussein"
                continue
        if sp.label == "LOC":
            sp.entity = gaz.canonical_place(text) or (
                title_case_if_caps(text) if text.isupper() and gaz.place_kind(fold(text)) else text)
        else:
            sp.entity = text
        if doc.caps[sp.part][sp.start] and sp.entity == text and text.isupper():
            # "LEICESTERSHIRE" in a headline: the body's spelling, else title case for known words
            sp.entity = _body_spelling(doc, text)

def _body_spelling(doc: Document, text: str) -> str:
    key = fold(text)
    if doc._spellings is None:
        doc._spellings = {}
        for sp in doc.spans:
            if not doc.caps[sp.part][sp.start]:
                surface = doc.surface(sp)
                doc._spellings.setdefault(fold(surface), surface)
    if key in doc._spellings:
        return doc._spellings[key]
    words = text.split()
    if all(common_word(fold(w)) is False and casing_of(fold(w)) in ("C", "M") for w in words):
        return title_case_if_caps(text)
    return text
