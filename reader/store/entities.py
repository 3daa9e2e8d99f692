"""Entities and mentions as stored (the recogniser in reader.nlp fills them)."""

from __future__ import annotations

from sqlite_utils import Database

from reader.models import Entity
from reader.store.connection import StoreError


def mentions_for(db: Database, article_id: int) -> list[dict]:
    """An article's mentions in text order: ``{start, end, text, label, entity, field}``."""
    return [
        {"start": r[0], "end": r[1], "text": r[2], "label": r[3], "entity": r[4], "field": r[5],
         "entity_label": r[6]}
        for r in db.conn.execute(
            "SELECT m.start, m.end, m.text, m.label, e.name, m.field, e.label FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.field, m.start",
            (article_id,),
        )
    ]


class EntityNotFoundError(StoreError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no entity named {name!r} in the store (try `reader entity list`)")


def find_entity(db: Database, name: str) -> Entity:
    """An entity by id or name (case-insensitive; the most mentioned if several labels share it)."""
    row = None
    if name.isdigit():
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE id = ?", (int(name),)
        ).fetchone()
    if row is None:
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE name = ? COLLATE NOCASE "
            "ORDER BY article_count DESC LIMIT 1",
            (name.strip(),),
        ).fetchone()
    if row is None:
        raise EntityNotFoundError(name)
    return Entity(id=row[0], name=row[1], label=row[2], articles=row[3])
