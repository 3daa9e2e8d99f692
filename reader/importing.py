"""Import files into the store: parse each file (ingest), write in batches (store).

One bad file never stops the others: it is recorded in ``ImportResult.failed`` with a one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlite_utils import Database

from reader.ingest.clean import clean_line
from reader.ingest.files import ImportOptions, IngestError, expand_paths, parse_file
from reader.models import ImportResult
from reader.related import index_articles
from reader.store import add_articles
from reader.store.tags import TagError, clean_tag

Progress = Callable[[Path, ImportResult], None]


def import_paths(db: Database, paths: Sequence[Path | str], *, tags: Sequence[str] = (),
                 source: str | None = None, progress: Progress | None = None,
                 index_related: bool = True) -> ImportResult:
    """Import files; new and changed articles are also indexed for related stories unless
    ``index_related`` is False (then ``reader.related.index_pending`` catches up later)."""
    total = ImportResult()
    try:
        tags = [clean_tag(t) for t in tags]
    except TagError as exc:
        total.failed.append({"path": "", "error": str(exc)})
        return total
    options = ImportOptions(source=clean_line(source) or None if source else None)
    for path in expand_paths([Path(p) for p in paths]):
        result = ImportResult()
        try:
            parsed = parse_file(path, options)
        except IngestError as exc:
            result.failed.append({"path": str(path), "error": str(exc)})
        else:
            written = add_articles(db, parsed.articles, tags=tags)
            # Keep the related-stories index current: new and changed articles only, never a rebuild.
            if index_related:
                index_articles(db, written.ids)
            result.merge(written)
            for error in parsed.errors:
                result.failed.append({"path": str(path), "error": error})
        total.merge(result)
        if progress:
            progress(path, result)
    return total
