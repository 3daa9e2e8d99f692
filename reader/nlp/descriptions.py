"""Names the sentence describes, whatever the tagger made of them.

- Settlements are places: "the town of Zandvoort", "the villages of Lougou and Tougana", "Aisby is a
  village in Lincolnshire", "Brandhorst, a municipality in ..." ("Zandvoort" looks like a surname).
- Companies, bands and other bodies are organisations: "Bilka is a Danish chain of hypermarkets",
  "Crazyhead are an English punk rock band", "Staedtler, a stationery company", "the metal band Van
  Canto" ("Caloi" and "Bilka" look like people).
- Australian radio call signs are organisations: "6PR", "882 6PR", "3AW".
- Titles of works in quotes are none of the five kinds: the song "Hunter", the "Welcome to the
  Universe" tour (no place "Universe"), the film "Made in Miami".

Each description counts three times in the document's vote (``reader.nlp.linking``), so the other
mentions of the name follow it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import CALENDAR, EVENT_WORDS, NAMED_ORGS, ORG_WORDS, TITLES, fold
from reader.nlp.rules import PARTICLES, YEAR, cap, common_word, is_title

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

# nouns that say the name after "of" or before "is a" is a settlement ("the town of", "is a village")
SETTLEMENTS = frozenset({"town", "village", "city", "hamlet", "suburb", "municipality", "commune", "parish",
                         "borough", "township", "neighbourhood", "neighborhood"})
# ... and after "of" only: "the province of Bayankhongor", "the island of Divar" ("is a state senator")
DIVISIONS = frozenset({"province", "state", "county", "region", "district", "island", "prefecture",
                       "governorate", "canton", "emirate", "oblast"})
PLURALS = {"cities": "city", "municipalities": "municipality", "communes": "commune", "towns": "town",
           "villages": "village", "hamlets": "hamlet", "suburbs": "suburb", "provinces": "province",
           "islands": "island", "districts": "district", "counties": "county", "regions": "region"}
# nouns that make the name before "is a" an organisation (not "developer" or "producer": "Rocky McGaugh,
# a developer of CAOS")
BODIES = frozenset({"company", "manufacturer", "maker", "chain", "retailer", "brand", "firm", "corporation",
                    "conglomerate", "airline", "bank", "lender", "insurer", "broadcaster", "newspaper",
                    "tabloid", "magazine", "publisher", "label", "band", "organisation", "organization", "charity",
                    "agency", "supplier", "distributor", "subsidiary", "startup",
                    "start-up", "cooperative", "co-operative", "consortium", "duo", "trio", "quartet", "quintet",
                    "orchestra", "ensemble", "party", "club", "franchise"})
# what may follow "is a small village" or "is a Danish company": the description goes on ("in", "of",
# ","); a person's job does not ("is a city councillor", "is a company director")
AFTER_DESCRIPTION = frozenset({"in", "of", "and", "on", "near", "within", "located", "situated", "north",
                               "south", "east", "west", "some", "about", "with", "that", "which", "where",
                               "founded", "formed", "based", "headquartered", "from", "", ",", ".", ";", "(",
                               ")", "whose", "owned", "specialising", "specializing", "known", "for"})
MAX_NAME = 4
# a lower-case noun right before a name that says what kind of body it is: "the metal band Van Canto",
# "the scientific journal Protein Science", "record label Deltasonic", "the company Nyrstar"
NAMING_NOUNS = frozenset({"band", "journal", "newspaper", "magazine", "publication", "label", "firm", "company",
                          "broadcaster", "network", "airline", "retailer", "manufacturer", "carmaker",
                          "automaker", "conglomerate", "tabloid", "charity", "watchdog"})
# words a naming noun is followed by that name no body ("a company Christmas party", "company CEOs")
NOT_BODIES = frozenset({"christmas", "easter", "thanksgiving", "halloween", "web", "internet"})
PLURAL_INITIALS = re.compile(r"^[A-Z]{2,}s$")
# ... and in the plural before a list: "bands like The Stooges", "companies such as Nyrstar and Umicore"
LISTING_NOUNS = frozenset({"bands", "companies", "firms", "newspapers", "magazines", "labels", "airlines",
                           "retailers", "manufacturers", "carmakers", "broadcasters", "charities"})
PRONOUNS = frozenset({"it", "there", "this", "that", "here", "he", "she", "they", "we", "you", "i", "who", "which",
                      "what", "one"})
# Australian radio call signs: the state's digit and two or three letters ("2GB", "3AW", "6PR"); not
# units, ordinals or times ("4GB", "3RD", "5PM")
CALL_SIGN = re.compile(r"^[2-8][A-Z]{2,3}$")
MEASURE = re.compile(r"^\d+(?:\.\d+)?([A-Z]{2,4})$")  # a figure and its unit: "5PM", "4GB", "1.5TB"
NOT_CALL_SIGNS = frozenset({"KG", "KM", "MB", "GB", "TB", "KB", "MW", "GW", "KW", "CM", "MM", "HP", "WD", "FA",
                            "DS", "PM", "AM", "ST", "ND", "RD", "TH", "GHZ", "MHZ", "MPH", "KPH", "BHK", "BR",
                            "MG", "ML", "LB", "LBS", "FT", "IN", "YD", "XL", "GO", "DO", "CD", "DVD", "PC",
                            "SUV", "GT", "GTI", "RS", "TV", "LP", "EP", "EPS", "TDI", "OZ", "WAY"})


def settlements(doc: Document) -> None:
    """Names the sentence calls a town, village, city...: places."""
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
                end = _name_at(doc, p, start, org=False)
                if end is None:
                    break
                _label(doc, p, start, end, "LOC")
                # a list after a plural: "the villages of Lougou and Tougana"
                if lowers[i - 2] in PLURALS and end + 1 < n and lowers[end] in ("and", ",") and cap(words[end + 1]):
                    start = end + 1
                else:
                    break
        for i in _descriptions(doc, p, SETTLEMENTS, verbs=("is", "was")):
            start = _subject(doc, p, i)
            if start is not None and _name_at(doc, p, start, org=False) == i:
                _label(doc, p, start, i, "LOC")


def bodies(doc: Document) -> None:
    """Names the sentence calls a company, a band, a party...: organisations."""
    for p, words in enumerate(doc.words):
        for i in _descriptions(doc, p, BODIES, verbs=("is", "was", "are", "were")):
            start = _subject(doc, p, i)
            if start is None or doc.full_personal_name(words[start:i]):
                continue
            if words[start] in ("The", "A", "An") and start + 1 < i:
                start += 1  # "The Express Tribune, a Pakistani newspaper": the name without its article
            if _name_at(doc, p, start, org=True) == i:
                _label(doc, p, start, i, "ORG")
            elif _spans_inside(doc, p, start, i):
                _label(doc, p, start, i, "ORG", replace=True)  # "[Dark] [Room Notes] are a ... band"
        for i in range(1, len(words)):  # "the metal band Van Canto", "the journal Protein Science"
            j = i + 1 if words[i] == "," else i
            noun = words[i - 1]
            numbered = j + 1 < len(words) and words[j].isdigit() and cap(words[j + 1]) and noun == "band"
            if numbered and not doc.caps[p][j]:  # "the band 30 Seconds to Mars"
                end = _title_run(words, j)
                inside = [s for s in doc.spans if s.part == p and s.start < end and j < s.end]
                if all(j <= s.start and s.end <= end and s.label != "GROUP" for s in inside):
                    _label(doc, p, j, end, "ORG", replace=True)
                continue
            if noun in NAMING_NOUNS and j < len(words) and cap(words[j]) and not doc.caps[p][j] \
                    and words[j].lower() not in NOT_BODIES and not PLURAL_INITIALS.match(words[j]):
                if words[j] == "The" and j + 1 < len(words) and any(s.part == p and s.start == j + 1 for s in doc.spans):
                    end = _name_at(doc, p, j + 1, org=True)  # "newspaper The Hindu": the name keeps its article
                    if end is not None:
                        _label(doc, p, j, end, "ORG", replace=True)
                    continue
                end = _name_at(doc, p, j, org=True)
                if end is not None and not doc.full_personal_name(words[j:end]):
                    _label(doc, p, j, end, "ORG")
            elif noun.lower() in LISTING_NOUNS and j + 1 < len(words):  # "bands like The Stooges and The Cult"
                k = j + 2 if [w.lower() for w in words[j : j + 2]] == ["such", "as"] else j + 1
                if words[j].lower() not in ("like", "including", "such") or k > len(words) - 1:
                    continue
                while k < len(words) and cap(words[k]) and not doc.caps[p][k]:
                    end = _name_at(doc, p, k, org=True)
                    if end is None or doc.full_personal_name(words[k:end]):
                        break
                    _label(doc, p, k, end, "ORG")
                    if end + 1 < len(words) and words[end] in (",", "and") and words[end + 1] != "and":
                        k = end + 1
                    elif end + 2 < len(words) and words[end] == "," and words[end + 1] == "and":
                        k = end + 2
                    else:
                        break
        for i, w in enumerate(words):
            if MEASURE.match(w) and MEASURE.match(w).group(1) in NOT_CALL_SIGNS:  # "the 4GB card", "at 5PM"
                doc.spans = [sp for sp in doc.spans if not (sp.part == p and sp.start == i and sp.end == i + 1)]
                continue
            if CALL_SIGN.match(w) and w[1:] not in NOT_CALL_SIGNS and not doc.caps[p][i]:
                start = i - 1 if i and words[i - 1].isdigit() and 3 <= len(words[i - 1]) <= 4 \
                    and not YEAR.match(words[i - 1]) else i
                _label(doc, p, start, i + 1, "ORG", replace=True)  # "882 6PR": frequency and call sign


def _descriptions(doc: Document, p: int, nouns: frozenset[str], verbs: tuple[str, ...]) -> Iterator[int]:
    """Each i where words i... read "is a small village in" or ", a stationery company with": the
    name described ends just before i."""
    words = doc.words[p]
    lowers = [w.lower() for w in words]
    n = len(words)
    for i in range(1, n - 2):
        if lowers[i + 1] not in ("a", "an") or not (lowers[i] in verbs or lowers[i] == ","):
            continue
        k = i + 2
        while k < n and k - i < 8 and lowers[k] not in nouns and (
                words[k][:1].islower() and words[k].replace("-", "").isalpha() or words[k] in ("/", "-")
                or fold(words[k]) in doc.gaz.demonyms):
            k += 1  # "is a small market town", "are an English punk rock band", "a four-piece electro / synthpop band"
        if k < n and lowers[k] in nouns and (lowers[k + 1] if k + 1 < n else "") in AFTER_DESCRIPTION:
            yield i


def _subject(doc: Document, p: int, i: int) -> int | None:
    """Start of the run of capitalised words that ends at word i and opens its clause, or None."""
    words = doc.words[p]
    start = i
    while start > 0 and i - start < MAX_NAME and cap(words[start - 1]) and not doc.caps[p][start - 1]:
        start -= 1
        if doc.starts[p][start] or doc.tokens[p][start].line_start:
            break
    if start == i or not (start == 0 or doc.starts[p][start] or not cap(words[start - 1])):
        return None
    if i - start == 1 and (words[start].lower() in PRONOUNS
                           or doc.starts[p][start] and common_word(fold(words[start]))):
        return None  # "It is a remote desert town", '"There is a real party of peace"'
    return start


def _name_word(word: str) -> bool:
    return cap(word) or word.lower().startswith(PARTICLES)


def _name_at(doc: Document, p: int, i: int, org: bool) -> int | None:
    """End of the name that starts at word i: the span there, or a run of capitalised words no span
    covers. None when no such name can be described so: a title, a nationality, a month, a longer name
    running through it ("the Port of Liverpool"), and for a place an organisation's words."""
    words = doc.words[p]
    spans = [s for s in doc.spans if s.part == p and s.start <= i < s.end]
    if spans:
        sp = spans[0]
        if sp.start != i or sp.label == "GROUP":
            return None
        end = sp.end
    else:
        end = i
        while end < len(words) and end - i < MAX_NAME and _name_word(words[end]) \
                and not doc.tokens[p][end].line_start and not any(s.part == p and s.start == end for s in doc.spans):
            end += 1
    run = [w.lower() for w in words[i:end]]
    if end == i or end - i > MAX_NAME or any(
            w.rstrip(".") in TITLES or w.rstrip(".") in CALENDAR or not org and (w in ORG_WORDS or w in EVENT_WORDS)
            for w in run):
        return None
    if fold(words[i]) in doc.gaz.demonyms or not org and fold(" ".join(words[i:end])) in NAMED_ORGS:
        return None
    return end


