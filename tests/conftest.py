"""Shared fixtures: where the seeds, gold sets and the demo corpus are, skipping clearly when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "src" / "sitrep" / "data" / "demo"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("shared seeds not present (../shared/seeds)")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("shared gold sets not present (../shared/data)")
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def demo_case(tmp_path_factory) -> Path:
    """The demo corpus built once per test session, with the same inputs and manifest as `sitrep demo`.

    Building it takes several seconds, so every test that wants a realistic case shares this one and must
    treat it as read-only.
    """
    from sitrep.build import build
    from sitrep.cli import DEMO_SKIP
    from sitrep.options import BuildOptions

    inputs = sorted(str(p) for p in DEMO.iterdir() if p.is_file() and p.name not in DEMO_SKIP)
    if not inputs:
        pytest.skip(f"demo corpus is empty ({DEMO})")
    out = tmp_path_factory.mktemp("demo") / "case"
    build(inputs, out, BuildOptions(manifest=DEMO / "manifest.csv"))
    if not (out / "tables" / "articles.parquet").exists():
        pytest.skip("building the demo corpus produced no articles table")
    return out


# status, headers, body (bytes, or a function writing to the socket file), seconds to wait before answering
Route = tuple[int, dict[str, str], object, float]


@pytest.fixture
def local_server():
    """An HTTP server on 127.0.0.1 in a thread, serving `routes[path] = (status, headers, body, delay)`.

    Yields (base_url, routes); tests fill `routes` before fetching. A path not in `routes` answers 404.
    """
    yield from _serve_locally()


@pytest.fixture(scope="module")
def module_server():
    """`local_server` for module-scoped fixtures (a build shared by several tests)."""
    yield from _serve_locally()


def _serve_locally():
    import http.server
    import threading
    import time

    routes: dict[str, Route] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            status, headers, body, delay = routes.get(self.path, (404, {}, b"not here", 0.0))
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers and not callable(body):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if callable(body):
                    body(self.wfile)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", routes
    finally:
        server.shutdown()
        server.server_close()
