"""Fetching URLs with limits: time, bytes, redirects, and no private addresses unless asked.

Each redirect hop is checked again, so a public URL that redirects to 127.0.0.1 or a cloud metadata address
is refused. The address check also runs inside the connection itself (`CheckedBackend`): the socket goes to
an address from the very lookup that was checked, so a DNS server that answers a public address to the
check and a private one a moment later (rebinding) gets nowhere.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from sitrep import __version__
from sitrep.ingest.decode import InputProblem, decompress_capped

USER_AGENT = f"sitrep/{__version__} (news situation reports; +https://pypi.org/project/sitrep/)"


@dataclass(frozen=True)
class Limits:
    """Per-input limits; the CLI exposes max_bytes, timeout and allow_private as flags.

    A feed is one input that expands to many fetches, hence its own item cap and time budget.
    """

    max_bytes: int = 20_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    feed_items: int = 500  # items read from one feed; the rest get a skipped row each
    feed_seconds: float = 300.0  # all of one feed's item fetches together; later links are not fetched
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses `host` resolves to, refused as a whole if any one of them is not public.

    One lookup, checked and returned, so the caller connects to exactly what was checked. All answers are
    checked, not just the first, because the connection may fall through to any of them.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        why = exc.strerror if isinstance(exc, socket.gaierror) else str(exc)
        raise InputProblem("failed", f"cannot resolve host {host!r}: {why}") from exc
    addrs = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_private:
        for addr in addrs:
            _refuse_non_public(host, addr)
    return addrs


# Prefixes that carry an IPv4 address in their low 32 bits: NAT64 (RFC 6052, RFC 8215) and the deprecated
# IPv4-compatible form (::a.b.c.d). A gateway that translates them reaches the embedded IPv4 host.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_V4_COMPATIBLE = ipaddress.ip_network("::/96")


def _reached(
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The address itself and every IPv4 address that an IPv6 spelling leads to (mapped, NAT64, 6to4,
    IPv4-compatible, Teredo client and server): each must be public for the fetch to go ahead."""
    if not isinstance(addr, ipaddress.IPv6Address):
        return [addr]
    reached: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [addr]
    low32 = ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    if addr.ipv4_mapped:
        reached.append(addr.ipv4_mapped)
    if addr.sixtofour:
        reached.append(addr.sixtofour)
    if addr.teredo:
        reached.extend(addr.teredo)
    if any(addr in net for net in _NAT64) or (addr in _V4_COMPATIBLE and int(addr) > 1):
        reached.append(low32)
    return reached


def _refuse_non_public(host: str, address: str) -> None:
    for addr in _reached(ipaddress.ip_address(address.split("%")[0])):
        site_local = isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local
        if not addr.is_global or addr.is_multicast or site_local:
            raise InputProblem(
                "skipped",
                f"refused: {host} resolves to non-public address {addr} "
                "(loopback, private, link-local or metadata); pass --allow-private to fetch it",
            )


def check_host(url: str, allow_private: bool) -> None:
    """Refuse a URL before any connection: scheme, host, and (unless allowed) a non-public address.

    This early check gives a clear reason without touching the network; the check that decides where the
    socket goes is the one `CheckedBackend` repeats at connect time.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputProblem("skipped", f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise InputProblem("failed", "URL has no host")
    if not allow_private:
        resolve(host, parts.port or (443 if parts.scheme == "https" else 80), allow_private)


class CheckedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, but it resolves the host itself and dials only the checked addresses.

    httpcore passes the hostname here and keeps it for the Host header and for TLS (SNI and the
    certificate check), so only the IP the socket connects to changes: it comes from `resolve`, never from
    a second lookup inside `socket.create_connection`.
    """

    def __init__(self, allow_private: bool, deadline: float | None = None) -> None:
        self.allow_private = allow_private
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for addr in resolve(host, port, self.allow_private):
            try:
                stream = super().connect_tcp(addr, port, _left(timeout, self.deadline), local_address, socket_options)
                return stream if self.deadline is None else DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc  # try the next address, as socket.create_connection would
        raise last or httpcore.ConnectError(f"no address for {host}")


def _left(timeout: float | None, deadline: float | None) -> float | None:
    """The wait allowed for one socket operation: its own timeout, cut to what is left before the deadline."""
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the whole fetch took longer than --timeout")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every wait ends by one deadline for the whole fetch.

    httpx's timeouts bound each read, so a server that sends its status line and headers one byte every few
    seconds would otherwise hold a fetch for ever: headers are read here too, before any body chunk.
    """

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner = inner
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(timeout, self.deadline))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(timeout, self.deadline))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self.inner.start_tls(ssl_context, server_hostname, _left(timeout, self.deadline))
        return DeadlineStream(tls, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


def checked_transport(allow_private: bool, deadline: float | None = None) -> httpx.HTTPTransport:
    """An httpx transport whose connections all go through `CheckedBackend`, redirect hops included.

    httpx has no argument for an httpcore network backend, so the transport's pool is replaced by one
    built the same way with ours (`_pool` is the one private name used; the rebinding test breaks if it
    changes).
    """
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=CheckedBackend(allow_private, deadline),
    )
    return transport


def fetch(url: str, limits: Limits) -> Fetched:
    """GET a URL within the limits, following redirects by hand so every hop is checked.

    `limits.timeout` bounds each network wait and also the whole fetch (all hops, headers and chunks: the
    sockets themselves wait no longer than the deadline), so a server that trickles one byte at a time,
    even in its headers, cannot hold the run. Bodies are read raw and decompressed here with a
    ceiling (see `decompress_capped`).
    """
    headers = {
        "User-Agent": limits.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/*;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    cap = f"--max-bytes {limits.max_bytes:,}"
    timeout = httpx.Timeout(limits.timeout)
    deadline = time.monotonic() + limits.timeout
    transport = checked_transport(limits.allow_private, deadline)
    with httpx.Client(
        timeout=timeout, follow_redirects=False, headers=headers, trust_env=False, transport=transport
    ) as client:
        current = url
        for _ in range(limits.max_redirects + 1):
            check_host(current, limits.allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise InputProblem("failed", f"redirect without Location from {current}")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise InputProblem("failed", f"HTTP {resp.status_code} from {current}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                        raise InputProblem("skipped", f"response of {int(declared):,} bytes exceeds {cap}")
                    buf = bytearray()
                    for chunk in resp.iter_raw():
                        buf += chunk
                        if len(buf) > limits.max_bytes:
                            raise InputProblem("skipped", f"response exceeds {cap}")
                        if time.monotonic() > deadline:
                            raise httpx.ReadTimeout("whole fetch took too long")
                    encoding = resp.headers.get("content-encoding", "")
                    data = decompress_capped(bytes(buf), encoding, limits.max_bytes)
                    return Fetched(str(resp.url), data, resp.headers.get("content-type", ""))
            except httpx.TimeoutException as exc:
                why = f"timed out after {limits.timeout:g} s fetching {current}"
                raise InputProblem("failed", why) from exc
            except httpx.HTTPError as exc:
                raise InputProblem("failed", f"network error fetching {current}: {exc}") from exc
        raise InputProblem("failed", f"more than {limits.max_redirects} redirects from {url}")