def _title_run(words: list[str], j: int, limit: int = 6) -> int:
    """End of a name in title case from word j: capitalised words and the small words between them
    ("30 Seconds to Mars", "Jars of Clay")."""
    end = j + 1
    while end < len(words) and end - j < limit and (
            cap(words[end]) or words[end] in TITLE_SMALL_WORDS and end + 1 < len(words) and cap(words[end + 1])):
        end += 1
    return end


def _spans_inside(doc: Document, p: int, start: int, end: int) -> bool:
    """Whether words start..end are capitalised and the spans there lie inside them (none a person
    named in full, a group or a title): the tagger's pieces of one name."""
    words = doc.words[p]
    if not all(_name_word(w) for w in words[start:end]) or any(
            w.rstrip(".") in TITLES or w.lower().rstrip(".") in CALENDAR for w in words[start:end]):
        return False
    inside = [s for s in doc.spans if s.part == p and s.start < end and start < s.end]
    return bool(inside) and all(start <= s.start and s.end <= end and s.label != "GROUP"
                                and not (s.label == "PER" and s.end - s.start > 1) for s in inside)


def _label(doc: Document, p: int, start: int, end: int, label: str, replace: bool = False) -> None:
    """Give the name at words start..end the label, as the span there or a new one. With ``replace``,
    spans overlapping it give way."""
    from reader.nlp.pipeline import Span

    source = "described"
    for sp in doc.spans:
        if sp.part == p and sp.start == start and sp.end == end:
            if sp.label != "GROUP":
                sp.label, sp.source = label, source
            return
    if replace:
        doc.spans = [s for s in doc.spans if not (s.part == p and s.start < end and start < s.end)]
    elif any(s.part == p and s.start < end and start < s.end for s in doc.spans):
        return
    doc.spans.append(Span(p, start, end, label, source=source))


