"""Features of each token for the sequence tagger: the word, its shape and affixes, its neighbours,
gazetteer matches, how the word is usually cased in news, and what the rest of the document says.

Features are strings; the tagger adds the previous tags at decoding time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.nlp.gazetteer import (
    KNOWN_ORGS,
    NAME_TITLES,
    ORG_WORDS,
    TITLES,
    Gazetteer,
    fold,
    load_brown,
    load_clusters,
)

_SHAPE_CACHE: dict[str, str] = {}
RUN_CONNECTORS = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "von", "van", "der",
                            "del", "di", "da", "&"})


def shape(word: str) -> str:
    cached = _SHAPE_CACHE.get(word)
    if cached is not None:
        return cached
    out = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    result = "".join(out)[:6]
    if len(_SHAPE_CACHE) < 200_000:
        _SHAPE_CACHE[word] = result
    return result


_NO_CLUSTER = ("?", "?", "?")
_PREFIX_CACHE: dict[str, tuple[str, str, str]] = {}


def _cluster_prefixes(path: str | None) -> tuple[str, str, str]:
    if path is None:
        return _NO_CLUSTER
    cached = _PREFIX_CACHE.get(path)
    if cached is None:
        parts = path.split(".")
        cached = (parts[0], ".".join(parts[:2]), path)
        _PREFIX_CACHE[path] = cached
    return cached


def brown_path(word: str, lower: str, caps_line: bool, brown: dict[str, str]) -> str:
    """The word's Brown cluster path: as written, or on a line in capitals (headlines: "LONDON") first
    as a capitalised word; then in lower case. "" when the corpus never clustered it."""
    if caps_line and word.isupper() and len(word) > 1:
        return brown.get(word[:1] + lower[1:]) or brown.get(word) or brown.get(lower, "")
    return brown.get(word) or brown.get(lower, "")


def is_cap(word: str) -> bool:
    return word[:1].isupper() or (word[:3].lower() in {"al-", "el-", "ad-", "as-", "an-", "ar-"}
                                  and word[3:4].isupper())


def gazetteer_tags(words: Sequence[str], caps: Sequence[bool], gaz: Gazetteer) -> list[str | None]:
    """Longest place, demonym or organisation match over capitalised runs: "B-country", "I-city", "B-org"."""
    n = len(words)
    out: list[str | None] = [None] * n
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        found = 0
        kind = None
        for length in range(min(gaz.max_len, n - i), 0, -1):
            # allow lowercase connectors inside: "Gulf of Aden", "Bosnia and Herzegovina"
            if not caps[i + length - 1]:
                continue
            key = fold(" ".join(words[i : i + length]))
            kind = gaz.place_kind(key)
            if kind is None and length == 1 and key in gaz.demonyms:
                kind = "demonym"
            if kind is None and key in gaz.orgs:
                kind = "org"
            if kind is not None:
                found = length
                break
        if found:
            out[i] = "B-" + kind
            for j in range(i + 1, i + found):
                out[j] = "I-" + kind
            i += found
        else:
            i += 1
    return out


@dataclass
class WordFacts:
    """Lookups of every word of one text that both the tagger's features and the span typer read."""

    lowers: list[str]
    brown: list[str]  # Brown cluster paths ("" when unclustered)
    caps: list[bool]  # capitalised (or "al-Assad")
    gazetteer: list[str | None]  # "B-country", "I-city", ...


def word_facts(words: Sequence[str], caps_line: Sequence[bool], gaz: Gazetteer) -> WordFacts:
    lowers = [w.lower() for w in words]
    brown = load_brown()
    caps = [is_cap(w) for w in words]
    return WordFacts(lowers, [brown_path(w, lo, c, brown) for w, lo, c in zip(words, lowers, caps_line, strict=True)],
                     caps, gazetteer_tags(words, caps, gaz))


