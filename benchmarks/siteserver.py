"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text
types (HTML, CSS, JS, JSON, SVG, XML), files as they are otherwise (Pagefind's
index files are gzipped already). It counts the bytes it sends, so a measure
can say how much a page downloaded before some moment.

Used by benchmarks/finder_scale.py and the browser tests (tests/test_browser*.py).

    with SiteServer(site_dir) as server:
        build_site(project, site_dir, server.url)
        page.goto(server.url + "finder/")
        print(server.bytes_sent, server.paths)
"""
from __future__ import annotations

import gzip
import os
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _Handler(SimpleHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # quiet: tests and benchmarks print their own report

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and kind.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = self.server.compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
            self.server.record(self.path, len(body))
        return None

    def copyfile(self, source, outputfile):
        before = source.tell()
        super().copyfile(source, outputfile)
        self.server.record(self.path, source.tell() - before)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []
        self.cache: dict[tuple[Path, int], bytes] = {}

    def handle_error(self, request, client_address):
        # A browser that closes a page mid-download is not a server fault.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)

    def compressed(self, path: Path) -> bytes:
        """The gzipped file, compressed once and kept, as hosts and CDNs keep it."""
        key = (path, path.stat().st_mtime_ns)
        with self.lock:
            body = self.cache.get(key)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=6)
            with self.lock:
                self.cache[key] = body
        return body

    def record(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))


class SiteServer:
    """A threaded HTTP server for ``site_dir`` on a free port of 127.0.0.1."""

    def __init__(self, site_dir: Path):
        self.httpd = _Server(("127.0.0.1", 0), partial(_Handler, directory=str(site_dir)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def bytes_sent(self) -> int:
        """Response bodies sent so far, as transferred (compressed where compressed)."""
        with self.httpd.lock:
            return sum(size for _, size in self.httpd.sent)

    @property
    def paths(self) -> list[tuple[str, int]]:
        with self.httpd.lock:
            return list(self.httpd.sent)

    def reset(self) -> None:
        with self.httpd.lock:
            self.httpd.sent.clear()


def build_site(project: Path, target: Path, site_url: str) -> Path:
    """A strict MkDocs build of ``project`` into ``target``, search index included.

    ``site_url`` is the server's origin, as a host's would be: Material's
    script fetches <site_url>sitemap.xml and the like, which must stay on it.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    saved = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = site_url  # mkdocs.yml: site_url: !ENV [SITE_URL, ...]
    try:
        mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(target), strict=True))
    finally:
        os.environ.pop("SITE_URL") if saved is None else os.environ.update(SITE_URL=saved)
    return target