# words before a quoted title that say it is one: the song "Hunter", the single "Jupiter"
WORK_NOUNS = frozenset({"song", "single", "album", "track", "film", "movie", "book", "novel", "poem", "play",
                        "episode", "show", "series", "opera", "musical", "anthem", "hymn", "documentary",
                        "entitled", "titled", "headlined", "slogan", "motto", "phrase"})
# ... and after it: the "Welcome to the Universe" tour (not the nickname "the Kim Kardashian of Pakistan")
WORKS_AFTER = frozenset({"tour", "album", "single", "song", "film", "movie", "show", "series", "campaign",
                         "episode", "video", "exhibition", "programme", "program", "documentary", "book"})
# lower-case words inside a title ("Welcome to the Universe", "The Game of the Century")
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "from",
                               "by", "de", "da", "del", "la", "le", "el", "is", "my", "your", "our"})
QUOTE_PAIRS = {'"': '"', "“": "”", "'": "'", "‘": "’"}


def works(doc: Document) -> None:
    """Names inside a quoted title: the title is a work, the names in it no entity of the text."""
    titles: set[tuple[str, ...]] = set()
    for p, words in enumerate(doc.words):
        n = len(words)
        i = 0
        while i < n:
            close = QUOTE_PAIRS.get(words[i])
            if close is None:
                i += 1
                continue
            j = next((k for k in range(i + 1, min(n, i + 11)) if words[k] == close), None)
            if j is None:
                i += 1
                continue
            quoted = words[i + 1 : j]
            while quoted and quoted[-1] in (",", "."):
                quoted = quoted[:-1]
            after = words[j + 1].lower() if j + 1 < n else ""
            if _is_title(quoted) and (i and words[i - 1].lower() in WORK_NOUNS or after in WORKS_AFTER) \
                    and not any(w.lower() in ORG_WORDS for w in quoted):
                end = i + 1 + len(quoted)
                doc.spans = [sp for sp in doc.spans if not (sp.part == p and i < sp.start and sp.end <= end)]
                doc.ruled_out.append((p, i + 1, end))
                titles.add(tuple(quoted))
            i = j + 1
    _works_again(doc, titles)


