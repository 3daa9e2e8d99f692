"""Named entities: recognise people, organisations, places, groups and events, and link mentions.

``extract(text)`` returns the mentions of one text; ``extract_article(article)`` covers the title,
captions and body of an article with document-level consistency across them. The built-in
recogniser (a small averaged-perceptron tagger with gazetteers and rules, all in ``data/``) needs no
network and no heavy dependency; spaCy can be used instead (``[nlp] backend = "spacy"`` in the config).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.models import Article, Mention

# Bump when the model, gazetteers or rules change: stored articles are then re-processed.
RECOGNISER_VERSION = "builtin-28"

Tagger = Callable[[list], list[str]]


def _builtin_tagger() -> Tagger:
    from reader.nlp.tagger import tag_tokens

    return tag_tokens


def get_tagger(backend: str | None = None) -> Tagger:
    """The tagger of the configured backend ("builtin" or "spacy")."""
    if (backend or _configured_backend()) == "spacy":
        from reader.nlp.spacy_backend import spacy_tagger

        return spacy_tagger()
    return _builtin_tagger()


def recogniser_version(backend: str | None = None) -> str:
    if (backend or _configured_backend()) == "spacy":
        from reader.nlp.spacy_backend import version

        return version()
    return RECOGNISER_VERSION


def _configured_backend() -> str:
    try:
        from reader.config import load_settings

        return load_settings().nlp_backend
    except Exception:  # a broken config must not stop extraction; the CLI reports config errors
        return "builtin"


def extract_texts(texts: Sequence[str], tagger: Tagger | None = None) -> list[list[Mention]]:
    """Mentions of several texts of one document, consistent across them."""
    from reader.nlp.pipeline import Document

    texts = [t if isinstance(t, str) else "" for t in texts]
    if not any(t.strip() for t in texts):
        return [[] for _ in texts]
    doc = Document(texts, tagger or _builtin_tagger())
    doc.clean()
    doc.name_rules()
    doc.gazetteer_rules()
    doc.consistency()
    return doc.mentions()


def extract(text: str, tagger: Tagger | None = None) -> list[Mention]:
    """Mentions of one text: offsets into ``text``; ``field`` is "body"."""
    return extract_texts([text], tagger)[0]


FIELDS = ("title", "captions", "body")


def article_texts(article: Article) -> list[str]:
    """Title, captions joined with newlines, body: the texts mention offsets point into."""
    return [article.title or "", "\n".join(article.captions or []), article.body or ""]


def extract_article(article: Article, tagger: Tagger | None = None) -> list[Mention]:
    """Mentions in the title, captions and body, ``field`` set, consistent across the three."""
    out: list[Mention] = []
    for field, mentions in zip(FIELDS, extract_texts(article_texts(article), tagger), strict=True):
        for m in mentions:
            m.field = field
            out.append(m)
    return out
