"""Linking across the store: a person named only by surname in one article ("Erdogan") is the person
other articles name in full ("Recep Tayyip Erdogan"), when one such person clearly dominates.

Within an article the pipeline already links "Guler" to the "Yasar Guler" named earlier; this step is
for articles that never give the full name. It runs as mentions are saved (``reader.nlp.enrich``), so
it sees the people of every article processed before it; an article processed before any article
named its person in full keeps the surname as its own entity until it is processed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlite_utils import Database

from reader.models import Mention
from reader.store.entities import fold_name, people_by_surname

DOMINANCE = 0.75  # share of all same-surname people's articles that the leading one must have
MIN_ARTICLES = 2  # a full name seen in one article only is not yet "the" person of that surname


def _surname_only(m: Mention) -> bool:
    return m.label == "PERSON" and (m.entity_label in (None, "PERSON")) and len(m.entity.split()) == 1


def link_surnames(db: Database, results: Sequence[tuple[int, list[Mention]]]) -> list[tuple[int, list[Mention]]]:
    """The same results with surname-only people linked to the dominant full name in the store."""
    singles = {fold_name(m.entity) for _, mentions in results for m in mentions if _surname_only(m)}
    if not singles:
        return list(results)
    choice: dict[str, str] = {}
    for surname, people in people_by_surname(db, singles).items():
        top = people[0]
        if top.articles >= MIN_ARTICLES and top.articles >= DOMINANCE * sum(p.articles for p in people):
            choice[surname] = top.name
    if not choice:
        return list(results)
    return [(article_id, [replace(m, entity=choice.get(fold_name(m.entity), m.entity)) if _surname_only(m) else m
                          for m in mentions])
            for article_id, mentions in results]
