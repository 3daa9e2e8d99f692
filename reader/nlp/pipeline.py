"""From text to linked mentions: the tagger's spans, then rules and document-level consistency.

1. tag each text (title, captions, body) with the statistical tagger;
2. clean spans: titles and honorifics out ("Maj. Gen."), possessives out, photo credits dropped;
3. gazetteer rules: demonyms become GROUP mentions, country names the tagger missed become places;
   lines of sports results ("Leeds 2 Arsenal 1") name teams;
4. document consistency over all the texts of an article: a name tagged once is tagged (with its
   majority label) everywhere, acronyms defined in the text ("Libyan National Army (LNA)") and surnames
   ("Guler" after "Yasar Guler") link to the full name, places link to the gazetteer's canonical name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.models import Mention
from reader.nlp import (
    descriptions,
    events,
    linking,
    locatives,
    nicknames,
    of_names,
    parties,
    scoreboards,
    sports,
    units,
)
from reader.nlp.conll import CONNECTORS
from reader.nlp.conll import spans as bio_spans
from reader.nlp.gazetteer import (
    CALENDAR,
    EVENT_WORDS,
    NAME_TITLES,
    NAMED_ORGS,
    ORG_WORDS,
    RULE_ORG_HEADS,
    TITLES,
    WEAK_NEWSPAPER_HEADS,
    WEEKDAYS,
    Gazetteer,
    fold,
    load_gazetteer,
)
from reader.nlp.rules import (
    CORPORATE_SUFFIXES,
    DATELINE_DATE,
    FIGURES,
    INITIAL,
    LABELS,
    NAME_LINKS,
    NOT_NAMES,
    NUMBER,
    PARTICLES,
    PARTY_WORDS,
    PER_BREAKS,
    PLACE_HEADS,
    PLACE_MODIFIERS,
    SPAN_BREAKS,
    WEAK_TITLES,
    YEAR,
    acronym_of,
    cap,
    casing_of,
    common_word,
    company_runs,
    has_event_word,
    is_software,
    is_title,
    linked_names,
    misc_label,
    particle_before,
    strip_particle,
)
from reader.nlp.tagger import caps_lines
from reader.nlp.tokens import Token, lines, sentence_starts, tokenize

ROAD_CODE = re.compile(r"^[A-Z]{1,2}-?\d{1,4}$")  # "M6", "A1", "I-95", "K2"


@dataclass
class Span:
    part: int
    start: int  # token index
    end: int  # token index, exclusive
    label: str  # PERSON ORG PLACE GROUP EVENT
    entity: str | None = None
    entity_label: str | None = None
    source: str = "model"


class Document:
    def __init__(self, texts: Sequence[str], tagger: Callable[[list[Token]], list[str]]) -> None:
        self.texts = list(texts)
        self.tokens = [tokenize(t) for t in self.texts]
        self.words = [[t.text for t in toks] for toks in self.tokens]
        self.starts = [sentence_starts(toks) for toks in self.tokens]
        self.gaz = load_gazetteer()
        self.group_names = _group_names(self.gaz)
        self.caps = [caps_lines(toks) for toks in self.tokens]
        self._spellings: dict[str, str] | None = None
        self.spans: list[Span] = []
        self.ruled_out: list[tuple[int, int, int]] = []  # (part, start, end) of words that name no entity
        self.software_words: set[str] = set()  # words of the programs the text names ("CentOS", "Stream")
        for p, toks in enumerate(self.tokens):
            tags = tagger(toks)
            for s, e, label in sorted(bio_spans(tags)):
                self.spans.append(Span(p, s, e, label))

    def surface(self, sp: Span) -> str:
        toks = self.tokens[sp.part]
        return self.texts[sp.part][toks[sp.start].start : toks[sp.end - 1].end]

    # -- 2. cleaning ------------------------------------------------------------------------------
    def clean(self) -> None:
        out = []
        pieces: list[Span] = []
        for sp in self.spans:
            # a name never runs over a plain lowercase word ("Guler visits Tripoli") or a line break
            words = self.words[sp.part]
            toks = self.tokens[sp.part]
            start = sp.start
            for i in range(sp.start, sp.end + 1):
                if i > sp.start and i < sp.end and toks[i].line_start:
                    pieces.append(Span(sp.part, start, i, sp.label, source=sp.source))
                    start = i
                if i == sp.end or words[i] in SPAN_BREAKS or (
                        words[i][:1].islower() and words[i].lower() not in CONNECTORS
                        and not words[i].lower().startswith(PARTICLES)):
                    if i > start:
                        pieces.append(Span(sp.part, start, i, sp.label, source=sp.source))
                    start = i + 1
        pieces = [piece for sp in pieces for piece in self._split_at_title(sp)]
        pieces = [piece for sp in pieces for piece in self._split_country_then_person(sp)]
        pieces = [piece for sp in pieces for piece in self._split_country_of(sp)]
        pieces = [piece for sp in pieces for piece in self._split_at_possessive(sp)]
        last_words = {self.words[sp.part][sp.end - 1] for sp in pieces if sp.end - sp.start > 1}
        labels_before_numbers = self._labels_before_numbers()
        for sp in pieces:
            words = self.words[sp.part]
            while sp.end - sp.start > 1 and words[sp.start].lower() in QUANTIFIERS and self.starts[sp.part][sp.start]:
                sp.start += 1  # "Many Hongkongers left", "Some Democrats" (not "a Fellow of All Souls College")
            if sp.label == "PER" and sp.end - sp.start > 1 and is_title(words[sp.start]) \
                    and words[sp.end - 1].lower() in NAMED_PLACE_HEADS:
                sp.label = "LOC"  # "King County", "Queen Street"
            while sp.start < sp.end and (is_title(words[sp.start]) and sp.label in ("PER", "MISC", "ORG")
                                         and sp.end - sp.start > 1 and sp.label == "PER"
                                         or words[sp.start] in {"(", "\"", "“", "'", "-", "--", "—", "–"}):
                sp.start += 1
            pronoun = False
            last = fold(words[sp.end - 1]).replace("’", "'")
            if sp.end - sp.start > 1 and "'" in last and last in NOT_NAMES:
                sp.end -= 1  # "V. I'm": a contraction is no part of a name
                pronoun = True
            elif sp.end - sp.start > 1 and words[sp.end - 1] == "I" and sp.label != "MISC":
                before = fold(words[sp.end - 2])
                # the pronoun after a word the tagger took for a name ("Today I", "So I"); not a regnal
                # number ("Elizabeth I") nor a war ("World War I")
                if before not in EVENT_WORDS and (not self.gaz.is_given_name(before)
                                                  or casing_of(before) not in (None, "C")):
                    sp.end -= 1
                    pronoun = True
            while sp.end - sp.start > 1 and words[sp.end - 1].lower() in WEEKDAYS \
                    and words[sp.end - 2].lower() not in NAMED_DAYS:
                sp.end -= 1  # "announced Brian Nichols Saturday", "in Queens Friday"
            while sp.end > sp.start and (words[sp.end - 1] in {"'s", "’s", ")", "\"", "”", ",", "-", ".", "$", "€", "£",
                                                               "%"}
                                         or sp.label in ("PER", "LOC") and NUMBER.fullmatch(words[sp.end - 1])
                                         or sp.end - sp.start > 2 and NUMBER.fullmatch(words[sp.end - 1])
                                         and words[sp.end - 2] in {"$", "€", "£", "¥"}  # "... for $ 1.1"
                                         or FIGURES.fullmatch(words[sp.end - 1])):
                sp.end -= 1  # possessives, brackets; a score, a count or figures after a name ("Mushtaq Ahmed 44")
            if sp.end <= sp.start or pronoun and sp.end - sp.start == 1 and casing_of(fold(words[sp.start])) not in (
                    None, "C"):
                continue
            span_words = words[sp.start : sp.end]
            if not any(c.isalpha() for w in span_words for c in w):
                continue  # numbers and punctuation are never a name
            if all(is_title(w) for w in span_words):
                continue  # "Maj. Gen.", "Field Marshal"
            name = fold(" ".join(w for w in span_words if not NUMBER.fullmatch(w)))
            if name in NOT_NAMES:
                continue  # "File Photo", "USD 26.95"
            first = sp.start - 1 if sp.start and words[sp.start - 1].lower() in SHIP_PREFIXES else sp.start
            if words[first].isupper() and words[first].lower() in SHIP_PREFIXES and first + 1 < sp.end \
                    and cap(words[first + 1]):
                self.ruled_out.append((sp.part, first, sp.end))
                continue  # a ship ("INS Sukanya", "HMS Ocean"): none of the five kinds
            end = sp.end + 1 if sp.end < len(words) and is_software(words[sp.start : sp.end + 1]) else sp.end
            if end > sp.end or is_software(span_words):
                self.software_words.update(fold(w) for w in words[sp.start : end])
                if words[end : end + 1] == ["("] and words[end + 2 : end + 3] == [")"]:
                    self.software_words.add(fold(words[end + 1]))  # "Internet Explorer 9 ( IE9 )"
                    self.ruled_out.append((sp.part, end + 1, end + 2))
                self.ruled_out.append((sp.part, sp.start, end))
                continue  # "CentOS 8", "Rocky" + "Linux": software is none of the five kinds
            if len(span_words) == 1 and span_words[0].lower().rstrip(".") in CALENDAR:
                continue
            if all(w.lower() in CORPORATE_SUFFIXES or w == "." for w in span_words):
                continue  # "CBS , Inc.", "Cascade Timberlands , LLC": the suffix alone names nothing
            if len(span_words) > 2 and span_words[-2] == "," and span_words[-1].lower() in CORPORATE_SUFFIXES:
                sp.end -= 2  # "CBS , Inc." is CBS
                span_words = span_words[:-2]
            if not any(cap(w) or w[:1].isdigit() for w in span_words):
                continue
            if len(span_words) == 1 and self.caps[sp.part][sp.start] and span_words[0].isupper() \
                    and common_word(fold(span_words[0])) and self.gaz.place_kind(fold(span_words[0])) is None:
                continue  # "RESULTS": a common word in a capitals headline
            if (len(span_words) == 1 and span_words[0].istitle() and span_words[0] not in last_words
                    and (self.starts[sp.part][sp.start] or self.tokens[sp.part][sp.start].line_start
                         or sp.start > 0 and words[sp.start - 1] in {"\"", "“", "‘"})
                    and common_word(fold(span_words[0])) and self.gaz.place_kind(fold(span_words[0])) is None):
                continue  # "People said ...": a word news writes in lower case, capitalised as it opens a
                # sentence or a quote; not a surname the document gives in full ("Susan Page ... Page said")
            if (sp.label == "PER" or sp.label == "LOC" and not ROAD_CODE.match(span_words[0])) and any(
                    any(c.isdigit() for c in w) and any(c.isalpha() for c in w) for w in span_words) \
                    and self.gaz.place_kind(fold(" ".join(span_words))) is None:
                self.ruled_out.append((sp.part, sp.start, sp.end))
                continue  # "Ez2DJ": a product; people's and places' names hold no digits (roads aside: "M6")
            if len(span_words) == 1 and sp.label == "PER" and span_words[0] in labels_before_numbers:
                continue  # "Milepost 7.2 : West Sebago", "Milepost 9.0 : ...": a label, not a person
            if (len(span_words) == 1 and span_words[0].isupper() and self.tokens[sp.part][sp.start].line_start
                    and sp.end < len(words) and words[sp.end] in {"-", "–", "—"}
                    and self.gaz.place_kind(fold(span_words[0])) is None):
                continue  # a wire-service slug: "CRICKET - ...", "SOCCER - ..."
            if sp.label != "PER" and is_title(words[sp.start]) and (
                    words[sp.start].lower() not in WEAK_TITLES
                    or sp.end - sp.start == 3 and self.gaz.is_given_name(fold(words[sp.start + 1]))
                    and not common_word(fold(words[sp.end - 1]))
                    and self.gaz.place_kind(fold(" ".join(span_words))) is None):  # not "General Santos City"
                # "Detective Inspector Jane Tennison" tagged as an organisation: titles, then a first name
                k = sp.start
                while k < sp.end and is_title(words[k]):
                    k += 1
                if sp.end - k >= 2 and self.gaz.is_given_name(fold(words[k])):
                    sp.start, sp.label = k, "PER"  # ("Captain Willem Janszoon": given names of the world too)
            if (sp.label == "PER" and sp.end - sp.start == 2 and is_title(words[sp.end - 1])
                    and sum(c.isupper() for c in words[sp.start]) >= 2 and len(words[sp.start]) <= 6):
                sp.end -= 1  # "HoR Speaker, Fathi al-Marimi": an acronym and a title ("Julie Bishop" is a name)
            if sp.label == "PER":
                # a person's name holds no "of"/"and" ("Greg Norman of Australia" -> "Greg Norman")
                cut = next((k for k in range(sp.start + 1, sp.end)
                            if words[k].lower() in PER_BREAKS), None)
                if cut is not None:
                    sp.end = cut
                # initials before the name: "P. Simmons"
                while sp.start > 0 and INITIAL.match(words[sp.start - 1]) \
                        and not self.tokens[sp.part][sp.start].line_start:
                    sp.start -= 1
            out.append(sp)
        # a word of a product the document names is the product too ("CentOS Stream" ... "Stream")
        self.spans = [sp for sp in out if sp.end - sp.start > 1
                      or fold(self.words[sp.part][sp.start]) not in self.software_words]

    def _labels_before_numbers(self) -> set[str]:
        """Capitalised words the text uses three times or more, each time opening a sentence or a line
        and before a number, and that are no known name: list labels ("Milepost 7.2 :", "Stage 4 :")."""
        seen: dict[str, list[bool]] = {}
        for p, words in enumerate(self.words):
            for i, w in enumerate(words):
                if w[:1].isupper() and w[1:].islower():
                    after = words[i + 1] if i + 1 < len(words) else ""
                    seen.setdefault(w, []).append((self.starts[p][i] or self.tokens[p][i].line_start)
                                                  and after[:1].isdigit())
        return {w for w, marks in seen.items() if len(marks) >= 3 and all(marks)
                and not self.gaz.is_given_name(fold(w)) and not self.gaz.is_family_name(fold(w))
                and self.gaz.place_kind(fold(w)) is None}

    def set_span(self, new: Span) -> None:
        """Add a span, dropping the spans it overlaps."""
        self.spans = [s for s in self.spans
                      if not (s.part == new.part and s.start < new.end and new.start < s.end)]
        self.spans.append(new)

    def name_rules(self) -> None:
        """Titles introduce people; particles stay inside names; acronyms take the phrase they define."""
        for p, words in enumerate(self.words):
            n = len(words)
            for i, w in enumerate(words):
                if self.caps[p][i] or w.lower() not in NAME_TITLES:
                    continue
                if i + 2 < n and words[i + 1] == "of":
                    self._name_after_office(p, i)  # "Minister of National Security Martin Joseph"
                if w.lower() in WEAK_TITLES and not (i and words[i - 1].lower() in NAME_TITLES):
                    continue  # "Major League Baseball", "General Motors": only after another title
                j = i + 1
                while j < n and words[j].lower() in NAME_TITLES:
                    j += 1
                k = j
                toks = self.tokens[p]
                while k < n and k - j < 5 and (cap(words[k]) or k > j and words[k] in SURNAME_PARTICLES and k + 1 < n
                                               and cap(words[k + 1])) \
                        and (not is_title(words[k]) or k > j and words[k].lower() in linking.TITLE_SURNAMES
                             and not (k + 1 < n and (cap(words[k + 1]) or words[k + 1] == "of"))) \
                        and not toks[k].line_start \
                        and fold(words[k]) not in self.gaz.demonyms and words[k].lower() not in ORG_WORDS \
                        and (not common_word(fold(words[k])) or fold(words[k]) in self.gaz.surnames
                             or k > j and (words[k] in SURNAME_PARTICLES or words[k - 1] in SURNAME_PARTICLES)) \
                        and (words[k].lower() not in CALENDAR or k > j and words[k].lower() not in WEEKDAYS
                             and not (k + 1 < n and words[k + 1][:1].isdigit())):  # "Theresa May", not "Ed May 3"
                    k += 1  # ("van Dam": after a particle, a common word is a surname)
                while k > j + 1 and words[k - 1] in SURNAME_PARTICLES:
                    k -= 1
                if k > j and words[j][:1].isupper() | words[j].lower().startswith(PARTICLES):
                    phrase = fold(" ".join(words[j:k]))
                    if phrase in NAMED_ORGS or phrase in NOT_NAMES or self.gaz.canonical_place(" ".join(words[j:k])):
                        continue
                    existing = [s for s in self.spans if s.part == p and s.start < k and j < s.end]
                    # the tagger's run over the title too ("Spanish Farm Minister Loyola de Palacio") gives way;
                    # a nationality before the title is found again by the gazetteer rules
                    if all(s.label in ("PER", "MISC", "ORG") and s.start >= j or s.label in ("PER", "MISC")
                           and s.end <= k or s.end <= k and s.start > j and words[s.start - 1] in SURNAME_PARTICLES  # "van [Dam]"
                           for s in existing):
                        self.set_span(Span(p, j, k, "PER", source="title"))
            # particles: "Bashar" + "al-Assad", "Souk" + "al-Khamis"
            for sp in self.spans:
                if sp.part != p:
                    continue
                while sp.end < n and words[sp.end].lower().startswith(PARTICLES) and "-" in words[sp.end] \
                        and not self.tokens[p][sp.end].line_start:
                    sp.end += 1
            line_starts = [t.line_start for t in self.tokens[p]]
            for start, end in company_runs(words, line_starts):
                self.set_span(Span(p, start, end, "ORG", source="company"))
            if not NAME_LINKS.isdisjoint(words):
                stops = [t.line_start or is_title(w) or fold(w) in self.gaz.demonyms
                         for t, w in zip(self.tokens[p], words, strict=True)]
                for start, end in linked_names(words, stops):
                    self.set_span(Span(p, start, end, "PER", source="title"))
            for sp in self.spans:  # "Bin Laden's son" at a sentence start, where the tagger drops "Bin"
                if sp.part == p and particle_before(words, sp.start) and not self.tokens[p][sp.start].line_start:
                    sp.start -= 1
            # acronyms defined in the text: take the longest capitalised phrase before "(ACR)"
            for i in range(1, n - 2):
                if words[i] != "(" or words[i + 2] != ")":
                    continue
                acr = words[i + 1]
                best = None
                for start in range(i - 1, max(-1, i - 9), -1):
                    if cap(words[start]) and acronym_of(acr, words[start:i], strict=True):
                        best = start
                if best is None:
                    continue
                if is_software(words[best:i]):  # "Red Hat Enterprise Linux (RHEL)": the acronym too
                    self.ruled_out += [(p, best, i), (p, i + 1, i + 2)]
                    self.software_words.add(fold(acr))
                    continue
                existing = [s for s in self.spans if s.part == p and s.start < i and best < s.end]
                label = existing[0].label if existing and existing[0].label != "MISC" else "ORG"
                if label == "PER":
                    label = "ORG"
                self.set_span(Span(p, best, i, label, source="acronym"))
        # known organisations and events
        for sp in self.spans:
            words = self.words[sp.part][sp.start : sp.end]
            key = fold(" ".join(words))
            if key in NAMED_ORGS and (len(key) > 3 or words[0].isupper()):
                sp.label, sp.entity = "ORG", NAMED_ORGS[key]
            elif key in EVENT_NAMES:
                sp.label = "EVENT"  # "Brexit"
            elif key in PEOPLE_BY_TITLE or key in DEITIES:
                sp.label = "PER"  # "the Dalai Lama", "Zeus"
            elif sp.label == "LOC" and key in CHAMBERS:
                sp.label = "ORG"  # "the Speaker of the House"
            elif len(words) == 2 and words[0].lower() in NAMED_DAYS and words[1].lower() in WEEKDAYS:
                sp.label = "EVENT"  # "Super Tuesday", "Black Friday"
            elif (sp.label in ("LOC", "ORG", "MISC") and len(words) > 1 and words[-1].lower() in EVENT_WORDS
                  and (words[-1].lower() != "games" or has_event_word(words))
                  or len(words) > 2 and words[-2].lower() in EVENT_WORDS and words[-1] in ("I", "II", "III")):
                sp.label = "MISC"  # "Monaco Grand Prix", "World War II"
        self.storms()
        events.named_events(self)
        events.holidays_and_operations(self)
        events.campaigns(self)
        self.awards()
        self.bills_and_founders()
        cov = self.covered()
        for p, words in enumerate(self.words):
            i = 0
            while i < len(words):
                if not words[i][:1].isupper() and not words[i].startswith(("al-", "el-")):
                    i += 1  # every known organisation starts with a capital, or an article: "al-Qaeda"
                    continue
                hit = 0
                for length in (4, 3, 2, 1):
                    seg = words[i : i + length]
                    if len(seg) < length or any(cov[p][i : i + length]) or not cap(seg[-1]):
                        continue
                    key = fold(" ".join(seg))
                    if key in NAMED_ORGS and (len(key) > 3 and (seg[0][:1].isupper() or seg[0][:3] in ("al-", "el-"))
                                              or seg[0].isupper()):
                        self.spans.append(Span(p, i, i + length, "ORG", NAMED_ORGS[key], source="known"))
                        hit = length
                        break
                i += hit or 1
        self.listed_companies()
        of_names.bodies_named_of(self)
        of_names.newsrooms(self)
        of_names.collective_owners(self)
        of_names.lines_between_towns(self)
        units.numbered_units(self)
        units.commanders_units(self)
        of_names.named_by_trade(self)
        of_names.field_and_country(self)
        of_names.named_after_people(self)

    def listed_companies(self) -> None:
        """A company or club of the gazetteer named in full is one organisation, whatever the tagger cut
        out of it: "General Motors" (not the title "General" and a person "Motors"), "Deutsche Telekom
        shares". Only names of two words or more: "Shell" alone is also the casing of a bullet."""
        orgs = self.gaz.orgs
        firsts = _first_words_of_names(self.gaz)
        at: dict[tuple[int, int], list[Span]] = defaultdict(list)  # the spans over each word
        for sp in self.spans:
            for k in range(sp.start, sp.end):
                at[sp.part, k].append(sp)
        replaced: set[int] = set()
        for p, words in enumerate(self.words):
            i = 0
            while i < len(words):
                if not words[i][:1].isupper() or fold(words[i]) not in firsts:
                    i += 1
                    continue
                hit = 0
                for length in (4, 3, 2):
                    seg = words[i : i + length]
                    if len(seg) < length or not (cap(seg[0]) and (cap(seg[-1]) or seg[-1] in POSSESSIVES)) \
                            or not all(cap(w) or w in ("&", "of", "and") or w in POSSESSIVES for w in seg):
                        continue  # "General Motors", "Standard & Poor 's"
                    key = fold(" ".join(seg))
                    named = NAMED_ORGS.get(key)  # hand-kept: "Islamic Jihad" is no group
                    if named is None and key not in orgs or self.full_personal_name(seg):
                        continue
                    inside = {id(s): s for k in range(i, i + length) for s in at.get((p, k), ())
                              if id(s) not in replaced}
                    if any(s.start < i or s.end > i + length or s.label == "GROUP" and named is None
                           for s in inside.values()):
                        continue  # part of a longer name, or a nationality before a listed name
                    replaced.update(inside)
                    company = Span(p, i, i + length, "ORG", named, source="known")
                    self.spans.append(company)
                    for k in range(i, i + length):
                        at[p, k].append(company)
                    hit = length
                    break
                i += hit or 1
        if replaced:
            self.spans = [s for s in self.spans if id(s) not in replaced]

    def _joined_by_and(self) -> list[tuple[Span, Span]]:
        """Pairs of spans with just "and" between them (the tagger cuts names at "and")."""
        starts = {(sp.part, sp.start): sp for sp in self.spans}
        out = []
        for sp in self.spans:
            words = self.words[sp.part]
            after = starts.get((sp.part, sp.end + 1))
            if after is not None and words[sp.end] == "and":
                out.append((sp, after))
        return out

    def _join_countries_with_and(self) -> None:
        """ "Trinidad" + "and" + "Tobago" -> "Trinidad and Tobago" (the tagger cuts names at "and"),
        also when the second part runs on into an organisation ("Tobago Police Service")."""
        drop = set()
        for sp, after in self._joined_by_and():
            if id(sp) in drop:
                continue
            words = self.words[sp.part]
            for k in range(after.end, after.start, -1):
                name = " ".join(words[sp.start : k])
                if fold(name) in self.gaz.countries:
                    after.start, after.entity = sp.start, None
                    if k == after.end:
                        after.label = "LOC"
                    elif words[after.end - 1].lower() in ORG_WORDS:
                        after.label = "ORG"
                    drop.add(id(sp))
                    break
        self.spans = [sp for sp in self.spans if id(sp) not in drop]

    def _nationality_in_names(self) -> None:
        """ "Australian" + "Football League" -> "Australian Football League": a nationality right before
        an organisation's proper name is part of it. Not before an office of state ("German" + "Foreign
        Ministry", "the Iraqi Army"), where the nationality says whose office it is."""
        starts = {(sp.part, sp.start): sp for sp in self.spans}
        drop = set()
        cov = self.covered()
        for sp in self.spans:
            after = starts.get((sp.part, sp.end))
            if sp.label == "GROUP" and sp.end - sp.start == 1 and after is None:
                self._nationality_before_untagged_body(sp, cov[sp.part])  # "Brazilian Cycling Confederation"
                continue
            if sp.label != "GROUP" or sp.end - sp.start != 1 or after is None or after.label != "ORG":
                continue
            words = self.words[sp.part][after.start : after.end]
            if len(words) < 2 or words[-1].lower() not in ORG_WORDS or any(w.lower() in STATE_OFFICES for w in words):
                continue
            after.start, after.entity, after.entity_label = sp.start, None, None
            drop.add(id(sp))
        if drop:
            self.spans = [sp for sp in self.spans if id(sp) not in drop]

    def _nationality_before_untagged_body(self, sp: Span, cov: list[bool]) -> None:
        """A nationality and the capitalised words after it that nothing claimed, ending in an
        organisation's word, are one organisation: "Brazilian Cycling Confederation", "British League
        of Rights". Offices of state stay apart ("Iraqi Army")."""
        words = self.words[sp.part]
        end = sp.end
        while end < len(words) and end - sp.end < 6 and not cov[end] and not self.tokens[sp.part][end].line_start \
                and (words[end][:1].isupper() or words[end] in ("of", "for") and end + 1 < len(words)
                     and words[end + 1][:1].isupper()):
            end += 1
        run = [w.lower() for w in words[sp.end : end]]
        if len(run) < 2 or not any(w in ORG_WORDS for w in run) or any(w in STATE_OFFICES for w in run) \
                or any(is_title(w) for w in words[sp.end : end]):
            return
        sp.end, sp.label, sp.entity, sp.entity_label, sp.source = end, "ORG", None, None, "nationality"

    def bills_and_founders(self) -> None:
        """A bill is no person ("the Health Care Reform Bill 2019"), and a first name before "and" and a
        foundation is part of it ("the Bill and Melinda Gates Foundation")."""
        joined = {id(sp): after for sp, after in self._joined_by_and()}
        drop = set()
        for sp in self.spans:
            if sp.label != "PER" or sp.end - sp.start != 1:
                continue
            words = self.words[sp.part]
            after = joined.get(id(sp))
            if after is not None and after.label == "ORG" and words[after.end - 1].lower() in ORG_WORDS:
                after.start = sp.start
                after.entity = None
                drop.add(id(sp))
            elif words[sp.start] == "Bill" and (
                    sp.start > 0 and cap(words[sp.start - 1]) and not is_title(words[sp.start - 1])
                    and not self.starts[sp.part][sp.start - 1]
                    or sp.end < len(words) and YEAR.match(words[sp.end])):
                drop.add(id(sp))
        self.spans = [sp for sp in self.spans if id(sp) not in drop]

    def storms(self) -> None:
        """ "Hurricane Katrina", "Tropical Storm Humberto": an event, not a person, and so is the bare
        name elsewhere in the text ("Humberto is expected to pass Bermuda")."""
        named: dict[str, str] = {}
        for sp in self.spans:
            words = self.words[sp.part]
            start = sp.start
            while start > 0 and words[start - 1].lower() in STORM_WORDS and cap(words[start - 1]):
                start -= 1
            k = start
            while k < sp.end - 1 and words[k].lower() in STORM_WORDS and cap(words[k]):
                k += 1
            if k > start and any(w.lower() in STORM_KINDS for w in words[start:k]) and cap(words[sp.end - 1]):
                sp.start, sp.label = start, "MISC"
                sp.entity = " ".join(words[start : sp.end])
                named.setdefault(fold(" ".join(words[k : sp.end])), sp.entity)
        for sp in self.spans:
            key = fold(" ".join(self.words[sp.part][sp.start : sp.end]))
            if key in named:
                sp.label, sp.entity = "EVENT", named[key]  # shown as it is: misc_label knows no bare name

    def awards(self) -> None:
        """Film and music awards: "the Oscars" and "an Oscar nomination" are the Academy Awards, never a
        person (but "her son Oscar" is). The plural is always the ceremony; the singular when an article or
        an award word stands next to it. Award spans cast no vote in the document's consistency."""
        for sp in self.spans:
            award = self._award(sp.part, sp.start, sp.end)
            if award is not None:
                sp.label, sp.entity, sp.entity_label, sp.source = "EVENT", award, None, "award"

        def uncovered(p: int, i: int, length: int) -> Span | None:
            award = self._award(p, i, i + length)
            return None if award is None else Span(p, i, i + length, "EVENT", award, source="award")

        self._scan_uncovered(2, uncovered)

    def _award(self, p: int, start: int, end: int) -> str | None:
        words = self.words[p]
        key = fold(" ".join(words[start:end]))
        award = AWARDS.get(key)
        if award is None or not words[start][:1].isupper():
            return None
        before = words[start - 1].lower() if start else ""
        after = [w.lower() for w in words[end : end + 2]]
        next_word = after[1] if after[:1] == ["-"] and len(after) > 1 else after[0] if after else ""
        if key.endswith("s") or before in AWARD_BEFORE or next_word in AWARD_AFTER:
            return award
        return None

    def _split_at_possessive(self, sp: Span) -> list[Span]:
        """ "John Major 's Conservative Party" -> "John Major" + "Conservative Party": a person's "'s" ends
        the person's name. Not a one-word owner: "Moody 's Investors Service", "Macy 's" are one name."""
        words = self.words[sp.part]
        first = sp.start
        while first < sp.end and is_title(words[first]):
            first += 1  # "Minister John Major 's Conservative Party"
        for k in range(first + 2, sp.end - 1):
            if words[k] in ("'s", "’s") and cap(words[k + 1]) and self.gaz.is_given_name(fold(words[first])) \
                    and all(cap(w) for w in words[first:k]):
                return [Span(sp.part, sp.start, k, "PER", source=sp.source),
                        Span(sp.part, k + 1, sp.end, sp.label if sp.label != "PER" else "ORG", source=sp.source)]
        return [sp]

    def _split_country_of(self, sp: Span) -> list[Span]:
        """ "the indictment in [Belgium of Hissène Habré]" -> "Belgium" + "Hissène Habré": a country is
        never the head of an "of" name the gazetteer does not know ("Republic of Ireland" it knows)."""
        words = self.words[sp.part]
        for k in range(sp.start + 1, min(sp.end - 1, sp.start + 4)):
            if words[k] != "of":
                continue
            head, whole = " ".join(words[sp.start : k]), " ".join(words[sp.start : sp.end])
            if fold(head) in self.gaz.countries and self.gaz.place_kind(fold(whole)) is None \
                    and all(cap(w) for w in words[k + 1 : sp.end]):
                rest = Span(sp.part, k + 1, sp.end, sp.label, source=sp.source)
                if sp.label == "LOC" and self.gaz.place_kind(fold(" ".join(words[k + 1 : sp.end]))) is None:
                    rest.label = "PER"  # what a country is "of" and no place is someone: "Belgium of Habré"
                return [Span(sp.part, sp.start, k, "LOC", source=sp.source), rest]
            break
        return [sp]

    def _split_country_then_person(self, sp: Span) -> list[Span]:
        """ "(President of the) United States Joe Biden" -> "United States" + "Joe Biden"."""
        words = self.words[sp.part]
        for k in range(min(3, sp.end - sp.start - 2), 0, -1):
            head = fold(" ".join(words[sp.start : sp.start + k]))
            if (head in self.gaz.countries or head in NAMED_ORGS) \
                    and self.full_personal_name(words[sp.start + k : sp.end], family=False):
                # "Image: NASA Bill Ingalls": a photo credit's agency, then the photographer
                return [Span(sp.part, sp.start, sp.start + k, "LOC" if head in self.gaz.countries else "ORG",
                             source=sp.source),
                        Span(sp.part, sp.start + k, sp.end, "PER", source="title")]
        if sp.label == "PER" and sp.end - sp.start >= 3 and fold(words[sp.start]) in self.gaz.demonyms \
                and self.full_personal_name(words[sp.start + 1 : sp.end], family=False):
            # "Republicans Marco Rubio and John McCain": the people (the gazetteer scan finds the group)
            return [Span(sp.part, sp.start + 1, sp.end, "PER", source="title")]
        return [sp]

    def _name_after_office(self, p: int, i: int) -> None:
        """A title, "of", the capitalised words of the office and a full name: the name is the person,
        whatever the tagger made of the run ("Minister of [National Security Martin] [Joseph]")."""
        words, toks = self.words[p], self.tokens[p]
        n = len(words)
        def given(word: str) -> bool:  # "France" is a given name too, but here it is the office's country
            return fold(word) in self.gaz.first_names and self.gaz.place_kind(fold(word)) not in ("country", "bigcity")

        u = i + 2
        while u < n and u - i < 7 and cap(words[u]) and not given(words[u]):
            u += 1
        if u == i + 2 or u >= n or not given(words[u]):
            return  # "Secretary of State" alone, "Minister of Legislative Assembly"
        k = u + 1
        while k < n and k - u < 4 and cap(words[k]) and not is_title(words[k]) and not toks[k].line_start:
            k += 1
        existing = [s for s in self.spans if s.part == p and s.start < k and i + 2 < s.end]
        if k - u >= 2 and all(s.start >= i + 2 and s.end <= k and s.label in ("PER", "MISC", "ORG", "LOC")
                              for s in existing):
            self.set_span(Span(p, u, k, "PER", source="title"))

    def _split_at_title(self, sp: Span) -> list[Span]:
        """ "U.S. President Bill Clinton" -> "U.S." + "Bill Clinton" (a place or group, a title, a person)."""
        words = self.words[sp.part]
        t = sp.start
        while t < sp.end and not (words[t].lower() in NAME_TITLES or words[t].lower() in TITLES):
            t += 1
        if t == sp.end:
            return [sp]
        portfolio = False
        if words[t].lower() in WEAK_TITLES and t > sp.start and cap(words[t - 1]) \
                and self.gaz.place_kind(fold(words[t - 1])) is None and fold(words[t - 1]) not in self.gaz.demonyms \
                and t + 2 <= sp.end and self.gaz.is_given_name(fold(words[t + 1])):
            t -= 1  # "Treasury Secretary Robert Rubin": the portfolio is part of the office
            portfolio = True
        u = t + 1 if portfolio else t
        while u < sp.end:
            if words[u].lower() in TITLES or words[u].lower() in NAME_TITLES:
                u += 1
            elif words[u].lower() == "of" and u > t and u + 3 < sp.end and cap(words[u + 1]):
                # the title runs on up to a first name, leaving two words at least for the name: "Secretary
                # of State Mike Pompeo", "Minister of National Security Martin Joseph" (but "Minister of
                # Legislative Assembly" is neither a title and a name)
                u += 2
                while u + 2 < sp.end and cap(words[u]) and fold(words[u]) not in self.gaz.first_names:
                    u += 1
            else:
                break
        strong = portfolio or any(w.lower() in NAME_TITLES and w.lower() not in WEAK_TITLES for w in words[t:u]) or (
            words[t].lower() in NAME_TITLES and "of" in words[t:u])  # "Secretary of State"
        gaz = self.gaz
        if u == sp.end and t > sp.start and sp.label == "PER" and strong:
            # "Israeli Prime Minister" + "Benjamin Netanyahu": the office names no one; its country does
            prefix = " ".join(words[sp.start : t])
            if gaz.canonical_place(prefix) is not None:
                return [Span(sp.part, sp.start, t, "LOC", source=sp.source)]
            if gaz.demonym(prefix) is not None:
                return []  # the gazetteer scan finds the nationality
            return [sp]
        if u == sp.end or not strong:
            return [sp]
        prefix, suffix = words[sp.start : t], words[u : sp.end]
        if suffix[-1].lower() in NAMED_PLACE_HEADS:
            return [sp]  # "King County", "Prince Edward Island", "Queen Street": a place named after a title
        head = prefix[-1].lower() if prefix else ""
        prefix_ok = not prefix or (gaz.canonical_place(" ".join(prefix)) is not None
                                   or gaz.demonym(" ".join(prefix)) is not None
                                   or fold(" ".join(prefix)) in NAMED_ORGS or " ".join(prefix).isupper()
                                   or len(prefix) > 1 and (head in PLACE_HEADS or head in ORG_WORDS)
                                   and all(cap(w) for w in prefix))  # "Seminole County Sheriff Don Eslinger"
        suffix_ok = len(suffix) >= 2 or fold(suffix[0]) in gaz.first_names or not prefix
        if not (prefix_ok and suffix_ok and all(cap(w) for w in suffix)):
            return [sp]
        out = [Span(sp.part, u, sp.end, "PER", source="title")]
        if prefix:
            label = "LOC" if gaz.canonical_place(" ".join(prefix)) or head in PLACE_HEADS and head not in ORG_WORDS \
                else "ORG" if fold(" ".join(prefix)) in NAMED_ORGS or head in ORG_WORDS else sp.label
            out.insert(0, Span(sp.part, sp.start, t, label, source=sp.source))
        return out

    # -- 3. gazetteer rules -------------------------------------------------------------------------
    def covered(self, spans: list[Span] | None = None) -> list[list[bool]]:
        """Per word, whether a span (of ``spans``, else all) or a ruled-out run covers it."""
        cov = [[False] * len(w) for w in self.words]
        for sp in [*(self.spans if spans is None else spans), *(Span(p, s, e, "") for p, s, e in self.ruled_out)]:
            for i in range(sp.start, sp.end):
                cov[sp.part][i] = True
        return cov

    def _scan_uncovered(self, max_len: int, match: Callable[[int, int, int], Span | None]) -> None:
        """Longest match first over capitalised words no span covers yet: ``match(part, start, length)``
        gives the span to add there, or None; scanning goes on after the span."""
        cov = self.covered()
        for p, words in enumerate(self.words):
            i = 0
            while i < len(words):
                if cov[p][i] or not cap(words[i]):
                    i += 1
                    continue
                hit = 0
                for length in range(min(max_len, len(words) - i), 0, -1):
                    if any(cov[p][i : i + length]):
                        continue
                    span = match(p, i, length)
                    if span is not None:
                        self.spans.append(span)
                        hit = length
                        break
                i += hit or 1

    def full_personal_name(self, words: Sequence[str], family: bool = True) -> bool:
        """A given name, then family names (or a patronymic particle: "bin", "ibn", "abu"), and no word
        of a place or an organisation: a person whatever the tagger thought. ``family=False`` asks only
        for the given name (the caller knows more: a country was cut off the front)."""
        gaz = self.gaz
        if not 2 <= len(words) <= 4 or not all(cap(w) or w.lower() in NAME_PARTICLES for w in words):
            return False
        whole = fold(" ".join(words))
        if gaz.place_kind(whole) is not None or whole in gaz.orgs or whole in NAMED_ORGS:  # "Merrill Lynch"
            return False
        keys = [fold(w) for w in words]
        if any(k in ORG_WORDS or k in PLACE_HEADS or k in NAMED_PLACE_HEADS or k in EVENT_WORDS or k in NOT_IN_NAMES
               or gaz.place_kind(k) in ("country", "bigcity") or k in gaz.demonyms for k in keys):
            return False
        if not gaz.is_given_name(keys[0]) or any(common_word(k) for k in keys if k not in NAME_PARTICLES):
            return False
        return (not family or gaz.is_family_name(fold(strip_particle(words[-1])))
                or any(k in NAME_PARTICLES or k.startswith(PARTICLES) for k in keys[1:]))

    def gazetteer_rules(self) -> None:
        gaz = self.gaz
        kept = []
        for sp in self.spans:
            words = self.words[sp.part][sp.start : sp.end]
            if self.caps[sp.part][sp.start] and len(words) > 1 and sp.source == "model" and (
                    ":" in words or any(gaz.place_kind(fold(w)) == "country" or fold(w) in gaz.demonyms
                                        for w in words)):
                continue  # a headline run-on ("Libya: LNA Downs"): let the rules find its names
            if sp.label == "PER" and len(words) == 1 and (
                    gaz.place_kind(fold(words[0])) in ("country", "bigcity")
                    or gaz.place_kind(fold(words[0])) == "region" and fold(words[0]) not in gaz.first_names):
                sp.label = "LOC"  # "Leicestershire" alone is no person ("Virginia" may be)
            elif sp.label == "PER" and len(words) > 1 and (
                    gaz.place_kind(fold(" ".join(words))) in ("country", "bigcity")
                    or gaz.place_kind(fold(" ".join(words))) == "city" and not gaz.is_given_name(fold(words[0]))):
                sp.label = "LOC"  # "Abu Dhabi said", "Los Angeles", "Bowling Green" (not "Clinton Wells")
            if len(words) == 1 and sp.label != "ORG" and len(words[0]) > 6 and words[0].lower().endswith("bank"):
                sp.label = "ORG"  # "Rabobank", "Citibank"
            if sp.label in ("MISC", "ORG") and fold(" ".join(words)) in gaz.countries:
                sp.label = "LOC"  # a country name alone is a place, even as an actor ("Turkey said")
            if (sp.label == "PER" and len(words) == 2 and fold(words[0]) not in gaz.first_names
                    and fold(words[0]) not in gaz.surnames and not is_title(words[0])
                    and gaz.place_kind(fold(words[1])) == "bigcity"
                    and sports.near_score(self.words[sp.part], sp.start, sp.end)):
                sp.label = "ORG"  # a club, not a person: "Werder Bremen", "Borussia Dortmund"
            if (sp.label == "LOC" and len(words) > 1 and gaz.place_kind(fold(" ".join(words))) is None
                    and words[0].lower() not in PLACE_MODIFIERS
                    and gaz.place_kind(fold(words[0])) not in ("country", "bigcity")
                    and gaz.place_kind(fold(" ".join(words[1:]))) in ("bigcity", "city")):
                sp.label = "ORG"  # a club named after its city: "Bayern Munich", "Hapoel Haifa"
            if (len(words) > 2 and sp.label in ("LOC", "PER", "MISC") and words[1].lower() == "of"
                    and words[0].lower() in ORG_WORDS and words[0].lower() not in PLACE_HEADS
                    and fold(" ".join(words)) not in gaz.countries):  # not "Union of Soviet Socialist Republics"
                sp.label = "ORG"  # "Bank of England", "University of Texas", "Ministry of Defence"
            if (sp.label == "ORG" and len(words) > 1 and words[-1].lower() in NATURAL_HEADS
                    and not any(w.lower() in ORG_WORDS or w.lower() in SHIP_PREFIXES for w in words[:-1])):
                sp.label = "LOC"  # "Java Sea", "Cayman Islands"; not the ship "HMS Ocean"
            if (sp.label == "ORG" and len(words) > 1 and words[-1].lower() in ROAD_HEADS
                    and not any(w.lower() in ORG_WORDS for w in words[:-1])):
                sp.label = "LOC"  # "340 Hay Street", "the Dulles Toll Road"
            if (sp.label == "ORG" and len(words) > 1 and (words[-1].lower() in MILITARY_BASES or words[-1].lower()
                    == "station" and words[-2].lower() in ("air", "naval"))):
                sp.label = "LOC"  # "Torrejon Air Base", "Lindsey Air Station": bases are places
            if (sp.label == "ORG" and len(words) > 1 and words[-1].lower() in ("airport", "station")
                    and not any(w.lower() in BROADCAST_WORDS for w in words)):
                sp.label = "LOC"  # "Washington Dulles International Airport", "Shandao Station"
            role_person = (sp.label in ("ORG", "LOC", "MISC") and 2 <= len(words) <= 3 and sp.start > 0
                           and self.words[sp.part][sp.start - 1] in ROLE_NOUNS and gaz.is_given_name(fold(words[0]))
                           and gaz.place_kind(fold(" ".join(words))) is None and fold(" ".join(words)) not in gaz.orgs
                           and fold(" ".join(words)) not in NAMED_ORGS and all(cap(w) for w in words))
            if role_person:
                sp.label = "PER"  # "host Ricki Lake", "actor Josh Brolin": what someone does goes before the name
            elif len(words) > 1 and sp.label in ("LOC", "PER", "MISC") and gaz.place_kind(fold(" ".join(words))) is None:
                last = words[-1].lower()
                if "of" in words[1:-1]:  # "State Railway of Thailand", "University of Texas": the head decides
                    head = words[words.index("of", 1) - 1].lower()
                    if head in ORG_WORDS and head not in PLACE_HEADS or head in RULE_ORG_HEADS:
                        last = head
                if last in PARTY_WORDS:
                    sp.label = "ORG"  # "Christian Democrats", "Social Democrats"
                elif last in ORG_WORDS and last not in PLACE_HEADS or last in RULE_ORG_HEADS:
                    sp.label = "ORG"  # "Bangladesh Army", "Cary Towne Center", "Houston Chronicle"
                elif last in WEAK_NEWSPAPER_HEADS and (
                        gaz.place_kind(fold(" ".join(words[:-1]))) is not None
                        or words[-2].lower() in ("daily", "sunday", "evening", "morning", "weekly")):
                    sp.label = "ORG"  # "Toronto Star", "Daily Mirror", "Evening Standard"
                elif sp.label == "PER" and last in NAMED_PLACE_HEADS:
                    sp.label = "LOC"  # "John F. Kennedy International Airport" (not "Michael Bay", "Ricki Lake")
                elif (last.endswith("s") and not last.endswith("ss") and last not in PLACE_HEADS
                      and gaz.place_kind(fold(" ".join(words[:-1]))) in ("bigcity", "city", "region", "country")
                      and not common_word(last) and words[-1][:1].isupper() and not (last in EVENT_WORDS and has_event_word(words))):
                    sp.label = "ORG"  # a team: "Vancouver Canucks", "St. Louis Eagles"; not "Commonwealth Games"
            after = self.words[sp.part][sp.end : sp.end + 2]
            era = after[1:] if after[:1] == ["-"] else after[:1]
            if (len(words) == 1 and sp.label in ("LOC", "ORG") and era and era[0].lower() in LEADER_ERAS
                    and gaz.place_kind(fold(words[0])) in (None, "city")
                    and fold(words[0]) not in gaz.orgs and fold(words[0]) not in NAMED_ORGS):
                sp.label, sp.source = "PER", "era"  # "the Bush administration", "the Bush - era rule"
            elif (len(words) == 1 and sp.label == "LOC" and after and after[0].lower() in SPEECH_VERBS
                  and gaz.place_kind(fold(words[0])) == "city" and fold(words[0]) not in gaz.regions
                  and fold(words[0]) not in gaz.demonyms
                  and not (sp.start and self.words[sp.part][sp.start - 1].lower() in PLACE_PREPOSITIONS)):
                sp.label, sp.source = "PER", "era"  # "Obama said": a town is no speaker (a capital may be:
                # "Tokyo said", and a country: "Turkey said")
            elif (len(words) == 1 and sp.label in ("LOC", "PER") and after and after[0].lower() in BUSINESS_NOUNS
                  and gaz.place_kind(fold(words[0])) is None and words[0][:1].isupper()):
                sp.label = "ORG"  # "a Waitrose store", "Toyota shares"
            if len(words) == 1 and fold(words[0]) in CELESTIAL and sp.label in ("ORG", "PER"):
                sp.label = "LOC"  # "Life has not been observed in any habitat other than Earth"
            if sp.label in ("LOC", "ORG") and self.full_personal_name(words):
                sp.label = "PER"  # "Saddam Hussein", "Osama Bin Laden", "Sam Harris"; not "Taj Mahal Palace"
            dem = gaz.demonym(" ".join(words)) if len(words) <= 2 else None
            if dem is None and len(words) == 1:
                dem = self._residents(words[0])
            if dem and sp.label in ("MISC", "LOC", "PER", "ORG"):
                sp.label, sp.entity, sp.entity_label = "GROUP", dem[0], dem[1]
            elif len(words) == 1 and words[0] in self.group_names:
                sp.label, sp.entity = "GROUP", words[0]  # "Islam", "Muslims", "Kurds"
            after1 = self.words[sp.part][sp.end] if sp.end < len(self.words[sp.part]) else ""
            if len(words) == 1 and fold(words[0]) in COMPASS_ADJECTIVES and after1[:1].islower():
                continue  # "Western culture", "the Eastern forces": an adjective, no place
            if (sp.label == "MISC" and len(words) > 2 and misc_label(words) is None and fold(words[0]) in gaz.demonyms
                    and any(w.lower() in ORG_WORDS for w in words[1:])
                    and not any(w.lower() in STATE_OFFICES or is_title(w) for w in words[1:])):
                sp.label = "ORG"  # "German Institute for Economic Research", as the tagger's run says; not
                # "German Foreign Ministry" (whose office it is)
            elif (sp.label == "MISC" and len(words) > 1 and misc_label(words) is None
                    and any(is_title(w) or fold(w) in gaz.demonyms for w in words)):
                continue  # never shown ("German Foreign Minister", "Bosnian Serb"): the scan below finds
                # the nationalities in it
            kept.append(sp)
        self.spans = kept

        def place_or_group(p: int, i: int, length: int) -> Span | None:
            words = self.words[p]
            if not cap(words[i + length - 1]):
                return None
            phrase = " ".join(words[i : i + length])
            key = fold(phrase)
            if key in gaz.countries or (key in gaz.regions and length > 1):
                return Span(p, i, i + length, "LOC", source="gazetteer")
            if length == 1 and self._lone_city(p, i, key):
                return Span(p, i, i + 1, "LOC", source="gazetteer")
            if length == 1 and key in gaz.demonyms and (len(phrase) > 2):
                dem = gaz.demonym(phrase)
                return Span(p, i, i + 1, "GROUP", dem[0], dem[1], source="gazetteer")
            residents = self._residents(phrase) if length == 1 else None
            if residents:  # "Londoners", "Hongkongers" the tagger left out
                return Span(p, i, i + 1, "GROUP", residents[0], residents[1], source="gazetteer")
            return None

        self._join_countries_with_and()
        self._nationality_in_names()
        self._scan_uncovered(4, place_or_group)
        sports.result_lines(self)
        scoreboards.scoreboard_lines(self)
        sports.match_reports(self)
        sports.teams_by_their_nickname(self)
        self.dateline_rules()
        locatives.untagged_places(self)
        locatives.administrative_areas(self)
        locatives.towns_named_like_people(self)
        locatives.places_before_regions(self)
        descriptions.settlements(self)
        descriptions.bodies(self)
        descriptions.works(self)
        descriptions.founded_bodies(self)
        descriptions.persons(self)
        descriptions.peoples(self)
        descriptions.events_described(self)
        descriptions.indices(self)
        descriptions.bodies_before_their_kind(self)
        parties.party_adjectives(self)
        parties.bodies_with_members(self)
        descriptions.spread(self)
        nicknames.quoted_nicknames(self)
        nicknames.epithets(self)
        nicknames.stage_names(self)
        nicknames.relatives(self)

    def _lone_city(self, p: int, i: int, key: str) -> bool:
        """A big city the tagger missed, standing alone: "Tokyo stocks closed higher". Not a given name
        ("Sydney"), a word news also writes in lower case, a code ("AKR") or a word of a longer name."""
        words = self.words[p]
        word = words[i]
        if len(word) < 4 or not word[1:].islower() or self.gaz.place_kind(key) != "bigcity" \
                or key in self.gaz.first_names or casing_of(key) not in (None, "C") or self.caps[p][i]:
            return False
        return not (i > 0 and cap(words[i - 1]) and not self.starts[p][i]
                    or i + 1 < len(words) and cap(words[i + 1]))

    def _residents(self, word: str) -> tuple[str, str] | None:
        """ "Melbournians", "Parisians", "Bostonians": the people of a city or region the gazetteer knows."""
        low = word.lower()
        if not word[:1].isupper() or not low.endswith(("ians", "ites", "ers")) or len(low) < 8:
            return None
        if low.endswith("ers"):  # "Londoners", "Berliners", "Hongkongers"; a big place only ("Islanders" is a team)
            stem = word[:-3]
            if common_word(fold(stem)) or casing_of(fold(stem)) in ("L", "M"):
                return None  # "Islanders", "Highlanders"
            for place in (stem, stem.replace("kong", " Kong")):
                if self.gaz.place_kind(fold(place)) in ("bigcity", "country"):
                    return self.gaz.canonical_place(place) or place, "PLACE"
            return None
        stem = word[:-4]
        for place in (stem, stem + "e", stem + "a"):
            if self.gaz.place_kind(fold(place)) in ("bigcity", "region", "country"):
                return place, "PLACE"
        return None

    def dateline_rules(self) -> None:
        """ "LONDON 1996-08-30", "AL-AIN , United Arab Emirates 1996-12-06": the line opens with a place."""
        for p, toks in enumerate(self.tokens):
            for i, j in lines(toks):
                words = [t.text for t in toks[i:j]]
                if 2 <= len(words) <= 12 and DATELINE_DATE.match(words[-1]) and words[0].isupper() \
                        and words[0][:1].isalpha():
                    k = 1
                    while k < len(words) - 1 and words[k].isupper() and words[k][:1].isalpha():
                        k += 1
                    there = [s for s in self.spans if s.part == p and s.start < i + k and i < s.end and s.label == "LOC"]
                    if not there:
                        self.set_span(Span(p, i, i + k, "LOC", source="dateline"))
                    for s in there:
                        s.source = "dateline"  # a place, whatever a standings table names a team after it

    # -- 4. consistency and linking: reader.nlp.linking ----------------------------------------------
    def consistency(self) -> None:
        self._trim_connectors()
        self._complete_of_names()
        linking.consistency(self)
        locatives.prefixed_places(self)  # after the names the document scan added ("West [Sebago]")
        nicknames.families(self)

    def _complete_of_names(self) -> None:
        """An organisation named by its kind runs on over "of" and the capitalised words that say which:
        "Florida Department" + "of Law Enforcement", "Department of Physics" + "and Astronomy",
        "University" + "of" + the place "Texas" (one name, as in "Bank of England"), "Texas Commission" +
        "on Environmental Quality", "Emil Touma Institute" + "for Palestinian Studies"."""
        for sp in list(self.spans):
            if sp.label != "ORG" or sp not in self.spans:
                continue
            words, toks = self.words[sp.part], self.tokens[sp.part]
            n = len(words)
            head = words[sp.end - 1]
            if head[:1].isupper() and sp.end + 1 < n and (
                    words[sp.end] == "of" and head.lower() in OF_HEADS
                    or words[sp.end] == "on" and head.lower() in FOR_HEADS and head.lower() in OF_HEADS
                    or words[sp.end] == "for" and head.lower() in FOR_HEADS):
                link = words[sp.end]
                end = sp.end + 1
                if end + 1 < n and words[end] == "the" and cap(words[end + 1]):
                    end += 1  # "Andy Warhol Foundation" + "for the Visual Arts", "Museum" + "of the Moving Image"
            else:  # "Department of Physics" + "and Astronomy"
                k = sp.end - 1
                while k > sp.start and words[k] != "of":
                    k -= 1
                if k == sp.start or words[k - 1].lower() not in OF_HEADS or sp.end + 1 >= n \
                        or words[sp.end] not in ("and", "&"):
                    continue
                link, end = "of", sp.end
            while True:
                # "... and Astronomy", "Society for the Protection" + "of Birds"
                k = end + 1 if end < n and (words[end] in ("and", "&") or words[end] == "of" and end > sp.end + 1) else end
                if k >= n or not cap(words[k]) or toks[k].line_start or self.caps[sp.part][k] \
                        or words[k].lower() in CALENDAR:
                    break
                before = k + 1 < n and cap(words[k + 1]) and not toks[k + 1].line_start  # "Palestinian Studies"
                if fold(words[k]) in self.gaz.demonyms and not before:
                    break
                other = [s for s in self.spans if s is not sp and s.part == sp.part and s.start <= k < s.end]
                if other and (other[0].label == "MISC" and before or k > end and other[0].end == k + 1 and any(
                        common_word(f) for f in (fold(words[k]), fold(words[k])[:-1]))):
                    other = []  # "for Palestinian Studies", "of Physicians and Surgeons": no name of its own
                if other and (other[0].label not in ("LOC", "ORG") or other[0].start < k
                              or k > end and other[0].label == "LOC"  # "Ministry of Defence and Britain"
                              or link != "of" and self._body_of_its_own(other[0])):  # "League for FC Basel"
                    break
                end = k + 1
                while end < n and cap(words[end]) and not toks[end].line_start and not any(
                        s is not sp and s.part == sp.part and s.start == end for s in self.spans):
                    end += 1
                if other and other[0].end > end:
                    end = other[0].end
            if end > sp.end + 1 and words[end - 1] not in EDGE_WORDS:
                self.spans = [s for s in self.spans
                              if s is sp or s.part != sp.part or s.end <= sp.start or s.start >= end]
                sp.end = end

    def _body_of_its_own(self, sp: Span) -> bool:
        words = self.words[sp.part][sp.start : sp.end]
        return sp.label != "ORG" or fold(" ".join(words)) in NAMED_ORGS or any(w.lower() in ORG_WORDS for w in words)

    def _trim_connectors(self) -> None:
        """No name starts or ends with a small word in lower case: "Toronto Blue Jays for" (the
        tagger ran on), "Ministry of" (a rule cut the rest off)."""
        kept = []
        for sp in self.spans:
            words = self.words[sp.part]
            start = sp.start
            while sp.start < sp.end and words[sp.start] in EDGE_WORDS:
                sp.start += 1
            if sp.start > start and start and is_title(words[start - 1]):
                # what was left of an office: "Minister" + "of Culture Renaud Donnedieu de Vabres"
                while sp.start < sp.end and casing_of(fold(words[sp.start])) in ("L", "M"):
                    sp.start += 1
            while sp.end > sp.start and words[sp.end - 1] in EDGE_WORDS:
                sp.end -= 1
            if sp.end > sp.start and not (sp.end - sp.start == 1 and is_title(words[sp.start])):
                kept.append(sp)  # never a title alone ("CEO of")
        self.spans = kept

    # -- output ------------------------------------------------------------------------------------
    def mentions(self) -> list[list[Mention]]:
        out: list[list[Mention]] = [[] for _ in self.texts]
        seen: set[tuple[int, int, int]] = set()
        for sp in sorted(self.spans, key=lambda s: (s.part, s.start, -s.end)):
            if self.ruled_out and (
                    any(p == sp.part and s < sp.end and sp.start < e for p, s, e in self.ruled_out)
                    or sp.end - sp.start == 1 and fold(self.words[sp.part][sp.start]) in self.software_words):
                continue  # a program the text names, found again by a later rule
            label = LABELS.get(sp.label, sp.label)
            if label == "MISC":
                label = misc_label(self.words[sp.part][sp.start : sp.end])
                if label is None:
                    continue
            toks = self.tokens[sp.part]
            start, end = toks[sp.start].start, toks[sp.end - 1].end
            if any((sp.part, i, 0) in seen for i in range(sp.start, sp.end)):
                continue  # overlaps an earlier mention
            for i in range(sp.start, sp.end):
                seen.add((sp.part, i, 0))
            entity = sp.entity or self.texts[sp.part][start:end]
            entity_label = sp.entity_label if sp.entity_label and sp.entity_label != label else None
            out[sp.part].append(Mention(start, end, self.texts[sp.part][start:end], label, entity,
                                        entity_label))
        return out


