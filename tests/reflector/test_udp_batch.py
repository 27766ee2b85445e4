"""UDP in batches (``udp_pump.py``, ``_udpbatch.c``): the same answers as one datagram at a time.

The batch loop inlines ``Reflector.handle`` for speed, so it is checked against it on a mixed batch
(compiled answers, Python answers, ACKs, junk, pinholes, a delayed callback, a source going over
its rate limit); the C send/receive calls on real loopback sockets; and the server process both
with the batch loop and without it (``--no-fast-path``: asyncio's datagram endpoint).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time

import pytest

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector import callbacks, udp_pump
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.reflector.loadgen import read_metrics
from sipalg_wizard.reflector.process import free_ports
from tests.reflector.test_reflector_process import udp_exchange

pytestmark = pytest.mark.skipif(not udp_pump.AVAILABLE, reason="_udpbatch is not compiled here")


def mixed_batch() -> list[tuple[bytes, str, int]]:
    """Datagrams as recv_many returns them: (data, source ip as the kernel writes it, port)."""
    v4 = Dialog("batch", "udp", "192.168.1.10", 40000, "127.0.0.1", 5060, media_port=40002)
    v6 = Dialog("batch6", "udp", "fd00::10", 40000, "::1", 5060, media_port=40002)
    callback_request = padded_request(Dialog("cb", "udp", "192.168.1.11", 40010, "127.0.0.1", 5060),
                                      "OPTIONS", callback_ms=50)
    batch = [
        (padded_request(v4, "OPTIONS"), "203.0.113.7", 40000),
        (padded_request(v4, "INVITE", pinhole=True), "203.0.113.7", 40000),
        (build_request(v4, "ACK"), "203.0.113.7", 40000),
        (build_request(v4, "OPTIONS"), "203.0.113.7", 40001),  # too small: "pad to N"
        (b"\x00junk" * 40, "203.0.113.8", 1234),  # silence
        (padded_request(v6, "REGISTER"), "2001:db8::7", 40000),
        (padded_request(v4, "OPTIONS"), "::ffff:198.51.100.9", 5062),  # v4-mapped on a v6 socket
        (padded_request(v4, "INVITE", pinhole=True), "::ffff:198.51.100.9", 5064),  # pinholes too
        (callback_request, "203.0.113.9", 40010),
    ]
    # one source over its per-port burst (20/s, burst 60): the last ones are refused or told "busy"
    batch += [(padded_request(v4, "OPTIONS"), "198.51.100.1", 7000)] * 70
    return batch


@pytest.mark.expect_log("sipalg.reflector")  # the batch includes rate-limited sources on purpose
def test_a_batch_is_answered_as_handle_answers_one_datagram_at_a_time():
    batch = mixed_batch()
    one, many = Reflector(Config()), Reflector(Config())
    expected, expected_arms = [], []
    for data, ip, port in batch:
        answer = one.handle(data, (ip, port), "udp", 5060, budget=len(data))
        if answer.reply:
            expected.append((answer.reply, ip, port))
            expected += [(payload, ip, media_port) for _, media_port, payload in answer.pinholes]
            if answer.callback is not None:
                expected_arms.append((answer.callback, (ip, port)))
    out: list[tuple[bytes, str, int]] = []
    arms: list[tuple[callbacks.Plan, tuple]] = []
    many.handle_udp_batch(batch, 5060, out, lambda plan, addr: arms.append((plan, addr)))

    assert out == expected
    assert arms == expected_arms and len(arms) == 1
    assert many.metrics.counters == one.metrics.counters
    assert many.stats == one.stats
    counters = many.metrics.counters
    assert counters["fast_path_answers"] >= 5 and counters["pinholes"] == 4
    assert counters["rate_limited"] == 10 and counters["busy_answers"] == 1
    assert counters["pad_answers"] == 1 and counters["dropped"] >= 1
    assert many.metrics.latency_count == len(batch)


@pytest.mark.expect_log("sipalg.reflector")  # the injected bug is logged with its traceback, as it should be
def test_an_internal_error_costs_one_datagram_not_the_batch(monkeypatch):
    reflector = Reflector(Config(rate_limit=0, port_rate_limit=0, fast_path=False))
    good = padded_request(Dialog("e", "udp", "192.168.1.10", 40000, "127.0.0.1", 5060), "OPTIONS")
    real = reflector._answer

    def broken(data, *args):
        if data.startswith(b"BOOM"):
            raise RuntimeError("a bug")
        return real(data, *args)

    monkeypatch.setattr(reflector, "_answer", broken)
    out: list = []
    reflector.handle_udp_batch([(b"BOOM" + good, "203.0.113.1", 1), (good, "203.0.113.2", 2)], 5060,
                               out, lambda *_: None)
    assert [(ip, port) for _, ip, port in out] == [("203.0.113.2", 2)]
    assert reflector.metrics.counters["errors"] == 1


@pytest.mark.parametrize("family,host", [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")])
def test_recv_many_and_send_many_on_loopback(family, host):
    from sipalg_wizard.reflector import _udpbatch

    server = socket.socket(family, socket.SOCK_DGRAM)
    client = socket.socket(family, socket.SOCK_DGRAM)
    try:
        server.bind((host, 0))
        server.setblocking(False)
        client.bind((host, 0))
        client.settimeout(2.0)
        assert _udpbatch.recv_many(server.fileno(), 64) == []  # nothing waiting: no blocking
        sent = [b"%d " % i + b"x" * (i * 97) for i in range(100)]  # up to 9.6 kB each
        got = []
        for start in range(0, len(sent), 10):  # in tens: the default receive buffer is small
            for data in sent[start:start + 10]:
                client.sendto(data, server.getsockname()[:2])
            end = time.monotonic() + 2.0
            while len(got) < start + 10 and time.monotonic() < end:
                got += _udpbatch.recv_many(server.fileno(), 64)
        client_port = client.getsockname()[1]
        assert [data for data, _, _ in got] == sent
        assert {(ip, port) for _, ip, port in got} == {(host, client_port)}
        replies = [(data[:8], ip, port) for data, ip, port in got]
        assert _udpbatch.send_many(server.fileno(), replies) == len(replies)
        assert [client.recv(100) for _ in replies] == [data[:8] for data in sent]
        # a destination the socket cannot reach is skipped; the others still go out
        other = "::1" if family == socket.AF_INET else "127.0.0.1"
        mixed = [(b"a", host, client_port), (b"b", other, client_port), (b"c", host, client_port)]
        assert _udpbatch.send_many(server.fileno(), mixed) == 2
        assert [client.recv(100), client.recv(100)] == [b"a", b"c"]
        with pytest.raises(ValueError):
            _udpbatch.send_many(server.fileno(), [(b"x", "not an address", 5060)])
    finally:
        server.close()
        client.close()


@pytest.mark.parametrize("extra,fast", [((), True), (("--no-fast-path",), False)],
                         ids=["batched", "asyncio"])
def test_the_server_answers_udp_with_and_without_the_compiled_paths(reflector_with, extra, fast):
    (metrics_port,) = free_ports(1)
    running = reflector_with("--rate-limit", "0", "--metrics-port", str(metrics_port), *extra)
    dialog = Dialog("srv", "udp", "127.0.0.1", 40000, "127.0.0.1", running.sip, media_port=40002)
    for method in ("OPTIONS", "INVITE"):
        answers = udp_exchange(running.sip, padded_request(dialog, method, pinhole=method == "INVITE"))
        assert answers and answers[0].startswith(b"SIP/2.0 200 OK"), method
    seen = read_metrics(metrics_port)
    assert seen["probes_total"] == 2
    assert seen["fast_path_answers_total"] == (2 if fast else 0)
    assert seen["fast_path"] == (1 if fast else 0)


def test_the_compiled_loop_answers_as_handle_does(caplog):
    """``_udpbatch.serve`` (used when requests are not logged one by one) on real loopback
    sockets: every client gets what handle() would have sent it, and the metrics agree. The mix:
    compiled answers, a pinhole INVITE, an ACK, a "pad to N", junk, a delayed callback, a request
    the compiled path declines (a TAB), and a source going over its per-port limit."""
    from sipalg_wizard.reflector import _udpbatch

    caplog.set_level(logging.WARNING, logger="sipalg.reflector")  # the loop runs only when quiet
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    server.bind(("127.0.0.1", 0))
    server.setblocking(False)
    clients = {}
    try:
        for ip in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
            for _ in range(2):
                sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
                sock.bind((ip, 0))
                sock.setblocking(False)
                clients[sock.getsockname()] = sock
        a, media, b, _, c, _ = list(clients)  # two sockets per address: media is a's neighbour
        port = server.getsockname()[1]
        dialog = Dialog("native", "udp", "192.168.1.10", 40000, "127.0.0.1", port, media_port=media[1])
        sends = [(a, padded_request(dialog, "OPTIONS")), (a, padded_request(dialog, "INVITE", pinhole=True)),
                 (a, build_request(dialog, "ACK")), (b, build_request(dialog, "OPTIONS")),
                 (b, b"\x00junk" * 40), (c, padded_request(dialog, "OPTIONS", callback_ms=50)),
                 (c, padded_request(dialog, "REGISTER").replace(b"Max-Forwards: 70", b"Max-Forwards:\t70"))]
        sends += [(b, padded_request(dialog, "OPTIONS"))] * 70  # over the per-port burst of 60

        reference, expected = Reflector(Config()), {}
        for src, data in sends:
            answer = reference.handle(data, src, "udp", port, budget=len(data))
            if answer.reply:
                expected.setdefault(src, []).append(answer.reply)
                for _, media_port, payload in answer.pinholes:
                    expected.setdefault((src[0], media_port), []).append(payload)

        reflector, arms = Reflector(Config()), []
        args = reflector.native_udp_args()
        assert args is not None
        for src, data in sends:
            clients[src].sendto(data, ("127.0.0.1", port))
        served, end = 0, time.monotonic() + 5.0
        while served < len(sends) and time.monotonic() < end:
            received, leftovers, counts = _udpbatch.serve(server.fileno(), 64, port, *args)
            served += received
            reflector.account_native(counts)
            out: list = []
            reflector.handle_udp_leftovers(leftovers, port, out, lambda plan, addr: arms.append(addr))
            _udpbatch.send_many(server.fileno(), out)
        assert served == len(sends)

        got: dict = {}
        end = time.monotonic() + 2.0
        while sum(map(len, got.values())) < sum(map(len, expected.values())) and time.monotonic() < end:
            for name, sock in clients.items():
                with contextlib.suppress(BlockingIOError):
                    got.setdefault(name, []).append(sock.recv(70000))
        # per destination the same datagrams; within one batch the compiled answers go out before
        # the Python path's (SIP matches answers to transactions, not to arrival order)
        assert {k: sorted(v) for k, v in got.items() if v} == {k: sorted(v) for k, v in expected.items()}
        assert arms == [c]  # the delayed callback, armed for its own source
        assert reflector.metrics.counters == reference.metrics.counters
        assert reflector.stats == reference.stats
        assert reflector.metrics.latency_count == reference.metrics.latency_count == len(sends)
        assert reflector.metrics.counters["fast_path_answers"] >= 60  # the loop really answered
    finally:
        server.close()
        for sock in clients.values():
            sock.close()
