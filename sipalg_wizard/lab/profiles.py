"""The ALG zoo: every lab set-up we diagnose, and what a correct diagnosis of it says.

This is the one place the expectations live. ``benchmarks/accuracy.py`` scores the real diagnosis
against them and prints the table; ``tests/lab/test_zoo.py`` runs the same cases so a regression
fails CI; ``sipalg-wizard lab --list`` shows them.

Each case says how to build the router (an emulator behaviour from ``mangle.BEHAVIOURS``, the
kernel's own SIP helper, or none; the NAT kind; double NAT) and what a correct diagnosis reports:

* ``verdict`` — ``alg_detected`` / ``no_alg_detected`` / ``inconclusive``;
* ``key`` — finding codes that must be there (a case passes only with all of them);
* ``also`` — what else the router really does, which a perfect probe reports too (counted in
  recall, not required to pass);
* ``tolerated`` — findings that are defensible either way (not counted as false);
* any other ALG finding is a false one (it fails the case and lowers precision);
* ``gap`` — set when the probe is known to get this case wrong (no test for the behaviour, or a
  wrong conclusion, reported to the probe's owner): the test suite marks the case
  ``xfail(strict=True)``, so the day the probe gets it right the mark must go.
"""

from __future__ import annotations

from dataclasses import dataclass

ALG = "alg_detected"
NO_ALG = "no_alg_detected"
INCONCLUSIVE = "inconclusive"

LINUX_OUT = frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                       "sdp_origin_rewritten"})
MAYBE_URI = frozenset({"request_uri_rewritten", "from_to_rewritten"})


@dataclass(frozen=True)
class ZooCase:
    name: str
    description: str
    verdict: str
    key: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()
    tolerated: frozenset[str] = frozenset()
    gap: str | None = None
    # how the lab is built
    emulator: str | None = None  # a behaviour name in mangle.BEHAVIOURS
    kernel_alg: bool = False
    kernel_tcp: bool = False
    kernel_ports: tuple[int, ...] = (5060,)  # where the kernel helper is attached
    random_ports: bool = False  # nft "masquerade random": symmetric NAT
    double_nat: bool = False  # a second NAT router (the ISP's) between the home router and the WAN
    alg_in_outer: bool = False  # with double_nat: the ALG sits in the ISP's router, not the home one
    loopback: bool = False  # reflector and probe both on 127.0.0.1 inside the LAN namespace
    udp_timeout: int | None = None  # the router's conntrack UDP timeout (seconds), all ports alike
    dmz: bool = False  # the router forwards every inbound WAN packet to the client (DMZ host)
    # how diagnose is run: extra arguments (e.g. a binding check longer than a short binding)
    diagnose_args: tuple[str, ...] = ()

    @property
    def family(self) -> str:
        """The class of behaviour this case stands for (the accuracy benchmark's per-class lines)."""
        if self.verdict != ALG:
            return "clean path (no ALG)"
        if self.kernel_alg:
            return "Linux kernel ALG"
        key = self.key
        for codes, name in (
                ({"sip_answered_by_router"}, "answers SIP itself (proxy, gateway)"),
                ({"ack_lost"}, "loses the ACK (32-second drop)"),
                ({"sip_binding_expired"}, "forgets the mapping"),
                ({"large_message_dropped", "sip_port_blocked"}, "drops or blocks SIP"),
                ({"via_added", "headers_removed"}, "proxy-like changes"),
                ({"media_pinhole_opened"}, "pinholes only")):
            if key & codes:
                return name
        return "rewrites addresses"

    @property
    def truth(self) -> frozenset[str]:
        """Everything the router really does (key + also): what recall is measured against."""
        return self.key | self.also


def _c(name: str, description: str, verdict: str, **kw) -> ZooCase:
    return ZooCase(name, description, verdict, **kw)


