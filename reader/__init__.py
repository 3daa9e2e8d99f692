"""reader: a terminal news reader that reads the news with you."""

__version__ = "0.1.0"
