"""Parties named by their adjective: "Labour MP Diane Abbott", "the Liberal caucus", "a Green candidate",
"the Labor or Liberal parties".

The tagger reads "Liberal MPP" as one organisation, or "Labor" as a place. A member of a legislature
("MP", "MEP") is never part of a name; a party's adjective before such a word, or before "candidate",
"caucus", "leader" or "party", is the party.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.nlp.gazetteer import CALENDAR, fold
from reader.nlp.rules import cap

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

LEGISLATORS = frozenset({"mp", "mpp", "mla", "mep", "msp", "mha", "mna", "td", "mk", "mps", "mpps", "mlas", "meps",
                         "msps"})
PARTY_ROLES = LEGISLATORS | frozenset({
    "candidate", "candidates", "caucus", "leader", "leaders", "leadership", "party", "parties", "member",
    "members", "government", "councillor", "councillors", "senator", "senators", "backbencher", "backbenchers",
    "frontbencher", "politician", "politicians", "supporters", "voters", "activists", "minister", "ministers",
    "premier", "peer", "peers", "whip", "nominee", "nomination", "manifesto", "conference", "majority",
    "minority", "victory", "landslide"})
# adjectives that name a party in Westminster-style politics (the US "Democrat"/"Republican" are in
# the gazetteer already)
PARTY_ADJECTIVES = frozenset({"labour", "labor", "liberal", "conservative", "tory", "green", "unionist",
                              "liberal-labour", "lib-lab", "socialist", "nationalist", "progressive",
                              "liberal democrat", "social democrat", "new democrat", "christian democrat",
                              "free democrat", "progressive conservative", "ndp", "snp", "dup", "ukip"})
COMMON_ADJECTIVES = frozenset({"liberal", "conservative", "green", "socialist", "nationalist", "progressive"})
LINKS = frozenset({"or", "and", ",", "/"})


def party_adjectives(doc: Document) -> None:
    from reader.nlp.pipeline import Span

    for p, words in enumerate(doc.words):
        n = len(words)
        toks = doc.tokens[p]
        # a legislator's title is no part of the name before it: "Liberal MPP" -> "Liberal"
        for sp in list(doc.spans):
            if sp.part == p and sp.end - sp.start > 1 and words[sp.end - 1].lower() in LEGISLATORS:
                sp.end -= 1
        for i in range(n - 1):
            if doc.caps[p][i] or not cap(words[i]) or doc.starts[p][i] and words[i].lower() in COMMON_ADJECTIVES:
                continue  # "Conservative voters say": an adjective opening a sentence
            for length in (2, 1):
                end = i + length
                if end >= n or " ".join(words[i:end]).lower() not in PARTY_ADJECTIVES:
                    continue
                role = end
                while role + 1 < n and words[role] in LINKS and " ".join(words[role + 1 : role + 2]).lower() \
                        in PARTY_ADJECTIVES:
                    role += 2  # "the Labor or Liberal parties"
                if role < n and words[role].lower() in PARTY_ROLES and not toks[role].line_start \
                        and (words[role].islower() or words[role].lower() in LEGISLATORS):
                    doc.set_span(Span(p, i, end, "ORG", source="party"))
                    break


MEMBERSHIP = frozenset({"member", "members", "membership"})
# words after the body's name that end the phrase (not "the Manson clan", "the Boersma lab")
FOLLOWERS = frozenset({"and", "or", "in", "of", "for", "who", "which", "that", "since", "until", "from", "at", "on",
                       "as", "was", "is", "were", "are", "when", "but", "to", "with", "by"})


def bodies_with_members(doc: Document) -> None:
    """What one is a member of is a body: "a member of One Nation", "members of Civic Passion" (the tagger
    reads such a name as a person or a place); not a country ("a member of NATO" is found anyway, "member
    of the European Union" too), nor a person's ("a member of John Smith's team")."""
    from reader.nlp.pipeline import Span

    covered = doc.covered()
    for p, words in enumerate(doc.words):  # a name nothing claims: "a member of [One Nation] and ..."
        for i in range(2, len(words)):
            k = i - 1 if words[i - 1] != "the" else i - 2
            if k < 1 or words[k] != "of" or words[k - 1].lower() not in MEMBERSHIP or covered[p][i] \
                    or not cap(words[i]) or doc.caps[p][i]:
                continue
            end = i
            while end < len(words) and end - i < 4 and cap(words[end]) and not covered[p][end] \
                    and not doc.tokens[p][end].line_start:
                end += 1
            if end - i >= 2 and not any(w.lower() in CALENDAR for w in words[i:end]):
                doc.spans.append(Span(p, i, end, "PER", source="member?"))  # kept if the pass below agrees
                for j in range(i, end):
                    covered[p][j] = True
    for sp in list(doc.spans):
        words = doc.words[sp.part]
        k = sp.start - 1
        if k >= 0 and words[k] == "the":
            k -= 1
        if k < 1 or words[k] != "of" or words[k - 1].lower() not in MEMBERSHIP or sp.label not in ("PER", "LOC"):
            continue
        after = words[sp.end] if sp.end < len(words) else ""
        if after in ("'s", "’s") or cap(after) or after.isalpha() and after.islower() and after not in FOLLOWERS \
                or doc.gaz.place_kind(fold(" ".join(words[sp.start : sp.end]))) is not None \
                or doc.full_personal_name(words[sp.start : sp.end]):
            continue
        sp.label, sp.source = "ORG", "described"
        e = sp.end
        if e + 1 < len(words) and words[e] in ("and", "or") and cap(words[e + 1]):
            end = e + 1  # "a member of One Nation and Australia First": both
            while end < len(words) and end - e <= 3 and cap(words[end]) and not doc.tokens[sp.part][end].line_start:
                end += 1
            run = words[e + 1 : end]
            inside = [o for o in doc.spans if o.part == sp.part and o.start < end and e + 1 < o.end]
            if len(run) > 1 and all(e + 1 <= o.start and o.end <= end and o.label != "PER" for o in inside) \
                    and doc.gaz.place_kind(fold(" ".join(run))) is None:
                doc.spans = [o for o in doc.spans if not any(o is i for i in inside)]
                doc.spans.append(Span(sp.part, e + 1, end, "ORG", source="described"))
    doc.spans = [sp for sp in doc.spans if sp.source != "member?"]