# nouns after a company's name: "a Waitrose store", "the Kraft factory", "Toyota shares"
BUSINESS_NOUNS = frozenset({"store", "stores", "supermarket", "supermarkets", "shop", "shops", "outlet", "outlets",
                            "branch", "branches", "factory", "factories", "plant", "shares", "stock", "brand"})
# words after a leader's surname: "the Bush administration", "Obama - era"
LEADER_ERAS = frozenset({"administration", "era", "presidency"})
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "announced", "warned", "insisted", "argued", "claimed",
                          "stated", "tweeted", "wrote", "urged", "vowed", "pledged", "promised", "denied",
                          "admitted", "replied", "asked"})
PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "to", "of", "outside", "into", "across"})
# awards named by their trophy: the plural is the ceremony ("the Oscars"); the singular is the award
AWARDS = {"oscar": "Academy Awards", "oscars": "Academy Awards", "emmy": "Emmy Awards", "emmys": "Emmy Awards",
          "grammy": "Grammy Awards", "grammys": "Grammy Awards", "golden globe": "Golden Globe Awards",
          "golden globes": "Golden Globe Awards", "bafta": "BAFTA Awards", "baftas": "BAFTA Awards",
          "tony": "Tony Awards", "tonys": "Tony Awards", "nobel": "Nobel Prize", "pulitzer": "Pulitzer Prize"}
