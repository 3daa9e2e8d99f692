"""A greedy averaged-perceptron sequence tagger (Collins 2002), small and fast in pure Python."""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
# I-X may only follow B-X or I-X
_ALLOWED = [[not t.startswith("I-") or p[2:] == t[2:] for t in TAGS] for p in TAGS + ["<s>"]]


def _history(prev: str, prev2: str, f: list[str]) -> list[str]:
    # f[2] is the shape feature; f[1] the word
    return ["t-1=" + prev, "t-2t-1=" + prev2 + "|" + prev, "t-1s=" + prev + "|" + f[2],
            "t-1w=" + prev + "|" + f[1]]


class AveragedWeights:
    """A multi-class perceptron's weights while it trains, averaged lazily over every step (Collins
    2002): the bookkeeping shared by the tagger and the span typer. Callers count ``step``."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.step = 0
        self.w: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
        self.totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
        self.stamps: dict[str, list[int]] = defaultdict(lambda: [0] * n)

    def scores(self, feats: list[str]) -> list[float]:
        scores = [0.0] * self.n
        for feat in feats:
            vec = self.w.get(feat)
            if vec is not None:
                for i in range(self.n):
                    scores[i] += vec[i]
        return scores

    def update(self, feats: list[str], gold: int, guess: int) -> None:
        """Towards the gold class, away from the guess."""
        for feat in feats:
            self._add(feat, gold, 1.0)
            self._add(feat, guess, -1.0)

    def _add(self, feat: str, label: int, delta: float) -> None:
        self.totals[feat][label] += (self.step - self.stamps[feat][label]) * self.w[feat][label]
        self.stamps[feat][label] = self.step
        self.w[feat][label] += delta

    def averaged(self, prune: float) -> dict[str, list[float]]:
        """The averaged weights, rounded, without features whose weights all stay under ``prune``."""
        out: dict[str, list[float]] = {}
        step = self.step
        for feat, vec in self.w.items():
            avg = [(self.totals[feat][i] + (step - self.stamps[feat][i]) * vec[i]) / step for i in range(self.n)]
            if max(abs(x) for x in avg) >= prune:
                out[feat] = [round(x, 3) for x in avg]
        return out


class Perceptron:
    def __init__(self, weights: dict[str, list[float]] | None = None) -> None:
        self.weights: dict[str, list[float]] = weights or {}

    # -- decoding -----------------------------------------------------------------------------
    def tag(self, feats: Sequence[list[str]]) -> list[str]:
        weights = self.weights
        ntags = len(TAGS)
        prev, prev2 = "<s>", "<s2>"
        prev_i = ntags  # row of _ALLOWED for "<s>"
        out: list[str] = []
        get = weights.get
        zero = [0.0] * ntags
        for f in feats:
            vecs = [v for v in map(get, f) if v is not None]
            vecs.extend(v for v in map(get, _history(prev, prev2, f)) if v is not None)
            scores = list(map(sum, zip(*vecs, strict=True))) if vecs else zero
            allowed = _ALLOWED[prev_i]
            best = max((s, i) for i, s in enumerate(scores) if allowed[i])[1]
            tag = TAGS[best]
            out.append(tag)
            prev2, prev, prev_i = prev, tag, best
        return out

    # -- training -----------------------------------------------------------------------------
    @classmethod
    def train(cls, docs: list[tuple[list[list[str]], list[str]]], iterations: int = 8, seed: int = 1,
              log=print, prune: float = 1e-3) -> Perceptron:
        ntags = len(TAGS)
        weights = AveragedWeights(ntags)
        rng = random.Random(seed)
        order = list(range(len(docs)))
        for it in range(iterations):
            rng.shuffle(order)
            errors = total = 0
            for d in order:
                feats, gold = docs[d]
                prev, prev2, prev_i = "<s>", "<s2>", ntags
                for f, g in zip(feats, gold, strict=True):
                    weights.step += 1
                    allf = f + _history(prev, prev2, f)
                    scores = weights.scores(allf)
                    allowed = _ALLOWED[prev_i]
                    guess = max((s, i) for i, s in enumerate(scores) if allowed[i])[1]
                    if g == "?":  # unknown (partially annotated data): follow the guess, learn nothing
                        prev2, prev, prev_i = prev, TAGS[guess], guess
                        continue
                    gi = TAG_INDEX[g]
                    if guess != gi:
                        errors += 1
                        weights.update(allf, gi, guess)
                    total += 1
                    # train on the gold history (teacher forcing)
                    prev2, prev, prev_i = prev, g, gi
            log(f"  iteration {it + 1}: token error {errors / max(total, 1):.4f}")
        return cls(weights.averaged(prune))

    # -- persistence --------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        from reader.nlp.gazetteer import write_json_gz

        write_json_gz(path, {"tags": TAGS, "weights": self.weights})

    @classmethod
    def load(cls, path: Path) -> Perceptron:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data["tags"] != TAGS:
            raise ValueError(f"{path}: model tags {data['tags']} differ from {TAGS}")
        return cls(data["weights"])
