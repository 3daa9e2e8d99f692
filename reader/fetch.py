"""HTTP for feeds and pages: conditional GET, redirects we can see, bounded downloads.

Responses are read raw and decompressed here (gzip, deflate, brotli) with a cap on the *decoded* size,
so a small compressed "bomb" cannot expand into gigabytes, and a 50 MB body stops at the cap. Redirects
are followed by hand so a chain of only permanent ones (301/308) can update the stored feed URL.
"""

from __future__ import annotations

import asyncio
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from reader import __version__
from reader.ingest.clean import clean_line
from reader.privacy import redact_text

USER_AGENT = f"reader/{__version__} (terminal news reader; +https://github.com/reader-news/reader)"
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1")
MAX_REDIRECTS = 5
_PERMANENT = {301, 308}


class FetchError(Exception):
    """A fetch that failed; the message is one line for the user (and ``last_error``)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        # Messages quote the server (a Location, a reason phrase) and are printed and stored: no escapes.
        super().__init__(clean_line(message))
        self.status = status


@dataclass
class Fetched:
    url: str  # the URL finally answered
    status: int
    content: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_url: str | None = None  # set when every redirect on the way was permanent
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Decoder:
    """Incremental Content-Encoding decoder that refuses to produce more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.encoding = encoding
        self._parts: list[bytes] = []
        self._zlib = None
        self._brotli = None
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = None  # decided on the first bytes: zlib-wrapped or raw
        elif encoding == "br":
            import brotli

            self._brotli = brotli.Decompressor()
        elif encoding not in ("", "identity"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(f"response too large (over {self.limit // (1024 * 1024)} MB)")
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self.encoding == "deflate" and self._zlib is None:
            # RFC says zlib-wrapped; some servers send raw deflate. 0x78 is the zlib header's first byte.
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if chunk[:1] == b"\x78" else -zlib.MAX_WBITS)
        try:
            if self._zlib is not None:
                data = chunk
                while data:
                    out = self._zlib.decompress(data, self.limit - self.size + 1)
                    self._keep(out)
                    data = self._zlib.unconsumed_tail
            elif self._brotli is not None:
                self._keep(self._brotli.process(chunk, output_buffer_limit=self.limit - self.size + 1))
                while not self._brotli.can_accept_more_data():
                    self._keep(self._brotli.process(b"", output_buffer_limit=self.limit - self.size + 1))
            else:
                self._keep(chunk)
        except zlib.error as exc:
            raise FetchError(f"bad {self.encoding} data: {exc}") from exc
        except FetchError:
            raise
        except Exception as exc:  # brotli.error
            raise FetchError(f"bad {self.encoding} data") from exc

    def result(self) -> bytes:
        if self._zlib is not None:
            self._keep(self._zlib.flush())
        return b"".join(self._parts)


def make_client(*, concurrency: int = 16, timeout: float = 20.0) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate, br"},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        limits=limits, follow_redirects=False, trust_env=False,
    )


def describe_error(exc: BaseException) -> str:
    """One line for any failure of a fetch: nothing a server sent reaches the terminal raw, and
    credentials in quoted URLs are redacted (the line is stored as the feed's last error)."""
    return redact_text(clean_line(_describe(exc)))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, FetchError):
        return str(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        return "timed out connecting"
    if isinstance(exc, httpx.TimeoutException | asyncio.TimeoutError | TimeoutError):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).split("] ")[-1] or "refused"
        return f"cannot connect: {reason}"[:200]
    if isinstance(exc, httpx.HTTPError):
        return f"HTTP error: {type(exc).__name__}: {exc}"[:200]
    return f"{type(exc).__name__}: {exc}"[:200]


async def fetch(client: httpx.AsyncClient, url: str, *, etag: str | None = None,
                last_modified: str | None = None, max_bytes: int = 20 * 1024 * 1024) -> Fetched:
    """GET ``url`` with validators; raises :class:`FetchError` (or httpx errors) on failure.

    A 304 comes back as ``Fetched(status=304)`` with no content; other non-2xx statuses raise.
    """
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    permanent = True
    for _ in range(MAX_REDIRECTS + 1):
        scheme = urlsplit(current).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {current[:100]}")
        async with client.stream("GET", current, headers=headers) as response:
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                permanent = permanent and response.status_code in _PERMANENT
                # In httpx's canonical form: control, bidi and other non-ASCII characters a server put
                # in the Location are percent-encoded, so the URL is safe to store and to print.
                try:
                    current = str(httpx.URL(urljoin(current, response.headers["location"])))
                except httpx.InvalidURL as exc:
                    raise FetchError(f"bad redirect: {exc}", response.status_code) from exc
                continue
            moved = current if permanent and current != url else None
            if response.status_code == 304:
                return Fetched(url=current, status=304, permanent_url=moved,
                               etag=response.headers.get("etag") or etag,
                               last_modified=response.headers.get("last-modified") or last_modified)
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                                 response.status_code)
            if response.status_code >= 300:
                raise FetchError(f"HTTP {response.status_code} without a Location")
            declared = response.headers.get("content-length", "")
            encoding = response.headers.get("content-encoding", "").strip().lower()
            if declared.isdigit() and int(declared) > max_bytes and encoding in ("", "identity"):
                raise FetchError(f"response too large ({int(declared) // (1024 * 1024)} MB; "
                                 f"the limit is {max_bytes // (1024 * 1024)} MB)")
            decoder = _Decoder(encoding, max_bytes)
            async for chunk in response.aiter_raw():
                decoder.feed(chunk)
            return Fetched(url=current, status=response.status_code, content=decoder.result(),
                           content_type=response.headers.get("content-type"),
                           etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"),
                           permanent_url=moved, headers=dict(response.headers))
    raise FetchError(f"too many redirects (over {MAX_REDIRECTS})")


def fetch_sync(url: str, *, timeout: float = 20.0, max_bytes: int = 20 * 1024 * 1024) -> Fetched:
    """One fetch from synchronous code (``reader feed add``, ``reader import https://...``)."""

    async def run() -> Fetched:
        async with make_client(concurrency=2, timeout=timeout) as client:
            return await asyncio.wait_for(fetch(client, url, max_bytes=max_bytes), timeout * 3)

    try:
        return asyncio.run(run())
    except FetchError:
        raise
    except Exception as exc:  # noqa: BLE001 - every network failure becomes one line
        raise FetchError(describe_error(exc)) from exc
