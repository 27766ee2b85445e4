"""Protocol v1 in-process: the answer's shape, its self-check, padding, rate limit, bad input."""

from __future__ import annotations

import pytest

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector.handler import Config, RateLimiter, Reflector
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import frame, parse, parse_via

SRC = ("198.51.100.7", 40123)


def dialog(transport="udp") -> Dialog:
    return Dialog("t", transport, "192.168.1.20", 40000, "203.0.113.10", 5060, media_port=40002)


def reflector(**kw) -> Reflector:
    return Reflector(Config(rate_limit=0, **kw))


def test_full_answer_is_well_formed_sip_and_decodes_to_the_exact_request():
    request = padded_request(dialog(), "INVITE", pinhole=True)
    answer = reflector().handle(request, SRC, "udp", 5060, budget=len(request))
    message = parse(answer.reply)
    assert message.status == 200
    for header in ("via", "from", "to", "call-id", "cseq", "contact", "content-type"):
        assert message.get(header), header
    sent = parse(request)
    assert message.get("call-id") == sent.get("call-id") and message.get("cseq") == "1 INVITE"
    assert ";tag=" in message.get("to")
    via = parse_via(message.get("via"))
    assert via.param("received") == SRC[0] and via.param("rport") == str(SRC[1])
    assert message.content_length() == len(message.body)
    reflection = protocol.decode(answer.reply)
    assert reflection.request_copy == request
    assert reflection.response_sent == answer.reply and reflection.digest_ok
    assert reflection.meta["src"] == "198.51.100.7:40123"
    assert reflection.meta["control"] == {"udp": [5070], "tcp": [5070], "tls": []}
    assert reflection.meta["pinhole"]["port"] == 40002
    assert [p[:2] for p in answer.pinholes] == [(SRC[0], 40002)] * protocol.PINHOLE_COUNT
    assert len(answer.reply) + protocol.pinhole_budget() <= len(request)


def test_unpadded_udp_request_gets_a_small_pad_to_answer():
    request = build_request(dialog(), "OPTIONS")
    answer = reflector().handle(request, SRC, "udp", 5060, budget=len(request))
    assert answer.note == "pad" and len(answer.reply) <= len(request)
    message = parse(answer.reply)
    assert message.status == 200 and message.get("cseq") == "1 OPTIONS"
    pad_to = int(message.get(protocol.PAD_TO_HEADER))
    bigger = padded_request(dialog(), "OPTIONS", minimum=pad_to)
    again = reflector().handle(bigger, SRC, "udp", 5060, budget=len(bigger))
    assert again.note == "reflected" and len(again.reply) <= len(bigger)


def test_streams_need_no_padding():
    request = build_request(dialog("tcp"), "INVITE")
    answer = reflector().handle(request, SRC, "tcp", 5060, budget=None)
    assert answer.note == "reflected" and answer.pinholes == []  # pinholes only on UDP


def test_tampered_answer_fails_the_digest_or_the_decoding():
    request = padded_request(dialog(), "OPTIONS")
    reply = reflector().handle(request, SRC, "udp", 5060, budget=len(request)).reply
    head, _, body = reply.partition(b"\r\n\r\n")
    digest_at = body.index(protocol.DIGEST_PREFIX) + len(protocol.DIGEST_PREFIX)
    other = b"1" if body[digest_at:digest_at + 1] != b"1" else b"2"
    flipped = body[:digest_at] + other + body[digest_at + 1:]
    assert protocol.decode(head + b"\r\n\r\n" + flipped).digest_ok is False
    copy_at = body.index(b"Copy: ") + 20
    broken = body[:copy_at] + b"!" + body[copy_at + 1:]
    with pytest.raises(protocol.ReflectionError):
        protocol.decode(head + b"\r\n\r\n" + broken)


