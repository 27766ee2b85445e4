"""What an ALG does to SIP text: the emulator's named behaviours as pure functions.

Everything here works on bytes and addresses only (no sockets), so it is unit-tested on real SIP
message text. The Linux rules follow ``net/netfilter/nf_nat_sip.c``: an ``ip:port`` in the
Request-URI, the top Via, Contact, From and To is rewritten **only when it equals the packet's real
source** (a missing port counts as 5060); the top Via's ``received=``/``rport=`` are mapped back in
replies; the SDP ``o=``/``c=``/``m=`` lines are rewritten when the session's ``c=`` is the source
address; Content-Length is recomputed. The other behaviours are the faults consumer routers are known
for (see DESIGN.md, "What real ALGs do").
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from sipalg_wizard.lab.siptext import Message, parse
from sipalg_wizard.sip.message import header_key
from sipalg_wizard.sip.sdp import sdp_connection, sdp_media_ports

LINUX_FIELDS = frozenset({"request_uri", "via", "contact", "from_to", "sdp"})
PROXY_BRANCH = "z9hG4bKsawalg"

# Headers a header-stripping ALG keeps (RFC 3261 section 20 and the common extensions).
KNOWN_HEADERS = frozenset({
    "accept", "accept-encoding", "accept-language", "alert-info", "allow", "allow-events",
    "authentication-info", "authorization", "call-id", "call-info", "contact", "content-disposition",
    "content-encoding", "content-language", "content-length", "content-type", "cseq", "date",
    "error-info", "event", "expires", "from", "in-reply-to", "max-forwards", "min-expires",
    "mime-version", "organization", "priority", "proxy-authenticate", "proxy-authorization",
    "proxy-require", "record-route", "refer-to", "referred-by", "reply-to", "require", "retry-after",
    "route", "server", "session-expires", "subject", "supported", "timestamp", "to", "unsupported",
    "user-agent", "via", "warning", "www-authenticate", "p-asserted-identity", "privacy", "rseq",
    "rack", "min-se", "path", "service-route", "subscription-state",
})

# The order a "proxy-like" ALG rebuilds a message in (unlisted headers follow, body headers last).
PROXY_ORDER = ("via", "max-forwards", "to", "from", "call-id", "cseq", "contact")
PROXY_LAST = ("content-type", "content-length")


@dataclass(frozen=True)
class Behaviour:
    """One named ALG profile. Field names say what the router does; defaults are a plain NAT."""

    name: str
    description: str
    udp: bool = True  # intercept UDP 5060
    tcp: bool = False  # intercept TCP 5060
    outbound: frozenset[str] = frozenset()  # Linux-style fields rewritten client -> server
    inbound: frozenset[str] = frozenset()  # Linux-style fields mapped back server -> client
    fix_content_length: bool = True
    blind: bool = False  # replace every copy of the private address, anywhere
    proxy: bool = False  # add a Via, decrement Max-Forwards, reorder headers
    strip_unknown: bool = False  # in requests (client -> server)
    strip_unknown_inbound: bool = False  # in what comes back as well
    max_udp_bytes: int | None = None  # drop UDP messages larger than this (the fragmented ones)
    block_udp: bool = False  # drop every UDP 5060 packet (an nft rule, no relay)
    pinhole: bool = False  # open the SDP media port towards the client (like a conntrack expectation)
    binding_lifetime: float = 120.0  # seconds a UDP binding lives without traffic
    random_ports: bool = False  # symmetric: a random public port per binding
    # A proxy-style ALG or the router's own SIP stack: requests of these methods (on UDP 5060) are
    # answered by the router itself with this status and never reach the server.
    answers: tuple[tuple[str, str], ...] = ()  # (method, "200 OK")
    agent: str = "lab-router-sip/1"  # its Server header
    drop_methods: tuple[str, ...] = ()  # client requests of these methods are dropped (e.g. ACK)
    contact_200_to_router: bool = False  # the 2xx to an INVITE gets the router's address in Contact
    only_phone_port: bool = False  # act only on flows whose client port is 5060 (the phone's port)
    callid_hiding: bool = False  # translate the host of the Call-ID (Juniper SRX default), both ways
    port: int = 5060  # the port the ALG listens on (DrayTek/Zyxel let it be moved, e.g. to 5070)
    max_line_length: int | None = None  # drop UDP requests with a longer line (FortiGate)
    tags: tuple[str, ...] = field(default=())

    @property
    def relays(self) -> bool:
        return (self.udp or self.tcp) and not self.block_udp


def _b(name: str, description: str, **kw) -> Behaviour:
    return Behaviour(name, description, **kw)


BEHAVIOURS: dict[str, Behaviour] = {b.name: b for b in (
    _b("passthrough", "relays SIP through the emulator and changes nothing (control: the relay "
       "itself must not look like an ALG)", tcp=True),
    _b("full", "correct rewrite like Linux nf_nat_sip: Request-URI/Via/Contact/From/To when equal to "
       "the source, SDP o=/c=/m=, Content-Length recomputed, responses mapped back, media pinhole; "
       "UDP and TCP", tcp=True, outbound=LINUX_FIELDS, inbound=LINUX_FIELDS, pinhole=True),
    _b("via_only", "rewrites only the top Via (and maps it back in responses)",
       outbound=frozenset({"via"}), inbound=frozenset({"via"})),
    _b("contact_only", "rewrites only Contact", outbound=frozenset({"contact"}),
       inbound=frozenset({"contact"})),
    _b("sdp_only", "rewrites only the SDP (o=/c=/m=)", outbound=frozenset({"sdp"}),
       inbound=frozenset({"sdp"})),
    _b("bad_content_length", "rewrites like Linux but leaves the old Content-Length after "
       "shortening the SDP", outbound=LINUX_FIELDS, inbound=LINUX_FIELDS, fix_content_length=False),
    _b("blind_replace", "search-and-replace of every copy of the private address (headers, Call-ID, "
       "body), and the reverse in responses", blind=True),
    _b("proxy_like", "acts like a proxy: adds its own Via, decrements Max-Forwards, reorders the "
       "headers (and removes its Via from responses)", proxy=True),
    _b("drop_large", "drops SIP over UDP larger than 1472 bytes (what IP fragments), passes the rest",
       max_udp_bytes=1472),
    _b("block_udp", "drops every UDP packet to port 5060", block_udp=True),
    _b("responses_only", "leaves requests alone but rewrites the responses (Via received=/rport=, "
       "Contact)", inbound=LINUX_FIELDS),
    _b("tcp_only", "rewrites SIP over TCP like Linux, leaves UDP alone", udp=False, tcp=True,
       outbound=LINUX_FIELDS, inbound=LINUX_FIELDS),
    _b("pinhole_only", "rewrites nothing but opens the SDP media port towards the client "
       "(seen on Zyxel)", pinhole=True),
    _b("short_binding", "forgets a UDP 5060 binding after 2 s without traffic (30 s on real "
       "routers, scaled down)", binding_lifetime=2.0),
    _b("strip_unknown", "removes headers it does not know (X-..., P-... extensions), both ways",
       strip_unknown=True, strip_unknown_inbound=True),
    _b("strip_unknown_requests", "removes headers it does not know, in requests only",
       strip_unknown=True),
    _b("blocks_register", "drops REGISTER requests, passes the other methods (FortiGate "
       "block-register; block-options etc. alike)", drop_methods=("REGISTER",)),
    _b("drop_ack", "drops the ACK for the 200 OK (FortiGate block-ack / ack-rate, an ALG that "
       "lost the dialog): the far end hangs up after 32 s", drop_methods=("ACK",)),
    _b("contact_200_mangled", "writes its own WAN address into the Contact of the 200 OK to an "
       "INVITE: the phone's ACK goes to the router, the far end hangs up after 32 s",
       contact_200_to_router=True),
    _b("phone_port_only", "rewrites like Linux, but only SIP whose source port is 5060, as "
       "desk phones send (flows from other ports pass untouched)", outbound=LINUX_FIELDS,
       inbound=LINUX_FIELDS, only_phone_port=True),
    _b("callid_hiding", "translates the host part of the Call-ID (Juniper SRX 'call-id hiding', "
       "on by default) and back in responses; nothing else", callid_hiding=True),
    _b("headers_no_sdp", "rewrites Via/Contact/From/To like Linux but leaves the SDP alone "
       "(FortiGate no-sdp-fixup)", outbound=frozenset({"request_uri", "via", "contact", "from_to"}),
       inbound=frozenset({"request_uri", "via", "contact", "from_to"})),
    _b("custom_port_alg", "a Linux-like rewrite moved to port 5070 (DrayTek/Zyxel 'listen port' "
       "set for a provider on 5070): 5060 untouched, the control port rewritten",
       outbound=LINUX_FIELDS, inbound=LINUX_FIELDS, port=5070),
    _b("long_lines_dropped", "drops UDP SIP requests with a line longer than 998 bytes (FortiGate "
       "block-long-lines / max-line-length)", max_line_length=998),
    _b("answers_keepalives", "a SIP helper that answers OPTIONS keep-alives itself and passes "
       "everything else", answers=(("OPTIONS", "200 OK"),), agent="lab-keepalive-helper/1"),
    _b("router_answers", "the router's own SIP stack holds UDP 5060 (an ISP gateway with "
       "integrated voice, e.g. FRITZ!Box with IP numbers set up): it answers every request itself",
       answers=(("OPTIONS", "200 OK"), ("REGISTER", "403 Forbidden"), ("INVITE", "404 Not Found")),
       agent="lab-gateway-voice/1"),
    _b("proxy_answers_keepalives", "a proxy-based ALG (FortiGate's SIP ALG, a B2BUA): answers "
       "OPTIONS and REGISTER itself, relays INVITE as a proxy (own Via, Max-Forwards, order)",
       answers=(("OPTIONS", "200 OK"), ("REGISTER", "200 OK")), proxy=True,
       agent="lab-sip-proxy-alg/1"),
)}


@dataclass(frozen=True)
class Flow:
    """Who is who for one message: the client's private ``ip:port`` and the public one it got."""

    private_ip: str
    private_port: int
    public_ip: str
    public_port: int


