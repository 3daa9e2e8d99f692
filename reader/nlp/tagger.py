"""The built-in statistical tagger: tokens -> BIO tags with the averaged perceptron shipped in data/."""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

from reader.nlp.features import WordFacts, token_features, word_facts
from reader.nlp.gazetteer import DATA, load_gazetteer
from reader.nlp.perceptron import Perceptron
from reader.nlp.tokens import Token, lines, sentence_starts
from reader.nlp.typer import SpanTyper, load_typer

MODEL_PATH = DATA / "model.json.gz"
CASING_PATH = DATA / "casing.json.gz"


@lru_cache(maxsize=1)
def load_casing() -> dict[str, str]:
    with gzip.open(CASING_PATH, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load_model() -> Perceptron:
    return Perceptron.load(MODEL_PATH)


def caps_lines(tokens: list[Token], text: str | None = None) -> list[bool]:
    """True for tokens on a line written mostly in capitals (headlines, datelines)."""
    out = [False] * len(tokens)
    for i, j in lines(tokens):
        letters = [t.text for t in tokens[i:j] if t.text[:1].isalpha()]
        upper = sum(1 for w in letters if w.isupper() and len(w) > 1 or w in {"A", "I"})
        long = [w for w in letters if len(w) > 3]
        title = sum(1 for w in long if w[:1].isupper())
        headline = 4 <= len(letters) <= 25 and long and title / len(long) > 0.8 and (
            j - i < 2 or tokens[j - 1].text not in {".", ","})
        if len(letters) >= 2 and upper / len(letters) > 0.6 or headline:
            for k in range(i, j):
                out[k] = True
    return out


def doc_features(words: list[str], starts: list[bool], caps: list[bool],
                 facts: WordFacts | None = None) -> list[list[str]]:
    return token_features(words, starts, caps, load_gazetteer(), load_casing(), facts=facts)


CHUNK = 4000  # tokens tagged at once: bounds memory on huge texts (features are ~50 strings a token)


def tag_tokens(tokens: list[Token], model: Perceptron | None = None, typer: SpanTyper | None = None) -> list[str]:
    """BIO tags of the tokens: the shipped tagger and typer unless others are given (cross-validation)."""
    if not tokens:
        return []
    model = model or load_model()
    typer = typer or load_typer()
    casing = load_casing()
    starts = sentence_starts(tokens)
    caps = caps_lines(tokens)
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        j = min(n, i + CHUNK)
        if j < n:  # end the chunk at a sentence start when there is one in the last quarter
            k = j
            while k > i + CHUNK * 3 // 4 and not starts[k]:
                k -= 1
            if starts[k] and k > i:
                j = k
        words = [t.text for t in tokens[i:j]]
        facts = word_facts(words, caps[i:j], load_gazetteer())  # shared by the tagger and the typer
        tags = model.tag(doc_features(words, starts[i:j], caps[i:j], facts))
        out.extend(typer.retype(words, tags, starts[i:j], caps[i:j], casing, facts))
        i = j
    for k, tok in enumerate(tokens):  # a name never runs on over a line break (dateline, headline)
        if tok.line_start and out[k].startswith("I-"):
            out[k] = "B-" + out[k][2:]
    return out
