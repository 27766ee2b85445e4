"""Delayed callbacks (the binding check): the header, the bounded table, amplification, only to the
request's own source, and the whole check against a real reflector process on loopback."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sipalg_wizard.probe.client import run_probe
from sipalg_wizard.probe.messages import Dialog, padded_request
from sipalg_wizard.reflector import callbacks
from sipalg_wizard.reflector.callbacks import Callbacks
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip import callback, protocol
from sipalg_wizard.sip.callback import CallbackError, parse_delay
from sipalg_wizard.sip.message import parse

SRC = ("198.51.100.7", 40123)


def dialog(port: int = 40000) -> Dialog:
    return Dialog("udp_binding", "udp", "192.168.1.20", port, "203.0.113.10", 5060)


def register(ms: int = 3000, port: int = 40000) -> bytes:
    return padded_request(dialog(port), "REGISTER", callback_ms=ms)


class FakeTransport:
    def __init__(self):
        self.sent: list[tuple[bytes, tuple]] = []
        self.closing = False

    def sendto(self, data, addr):
        self.sent.append((data, addr))

    def is_closing(self):
        return self.closing


@pytest.mark.parametrize("value", ["", "abc", "-5", "0", "120001", "1e3", "99999999", "1 000"])
def test_unusable_delays_are_refused(value):
    with pytest.raises(CallbackError):
        parse_delay(value)


def test_delay_bounds_and_absence():
    assert parse_delay(None) is None
    assert parse_delay("1") == 1 and parse_delay(" 120000 ") == 120000


def test_answer_announces_the_callback_and_everything_fits_the_request():
    request = register()
    answer = Reflector(Config(rate_limit=0)).handle(request, SRC, "udp", 5060, budget=len(request))
    assert answer.note == "reflected" and answer.callback is not None
    meta = protocol.decode(answer.reply).meta
    assert meta["callback"] == {"ms": 3000, "token": answer.callback.token}
    # amplification <= 1 in total: the answer now plus the callback later
    assert len(answer.reply) + callbacks.cost(answer.callback) <= len(request)
    assert answer.callback.key == SRC
    message = parse(answer.callback.payload)
    assert message.method == "OPTIONS" and message.get("cseq") == "1 OPTIONS"
    assert callback.token_of(answer.callback.payload) == answer.callback.token
    assert "198.51.100.7:40123" in message.request_uri


def test_too_small_a_request_gets_a_pad_answer_and_nothing_armed():
    small = padded_request(dialog(), "REGISTER")  # padded for the answer only, not the callback
    data = small.replace(b"Content-Length:", b"X-Reflect-Callback: 3000\r\nContent-Length:")
    answer = Reflector(Config(rate_limit=0)).handle(data, SRC, "udp", 5060, budget=len(data))
    assert answer.note == "pad" and answer.callback is None
    assert int(parse(answer.reply).get(protocol.PAD_TO_HEADER)) > len(data)


def test_no_callback_over_streams_or_without_the_header():
    reflector = Reflector(Config(rate_limit=0))
    request = register()
    assert reflector.handle(request, SRC, "tcp", 5060, budget=None).callback is None
    plain = padded_request(dialog(), "REGISTER")
    answer = reflector.handle(plain, SRC, "udp", 5060, budget=len(plain))
    assert answer.callback is None and "callback" not in protocol.decode(answer.reply).meta


def test_bad_header_is_refused_in_the_answer():
    request = register().replace(b"X-Reflect-Callback: 3000", b"X-Reflect-Callback: 9999999")
    answer = Reflector(Config(rate_limit=0)).handle(request, SRC, "udp", 5060, budget=len(request))
    assert answer.callback is None
    assert "refused" in protocol.decode(answer.reply).meta["callback"]


def test_table_bounds_one_per_source_per_address_and_global():
    async def scenario():
        table = Callbacks(max_pending=3, max_per_address=2)
        transport = FakeTransport()

        first = parse(padded_request(dialog(), "REGISTER", callback_ms=60000))

        def offer(ip, port, call=0):
            d = dialog(40000 + call)
            request = first if call == 0 else parse(padded_request(d, "REGISTER", callback_ms=60000))
            return table.offer(request, ip, port, 5060, "203.0.113.10:5060")

        plan, meta = offer("198.51.100.1", 1000)
        assert plan and table.arm(plan, transport, ("198.51.100.1", 1000))
        # the same source again: a new request is refused, while a retransmission re-announces
        plan2, meta2 = offer("198.51.100.1", 1000, call=1)
        assert plan2 is None and "refused" in meta2
        retrans = offer("198.51.100.1", 1000)
        assert retrans[0] is None and retrans[1]["token"] == meta["token"]
        plan3, _ = offer("198.51.100.1", 1001, call=2)
        assert plan3 and table.arm(plan3, transport, ("198.51.100.1", 1001))
        plan4, meta4 = offer("198.51.100.1", 1002, call=3)  # third from one address
        assert plan4 is None and meta4 == {"refused": "too many from this address"}
        plan5, _ = offer("198.51.100.2", 1000, call=4)
        assert plan5 and table.arm(plan5, transport, ("198.51.100.2", 1000))
        plan6, meta6 = offer("198.51.100.3", 1000, call=5)  # global cap
        assert plan6 is None and meta6 == {"refused": "busy"}
        assert len(table) == 3
        table.cancel_all()
        assert len(table) == 0 and not transport.sent

    asyncio.run(scenario())


def test_callback_goes_only_to_the_requests_own_source_after_its_delay():
    async def scenario():
        table = Callbacks()
        transport = FakeTransport()
        request = parse(padded_request(dialog(), "REGISTER", callback_ms=50))
        plan, _ = table.offer(request, *SRC, 5060, "203.0.113.10:5060")
        assert not table.arm(plan, transport, ("192.0.2.66", SRC[1]))  # another address
        assert not table.arm(plan, transport, (SRC[0], SRC[1] + 1))  # another port
        assert len(table) == 0
        assert table.arm(plan, transport, SRC)
        assert not transport.sent
        await asyncio.sleep(0.2)
        assert transport.sent == [(plan.payload, SRC)]
        assert len(table) == 0 and table.sent == 1

    asyncio.run(scenario())


def test_binding_check_against_a_real_reflector(shared_reflector):
    result = run_probe(shared_reflector.address, timeout=4.0, binding_check=0.6)
    tests = {t.name: t for t in result.tests}
    for name in ("udp_binding", "control_udp_binding"):
        assert tests[name].outcome == "ok", (name, tests[name].detail)
        assert "callback=arrived" in tests[name].detail, tests[name].detail
    assert tests["control_udp_binding"].port == shared_reflector.control
    assert not [f.code for f in result.findings]


def test_binding_check_is_off_by_default(shared_reflector):
    result = run_probe(shared_reflector.address, timeout=4.0)
    assert not any("binding" in t.name for t in result.tests)


@given(st.text(max_size=40))
def test_any_header_value_is_a_delay_or_a_clear_refusal(value):
    try:
        delay = parse_delay(value)
    except CallbackError:
        return
    assert delay is None or 1 <= delay <= callback.MAX_DELAY_MS


@given(st.binary(max_size=600))
def test_token_reader_never_raises_on_stray_datagrams(data):
    token = callback.token_of(data)
    assert token is None or isinstance(token, str)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30))
def test_reflector_answers_any_header_value_without_crashing(value):
    request = register().replace(b"X-Reflect-Callback: 3000",
                                 b"X-Reflect-Callback: " + value.encode())
    answer = Reflector(Config(rate_limit=0)).handle(request, SRC, "udp", 5060, budget=len(request))
    if answer.callback is not None:
        assert len(answer.reply) + callbacks.cost(answer.callback) <= len(request)
