"""Bytes to text, with the reasons a person needs when it goes wrong."""

from __future__ import annotations

import codecs
import hashlib
import re
import zlib

_TEXT_BYTES = bytes(range(32, 127)) + b"\t\n\r\f\b"


class InputProblem(Exception):
    """An input that cannot become a document; `status` is skipped or failed, the message is the reason."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """`text` with every lone surrogate (from a JSON escape like \\ud800, or a non-UTF-8 file name) as U+FFFD.

    Such a string cannot be encoded as UTF-8, so one of them would stop the Parquet write of a whole batch.
    """
    return _SURROGATE.sub("\ufffd", text)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB mean a binary file (UTF-16 aside)."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\b\x1b")
    return control / len(head) > 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode text; returns (text, note) where note says when the bytes were not valid UTF-8."""
    text, note = _decode(data)
    if not text.strip():  # a lone BOM, or whitespace that only shows once decoded (UTF-16)
        raise InputProblem("skipped", "empty input (no text)")
    return text, note


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _bad_byte_as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: one undecodable byte of a UTF-8 text read as Windows-1252 (the usual stray), else U+FFFD."""
    assert isinstance(exc, UnicodeDecodeError)
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return "\ufffd", exc.start + 1


codecs.register_error("sitrep-cp1252", _bad_byte_as_cp1252)


def _decode(data: bytes) -> tuple[str, str | None]:
    if not data.strip():
        raise InputProblem("skipped", "empty input (no text)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            note = None if codec == "utf-8-sig" else f"decoded as {codec.upper()} (byte-order mark)"
            return data.decode(codec, errors="replace"), note
    if looks_binary(data):
        raise InputProblem("skipped", "binary content, not text or HTML")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # A text whose multi-byte characters are mostly valid UTF-8 is UTF-8 with a few damaged bytes: repair those
    # bytes one by one rather than let a detector re-read every curly quote in a legacy code page.
    kept = data.decode("utf-8", errors="ignore")
    valid_multibyte = sum(1 for ch in kept if ord(ch) > 127)
    invalid = len(data) - len(kept.encode("utf-8"))
    if valid_multibyte and valid_multibyte >= invalid:
        return data.decode("utf-8", errors="sitrep-cp1252"), (
            f"not valid UTF-8 at byte {first_bad}: {invalid} stray byte(s) read as Windows-1252"
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        try:
            note = f"not valid UTF-8 (byte {first_bad}); decoded as {best.encoding}"
            return data.decode(best.encoding), note
        except (UnicodeDecodeError, LookupError):
            pass
    return (
        data.decode("utf-8", errors="replace"),
        f"not valid UTF-8 (byte {first_bad}); undecodable bytes replaced with U+FFFD",
    )


class CappedGunzip:
    """A gzip stream (one or many members) read piece by piece with a ceiling on its total output.

    For containers (WARC) read record by record: the records before a truncation or before the ceiling are
    kept, where decompressing the whole file up front would lose them all. A stream cut inside a member ends
    quietly with `truncated` set (the caller notes it); past the ceiling `read` raises InputProblem; corrupt
    data raises OSError. zlib is driven directly because `gzip.GzipFile` drops the last piece it decoded when
    it meets the cut.
    """

    CHUNK = 65536

    def __init__(self, data: bytes, max_bytes: int) -> None:
        self._data = data
        self._pos = 0
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._feed = b""
        self._max = self._left = max_bytes
        self.truncated = False

    def read(self, size: int | None = -1) -> bytes:
        want = self._left + 1 if size is None or size < 0 else min(size, self._left + 1)
        out = bytearray()
        while len(out) < want:
            if self._z.eof:
                if not self._z.unused_data and self._pos >= len(self._data):
                    break
                self._feed, self._z = self._z.unused_data, zlib.decompressobj(16 + zlib.MAX_WBITS)
            if not self._feed:
                if self._pos >= len(self._data):
                    self.truncated = True
                    break
                self._feed = self._data[self._pos : self._pos + self.CHUNK]
                self._pos += self.CHUNK
            try:
                out += self._z.decompress(self._feed, want - len(out))
            except zlib.error as exc:
                raise OSError(f"broken gzip data: {exc}") from exc
            self._feed = self._z.unconsumed_tail
        self._left -= len(out)
        if self._left < 0:
            raise InputProblem("skipped", f"decompresses to more than {self._max:,} bytes (limit --max-bytes)")
        return bytes(out)


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress a whole gzip file with a ceiling so a compression bomb costs at most `max_bytes` of memory."""
    stream = CappedGunzip(data, max_bytes)
    try:
        out = stream.read()
    except OSError as exc:
        raise InputProblem("failed", f"broken gzip data: {exc}") from exc
    if stream.truncated:
        raise InputProblem("failed", "broken gzip data: the stream ends before its end marker")
    return out


def decompress_capped(data: bytes, encoding: str, max_bytes: int) -> bytes:
    """Undo an HTTP Content-Encoding (gzip, deflate, layered) with a ceiling on every layer's output.

    httpx decodes a chunk in one call with no ceiling, and a layered `gzip, gzip` body multiplies the
    ratio, so a few kilobytes on the wire could become gigabytes before any size check.
    """
    for name in reversed([e.strip().lower() for e in encoding.split(",") if e.strip()]):
        if name == "identity":
            continue
        if name not in ("gzip", "x-gzip", "deflate"):
            raise InputProblem("skipped", f"unsupported Content-Encoding {name!r}")
        wbits = 47 if name != "deflate" else (15 if data[:1] == b"x" else -15)
        try:
            out = zlib.decompressobj(wbits).decompress(data, max_bytes + 1)
        except zlib.error as exc:
            raise InputProblem("failed", f"broken {name} data: {exc}") from exc
        if len(out) > max_bytes:
            raise InputProblem("skipped", f"decompresses to more than {max_bytes:,} bytes (--max-bytes)")
        data = out
    return data


def sniff_format(text: str) -> str:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head:
        return "html"
    return "text"
