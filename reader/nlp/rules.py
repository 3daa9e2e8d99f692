"""Word lists and small text rules the pipeline applies (no state, no I/O beyond the casing table)."""

from __future__ import annotations

import re

from reader.nlp.gazetteer import EVENT_WORDS, ORG_WORDS, TITLES

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE"}
NOT_NAMES = frozenset({"file photo", "photo", "file", "image", "video", "tt", "getty images", "afp photo",
                       "reuters photo", "ap photo", "copyright", "all rights reserved", "read more",
                       "advertisement", "share", "tweet", "email", "print",
                       # scoreboard rows that are no team or player ("Extras ( lb-8 nb-2 ) 24", "Total 277")
                       "extras", "total", "totals", "fall of wickets", "bowling", "batting",
                       # time zones and common nouns often capitalised in news copy
                       "utc", "gmt", "est", "edt", "cst", "cdt", "pst", "pdt", "cet", "cest", "bst", "aest",
                       "tv", "internet", "web", "police", "government", "state", "city",
                       # interjections opening an interview answer ("Um, I play a lot"), currency codes,
                       # diseases, and an office that is no name ("the office of Taoiseach")
                       "um", "uh", "er", "oh", "yes", "yeah", "hi", "hello", "okay", "ok", "usd", "eur", "gbp",
                       "jpy", "cny", "inr", "aud", "cad", "chf", "rub", "covid", "covid-19", "sars-cov-2", "hiv",
                       "taoiseach", "updated", "posted", "published", "i've", "i'm", "i'll", "i'd", "ko", "kos",
                       # abbreviations left when a number is cut off ("Decree No. 1430/2019")
                       "no.", "nos.", "vol.", "art.", "p.", "pp.",
                       # technical and medical acronyms news writes in capitals, and names of God
                       "drm", "api", "apis", "url", "urls", "sql", "dvd", "dvds", "html", "pdf", "usb", "gps",
                       "lgbt", "lgbtq", "fgm", "eol", "end of life", "gdp", "suv", "vpn",
                       "god", "allah",
                       # diseases and viruses
                       "ebola", "zika", "mers", "sars", "h1n1", "h5n1", "aids", "hiv/aids", "mpox",
                       # members of parliaments, in the plural (a lone "MP" may be Madhya Pradesh)
                       "mps", "meps", "msps", "mlas", "mpps", "tds", "mpp", "mla", "mep", "msp",
                       # languages that name no people or country ("the word Dipavati in Konkani",
                       # "Latin"); "Arabic", "Kurdish" or "Tamil" are groups too and stay so
                       "latin", "hebrew", "sanskrit", "esperanto", "yiddish", "konkani", "mandarin", "cantonese",
                       "farsi", "urdu", "hindi", "swahili", "tagalog", "aramaic", "amharic", "malayalam", "telugu",
                       "kannada", "marathi", "gujarati", "afrikaans", "coptic", "sumerian", "akkadian", "pali",
                       "ladino", "old english", "middle english", "old norse", "tok pisin"})
# software: not a person, a place or an organisation ("CentOS 8", "Rocky Linux", "Minetest 5.4")
SOFTWARE = frozenset({
    "linux", "ubuntu", "debian", "fedora", "centos", "centos stream", "rhel", "rhl", "red hat enterprise linux",
    "rocky linux", "almalinux", "arch linux", "kali linux", "linux mint", "freebsd", "openbsd", "android",
    "ios", "macos", "mac os x", "windows", "windows xp", "windows vista", "minecraft", "minetest", "lua",
    "javascript", "php", "perl", "firefox", "thunderbird", "chrome", "chromium", "internet explorer",
    "photoshop", "wordpress", "mediawiki", "openoffice", "libreoffice", "emacs", "gimp", "bitcoin", "ethereum",
})
PARTICLES = ("al-", "el-", "ad-", "as-", "ar-", "an-", "at-", "ash-", "az-", "bin-", "ibn-")
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
PARTY_WORDS = frozenset({"democrats", "republicans", "socialists", "conservatives", "liberals", "communists",
                         "greens", "nationalists", "unionists", "loyalists", "separatists", "labour", "tories"})
WEAK_TITLES = frozenset({"major", "general", "captain", "justice", "chairman", "secretary", "speaker"})
# last words that make a place, not an organisation or a team
PLACE_HEADS = frozenset({"islands", "states", "emirates", "isles", "mountains", "hills", "falls", "heights",
                         "springs", "lakes", "rapids", "keys", "territories", "provinces", "alps", "plains",
                         "woods", "fields", "downs", "gardens", "highlands", "lowlands", "straits", "county",
                         "district", "province", "region", "valley", "street", "square", "bridge", "airport",
                         "station", "park", "river", "lake", "sea", "ocean", "bay", "coast", "island"})