def _works_again(doc: Document, titles: set[tuple[str, ...]]) -> None:
    """A title the text called a work ('the single "The Kill"') is the work in quotes elsewhere too
    ('the award for " The Kill "'), where nothing says so; its one-word titles only in quotes."""
    for title in titles:
        n = len(title)
        for p, words in enumerate(doc.words):
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != title:
                    continue
                quoted = i and words[i - 1] in QUOTE_PAIRS
                if n == 1 and not quoted or any(r == (p, i, i + n) for r in doc.ruled_out):
                    continue
                if any(sp.part == p and sp.start < i + n and i < sp.end and (sp.start < i or sp.end > i + n)
                       for sp in doc.spans):
                    continue  # part of a longer name
                doc.spans = [sp for sp in doc.spans if not (sp.part == p and i <= sp.start and sp.end <= i + n)]
                doc.ruled_out.append((p, i, i + n))


def _is_title(words: list[str]) -> bool:
    """One to eight words in title case: capitalised but for small words ("Made in Miami")."""
    return 1 <= len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w in TITLE_SMALL_WORDS or not w[:1].isalpha() for w in words) \
        and not any(w in (".", "?", "!") for w in words)


# what is said of a company and never of a person: "Caloi was founded in 1898", "Datecs is headquartered"
FOUNDED = frozenset({"founded", "established", "incorporated", "headquartered", "listed", "delisted",
                     "nationalised", "nationalized", "privatised", "privatized", "demutualised"})
