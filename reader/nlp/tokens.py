"""Tokenising text into words with character offsets, close to CoNLL/Penn conventions.

"Syria's" -> "Syria", "'s"; "U.S." and "Maj." stay one token; "al-Assad" and "1996-08-30" stay whole.
Offsets always slice the original text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Maj|Col|Lt|Sgt|Capt|Cpl|Adm|Prof|Rev|Gov|Sen|Rep|Pres|Inc|Ltd|Co|Corp|"
    "Bros|Mt|Ft|Gens|Cmdr|Brig|Supt|Insp|Hon|Messrs|Mme|Mlle|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|"
    "vs|No|Nos|Vol|Dept|Univ|Assn|Ave|Blvd|Rd"
)
TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.K.
    rf"|(?:{ABBREVIATIONS})\.(?=\s|$)"
    r"|[A-Z]\.(?=\s+[A-Z])"  # initials: "Frederick H. Collier"
    r"|\d+(?:[.,:/-]\d+)*(?:[^\W\d_]+)?"  # 1,000  1996-08-30  3.5  21st
    r"|['’]s\b|n['’]t\b"
    r"|[^\W_]+(?:[-&.][^\W_]+|['’](?![sS]\b)[^\W_]+|n(?=['’]t\b))*"
    r"|\S",
)
SENTENCE_END = frozenset({".", "!", "?"})


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    line_start: bool = False  # first token on its line


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    last_line_end = -1
    for match in TOKEN_RE.finditer(text):
        start = match.start()
        newline = text.rfind("\n", 0, start)
        first = newline > last_line_end or not tokens
        if first:
            last_line_end = newline
        tokens.append(Token(match.group(), start, match.end(), first))
    return tokens


def sentence_starts(tokens: list[Token]) -> list[bool]:
    """True where a token starts a sentence: first on a line, or after . ! ? (and an opening quote)."""
    starts = []
    prev_end = True
    for tok in tokens:
        starts.append(prev_end or tok.line_start)
        t = tok.text
        if t in SENTENCE_END or t == ":":
            prev_end = True
        elif t in {'"', "“", "‘", "'", "(", "-", "—", "–"} and (prev_end or tok.line_start):
            prev_end = True
        else:
            prev_end = False
    return starts


def lines(tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) token ranges of each line of the text (headlines, datelines, result lines)."""
    i, n = 0, len(tokens)
    while i < n:
        j = i + 1
        while j < n and not tokens[j].line_start:
            j += 1
        yield i, j
        i = j