# standalone punctuation a name never spans ("GOLF - NORMAN", "Libya : LNA")
SPAN_BREAKS = frozenset({"-", "–", "—", ":", "|", ";", "(", ")", '"', "“", "”", "•"})
PER_BREAKS = frozenset({"of", "and", "for", "the", "in", "on", "at", "from", "&"})
INITIAL = re.compile(r"^[A-Z]\.$")
# first words of place names that are not a club's name before its city
PLACE_MODIFIERS = frozenset({"north", "south", "east", "west", "central", "greater", "upper", "lower", "new",
                             "old", "northern", "southern", "eastern", "western", "san", "santa", "st.",
                             "saint", "port", "fort", "mount", "lake", "cape", "inner", "outer", "metro",
                             "downtown", "suburban", "rural", "little", "great", "grand", "el", "la", "los",
                             "las", "le", "al"})
DATELINE_DATE = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}/\d{1,2}/\d{2,4}$")



# the head word by which news refers back to an organisation it named in full ("the House", "the Army")
HEAD_WORDS = ORG_WORDS | frozenset({"house", "senate", "parliament", "university", "congress", "chamber",
                                    "assembly", "ministry", "navy", "police"})

# a company's legal form, the last word of its name ("Microsoft Corp", "British Airways Plc")
CORPORATE_SUFFIXES = frozenset({"corp", "corp.", "inc", "inc.", "ltd", "ltd.", "co", "co.", "plc", "ag", "nv",
                                "llc", "gmbh", "spa", "s.a.", "n.v."})


