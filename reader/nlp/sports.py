"""Sports pages: result lines, match reports and competitions.

A large share of wire news is sport, written in its own way: towns stand for their clubs ("Bayern
Munich beat Hamburg 2-0"), countries for their national sides ("Japan 2 Syria 1"), and leagues and
cups are events. These rules run after the tagger on a ``pipeline.Document``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import fold
from reader.nlp.rules import cap, misc_label, result_teams
from reader.nlp.tokens import lines

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

SCORE = re.compile(r"\d{1,3}-\d{1,3}")
# words that put a team right before or after them in a match report
MATCH_BEFORE = frozenset({"beat", "beating", "beats", "defeated", "defeating", "thrashed", "edged", "routed",
                          "hammered", "crushed", "overcame", "outplayed", "v", "vs", "vs.", "versus"})
MATCH_AFTER = MATCH_BEFORE | frozenset({"drew", "draw", "lost", "lose", "trailed", "led", "coach", "striker",
                                        "midfielder", "defender", "goalkeeper", "manager", "captain"})
# words before a club a player plays for: "played with Footscray and North Melbourne", "coached Coburg"
CLUB_BEFORE = frozenset({("played", "for"), ("played", "with"), ("plays", "for"), ("playing", "for"),
                         ("signed", "for"), ("signed", "with"), ("signs", "for"), ("signs", "with"),
                         ("games", "for"), ("appearances", "for"), ("debut", "for"), ("debuted", "for"),
                         ("loaned", "to"), ("", "coached"), ("", "captained"), ("", "coaches"),
                         ("", "captains")})
# ... of which these need a sports page: music is played for people and with bands too
PLAY_VERBS = frozenset({"played", "plays", "playing"})
CLUB_WORDS = frozenset({"club", "clubs", "team", "teams", "season", "seasons", "coach", "league",
                        "championship", "premiership", "retiring", "retired"})
# words that say a sentence is about a match even without a score in it
SPORT_WORDS = frozenset({"innings", "wickets", "wicket", "goal", "goals", "striker", "midfielder", "goalkeeper",
                         "penalty", "half-time", "halftime", "touchdown", "inning", "homer", "league", "match",
                         "season", "points", "scored", "fixture", "draw", "relegation", "playoff", "playoffs"})
# leagues and competitions named without an event word ("Cup", "Championship" are in EVENT_WORDS)
COMPETITIONS = frozenset(fold(name) for name in """Bundesliga|Serie A|Serie B|Premier League|Premiership|
La Liga|Primera Division|Eredivisie|Ligue 1|Ligue 2|Champions League|Europa League|Super League|Super Bowl|
World Series|Stanley Cup|Tour de France|Giro d'Italia|Vuelta|Formula One|Formula 1|NBA Finals|
Copa Libertadores|Six Nations|Ashes|Grand Slam|Masters""".replace("\n", "").split("|"))


# a name ending in one of these is a competition, whatever the tagger said ("HAMLET CUP" is no person)
COMPETITION_HEADS = frozenset({"cup", "trophy", "championship", "championships", "olympics", "tournament",
                               "prix"})


def near_score(words: list[str], start: int, end: int, width: int = 8) -> bool:
    """A match score ("3-1") within a few words of the span."""
    return any(SCORE.fullmatch(w) for w in words[max(0, start - width) : end + width])


def sports_sentence(words: list[str], start: int, end: int, width: int = 15) -> bool:
    window = words[max(0, start - width) : end + width]
    return any(SCORE.fullmatch(w) or w.lower() in SPORT_WORDS for w in window)


def result_lines(doc: Document) -> None:
    """Result and table lines name teams: "Leeds 2 Arsenal 1", "Leeds 4 2 1 1 5 3 7"."""
    from reader.nlp.pipeline import Span

    cleared: set[tuple[int, int]] = set()  # (part, token) of the result segments: their spans give way
    teams_found: list[Span] = []
    for p, toks in enumerate(doc.tokens):
        for i, j in lines(toks):
            words = [t.text for t in toks[i:j]]
            for start, end in _segments(words):  # "American League : Detroit 5 Kansas City 3 ; Boston 7 ..."
                teams = result_teams(words[start:end])
                if not teams:
                    continue
                cleared.update((p, k) for k in range(i + start, i + end))
                for a, b in teams:
                    # national sides are their country ("Japan 2 Syria 1"); clubs are organisations
                    name = " ".join(words[start + a : start + b])
                    label = "LOC" if fold(name) in doc.gaz.countries else "ORG"
                    teams_found.append(Span(p, i + start + a, i + start + b, label, source="sports"))
    if cleared:  # once for the whole text: a page of results is thousands of lines
        doc.spans = [s for s in doc.spans if (s.part, s.start) not in cleared] + teams_found


def _segments(words: list[str]) -> list[tuple[int, int]]:
    """The whole line, or its parts between ";" after a "League :" heading when it has them."""
    colon = words.index(":") if ":" in words[:5] else -1
    if colon < 0 and ";" not in words:
        return [(0, len(words))]
    out, start = [], colon + 1
    for k in range(start, len(words) + 1):
        if k == len(words) or words[k] == ";":
            if k > start:
                out.append((start, k))
            start = k + 1
    return out


def match_reports(doc: Document) -> None:
    """In match reports a town next to "beat", "drew" or "coach" is its club ("Bayern Munich beat Hamburg
    2-0", "Hamburg coach Felix Magath"); a country stays a place (its national side). Leagues and
    competitions ("Bundesliga") are events, not places."""
    for sp in doc.spans:
        words = doc.words[sp.part]
        key = fold(" ".join(words[sp.start : sp.end]))
        if key in COMPETITIONS or sp.end - sp.start > 1 and fold(words[sp.end - 1]) in COMPETITION_HEADS:
            sp.label, sp.entity, sp.entity_label = "EVENT", None, None
            continue
        if sp.label != "LOC" or key in doc.gaz.countries or key in doc.group_names:
            continue
        before = words[sp.start - 1].lower() if sp.start else ""
        after = words[sp.end].lower() if sp.end < len(words) else ""
        if after == "," and [w.lower() for w in words[sp.end + 1 : sp.end + 2]] == ["who"]:
            after = words[sp.end + 2].lower() if sp.end + 2 < len(words) else ""  # "Newcastle , who beat"
        if (before in MATCH_BEFORE or after in MATCH_AFTER) and sports_sentence(words, sp.start, sp.end):
            sp.label, sp.entity, sp.entity_label, sp.source = "ORG", None, None, "sports"
    _clubs_played_for(doc)
    _opponents(doc)


def _clubs_played_for(doc: Document) -> None:
    """A town a player plays for, signs for or coaches is its club: "played with Footscray and North
    Melbourne", "26 games for Lausanne", "he coached North Melbourne". A country stays a place (its
    national side), and a person stays a person ("played for Obama")."""
    clubs: set[tuple[int, int]] = set()  # (part, end) of each club found, for lists: "X and Y"
    sporting: bool | None = None
    for sp in sorted(doc.spans, key=lambda s: (s.part, s.start)):
        words = doc.words[sp.part]
        key = fold(" ".join(words[sp.start : sp.end]))
        town_read_as_person = sp.label == "PER" and doc.gaz.place_kind(key) is not None \
            and key not in doc.gaz.first_names and key not in doc.gaz.surnames  # "played with [Ballarat]"
        if sp.label not in ("LOC", "ORG") and not town_read_as_person or key in doc.gaz.countries \
                or key in doc.gaz.surnames and doc.gaz.place_kind(key) != "bigcity":
            continue  # "played for Obama" (the Japanese town shares the name)
        before = tuple(w.lower() for w in words[max(0, sp.start - 2) : sp.start])
        if len(before) == 1:
            before = ("", *before)
        listed = before[-1:] in (("and",), (",",)) and (sp.part, sp.start - 1) in clubs
        if before in CLUB_BEFORE and before[0] in PLAY_VERBS:
            if sporting is None:
                sporting = any(not (CLUB_WORDS | SPORT_WORDS).isdisjoint(w.lower() for w in ws) for ws in doc.words)
            if not sporting:
                continue
        if before in CLUB_BEFORE or before[-1:] and ("", before[-1]) in CLUB_BEFORE or listed:
            if sp.label in ("LOC", "PER"):
                sp.label, sp.entity, sp.entity_label, sp.source = "ORG", None, None, "sports"
            clubs.add((sp.part, sp.end))


def _opponents(doc: Document) -> None:
    """The side a team beat, when the tagger missed it: "Newcastle , who beat Wimbledon 2-0". Only
    between a team already found and a score, so that tennis players ("Sampras beat Novak 6-3") stay
    people."""
    from reader.nlp.pipeline import Span

    teams = {(sp.part, sp.end) for sp in doc.spans if sp.label == "ORG"}
    players = {(sp.part, sp.end) for sp in doc.spans if sp.label == "PER"}
    starting = {(sp.part, sp.start): sp for sp in doc.spans}
    cov = doc.covered()
    for p, words in enumerate(doc.words):
        for i, w in enumerate(words[:-2]):
            if w.lower() not in MATCH_BEFORE or not words[i + 1][:1].isupper():
                continue
            found = starting.get((p, i + 1))
            if (p, i) in players and found is not None and found.end < len(words) and SCORE.fullmatch(words[found.end]) \
                    and (found.label == "MISC" and misc_label(words[found.start : found.end]) is None
                         or found.label == "ORG" and found.end - found.start == 1
                         and fold(words[found.start]) not in doc.gaz.orgs):
                found.label, found.source = "PER", "sports"  # "Sampras beat [Kafelnikov] 6-3": a player beats a player
                continue
            if not any((p, e) in teams for e in range(max(0, i - 4), i + 1)):
                continue
            if found is not None:  # "Wimbledon" read as the tennis tournament
                if found.label in ("MISC", "LOC") and found.end < len(words) and SCORE.fullmatch(words[found.end]) \
                        and fold(" ".join(words[found.start : found.end])) not in doc.gaz.countries:
                    found.label, found.entity, found.entity_label, found.source = "ORG", None, None, "sports"
                continue
            j = i + 1
            while j < len(words) and words[j][:1].isupper() and not cov[p][j] and j - i <= 3:
                j += 1
            if j == i + 1 or j >= len(words) or not SCORE.fullmatch(words[j]) or fold(words[i + 1]) in doc.gaz.first_names:
                continue
            name = fold(" ".join(words[i + 1 : j]))
            doc.spans.append(Span(p, i + 1, j, "LOC" if name in doc.gaz.countries else "ORG", source="sports"))


def teams_by_their_nickname(doc: Document) -> None:
    """ "the Pirates lost 10-7", "drafted by the Jets for the 1973 season": a capitalised plural after
    "the", in a sentence about a match or a season, is a team (nothing else claims it)."""
    from reader.nlp.pipeline import Span
    from reader.nlp.rules import PARTY_WORDS, PLACE_HEADS

    covered = doc.covered()
    for p, words in enumerate(doc.words):
        for i in range(1, len(words)):
            w = words[i]
            if covered[p][i] or doc.caps[p][i] or words[i - 1] not in ("the", "The") or not cap(w) \
                    or not (w.endswith("s") and not w.endswith("ss")) or not w[1:].islower() \
                    or w.lower() in PLACE_HEADS or w.lower() in PARTY_WORDS or fold(w) in doc.gaz.demonyms \
                    or doc.gaz.place_kind(fold(w)) is not None or i + 1 < len(words) and cap(words[i + 1]):
                continue
            if sports_sentence(words, i, i + 1, width=8):
                doc.spans.append(Span(p, i, i + 1, "ORG", source="sports"))
                covered[p][i] = True