AWARD_BEFORE = frozenset({"the", "a", "an", "won", "first", "second", "third", "two", "three", "best", "best-actor",
                          "best-actress", "her", "his", "their"})
AWARD_AFTER = frozenset({"night", "host", "hosts", "hosting", "tour", "organizers", "organisers", "contender",
                         "contenders", "win", "wins", "winner", "winners", "winning", "nomination", "nominations",
                         "nominee", "nominees", "nominated", "ceremony", "ceremonies", "telecast", "race", "buzz",
                         "season", "sunday", "party", "statuette", "award", "awards", "voters", "gold", "show",
                         "gig", "producer", "producers", "telecasts", "gift", "laureate", "laureates", "prize",
                         "prizes", "peace", "committee", "lecture"})
POSSESSIVES = frozenset({"'s", "’s"})
# words of a state's offices: a nationality before them stays apart ("German" + "Foreign Ministry")
STATE_OFFICES = frozenset({"ministry", "minister", "government", "cabinet", "army", "navy", "police", "military",
                           "embassy", "consulate", "parliament", "president", "presidency", "foreign", "defence",
                           "defense", "interior", "justice", "finance", "forces", "force", "guard", "coast",
                           "court", "senate", "congress", "office", "department", "agency", "authorities",
                           "authority", "intelligence", "security", "central", "national"})