# -- Linux-style address mapping ----------------------------------------------------------------

def _addr_re(ip: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.:\[])" + re.escape(ip) + r"(?::(\d{1,5}))?(?![\w.])")


def map_hostport(text: str, old: tuple[str, int], new: tuple[str, int], *, first_only: bool = True
                 ) -> str:
    """Replace ``old_ip[:old_port]`` by ``new_ip:new_port`` where the port matches (absent = 5060)."""
    count = 0

    def sub(match: re.Match[str]) -> str:
        nonlocal count
        port = int(match.group(1)) if match.group(1) else 5060
        if port != old[1] or (first_only and count):
            return match.group(0)
        count += 1
        return f"{new[0]}:{new[1]}"

    return _addr_re(old[0]).sub(sub, text)


def _first_uri_map(value: str, old: tuple[str, int], new: tuple[str, int]) -> str:
    """Map the first URI of a From/To/Contact value (the part inside <> when present)."""
    lt, gt = value.find("<"), value.find(">")
    if 0 <= lt < gt:
        return value[:lt] + map_hostport(value[lt:gt], old, new) + value[gt:]
    uri, semi, params = value.partition(";")
    return map_hostport(uri, old, new) + semi + params


def _map_via(value: str, old: tuple[str, int], new: tuple[str, int], *, reply: bool) -> str:
    """The top via-parm, as nf_nat_sip does it: the sent-by when it equals ``old``, then
    ``received=``/``rport=`` equal to the old address/port. Towards the server the kernel only looks
    further when the sent-by belongs to this connection; in replies it always maps the parameters."""
    first, comma, rest = value.partition(",")
    proto, space, hostpart = first.partition(" ")
    sent_by, semi, params = hostpart.partition(";")
    mapped = map_hostport(sent_by, old, new)
    if mapped == sent_by and not reply:
        return value
    out = []
    for param in params.split(";") if semi else []:
        key, _eq, val = param.partition("=")
        if key.strip().lower() == "received" and val.strip() == old[0] != new[0]:
            param = f"{key}={new[0]}"
        elif key.strip().lower() == "rport" and val.strip() == str(old[1]) != str(new[1]):
            param = f"{key}={new[1]}"
        out.append(param)
    return proto + space + mapped + (";" + ";".join(out) if semi else "") + comma + rest


