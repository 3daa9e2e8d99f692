"""Optional spaCy backend (``pip install 'reader[spacy]'`` and a pipeline; ``[nlp] backend = "spacy"``).

spaCy's entities are mapped onto our tokens as BIO tags, so the same rules, linking and document
consistency apply as with the built-in tagger.
"""

from __future__ import annotations

from functools import lru_cache

from reader.nlp.tokens import Token

SPACY_LABELS = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                "NORP": "MISC", "EVENT": "MISC", "MISC": "MISC"}


class SpacyUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_pipeline(model: str):
    try:
        import spacy
    except ImportError as exc:
        raise SpacyUnavailable("the spaCy backend needs `pip install 'reader[spacy]'`") from exc
    try:
        return spacy.load(model)
    except OSError as exc:
        raise SpacyUnavailable(f"spaCy pipeline {model!r} is not installed") from exc


class SpacyTagger:
    """Callable tagger: tokens -> BIO tags from a spaCy pipeline's ``doc.ents``."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __call__(self, tokens: list[Token]) -> list[str]:
        if not tokens:
            return []
        # rebuild the text with the tokens at their own offsets (gaps become spaces)
        chars = [" "] * tokens[-1].end
        for t in tokens:
            chars[t.start : t.end] = t.text
        doc = self.nlp("".join(chars))
        tags = ["O"] * len(tokens)
        for ent in doc.ents:
            label = SPACY_LABELS.get(ent.label_)
            if label is None:
                continue
            first = True
            for i, t in enumerate(tokens):
                if t.start >= ent.start_char and t.end <= ent.end_char:
                    tags[i] = ("B-" if first else "I-") + label
                    first = False
        return tags


def version(model: str | None = None) -> str:
    import spacy

    from reader.config import load_settings

    name = model or load_settings().spacy_model
    nlp = load_pipeline(name)
    meta = getattr(nlp, "meta", {}) or {}
    return f"spacy-{spacy.__version__}-{meta.get('name', name)}-{meta.get('version', '0')}"


def spacy_tagger(model: str | None = None) -> SpacyTagger:
    from reader.config import load_settings

    return SpacyTagger(load_pipeline(model or load_settings().spacy_model))