# heavenly bodies news names as places (never "Mercury", also a metal and a singer)
CELESTIAL = frozenset({"earth", "mars", "jupiter", "saturn", "venus", "neptune", "uranus", "pluto"})
# compass adjectives: "Western culture", "Eastern forces" are no place ("Western Australia" is)
COMPASS_ADJECTIVES = frozenset({"western", "eastern", "northern", "southern", "central"})
# events named in one word
EVENT_NAMES = frozenset({"brexit", "grexit", "watergate", "holocaust", "reconquista", "hajj", "ramadan", "diwali",
                         # eras: named periods, never a body ("during the Middle Ages")
                         "middle ages", "dark ages", "stone age", "bronze age", "iron age", "renaissance",
                         "reformation", "enlightenment", "industrial revolution", "cold war", "great depression"})
# people known by a title alone
PEOPLE_BY_TITLE = frozenset({"dalai lama", "panchen lama", "aga khan"})
# gods are persons, as in the annotated news ("ancient gods such as Zeus, Hera, Poseidon"); not those that
# name a company, a mission or a planet ("Nike", "Apollo", "Mars", "Isis")
DEITIES = frozenset({"zeus", "hera", "poseidon", "aphrodite", "athena", "hades", "dionysus", "demeter",
                     "hephaestus", "ares", "persephone", "odin", "loki", "osiris", "anubis", "horus", "vishnu",
                     "shiva", "ganesha", "brahma", "minerva"})
