"""Scoreboards: the lines of sports pages that are tables rather than sentences.

Wire services print cricket scorecards ("N. Hussain c Saeed Anwar b Waqar Younis 12"), bowling
figures ("Wasim Akram 25-8-61-1"), football summaries with the scorers in brackets ("Liverpool 2
( Fowler 35 , Collymore 77 ) Middlesbrough 1"), line-ups ("Rangers : Goram ; Cleland , Petric ...")
and ranked results ("3. Ato Boldon ( Trinidad ) 10.04"). A tagger trained on running text reads the names in
them as places ("Cork", "Croft") or misses them; the layout says what they are: every name in a
batting line or before bowling figures is a player, every name before a minute in the brackets of a
result is a scorer, and the names before the scores are the teams.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.nlp.gazetteer import fold
from reader.nlp.rules import INITIAL, NUMBER, cap, result_teams
from reader.nlp.tokens import lines

if TYPE_CHECKING:
    from reader.nlp.pipeline import Document

# how a batsman was out: "c Stewart b Mullally", "lbw b Akram", "st Moin Khan b Mushtaq", "not out"
DISMISSAL = frozenset({"c", "b", "lbw", "st", "run", "out", "not", "retired", "hurt", "c&b", "&", "obstructing",
                       "the", "field", "hit", "wicket", "handled", "ball"})
BOWLING = re.compile(r"\d+(?:\.\d)?-\d+-\d+-\d+")  # overs-maidens-runs-wickets
MINUTE = re.compile(r"\d{1,3}(?:st|nd|rd|th)?")
SCORER_NOTES = frozenset({"pen", "pen.", "penalty", "og", "o.g.", "own-goal"})


def _names(words: list[str], i: int, j: int) -> list[tuple[int, int]]:
    """Runs of capitalised words and initials in words[i:j]."""
    out: list[tuple[int, int]] = []
    k = i
    while k < j:
        if cap(words[k]) or INITIAL.match(words[k]):
            start = k
            while k < j and (cap(words[k]) or INITIAL.match(words[k]) or words[k] == "-" and k + 1 < j
                             and cap(words[k + 1]) and k > start):
                k += 1
            out.append((start, k))
        else:
            k += 1
    return out


def batting_line(words: list[str]) -> list[tuple[int, int]]:
    """The players of a cricket batting line, else []: a name, how he was out (naming the fielder
    and bowler), and the runs: "G. Thorpe lbw b Mohammad Akram 54", "Saeed Anwar not out 116"."""
    if len(words) < 3 or not NUMBER.fullmatch(words[-1]):
        return []
    body = words[:-1]
    if not (cap(body[0]) or INITIAL.match(body[0])):
        return []
    names = _names(body, 0, len(body))
    covered = {k for a, b in names for k in range(a, b)}
    markers = [w for k, w in enumerate(body) if k not in covered]
    if not markers or any(w.lower() not in DISMISSAL for w in markers):
        return []
    if not ({"b", "lbw", "c&b"} & set(markers) or markers[-2:] in (["not", "out"], ["run", "out"])):
        return []
    return names


def bowling_figures(words: list[str]) -> list[tuple[int, int]]:
    """Names right before bowling figures: "Wasim Akram 25-8-61-1 , Waqar Younis 25-6-95-3"."""
    out: list[tuple[int, int]] = []
    for k, w in enumerate(words):
        if BOWLING.fullmatch(w) and k:
            start = k
            while start > 0 and (cap(words[start - 1]) or INITIAL.match(words[start - 1])):
                start -= 1
            if start < k:
                out.append((start, k))
    return out


def result_with_scorers(words: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(teams, scorers) of "Chelsea 1 ( Di Matteo 22 ) Coventry 0 . Attendance : 25,024", else
    ([], []): a result line whose scores are followed by their scorers and minutes in brackets."""
    kept: list[int] = []  # indices of the words outside the brackets, up to the first full stop
    scorers: list[tuple[int, int]] = []
    k, n = 0, len(words)
    while k < n and words[k] != ".":
        if words[k] == "(" and kept and NUMBER.fullmatch(words[kept[-1]]):
            close = next((m for m in range(k + 1, n) if words[m] == ")"), None)
            if close is None:
                return [], []
            inner = [m for m in range(k + 1, close) if words[m] != ","]
            # each scorer: a name, then one or more minutes ("Shearer 12 , 67 pen")
            names = _names(words, k + 1, close)
            rest = set(inner) - {m for a, b in names for m in range(a, b)}
            if not names or any(not (MINUTE.fullmatch(words[m]) or words[m].lower() in SCORER_NOTES)
                                for m in rest):
                return [], []
            scorers += names
            k = close + 1
            continue
        kept.append(k)
        k += 1
    if not scorers:
        return [], []
    teams = result_teams([words[m] for m in kept])
    return [(kept[a], kept[b - 1] + 1) for a, b in teams], scorers


