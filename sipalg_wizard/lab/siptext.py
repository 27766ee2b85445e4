"""SIP message text as an ALG sees it: a start line, header lines in their order, a body.

The emulator needs its own tiny reader (not ``sip.message.parse``) for two reasons: it must leave a
message byte-for-byte alone when a profile changes nothing, and it must be as forgiving as a
router's firmware (it never refuses a message; what it cannot read it forwards untouched). The
header tables, the framing (``sip.message.frame(lenient=True)``) and the serializer are the
shared ones in ``sip/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sipalg_wizard.sip.message import MAX_MESSAGE, header_key, serialize


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
        return serialize(self.start, self.headers, self.body)


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
