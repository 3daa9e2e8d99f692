"""A second look at the type of each name the tagger found, reading the whole name at once.

The tagger reads left to right and settles a name's type at its first word: "Cal" is a first name, so
"Cal Anderson Park" comes out as a person, and "Mark Hopkins Hotel" too. The typer scores each span the
tagger found as PER, ORG, LOC or MISC from features of the whole span: its first and last words, their
Brown clusters and suffixes, gazetteer matches, the words just before and after it, and the words around
the other occurrences of the same name in the text. The tagger's own type counts as a vote worth
``TAGGER_VOTE``, so the typer changes it only when the whole span says otherwise clearly.

It is a multi-class averaged perceptron trained on the gold spans of the same data as the tagger
(``reader.nlp.train``). Spans on lines in capitals (headlines) keep the tagger's type: the tagger was
trained on capitals, the typer was not. Five-fold cross-validation, full pipeline: wikigold micro F1
0.701 -> 0.718, GUM news 0.688 -> 0.713. Tried and dropped: a fifth class "not a name" (rejected too
many organisations), summing the scores of every occurrence of a name (worse on both), the tagger's own
scores instead of its type as the vote, and training on the tagger's jackknifed output (no better).
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from reader.nlp.conll import Document
from reader.nlp.conll import spans as bio_spans
from reader.nlp.features import WordFacts, shape, word_facts
from reader.nlp.gazetteer import (
    DATA,
    KNOWN_ORGS,
    NAME_TITLES,
    ORG_WORDS,
    TITLES,
    fold,
    load_gazetteer,
    write_json_gz,
)
from reader.nlp.perceptron import AveragedWeights
from reader.nlp.rules import PER_BREAKS, PLACE_HEADS

TYPER_PATH = DATA / "typer.json.gz"
LABELS = ("PER", "ORG", "LOC", "MISC")
TAGGER_VOTE = 2.0  # best of 1, 2, 3 and 10 in cross-validation (10 leaves the tagger's type nearly always)


class _Text:
    """What the span features of one text need, computed once per text."""

    def __init__(self, words: Sequence[str], starts: Sequence[bool], caps: Sequence[bool],
                 spans: Sequence[tuple[int, int]], casing: dict[str, str], facts: WordFacts | None = None) -> None:
        gaz = load_gazetteer()
        facts = facts or word_facts(words, caps, gaz)
        self.words = words
        self.starts = starts
        self.casing = casing
        self.lowers = facts.lowers
        self.brown = facts.brown
        self.gaz = gaz
        self.gz = facts.gazetteer
        # the words before and after every occurrence of each name: "Kansas" after "band" once
        self.seen: dict[str, set[str]] = defaultdict(set)
        for s, e in spans:
            name = " ".join(self.lowers[s:e])
            self.seen[name].add("dp1=" + self._at(s - 1))
            self.seen[name].add("dn1=" + self._at(e))

    def _at(self, i: int) -> str:
        return self.lowers[i] if 0 <= i < len(self.lowers) else "<s>" if i < 0 else "</s>"

    def place_kind(self, s: int, e: int) -> str | None:
        return self.gaz.place_kind(fold(" ".join(self.words[s:e])))

    def features(self, s: int, e: int) -> list[str]:
        lowers, words, gaz, casing = self.lowers, self.words, self.gaz, self.casing
        first, last = lowers[s], lowers[e - 1]
        name = " ".join(lowers[s:e])
        key = fold(" ".join(words[s:e]))
        f = ["bias", "first=" + first, "last=" + last, "full=" + name, f"len={min(e - s, 4)}",
             "lastx3=" + last[-3:], "lastx2=" + last[-2:], "firstx3=" + first[-3:],
             "fs=" + shape(words[s]), "ls=" + shape(words[e - 1]),
             "fc=" + casing.get(first, "?"), "lc=" + casing.get(last, "?")]
        f.extend("sw=" + w for w in lowers[s:e])
        for tag, i in (("f", s), ("l", e - 1)):
            b = self.brown[i]
            f.extend((tag + "b4=" + b[:4], tag + "b8=" + b[:8], tag + "b12=" + b[:12], tag + "b=" + b)
                     if b else (tag + "b=-",))
        f.extend("swb6=" + self.brown[i][:6] for i in range(s, e) if self.brown[i])
        f.append(f"pk={self.place_kind(s, e)}")
        f.append(f"pkl={gaz.place_kind(fold(words[e - 1]))}")
        f.append(f"pkf={gaz.place_kind(fold(words[s]))}")
        if first in gaz.first_names:
            f.append("fn")
        if last in gaz.surnames:
            f.append("sn")
            if e - s > 1 and first in gaz.first_names:
                f.append("fnsn")
        if key in KNOWN_ORGS or key in gaz.orgs:
            f.append("org")
        if key in gaz.demonyms:
            f.append("dem")
        if last in ORG_WORDS:
            f.append("orgword_last")
        if any(w in ORG_WORDS for w in lowers[s:e]):
            f.append("orgword_any")
        f.extend("gz=" + self.gz[i][2:] for i in range(s, e) if self.gz[i])
        p1, p2, n1, n2 = self._at(s - 1), self._at(s - 2), self._at(e), self._at(e + 1)
        f.extend(("p1=" + p1, "p2=" + p2, "p2p1=" + p2 + "|" + p1, "n1=" + n1, "n2=" + n2,
                  "n1n2=" + n1 + "|" + n2))
        if s > 0 and self.brown[s - 1]:
            f.append("p1b8=" + self.brown[s - 1][:8])
        if e < len(lowers) and self.brown[e]:
            f.append("n1b8=" + self.brown[e][:8])
        if p1 in NAME_TITLES:
            f.append("p1nametitle")
        if p1 in TITLES:
            f.append("p1title")
        if self.starts[s]:
            f.append("start")
        f.extend(self.seen.get(name, ()))
        return f


class SpanTyper:
    def __init__(self, weights: dict[str, list[float]] | None = None) -> None:
        self.weights = weights or {}

    def scores(self, feats: list[str]) -> list[float]:
        vecs = [v for v in map(self.weights.get, feats) if v is not None]
        return list(map(sum, zip(*vecs, strict=True))) if vecs else [0.0] * len(LABELS)

    def retype(self, words: Sequence[str], tags: list[str], starts: Sequence[bool], caps: Sequence[bool],
               casing: dict[str, str], facts: WordFacts | None = None) -> list[str]:
        """The tags with each span's type decided again; spans keep their boundaries."""
        spans = sorted(bio_spans(tags))
        if not spans or not self.weights:
            return tags
        text = _Text(words, starts, caps, [(s, e) for s, e, _ in spans], casing, facts)
        out = list(tags)
        for s, e, label in spans:
            if caps[s] or label not in LABELS:
                continue
            last = text.lowers[e - 1]
            if label == "PER" and e - s > 1 and last not in ORG_WORDS and last not in PLACE_HEADS and (
                    text.lowers[s] in text.gaz.first_names and text.place_kind(s, e) is None
                    or not PER_BREAKS.isdisjoint(text.lowers[s:e])):
                continue  # a first name and more: the tagger's person stands ("Jaleel White", but not
                # "Ann Arbor" or "John F. Kennedy International Airport"); so does "Simmons of England",
                # which the pipeline cuts at "of" (but not "Bill and Melinda Gates Foundation")
            scores = self.scores(text.features(s, e))
            scores[LABELS.index(label)] += TAGGER_VOTE
            new = LABELS[max(range(len(LABELS)), key=scores.__getitem__)]
            if new != label:
                out[s] = "B-" + new
                for i in range(s + 1, e):
                    out[i] = "I-" + new
        return out

    # -- training -----------------------------------------------------------------------------
    @classmethod
    def train(cls, examples: list[tuple[list[str], int]], iterations: int = 10, seed: int = 1,
              prune: float = 1e-3) -> SpanTyper:
        weights = AveragedWeights(len(LABELS))
        order = list(examples)
        rng = random.Random(seed)
        for _ in range(iterations):
            rng.shuffle(order)
            for feats, gold in order:
                weights.step += 1
                scores = weights.scores(feats)
                guess = max(range(len(LABELS)), key=scores.__getitem__)
                if guess != gold:
                    weights.update(feats, gold, guess)
        return cls(weights.averaged(prune))

    def save(self, path: Path = TYPER_PATH) -> None:
        write_json_gz(path, {"labels": list(LABELS), "weights": self.weights})

    @classmethod
    def load(cls, path: Path = TYPER_PATH) -> SpanTyper:
        if not path.exists():
            return cls()
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"{path}: typer labels {data['labels']} differ from {LABELS}")
        return cls(data["weights"])


@lru_cache(maxsize=1)
def load_typer() -> SpanTyper:
    return SpanTyper.load()


def gold_examples(doc: Document, casing: dict[str, str]) -> list[tuple[list[str], int]]:
    """(features, label) of every gold name of a training document."""
    words = [w for sent in doc for w, _ in sent]
    tags = [t for sent in doc for _, t in sent]
    starts = [k == 0 for sent in doc for k in range(len(sent))]
    spans = sorted((s, e, label) for s, e, label in bio_spans(tags) if label in LABELS)
    text = _Text(words, starts, [False] * len(words), [(s, e) for s, e, _ in spans], casing)
    return [(text.features(s, e), LABELS.index(label)) for s, e, label in spans]


def train_typer(docs: list[Document], casing: dict[str, str], iterations: int = 10) -> SpanTyper:
    return SpanTyper.train([ex for doc in docs for ex in gold_examples(doc, casing)], iterations)