def test_ack_gets_no_answer_and_junk_gets_silence_on_udp():
    r = reflector()
    ack = build_request(dialog(), "ACK", body=False)
    assert r.handle(ack, SRC, "udp", 5060, budget=len(ack)).reply is None
    for junk in (b"", b"\x00" * 100, b"GET / HTTP/1.1\r\n\r\n", b"SIP/2.0 200 OK\r\n\r\n",
                 b"OPTIONS sip:x SIP/2.0\r\nVia: nonsense\r\nFrom: a\r\nTo: b\r\nCall-ID: c\r\n"
                 b"CSeq: 1 OPTIONS\r\n\r\n" + b"x" * 600):
        assert r.handle(junk, SRC, "udp", 5060, budget=len(junk)).reply is None


def test_junk_on_a_stream_gets_a_400():
    answer = reflector().handle(b"HELLO\r\n\r\n", SRC, "tcp", 5060, budget=None)
    assert answer.reply.startswith(b"SIP/2.0 400 ")


def test_rate_limiter_is_per_source_and_bounded():
    limiter = RateLimiter(rate=2, burst=2, max_sources=100)
    assert [limiter.allow("a", now=0.0) for _ in range(3)] == [True, True, False]
    assert limiter.allow("b", now=0.0)  # another source is not punished
    assert limiter.allow("a", now=0.5)  # refilled at 2/s
    for i in range(1000):
        limiter.allow(f"flood-{i}", now=1.0)
    assert len(limiter) == 100
    assert RateLimiter(rate=0).allow("x")  # 0 = off


def test_stream_framing():
    one = build_request(dialog("tcp"), "INVITE")
    assert frame(one[:50]) is None
    assert frame(b"\r\n\r\n" + one + one[:10]) == (one, one[:10])
    with pytest.raises(ValueError):
        frame(b"OPTIONS sip:x SIP/2.0\r\nVia: x\r\n\r\n")  # no Content-Length on a stream


def test_amplification_in_process_over_request_sizes():
    """Every size from a tiny datagram up to 65 KB: answer bytes never exceed request bytes."""
    r = reflector()
    worst = 0.0
    for size in (60, 200, 400, 600, 800, 1000, 1400, 2000, 4000, 8000, 16000, 32000, 65000):
        base = build_request(dialog(), "INVITE")
        pad = max(0, size - len(base) - len(protocol.PAD_HEADER) - 4)
        request = build_request(dialog(), "INVITE", pad=pad) if size > len(base) else base[:size]
        answer = r.handle(request, SRC, "udp", 5060, budget=len(request))
        sent = len(answer.reply or b"") + sum(len(p[2]) + 28 for p in answer.pinholes)
        worst = max(worst, sent / len(request))
        assert sent <= len(request), size
    print(f"\nin-process worst amplification ratio: {worst:.3f}")


@pytest.mark.expect_log("sipalg.reflector")  # refusing is logged: the test goes over the limit on purpose
def test_rate_limited_requests_get_503_on_streams_and_rarely_on_udp():
    r = Reflector(Config(rate_limit=1, burst=1))
    request = padded_request(dialog(), "OPTIONS")
    assert r.handle(request, SRC, "udp", 5060, budget=len(request)).note == "reflected"
    busy = r.handle(request, SRC, "udp", 5060, budget=len(request))
    assert busy.note == "busy" and parse(busy.reply).status == 503 and len(busy.reply) <= len(request)
    assert parse(busy.reply).get("retry-after")
    assert r.handle(request, SRC, "udp", 5060, budget=len(request)).reply is None  # once a second
    stream = r.handle(request, SRC, "tcp", 5060, budget=None)
    assert parse(stream.reply).status == 503 and parse(stream.reply).get("cseq") == "1 OPTIONS"


def test_no_pinhole_packets_to_system_ports():
    d = dialog()
    d.media_port = 53  # a spoofed "media port" pointing at someone's DNS server
    request = padded_request(d, "INVITE", pinhole=True)
    answer = reflector().handle(request, SRC, "udp", 5060, budget=len(request))
    assert answer.note == "reflected" and answer.pinholes == []
    assert protocol.decode(answer.reply).meta["pinhole"] is None