COMPANY_PARTS = frozenset({"shares", "stock", "shareholders", "stockholders", "subsidiary", "subsidiaries",
                           "headquarters", "workforce", "ceo", "revenue", "revenues", "profits", "turnover"})


def founded_bodies(doc: Document) -> None:
    """A name the text says was founded or incorporated, or whose shares or headquarters it speaks of,
    is an organisation even when it is its founder's surname ("Caloi was founded in 1898 by Luigi
    Caloi"): "Caloi" alone is the company throughout (the vote and the surname links follow)."""
    founders = {doc.words[s.part][s.end - 1] for s in doc.spans if s.label == "PER" and s.end - s.start > 1}
    for p, words in enumerate(doc.words):
        n = len(words)
        lowers = [w.lower() for w in words]
        for i in range(1, n - 1):
            if lowers[i] in ("was", "is", "were", "are") and i + 1 < n and lowers[i + 1] in FOUNDED:
                end = i  # "Caloi was founded"
            elif lowers[i] in ("'s", "’s") and i + 1 < n and lowers[i + 1] in COMPANY_PARTS:
                end = i  # "Caloi 's voting shares": a word may come between
            elif lowers[i] in ("'s", "’s") and i + 2 < n and lowers[i + 2] in COMPANY_PARTS \
                    and words[i + 1].islower() and words[i + 1].isalpha():
                end = i
            else:
                continue
            start = end - 1
            if not cap(words[start]) or doc.caps[p][start]:
                continue
            spans = [s for s in doc.spans if s.part == p and s.start <= start < s.end]
            if spans and (spans[0].end != end or spans[0].label not in ("PER", "ORG")) \
                    or not spans and words[start] not in founders:
                continue  # a person the tagger saw, or a founder's surname: not "Rome", "Scouting"
            start = spans[0].start if spans else start
            if doc.full_personal_name(words[start:end]) or doc.gaz.place_kind(fold(" ".join(words[start:end]))):
                continue  # "Steve Jobs's shares", "Lincoln was founded"
            _label(doc, p, start, end, "ORG")


# nouns that make the name before ", a ..." a person: "Valeska Paris, an Australian woman", "Joe Bloggs, a
# 45-year-old teacher" (a job alone is not enough after "is a": "the Mayor is a city councillor" is fine, but
# "Kansas is a rock band" is a body; these are people's nouns only)
# relatives: a person's nouns ("his sister, Fanny"; "Tobiah Florence, a father of two")
RELATIVES = frozenset({"mother", "father", "son", "daughter", "wife", "husband", "widow", "widower", "grandmother",
                       "grandfather", "uncle", "aunt", "nephew", "niece", "brother", "sister", "cousin"})