def token_features(words: Sequence[str], sent_start: Sequence[bool], caps_line: Sequence[bool],
                   gaz: Gazetteer, casing: dict[str, str],
                   clusters: dict[str, str] | None = None,
                   facts: WordFacts | None = None) -> list[list[str]]:
    """Static features of every token of one document."""
    n = len(words)
    facts = facts or word_facts(words, caps_line, gaz)
    lowers = facts.lowers
    clusters = load_clusters() if clusters is None else clusters
    # word-cluster path prefixes ("3", "3.17", "3.17.102"): words used like this one in news
    kl = [_cluster_prefixes(clusters.get(lo)) for lo in lowers]
    # Brown clusters from a large corpus: prefixes of 4, 8 and 12 bits, and the whole path
    bl = facts.brown
    shapes = [shape(w) for w in words]
    caps = facts.caps
    gz = facts.gazetteer
    # document evidence: a word seen lowercase, or capitalised mid-sentence, elsewhere in the text
    seen_lower: set[str] = set()
    seen_cap_mid: set[str] = set()
    for i, w in enumerate(words):
        if caps_line[i]:
            continue
        if w[:1].islower():
            seen_lower.add(w)
        elif caps[i] and not sent_start[i]:
            seen_cap_mid.add(lowers[i])
    # runs of capitalised words (with connectors inside): "Libyan National Army", "Bank of England"
    run_id = [-1] * n
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if caps[i]:
            j = i + 1
            while j < n and (caps[j] or (lowers[j] in RUN_CONNECTORS and j + 1 < n and caps[j + 1])):
                j += 1
            for k in range(i, j):
                run_id[k] = len(runs)
            runs.append((i, j))
            i = j
        else:
            i += 1
    first_names, surnames = gaz.first_names, gaz.surnames
    pad = ["<s>", "<s2>"]
    lw = pad + lowers + ["</s>", "</s2>"]
    sh = pad + shapes + ["</s>", "</s2>"]
    feats: list[list[str]] = []
    for i in range(n):
        w = words[i]
        lo = lowers[i]
        k = i + 2
        f = [
            "b",
            "w=" + lo,
            "s=" + shapes[i],
            "p3=" + lo[:3],
            "x3=" + lo[-3:],
            "x2=" + lo[-2:],
            "w-1=" + lw[k - 1],
            "w+1=" + lw[k + 1],
            "w-2=" + lw[k - 2],
            "w+2=" + lw[k + 2],
            "s-1=" + sh[k - 1],
            "s+1=" + sh[k + 1],
            "s-1s+1=" + sh[k - 1] + "|" + shapes[i] + "|" + sh[k + 1],
            "w-1w=" + lw[k - 1] + "|" + lo,
            "ww+1=" + lo + "|" + lw[k + 1],
            "c=" + casing.get(lo, "?"),
            "c+1=" + casing.get(lw[k + 1], "?"),
            "c-1=" + casing.get(lw[k - 1], "?"),
        ]
        k1, k2, k3 = kl[i]
        f.append("k1=" + k1)
        f.append("k2=" + k2)
        f.append("k3=" + k3)
        if i > 0:
            f.append("k2-1=" + kl[i - 1][1])
        if i + 1 < n:
            f.append("k2+1=" + kl[i + 1][1])
        b = bl[i]
        if b:
            f.extend(("bc4=" + b[:4], "bc8=" + b[:8], "bc12=" + b[:12], "bc=" + b))
        else:
            f.append("bc=-")
        if i > 0:
            f.append("bc8-1=" + bl[i - 1][:8])
        if i + 1 < n:
            f.append("bc8+1=" + bl[i + 1][:8])
        if sent_start[i]:
            f.append("start")
            f.append("start|c=" + casing.get(lo, "?"))
        if caps_line[i]:
            f.append("capsline")
            f.append("capsline|c=" + casing.get(lo, "?"))
            f.append("capsline|s-1=" + sh[k - 1])
        if caps[i]:
            if lo in seen_cap_mid:
                f.append("doc_capmid")
            if w.lower() in seen_lower or (w[:1].upper() + w[1:].lower()).lower() in seen_lower:
                f.append("doc_lower")
        g = gz[i]
        if g:
            f.append("gz=" + g)
        if i > 0 and gz[i - 1]:
            f.append("gz-1=" + gz[i - 1])
        if i + 1 < n and gz[i + 1]:
            f.append("gz+1=" + gz[i + 1])
        r = run_id[i]
        if r >= 0:
            a, b = runs[r]
            length = b - a
            pos = "S" if length == 1 else "B" if i == a else "E" if i == b - 1 else "I"
            f.append(f"run={min(length, 5)}{pos}")
            last = lowers[b - 1]
            f.append("runlast=" + last)
            if last in ORG_WORDS:
                f.append("run_org")
            if lowers[a] in first_names:
                f.append("run_fn")
            if length > 1 and last in surnames:
                f.append("run_sn")
        if caps[i]:
            if lo in first_names:
                f.append("fn")
            if lo in surnames:
                f.append("sn")
        if lo in KNOWN_ORGS:
            f.append("knownorg")
        if lw[k - 1] in NAME_TITLES:
            f.append("nametitle-1")
        if lw[k - 1] in TITLES:
            f.append("title-1")
        if lo in TITLES:
            f.append("title")
        if lw[k + 1] in ORG_WORDS or lw[k + 2] in ORG_WORDS:
            f.append("orgword+")
        if lo in ORG_WORDS:
            f.append("orgword")
        if lo[:3] in ("al-", "el-", "ad-", "as-", "ar-", "an-", "bin", "ibn", "abu"):
            f.append("arabic")
        feats.append(f)
    return feats
