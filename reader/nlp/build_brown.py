"""Build ``reader/nlp/data/brown.json.gz``: Brown word clusters learned from a large English corpus.

    pip install 'reader[nlp-build]'      # spacy-lookups-data (MIT), build time only
    python -m reader.nlp.build_brown

spaCy's lookup tables ship the Brown clusters (Brown et al. 1992) that its English models used: about
190,000 words clustered from a large web corpus. Our own clusters (``build_clusters``) come from a few
thousand news articles and know few names; these know far more, so a name the tagger never saw in its
training data still looks like the names it did see ("Leicester" sits with other clubs and towns).

The table stores each path as an integer whose bits, read from the lowest, are the path from the root
below a leading 1; it is written out here as the path string ("0110010...") so that its prefixes are
the coarser clusters. Words with digits are left out (the shape feature covers them), and so are
words the corpus never clustered. The runtime reads the JSON only; it never imports the package.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources

from reader.nlp.gazetteer import DATA, write_json_gz

BROWN_PATH = DATA / "brown.json.gz"


def path_of(value: int) -> str:
    """The cluster path of one of spaCy's cluster integers: bits from the lowest, below the leading 1."""
    return bin(value)[3:][::-1]


def build() -> dict[str, str]:
    table = resources.files("spacy_lookups_data") / "data" / "en_lexeme_cluster.json.gz"
    with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        clusters: dict[str, int] = json.load(fh)
    return {w: path_of(v) for w, v in clusters.items()
            if v > 1 and len(w) < 30 and not any(c.isdigit() for c in w)}


def main() -> None:
    paths = build()
    write_json_gz(BROWN_PATH, paths)
    print(f"wrote {BROWN_PATH} ({len(paths)} words, {BROWN_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
