"""The SIP message codec both the probe and the reflector use: parse, frame, serialize, Via.

Why our own: we must see a message exactly as it travelled — header order, compact forms, the
duplicate headers an ALG may add, a Content-Length that disagrees with the body — which a full SIP
stack would normalise away. The parser never trusts a length it reads and caps what it accepts,
because it also reads bytes from strangers (the reflector) and from hostile networks (the client).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

MAX_MESSAGE = 65535  # a SIP message larger than one UDP datagram is refused everywhere
MAX_HEADERS = 200

# RFC 3261 section 7.3.3 compact forms (and a few from later RFCs).
COMPACT = {
    "v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l": "content-length",
    "c": "content-type", "k": "supported", "s": "subject", "e": "content-encoding", "o": "event",
    "r": "refer-to", "b": "referred-by", "u": "allow-events", "x": "session-expires",
}
CANONICAL = {
    "via": "Via", "from": "From", "to": "To", "call-id": "Call-ID", "cseq": "CSeq",
    "contact": "Contact", "content-length": "Content-Length", "content-type": "Content-Type",
    "max-forwards": "Max-Forwards", "record-route": "Record-Route", "route": "Route",
    "user-agent": "User-Agent", "server": "Server", "expires": "Expires", "allow": "Allow",
    "supported": "Supported", "subject": "Subject",
}

_TOKEN = re.compile(r"^[A-Za-z0-9\-.!%*_+`'~]+$")
_REQUEST_LINE = re.compile(r"^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP/2\.0$")
# Exactly three digits, then a space and the reason phrase (RFC 3261 7.2; "SIP/2.0 200" without a
# reason is accepted too): "SIP/2.0 4294967301" is not a 429.
_STATUS_LINE = re.compile(r"^SIP/2\.0 ([1-6][0-9][0-9])(?: .*)?$")
# "SIP/2.0/UDP" with the LWS RFC 3261 (25.1, SLASH = SWS "/" SWS) allows around the slashes.
_VIA_PROTOCOL = re.compile(r"(?i)\s*(SIP\s*/\s*2\.0\s*/\s*[^\s/,;]+)\s+(\S.*)$", re.S)


class SipParseError(ValueError):
    """The bytes are not a SIP message we can read; the text says what is wrong."""


def header_key(name: str) -> str:
    """The comparison key of a header name: lower case, compact forms expanded."""
    low = name.strip().lower()
    return COMPACT.get(low, low)


def canonical_name(name: str) -> str:
    """How we write a header name: ``Call-ID``, ``CSeq``, else each part capitalised."""
    key = header_key(name)
    return CANONICAL.get(key, "-".join(part.capitalize() for part in key.split("-")))


# Memoised for the reflector's hot path (bounded: names come from strangers).
cached_header_key = functools.lru_cache(maxsize=512)(header_key)
cached_canonical_name = functools.lru_cache(maxsize=512)(canonical_name)


@dataclass
class SipMessage:
    start_line: str
    headers: list[tuple[str, str]] = field(default_factory=list)  # (name as written, value)
    body: bytes = b""

    # -- the start line -----------------------------------------------------------------
    @property
    def is_request(self) -> bool:
        return not self.start_line.startswith("SIP/2.0 ")

    @property
    def method(self) -> str | None:
        return self.start_line.split(" ", 1)[0] if self.is_request else None

    @property
    def request_uri(self) -> str | None:
        return self.start_line.split(" ")[1] if self.is_request else None

    @property
    def status(self) -> int | None:
        return None if self.is_request else int(self.start_line[8:11])

    # -- headers -------------------------------------------------------------------------
    def get_all(self, name: str) -> list[str]:
        key = header_key(name)
        return [value for hname, value in self.headers if header_key(hname) == key]

    def get(self, name: str) -> str | None:
        values = self.get_all(name)
        return values[0] if values else None

    def keys(self) -> list[str]:
        return [header_key(name) for name, _ in self.headers]

    def content_length(self) -> int | None:
        value = self.get("content-length")
        if value is None or not (value.strip().isascii() and value.strip().isdigit()):
            return None
        return int(value.strip())

    def cseq(self) -> tuple[int, str] | None:
        value = self.get("cseq")
        if not value:
            return None
        parts = value.split()
        if len(parts) != 2 or not (parts[0].isascii() and parts[0].isdigit()):
            return None
        return int(parts[0]), parts[1]


def parse(data: bytes, *, max_size: int = MAX_MESSAGE) -> SipMessage:
    """Parse one SIP message. The body is everything after the blank line, whatever
    Content-Length says (callers compare the two when it matters)."""
    if len(data) > max_size:
        raise SipParseError(f"message of {len(data)} bytes exceeds {max_size}")
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
        if not sep:
            raise SipParseError("no blank line after the headers")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError(f"headers are not UTF-8 at byte {exc.start}") from None
    lines = text.replace("\r\n", "\n").split("\n")
    start = lines[0]
    if not (_REQUEST_LINE.match(start) or _STATUS_LINE.match(start)):
        raise SipParseError(f"not a SIP start line: {start[:80]!r}")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t"):  # folded continuation (RFC 3261 7.3.1)
            if not headers:
                raise SipParseError("continuation line before any header")
            name, value = headers[-1]
            headers[-1] = (name, value + " " + line.strip())
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not _TOKEN.match(name):
            raise SipParseError(f"malformed header line: {line[:80]!r}")
        headers.append((name, value.strip()))
        if len(headers) > MAX_HEADERS:
            raise SipParseError("too many headers")
    return SipMessage(start, headers, body)


def frame(buffer: bytes, *, max_size: int = MAX_MESSAGE, lenient: bool = False
          ) -> tuple[bytes, bytes] | None:
    """Split one message off a stream (TCP/TLS) by its Content-Length: ``(message, rest)``, or
    None when more bytes are needed. Keep-alive CRLFs before a message (RFC 5626) are dropped.

    The one framing rule, RFC 3261 18.3: on a stream, Content-Length MUST be present (a datagram's
    body simply ends with the datagram, so this is for streams only). Without it, or when it is
    not a number, there is no telling where the next message starts: SipParseError — unless
    ``lenient``, for the lab's ALG emulator, which like a router's firmware takes such a head as a
    message without body. Both raise SipParseError when the message would exceed ``max_size``."""
    buffer = buffer.lstrip(b"\r\n")
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        if len(buffer) > max_size:
            raise SipParseError("header section too large")
        return None
    length = _stream_content_length(buffer[:end])
    if length is None:
        if not lenient:
            raise SipParseError("stream message without Content-Length")
        length = 0
    total = end + 4 + length
    if total > max_size:
        raise SipParseError(f"message of {total} bytes exceeds {max_size}")
    if len(buffer) < total:
        return None
    return buffer[:total], buffer[total:]


def _stream_content_length(head: bytes) -> int | None:
    """The first Content-Length (or ``l``) of a head, on any of its lines, folded or not; None
    when there is none or it is not a number of at most six digits."""
    lines = head.split(b"\r\n")
    for i, line in enumerate(lines[1:], 1):
        name, colon, value = line.partition(b":")
        if not colon or header_key(name.decode("latin-1")) != "content-length":
            continue
        while i + 1 < len(lines) and lines[i + 1][:1] in (b" ", b"\t"):  # folded (RFC 3261 7.3.1)
            i += 1
            value += b" " + lines[i]
        value = value.strip()
        return int(value) if value.isdigit() and len(value) <= 6 else None
    return None


def serialize_head(start_line: str, headers: list[tuple[str, str]]) -> bytes:
    """The start line and header lines, each ended by CRLF, without the blank line: what the
    reflector digests and copies before it knows its Content-Length."""
    lines = [start_line, *(f"{name}: {value}" for name, value in headers)]
    # surrogateescape: the lab writes back undecodable bytes it read; other text is plain UTF-8.
    return ("\r\n".join(lines) + "\r\n").encode("utf-8", "surrogateescape")


def serialize(start_line: str, headers: list[tuple[str, str]] | list[list[str]], body: bytes = b""
              ) -> bytes:
    """Bytes of a message; Content-Length is whatever the caller put in ``headers``."""
    return serialize_head(start_line, headers) + b"\r\n" + body


# -- Via --------------------------------------------------------------------------------------
@dataclass
class Via:
    protocol: str  # e.g. "SIP/2.0/UDP"
    host: str
    port: int | None
    params: list[tuple[str, str | None]]

    def param(self, name: str) -> str | None:
        for key, value in self.params:
            if key.lower() == name:
                return value if value is not None else ""
        return None

    def has(self, name: str) -> bool:
        return any(key.lower() == name for key, _ in self.params)

    def __str__(self) -> str:
        sent_by = self.host if self.port is None else f"{self.host}:{self.port}"
        params = "".join(f";{k}" if v is None else f";{k}={v}" for k, v in self.params)
        return f"{self.protocol} {sent_by}{params}"


def parse_via(value: str) -> Via:
    """The first via-parm of a Via header value."""
    first = value.split(",", 1)[0].strip()
    protocol, _, rest = first.partition(" ")
    if not protocol.upper().startswith("SIP/2.0/") or not rest:
        # "SIP / 2.0 / UDP": allowed LWS around the slashes; the protocol is kept as written, so
        # the reflector's answer repeats it unchanged (the compiled path declines these).
        spaced = _VIA_PROTOCOL.match(first)
        if spaced is None:
            raise SipParseError(f"malformed Via: {value[:80]!r}")
        protocol, rest = spaced.groups()
    sent_by, *params = rest.strip().split(";")
    host, port = split_host_port(sent_by.strip())
    parsed = []
    for param in params:
        key, eq, val = param.strip().partition("=")
        parsed.append((key.strip(), val.strip() if eq else None))
    return Via(protocol.strip(), host, port, parsed)


def split_host_port(text: str) -> tuple[str, int | None]:
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
        host = f"[{host}]"
    else:
        host, _, port = text.partition(":")
        port = port or None
    if port is not None:
        if not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
            raise SipParseError(f"bad port in {text[:60]!r}")
        return host, int(port)
    return host, None