# a legislature named by its chamber alone
CHAMBERS = frozenset({"house", "senate", "congress", "parliament", "assembly", "cabinet", "knesset", "duma"})
NAMED_DAYS = frozenset({"super", "black", "good", "bloody", "cyber", "holy", "ash", "fat", "easter", "palm"})
# the words that name a storm: "Hurricane Katrina", "Tropical Storm Humberto", "Super Typhoon Haiyan"
# words that open a sentence before a name but never a name of their own
QUANTIFIERS = frozenset({"many", "some", "most", "several", "all", "both", "few", "other", "such", "these", "those",
                         "every", "each", "more", "fewer", "thousands", "hundreds", "dozens", "millions"})
# what people do, written before their names in lower case: "host Ricki Lake", "striker Alan Shearer"
ROLE_NOUNS = frozenset({"host", "presenter", "actor", "actress", "singer", "songwriter", "rapper", "comedian",
                        "director", "producer", "author", "writer", "novelist", "poet", "artist", "painter",
                        "photographer", "journalist", "columnist", "reporter", "broadcaster", "anchor",
                        "striker", "midfielder", "defender", "goalkeeper", "forward", "quarterback", "pitcher",
                        "batsman", "bowler", "captain", "coach", "manager", "driver", "rider", "champion",
                        "guitarist", "drummer", "bassist", "pianist", "composer", "conductor", "designer",
                        "architect", "businessman", "businesswoman", "entrepreneur", "billionaire", "tycoon",
                        "economist", "scientist", "professor", "lawyer", "attorney", "spokesman", "spokeswoman",
                        "spokesperson", "chef", "model", "star", "legend", "veteran", "newcomer", "rookie"})