def line_up(words: list[str]) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """(team, players) of a line-up, else (None, []): "Rangers : Goram ; Cleland , Petric , Gough ;
    Albertz , Gascoigne" — a team, a colon, then at least four names and nothing but separators
    (substitutions in brackets, "Hughes ( 75 Boyd )", are allowed)."""
    if ":" not in words[1:4]:
        return None, []
    colon = words.index(":")
    team = (0, colon)
    if not all(cap(w) for w in words[:colon]):
        return None, []
    names = _names(words, colon + 1, len(words))
    covered = {k for a, b in names for k in range(a, b)}
    depth, numbers_outside = 0, False
    for k in range(colon + 1, len(words)):
        depth += (words[k] == "(") - (words[k] == ")")
        numbers_outside |= depth == 0 and bool(NUMBER.fullmatch(words[k]))
    rest = [words[k] for k in range(colon + 1, len(words)) if k not in covered]
    if len(names) < 4 or numbers_outside or any(w not in {",", ";", "(", ")", "."} and not NUMBER.fullmatch(w)
                                                for w in rest):
        return None, []  # "American League : Detroit 5 Kansas City 3": results, not a line-up
    return team, names


def scorer_list(words: list[str]) -> list[tuple[int, int]]:
    """The names of a scorers line: "Scorers : Ronaldo ( 5th , 40th ) , Pizzi ( 75th )"."""
    if len(words) < 3 or words[0].lower() not in {"scorer", "scorers", "goalscorers", "goalscorer"} \
            or words[1] != ":":
        return []
    names = _names(words, 2, len(words))
    covered = {k for a, b in names for k in range(a, b)}
    if any(not (words[k] in {",", ";", "(", ")", "."} or MINUTE.fullmatch(words[k])
                or words[k].lower() in SCORER_NOTES or words[k].lower() == "minute")
           for k in range(2, len(words)) if k not in covered):
        return []
    return names


def ranked_entrants(words: list[str]) -> list[tuple[int, int]]:
    """The entrant of a ranked result line: "3. Ato Boldon ( Trinidad ) 10.04" (a place, a name,
    the country in brackets)."""
    if len(words) < 5 or not re.fullmatch(r"\d{1,3}", words[0]):
        return []
    first = 2 if words[1] in {".", "-"} else 1  # "3 . Ato Boldon", "1 - Thomas Muster"
    k = first
    while k < len(words) and (cap(words[k]) or INITIAL.match(words[k])):
        k += 1
    if k == first or k + 2 >= len(words) or words[k] != "(" or ")" not in words[k + 1 : k + 5]:
        return []
    return [(first, k)]


def scoreboard_lines(doc: Document) -> None:
    """Label the players, scorers and teams of scoreboard lines (see the module docstring)."""
    from reader.nlp.pipeline import Span

    for p, toks in enumerate(doc.tokens):
        for i, j in lines(toks):
            if not any(t.text[:1].isdigit() or t.text == ":" for t in toks[i:j]):
                continue  # every scoreboard line has runs, figures, a score or a colon
            words = [t.text for t in toks[i:j]]
            team, players = line_up(words)
            found: list[tuple[int, int, str]] = [(a, b, "PER") for a, b in players]
            if team:
                found.append((*team, "ORG"))
            found += [(a, b, "PER") for a, b in batting_line(words) + ranked_entrants(words) + scorer_list(words)]
            if not found and "(" in words:
                teams, scorers = result_with_scorers(words)
                found = [(a, b, "PER") for a, b in scorers]
                found += [(a, b, "LOC" if fold(" ".join(words[a:b])) in doc.gaz.countries else "ORG")
                          for a, b in teams]
            found += [(a, b, "PER") for a, b in bowling_figures(words)]
            for a, b, label in found:
                doc.set_span(Span(p, i + a, i + b, label, source="sports"))
