"""Related stories for the side panel: ranked, explained, with near-duplicates grouped as "same story".

How a story is scored against the article being read:

1. **Distinctive terms.** Each article is indexed once (``index_articles``) as a vector of its most
   distinctive features (see :mod:`reader.related_features`): sublinear, position-boosted counts times
   BM25 IDF over the store. Candidates come from an impact-ordered inverted index (the strongest
   postings of the query's top terms), then are re-scored by the cosine of the full stored vectors.
2. **Shared entities.** When the recogniser has filled ``mentions``, the canonical entities of both
   articles ("Turkish" and "Türkiye" are both Turkey) are compared the same way: weighted by rarity
   (IDF over articles), centrality (title and lead mentions count more) and, like terms, by how few
   of the nearest candidates share them; a shared entity counts for the spellings the words missed
   ("Türkiye" here, "Turkey" there), as a name spelled alike is a shared word already. Their cosine
   boosts the text score multiplicatively (some text evidence is required). Rare shared entities also
   bring in candidates the words missed.
3. **Neighbourhood.** Stories that the best matches also resemble get a small lift (pseudo-relevance
   feedback), and so do mutual neighbours (a best match whose own closest story is the article) and
   shared neighbours (a best match whose closest stories are the article's closest): all three
   separate "the same event" from "the same kind of event".
4. **Time.** When both articles have a publication date, stories far apart in time are discounted.

A candidate that shares most of its word sequences with the article is the same story from another
desk and is listed under ``same_story`` ("also reported by") instead of ``related``.

The index is incremental: writes add or replace single articles and IDF is applied at query time.
``index_pending`` catches up on articles added by code paths that do not index (run it in a worker).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from sqlite_utils import Database

from reader.models import RelatedStories
from reader.related_features import event_day, extract, fold, idf, term_of
from reader.related_reasons import Explainer
from reader.store.articles import ArticleNotFoundError
from reader.store.related_index import (
    DocVector,
    IndexedDoc,
    article_bodies,
    article_meta,
    article_texts,
    articles_mentioning,
    candidates,
    doc_count,
    entity_centrality,
    entity_info,
    index_status,
    indexed_ids,
    is_indexed,
    mention_spellings,
    pending_ids,
    purge_retired,
    term_dfs,
    term_stats,
    vectors,
    write_docs,
)
from reader.store.related_index import has_retired as _has_retired

INDEX_VERSION = 5  # bump when feature extraction changes: articles are then re-indexed lazily
VECTOR_TERMS = 120  # terms kept per article for scoring
POSTING_TERMS = 30  # of those, terms put in the inverted index
QUERY_TERMS = 30  # query terms looked up in the inverted index
PER_TERM = 200  # strongest postings read per query term
CANDIDATES = 80  # candidates re-scored exactly
MIN_SCORE = 0.05  # below this a story is not shown as related at all
SAME_STORY_COSINE = 0.5  # candidates this close are checked for being the same story
SHINGLE_CHARS = 3000
SAME_STORY_CONTAINMENT = 0.5  # share of word 4-grams in common that makes it the same story
ENTITY_CANDIDATES = 40  # candidates brought in by rare shared entities alone
ENTITY_TITLE = 3.0  # centrality of an entity mention in the title (lead 2, body 1, captions 0.5)
ENTITY_BOOST = 1.0  # text score times (1 + this times the entity cosine)
ENTITY_FOCUS = 1.0  # how much the local IDF over the neighbourhood re-weights the query's entities
FEEDBACK_DOCS = 3
LOCAL_DOCS = 20  # nearest candidates that define the topic neighbourhood
LOCAL_SHARE = 0.5  # how much the local IDF re-weights the query
FEEDBACK_SHARE = 0.3
FEEDBACK_FOCUS = 1.0  # local-IDF re-weighting of the feedback centroid (as for the query)
TIME_DISCOUNT = 0.3  # at most this much is taken off for stories far apart in time
TIME_SCALE_DAYS = 30.0
TIME_UNKNOWN = 0.5  # an unknown date counts as halfway between the same day and far apart
MUTUAL_SHARE = 0.3  # lift for a candidate whose own nearest story (among the best matches) is the article
NOVELTY_DOCS = 40  # candidates (best by their words) whose entity spellings are compared
MUTUAL_POOL = 20  # best matches compared with one another for that
SHARED_NEIGHBOURS = 7  # k of the shared-nearest-neighbour lift (see ``_mutual``)
SHARED_SHARE = 1.0  # lift for a best match with all its k nearest stories in common with the article
# An article's terms are chosen by the IDF of when it was indexed: once the index holds this many
# times as many articles, ``index_pending`` indexes it again. Amortised, each article is indexed
# about twice; on ECB+ (imported before the Wikinews distractors) P@5 0.9684 -> 0.9714.
STALE_GROWTH = 2.0

Progress = Callable[[int, int], None]


# --- indexing ----------------------------------------------------------------------------------------


def _build(db: Database, rows: Sequence[dict]) -> list[IndexedDoc]:
    features = [extract(r["title"], r["body"], r["captions"], r["source"]) for r in rows]
    # An article indexed before is in the store's df already (until its row is replaced): counting
    # it again would make its own terms look commoner than they are.
    known = indexed_ids(db, [r["id"] for r in rows])
    batch_df: dict[str, int] = {}
    for row, f in zip(rows, features, strict=True):
        for term in f.weights:
            batch_df[term] = batch_df.get(term, 0) + (row["id"] not in known)
    store_df = term_dfs(db, list(batch_df))
    docs_total = doc_count(db, at_least=0) + len(rows) - len(known)
    docs: list[IndexedDoc] = []
    for row, f in zip(rows, features, strict=True):
        scored = {t: w * idf(store_df.get(t, 0) + batch_df[t], max(docs_total, 1)) for t, w in f.weights.items()}
        top = sorted(scored, key=scored.__getitem__, reverse=True)[:VECTOR_TERMS]
        norm = math.sqrt(sum(scored[t] ** 2 for t in top)) or 1.0
        docs.append(IndexedDoc(
            article_id=row["id"], content_hash=row["content_hash"], norm=norm,
            vector={t: f.weights[t] for t in top},
            postings={t: f.weights[t] for t in top[:POSTING_TERMS]},
            features=list(f.weights),
            day=event_day(row["title"], row["body"], row["published"]),
            display={t: shown for t, shown in f.display.items() if shown != t},
            indexed_docs=docs_total,
        ))
    return docs


def index_articles(db: Database, ids: Sequence[int], *, batch_size: int = 500,
                   progress: Progress | None = None) -> int:
    """Index (or re-index) these articles; call after adding or changing articles. Returns the count."""
    written = 0
    ids = list(ids)
    for start in range(0, len(ids), batch_size):
        rows = article_texts(db, ids[start : start + batch_size])
        if rows:
            written += write_docs(db, _build(db, rows), INDEX_VERSION)
        if progress:
            progress(min(start + batch_size, len(ids)), len(ids))
    if not ids and _has_retired(db):
        purge_retired(db)
    return written


def index_pending(db: Database, limit: int | None = None, *, batch_size: int = 500,
                  progress: Progress | None = None) -> int:
    """Index articles that are new, changed, indexed by an older engine, or indexed when the store
    was much smaller (``STALE_GROWTH``), newest first."""
    ids = pending_ids(db, INDEX_VERSION, limit, stale_growth=STALE_GROWTH)
    if not ids:
        if _has_retired(db):
            purge_retired(db)
        return 0
    written = index_articles(db, ids, batch_size=batch_size, progress=progress)
    if limit is None:
        # A large first pass (an upgrade, a big import) leaves its own early articles stale: their
        # terms were chosen when the index held a fraction of what it holds now. Once more for those.
        again = pending_ids(db, INDEX_VERSION, stale_growth=STALE_GROWTH)
        if again:
            step = None if progress is None else (
                lambda n, _total: progress(len(ids) + n, len(ids) + len(again)))
            written += index_articles(db, again, batch_size=batch_size, progress=step)
    return written


def status(db: Database) -> tuple[int, int]:
    """(indexed articles, all articles): lets the UI say "indexing 40,000 of 100,000"."""
    return index_status(db, INDEX_VERSION, stale_growth=STALE_GROWTH)


# --- scoring -----------------------------------------------------------------------------------------


def _cosine(a: dict[int, float], b: dict[int, float], norm_a: float, norm_b: float) -> float:
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _entity_vectors(db: Database, ids: Sequence[int]) -> dict[int, dict[int, float]]:
    """article -> {entity id: centrality}: title mentions count 3, lead 2, body 1, captions 0.5."""
    sums = entity_centrality(db, ids, title=ENTITY_TITLE, lead=2.0, body=1.0, captions=0.5, lead_chars=400)
    return {a: {e: 1.0 + math.log(w) if w >= 1 else w for e, w in v.items()} for a, v in sums.items()}


_SHINGLE_WORD = re.compile(r"\w+", re.UNICODE)
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _shingles(text: str, n: int = 4) -> set[int]:
    """Hashes of the word 4-grams of the first few thousand characters (enough to recognise a copy)."""
    words = _SHINGLE_WORD.findall(text[:SHINGLE_CHARS].casefold())
    return {hash(gram) for gram in zip(*(words[i:] for i in range(n)), strict=False)}


def _containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class _Query:
    """One related-stories computation (keeps the intermediate state the reasons need)."""

    def __init__(self, db: Database, article_id: int) -> None:
        self.db = db
        self.article_id = article_id
        if not is_indexed(db, article_id, INDEX_VERSION):
            if not index_articles(db, [article_id]):
                raise ArticleNotFoundError(article_id)
        own = vectors(db, [article_id])[article_id]
        self.vector, self.day = own.terms, own.day
        self.docs = doc_count(db)
        self.terms = term_stats(db, list(self.vector))
        self.idf = {t: idf(df, self.docs) for t, (_term, df) in self.terms.items()}
        self._other_idf: dict[int, float] = {}
        self.weights = {t: w * self.idf.get(t, 0.0) for t, w in self.vector.items()}
        self._update()

    def text_candidates(self) -> dict[int, float]:
        """Articles sharing the query's strongest terms, with a partial dot product (summed in SQLite)."""
        # A term only this article has (df 1) finds nothing but itself: its postings slot goes to the next.
        shared = [t for t in self.weights if self.terms[t][1] > 1]
        top = sorted(shared, key=self.weights.__getitem__, reverse=True)[:QUERY_TERMS]
        acc = dict(candidates(self.db, [(t, self.weights[t] * self.idf[t]) for t in top], PER_TERM,
                              CANDIDATES + 1))
        acc.pop(self.article_id, None)
        return acc

    def idf_of(self, ids: set[int]) -> dict[int, float]:
        """IDF of any terms (the query's and the candidates'), looked up once per query."""
        missing = [t for t in ids if t not in self.idf and t not in self._other_idf]
        if missing:
            self._other_idf.update((t, idf(df, self.docs)) for t, (_term, df) in term_stats(self.db, missing).items())
        return {**self.idf, **self._other_idf}

    def _update(self) -> None:
        self.scaled = {t: w * self.idf.get(t, 0.0) for t, w in self.weights.items()}
        self.keys = self.scaled.keys()
        self.norm = math.sqrt(sum(w * w for w in self.weights.values())) or 1.0

    def focus(self, text: dict[int, float], docs: dict) -> None:
        """Re-weight the query towards what sets it apart from its neighbourhood.

        Terms that nearly all close candidates share say "which topic" (earthquake, Iran); terms only
        some of them share say "which event" (the island, the date, the toll). Down-weighting the former
        by a local IDF over the nearest candidates ranks the same event above the same kind of event.
        """
        near = sorted(text, key=text.__getitem__, reverse=True)[:LOCAL_DOCS]
        local_df: dict[int, int] = {}
        for c in near:
            for t in docs[c].terms:
                if t in self.weights:
                    local_df[t] = local_df.get(t, 0) + 1
        scale = math.log(LOCAL_DOCS + 1)
        self.weights = {
            t: w * ((1 - LOCAL_SHARE) + LOCAL_SHARE * math.log((LOCAL_DOCS + 1) / (local_df.get(t, 0) + 0.5)) / scale)
            for t, w in self.weights.items()
        }
        self._update()

    def text_score(self, doc_terms: dict[int, int], doc_norm: float) -> float:
        scaled = self.scaled
        dot = sum(scaled[t] * doc_terms[t] for t in self.keys & doc_terms.keys()) / 1000  # thousandths
        return dot / (self.norm * doc_norm) if doc_norm else 0.0


