"""The span typer: a second look at each name's type, from the whole name and its context."""

from __future__ import annotations

import gzip
import json

import pytest

from reader.nlp import extract
from reader.nlp.conll import spans
from reader.nlp.tagger import load_casing, tag_tokens
from reader.nlp.tokens import tokenize
from reader.nlp.typer import LABELS, TYPER_PATH, SpanTyper, gold_examples, load_typer, train_typer


def _doc(*sentences: str):
    """A CoNLL-style document from "word/TAG" sentences (BIO tags; a bare word is O)."""
    out = []
    for sentence in sentences:
        sent = []
        for item in sentence.split():
            word, _, tag = item.partition("/")
            sent.append((word, tag or "O"))
        out.append(sent)
    return out


PARKS = [_doc(f"Crowds/O gathered/O in/O {a}/B-LOC {b}/I-LOC Park/I-LOC on/O Sunday/O ./O",
              f"{c}/B-PER {d}/I-PER said/O the/O park/O was/O full/O ./O")
         for a, b, c, d in [("Hyde", "Lane", "John", "Smith"), ("Grant", "Hill", "Mary", "Jones"),
                            ("Victoria", "Rose", "Peter", "Brown"), ("Albert", "Ford", "Anna", "White"),
                            ("Lincoln", "Hale", "David", "Green")]]


def _retype(typer: SpanTyper, sentence: str, tags: list[str]) -> set[tuple[str, str]]:
    words = sentence.split()
    out = typer.retype(words, tags, [i == 0 for i in range(len(words))], [False] * len(words), load_casing())
    return {(" ".join(words[s:e]), label) for s, e, label in spans(out)}


def test_the_whole_name_decides_its_type():
    typer = train_typer(PARKS, load_casing())
    sentence = "Crowds gathered in Cal Anderson Park on Sunday ."
    # the tagger settled the type at "Cal", a first name
    tagged = ["O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O", "O"]
    assert _retype(typer, sentence, tagged) == {("Cal Anderson Park", "LOC")}
    # boundaries never move, and a person the training data backs up stays a person
    assert _retype(typer, "Mary Jones said so .", ["B-PER", "I-PER", "O", "O", "O"]) == {("Mary Jones", "PER")}


def test_the_tagger_type_stands_where_the_typer_has_nothing_to_say():
    sentence = "Crowds gathered in Cal Anderson Park on Sunday ."
    tagged = ["O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O", "O"]
    assert _retype(SpanTyper(), sentence, tagged) == {("Cal Anderson Park", "PER")}


def test_headlines_and_first_names_keep_the_tagger_type():
    typer = train_typer(PARKS, load_casing())
    words = "CROWDS IN CAL ANDERSON PARK".split()
    tags = ["O", "O", "B-PER", "I-PER", "I-PER"]
    # a line in capitals: the typer never saw one in training
    assert typer.retype(words, tags, [True] + [False] * 4, [True] * 5, load_casing()) == tags
    # a known first name and more: the tagger's person stands ("John Hyde" in a place's context) ...
    words = "Crowds gathered in John Hyde on Sunday .".split()
    tags = ["O", "O", "O", "B-PER", "I-PER", "O", "O", "O"]
    assert typer.retype(words, tags, [i == 0 for i in range(8)], [False] * 8, load_casing()) == tags
    # ... unless its last word names a place or an organisation
    assert _retype(typer, "Crowds gathered in John Anderson Park on Sunday .",
                   ["O", "O", "O", "B-PER", "I-PER", "I-PER", "O", "O", "O"]) == {("John Anderson Park", "LOC")}


def test_gold_examples_cover_every_name_with_its_label():
    examples = gold_examples(PARKS[0], load_casing())
    assert [LABELS[label] for _, label in examples] == ["LOC", "PER"]
    feats = examples[0][0]
    assert "last=park" in feats and "full=hyde lane park" in feats and "p1=in" in feats
    # the words around other occurrences of the same name count too
    doc = _doc("The/O band/O Kansas/B-ORG played/O ./O", "Kansas/B-ORG split/O up/O ./O")
    first = gold_examples(doc, load_casing())[1][0]
    assert "dp1=band" in first and "dn1=played" in first


def test_save_and_load(tmp_path):
    typer = train_typer(PARKS, load_casing())
    path = tmp_path / "typer.json.gz"
    typer.save(path)
    assert SpanTyper.load(path).weights == typer.weights
    assert SpanTyper.load(tmp_path / "missing.json.gz").weights == {}  # not built yet: the tagger alone
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump({"labels": ["PER", "LOC"], "weights": {}}, fh)
    with pytest.raises(ValueError, match="labels"):
        SpanTyper.load(path)


def test_the_shipped_typer_is_small_and_used():
    assert TYPER_PATH.stat().st_size < 1_000_000
    assert load_typer().weights
    # parties and companies named after their country, which the tagger alone tends to call places
    cases = ["Sustainable Australia won two seats .", "Virgin Australia cut flights .",
             "The Australian Greens won two seats .", "The Liberal Democrats won .", "Air New Zealand cut fares ."]
    right = {"with": 0, "alone": 0}
    for text in cases:
        toks = tokenize(text)
        for kind, typer in (("with", None), ("alone", SpanTyper())):
            right[kind] += any(label == "ORG" for _, _, label in spans(tag_tokens(toks, typer=typer)))
    assert right["with"] > right["alone"]  # the shipped typer is used, and it helps
    assert ("Virgin Australia", "ORG") in {(m.text, m.label) for m in extract("Virgin Australia cut flights .")}
