"""Train the built-in tagger (reproducible recipe).

    python -m reader.nlp.build_gazetteer         # once, needs the nlp-build extra
    python -m reader.nlp.train                   # casing table, tagger and span typer -> reader/nlp/data/
    python -m reader.nlp.evaluate --cv 5         # k-fold cross-validation of the full pipeline, writes nothing

Training data: ``../shared/eval/ner/wikigold.conll`` (CoNLL IO tags) and the proper-noun mentions of
``gum_wikinews_news.conll`` (see ``reader.nlp.conll``). The casing table (how often each word is
capitalised mid-sentence in news) comes from the unlabelled ``../shared/eval/news/wikinews.jsonl``.
Augmentation: a share of sentences is upper-cased (headlines) and synthetic datelines are added, so
the tagger copes with news layout it never saw annotated.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from reader.nlp.conll import Document, count_spans, read_gum_named, read_wikigold
from reader.nlp.features import token_features
from reader.nlp.gazetteer import DATA, load_gazetteer, write_json_gz
from reader.nlp.perceptron import Perceptron
from reader.nlp.tokens import Token
from reader.nlp.typer import TYPER_PATH, train_typer

ROOT = Path(__file__).resolve().parents[2]
NER = ROOT.parent / "shared" / "eval" / "ner"
NEWS = ROOT.parent / "shared" / "eval" / "news" / "wikinews.jsonl"
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def build_casing(path: Path = NEWS, min_count: int = 3) -> dict[str, str]:
    """word -> 'C' mostly capitalised mid-sentence, 'L' mostly lowercase, 'M' mixed (news text)."""
    cap: Counter[str] = Counter()
    low: Counter[str] = Counter()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text", "")
            for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
                for i, m in enumerate(WORD.finditer(sentence)):
                    w = m.group()
                    if i == 0 or w.isupper() and len(w) > 1:
                        continue
                    (cap if w[:1].isupper() else low)[w.lower()] += 1
    table = {}
    for word in set(cap) | set(low):
        c, lo = cap[word], low[word]
        if c + lo < min_count:
            continue
        r = c / (c + lo)
        table[word] = "C" if r > 0.9 else "L" if r < 0.1 else "M"
    return table


def doc_examples(doc: Document, casing: dict, rng: random.Random | None, upper_share: float = 0.0):
    """(features, tags) of one document, with a share of sentences upper-cased when rng is given."""
    words: list[str] = []
    tags: list[str] = []
    starts: list[bool] = []
    caps: list[bool] = []
    for sent in doc:
        r = rng.random() if rng is not None else 1.0
        upper = r < upper_share
        title = upper_share <= r < 2 * upper_share and len(sent) <= 25
        for k, (w, t) in enumerate(sent):
            if upper:
                w = w.upper()
            elif title and len(w) > 3:
                w = w[:1].upper() + w[1:]
            words.append(w)
            tags.append(t)
            starts.append(k == 0)
            caps.append(upper or title)
    return token_features(words, starts, caps, load_gazetteer(), casing), tags


def datelines(rng: random.Random, n: int) -> Document:
    """Synthetic news datelines: "LONDON 1996-08-30", "Paris, May 3 (Reuters) -"."""
    gaz = load_gazetteer()
    big = sorted(k for k, v in gaz.cities.items() if v > 1_000_000 and " " not in k and k.isalpha())
    months = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
    doc: Document = []
    for _ in range(n):
        city = rng.choice(big)
        form = rng.random()
        if form < 0.5:
            doc.append([(city.upper(), "B-LOC"), (f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-"
                                                  f"{rng.randint(1, 28):02d}", "O")])
        else:
            sent = [(city.title(), "B-LOC"), (",", "O"), (rng.choice(months), "O"),
                    (str(rng.randint(1, 28)), "O")]
            if rng.random() < 0.5:
                sent += [("(", "O"), (rng.choice(["Reuters", "AP", "AFP"]), "B-ORG"), (")", "O"), ("-", "O")]
            doc.append(sent)
    return doc


def load_corpora() -> tuple[list[Document], list[Document]]:
    return read_wikigold(NER / "wikigold.conll"), read_gum_named(NER / "gum_wikinews_news.conll",
                                                                  load_gazetteer())


def train(docs: list[Document], casing: dict, iterations: int = 12, seed: int = 7, log=print) -> Perceptron:
    rng = random.Random(seed)
    examples = [doc_examples(d, casing, rng, upper_share=0.08) for d in docs]
    examples.append(doc_examples(datelines(rng, 150), casing, None))
    return Perceptron.train(examples, iterations=iterations, seed=seed, log=log)


def trained_tagger(docs: list[Document], casing: dict, log=print) -> Callable[[list[Token]], list[str]]:
    """A tagger and typer trained on ``docs`` only, as a tagging function (cross-validation, benchmarks)."""
    from reader.nlp.tagger import tag_tokens

    model = train(docs, casing, log=log)
    typer = train_typer(docs, casing)
    return lambda tokens: tag_tokens(tokens, model, typer)


def score(model: Perceptron, docs: list[Document], casing: dict) -> dict[str, tuple[int, int, int]]:
    """Per label (tp, fp, fn) of the raw tagger on tokenised documents (exact spans)."""
    counts: dict[str, list[int]] = {}
    for doc in docs:
        feats, gold = doc_examples(doc, casing, None)
        count_spans(counts, gold, model.tag(feats))
    return {k: tuple(v) for k, v in counts.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=12)
    parser.add_argument("--no-gum", action="store_true", help="train on wikigold only")
    args = parser.parse_args(argv)
    t0 = time.time()
    casing = build_casing()
    write_json_gz(DATA / "casing.json.gz", casing)
    wiki, gum = load_corpora()
    docs = wiki + ([] if args.no_gum else gum)
    model = train(docs, casing, iterations=args.iterations)
    model.save(DATA / "model.json.gz")
    typer = train_typer(docs, casing)
    typer.save(TYPER_PATH)
    for path, weights in ((DATA / "model.json.gz", model.weights), (TYPER_PATH, typer.weights)):
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB, {len(weights)} features)")
    print(f"in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