def map_sdp(body: bytes, old_ip: str, new_ip: str) -> bytes:
    """nf_nat_sdp: when the session ``c=`` is ``old_ip``, write ``new_ip`` into ``o=`` and into every
    ``c=`` equal to it. Media ports stay (the public media port equals the private one here)."""
    if sdp_connection(body) != old_ip:
        return body
    new = new_ip.encode()
    body = re.sub(rb"(?m)^(o=(?:\S+ ){3}IN IP[46] )\S+", lambda m: m.group(1) + new, body)
    return re.sub(rb"(?m)^(c=IN IP[46] )" + re.escape(old_ip.encode()) + rb"(?=[\s/]|$)",
                  lambda m: m.group(1) + new, body)


def linux_rewrite(msg: Message, fields: frozenset[str], old: tuple[str, int], new: tuple[str, int],
                  *, reply: bool) -> None:
    """Apply the nf_nat_sip rules for ``fields`` in place; ``reply`` is the server -> client way."""
    if "request_uri" in fields and msg.is_request:
        method, _, rest = msg.start.partition(" ")
        uri, _, version = rest.rpartition(" ")
        msg.start = f"{method} {map_hostport(uri, old, new)} {version}"
    if "via" in fields:
        vias = msg.indexes("via")
        if vias:
            value = msg.headers[vias[0]][1]
            msg.headers[vias[0]][1] = _map_via(value, old, new, reply=reply)
    for index, (name, value) in enumerate(msg.headers):
        key = header_key(name)
        if key == "contact" and "contact" in fields:
            msg.headers[index][1] = ", ".join(
                _first_uri_map(part, old, new) for part in _split_contacts(value))
        elif key in ("from", "to") and "from_to" in fields:
            msg.headers[index][1] = _first_uri_map(value, old, new)
    if "sdp" in fields and msg.body:
        msg.body = map_sdp(msg.body, old[0], new[0])


