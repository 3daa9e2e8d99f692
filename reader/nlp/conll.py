"""Reading the CoNLL-style development data in ``../shared/eval/ner/``.

A document is a list of sentences; a sentence a list of ``(token, tag)`` with BIO tags over PER, ORG,
LOC and MISC. wikigold uses IO tags (adjacent names of one type run together), so a run becomes one
entity. GUM marks every mention (common nouns and pronouns too, nested ones flattened to the outermost)
with 11 types: ``gum_named`` keeps only proper-noun mentions, as CoNLL would annotate them.
"""

from __future__ import annotations

from pathlib import Path

from reader.nlp.gazetteer import TITLES as NAME_TITLES
from reader.nlp.gazetteer import Gazetteer, fold

Sentence = list[tuple[str, str]]
Document = list[Sentence]

GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG", "event": "MISC"}
CONNECTORS = {"of", "and", "de", "for", "the", "del", "da", "van", "von", "der", "&", "on", "in",
              "-", "la", "le", "du", "des", "di", "bin", "ibn", "y"}
PRONOUNS = {"i", "we", "he", "she", "they", "it", "you", "me", "us", "him", "her", "them", "one", "who"}
PREPOSITIONS = {"of", "from", "in", "at", "on", "to", "for", "with", "by", "near", "outside", "inside", "across",
                "around", "within", "throughout", "like", "including"}
# a person mention ending in one of these is a description, not a name ("the State Department Spokesperson")
ROLE_HEADS = {"spokesperson", "spokesman", "spokeswoman", "ceo", "chairman", "chairwoman", "director", "official",
              "officials", "president", "minister", "secretary", "members", "staff"}
