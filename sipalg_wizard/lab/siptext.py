"""SIP message text as an ALG sees it: a start line, header lines in their order, a body.

The emulator needs its own tiny reader (not the probe's) for two reasons: it must leave a message
byte-for-byte alone when a profile changes nothing, and it must be as forgiving as a router's
firmware (it never refuses a message; what it cannot read it forwards untouched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_MESSAGE = 65535

# RFC 3261 7.3.3 compact forms of the headers an ALG cares about.
COMPACT = {"v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact",
           "l": "content-length", "c": "content-type", "k": "supported", "s": "subject"}


def header_key(name: str) -> str:
    low = name.strip().lower()
    return COMPACT.get(low, low)


@dataclass
class Message:
    """A parsed SIP message. ``headers`` are ``[name, value]`` pairs as written (value stripped)."""

    start: str
    headers: list[list[str]] = field(default_factory=list)
    body: bytes = b""

    @property
    def is_request(self) -> bool:
        return not self.start.startswith("SIP/2.0")

    @property
    def method(self) -> str | None:
        return self.start.split(" ", 1)[0] if self.is_request else None

    def indexes(self, name: str) -> list[int]:
        key = header_key(name)
        return [i for i, (hname, _) in enumerate(self.headers) if header_key(hname) == key]

    def get(self, name: str) -> str | None:
        found = self.indexes(name)
        return self.headers[found[0]][1] if found else None

    def set_content_length(self) -> None:
        """Make Content-Length equal the body (adds the header when missing)."""
        found = self.indexes("content-length")
        if found:
            self.headers[found[0]][1] = str(len(self.body))
        else:
            self.headers.append(["Content-Length", str(len(self.body))])

    def to_bytes(self) -> bytes:
        head = "\r\n".join([self.start, *(f"{name}: {value}" for name, value in self.headers)])
        return head.encode("utf-8", "surrogateescape") + b"\r\n\r\n" + self.body


def parse(data: bytes) -> Message | None:
    """The message in ``data``, or None when it is not SIP enough to touch (then forward as is)."""
    if len(data) > MAX_MESSAGE:
        return None
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = data.partition(b"\n\n")
        if not sep:
            return None
    text = head.decode("utf-8", "surrogateescape")
    lines = text.replace("\r\n", "\n").split("\n")
    start = lines[0]
    if not (start.startswith("SIP/2.0 ") or start.endswith(" SIP/2.0")):
        return None
    headers: list[list[str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:
            headers[-1][1] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            return None
        headers.append([name.strip(), value.strip()])
    return Message(start, headers, body)


_CONTENT_LENGTH = re.compile(rb"(?im)^(?:content-length|l)[ \t]*:[ \t]*(\d{1,6})[ \t]*\r?$")


def frame(buffer: bytes) -> tuple[bytes, bytes] | None:
    """Split one message off a TCP stream by its Content-Length: ``(message, rest)``, or None
    when more bytes are needed. A head without Content-Length counts as a message without body."""
    stripped = buffer.lstrip(b"\r\n")
    lead = len(buffer) - len(stripped)
    end = stripped.find(b"\r\n\r\n")
    if end < 0:
        return None
    match = _CONTENT_LENGTH.search(stripped[:end + 2])
    total = end + 4 + (int(match.group(1)) if match else 0)
    if len(stripped) < total:
        return None
    return buffer[:lead + total], buffer[lead + total:]
