"""Sources to clean articles: text dumps, JSON Lines, feeds, OPML, HTML pages. Never touches the store."""

from reader.ingest.clean import clean_body, clean_line, sanitize
from reader.ingest.files import ImportOptions, IngestError, ParsedFile, expand_paths, parse_file
from reader.ingest.textdump import parse_text_dump

__all__ = [
    "ImportOptions", "IngestError", "ParsedFile", "clean_body", "clean_line", "expand_paths", "parse_file",
    "parse_text_dump", "sanitize",
]
