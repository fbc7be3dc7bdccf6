"""URL fetching refuses to be a proxy into the local network, and a hostile server cannot hold or flood it.

Every refusal is checked with --allow-private off; the local server is only reachable with it on, which is
also how the limits (redirects, bytes, time, compression) are exercised without the internet.
"""

from __future__ import annotations

import gzip
import socket
import time
import zlib

import httpx
import pytest

from sitrep.ingest import InputRow, RawDoc, web
from sitrep.ingest.decode import InputProblem
from sitrep.ingest.readers import read_url
from sitrep.ingest.web import Limits, check_host, fetch

OPEN = Limits(max_bytes=100_000, timeout=2.0, max_redirects=3, allow_private=True)
GUARDED = Limits(max_bytes=100_000, timeout=2.0, max_redirects=3, allow_private=False)
PAGE = b"<html><body><p>Officials met on Monday and agreed to talk again.</p></body></html>"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0177.0.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b:1::a9fe:a9fe]/",
        "http://[2002:7f00:1::1]/",
        "http://[2002:a00:1::]/",
        "http://[::127.0.0.1]/",
        "http://[::a9fe:a9fe]/",
        "http://[fec0::1]/",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    ],
)
def test_non_public_addresses_are_refused_by_default(url: str) -> None:
    with pytest.raises(InputProblem) as err:
        check_host(url, allow_private=False)
    assert err.value.status == "skipped"
    assert "--allow-private" in err.value.reason


@pytest.mark.parametrize(
    "url", ["http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/", "http://[2606:4700::1111]/"]
)
def test_ipv6_forms_of_public_addresses_pass_the_guard(url: str) -> None:
    check_host(url, allow_private=False)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://127.0.0.1/", "http:///x"])
def test_other_schemes_and_hostless_urls_are_refused_even_with_allow_private(url: str) -> None:
    with pytest.raises(InputProblem):
        check_host(url, allow_private=True)


def test_local_server_refused_without_flag_and_read_with_it(local_server) -> None:
    base, routes = local_server
    routes["/a"] = (200, {"Content-Type": "text/html"}, PAGE, 0)
    refused = list(read_url(base + "/a", GUARDED))
    assert len(refused) == 1 and isinstance(refused[0], InputRow)
    assert refused[0].status == "skipped" and "refused" in refused[0].reason
    docs = list(read_url(base + "/a", OPEN))
    assert len(docs) == 1 and isinstance(docs[0], RawDoc) and docs[0].format == "html"


def _fake_public_dns(monkeypatch, public_host: str) -> None:
    """Make `public_host` resolve to a public address for the guard, and send its traffic to a fake server.

    The guard's resolver and the fetch's transport are both replaced, so the test needs no network and the
    redirect target is still checked by the real `check_host` with the real resolver.
    """
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *a, **k):
        if host == public_host:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, port, *a, **k)

    monkeypatch.setattr(web.socket, "getaddrinfo", getaddrinfo)


def _client_with(monkeypatch, handler) -> list[str]:
    seen: list[str] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return handler(request)

    monkeypatch.setattr(web, "checked_transport", lambda allow_private, deadline=None: httpx.MockTransport(record))
    return seen


@pytest.mark.parametrize("target", ["http://127.0.0.1:9/", "http://169.254.169.254/latest/", "http://[::1]/x"])
def test_redirect_from_public_host_to_private_address_is_refused(monkeypatch, target: str) -> None:
    _fake_public_dns(monkeypatch, "news.example")
    seen = _client_with(monkeypatch, lambda r: httpx.Response(302, headers={"Location": target}))
    with pytest.raises(InputProblem) as err:
        fetch("http://news.example/story", GUARDED)
    assert "refused" in err.value.reason
    assert seen == ["http://news.example/story"]  # the private target was never contacted


def _rebinding_dns(monkeypatch, host: str, first: str, then: str) -> list[str]:
    """`host` resolves to `first` once, then to `then` (a rebinding DNS server); returns the addresses dialled.

    Dialling `first` is refused at once (there is no internet here); anything else really connects.
    """
    real_lookup, real_dial = socket.getaddrinfo, socket.create_connection
    answers = iter([first])
    dialled: list[str] = []

    def getaddrinfo(name, port, *a, **k):
        if name == host:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers, then), port))]
        return real_lookup(name, port, *a, **k)

    def create_connection(address, *a, **k):
        dialled.append(address[0])
        if address[0] == first:
            raise ConnectionRefusedError(111, "stand-in for the public host")
        return real_dial(address, *a, **k)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return dialled


