"""The one SDP reader (RFC 8866): the lines of a body, and the few values the probe, the
reflector and the lab's ALG emulator read from it. Lenient on purpose: it reads what an ALG left,
so it never refuses a body; a line it cannot read is kept as type ``?``."""

from __future__ import annotations


def sdp_lines(body: bytes) -> list[tuple[str, str]]:
    """``[(type, value)]`` of an SDP body (RFC 8866); lines that are not ``x=...`` are kept as
    type ``?`` so a comparison still sees them."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line:
            continue
        if len(line) >= 2 and line[1] == "=":
            out.append((line[0], line[2:]))
        else:
            out.append(("?", line))
    return out


def sdp_media_port(body: bytes) -> int | None:
    """The port of the first ``m=`` line, or None."""
    for kind, value in sdp_lines(body):
        if kind == "m":
            parts = value.split()
            if len(parts) >= 2 and (parts[1].split("/")[0].isascii() and parts[1].split("/")[0].isdigit()):
                port = int(parts[1].split("/")[0])
                return port if 0 < port < 65536 else None
    return None


def sdp_connection(body: bytes) -> str | None:
    """The address of the first ``c=IN IP4|IP6 <address>[/ttl]`` line (the session-level one
    when there is one, as it comes first), or None."""
    for kind, value in sdp_lines(body):
        parts = value.split()
        if kind == "c" and len(parts) >= 3 and parts[0] == "IN" and parts[1] in ("IP4", "IP6"):
            return parts[2].split("/")[0]
    return None


def sdp_media_ports(body: bytes) -> list[int]:
    """The port of every ``m=<media> <port>[/count] ...`` line that has a valid one."""
    ports = []
    for kind, value in sdp_lines(body):
        parts = value.split()
        if kind == "m" and len(parts) >= 2:
            port = parts[1].split("/")[0]
            if port.isascii() and port.isdigit() and len(port) <= 5 and 0 < int(port) < 65536:
                ports.append(int(port))
    return ports