# titles CoNLL leaves out of a name, beyond the recogniser's own: "Professor Eastman", "NASA Administrator Bolden"
TITLES = NAME_TITLES | {"professor", "prof", "administrator", "mr", "mrs", "ms", "dr", "sir", "dame", "lord",
                        "lady", "emeritus", "associate", "assistant", "chief", "executive"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"}


def read_conll(path: Path) -> list[Document]:
    docs: list[Document] = []
    doc: Document = []
    sent: Sentence = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                if doc:
                    docs.append(doc)
                doc, sent = [], []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                sent = []
                continue
            # "token tag", "token<TAB>tag" or CoNLL-2003's "token POS chunk tag": first and last column
            parts = line.split()
            token, tag = (parts[0], parts[-1]) if len(parts) >= 2 else (parts[0], "O")
            sent.append((token, tag))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def io_to_bio(sent: Sentence) -> Sentence:
    out: Sentence = []
    prev = "O"
    for token, tag in sent:
        if tag == "O":
            out.append((token, "O"))
        else:
            label = tag[2:] if tag[:2] in ("I-", "B-") else tag
            prefix = "B-" if tag.startswith("B-") or prev != label else "I-"
            out.append((token, prefix + label))
        prev = "O" if tag == "O" else (tag[2:] if tag[:2] in ("I-", "B-") else tag)
    return out


def read_wikigold(path: Path) -> list[Document]:
    return [[io_to_bio(s) for s in doc] for doc in read_conll(path)]


def _name_like(tokens: list[str]) -> bool:
    if not tokens or not tokens[0][:1].isupper() or not tokens[-1][:1].isupper() and not tokens[-1][:1].isdigit():
        return False
    return all(t[:1].isupper() or t[:1].isdigit() or t.lower() in CONNECTORS for t in tokens)


def _preposition(tokens: list[str], k: int) -> bool:
    """A preposition of the phrase, not a connector inside a name ("University of Texas")."""
    t = tokens[k].lower()
    inside_name = t in CONNECTORS and 0 < k < len(tokens) - 1 and tokens[k - 1][:1].isupper() \
        and tokens[k + 1][:1].isupper()
    return t in PREPOSITIONS and not inside_name


def _gum_run(tokens: list[str], label: str, gaz: Gazetteer, first_in_sentence: bool) -> list[str]:
    """BIO tags for one run of a GUM entity type."""
    tags = ["O"] * len(tokens)
    i = 0
    # strip determiners and titles ("the Indonesian Navy", "Major general Fuad Basya")
    while i < len(tokens) and (tokens[i].lower() in DETERMINERS or tokens[i].lower().rstrip(".") in TITLES
                               or tokens[i].lower() in TITLES):
        i += 1
    j = len(tokens)
    while j > i and tokens[j - 1] in {",", ".", "'s", "’s"}:
        j -= 1
    core = tokens[i:j]
    if label == "PER" and _name_like(core) and ("and" in core or "of" in core):
        return _person_and_affiliation(tokens, i, j, gaz, first_in_sentence)
    if label == "PER" and _name_like(core):
        t = next((k for k in range(i + 1, j - 1) if tokens[k].lower() in TITLES), None)
        if t is not None:  # "US President Barack Obama": a place, an office, then the person
            return (_gum_run(tokens[:t], "", gaz, first_in_sentence) + ["O"]
                    + _gum_run(tokens[t + 1 :], "PER", gaz, False))
        from reader.nlp.tagger import load_casing

        if core[-1].lower() in ROLE_HEADS or len(core) == 1 and i == 0 and first_in_sentence \
                and load_casing().get(core[0].lower()) == "L":
            return _gum_run(tokens, "", gaz, first_in_sentence)  # "the State Department Spokesperson", "People"
    if not _name_like(core) and label and label != "MISC":
        # the head of a longer description: "Texas student [Ahmed Mohamed]"
        h = j
        while h > i and (tokens[h - 1][:1].isupper() or tokens[h - 1].lower() in CONNECTORS - {"the"}):
            h -= 1
        while h < j and (tokens[h].lower() in TITLES or tokens[h].lower() in CONNECTORS):
            h += 1
        # ... but not a name inside a phrase after a preposition: "Muslims from [Myanmar]" is a place
        if i < h < j and tokens[h - 1][:1].islower() and tokens[h - 1].lower() not in CONNECTORS \
                and not any(_preposition(tokens, k) for k in range(i, h)):
            head = _gum_run(tokens[h:j], label, gaz, False)
            rest = _gum_run(tokens[:h], "", gaz, first_in_sentence)
            return rest + head + ["O"] * (len(tokens) - j)
    if label and _name_like(core) and not (len(core) == 1 and core[0].lower() in PRONOUNS | DETERMINERS
                                           and not (core[0].isupper() and len(core[0]) > 1)):  # "WHO" is no pronoun
        if len(core) == 1 and fold(core[0]) in gaz.demonyms:
            label = "MISC"
        elif label == "ORG" and fold(" ".join(core)) in gaz.countries:
            label = "LOC"  # GUM marks a country acting ("North Korea said") as an organisation; CoNLL does not
        tags[i] = "B-" + label
        for k in range(i + 1, j):
            tags[k] = "I-" + label
        return tags
    # not a name as a whole: keep places and demonyms named inside it
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if t[:1].isupper():
            end = k + 1
            while end < len(tokens) and tokens[end][:1].isupper():
                end += 1
            key = fold(" ".join(tokens[k:end]))
            kind = gaz.place_kind(key)
            if k == 0 and first_in_sentence and kind not in ("country", "region") and key not in gaz.demonyms:
                k += 1  # a capital opening the sentence says nothing, but a country does ("US President ...")
                continue
            if kind in ("country", "bigcity", "region"):
                tags[k] = "B-LOC"
                for m in range(k + 1, end):
                    tags[m] = "I-LOC"
            elif end == k + 1 and key in gaz.demonyms:
                tags[k] = "B-MISC"
            k = end
        else:
            k += 1
    return tags


def _person_and_affiliation(tokens: list[str], i: int, j: int, gaz: Gazetteer, first_in_sentence: bool) -> list[str]:
    """A person mention that names more than the person: "Ann Chiang of DAB and Priscilla Leung of BPA" is
    two people, "Matthew Ingram of The Globe and Mail" a person and his paper (of a type GUM does not
    say: left unscored, a place kept), "Co-founder of Google" no personal name at all."""
    if "and" in tokens[i:j] and "of" in tokens[i:j]:
        k = tokens.index("and", i)
        right = tokens[k + 1 : j]
        if "of" in right or len(right) >= 2 and fold(right[0]) in gaz.first_names:  # not "The Globe and Mail"
            return (_gum_run(tokens[:k], "PER", gaz, first_in_sentence) + ["O"]
                    + _gum_run(tokens[k + 1 :], "PER", gaz, False))
    if "of" not in tokens[i:j]:
        return _gum_run(tokens, "", gaz, first_in_sentence)  # "Santo Spirito and Immacolata": which is which?
    k = tokens.index("of", i)
    person = tokens[i:k]
    if len(person) == 1 and fold(person[0]) not in gaz.surnames and fold(person[0]) not in gaz.first_names:
        head = _gum_run(tokens[:k], "", gaz, first_in_sentence)  # "Members of the Sea Org", "Museum of Flight CEO"
    else:
        head = _gum_run(tokens[:k], "PER", gaz, first_in_sentence)
    return head + ["O"] + _gum_run(tokens[k + 1 :], "", gaz, False)


def read_gum_named(path: Path, gaz: Gazetteer) -> list[Document]:
    docs = []
    for doc in read_conll(path):
        new_doc: Document = []
        for sent in doc:
            out: Sentence = []
            i = 0
            while i < len(sent):
                typ = sent[i][1]
                j = i
                while j < len(sent) and sent[j][1] == typ:
                    j += 1
                tokens = [t for t, _ in sent[i:j]]
                if typ == "O":
                    out.extend((t, "O") for t in tokens)
                else:
                    out.extend(zip(tokens, _gum_run(tokens, GUM_TYPES.get(typ, ""), gaz, i == 0),
                                   strict=True))
                i = j
            new_doc.append(_mark_unknown(out))
        docs.append(new_doc)
    return docs


def _mark_unknown(sent: Sentence) -> Sentence:
    """GUM leaves names nested in longer mentions unmarked ("Stan Lee" in "guests like Stan Lee"):
    capitalised words left outside any name become "?" (unknown): no training signal, not scored."""
    from reader.nlp.tagger import load_casing

    casing = load_casing()
    out: Sentence = []
    for k, (token, tag) in enumerate(sent):
        if (tag == "O" and k > 0 and token[:1].isupper() and token not in {"I", "I'm"}
                and casing.get(token.lower()) != "L" and token.lower() not in PRONOUNS | DETERMINERS):
            tag = "?"
        out.append((token, tag))
    return out


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start token, end token exclusive, type) of a BIO tag sequence."""
    out = set()
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "?":
            tag = "O"
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if label is not None:
                out.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def unknown_positions(tags: list[str]) -> set[int]:
    return {i for i, t in enumerate(tags) if t == "?"}


def count_spans(counts: dict[str, list[int]], gold_tags: list[str], pred_tags: list[str]) -> None:
    """Add one document's exact-span [tp, fp, fn] per label to ``counts``.

    Predicted spans touching a position the gold data leaves unknown ("?") are not scored.
    """
    unknown = unknown_positions(gold_tags)
    gold = spans(gold_tags)
    pred = {s for s in spans(pred_tags) if not any(i in unknown for i in range(s[0], s[1]))}
    for label in {s[2] for s in gold | pred}:
        c = counts.setdefault(label, [0, 0, 0])
        gs = {s for s in gold if s[2] == label}
        ps = {s for s in pred if s[2] == label}
        c[0] += len(gs & ps)
        c[1] += len(ps - gs)
        c[2] += len(gs - ps)