def test_dns_rebinding_cannot_reach_the_local_server(monkeypatch, local_server) -> None:
    """The name passes the check as a public address, then answers 127.0.0.1: the socket must not follow."""
    base, routes = local_server
    hits: list[str] = []
    routes["/secret"] = (200, {"Content-Type": "text/html"}, lambda wfile: hits.append("x") or wfile.write(PAGE), 0)
    port = base.rsplit(":", 1)[1]
    dialled = _rebinding_dns(monkeypatch, "rebind.example", first="93.184.216.34", then="127.0.0.1")
    with pytest.raises(InputProblem):
        fetch(f"http://rebind.example:{port}/secret", GUARDED)
    assert hits == []
    assert "127.0.0.1" not in dialled and "rebind.example" not in dialled  # no unchecked lookup inside the dial


def test_connect_time_check_holds_without_the_early_check(local_server) -> None:
    """Whatever reaches the transport (a redirect hop, a caller skipping `check_host`) is checked again."""
    base, routes = local_server
    routes["/a"] = (200, {}, PAGE, 0)
    with httpx.Client(transport=web.checked_transport(allow_private=False)) as client:
        for url in (base + "/a", base.replace("127.0.0.1", "localhost") + "/a"):
            with pytest.raises(InputProblem, match="refused"):
                client.get(url)
    with httpx.Client(transport=web.checked_transport(allow_private=True)) as client:
        assert client.get(base + "/a").content == PAGE


