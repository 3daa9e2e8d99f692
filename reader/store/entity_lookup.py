"""Finding one canonical entity by name and label (what the reader pane's "stories with X" needs)."""

from __future__ import annotations

from sqlite_utils import Database

from reader.models import Entity
from reader.store.entities import entity_key


def entity_by_name(db: Database, name: str, label: str) -> Entity | None:
    """The entity stored under ``name`` with ``label``, else the most mentioned one with that name."""
    row = db.conn.execute(
        "SELECT id, name, label, article_count FROM entities WHERE key = ?", (entity_key(name, label),)
    ).fetchone()
    if row is None:
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE name = ? COLLATE NOCASE "
            "ORDER BY article_count DESC LIMIT 1",
            (name,),
        ).fetchone()
    return Entity(id=row[0], name=row[1], label=row[2], articles=row[3]) if row else None


def get_entity(db: Database, entity_id: int) -> Entity | None:
    row = db.conn.execute(
        "SELECT id, name, label, article_count FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    return Entity(id=row[0], name=row[1], label=row[2], articles=row[3]) if row else None
