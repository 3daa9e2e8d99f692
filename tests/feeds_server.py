"""A real HTTP server on 127.0.0.1 for feed tests: the shared feed files plus misbehaving endpoints.

Routes:
  /feeds/<path>            a file under ../shared/eval/feeds, with ETag and Last-Modified (304 on match)
  /gzip/<path>, /deflate/<path>, /br/<path>   the same file, Content-Encoding applied
  /moved/<path>            301 to /feeds/<path>;  /found/<path>: 302 to /feeds/<path>
  /plain/<path>            the file served with a wrong Content-Type (text/plain)
  /status/<code>           an empty response with that status
  /delay/<name>            a one-item feed after 0.2 s (``max_active`` counts requests in flight)
  /slow                    headers sent, then the body never finishes in time
  /bomb                    a gzip bomb: ~64 KB that inflates to 64 MB
  /huge                    a 50 MB body
  /endless                 a chunked body that never ends, as fast as the client reads it
  /trickle                 a chunked body that never ends, a few bytes every 0.2 s (no read ever times out)
  anything added with ``server.add(path, body, ...)``
Every request is recorded in ``server.requests`` as (path, headers) for assertions.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "feeds"
_TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".xml": "application/xml",
          ".rdf": "application/rdf+xml", ".json": "application/feed+json", ".html": "text/html; charset=utf-8"}
LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?", 1)[0]
        try:
            self._route(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _route(self, path: str) -> None:
        srv = self.server
        if path in srv.routes:
            status, body, headers = srv.routes[path]
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self._send(304, headers={"ETag": etag})
                return
            self._send(status, body, headers)
            return
        kind, _, rest = path.lstrip("/").partition("/")
        if kind == "status":
            self._send(int(rest or 500), b"error page")
        elif kind == "moved":
            self._send(301, headers={"Location": f"/feeds/{rest}"})
        elif kind == "found":
            self._send(302, headers={"Location": f"/feeds/{rest}"})
        elif kind == "loop":
            self._send(301, headers={"Location": path})
        elif kind == "delay":  # /delay/<name>: a small feed after 0.2 s; counts requests in flight
            with srv.lock:
                srv.active += 1
                srv.max_active = max(srv.max_active, srv.active)
            time.sleep(0.2)
            with srv.lock:
                srv.active -= 1
            body = (f"<rss version='2.0'><channel><title>{rest}</title><item><title>only item of {rest}</title>"
                    f"<guid>{rest}-1</guid><description>text of {rest}</description></item></channel></rss>")
            self._send(200, body.encode(), {"Content-Type": "application/rss+xml"})
        elif kind == "slow":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<rss version='2.0'><channel>")
            self.wfile.flush()
            time.sleep(srv.slow_seconds)
        elif kind == "bomb":
            self._send(200, srv.bomb(), {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})
        elif kind == "huge":
            size = 50 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Transfer-Encoding", "chunked")  # no Content-Length: the cap must count
            self.end_headers()
            chunk = b"<!-- " + b"x" * 65_000 + b" -->"
            sent = 0
            while sent < size:
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        elif kind in ("endless", "trickle"):
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"1c\r\n<rss version='2.0'><channel>\r\n")
            chunk = b"<!-- " + b"x" * (65_000 if kind == "endless" else 10) + b" -->"
            while not srv.closing.is_set():
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
                if kind == "trickle":
                    srv.closing.wait(0.2)
        elif kind in ("feeds", "gzip", "deflate", "br", "plain"):
            self._file(kind, rest)
        else:
            self._send(404, b"not found")

    def _file(self, kind: str, rest: str) -> None:
        file = (FEEDS / rest).resolve()
        if not file.is_file() or FEEDS.resolve() not in file.parents:
            self._send(404, b"not found")
            return
        body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self._send(304, headers={"ETag": etag})
            return
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED,
                   "Content-Type": "text/plain" if kind == "plain" else _TYPES.get(file.suffix, "application/xml")}
        if kind == "gzip":
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        elif kind == "deflate":
            body = zlib.compress(body)
            headers["Content-Encoding"] = "deflate"
        elif kind == "br":
            import brotli

            body = brotli.compress(body)
            headers["Content-Encoding"] = "br"
        self._send(200, body, headers)


@functools.lru_cache(maxsize=1)
def _bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(64)) + compressor.flush()


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.slow_seconds = 5.0
        self.lock = threading.Lock()
        self.active = 0
        self.max_active = 0
        self.closing = threading.Event()  # set by stop(): endless responses end
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request, client_address) -> None:
        pass  # clients that hang up (timeouts, size caps) are expected here

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + "/" + path.lstrip("/")

    def add(self, path: str, body: bytes | str, *, status: int = 200, content_type: str = "application/rss+xml",
            headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes["/" + path.lstrip("/")] = (status, data, {"Content-Type": content_type, **(headers or {})})
        return self.url(path)

    def bomb(self) -> bytes:
        return _bomb()

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.closing.set()
        self.shutdown()
        self.server_close()