def test_checked_backend_keeps_tls_on_the_hostname(tmp_path) -> None:
    """The socket goes to the resolved IP, but SNI and the certificate check still use the name in the URL."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    import httpcore

    if not shutil.which("openssl"):
        pytest.skip("openssl not installed (needed to make a throwaway certificate)")
    cert, key = tmp_path / "c.pem", tmp_path / "k.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    names: list[str | None] = []
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    server_ctx.sni_callback = lambda sock, name, ctx: names.append(name)
    server.socket = server_ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl.create_default_context(cafile=str(cert)), network_backend=web.CheckedBackend(allow_private=True)
    )
    try:
        with httpx.Client(transport=transport) as client:
            assert client.get(f"https://localhost:{server.server_port}/").content == PAGE
            assert names == ["localhost"]
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                client.get(f"https://127.0.0.1:{server.server_port}/")  # the certificate names localhost only
    finally:
        server.shutdown()
        server.server_close()


def test_redirects_are_capped(local_server) -> None:
    base, routes = local_server
    for i in range(10):
        routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"", 0)
    with pytest.raises(InputProblem) as err:
        fetch(base + "/r0", OPEN)
    assert "more than 3 redirects" in err.value.reason
    routes["/r3"] = (200, {"Content-Type": "text/html"}, PAGE, 0)
    assert fetch(base + "/r0", OPEN).data == PAGE  # exactly max_redirects hops is fine


def test_body_over_max_bytes_is_refused_declared_or_not(local_server) -> None:
    base, routes = local_server
    big = b"x" * 200_000
    routes["/declared"] = (200, {}, big, 0)

    def undeclared(wfile) -> None:
        for _ in range(50):
            wfile.write(b"y" * 10_000)

    routes["/chunked"] = (200, {"Connection": "close"}, undeclared, 0)
    for path in ("/declared", "/chunked"):
        with pytest.raises(InputProblem) as err:
            fetch(base + path, OPEN)
        assert err.value.status == "skipped" and "--max-bytes" in err.value.reason


@pytest.mark.parametrize("layers", [1, 2, 3])
def test_content_encoding_bomb_is_capped(local_server, layers: int) -> None:
    """Layered gzip multiplies the ratio; each layer must stop at --max-bytes, not after inflating."""
    base, routes = local_server
    body = b"\0" * 50_000_000
    for _ in range(layers):
        body = gzip.compress(body, compresslevel=9)
    routes["/bomb"] = (200, {"Content-Encoding": ", ".join(["gzip"] * layers)}, body, 0)
    t0 = time.perf_counter()
    with pytest.raises(InputProblem) as err:
        fetch(base + "/bomb", OPEN)
    assert "--max-bytes" in err.value.reason
    assert time.perf_counter() - t0 < 5


def test_gzip_and_deflate_encodings_are_decoded(local_server) -> None:
    base, routes = local_server
    routes["/gz"] = (200, {"Content-Encoding": "gzip", "Content-Type": "text/html"}, gzip.compress(PAGE), 0)
    routes["/df"] = (200, {"Content-Encoding": "deflate", "Content-Type": "text/html"}, zlib.compress(PAGE), 0)
    routes["/br"] = (200, {"Content-Encoding": "br", "Content-Type": "text/html"}, b"\x0b\x02\x80", 0)
    assert fetch(base + "/gz", OPEN).data == PAGE
    assert fetch(base + "/df", OPEN).data == PAGE
    with pytest.raises(InputProblem, match="unsupported Content-Encoding"):
        fetch(base + "/br", OPEN)


def test_slow_server_times_out(local_server) -> None:
    base, routes = local_server
    routes["/slow"] = (200, {}, PAGE, 3.0)
    t0 = time.perf_counter()
    rows = list(read_url(base + "/slow", Limits(timeout=0.5, allow_private=True)))
    assert time.perf_counter() - t0 < 5  # generous: CI machines are busy
    assert rows[0].status == "failed" and "timed out" in rows[0].reason


def test_trickling_server_cannot_hold_the_fetch(local_server) -> None:
    """Each byte arrives inside the read timeout, so only a whole-fetch deadline stops it."""
    base, routes = local_server

    def trickle(wfile) -> None:
        for _ in range(40):
            wfile.write(b"a")
            wfile.flush()
            time.sleep(0.1)

    routes["/trickle"] = (200, {"Content-Length": "40"}, trickle, 0)
    t0 = time.perf_counter()
    with pytest.raises(InputProblem, match="timed out"):
        fetch(base + "/trickle", Limits(timeout=1.0, allow_private=True))
    assert time.perf_counter() - t0 < 3.5  # the server alone would take 4 s


def test_http_errors_are_failed_rows_with_the_status(local_server) -> None:
    base, routes = local_server
    routes["/gone"] = (410, {}, b"gone", 0)
    rows = list(read_url(base + "/gone", OPEN))
    assert rows[0].status == "failed" and "HTTP 410" in rows[0].reason
    rows = list(read_url("http://127.0.0.1:1/", OPEN))  # nothing listens on port 1
    assert rows[0].status == "failed" and "network error" in rows[0].reason


def _feed(base: str, links: list[str], with_content: bool = True) -> bytes:
    items = "".join(
        f"<item><title>T{i}</title><link>{base}{link}</link>"
        + (f"<description>Talks went on, day {i}.</description>" if with_content and i % 2 else "")
        + "</item>"
        for i, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'.encode()


def test_feed_of_slow_links_is_held_to_one_time_budget(local_server) -> None:
    """Ten links that each take 3 s would hold the feed 20 s at a 2 s timeout; the feed gets 1.5 s in all."""
    base, routes = local_server
    for i in range(10):
        routes[f"/slow{i}"] = (200, {"Content-Type": "text/html"}, PAGE, 3.0)
    routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, _feed(base, [f"/slow{i}" for i in range(10)]), 0)
    limits = Limits(timeout=2.0, feed_seconds=1.5, allow_private=True)
    t0 = time.perf_counter()
    items = list(read_url(base + "/feed", limits))
    assert time.perf_counter() - t0 < 5  # generous: CI machines are busy
    per_item = [i for i in items if i.kind == "feed-item"]
    assert len(per_item) == 10  # every item has its row or document
    assert all(isinstance(i, RawDoc) for i in per_item[1::2])  # items with content fall back to it
    assert all(i.status in ("failed", "skipped") for i in per_item[0::2])
    budget = [i for i in per_item if isinstance(i, InputRow) and i.status == "skipped"]
    assert budget and all("budget" in i.reason for i in budget)
    feed_row = items[-1]
    assert feed_row.kind == "url" and feed_row.status == "ok" and "not fetched (time budget 1.5 s" in feed_row.reason


def test_feed_linking_to_a_feed_is_not_expanded_again(local_server) -> None:
    """A feed whose item links back to itself would restart its budget on every level; it is read once."""
    base, routes = local_server
    hits: list[str] = []

    def feed_body(wfile) -> None:
        hits.append("feed")
        wfile.write(_feed(base, ["/loop"], with_content=False))

    routes["/loop"] = (200, {"Content-Type": "application/rss+xml", "Connection": "close"}, feed_body, 0)
    items = list(read_url(base + "/loop", OPEN))
    assert hits == ["feed", "feed"]  # the feed, then its one item's link, and no deeper
    assert [(i.kind, i.status) for i in items] == [("feed-item", "skipped"), ("url", "ok")]
    assert "not expanded" in items[0].reason


def test_headers_sent_slowly_cannot_hold_the_fetch() -> None:
    """The status line and headers trickle in one byte at a time: each read is quick, the whole is not."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                if stop.is_set():
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.05)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(InputProblem, match="timed out"):
            fetch(f"http://127.0.0.1:{server.getsockname()[1]}/", Limits(timeout=1.0, allow_private=True))
    finally:
        stop.set()
        server.close()
    assert time.perf_counter() - t0 < 2.5  # the headers alone would take 11 s