# lower-case particles inside a name a title introduces: "Minister Loyola de Palacio", "Judge Ruud van Dam"
SURNAME_PARTICLES = frozenset({"de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den",
                               "ter", "le", "la", "zu", "bin", "ibn", "bint"})
STORM_KINDS = frozenset({"hurricane", "typhoon", "cyclone", "storm", "depression"})
STORM_WORDS = STORM_KINDS | {"tropical", "super", "post-tropical", "subtropical"}
# words inside Arabic, Hebrew, Dutch and German personal names ("Osama bin Laden", "Ludwig van Beethoven")
NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "ben", "abu", "van", "von", "der", "den"})
# words that make a run of names a band, a building or a quarter: "Dave Matthews Band", "Palmer House"
NOT_IN_NAMES = frozenset({"band", "orchestra", "quartet", "quintet", "trio", "ensemble", "choir", "brothers",
                          "sisters", "house", "hall", "beach", "hollow", "village", "east", "west", "north",
                          "south", "hotel", "mansion", "tower", "palace", "mount", "creek", "gardens", "club"})
# last words that make a person's name the name of a place; not "bay", "lake", "park" or "hill", which
# end people's names too
NAMED_PLACE_HEADS = frozenset({"airport", "station", "street", "square", "bridge", "county", "district",
                               "province", "island", "islands", "avenue", "road", "boulevard", "highway",
                               "stadium", "oval", "reservoir", "racecourse", "speedway", "gym", "playfield",
                               "dock", "docks", "junction", "plateau", "canyon", "glacier"})
