"""The SIP requests the probe sends: ordinary, well-formed, and full of the client's own address.

Every place an ALG looks carries the exact ``ip:port`` of the socket that sends the message
(Via sent-by, Contact, From, Call-ID host, SDP ``o=``/``c=``/``m=``/``a=rtcp``), because the Linux
ALG — the one inside most routers — only rewrites text equal to the packet's real source. A copy of
the address also goes into a header no ALG has a reason to touch (``X-Sipalg-Probe``), which tells a
blind search-and-replace from a socket-matching rewrite.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sipalg_wizard import __version__
from sipalg_wizard.sip import ackstate, callback, protocol
from sipalg_wizard.sip.address import host_port, uri_host
from sipalg_wizard.sip.message import parse, serialize

PLANTED_HEADER = "X-Sipalg-Probe"
USER_AGENT = f"sipalg-wizard/{__version__}"
LARGE_SIZE = 2600  # bytes: over a 1500-byte MTU, so the INVITE travels as IP fragments
PAD_MARGIN = 48
WORST_SRC = "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"


@dataclass
class Dialog:
    """What the messages of one test share."""

    test: str
    transport: str  # udp | tcp | tls
    local_ip: str
    local_port: int
    target_host: str  # the reflector as the Request-URI names it
    target_port: int
    media_port: int | None = None
    call_id: str = field(default_factory=lambda: secrets.token_hex(10))
    from_tag: str = field(default_factory=lambda: secrets.token_hex(5))
    nonce: str = field(default_factory=lambda: secrets.token_hex(6))
    cseq: int = 1
    session: int = field(default_factory=lambda: secrets.randbelow(10**9) + 1)
    to_tag: str | None = None
    branches: list[str] = field(default_factory=list)

    @property
    def local(self) -> str:
        return host_port(self.local_ip, self.local_port)

    def new_branch(self) -> str:
        branch = f"z9hG4bK{self.nonce}{len(self.branches)}"
        self.branches.append(branch)
        return branch


def sdp_offer(dialog: Dialog) -> bytes:
    ip = dialog.local_ip
    family = "IP6" if ":" in ip else "IP4"
    port = dialog.media_port or 0
    lines = [
        "v=0",
        f"o=probe {dialog.session} {dialog.session} IN {family} {ip}",
        "s=sipalg-wizard probe",
        f"c=IN {family} {ip}",
        "t=0 0",
        f"m=audio {port} RTP/AVP 0 8 101",
        f"a=rtcp:{port + 1} IN {family} {ip}",
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:8 PCMA/8000",
        "a=rtpmap:101 telephone-event/8000",
        "a=sendrecv",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def build_request(dialog: Dialog, method: str, *, pad: int = 0, body: bool = True,
                  pad_header: str = protocol.PAD_HEADER, callback_ms: int = 0, ack: str = "",
                  request_uri: str | None = None) -> bytes:
    """One request of ``dialog`` with ``pad`` filler bytes in an ``X-Pad`` header (or, for a
    router that strips unknown headers, in a standard one such as ``Subject``); ``callback_ms``
    asks the reflector for a delayed callback (``X-Reflect-Callback``, the binding check); ``ack``
    is the ``X-Reflect-Ack`` value (track / ack / state, sip/ackstate.py); ``request_uri`` the
    dialog's remote target (the 200 OK's Contact), as a phone sends its ACK and in-dialog requests."""
    target = host_port(dialog.target_host, dialog.target_port)
    transport = dialog.transport.upper()
    if method == "REGISTER":
        uri = f"sip:{target}"
        to = f"<sip:probe@{uri_host(dialog.target_host)}>"
    else:
        uri = f"sip:reflector@{target}"
        to = f"<sip:reflector@{target}>"
    uri = request_uri or uri
    if dialog.to_tag:
        to += f";tag={dialog.to_tag}"
    cseq_method = method
    cseq = dialog.cseq
    headers = [
        ("Via", f"SIP/2.0/{transport} {dialog.local};branch={dialog.new_branch()};rport"),
        ("Max-Forwards", "70"),
        ("From", f"<sip:probe@{dialog.local}>;tag={dialog.from_tag}"),
        ("To", to),
        ("Call-ID", f"{dialog.call_id}@{uri_host(dialog.local_ip)}"),
        ("CSeq", f"{cseq} {cseq_method}"),
    ]
    if method in ("INVITE", "REGISTER", "OPTIONS"):
        headers.append(("Contact", f"<sip:probe@{dialog.local};transport={dialog.transport}>"))
    if method == "REGISTER":
        headers.append(("Expires", "60"))
    if method in ("INVITE", "OPTIONS"):
        headers.append(("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS"))
    headers.append(("User-Agent", USER_AGENT))
    headers.append((PLANTED_HEADER, f"{dialog.test}; origin={dialog.local}"))
    if callback_ms > 0:
        headers.append((callback.HEADER, str(callback_ms)))
    if ack:
        headers.append((ackstate.HEADER, ack))
    payload = b""
    if method == "INVITE" and body:
        headers.append(("Content-Type", "application/sdp"))
        payload = sdp_offer(dialog)
    if pad > 0:
        headers.append((pad_header, "x" * pad))
    headers.append(("Content-Length", str(len(payload))))
    return serialize(f"{method} {uri} SIP/2.0", headers, payload)


def padded_request(dialog: Dialog, method: str, *, minimum: int = 0, pinhole: bool = False,
                   pad_header: str = protocol.PAD_HEADER, callback_ms: int = 0, ack: str = "",
                   request_uri: str | None = None) -> bytes:
    """A request padded so that the reflector's full answer (and its pinhole packets, and the
    delayed callback it asks for) fits in it, however long the public address it sees; at least
    ``minimum`` bytes."""
    pad = 0
    branches = len(dialog.branches)
    data = b""
    for _ in range(6):
        del dialog.branches[branches:]  # the estimate must not use up branch numbers
        data = build_request(dialog, method, pad=pad, pad_header=pad_header,
                             callback_ms=callback_ms, ack=ack, request_uri=request_uri)
        meta = protocol.Meta(src=WORST_SRC, transport=dialog.transport, port=65535,
                             control={"udp": [65535], "tcp": [65535], "tls": [65535]},
                             pinhole={"port": 65535, "count": protocol.PINHOLE_COUNT,
                                      "token": "0" * 16} if pinhole else None,
                             callback={"ms": callback_ms, "token": "0" * 16} if callback_ms else None,
                             ack=ackstate.WORST_META if ack else None)
        response = protocol.build_response(parse(data), data, meta,
                                           contact=f"<sip:reflector@{WORST_SRC};transport=udp>")
        need = len(response) + PAD_MARGIN + (protocol.pinhole_budget() if pinhole else 0)
        if callback_ms:
            target = host_port(dialog.target_host, dialog.target_port)
            need += len(callback.build_callback("0" * 16, WORST_SRC, target)) \
                + protocol.UDP_IP_OVERHEAD
        need = max(need, minimum)
        if len(data) >= need:
            break
        pad += need - len(data)
    return data