def company_runs(words: list[str], stops: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of company names ending in their legal form, the whole capitalised run:
    "Philippine Long Distance Telephone Co", "Bank of Tokyo-Mitsubishi Ltd" (never across a line
    start, ``stops``)."""
    out: list[tuple[int, int]] = []
    for i, w in enumerate(words):
        if i == 0 or w.lower() not in CORPORATE_SUFFIXES or not w[:1].isupper() or stops[i]:
            continue
        start = i
        while start > 0 and not stops[start] and words[start - 1] not in SPAN_BREAKS and (
                cap(words[start - 1]) or start > 1 and cap(words[start - 2]) and (
                    words[start - 1] == "&" or words[start - 1] == "of" and words[start - 2].lower() in HEAD_WORDS)):
            start -= 1
        if words[start] in {"The", "the"}:
            start += 1
        if i - start >= 1:
            out.append((start, i + 1))
    return out


# particles written apart inside Arabic names: "Osama bin Laden", "Mohammed bin Salman"
NAME_LINKS = frozenset({"bin", "ibn", "bint"})


def particle_before(words: list[str], start: int) -> bool:
    """Whether the name at ``start`` has lost its "bin" to the tagger: "Bin Laden's son" at a sentence
    start, "In the tape, bin Laden's main focus" (after a given name, ``linked_names`` joins them)."""
    if start == 0:
        return False
    word = words[start - 1]
    return word in ("Bin", "Ibn") or word in ("bin", "ibn") and not (start > 1 and cap(words[start - 2]))


def linked_names(words: list[str], stops: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of names joined by a lower-case particle: "Hamad bin Isa Al Khalifa".

    ``stops[i]`` is True where a name cannot run on to word i (a line start, a title, a nationality):
    "Crown Prince Mohammed bin Salman" gives "Mohammed bin Salman".
    """
    out: list[tuple[int, int]] = []
    n = len(words)
    for i in range(1, n - 1):
        if words[i] not in NAME_LINKS or not cap(words[i - 1]) or not cap(words[i + 1]) or stops[i] \
                or stops[i + 1] or words[i - 1] in SPAN_BREAKS:
            continue
        start = i - 1
        while start > 0 and cap(words[start - 1]) and not stops[start] and not stops[start - 1] \
                and words[start - 1] not in SPAN_BREAKS and not words[start - 1].isupper():  # "NPR Hamza"
            start -= 1
        end = i + 2
        while end < n and not stops[end] and (
                cap(words[end]) or words[end] in NAME_LINKS and end + 1 < n and cap(words[end + 1])):
            end += 1
        if out and out[-1][1] > start:  # "Hamad bin Isa bin Salman": one name
            start = out.pop()[0]
        out.append((start, end))
    return out


def strip_particle(word: str) -> str:
    low = word.lower()
    for p in PARTICLES:
        if low.startswith(p) and len(word) > len(p) + 1:
            return word[len(p):]
    return word


# more titles the rules strip from names (kept out of the tagger's features, which use TITLES)
MORE_TITLES = frozenset({"professor", "doctor", "detective", "inspector", "sheriff", "attorney",
                         "commissioner", "superintendent", "councillor", "councilman", "alderman", "officer",
                         "constable", "const.", "assemblyman", "assemblywoman", "assemblymember", "councilwoman",
                         "councilmember", "alderwoman", "selectman", "selectwoman", "congresswoman",
                         "congressman", "delegate", "magistrate", "prosecutor", "trooper", "deputy"})


def is_title(word: str) -> bool:
    low = word.lower()
    return low in TITLES or low.rstrip(".") in TITLES or low in MORE_TITLES


def is_software(words: list[str]) -> bool:
    """ "CentOS 8", "Minetest 5.4", "Rocky Linux": a program or an operating system."""
    name = " ".join(w.lower() for w in words if not NUMBER.fullmatch(w))
    return name in SOFTWARE or name.endswith(" linux")


def cap(word: str) -> bool:
    return word[:1].isupper() or (word.lower().startswith(PARTICLES) and "-" in word)


# "Games" makes an event only with a sporting word beside it: "Asian Games", not "The Hunger Games"
GAMES_MODIFIERS = frozenset({"olympic", "olympics", "paralympic", "commonwealth", "asian", "pan", "american",
                             "african", "all-africa", "arab", "mediterranean", "youth", "winter", "summer",
                             "world", "x", "invictus", "highland", "island", "arctic", "goodwill", "european",
                             "pacific", "para", "southeast", "gay", "maccabiah", "special", "military", "university",
                             "francophone", "lusophone", "central", "bolivarian", "indian", "national", "games'"})


def has_event_word(words: list[str]) -> bool:
    low = [w.lower() for w in words]
    if "games" in low and not any(w in GAMES_MODIFIERS or YEAR.match(w) for w in low):
        low = [w for w in low if w != "games"]
    return any(w in EVENT_WORDS for w in low)


def misc_label(words: list[str]) -> str | None:
    if has_event_word(words) or (len(words) > 1 and YEAR.match(words[0]) or YEAR.match(words[-1])):
        return "EVENT"
    return None


def title_case_if_caps(text: str) -> str:
    """ "NEW YORK" -> "New York", "AL-AIN" -> "Al-Ain" (headlines, datelines)."""
    if text.isupper():
        return " ".join("-".join(part.capitalize() for part in w.split("-")) if "." not in w else w
                        for w in text.split(" "))
    return text


def acronym_of(acr: str, words: list[str], strict: bool = False) -> bool:
    if not (2 <= len(acr) <= 10) or not acr[:1].isupper() or sum(c.isupper() for c in acr) < 2:
        return False
    initials = [strip_particle(w)[0].upper() for w in words if cap(w)]
    if strict:
        # every capitalised word's initial appears, in order, among the acronym's capitals
        caps = [c for c in acr if c.isupper()]
        pos = 0
        for c in initials:
            while pos < len(caps) and caps[pos] != c:
                pos += 1
            if pos == len(caps):
                return False
            pos += 1
    letters = [c for c in acr.upper() if c.isalpha()]
    if not initials or letters[0] != initials[0]:
        return False
    # the capitals of the acronym appear in order among the words' letters
    pool = "".join(w.upper() for w in words)
    pos = 0
    for c in letters:
        pos = pool.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


_CASING: dict[str, str] | None = None


def casing_of(folded: str) -> str | None:
    global _CASING
    if _CASING is None:
        from reader.nlp.tagger import load_casing

        _CASING = load_casing()
    return _CASING.get(folded)


def common_word(folded: str) -> bool:
    return casing_of(folded) == "L"


FIGURES = re.compile(r"\d+(?:[-/]\d+)+")  # a score, bowling figures, a date: "3-1", "25-8-61-1", "1996-08-22"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\d*\.\d+|\d+/\d+")  # 12, 23,000, 6.5, .561 (a winning percentage), 1/2


def result_teams(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges of team names in a result or table line, else []: "Leeds 2 Arsenal 1",
    "Leeds 4 2 1 1 5 3 7", standings "NEW YORK 74 58 .561 -" (the games-behind column may be "-")."""
    if len(words) < 3 or not (NUMBER.fullmatch(words[-1]) or words[-1] == "-" and NUMBER.fullmatch(words[-2])):
        return []

    def number(k: int) -> bool:
        return bool(NUMBER.fullmatch(words[k])) or words[k] == "-" and k == len(words) - 1

    teams = []
    i = 0
    n = len(words)
    while i < n:
        if number(i):
            i += 1
            continue
        j = i
        while j < n and not number(j) and (cap(words[j]) or words[j] in {"-", "&", "."}):
            j += 1
        if j == i or j < n and not number(j):
            return []
        a = i
        while a < j and words[a] in {"-", "&", "."}:
            a += 1  # "-- New York Newsroom 212 859 1610": the dash signs off, it names no team
        if any(c.isalpha() for w in words[a:j] for c in w):  # not the "." of ".561"
            teams.append((a, j))
        i = j
    digits = sum(1 for k in range(n) if number(k))
    if not teams or digits < len(teams) or len(teams) > 2:
        return []
    return teams