# small words a name never starts or ends with, written in lower case
# the kinds of organisation whose name goes on with "of" and what they are of ("Department of Justice")
OF_HEADS = frozenset({"department", "ministry", "court", "college", "institute", "university", "academy",
                      "society", "association", "bank", "council", "commission", "committee", "board", "bureau",
                      "federation", "confederation", "union", "league", "agency", "authority", "foundation",
                      "institution", "organization", "organisation", "corporation", "chamber", "office",
                      "school", "church", "party"})
# ... and those that go on with "for" or "on" too ("Institute for Economic Research", "Commission on Human Rights")
FOR_HEADS = frozenset({"department", "ministry", "institute", "commission", "committee", "council", "office",
                       "agency", "bureau", "foundation", "society", "association", "centre", "center",
                       "campaign"})
EDGE_WORDS = frozenset({"of", "for", "and", "the", "in", "on", "at", "to", "by", "with", "from", "&", "or"})
BROADCAST_WORDS = frozenset({"radio", "tv", "television", "broadcasting", "space", "power"})
MILITARY_BASES = frozenset({"base", "airbase", "airfield", "barracks", "garrison"})
# last words of roads: a road is a place, though the tagger often reads "Hay Street" or "Richmond Highway"
# as an organisation
ROAD_HEADS = frozenset({"street", "avenue", "road", "boulevard", "highway", "freeway", "motorway", "expressway",
                        "parkway", "turnpike"})

