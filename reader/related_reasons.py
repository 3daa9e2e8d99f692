"""Reasons shown with each related story: the entities both name, the distinctive words both use,
closeness in time, and "same story" for near-duplicates (see ``reader.related``)."""

from __future__ import annotations

import re
from collections.abc import KeysView
from typing import Protocol

from sqlite_utils import Database

from reader.models import Related
from reader.related_features import idf, stem, term_of
from reader.store.related_index import mentions_of, term_display

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
PASSING = 1000  # a term's weight (thousandths) from one mention in the body: too weak a reason
# the fillers and speaker tags of interview transcripts ("WN: Yeah, um ..."): they score, but explain nothing
FILLERS = frozenset({"yeah", "yes", "um", "uh", "umm", "erm", "okay", "ok", "oh", "hmm", "mhm", "wn", "ah", "well",
                     "right", "sure", "gonna", "wanna", "kinda", "lot", "really", "thing", "things", "stuff"})


class Query(Protocol):
    """What the reasons need of a related-stories query (``reader.related._Query``)."""

    article_id: int
    vector: dict[int, int]
    weights: dict[int, float]
    scaled: dict[int, float]
    keys: KeysView[int]
    terms: dict[int, tuple[str, int]]


class Explainer:
    """Turns the signals behind a score into short human-readable reasons."""

    MAX_ENTITIES = 4
    MAX_TERMS = 4

    def __init__(self, db: Database, q: Query, q_entities: dict[int, float],
                 cand_entities: dict[int, dict[int, float]], entity_stats: dict[int, tuple[str, str, int]], meta: dict[int, dict]) -> None:
        self.q = q
        self.q_entities = q_entities
        self.entity_stats = entity_stats
        self.meta = meta
        self.db = db
        self._display: dict[int, str] | None = None
        self.cand_entities = cand_entities
        self.spellings: dict[int, set[str]] = {}
        if q_entities:
            for entity_id, _field, _start, text in mentions_of(db, [q.article_id])[q.article_id]:
                self.spellings.setdefault(entity_id, set()).update(
                    t for w in _WORDS.findall(text) if (t := term_of(w)))

    @property
    def display(self) -> dict[int, str]:
        """Readable forms of the query's terms (looked up once, when the first reason needs them)."""
        if self._display is None:
            self._display = term_display(self.db, list(self.q.weights))
        return self._display

    def item(self, c: int, score: float, doc_terms: dict[int, int], days: float | None,
             same_story: bool) -> Related:
        reasons: list[str] = []
        covered: set[str] = set()
        if self.q_entities:
            theirs = self.cand_entities.get(c, {})
            shared = sorted(
                (e for e in self.q_entities if e in theirs and e in self.entity_stats),
                key=lambda e: -self.q_entities[e] * theirs[e] * idf(self.entity_stats[e][2], 1 + 10 ** 6),
            )[: self.MAX_ENTITIES]
            if shared:
                names = [self.entity_stats[e][0] for e in shared]
                reasons.append("shared: " + ", ".join(names))
                # Words that spell a shared entity ("Turkish", "Türkiye") are not repeated as terms.
                for name in names:
                    covered.update(t for w in _WORDS.findall(name) if (t := term_of(w)))
                for e in shared:
                    covered.update(self.spellings.get(e, ()))
        contributions = {t: self.q.scaled[t] * doc_terms[t] for t in self.q.keys & doc_terms.keys()}
        # A shared name ("Tara Reid") is shown whole, in place of its first word to come up.
        pair_of: dict[str, int] = {}
        for t in sorted(contributions, key=contributions.__getitem__):
            if " " in self.q.terms[t][0]:
                for part in self.q.terms[t][0].split():
                    pair_of[stem(part)] = t
        words: list[str] = []
        for t in sorted(contributions, key=contributions.__getitem__, reverse=True):
            if self.q.vector.get(t, 0) <= PASSING and doc_terms.get(t, 0) <= PASSING:
                continue  # "ensured" used once in passing by both: rare, but not what either is about
            term = self.q.terms[t][0]
            if term in pair_of and pair_of[term] in contributions:
                t = pair_of[term]
                term = self.q.terms[t][0]
            parts = [stem(p) for p in term.split()]
            if any(p in covered for p in parts) or term in covered or all(p in FILLERS for p in parts) \
                    or term.replace(" ", "").isdigit():
                continue  # a bare number ("24 hours", "24 foreigners") explains nothing either
            display = self.display.get(t, term)
            words.append(display if len(parts) > 1 or not display.isupper() or len(display) < 5 else term)
            covered.update(parts)
            covered.add(term)
            if len(words) >= self.MAX_TERMS:
                break
        if len(words) >= 2 or (words and reasons):
            reasons.append("terms: " + ", ".join(words))
        if days is not None and days < 14:
            reasons.append("same day" if days < 1 else f"{round(days)} day{'s' if round(days) != 1 else ''} apart")
        if same_story and reasons:
            source = self.meta.get(c, {}).get("source")
            reasons.insert(0, f"same story{' from ' + source if source else ''}")
        m = self.meta.get(c, {})
        return Related(id=c, title=m.get("title", ""), score=round(score, 4), reasons=reasons,
                       guid=m.get("guid"), source=m.get("source"), published=m.get("published"))