CASES: tuple[ZooCase, ...] = (
    # -- paths without an ALG: a finding here is a false positive ------------------------------
    _c("clean_nat", "plain NAT (masquerade, port-preserving), no ALG", NO_ALG),
    _c("symmetric_nat", "NAT with random source ports (nft masquerade random), no ALG", NO_ALG,
       random_ports=True),
    _c("double_nat", "home router NAT behind an ISP's NAT, no ALG anywhere", NO_ALG, double_nat=True),
    _c("double_nat_outer_kernel_alg", "double NAT, the kernel SIP ALG only in the ISP's (outer) "
       "router: the addresses inside no longer match the packet's source, so it changes nothing",
       NO_ALG, double_nat=True, kernel_alg=True, alg_in_outer=True),
    _c("loopback", "reflector and probe on 127.0.0.1, no router at all", NO_ALG, loopback=True),
    _c("passthrough", "the emulator relays SIP and changes nothing (the relay itself is no ALG)",
       NO_ALG, emulator="passthrough"),
    # -- the Linux kernel's own ALG -----------------------------------------------------------
    _c("kernel_alg", "Linux nf_conntrack_sip/nf_nat_sip on UDP 5060 in the home router", ALG,
       kernel_alg=True,
       key=frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"}),
       also=frozenset({"sdp_origin_rewritten", "inbound_rewritten", "media_pinhole_opened"}),
       tolerated=MAYBE_URI),
    _c("kernel_alg_tcp", "Linux SIP helper on UDP and TCP 5060", ALG, kernel_alg=True,
       kernel_tcp=True,
       key=frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten",
                      "tcp_rewritten"}),
       also=frozenset({"sdp_origin_rewritten", "inbound_rewritten", "media_pinhole_opened"}),
       tolerated=MAYBE_URI),
    # Behind a second NAT the inner router's media pinhole exists but cannot be reached from the
    # WAN (the outer NAT has no mapping for it): not something the probe can or must see.
    _c("double_nat_inner_kernel_alg", "double NAT, the kernel SIP ALG in the home (inner) router",
       ALG, double_nat=True, kernel_alg=True,
       key=frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"}),
       also=frozenset({"sdp_origin_rewritten", "inbound_rewritten"}),
       tolerated=MAYBE_URI | {"media_pinhole_opened"}),
    # -- the emulator's faults ----------------------------------------------------------------
    _c("full", "correct Linux-like rewrite on UDP and TCP, responses mapped back, media pinhole",
       ALG, emulator="full", key=LINUX_OUT,
       also=frozenset({"tcp_rewritten", "inbound_rewritten", "media_pinhole_opened"}),
       tolerated=MAYBE_URI),
    _c("double_nat_inner_alg", "double NAT, the emulator's full rewrite in the home (inner) router",
       ALG, emulator="full", double_nat=True, key=LINUX_OUT,
       also=frozenset({"tcp_rewritten", "inbound_rewritten"}),
       tolerated=MAYBE_URI | {"media_pinhole_opened"}),
    _c("via_only", "rewrites only the top Via", ALG, emulator="via_only",
       key=frozenset({"via_rewritten"}), also=frozenset({"inbound_rewritten"})),
    _c("contact_only", "rewrites only Contact", ALG, emulator="contact_only",
       key=frozenset({"contact_rewritten"})),
    _c("sdp_only", "rewrites only the SDP o=/c=", ALG, emulator="sdp_only",
       key=frozenset({"sdp_connection_rewritten", "sdp_origin_rewritten"})),
    _c("bad_content_length", "rewrites like Linux but leaves Content-Length stale", ALG,
       emulator="bad_content_length", key=frozenset({"content_length_wrong"}),
       also=LINUX_OUT | {"inbound_rewritten"}, tolerated=MAYBE_URI | {"message_mangled"}),
    _c("blind_replace", "replaces every copy of the private address (Call-ID, planted header, body)",
       ALG, emulator="blind_replace", key=frozenset({"blind_replace"}),
       also=LINUX_OUT | {"call_id_rewritten", "inbound_rewritten"},
       tolerated=MAYBE_URI),
    _c("proxy_like", "adds its own Via, decrements Max-Forwards, reorders headers", ALG,
       emulator="proxy_like", key=frozenset({"via_added"}),
       also=frozenset({"headers_removed", "inbound_rewritten"})),
    _c("drop_large", "drops UDP SIP over 1472 bytes (fragmented), passes the rest", ALG,
       emulator="drop_large", key=frozenset({"large_message_dropped"})),
    _c("block_udp", "drops every UDP packet to port 5060", ALG, emulator="block_udp",
       key=frozenset({"sip_port_blocked"})),
    _c("responses_only", "leaves requests alone, rewrites responses (Via received=)", ALG,
       emulator="responses_only", key=frozenset({"inbound_rewritten"})),
    _c("tcp_only", "rewrites SIP over TCP like Linux, UDP untouched", ALG, emulator="tcp_only",
       key=frozenset({"tcp_rewritten"}), tolerated=LINUX_OUT | MAYBE_URI | {"inbound_rewritten"}),
    _c("pinhole_only", "rewrites nothing, opens the SDP media port towards the client", ALG,
       emulator="pinhole_only", key=frozenset({"media_pinhole_opened"})),
    _c("strip_unknown", "removes headers it does not know (X-..., extensions), both ways", ALG,
       emulator="strip_unknown", key=frozenset({"headers_removed"}),
       tolerated=frozenset({"message_mangled", "sip_port_blocked", "inbound_rewritten"})),
    _c("strip_unknown_requests", "removes headers it does not know, in requests only", ALG,
       emulator="strip_unknown_requests", key=frozenset({"headers_removed"}),
       tolerated=frozenset({"message_mangled", "sip_port_blocked"})),
    # The binding check (the reflector calls back after 4 s of quiet) outlives the 2 s binding
    # (swept every 0.5 s) with room for a retransmitted REGISTER on a busy machine.
    _c("short_binding", "forgets the UDP 5060 binding after 2 s idle (30 s on real routers): "
       "inbound calls stop ringing", ALG, emulator="short_binding",
       key=frozenset({"sip_binding_expired"}), diagnose_args=("--binding-check", "4")),
    # -- from docs/alg-behaviours.md (issue 14) --------------------------------------------------
    _c("drop_ack", "drops the ACK for the 200 OK on UDP 5060 (FortiGate block-ack/ack-rate, a "
       "lost dialog): calls drop after 32 s", ALG, emulator="drop_ack", key=frozenset({"ack_lost"})),
    _c("contact_200_mangled", "writes the router's WAN address into the 200 OK's Contact: the "
       "ACK goes astray, calls drop after 32 s", ALG, emulator="contact_200_mangled",
       key=frozenset({"ack_lost", "inbound_rewritten"})),
    _c("phone_port_only", "Linux-like rewrite only of SIP sent from port 5060 (the desk phone's "
       "port): seen only by the test that sends from 5060", ALG, emulator="phone_port_only",
       key=frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"}),
       also=frozenset({"sdp_origin_rewritten", "inbound_rewritten"}), tolerated=MAYBE_URI),
    _c("kernel_alg_two_ports", "Linux SIP helper attached on 5060 and 5070 (nf_conntrack_sip "
       "ports=, MikroTik service-port list): the control port is rewritten too", ALG,
       kernel_alg=True, kernel_ports=(5060, 5070),
       key=frozenset({"via_rewritten", "contact_rewritten", "sdp_connection_rewritten"}),
       # Its pinholes open for the control INVITE too, so "opened only for 5060" cannot show.
       also=frozenset({"sdp_origin_rewritten", "inbound_rewritten"}),
       tolerated=MAYBE_URI),
    _c("blocks_register", "drops REGISTER on UDP 5060, passes the other requests (FortiGate "
       "block-register)", ALG, emulator="blocks_register",
       key=frozenset({"sip_method_blocked"})),
    _c("callid_hiding", "translates only the host of the Call-ID (Juniper SRX call-id hiding)",
       ALG, emulator="callid_hiding", key=frozenset({"call_id_rewritten"}),
       also=frozenset({"inbound_rewritten"})),  # it maps the Call-ID back in the answers
    _c("headers_no_sdp", "rewrites the SIP headers like Linux, not the SDP (FortiGate "
       "no-sdp-fixup)", ALG, emulator="headers_no_sdp",
       key=frozenset({"via_rewritten", "contact_rewritten"}),
       also=frozenset({"inbound_rewritten"}), tolerated=MAYBE_URI),
    _c("custom_port_alg", "the ALG's listen port moved to 5070 (DrayTek/Zyxel setting): it "
       "rewrites the control port's messages, 5060 passes untouched", ALG,
       emulator="custom_port_alg", key=frozenset({"via_rewritten", "contact_rewritten"}),
       also=frozenset({"sdp_connection_rewritten", "sdp_origin_rewritten", "inbound_rewritten"}),
       tolerated=MAYBE_URI),
    _c("long_lines_dropped", "drops UDP SIP with a line over 998 bytes (FortiGate "
       "block-long-lines): the 2.6 KB INVITE's long line is lost", ALG,
       emulator="long_lines_dropped", key=frozenset({"large_message_dropped"})),
    _c("answers_keepalives", "a SIP helper answers OPTIONS keep-alives itself (twice asked, the "
       "same answer), passes the rest", ALG, emulator="answers_keepalives",
       key=frozenset({"sip_answered_by_router"})),
    _c("router_answers", "the router's own SIP stack answers every request on UDP 5060 (ISP "
       "gateway with integrated voice): nothing reaches the server, the control port does",
       ALG, emulator="router_answers", key=frozenset({"sip_answered_by_router"})),
    _c("proxy_answers_keepalives", "proxy-based ALG (FortiGate SIP ALG, B2BUA): answers OPTIONS "
       "and REGISTER itself, relays INVITE as a proxy", ALG, emulator="proxy_answers_keepalives",
       key=frozenset({"sip_answered_by_router", "via_added"}),
       also=frozenset({"headers_removed", "inbound_rewritten"})),
    # The same check through a plain NAT must find nothing (its UDP mappings live 30 s and more).
    _c("clean_nat_binding_check", "plain NAT, no ALG, diagnosed with the 3 s binding check",
       NO_ALG, diagnose_args=("--binding-check", "3")),
    # A NAT that forgets every idle UDP mapping after 2 s (30 s on real CPEs), on all ports alike:
    # both callbacks are lost, so nothing points at the SIP port: not an ALG.
    _c("nat_forgets_idle", "plain NAT whose UDP mappings all expire after 2 s idle (30 s on real "
       "routers), diagnosed with the 4 s binding check: not an ALG (a note, nat_mapping_short)",
       NO_ALG, udp_timeout=2,
       diagnose_args=("--binding-check", "4")),
    _c("port_preserving_nat", "NAT that keeps the client's source port (masquerade without "
       "random) and answers nothing itself, every inbound packet forwarded to the client (DMZ)",
       NO_ALG, dmz=True),
)

BY_NAME: dict[str, ZooCase] = {case.name: case for case in CASES}
