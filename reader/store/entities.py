"""Entities and mentions as stored (the recogniser in reader.nlp fills them)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from reader.models import Entity, Mention
from reader.store.connection import StoreError, parse_id, transaction


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
    entity_id = parse_id(name)
    if entity_id is not None:
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
    if row is None:
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE name = ? COLLATE NOCASE "
            "ORDER BY article_count DESC LIMIT 1",
            (name.strip(),),
        ).fetchone()
    if row is None:  # spelled without its diacritics ("Erdogan" for "Erdoğan")
        keys = [entity_key(name.strip(), label) for label in LABELS]
        row = db.conn.execute(
            "SELECT id, name, label, article_count FROM entities WHERE key IN (?, ?, ?, ?, ?) "
            "ORDER BY article_count DESC LIMIT 1",
            keys,
        ).fetchone()
    if row is None:
        raise EntityNotFoundError(name)
    return Entity(id=row[0], name=row[1], label=row[2], articles=row[3])


LABELS = ("PERSON", "ORG", "PLACE", "GROUP", "EVENT")


def fold_name(name: str) -> str:
    """Case and diacritics folded: "Erdoğan" and "ERDOGAN" are one name."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def entity_key(name: str, label: str) -> str:
    return f"{label}:{fold_name(name)}"


def surname_key(name: str, label: str) -> str | None:
    """The folded last word of a person named in full ("Recep Tayyip Erdoğan" -> "erdogan"), else None."""
    words = name.split()
    return fold_name(words[-1]) if label == "PERSON" and len(words) > 1 else None


def people_by_surname(db: Database, surnames: Iterable[str]) -> dict[str, list[Entity]]:
    """Folded surname -> the people named in full with it, most mentioned first."""
    out: dict[str, list[Entity]] = {}
    keys = sorted({fold_name(s) for s in surnames})
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = db.conn.execute(
            f"SELECT surname, id, name, label, article_count FROM entities "
            f"WHERE surname IN ({','.join('?' * len(chunk))}) AND article_count > 0 "
            f"ORDER BY article_count DESC, id",
            chunk,
        )
        for surname, *row in rows:
            out.setdefault(surname, []).append(Entity(id=row[0], name=row[1], label=row[2], articles=row[3]))
    return out


def _entity_id(conn, name: str, label: str) -> int:
    key = entity_key(name, label)
    row = conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    return conn.execute(
        "INSERT INTO entities (key, name, label, surname) VALUES (?, ?, ?, ?)",
        (key, name, label, surname_key(name, label)),
    ).lastrowid


def save_mentions(db: Database, items: Iterable[tuple[int, Sequence[Mention]]], version: str) -> int:
    """Replace the mentions of each article (one transaction for the whole batch).

    ``version`` is the recogniser version; articles stamped with an older one are re-processed.
    Mentions of a GROUP that link to a place ("Turkish" -> Turkey) are stored against the place's
    entity (``Mention.entity_label``) and keep their own label on the mention row.
    Returns the number of articles written.
    """
    written = 0
    with transaction(db) as conn:
        touched: set[int] = set()
        for article_id, mentions in items:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                continue  # deleted meanwhile
            touched.update(r[0] for r in conn.execute(
                "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", (article_id,)))
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            for m in mentions:
                entity_id = _entity_id(conn, m.entity, m.entity_label or m.label)
                touched.add(entity_id)
                conn.execute(
                    "INSERT INTO mentions (article_id, entity_id, field, start, end, text, label) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (article_id, entity_id, m.field, m.start, m.end, m.text, m.label),
                )
            conn.execute("UPDATE articles SET nlp_version = ? WHERE id = ?", (version, article_id))
            written += 1
        ids = sorted(touched)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            marks = ",".join("?" * len(chunk))
            conn.execute(
                f"UPDATE entities SET article_count = (SELECT count(DISTINCT article_id) FROM mentions "
                f"WHERE entity_id = entities.id) WHERE id IN ({marks})",
                chunk,
            )
            # An entity no article mentions any more (the recogniser now links "Erdoğan" elsewhere, or
            # reads "Susan Atkins" as a person) would only clutter the store: it goes.
            conn.execute(f"DELETE FROM entities WHERE id IN ({marks}) AND article_count = 0", chunk)
    return written


def articles_needing_entities(db: Database, version: str, limit: int | None = None) -> list[int]:
    """Ids of articles never processed, or processed by another recogniser version."""
    sql = "SELECT id FROM articles WHERE nlp_version IS NULL OR nlp_version != ? ORDER BY id"
    params: list[object] = [version]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [r[0] for r in db.conn.execute(sql, params)]


def list_entities(db: Database, label: str | None = None, limit: int | None = 100) -> list[Entity]:
    """Entities by how many articles mention them, most first."""
    sql = "SELECT id, name, label, article_count FROM entities WHERE article_count > 0"
    params: list[object] = []
    if label:
        sql += " AND label = ?"
        params.append(label.upper())
    sql += " ORDER BY article_count DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [Entity(id=r[0], name=r[1], label=r[2], articles=r[3]) for r in db.conn.execute(sql, params)]


def entity_weekly_counts(db: Database, entity_id: int) -> list[tuple[str, int]]:
    """(Monday the week starts, articles mentioning the entity) in time order, by published or added."""
    rows = db.conn.execute(
        "SELECT date(COALESCE(a.published, a.added), '-6 days', 'weekday 1') AS week, "
        "count(DISTINCT a.id) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? "
        "GROUP BY week ORDER BY week",
        (entity_id,),
    )
    return [(r[0] or "undated", r[1]) for r in rows]
