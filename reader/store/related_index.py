"""The related-stories index: per-article term vectors, an impact-ordered inverted index, term statistics.

Tables (migration ``_m5_related``):

- ``related_terms``: every feature seen (folded word or name pair) with its document frequency.
- ``related_docs``: one row per indexed article: its top terms and their within-article weights
  (``vector``, packed), every distinct term id (``features``, for keeping ``df`` exact on change), the
  vector's norm and the ``content_hash`` it was computed from (a changed article is re-indexed).
- ``related_postings``: (term, impact, article) for each article's most distinctive terms, so a query
  reads the strongest postings of a term first and stops early.
- ``related_retired``: rows of ``related_docs`` that were deleted (directly, or by deleting the article);
  the next index write takes their counts back out of ``df`` and drops their postings.

Weights in the index never include IDF: IDF is applied at query time from the current ``df``, so the
index stays correct as the store grows and an article is only ever written once.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from reader.store.connection import transaction

_CHUNK = 900  # SQLite's variable limit is 999 on old builds


@dataclass
class DocVector:
    """An indexed article: term ids with their within-article weights, and the norm of tf*idf."""

    article_id: int
    norm: float
    terms: dict[int, int]  # term id -> within-article weight in thousandths
    day: int | None = None  # the day the story is about (date ordinal), if known


@dataclass
class IndexedDoc:
    """What the engine hands the store to write for one article."""

    article_id: int
    content_hash: str
    norm: float
    vector: dict[str, float]  # term -> within-article weight, the article's top terms
    postings: dict[str, float]  # the subset of ``vector`` put in the inverted index
    features: Sequence[str]  # every distinct term of the article (for df)
    day: int | None = None
    display: dict[str, str] | None = None  # readable forms, stored for terms seen for the first time
    indexed_docs: int = 0  # articles in the index its IDF was taken over (for re-indexing as it grows)


def pack_vector(terms: dict[int, float]) -> bytes:
    """Term ids (uint32) then weights in thousandths (uint16): 6 bytes a term."""
    ids = array("I", terms.keys())
    weights = array("H", (min(65535, round(w * 1000)) for w in terms.values()))
    return ids.tobytes() + weights.tobytes()


def unpack_vector(blob: bytes) -> dict[int, int]:
    """Term id -> weight in thousandths (kept as integers: decoding 100 vectors a query must be cheap)."""
    split = len(blob) // 6 * 4
    ids = array("I")
    ids.frombytes(blob[:split])
    weights = array("H")
    weights.frombytes(blob[split:])
    return dict(zip(ids, weights, strict=True))


def _pack_ids(ids: Iterable[int]) -> bytes:
    ordered = sorted(ids)
    deltas = array("I", (b - a for a, b in zip([0, *ordered], ordered, strict=False)))
    return zlib.compress(deltas.tobytes(), 1)


def _unpack_ids(blob: bytes) -> list[int]:
    deltas = array("I")
    deltas.frombytes(zlib.decompress(blob))
    out, total = [], 0
    for d in deltas:
        total += d
        out.append(total)
    return out


def impact(weight: float) -> int:
    """A posting's sort key; computed from the stored (rounded) weight so deletes find the same key."""
    return max(1, round(min(65535, round(weight * 1000)) / 10))


# --- reads -------------------------------------------------------------------------------------------


def doc_count(db: Database, *, at_least: int = 1) -> int:
    """Articles in the index (at least ``at_least``: 1 keeps IDF's division defined)."""
    row = db.conn.execute("SELECT value FROM related_stats WHERE key = 'docs'").fetchone()
    return max(int(row[0]) if row else 0, at_least)