# News agencies name where a story came from, not what it is about: "told Reuters" in two stories
# does not relate them (the words leave them out for the same reason: see ``related_features``).
AGENCIES = frozenset({"reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse",
                      "xinhua", "tass", "itar-tass", "ria novosti", "interfax", "anadolu", "anadolu agency", "dpa",
                      "efe", "ansa", "kyodo", "yonhap", "pti", "press trust of india", "upi", "bloomberg news",
                      "hina", "tanjug", "pap", "mti", "ctk", "bta", "anp", "belga", "irna", "isna", "kuna", "wam",
                      "antara", "bernama", "mena", "kcna", "wafa", "ani", "ians", "wikinews"})


def _without_bylines(db: Database, article_id: int, q_entities: dict[int, float],
                     entity_stats: dict[int, tuple[str, str, int]]) -> dict[int, float]:
    """The article's entities less news agencies and its own publication ("Asharq Al-Awsat")."""
    source = fold((article_meta(db, [article_id]).get(article_id) or {}).get("source") or "")
    return {e: w for e, w in q_entities.items()
            if e not in entity_stats or entity_stats[e][1] != "ORG"
            or fold(entity_stats[e][0]) not in AGENCIES and fold(entity_stats[e][0]) != source}


def _entity_candidates(db: Database, q: _Query, q_entities: dict[int, float],
                       entity_stats: dict[int, tuple[str, str, int]]) -> list[int]:
    """Articles sharing the query's rarest, most central entities (candidates the words may miss)."""
    rare = sorted(
        (e for e in q_entities if e in entity_stats and 1 < entity_stats[e][2] <= max(q.docs // 5, 3)),
        key=lambda e: q_entities[e] * idf(entity_stats[e][2], q.docs), reverse=True,
    )[:5]
    found: list[int] = []
    for entity_id in rare:
        found += [a for a in articles_mentioning(db, entity_id, ENTITY_CANDIDATES) if a != q.article_id]
    return list(dict.fromkeys(found))[:ENTITY_CANDIDATES]


def _entity_scores(db: Database, q: _Query, q_entities: dict[int, float],
                   cand_entities: dict[int, dict[int, float]],
                   entity_stats: dict[int, tuple[str, str, int]], near: Sequence[int] = (),
                   novelty: dict[int, dict[int, float]] | None = None) -> dict[int, float]:
    """Cosine of entity vectors (centrality times rarity); fills ``entity_stats`` for the reasons."""
    missing = {e for v in cand_entities.values() for e in v} - set(entity_stats)
    entity_stats.update(entity_info(db, list(missing)))
    # N is the number of indexed articles: close to the number the recogniser has seen, and free.
    eidf = {e: idf(s[2], q.docs) for e, s in entity_stats.items()}

    def weigh(v: dict[int, float]) -> dict[int, float]:
        return {e: w * eidf.get(e, 0.0) for e, w in v.items()}

    qv = weigh(q_entities)
    if ENTITY_FOCUS and len(cand_entities) > LOCAL_DOCS and near:
        # As for terms (``_Query.focus``): an entity nearly all close candidates share says which
        # topic (Turkmenistan, Maurice Cheeks), not which event; it counts less.
        local_df: dict[int, int] = {}
        for c in near:
            for e in cand_entities.get(c, ()):
                if e in qv:
                    local_df[e] = local_df.get(e, 0) + 1
        scale = math.log(LOCAL_DOCS + 1)
        qv = {e: w * ((1 - ENTITY_FOCUS)
                      + ENTITY_FOCUS * max(0.0, math.log((LOCAL_DOCS + 1) / (local_df.get(e, 0) + 0.5)) / scale))
              for e, w in qv.items()}
    def norm(v: dict[int, float]) -> float:
        # An entity no other article names ("Libyan National Army" in a store of one Libya story) can
        # never be shared; in the norm it would only push a story rich in such names down every list
        # (ECB+ with entities: P@5 0.9641 -> 0.9649, topic confusion 0.0351 -> 0.0342).
        return math.sqrt(sum(w * w for e, w in v.items() if entity_stats.get(e, ("", "", 2))[2] > 1))

    qn = norm(qv)
    scores: dict[int, float] = {}
    for c, v in cand_entities.items():
        cv = weigh(v)
        n = norm(cv)
        if novelty is not None:  # only what the words miss counts (see ``_novelty``); not in the norm
            factors = novelty.get(c, {})
            cv = {e: w * factors.get(e, 0.0) for e, w in cv.items()}
        scores[c] = _cosine(qv, cv, qn, n)
    return scores


@lru_cache(maxsize=20_000)
def _spelling_terms(text: str) -> frozenset[str]:
    return frozenset(t for w in _WORDS.findall(text) if (t := term_of(w)))


def _novelty(db: Database, article_id: int, q_entities: dict[int, float],
             cand_entities: dict[int, dict[int, float]], close: Sequence[int]) -> dict[int, dict[int, float]]:
    """candidate -> {shared entity: the share of the candidate's spellings of it the article lacks}.

    A name both stories spell the same way ("Teixeira", "Turkmenistan") is already a shared word, and
    counted in the text score; what the entities add is what the words miss: "Türkiye" in one story,
    "Turkey" in the other, "Bush" and "George W. Bush". Counting only that keeps the recogniser from
    counting a name twice, which on ECB+ favoured stories of the same topic (with entities: P@5
    0.9654 -> 0.9675, MRR 0.9895 -> 0.9908, topic confusion 0.0333 -> 0.0320; with the previous
    recogniser 0.9658 -> 0.9675). Only the ``close`` candidates (best by their words) are looked at;
    the others, which no entity lift could bring up the list, are judged on their words alone.
    """
    ids = [c for c in close if cand_entities.get(c, {}).keys() & q_entities.keys()]
    found = mention_spellings(db, [article_id, *ids], list(q_entities))
    terms = {a: {e: set().union(*map(_spelling_terms, texts)) for e, texts in by_entity.items()}
             for a, by_entity in found.items()}
    own = terms[article_id]
    out: dict[int, dict[int, float]] = {c: {} for c in cand_entities}  # others: judged on words alone
    for c in ids:
        for e in cand_entities[c].keys() & q_entities.keys():
            theirs = terms[c].get(e, set())
            out[c][e] = len(theirs - own.get(e, set())) / len(theirs) if theirs else 1.0
    return out


def _feedback(db: Database, q: _Query, docs: dict[int, DocVector], scores: dict[int, float]) -> None:
    """Pseudo-relevance feedback: a small lift for stories that resemble the best matches too."""
    leaders = sorted(scores, key=scores.__getitem__, reverse=True)[:FEEDBACK_DOCS]
    if len(leaders) < FEEDBACK_DOCS or not FEEDBACK_SHARE:
        return
    lidf = q.idf_of({t for c in leaders for t in docs[c].terms})
    centroid: dict[int, float] = {}
    for c in leaders:
        d = docs[c]
        for t, w in d.terms.items():
            centroid[t] = centroid.get(t, 0.0) + w / 1000 * lidf.get(t, 0.0) / d.norm
    if FEEDBACK_FOCUS and len(scores) > LOCAL_DOCS:
        # The leaders share the topic with everything near; lift by what they share as an event.
        near = sorted(scores, key=scores.__getitem__, reverse=True)[:LOCAL_DOCS]
        local_df: dict[int, int] = {}
        for c in near:
            for t in docs[c].terms.keys() & centroid.keys():
                local_df[t] = local_df.get(t, 0) + 1
        scale = math.log(LOCAL_DOCS + 1)
        centroid = {t: w * ((1 - FEEDBACK_FOCUS) + FEEDBACK_FOCUS * max(
            0.0, math.log((LOCAL_DOCS + 1) / (local_df.get(t, 0) + 0.5)) / scale)) for t, w in centroid.items()}
    cnorm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    centroid = {t: w * lidf.get(t, 0.0) for t, w in centroid.items()}
    for c, d in docs.items():
        fb = sum(d.terms[t] * centroid[t] for t in d.terms.keys() & centroid.keys()) / 1000 / (d.norm * cnorm)
        # Only stories with some similarity of their own get lifted: feedback re-orders, never invents.
        scores[c] = (1 - FEEDBACK_SHARE) * scores[c] + FEEDBACK_SHARE * fb * min(1.0, scores[c] * 4)


def _mutual(db: Database, q: _Query, docs: dict[int, DocVector], scores: dict[int, float]) -> None:
    """Mutual neighbours: lift the best matches whose own closest story, among the best matches, is
    the article.

    A story of the same event is closer to the article than to most other close candidates; one of the
    same *kind* of event (another quake on the same island, the other election) is closest to the
    stories of its own event, which are in the pool too. The lift is 1 + MUTUAL_SHARE / r, where r is
    the article's rank among the candidate's neighbours in the pool (ECB+ P@5 0.9641 -> 0.9658 on words
    alone, 0.9645 -> 0.9654 with entities; topic confusion 0.0355 -> 0.0338 and 0.0346 -> 0.0333).

    Then the shared-neighbours lift: 1 + SHARED_SHARE * s / k, where s is how many of the candidate's
    k nearest stories in the pool are among the article's k nearest. ECB+ with entities, P@5 0.9658 ->
    0.9710, MRR 0.9904 (unchanged), topic confusion 0.0333 -> 0.0286; a plateau for k 5-7 and shares
    0.7-1.5 (0.969-0.972).
    """
    pool = sorted(scores, key=scores.__getitem__, reverse=True)[:MUTUAL_POOL]
    if len(pool) < 3:
        return
    lidf = q.idf_of({t for c in pool for t in docs[c].terms})
    vec = {c: {t: w * lidf.get(t, 0.0) for t, w in docs[c].terms.items()} for c in pool}
    vec[q.article_id] = {t: w * q.idf.get(t, 0.0) for t, w in q.vector.items()}
    norm = {c: math.sqrt(sum(x * x for x in v.values())) or 1.0 for c, v in vec.items()}
    keys = list(vec)
    sim: dict[tuple[int, int], float] = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            sim[a, b] = sim[b, a] = _cosine(vec[a], vec[b], norm[a], norm[b])
    for c in pool:
        to_article = sim[c, q.article_id]
        rank = 1 + sum(1 for p in pool if p != c and sim[c, p] > to_article)
        scores[c] *= 1 + MUTUAL_SHARE / rank
    # Shared nearest neighbours (Jarvis-Patrick): the stories of one event are each other's closest,
    # so a best match whose k nearest stories in the pool are mostly the article's k nearest is of
    # its event; one of the other event of that kind has its own event's stories nearest.
    k = SHARED_NEIGHBOURS
    nodes = [*pool, q.article_id]
    nearest = {a: set(sorted((p for p in nodes if p != a), key=lambda p: -sim[a, p])[:k]) for a in nodes}
    own = nearest[q.article_id]
    for c in pool:
        shared = len((own - {c}) & (nearest[c] - {q.article_id}))
        scores[c] *= 1 + SHARED_SHARE * shared / k


def _same_story(db: Database, article_id: int, close: Sequence[int]) -> set[int]:
    """The candidates that share most of their word sequences with the article: the same report."""
    if not close:
        return set()
    bodies = article_bodies(db, [article_id, *close])
    own = _shingles(" ".join(bodies.get(article_id, ("", ""))))
    return {c for c in close
            if _containment(own, _shingles(" ".join(bodies.get(c, ("", ""))))) >= SAME_STORY_CONTAINMENT}


def related(db: Database, article_id: int, limit: int = 10, *, min_score: float = MIN_SCORE) -> RelatedStories:
    """The stories most related to ``article_id``, best first, with reasons; near-duplicates apart.

    Stories scoring under ``min_score`` are left out (too little in common to show); pass 0 for the
    ranking as it is. Raises :class:`ArticleNotFoundError` for an unknown id. Indexes the article
    first if needed.
    """
    q = _Query(db, article_id)
    acc = q.text_candidates()
    candidate_ids = sorted(acc, key=acc.__getitem__, reverse=True)[:CANDIDATES]

    q_entities = _entity_vectors(db, [article_id])[article_id]
    entity_stats: dict[int, tuple[str, str, int]] = {}
    if q_entities:
        entity_stats = entity_info(db, list(q_entities))
        q_entities = _without_bylines(db, article_id, q_entities, entity_stats)
        candidate_ids = list(dict.fromkeys([*candidate_ids, *_entity_candidates(db, q, q_entities, entity_stats)]))

    docs = vectors(db, candidate_ids)
    text = {c: q.text_score(d.terms, d.norm) for c, d in docs.items()}
    if LOCAL_SHARE and len(text) > LOCAL_DOCS:
        q.focus(text, docs)
        text = {c: q.text_score(d.terms, d.norm) for c, d in docs.items()}

    cand_entities: dict[int, dict[int, float]] = {}
    if q_entities:
        near = sorted(text, key=text.__getitem__, reverse=True)[:LOCAL_DOCS]
        close = sorted(text, key=text.__getitem__, reverse=True)[:NOVELTY_DOCS]
        # Only the close candidates can get an entity lift (see ``_novelty``): the others' entities
        # are read only if they are shown, for the reasons.
        cand_entities = _entity_vectors(db, close)
        novelty = _novelty(db, article_id, q_entities, cand_entities, close)
        entities = _entity_scores(db, q, q_entities, cand_entities, entity_stats, near, novelty)
        # A candidate the recogniser has not processed yet (no mentions) has no boost: it is judged
        # on its words alone rather than as sharing nothing.
        # Shared entities multiply the text evidence rather than adding to it: names are already in
        # the words, so a linear mix counted them twice and let a story with no text in common in on
        # entities alone (measured on ECB+ with entities: P@5 0.953 -> 0.961, topic confusion
        # 0.044 -> 0.038).
        scores = {c: text[c] * (1 + ENTITY_BOOST * entities.get(c, 0.0)) for c in docs}
    else:
        scores = dict(text)
    _feedback(db, q, docs, scores)
    if MUTUAL_SHARE or SHARED_SHARE:
        _mutual(db, q, docs, scores)

    days: dict[int, float | None] = {}
    for c, d in docs.items():
        days[c] = abs(d.day - q.day) if d.day is not None and q.day is not None else None
        # Closeness in time is evidence; an unknown date is neither close nor far.
        distance = 1 - math.exp(-days[c] / TIME_SCALE_DAYS) if days[c] is not None else TIME_UNKNOWN
        scores[c] *= 1 - TIME_DISCOUNT * distance

    ranked = [c for c in sorted(scores, key=lambda c: (-scores[c], -c)) if scores[c] >= min_score]
    meta = article_meta(db, ranked[: limit * 2 + 10])  # what is shown (a deleted article drops out)
    ranked = [c for c in ranked if c in meta]
    same = _same_story(db, article_id, [c for c in ranked[: limit + 10] if text[c] >= SAME_STORY_COSINE])

    if q_entities:
        cand_entities.update(_entity_vectors(db, [c for c in meta if c not in cand_entities]))
    explain = Explainer(db, q, q_entities, cand_entities, entity_stats, meta)
    result = RelatedStories(article_id=article_id)
    unseen_same = set(same)
    for c in ranked:
        if c not in same and len(result.related) >= limit:
            if not unseen_same:
                break
            continue
        unseen_same.discard(c)
        item = explain.item(c, scores[c], docs[c].terms, days[c], c in same)
        if item.reasons:  # nothing readable in common: not worth showing
            (result.same_story if c in same else result.related).append(item)
    return result


__all__ = ["INDEX_VERSION", "index_articles", "index_pending", "related", "status"]