PERSON_NOUNS = RELATIVES | frozenset({
    "woman", "man", "girl", "boy", "teenager", "pensioner", "mum", "dad", "resident", "student", "schoolgirl",
    "schoolboy", "mother-of-two", "father-of-two", "mother-of-three", "father-of-three", "actress", "actor",
    "singer", "businessman", "businesswoman", "housewife", "farmer", "fisherman", "veteran", "refugee",
    "survivor"})


# jobs an appositive without an article gives a person: "Khaled Al-Maeena, editor at large", "Mary
# Smith, the company's spokeswoman"
JOBS = PERSON_NOUNS | frozenset({
    "editor", "reporter", "correspondent", "columnist", "journalist", "analyst", "researcher", "scientist",
    "professor", "lecturer", "lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "author", "writer",
    "novelist", "poet", "artist", "painter", "photographer", "director", "producer", "actor", "actress", "singer",
    "songwriter", "composer", "economist", "historian", "founder", "co-founder", "owner", "curator", "coach",
    "manager", "captain", "chairman", "chairwoman", "chairperson", "president", "ceo", "executive", "head",
    "leader", "member", "secretary", "councillor", "councilor", "senator", "mayor", "governor", "minister",
    "ambassador", "envoy", "diplomat", "official", "officer", "commander", "general", "colonel", "inspector",
    "detective", "judge", "prosecutor", "doctor", "surgeon", "nurse", "teacher", "principal", "engineer",
    "architect", "designer", "chef", "pilot", "driver", "player", "striker", "goalkeeper", "midfielder",
    "defender", "forward", "champion", "winner", "survivor", "witness", "victim", "suspect", "activist",
    "campaigner", "organiser", "organizer", "volunteer", "coordinator", "consultant", "adviser", "advisor",
    "expert", "specialist", "psychologist", "psychiatrist", "pastor", "priest", "rabbi", "imam", "bishop"})
AGE = re.compile(r"^\d{1,3}-year-old$")


def persons(doc: Document) -> None:
    """Names the sentence calls a woman, a father, a student...: people, whatever the tagger made of a
    name that is a city too ("Valeska Paris, an Australian woman and former Scientologist")."""
    for p, words in enumerate(doc.words):
        n = len(words)
        for i in range(1, n - 2):
            if words[i] != ",":
                continue
            # the appositive: "Valeska Paris, an Australian woman"; without "a", a job and a given name:
            # '"It could have been worse," Khaled Al-Maeena, editor at large at the Saudi Gazette'
            article = words[i + 1].lower() in ("a", "an")
            nouns = PERSON_NOUNS if article else JOBS
            k = i + 2 if article or words[i + 1].lower() == "the" else i + 1
            while k < n and k - i < 7 and words[k].lower() not in nouns and (
                    words[k].islower() and words[k].replace("-", "").isalpha() or AGE.match(words[k])
                    or words[k].isdigit() or words[k] == "-" or fold(words[k]) in doc.gaz.demonyms):
                k += 1
            if k >= n or words[k].lower() not in nouns or k + 1 < n and cap(words[k + 1]):
                continue  # "..., spokesman Sujata Raisinghani said" names the spokesman after the noun
            start = _subject_or_object(doc, p, i)
            if start is None or i - start < 2 or not article and not doc.gaz.is_given_name(fold(words[start])):
                continue  # a full name only: one word is thin ("Paris, a city" aside)
            end = _name_at(doc, p, start, org=False)
            if end != i or doc.gaz.place_kind(fold(" ".join(words[start:i]))) is not None or any(
                    is_title(part) for w in words[start:i] for part in w.split("-")):
                continue  # "UN Secretary-General Ban Ki-moon, the ...": the tagger's span holds a title
            _label(doc, p, start, i, "PER")