def _split_contacts(value: str) -> list[str]:
    """Split a Contact value on the commas between contacts (not those inside <> or quotes)."""
    parts, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if ch == '"':
            quote = not quote
        elif not quote and ch == "<":
            depth += 1
        elif not quote and ch == ">":
            depth -= 1
        elif ch == "," and not quote and depth == 0:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


# -- the other faults --------------------------------------------------------------------------

def blind_replace(msg: Message, old_ip: str, new_ip: str) -> None:
    """Every textual copy of ``old_ip`` becomes ``new_ip``: start line, every header, the body."""
    msg.start = msg.start.replace(old_ip, new_ip)
    for header in msg.headers:
        header[1] = header[1].replace(old_ip, new_ip)
    msg.body = msg.body.replace(old_ip.encode(), new_ip.encode())


def proxy_request(msg: Message, public_ip: str, transport: str) -> None:
    """Add our Via on top, decrement Max-Forwards, and rebuild the header order."""
    if msg.is_request:
        for index in msg.indexes("max-forwards"):
            value = msg.headers[index][1]
            if value.isascii() and value.isdigit():
                msg.headers[index][1] = str(max(int(value) - 1, 0))
        via = f"SIP/2.0/{transport.upper()} {public_ip}:5060;branch={PROXY_BRANCH}{secrets.token_hex(4)}"
        msg.headers.insert(0, ["Via", via])

    def rank(item: tuple[int, list[str]]) -> tuple[int, int]:
        index, (name, _) = item
        key = header_key(name)
        if key in PROXY_ORDER:
            return PROXY_ORDER.index(key), index
        if key in PROXY_LAST:
            return 100 + PROXY_LAST.index(key), index
        return 50, index

    msg.headers = [header for _, header in sorted(enumerate(msg.headers), key=rank)]


def proxy_response(msg: Message) -> None:
    """A proxy removes its own Via from a response before passing it on."""
    vias = msg.indexes("via")
    if vias and f"branch={PROXY_BRANCH}" in msg.headers[vias[0]][1]:
        del msg.headers[vias[0]]


def strip_unknown(msg: Message) -> None:
    msg.headers = [h for h in msg.headers if header_key(h[0]) in KNOWN_HEADERS]


# -- the two directions -------------------------------------------------------------------------

def _edit(data: bytes, behaviour: Behaviour, change: Callable[[Message], None]) -> bytes:
    """Parse ``data``, apply ``change``, fix Content-Length if the behaviour does; the original
    bytes when nothing changed or the message is not SIP (a router passes what it cannot read)."""
    msg = parse(data)
    if msg is None:
        return data
    before, body_before = msg.to_bytes(), msg.body
    change(msg)
    if behaviour.fix_content_length and msg.body != body_before:
        msg.set_content_length()
    after = msg.to_bytes()
    return data if after == before else after


def dropped(data: bytes, behaviour: Behaviour) -> bool:
    """Does the router drop this client message (its method is in ``drop_methods``, or a line is
    longer than ``max_line_length``)?"""
    if behaviour.max_line_length is not None and any(
            len(line) > behaviour.max_line_length for line in data.split(b"\r\n")):
        return True
    if not behaviour.drop_methods:
        return False
    method = data.split(b" ", 1)[0].decode("ascii", "replace")
    return method in behaviour.drop_methods