# last words that make a place of what the tagger took for an organisation (not "bay": "Tampa Bay" is a team)
NATURAL_HEADS = frozenset({"sea", "ocean", "river", "strait", "straits", "gulf", "mountains", "islands", "isles",
                           "peninsula", "desert", "canal", "plateau", "lake", "lakes", "valley", "forest", "canyon",
                           "gorge", "glacier", "volcano", "archipelago", "coast", "hills", "heights", "falls",
                           "island", "dock", "docks", "junction", "province", "region", "oblast", "governorate",
                           "prefecture"})  # not "bay" ("Tampa Bay" plays) nor "county" ("Derby County")
SHIP_PREFIXES = frozenset({"hms", "uss", "mv", "rms", "hmas", "hmcs", "ins"})  # not "SS": a shortstop, or the Nazi SS

_GROUP_NAMES: frozenset[str] | None = None
_FIRST_WORDS: dict[int, frozenset[str]] = {}


def _first_words_of_names(gaz: Gazetteer) -> frozenset[str]:
    """First words of the gazetteer's and the hand-kept organisations of several words ("general",
    "deutsche"): the company scan only looks further at words that can start one."""
    key = id(gaz)
    if key not in _FIRST_WORDS:
        _FIRST_WORDS[key] = frozenset(name.split()[0] for name in (*gaz.orgs, *NAMED_ORGS) if " " in name)
    return _FIRST_WORDS[key]


def _group_names(gaz) -> frozenset[str]:
    """Canonical names of groups that are not places ("Muslims", "Islam", "Kurds")."""
    global _GROUP_NAMES
    if _GROUP_NAMES is None:
        _GROUP_NAMES = frozenset(name for name, label in gaz.demonyms.values() if label == "GROUP")
    return _GROUP_NAMES
