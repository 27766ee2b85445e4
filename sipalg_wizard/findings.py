"""The fixed vocabulary of finding codes.

A finding is a fact the probe established. The core only emits codes; this table says what each
means for the customer and which symptoms it explains. The order is part of the support-code
format (each code has a bit): **append only, never reorder or remove**.
"""

from __future__ import annotations

from dataclasses import dataclass

# Symptoms a customer can report; the diagnosis says which of them the findings explain.
SYMPTOMS = {
    "one_way_audio": "One-way or no audio",
    "drops_30s": "Calls drop after about 30 seconds",
    "registration": "Phone does not register / shows offline",
    "inbound_no_ring": "Incoming calls do not ring",
    "transfer_fails": "Transfers or holds fail",
}


@dataclass(frozen=True)
class FindingInfo:
    code: str
    alg: bool  # True: evidence that a SIP ALG (or SIP-aware middlebox) interferes
    meaning: str  # plain words for the customer
    symptoms: tuple[str, ...]


FINDINGS: tuple[FindingInfo, ...] = (
    FindingInfo("via_rewritten", True,
                "The router changed the Via header, which tells the server where to send replies.",
                ("registration", "inbound_no_ring")),
    FindingInfo("contact_rewritten", True,
                "The router changed the Contact header, the address where your phone can be reached.",
                ("inbound_no_ring", "drops_30s", "transfer_fails")),
    FindingInfo("sdp_connection_rewritten", True,
                "The router changed the audio address (SDP c=) inside the call set-up.",
                ("one_way_audio",)),
    FindingInfo("sdp_origin_rewritten", True,
                "The router changed the session origin (SDP o=) inside the call set-up.",
                ("one_way_audio", "transfer_fails")),
    FindingInfo("sdp_media_port_rewritten", True,
                "The router changed the audio port (SDP m=) inside the call set-up.",
                ("one_way_audio",)),
    FindingInfo("content_length_wrong", True,
                "After changing a message, the router left its length wrong, so the other side "
                "cannot read it.",
                ("registration", "drops_30s", "one_way_audio")),
    FindingInfo("headers_removed", True,
                "The router removed or reordered headers in the call set-up messages.",
                ("registration", "transfer_fails")),
    FindingInfo("large_message_dropped", True,
                "The router lost a large call set-up message that small messages got through.",
                ("inbound_no_ring", "drops_30s")),
    FindingInfo("sip_port_blocked", True,
                "The router (or a firewall) blocks the standard SIP port 5060 but lets other "
                "ports through.",
                ("registration", "inbound_no_ring")),
    FindingInfo("inbound_rewritten", True,
                "The router changed the server's replies on their way back to your computer.",
                ("registration", "drops_30s", "one_way_audio")),
    FindingInfo("tcp_rewritten", True,
                "The router changes SIP messages sent over TCP as well.",
                ("registration", "inbound_no_ring")),
    FindingInfo("reflector_unreachable", False,
                "The test server could not be reached, so the router could not be tested.",
                ()),
    FindingInfo("no_probe_run", False,
                "No SIP test was run (no test server configured).",
                ()),
    FindingInfo("request_uri_rewritten", True,
                "The router changed the address the request is sent to (Request-URI).",
                ("registration", "inbound_no_ring")),
    FindingInfo("from_to_rewritten", True,
                "The router changed the caller or callee address (From/To).",
                ("registration", "transfer_fails")),
    FindingInfo("call_id_rewritten", True,
                "The router changed the Call-ID, which identifies the call.",
                ("drops_30s", "transfer_fails")),
    FindingInfo("blind_replace", True,
                "The router replaced your computer's address everywhere it appeared, even in places "
                "it should not touch.",
                ("registration", "transfer_fails")),
    FindingInfo("via_added", True,
                "The router acts like a SIP proxy: it added its own Via header or changed "
                "Max-Forwards.",
                ("registration", "transfer_fails")),
    FindingInfo("media_pinhole_opened", True,
                "The router opened a port for audio after seeing a call set-up: proof that it "
                "reads your phone's call messages, even where it changes nothing in them.",
                ()),
    FindingInfo("message_mangled", True,
                "A message arrived damaged in a way that is not a clean rewrite.",
                ("registration", "drops_30s")),
    FindingInfo("no_gateway", False,
                "This computer has no default gateway: it is not connected to a network.",
                ()),
    FindingInfo("vpn_active", False,
                "A VPN carries this computer's traffic, so the test does not see the router.",
                ()),
    FindingInfo("control_path_failed", False,
                "Even the control test that no ALG can touch failed: something else is in the way.",
                ()),
    FindingInfo("symmetric_nat", False,
                "The router changes the source port of each connection (symmetric NAT). That is "
                "not an ALG, but some phones need a keep-alive or STUN setting.",
                ()),
    FindingInfo("payload_rewritten", True,
                "The router changed the content of a call set-up message on its way out (its "
                "length changed); which parts, this test could not see.",
                ("registration", "one_way_audio")),
    FindingInfo("sip_binding_expired", True,
                "The router forgets your phone's connection for calls after a short quiet time, "
                "so incoming calls cannot reach it.",
                ("inbound_no_ring",)),
    FindingInfo("sip_answered_by_router", True,
                "Something on the way, usually the router itself, answers your phone's call "
                "messages instead of passing them on: the server never sees them.",
                ("registration", "inbound_no_ring")),
    FindingInfo("ack_lost", True,
                "The message that confirms a call was answered (the ACK) did not reach the other "
                "end, or arrived changed. The other end then hangs up after about 30 seconds.",
                ("drops_30s",)),
    FindingInfo("sip_method_blocked", True,
                "The router blocks some kinds of phone messages (for example the phone's sign-in) "
                "and lets others through.",
                ("registration", "inbound_no_ring")),
    FindingInfo("nat_mapping_short", False,
                "Your router forgets every quiet connection after a short time, not only your "
                "phone's. That is not an ALG, but your phone needs its keep-alive setting shorter "
                "than that, or calls to you will not ring.",
                ()),
)

BY_CODE: dict[str, FindingInfo] = {info.code: info for info in FINDINGS}


def info(code: str) -> FindingInfo:
    """The vocabulary entry for ``code``; unknown codes raise KeyError so typos are caught early."""
    return BY_CODE[code]
