"""Privacy helpers: credentials never shown or logged, files and directories readable by the owner only.

- :func:`redact_url` hides ``user:password@`` and secret-looking query parameters (``token``, ``key``...)
  in any URL before it is printed, logged or put in an error message.
- :func:`redact_text` does the same for every URL inside a longer message (an exception's text).
- :class:`RedactingFilter`: the same for log records, on any handler.
- :func:`private_dir` / :func:`write_private` create directories 0700 and files 0600 whatever the umask,
  writing files atomically (temp file, fsync, rename) so a crash never leaves half a config.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import traceback
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "***"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
# Query parameters whose values are credentials (matched case-insensitively, "-" and "_" ignored).
SECRET_PARAMS = frozenset({
    "token", "accesstoken", "apikey", "key", "secret", "password", "passwd", "pass", "pwd", "auth",
    "authorization", "sig", "signature", "session", "sessionid", "sid", "clientsecret", "privatetoken",
    "xapikey", "code", "refreshtoken", "bearer",
})
_URL_IN_TEXT = re.compile(r"""\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>"'`]+""")


def _secret_param(name: str) -> bool:
    return name.lower().replace("-", "").replace("_", "") in SECRET_PARAMS


def redact_url(url: str | None) -> str:
    """``https://user:pass@host/feed?token=abc&page=2`` -> ``https://***@host/feed?token=***&page=2``.

    Anything that does not parse as a URL is returned unchanged (it holds no credentials we can find).
    """
    if not url:
        return url or ""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            netloc = REDACTED + "@" + netloc.rsplit("@", 1)[1]
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            if any(_secret_param(k) for k, _ in pairs):
                query = urlencode([(k, REDACTED if _secret_param(k) else v) for k, v in pairs], safe="*")
        fragment = parts.fragment
        if "access_token=" in fragment or "id_token=" in fragment:  # OAuth implicit-flow fragments
            fragment = REDACTED
        if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
            return url
        return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))
    except ValueError:
        return url


# Fallbacks for URLs mangled on the way (a path that turned "https://" into "https:/"):
# any "scheme:/user:pass@" and any "?token=..." in free text.
_USERINFO_IN_TEXT = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*:/{1,3})[^/\s@]+@")
_SECRET_PARAM_IN_TEXT = re.compile(r"([?&;]([A-Za-z_-]+)=)([^&#\s]+)")


def redact_text(text: str) -> str:
    """Redact every URL found in ``text`` (error messages from HTTP libraries quote URLs)."""
    text = _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)
    text = _USERINFO_IN_TEXT.sub(lambda m: m.group(1) + REDACTED + "@", text)
    return _SECRET_PARAM_IN_TEXT.sub(
        lambda m: m.group(1) + REDACTED if _secret_param(m.group(2)) and m.group(3) != REDACTED else m.group(0),
        text,
    )


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as owner-only; an existing directory is left as it is."""
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
        os.chmod(path, PRIVATE_DIR)  # mkdir's mode is masked by the umask
    return path


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the owner only (0600)."""
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mkstemp: 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class RedactingFilter(logging.Filter):
    """A logging filter that redacts URL credentials from every record it sees (message, args, exception).

    Install it on a handler (``handler.addFilter(RedactingFilter())``) so nothing the refresh or the
    app logs can leak a feed's ``user:password@`` or ``?token=``.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = redact_text(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            message += "\n" + redact_text("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = message, None
        return True
