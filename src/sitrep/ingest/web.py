"""Fetching URLs with limits: time, bytes, redirects, and no private addresses unless asked.

Each redirect hop is resolved and checked again, so a public URL that redirects to 127.0.0.1 or a cloud
metadata address is refused. The check resolves the host before connecting; a DNS answer that changes
between the check and the connection (rebinding) is not defended against here.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep import __version__
from sitrep.ingest.decode import InputProblem, decompress_capped

USER_AGENT = f"sitrep/{__version__} (news situation reports; +https://pypi.org/project/sitrep/)"


@dataclass(frozen=True)
class Limits:
    """Per-input limits; the CLI exposes each as a flag."""

    max_bytes: int = 20_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str
    data: bytes
    content_type: str


def check_host(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputProblem("skipped", f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    host = parts.hostname
    if not host:
        raise InputProblem("failed", "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise InputProblem("failed", f"cannot resolve host {host!r}: {exc.strerror}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        if not addr.is_global or addr.is_multicast:
            raise InputProblem(
                "skipped",
                f"refused: {host} resolves to non-public address {addr} "
                "(loopback, private, link-local or metadata); pass --allow-private to fetch it",
            )


def fetch(url: str, limits: Limits) -> Fetched:
    """GET a URL within the limits, following redirects by hand so every hop is checked.

    `limits.timeout` bounds each network wait and also the whole fetch (all hops, all chunks), so a server
    that trickles one byte at a time cannot hold the run. Bodies are read raw and decompressed here with a
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
    with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers, trust_env=False) as client:
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
                        raise InputProblem(
                            "skipped", f"response of {int(declared):,} bytes exceeds {cap}"
                        )
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