def _subject_or_object(doc: Document, p: int, i: int) -> int | None:
    """Start of the run of capitalised words ending at word i (at most MAX_NAME), anywhere in the clause."""
    words = doc.words[p]
    start = i
    while start > 0 and i - start < MAX_NAME and cap(words[start - 1]) and not doc.caps[p][start - 1] \
            and not doc.tokens[p][start].line_start:
        start -= 1
    return None if start == i else start


def spread(doc: Document) -> None:
    """A name of several words the text described is the same name wherever it recurs, over the pieces
    the tagger made of it there ("30 Seconds" + "Mars" after "the band 30 Seconds to Mars")."""
    from reader.nlp.pipeline import Span

    described = {tuple(doc.words[s.part][s.start : s.end]): s.label for s in doc.spans
                 if s.source == "described" and s.end - s.start > 1 and doc.words[s.part][s.start] != "The"}
    if not described:
        return
    for name, label in described.items():
        n = len(name)
        for p, words in enumerate(doc.words):
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != name:
                    continue
                inside = [s for s in doc.spans if s.part == p and s.start < i + n and i < s.end]
                if any(s.start == i and s.end == i + n for s in inside) or not all(
                        i <= s.start and s.end <= i + n and s.label != "GROUP" for s in inside):
                    continue
                doc.spans = [s for s in doc.spans if not any(s is o for o in inside)]
                doc.spans.append(Span(p, i, i + n, label, source="described"))


# lower-case kinds after a name that make it a body: "The Economist magazine", "the Deltasonic label"
KIND_AFTER = frozenset({"magazine", "newspaper", "tabloid", "broadcaster", "label", "airline", "carmaker",
                        "automaker", "conglomerate"})


def bodies_before_their_kind(doc: Document) -> None:
    """A name the tagger took for a place or a person, right before "magazine", "newspaper" or
    "label", is that body: "published in The Economist magazine"."""
    for sp in doc.spans:
        words = doc.words[sp.part]
        if sp.label in ("LOC", "PER") and sp.end < len(words) and words[sp.end] in KIND_AFTER \
                and not doc.full_personal_name(words[sp.start : sp.end]) \
                and doc.gaz.place_kind(fold(" ".join(words[sp.start : sp.end]))) not in ("country", "bigcity"):
            sp.label, sp.source = "ORG", "described"


# nouns that make the name before them a people: "the Azna, a pagan people", "Cagots were a discriminated
# minority"
PEOPLE_NOUNS = frozenset({"people", "peoples", "tribe", "tribes", "minority", "minorities", "clan", "caste"})
# counts before "people" say how many, not what kind: ", a few hundred people", "a number of people"
COUNTS = frozenset({"few", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "number",
                    "lot", "couple", "handful", "crowd", "group", "majority", "total", "score"})


def peoples(doc: Document) -> None:
    """Names the sentence calls a people, a tribe or a minority: groups (every mention follows, by the
    document's vote), not the places or bodies a tagger reads in unknown plural names."""
    for p, words in enumerate(doc.words):
        n = len(words)
        for i in range(1, n - 2):
            if not (words[i] == "," or words[i].lower() in ("were", "are", "was", "is")) \
                    or words[i + 1].lower() not in ("a", "an"):
                continue
            k = i + 2
            while k < n and k - i < 6 and words[k].lower() not in PEOPLE_NOUNS and words[k] not in TITLE_SMALL_WORDS \
                    and (words[k].islower() and words[k].replace("-", "").isalpha()
                         or fold(words[k]) in doc.gaz.demonyms):
                k += 1  # adjectives only: not '"It is a great loss to the people"'
            if k >= n or words[k].lower() not in PEOPLE_NOUNS or any(w.lower() in COUNTS for w in words[i + 2 : k]):
                continue  # ", a few hundred people at the rally": a count
            start = _subject_or_object(doc, p, i)
            if start is not None and words[start] in ("The", "A", "An") and start + 1 < i:
                start += 1
            if start is None or i - start > 2 or words[start].lower() in PRONOUNS \
                    or doc.full_personal_name(words[start:i]) or any(
                    w.lower() in CALENDAR or doc.starts[p][start] and common_word(fold(w)) for w in words[start:i]):
                continue  # "On Saturday, a ...", "The Philippines is a ..."
            if doc.gaz.place_kind(fold(" ".join(words[start:i]))) in ("country", "bigcity", "region"):
                continue  # "Ireland, a nation of ..." (a small town's name may be a people's: "Azna")
            spans = [s for s in doc.spans if s.part == p and s.start < i and start < s.end]
            if any(s.start < start or s.end > i for s in spans):
                continue
            _label(doc, p, start, i, "GROUP", replace=True)
            while start > 1 and words[start - 1] in ("or", "and") and cap(words[start - 2]) \
                    and not any(s.part == p and s.start < start - 1 and start - 2 < s.end and s.label == "PER"
                                for s in doc.spans):
                start -= 2  # "Agotes or Cagots were a discriminated minority": both names
                _label(doc, p, start, start + 1, "GROUP", replace=True)


