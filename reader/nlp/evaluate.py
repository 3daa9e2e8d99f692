"""Score the recogniser on CoNLL-style data: entity-level precision, recall and F1 per label.

    python -m reader.nlp.evaluate                       # shipped model on ../shared/eval/ner/*.conll
    python -m reader.nlp.evaluate --cv 5                # k-fold cross-validation (honest scores)
    python -m reader.nlp.evaluate FILE.conll [--format io|bio|gum]   # any CoNLL-style file

Exact span and type must match. Labels map PERSON -> PER, ORG -> ORG, PLACE -> LOC, GROUP/EVENT -> MISC;
the headline score is the micro average over PER, ORG and LOC (MISC is reported, not counted). Each
document is rebuilt as text (tokens joined by spaces, sentences by newlines) and run through the full
pipeline, rules and document consistency included. For IO-tagged data (wikigold) adjacent predicted
names of one type are merged, as the gold standard cannot tell them apart.

The shipped model is trained on wikigold and GUM, so its scores on them are training scores: use
``--cv`` for the figures to quote (each fold's model never sees the documents it is scored on).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

from reader.nlp import extract_texts
from reader.nlp.conll import Document, count_spans, read_conll, read_gum_named, read_wikigold

CONLL_LABEL = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC", "GROUP": "MISC", "EVENT": "MISC"}
HEADLINE = ("PER", "ORG", "LOC")
Counts = dict[str, list[int]]


def doc_text(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """The document as text, and each token's character offsets."""
    offsets: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    for s, sent in enumerate(doc):
        if s:
            parts.append("\n")
            pos += 1
        for k, (token, _) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            parts.append(token)
            offsets.append((pos, pos + len(token)))
            pos += len(token)
    return "".join(parts), offsets


def predicted_tags(doc: Document, tagger: Callable | None, io: bool) -> list[str]:
    text, offsets = doc_text(doc)
    start_tok = {s: i for i, (s, _) in enumerate(offsets)}
    end_tok = {e: i for i, (_, e) in enumerate(offsets)}
    tags = ["O"] * len(offsets)
    for m in extract_texts([text], tagger)[0]:
        a, b = start_tok.get(m.start), end_tok.get(m.end)
        if a is None or b is None:  # the mention does not align with the gold tokens: counts as wrong
            a = a if a is not None else max(i for i, (s, _) in enumerate(offsets) if s <= m.start)
            b = b if b is not None else min(i for i, (_, e) in enumerate(offsets) if e >= m.end)
            label = "X-" + CONLL_LABEL[m.label]
        else:
            label = CONLL_LABEL[m.label]
        prev = tags[a - 1] if a > 0 else "O"
        merge = io and prev != "O" and prev[2:] == label
        tags[a] = ("I-" if merge else "B-") + label
        for i in range(a + 1, b + 1):
            tags[i] = "I-" + label
    return tags


def score_docs(docs: list[Document], tagger: Callable | None = None, io: bool = False,
               counts: Counts | None = None) -> Counts:
    counts = counts if counts is not None else {}
    for doc in docs:
        count_spans(counts, [t for sent in doc for _, t in sent], predicted_tags(doc, tagger, io))
    return counts


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, counts: Counts) -> dict:
    rows = {}
    print(f"\n{name}")
    print(f"  {'label':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for label in (*HEADLINE, "MISC"):
        tp, fp, fn = counts.get(label, [0, 0, 0])
        p, r, f = prf(tp, fp, fn)
        rows[label] = f
        print(f"  {label:<8}{p:7.3f}{r:7.3f}{f:7.3f}{tp + fn:7d}")
    tot = [sum(counts.get(label, [0, 0, 0])[i] for label in HEADLINE) for i in range(3)]
    p, r, f = prf(*tot)
    rows["micro"] = f
    print(f"  {'micro':<8}{p:7.3f}{r:7.3f}{f:7.3f}{tot[0] + tot[2]:7d}   (PER+ORG+LOC)")
    return rows


def detect_format(path: Path) -> str:
    """'gum' for GUM's entity types, 'bio' when any tag starts with B- (CoNLL-2003), else 'io'."""
    tags = {t for doc in read_conll(path) for sent in doc for _, t in sent}
    if tags & {"person", "place", "organization"}:
        return "gum"
    return "bio" if any(t.startswith("B-") for t in tags) else "io"


def cross_validate(folds: int, seed: int = 3) -> dict[str, dict]:
    from reader.nlp.tagger import load_casing
    from reader.nlp.train import load_corpora, trained_tagger

    casing = load_casing()
    wiki, gum = load_corpora()
    results = {}
    for name, target, other, io in (("wikigold", wiki, gum, True), ("gum", gum, wiki, False)):
        order = list(range(len(target)))
        random.Random(seed).shuffle(order)
        counts: Counts = {}
        for k in range(folds):
            test_ids = set(order[k::folds])
            train_docs = [d for i, d in enumerate(target) if i not in test_ids] + other
            tagger = trained_tagger(train_docs, casing, log=lambda *_: None)
            score_docs([target[i] for i in sorted(test_ids)], tagger, io=io, counts=counts)
        results[name] = report(f"{name}: {folds}-fold cross-validation (full pipeline)", counts)
    return results


def main(argv: list[str] | None = None) -> None:
    from reader.nlp.gazetteer import load_gazetteer
    from reader.nlp.train import NER

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--format", choices=["io", "bio", "gum"], help="tag scheme of FILES")
    parser.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation on wikigold and GUM")
    args = parser.parse_args(argv)
    t0 = time.time()
    if args.cv:
        cross_validate(args.cv)
    elif args.files:
        for path in args.files:
            fmt = args.format or detect_format(path)
            docs = (read_gum_named(path, load_gazetteer()) if fmt == "gum" else
                    read_wikigold(path) if fmt == "io" else read_conll(path))
            report(str(path), score_docs(docs, io=fmt == "io"))
    else:
        report("wikigold (training data of the shipped model)", score_docs(read_wikigold(NER / "wikigold.conll"), io=True))
        report("gum (training data of the shipped model)",
               score_docs(read_gum_named(NER / "gum_wikinews_news.conll", load_gazetteer())))
    print(f"\n{time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()
