"""Unsupervised word clusters for the tagger, learned from unlabelled news text (a cheap stand-in for
Brown clusters: distributional vectors + hierarchical k-means).

    pip install numpy                       # build time only (the nlp-build extra)
    python -m reader.nlp.build_clusters     # -> reader/nlp/data/clusters.json.gz

Text: ``../shared/eval/news/wikinews.jsonl``, ``../shared/eval/related/ecbplus-dev.jsonl`` and the bare
token text of the CoNLL files in ``../shared/eval/ner/`` (no labels are read). Each word seen often
enough gets a vector of its left and right neighbours (positive PMI over the most frequent context
words, reduced by SVD); a three-level k-means tree over those vectors gives each word a path such as
``"3.17.102"`` whose prefixes are the tagger's features ("words used like this one"). Words are
lower-cased: the tagger has its own casing features.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from reader.nlp.gazetteer import DATA, write_json_gz
from reader.nlp.tokens import tokenize

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "eval"
CLUSTERS_PATH = DATA / "clusters.json.gz"
# branching of the cluster tree: 16 top clusters, 8 children each, 8 grandchildren each (1,024 leaves)
BRANCHING = (16, 8, 8)


def unlabelled_sentences() -> list[list[str]]:
    """Lower-cased token lists of every sentence/line of the unlabelled text."""
    out: list[list[str]] = []
    for path in (SHARED / "news" / "wikinews.jsonl", SHARED / "related" / "ecbplus-dev.jsonl"):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                for part in (doc.get("title", ""), doc.get("text", "")):
                    for para in part.split("\n"):
                        toks = [t.text.lower() for t in tokenize(para)]
                        if toks:
                            out.append(toks)
    for path in sorted((SHARED / "ner").glob("*.conll")):
        sent: list[str] = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if not parts or parts[0] == "-DOCSTART-":
                    if sent:
                        out.append(sent)
                    sent = []
                else:
                    sent.append(parts[0].lower())
        if sent:
            out.append(sent)
    return out


def _kmeans(np, x, k: int, seed: int, iterations: int = 25):
    """Cosine k-means (rows of x are unit vectors); returns each row's cluster."""
    n = x.shape[0]
    if n <= k:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(n, size=k, replace=False)].copy()
    assign = np.zeros(n, dtype=int)
    for _ in range(iterations):
        assign = (x @ centres.T).argmax(axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) or 1.0)
            else:  # an empty cluster restarts at a random point
                centres[c] = x[rng.integers(n)]
    return assign


def build(min_count: int = 3, contexts: int = 1000, dims: int = 80, seed: int = 5) -> dict[str, str]:
    import numpy as np

    sents = unlabelled_sentences()
    freq = Counter(w for s in sents for w in s)
    vocab = [w for w, c in freq.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, (w, _) in enumerate(freq.most_common(contexts))}
    offsets = (-2, -1, 1, 2)  # one block of context columns for each neighbour position
    m = np.zeros((len(vocab), len(offsets) * contexts), dtype=np.float32)
    for s in sents:
        padded = ["<s2>", "<s>", *s, "</s>", "</s2>"]
        for j in range(2, len(padded) - 2):
            row = index.get(padded[j])
            if row is None:
                continue
            for block, off in enumerate(offsets):
                col = ctx.get(padded[j + off])
                if col is not None:
                    m[row, block * contexts + col] += 1
    # positive PMI, then SVD (through the small context-by-context matrix)
    total = m.sum()
    pmi = np.log(np.maximum(m * total, 1e-12) / np.outer(m.sum(axis=1) + 1e-9, m.sum(axis=0) + 1e-9))
    m = np.where(m > 0, np.maximum(pmi, 0), 0).astype(np.float32)
    _, vecs = np.linalg.eigh(m.T @ m)
    x = m @ vecs[:, -dims:]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    paths = [""] * len(vocab)
    groups = [np.arange(len(vocab))]
    for level, k in enumerate(BRANCHING):
        next_groups = []
        for g in groups:
            assign = _kmeans(np, x[g], k, seed + level)
            for c in range(k):
                members = g[assign == c]
                if not len(members):
                    continue
                for i in members:
                    paths[i] = f"{paths[i]}.{c}" if paths[i] else str(c)
                next_groups.append(members)
        groups = next_groups
    return dict(zip(vocab, paths, strict=True))


def main() -> None:
    table = build()
    write_json_gz(CLUSTERS_PATH, table)
    print(f"wrote {CLUSTERS_PATH} ({len(table)} words, {CLUSTERS_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
