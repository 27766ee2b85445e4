"""Reflector protocol, version 1: the shape of a reflector's answer, shared by server and client.

The server (``reflector/``) builds answers with it and the client (``probe/``) reads them; neither
imports the other.

A reflector answers a SIP request with an ordinary, well-formed SIP response (an ALG drops what it
cannot parse) whose body is::

    SIPALG-REFLECT/1
    Copy: <base64(deflate with ZDICT(meta-json "\\n" response-head request-bytes))>
    Digest: sha256:<hex of the whole response with these 64 hex digits set to "0">

* ``request-bytes`` is the request exactly as received, so the client sees outbound rewriting;
* ``response-head`` is the response's own head as sent, up to (not including) Content-Length, so the
  client sees inbound rewriting field by field; the digest proves the rest;
* ``meta-json`` holds the source address seen, the transport and port, the control ports
  (so the client needs only HOST[:PORT]) and the media pinhole packets announced.

The copy is compressed and base64-encoded: an ALG maps addresses back on the way in, so a plain echo
would come back looking untouched. Compression also keeps a UDP answer no larger than the request
(amplification <= 1): the client pads with an ``X-Pad`` header of one repeated character, which costs
the copy almost nothing. A request too small for a full answer gets a minimal ``200 OK`` carrying
``X-Reflect-Pad-To: N`` (the size the request must reach), or silence if even that would not fit.
A source over its rate limit gets ``503`` with ``Retry-After`` (on UDP at most once a second), so a
prober can tell the reflector's silence from the network's. After a UDP INVITE with SDP the
reflector sends ``PINHOLE_COUNT`` small datagrams (``SIPALG-PINHOLE/1 <token>``) from its SIP port
to the request's source address at the SDP media port as received, within the same byte budget.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import ssl
import zlib
from dataclasses import dataclass, field

from sipalg_wizard.sip.message import (
    SipMessage,
    SipParseError,
    cached_canonical_name,
    cached_header_key,
    parse,
    parse_via,
    serialize,
    serialize_head,
)

VERSION = 1
MAGIC = b"SIPALG-REFLECT/1"
CONTENT_TYPE = "application/x-sipalg-reflect"
PAD_HEADER = "X-Pad"
PAD_TO_HEADER = "X-Reflect-Pad-To"
SERVER = "sipalg-reflector/1"
DIGEST_PREFIX = b"Digest: sha256:"
ZERO_DIGEST = b"0" * 64
PINHOLE_MAGIC = b"SIPALG-PINHOLE/1 "
PINHOLE_COUNT = 2
PINHOLE_PAYLOAD = 40  # bytes of each pinhole datagram
UDP_IP_OVERHEAD = 28  # IPv4 + UDP headers, counted in the amplification budget
MAX_COPY = 70000  # decompressed copy cap on the client (zip-bomb guard)

# A preset zlib dictionary of text every probe and answer shares: it shrinks the copy of a small
# message about threefold, which keeps a padded INVITE and its answer under one 1500-byte packet.
# Part of protocol version 1: changing it means a new version.
ZDICT = (
    b'{"control":{"tcp":[5070],"tls":[5061],"udp":[5070]},"head":,"pinhole":{"count":2,"port":,'
    b'"token":"","port":5060,"src":"","transport":"udp","v":1}\n'
    b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP :5060;branch=z9hG4bK;received=;rport=\r\n"
    b"From: <sip:probe@>;tag=\r\nTo: <sip:reflector@>;tag=\r\nCall-ID: @\r\nCSeq: 1 INVITE\r\n"
    b"Contact: <sip:reflector@:5060;transport=udp>\r\nServer: sipalg-reflector/1\r\n"
    b"Content-Type: application/x-sipalg-reflect\r\n"
    b"REGISTER sip:OPTIONS sip:INVITE sip:reflector@:5060 SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP :;branch=z9hG4bK;rport\r\nMax-Forwards: 70\r\n"
    b"From: <sip:probe@>;tag=\r\nTo: <sip:reflector@>\r\nCall-ID: @\r\nCSeq: 1 INVITE\r\n"
    b"Contact: <sip:probe@;transport=udp>\r\nExpires: 60\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
    b"User-Agent: sipalg-wizard/0.1.0\r\nX-Sipalg-Probe: udp_invite; origin=\r\n"
    b"Content-Type: application/sdp\r\nX-Pad: " + b"x" * 64 + b"\r\nContent-Length: \r\n\r\n"
    b"v=0\r\no=probe  IN IP4 \r\ns=sipalg-wizard probe\r\nc=IN IP4 \r\nt=0 0\r\n"
    b"m=audio  RTP/AVP 0 8 101\r\na=rtcp: IN IP4 \r\na=rtpmap:0 PCMU/8000\r\n"
    b"a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"
)

# How the copy is compressed. Any standard inflater (the client's included) reads any of these, so
# they are the server's choice: deflate is the busiest step of an answer, and level 2 with a 4 KiB
# window and small hash tables costs a third of level 6 (zlib's default) for a copy ~10 bytes longer.
# The compiled answer path (reflector/fastpath.py) uses the same values, so both build identical bytes.
DEFLATE_LEVEL = 2
DEFLATE_WBITS = 12
DEFLATE_MEMLEVEL = 4
# Primed once with the dictionary; each answer compresses with a copy (cheaper than priming again).
_PRIMED = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, DEFLATE_WBITS, DEFLATE_MEMLEVEL, zdict=ZDICT)

# Headers a response copies from the request (RFC 3261 8.2.6.2).
COPIED = ("via", "from", "to", "call-id", "cseq")


class ReflectionError(ValueError):
    """A response is not a readable reflector answer (not ALG evidence by itself)."""


@dataclass
class Meta:
    src: str  # ip:port the reflector saw
    transport: str  # udp | tcp | tls
    port: int  # the reflector's port the request arrived on
    control: dict[str, list[int]] = field(default_factory=dict)
    pinhole: dict | None = None  # {"port": int, "count": int, "token": str}
    # Only in the answer to a request that asked for a delayed callback (sip/callback.py):
    # {"ms": int, "token": str} when armed, {"refused": str} when not; absent otherwise.
    callback: dict | None = None
    # Only in the answer to a request with X-Reflect-Ack (sip/ackstate.py): {"tracked": true},
    # {"state": ..., "changed": [...]} or {"refused": why}; absent otherwise.
    ack: dict | None = None

    def to_json(self, head_len: int) -> bytes:
        doc = {"v": VERSION, "src": self.src, "transport": self.transport, "port": self.port,
               "control": self.control, "pinhole": self.pinhole, "head": head_len}
        if self.callback is not None:
            doc["callback"] = self.callback
        if self.ack is not None:
            doc["ack"] = self.ack
        return json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()


def to_tag(request: SipMessage) -> str:
    """A deterministic To-tag, so retransmissions get the same answer."""
    seed = f"{request.get('call-id')}|{request.get('from')}|{request.get('cseq')}".encode()
    return hashlib.sha256(seed).hexdigest()[:12]


def call_hash(call_id: str) -> str:
    """A short stable id of a Call-ID for the log (groups one probe's lines, hides the address)."""
    return hashlib.sha256(f"call|{call_id}".encode()).hexdigest()[:8]


def pinhole_token(request: SipMessage) -> str:
    return hashlib.sha256(f"pinhole|{request.get('call-id')}".encode()).hexdigest()[:16]


def pinhole_payload(token: str) -> bytes:
    return (PINHOLE_MAGIC + token.encode()).ljust(PINHOLE_PAYLOAD, b".")


def _response_headers(request: SipMessage, src_ip: str, src_port: int) -> list[tuple[str, str]]:
    """Via/From/To/Call-ID/CSeq copied in order; the top Via gains received/rport (RFC 3581)."""
    headers: list[tuple[str, str]] = []
    first_via = True
    for name, value in request.headers:
        key = cached_header_key(name)
        if key not in COPIED:
            continue
        if key == "via" and first_via:
            first_via = False
            via = parse_via(value)
            params = [(k, v) for k, v in via.params if k.lower() not in ("received", "rport")]
            params.append(("received", src_ip))
            if via.has("rport"):
                params.append(("rport", str(src_port)))
            via.params = params
            rest = value.split(",", 1)[1].strip() if "," in value else ""
            value = str(via) + (", " + rest if rest else "")
        if key == "to" and ";tag=" not in value.replace(" ", "").lower():
            value = f"{value};tag={to_tag(request)}"
        headers.append((cached_canonical_name(key), value))
    return headers


def build_response(request: SipMessage, raw: bytes, meta: Meta, *, contact: str | None = None,
                   status: str = "SIP/2.0 200 OK") -> bytes:
    """The full reflector answer to ``request`` (``raw`` are its bytes as received)."""
    src_ip, _, src_port = meta.src.rpartition(":")
    headers = _response_headers(request, src_ip.strip("[]"), int(src_port))
    if contact:
        headers.append(("Contact", contact))
    headers.append(("Server", SERVER))
    headers.append(("Content-Type", CONTENT_TYPE))
    head = serialize_head(status, headers)
    deflater = _PRIMED.copy()
    blob = deflater.compress(meta.to_json(len(head)) + b"\n" + head + raw) + deflater.flush()
    body = (MAGIC + b"\r\nCopy: " + base64.b64encode(blob) + b"\r\n"
            + DIGEST_PREFIX + ZERO_DIGEST + b"\r\n")
    response = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    digest = hashlib.sha256(response).hexdigest().encode()
    return response[: -66] + digest + b"\r\n"


def build_pad_request(request: SipMessage, src_ip: str, src_port: int, pad_to: int,
                      contact: str | None = None) -> bytes:
    """The minimal answer that tells the client how large its request must be (still a valid
    final answer for a SIP stack that does not know the protocol: a 2xx to INVITE has Contact)."""
    headers = _response_headers(request, src_ip, src_port)
    if contact:
        headers.append(("Contact", contact))
    headers.append((PAD_TO_HEADER, str(pad_to)))
    headers.append(("Content-Length", "0"))
    return serialize("SIP/2.0 200 OK", headers)


def build_busy(request: SipMessage, src_ip: str, src_port: int, retry_after: int = 2) -> bytes:
    """``503 Service Unavailable`` for a rate-limited source: tells a prober that the silence it
    may meet next is the reflector's, not the network's (so no "dropped" evidence)."""
    headers = _response_headers(request, src_ip, src_port)
    headers.append(("Retry-After", str(retry_after)))
    headers.append(("Content-Length", "0"))
    return serialize("SIP/2.0 503 Service Unavailable", headers)


def pinhole_budget(count: int = PINHOLE_COUNT) -> int:
    return count * (PINHOLE_PAYLOAD + UDP_IP_OVERHEAD)


# -- the client side ---------------------------------------------------------------------------
@dataclass
class Reflection:
    """What a reflector answer says: the request as it arrived, the response as it was sent."""

    meta: dict
    request_copy: bytes
    response_sent: bytes  # the whole response as the reflector sent it (reconstructed, verified)
    digest_ok: bool


def decode(response: bytes) -> Reflection:
    """Read a reflector answer. Raises ReflectionError when it is not one (or is damaged)."""
    try:
        message = parse(response)
    except SipParseError as exc:
        raise ReflectionError(f"response is not SIP: {exc}") from None
    body = message.body
    if not body.startswith(MAGIC):
        raise ReflectionError("response body is not a reflector copy")
    copy_line = digest_line = None
    for line in body.split(b"\r\n")[1:]:
        if line.startswith(b"Copy: "):
            copy_line = line[6:]
        elif line.startswith(DIGEST_PREFIX):
            digest_line = line[len(DIGEST_PREFIX):]
    if copy_line is None or digest_line is None or len(digest_line) != 64:
        raise ReflectionError("reflector copy or digest missing")
    try:
        blob = base64.b64decode(copy_line, validate=True)
        inflater = zlib.decompressobj(zdict=ZDICT)
        plain = inflater.decompress(blob, MAX_COPY)
        if inflater.unconsumed_tail or not inflater.eof:
            raise ReflectionError("reflector copy is too large or truncated")
    except (binascii.Error, zlib.error) as exc:
        raise ReflectionError(f"reflector copy cannot be decoded: {exc}") from None
    meta_line, nl, rest = plain.partition(b"\n")
    try:
        meta = json.loads(meta_line)
    except ValueError:
        raise ReflectionError("reflector metadata is not JSON") from None
    if not nl or not isinstance(meta, dict) or meta.get("v") != VERSION:
        raise ReflectionError("unsupported reflector protocol version")
    head_len = meta.get("head")
    if not isinstance(head_len, int) or not 0 < head_len <= len(rest):
        raise ReflectionError("reflector copy has no response head")
    head, request_copy = rest[:head_len], rest[head_len:]
    # The response as sent: its head from the copy, the body as received (verified by the digest).
    body_zeroed = body[: -66] + ZERO_DIGEST + b"\r\n" if body.endswith(b"\r\n") else body
    sent = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body_zeroed
    digest_ok = hashlib.sha256(sent).hexdigest().encode() == digest_line
    sent = sent[: -66] + digest_line + b"\r\n"
    return Reflection(meta, request_copy, sent, digest_ok)


def client_context() -> ssl.SSLContext:
    """TLS for the control port, without verification: the TLS control test only needs the bytes
    hidden from the router, so a reflector's self-signed certificate is as good as a bought one."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context