def article_texts(db: Database, ids: Sequence[int]) -> list[dict]:
    """Fields the feature extractor reads, for these article ids (missing ids are skipped)."""
    out: list[dict] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        out.extend(
            {"id": r[0], "title": r[1], "body": r[2], "captions": json.loads(r[3] or "[]"), "source": r[4],
             "content_hash": r[5], "published": r[6]}
            for r in db.conn.execute(
                f"SELECT id, title, body, captions, source, content_hash, published FROM articles "
                f"WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        )
    return out


def article_meta(db: Database, ids: Sequence[int]) -> dict[int, dict]:
    """id -> {title, guid, source, published} for showing related stories."""
    out: dict[int, dict] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT id, title, guid, source, published FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r[0]] = {"title": r[1], "guid": r[2], "source": r[3], "published": r[4]}
    return out


def article_bodies(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """id -> (title, body), for the near-duplicate check of a few candidates."""
    out: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT id, title, body FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[r[0]] = (r[1], r[2])
    return out


def is_indexed(db: Database, article_id: int, version: int) -> bool:
    row = db.conn.execute(
        "SELECT 1 FROM related_docs d JOIN articles a ON a.id = d.article_id "
        "WHERE d.article_id = ? AND d.version = ? AND d.content_hash = a.content_hash",
        (article_id, version),
    ).fetchone()
    return row is not None


def indexed_ids(db: Database, ids: Sequence[int]) -> set[int]:
    """The ones of these articles that have a row in the index (of any version)."""
    out: set[int] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        out.update(r[0] for r in db.conn.execute(
            f"SELECT article_id FROM related_docs WHERE article_id IN ({','.join('?' * len(chunk))})", chunk))
    return out


def vectors(db: Database, ids: Sequence[int]) -> dict[int, DocVector]:
    out: dict[int, DocVector] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT article_id, norm, vector, day FROM related_docs "
            f"WHERE article_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r[0]] = DocVector(article_id=r[0], norm=r[1], terms=unpack_vector(r[2]), day=r[3])
    return out


def term_stats(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, int]]:
    """term id -> (term, df)."""
    out: dict[int, tuple[str, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT id, term, df FROM related_terms WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[r[0]] = (r[1], r[2])
    return out


def term_display(db: Database, ids: Sequence[int]) -> dict[int, str]:
    """term id -> a readable form ("drones", "Betty Ford") for showing reasons."""
    out: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT id, coalesce(display, term) FROM related_terms WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r[0]] = r[1]
    return out


def term_dfs(db: Database, terms: Sequence[str]) -> dict[str, int]:
    """term -> df for the terms known to the index (unknown terms are left out)."""
    out: dict[str, int] = {}
    for start in range(0, len(terms), _CHUNK):
        chunk = list(terms[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT term, df FROM related_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[r[0]] = r[1]
    return out


def candidates(db: Database, query: Sequence[tuple[int, float]], per_term: int,
               limit: int) -> list[tuple[int, float]]:
    """(article id, partial dot product) for the articles in the strongest postings of the query terms.

    ``query`` is (term id, weight); each term contributes weight * impact from its ``per_term``
    strongest postings, so a common term cannot flood the candidates. Summed in SQLite, best first.
    """
    if not query:
        return []
    sql = " UNION ALL ".join(
        "SELECT article_id, impact * ? AS s FROM (SELECT article_id, impact FROM related_postings "
        "WHERE term_id = ? ORDER BY impact DESC LIMIT ?)"
        for _ in query
    )
    params: list[float] = []
    for term_id, weight in query:
        params += [weight, term_id, per_term]
    return db.conn.execute(
        f"SELECT article_id, sum(s) AS total FROM ({sql}) GROUP BY article_id ORDER BY total DESC LIMIT ?",
        [*params, limit],
    ).fetchall()


def mentions_of(db: Database, ids: Sequence[int]) -> dict[int, list[tuple[int, str, int, str]]]:
    """article id -> [(entity id, field, start, text)] for these articles."""
    out: dict[int, list[tuple[int, str, int, str]]] = {i: [] for i in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT article_id, entity_id, field, start, text FROM mentions WHERE article_id IN "
            f"({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r[0]].append((r[1], r[2], r[3], r[4]))
    return out


def mention_spellings(db: Database, ids: Sequence[int], entities: Sequence[int]) -> dict[int, dict[int, set[str]]]:
    """article id -> {entity id: the distinct texts that mention it}, for these entities only."""
    out: dict[int, dict[int, set[str]]] = {i: {} for i in ids}
    entity_list = ",".join(str(int(e)) for e in entities)
    if not entity_list:
        return out
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for article_id, entity_id, text in db.conn.execute(
            f"SELECT DISTINCT article_id, entity_id, text FROM mentions WHERE article_id IN "
            f"({','.join('?' * len(chunk))}) AND entity_id IN ({entity_list})",
            chunk,
        ):
            out[article_id].setdefault(entity_id, set()).add(text)
    return out


def entity_centrality(db: Database, ids: Sequence[int], title: float, lead: float, body: float,
                      captions: float, lead_chars: int) -> dict[int, dict[int, float]]:
    """article id -> {entity id: summed mention weight}, weighting each mention by where it is."""
    out: dict[int, dict[int, float]] = {i: {} for i in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for article_id, entity_id, weight in db.conn.execute(
            f"SELECT article_id, entity_id, sum(CASE WHEN field = 'title' THEN ? WHEN field = 'captions' THEN ? "
            f"WHEN start < ? THEN ? ELSE ? END) FROM mentions "
            f"WHERE article_id IN ({','.join('?' * len(chunk))}) "
            # A photo credit "(File Photo: Reuters)" names the agency, not what the story is about.
            f"AND NOT (field = 'captions' AND instr((SELECT captions FROM articles a "
            f"WHERE a.id = mentions.article_id), text || ')') > 0) "
            f"GROUP BY article_id, entity_id",
            [title, captions, lead_chars, lead, body, *chunk],
        ):
            out[article_id][entity_id] = weight
    return out


def entity_info(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, str, int]]:
    """entity id -> (name, label, article count)."""
    out: dict[int, tuple[str, str, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        for r in db.conn.execute(
            f"SELECT id, name, label, article_count FROM entities WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[r[0]] = (r[1], r[2], r[3])
    return out


def articles_mentioning(db: Database, entity_id: int, limit: int) -> list[int]:
    """The newest articles mentioning an entity (candidates a text match could miss)."""
    return [r[0] for r in db.conn.execute(
        "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? ORDER BY article_id DESC LIMIT ?",
        (entity_id, limit),
    )]


def _current(db: Database, version: int, stale_growth: float) -> tuple[str, list[object]]:
    """The SQL condition, over ``related_docs d`` joined to ``articles a``, for an index row that is current."""
    sql = "d.version = ? AND d.content_hash = a.content_hash"
    params: list[object] = [version]
    if stale_growth:
        sql += " AND d.indexed_docs * ? >= ?"
        params += [stale_growth, doc_count(db)]
    return sql, params


def pending_ids(db: Database, version: int, limit: int | None = None, *, stale_growth: float = 0) -> list[int]:
    """Articles not indexed yet, indexed by another engine version, or changed since: newest first.

    With ``stale_growth``, also those indexed when the index held fewer than 1/``stale_growth`` of
    the articles it holds now (their terms were chosen by an IDF over a much smaller store).
    """
    current, params = _current(db, version, stale_growth)
    sql = ("SELECT a.id FROM articles a LEFT JOIN related_docs d ON d.article_id = a.id "
           f"WHERE d.article_id IS NULL OR NOT ({current}) ORDER BY a.id DESC")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [r[0] for r in db.conn.execute(sql, params)]


def index_status(db: Database, version: int, *, stale_growth: float = 0) -> tuple[int, int]:
    """(articles indexed and current, articles in the store); ``stale_growth`` as for ``pending_ids``."""
    total = db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    current, params = _current(db, version, stale_growth)
    sql = f"SELECT count(*) FROM related_docs d JOIN articles a ON a.id = d.article_id WHERE {current}"
    return db.conn.execute(sql, params).fetchone()[0], total


def has_retired(db: Database) -> bool:
    return db.conn.execute("SELECT 1 FROM related_retired LIMIT 1").fetchone() is not None


# --- writes ------------------------------------------------------------------------------------------


def _retire(conn: sqlite3.Connection) -> None:
    """Take deleted or replaced index rows back out of the statistics and the postings."""
    rows = conn.execute("SELECT rowid, article_id, vector, features FROM related_retired").fetchall()
    if not rows:
        return
    df_delta: dict[int, int] = {}
    dead_postings: list[tuple[int, int, int]] = []
    for _rowid, article_id, vector, features in rows:
        for term_id in _unpack_ids(features):
            df_delta[term_id] = df_delta.get(term_id, 0) + 1
        # Every vector term may be in the postings; deleting a key that is not there is harmless.
        for term_id, weight in unpack_vector(vector).items():
            dead_postings.append((term_id, impact(weight / 1000), article_id))
    conn.executemany("UPDATE related_terms SET df = max(df - ?, 0) WHERE id = ?",
                     [(n, t) for t, n in df_delta.items()])
    conn.executemany("DELETE FROM related_postings WHERE term_id = ? AND impact = ? AND article_id = ?",
                     dead_postings)
    conn.execute("UPDATE related_stats SET value = max(value - ?, 0) WHERE key = 'docs'", (len(rows),))
    conn.execute("DELETE FROM related_retired")


def _term_ids(conn: sqlite3.Connection, terms: set[str], display: dict[str, str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    ordered = sorted(terms)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        for r in conn.execute(
            f"SELECT term, id FROM related_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
        ):
            ids[r[0]] = r[1]
    missing = [t for t in ordered if t not in ids]
    if missing:
        conn.executemany("INSERT INTO related_terms (term, display, df) VALUES (?, ?, 0)",
                         [(t, display.get(t)) for t in missing])
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            for r in conn.execute(
                f"SELECT term, id FROM related_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
            ):
                ids[r[0]] = r[1]
    return ids


def write_docs(db: Database, docs: Sequence[IndexedDoc], version: int) -> int:
    """Replace the index rows of these articles in one transaction; returns how many were written.

    Articles deleted meanwhile, or changed since their text was read (another content hash), are
    skipped: the next pass picks them up again.
    """
    written = 0
    with transaction(db) as conn:
        live: list[IndexedDoc] = []
        for doc in docs:
            row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (doc.article_id,)).fetchone()
            if row is not None and row[0] == doc.content_hash:
                live.append(doc)
        ids = [d.article_id for d in live]
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            conn.execute(f"DELETE FROM related_docs WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)
        _retire(conn)
        terms: set[str] = set()
        display: dict[str, str] = {}
        for doc in live:
            terms.update(doc.features)
            for term, shown in (doc.display or {}).items():
                if term not in display or shown.islower():  # "coach" over "Coach" when both are seen
                    display[term] = shown
        term_ids = _term_ids(conn, terms, display)
        df_delta: dict[int, int] = {}
        for doc in live:
            feature_ids = [term_ids[t] for t in set(doc.features)]
            for term_id in feature_ids:
                df_delta[term_id] = df_delta.get(term_id, 0) + 1
            vector = {term_ids[t]: w for t, w in doc.vector.items()}
            conn.execute(
                "INSERT INTO related_docs (article_id, version, content_hash, norm, day, vector, features, "
                "indexed_docs) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.article_id, version, doc.content_hash, doc.norm, doc.day, pack_vector(vector),
                 _pack_ids(feature_ids), doc.indexed_docs),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO related_postings (term_id, impact, article_id) VALUES (?, ?, ?)",
                [(term_ids[t], impact(w), doc.article_id) for t, w in doc.postings.items()],
            )
            written += 1
        conn.executemany("UPDATE related_terms SET df = df + ? WHERE id = ?", [(n, t) for t, n in df_delta.items()])
        conn.execute("UPDATE related_stats SET value = value + ? WHERE key = 'docs'", (written,))
    return written


def purge_retired(db: Database) -> None:
    """Apply pending deletions (articles deleted since the last index write)."""
    with transaction(db) as conn:
        _retire(conn)


def clear_index(db: Database) -> None:
    """Drop the whole index (``reader related --reindex --all``); articles are re-indexed afterwards."""
    with transaction(db) as conn:
        conn.execute("DELETE FROM related_postings")
        conn.execute("DELETE FROM related_docs")
        conn.execute("DELETE FROM related_retired")
        conn.execute("DELETE FROM related_terms")
        conn.execute("UPDATE related_stats SET value = 0 WHERE key = 'docs'")