def hide_call_id(msg: Message, old_ip: str, new_ip: str) -> None:
    """Juniper's call-ID hiding: the host part of the Call-ID, when it is ``old_ip``."""
    for index in msg.indexes("call-id"):
        local, at, host = msg.headers[index][1].partition("@")
        if at and host.strip() == old_ip:
            msg.headers[index][1] = f"{local}@{new_ip}"


def contact_to_router(msg: Message, router_ip: str) -> None:
    """In a 2xx to an INVITE, put ``router_ip`` as the host of the Contact URI."""
    if msg.is_request or not msg.start.startswith("SIP/2.0 2"):
        return
    cseq = msg.get("cseq") or ""
    if not cseq.upper().endswith("INVITE"):
        return
    for index in msg.indexes("contact"):
        msg.headers[index][1] = re.sub(r"(sip:[^@>;]*@)[^:;>]+", lambda m: m.group(1) + router_ip,
                                       msg.headers[index][1], count=1)


def outbound(data: bytes, behaviour: Behaviour, flow: Flow, transport: str = "udp") -> bytes:
    """What the router sends upstream for ``data`` from the client (unchanged bytes when the
    behaviour touches nothing or the message is not SIP)."""
    if not (behaviour.outbound or behaviour.blind or behaviour.proxy or behaviour.strip_unknown
            or behaviour.callid_hiding):
        return data
    if behaviour.only_phone_port and flow.private_port != 5060:
        return data

    def change(msg: Message) -> None:
        if behaviour.strip_unknown:
            strip_unknown(msg)
        if behaviour.outbound:
            linux_rewrite(msg, behaviour.outbound, (flow.private_ip, flow.private_port),
                          (flow.public_ip, flow.public_port), reply=False)
        if behaviour.blind:
            blind_replace(msg, flow.private_ip, flow.public_ip)
        if behaviour.callid_hiding:
            hide_call_id(msg, flow.private_ip, flow.public_ip)
        if behaviour.proxy:
            proxy_request(msg, flow.public_ip, transport)

    return _edit(data, behaviour, change)


def inbound(data: bytes, behaviour: Behaviour, flow: Flow) -> bytes:
    """What the router passes to the client for ``data`` from the server."""
    if not (behaviour.inbound or behaviour.blind or behaviour.proxy or behaviour.strip_unknown_inbound
            or behaviour.contact_200_to_router or behaviour.callid_hiding):
        return data
    if behaviour.only_phone_port and flow.private_port != 5060:
        return data

    def change(msg: Message) -> None:
        if behaviour.contact_200_to_router:
            contact_to_router(msg, flow.public_ip)
        if behaviour.inbound:
            linux_rewrite(msg, behaviour.inbound, (flow.public_ip, flow.public_port),
                          (flow.private_ip, flow.private_port), reply=True)
        if behaviour.blind:
            blind_replace(msg, flow.public_ip, flow.private_ip)
        if behaviour.callid_hiding:
            hide_call_id(msg, flow.public_ip, flow.private_ip)
        if behaviour.proxy:
            proxy_response(msg)
        if behaviour.strip_unknown_inbound:
            strip_unknown(msg)

    return _edit(data, behaviour, change)


def local_answer(data: bytes, behaviour: Behaviour) -> bytes | None:
    """The router's own answer to a client request it answers itself (``behaviour.answers``), as
    a SIP stack writes it (RFC 3261 8.2.6: Via, From, To with a tag, Call-ID, CSeq copied); None
    when the message goes on to the server."""
    if not behaviour.answers:
        return None
    msg = parse(data)
    if msg is None or not msg.is_request:
        return None
    status = dict(behaviour.answers).get(msg.method or "")
    if status is None:
        return None
    headers = []
    for name, value in msg.headers:
        key = header_key(name)
        if key == "to" and ";tag=" not in value.replace(" ", "").lower():
            value = f"{value};tag=lab{secrets.token_hex(4)}"
        if key in ("via", "from", "to", "call-id", "cseq"):
            headers.append(f"{name}: {value}")
    head = "\r\n".join([f"SIP/2.0 {status}", *headers, f"Server: {behaviour.agent}",
                          "Content-Length: 0"])
    return (head + "\r\n\r\n").encode()


def pinhole_ports(data: bytes, client_ip: str) -> list[int]:
    """Media ports an expectation would open for this client message: the SDP ``m=`` ports when the
    SDP's ``c=`` is the client's own address (the kernel's ``sip_direct_media`` rule)."""
    msg = parse(data)
    if msg is None or not msg.body or sdp_connection(msg.body) != client_ip:
        return []
    return sdp_media_ports(msg.body)
