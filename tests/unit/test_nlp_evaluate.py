"""The scoring script: exact span and type, per label, with the CoNLL label mapping."""

from __future__ import annotations

from reader.nlp.conll import io_to_bio, read_conll, read_wikigold, spans
from reader.nlp.evaluate import prf, score_docs

CONLL = """-DOCSTART- O

Yasar I-PER
Guler I-PER
visited O
Ankara I-LOC
with O
Reuters I-ORG
reporters O
. O

Turkish I-MISC
troops O
stayed O
. O
"""


def test_io_tags_become_entities():
    sent = [("Yasar", "I-PER"), ("Guler", "I-PER"), ("in", "O"), ("Ankara", "I-LOC"), ("Turkey", "I-LOC")]
    assert io_to_bio(sent) == [("Yasar", "B-PER"), ("Guler", "I-PER"), ("in", "O"), ("Ankara", "B-LOC"),
                               ("Turkey", "I-LOC")]
    assert spans([t for _, t in io_to_bio(sent)]) == {(0, 2, "PER"), (3, 5, "LOC")}


def test_perfect_and_wrong_taggers(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    docs = read_wikigold(path)
    gold = {t for doc in docs for sent in doc for t in [tuple(w for w, _ in sent)]}
    assert len(read_conll(path)) == 1 and gold

    tags = {w: t for doc in docs for sent in doc for w, t in sent}

    def perfect(tokens):
        return [tags.get(t.text, "O") for t in tokens]

    counts = score_docs(docs, perfect, io=True)
    for label in ("PER", "LOC", "ORG", "MISC"):
        tp, fp, fn = counts[label]
        assert prf(tp, fp, fn)[2] == 1.0, label

    def short(tokens):  # "Guler" alone: a wrong span counts as a false positive and a miss
        return ["B-PER" if t.text == "Guler" else tags.get(t.text, "O") if t.text != "Yasar" else "O"
                for t in tokens]

    counts = score_docs(docs, short, io=True)
    assert counts["PER"] == [0, 1, 1]
    assert counts["LOC"][0] == 1


def test_builtin_recogniser_on_tiny_data(tmp_path):
    path = tmp_path / "tiny.conll"
    path.write_text(CONLL, encoding="utf-8")
    counts = score_docs(read_wikigold(path), io=True)
    assert counts["PER"][0] == 1 and counts["LOC"][0] == 1 and counts["MISC"][0] == 1


def test_conll2003_columns_and_format_detection(tmp_path):
    from reader.nlp.evaluate import detect_format

    path = tmp_path / "news.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n"
                    "call NN I-NP O\n. . O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n"
                    "BRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n", encoding="utf-8")
    assert detect_format(path) == "bio"
    docs = read_conll(path)
    assert docs[0][0][0] == ("EU", "B-ORG")
    counts = score_docs(docs)
    assert counts["PER"] == [1, 0, 0] and counts["LOC"] == [1, 0, 0] and counts["ORG"][0] == 1


GUM = """-DOCSTART- O

Texas person
student person
Ahmed person
Mohamed person
met O
a person
minority person
of person
Muslims person
from person
Myanmar person
and O
a person
Republican person
from person
Texas person
at O
the organization
University organization
of organization
Texas organization
. O

Matthew person
Ingram person
of person
The person
Globe person
and person
Mail person
met O
Ann person
Chiang person
of person
DAB person
and person
Priscilla person
Leung person
of person
BPA person
. O

US person
President person
Barack person
Obama person
thanked O
the person
State person
Department person
Spokesperson person
. O

Professor person
Cres person
Eastman person
told O
WHO organization
. O
"""


def test_gum_mentions_keep_a_proper_noun_head_but_not_a_name_after_a_preposition_or_of(tmp_path):
    from reader.nlp.conll import read_gum_named
    from reader.nlp.gazetteer import load_gazetteer

    path = tmp_path / "gum.conll"
    path.write_text(GUM, encoding="utf-8")
    (doc,) = read_gum_named(path, load_gazetteer())
    words = [w for w, _ in doc[0]]
    found = {(" ".join(words[a:b]), label) for a, b, label in spans([t for _, t in doc[0]])}
    # "Texas student [Ahmed Mohamed]": the name is the head; "Muslims from [Myanmar]": a place (and a
    # group) inside a description, never the person the description is of
    assert found == {("Ahmed Mohamed", "PER"), ("Muslims", "MISC"), ("Myanmar", "LOC"), ("Republican", "MISC"),
                     ("Texas", "LOC"), ("University of Texas", "ORG")}
    # a person mention naming the person's paper or party too: the people, the rest unscored
    words = [w for w, _ in doc[1]]
    tags = [t for _, t in doc[1]]
    assert {(" ".join(words[a:b]), label) for a, b, label in spans(tags)} == {
        ("Matthew Ingram", "PER"), ("Ann Chiang", "PER"), ("Priscilla Leung", "PER")}
    assert {"DAB", "BPA", "Mail"} <= {w for w, t in doc[1] if t == "?"}
    # a country, an office and the person; a description ending in a role is no name
    words = [w for w, _ in doc[2]]
    assert {(" ".join(words[a:b]), label) for a, b, label in spans([t for _, t in doc[2]])} == {
        ("US", "LOC"), ("Barack Obama", "PER")}
    words = [w for w, _ in doc[3]]  # "Professor" is a title; "WHO" is no pronoun
    assert {(" ".join(words[a:b]), label) for a, b, label in spans([t for _, t in doc[3]])} == {
        ("Cres Eastman", "PER"), ("WHO", "ORG")}
