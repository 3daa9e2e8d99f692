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
RECOGNISER_VERSION = "builtin-73"

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


# Texts longer than this are read in pieces of about this size, each its own document for consistency.
# Some document-wide rules compare every new name with every name found so far; on a 50 MB dump made of
# one repeated paragraph that would take hours. No news article comes near it (the longest of the 1,296
# in ../shared/eval is 103,000 characters).
CHUNK_CHARS = 150_000


def extract_texts(texts: Sequence[str], tagger: Tagger | None = None) -> list[list[Mention]]:
    """Mentions of several texts of one document, consistent across them."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    if not any(t.strip() for t in texts):
        return [[] for _ in texts]
    tagger = tagger or _builtin_tagger()
    if all(len(t) <= CHUNK_CHARS for t in texts):
        return _extract_document(texts, tagger)
    # the start of each text goes with the others (title, captions); the rest of a long one alone
    pieces = [_pieces(t) for t in texts]
    out = _extract_document([p[0][1] for p in pieces], tagger)
    for k, text_pieces in enumerate(pieces):
        for offset, piece in text_pieces[1:]:
            for m in _extract_document([piece], tagger)[0]:
                m.start += offset
                m.end += offset
                out[k].append(m)
    return out


def _extract_document(texts: list[str], tagger: Tagger) -> list[list[Mention]]:
    from reader.nlp.pipeline import Document

    doc = Document(texts, tagger)
    doc.clean()
    doc.name_rules()
    doc.gazetteer_rules()
    doc.consistency()
    return doc.mentions()


def _pieces(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) of a text cut at paragraph, line, sentence or word breaks into pieces of ~size."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):  # the strongest break in the second half of the window
            cut = window.rfind(sep)
            if cut >= size // 2:
                break
        cut = cut + 1 if cut >= size // 2 else size
        out.append((start, text[start : start + cut]))
        start += cut
    out.append((start, text[start:]))
    return out


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