EVENT_NOUNS = frozenset({"convention", "festival", "conference", "tournament", "fair", "expo", "exhibition",
                         "competition", "championship", "championships", "race", "marathon", "regatta", "rally",
                         "pageant", "contest", "summit", "congress", "symposium", "carnival", "parade", "gala",
                         "ceremony", "telethon", "derby", "rodeo", "jamboree", "fest"})


EVENT_STOPS = frozenset({",", ".", ";", ":", "(", ")", '"', "which", "that", "who", "where", "in", "at", "on",
                         "held"})
EVENT_ENDS = frozenset({"", ",", ".", ";", ":", "(", ")", "in", "at", "on", "held", "which", "that", "for", "of",
                        "and", "where", "since", "with", "organised", "organized", "hosted", "founded", "run"})


def _copula_nouns(words: list[str], nouns: frozenset[str], width: int,
                  passable: Callable[[str], bool]) -> Iterator[tuple[int, int]]:
    """(i, k) where words i.. read "is a/an/the ... <noun>" with the noun at k, over words ``passable``
    allows, within ``width`` words."""
    n = len(words)
    for i in range(1, n - 2):
        if words[i].lower() not in ("is", "was") or words[i + 1].lower() not in ("a", "an", "the"):
            continue
        k = i + 2
        while k < n and k - i < width and words[k].lower() not in nouns and passable(words[k]):
            k += 1
        if k < n and words[k].lower() in nouns:
            yield i, k


def events_described(doc: Document) -> None:
    """A name the sentence calls a convention, a festival or a race is an event, wherever it recurs:
    "BayCon is the San Francisco Bay Area's main Science Fiction and Fantasy Convention"."""
    for p, words in enumerate(doc.words):
        n = len(words)
        for i, k in _copula_nouns(words, EVENT_NOUNS, 12, lambda w: w not in EVENT_STOPS):
            after = words[k + 1].lower() if k + 1 < n else ""
            if after not in EVENT_ENDS:
                continue  # "Kosgei was the Chicago Marathon winner": the event is not the head
            start = _subject(doc, p, i)
            if start is None or i - start > 3 or doc.full_personal_name(words[start:i]) \
                    or doc.gaz.place_kind(fold(" ".join(words[start:i]))) is not None:
                continue
            if _name_at(doc, p, start, org=True) == i or _spans_inside(doc, p, start, i):
                _label(doc, p, start, i, "EVENT", replace=True)


def indices(doc: Document) -> None:
    """A name the sentence calls an index is none of the five kinds, wherever it recurs: "The BEL20 is the
    benchmark stock market index of Euronext Brussels" (the tagger reads it as a body)."""
    for p, words in enumerate(doc.words):
        for i, _ in _copula_nouns(words, frozenset({"index", "indices"}), 7,
                                  lambda w: w.islower() and w.replace("-", "").isalpha()):
            start = _subject(doc, p, i)
            if start is not None and words[start] in ("The", "A") and start + 1 < i:
                start += 1
            if start is None or i - start > 3:
                continue
            name = tuple(words[start:i])
            for q, other in enumerate(doc.words):
                for j in range(len(other) - len(name) + 1):
                    if tuple(other[j : j + len(name)]) == name:
                        doc.spans = [s for s in doc.spans if not (s.part == q and s.start < j + len(name)
                                                                  and j < s.end)]
                        doc.ruled_out.append((q, j, j + len(name)))
