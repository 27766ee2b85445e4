"""The benchmark's own paced generator (``loadgen.paced_udp_load``): counts what it should, stays
within its bounds, and sends to loopback only."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from sipalg_wizard.reflector.loadgen import SEQ_MARK, NotLoopback, paced_udp_load

TEMPLATE = b"OPTIONS sip:x SIP/2.0\r\nCall-ID: " + SEQ_MARK + b"\r\n\r\n"


def echo_server(every: int = 1) -> tuple[socket.socket, threading.Event, threading.Thread]:
    """A loopback UDP server that echoes one datagram in ``every`` (the others are 'lost')."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def run() -> None:
        count = 0
        while not stop.is_set():
            try:
                data, addr = sock.recvfrom(70000)
            except TimeoutError:
                continue
            count += 1
            if count % every == 0:
                sock.sendto(b"SIP/2.0 200 OK\r\n" + data, addr)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return sock, stop, thread


@pytest.mark.parametrize("every,expected_share", [(1, 1.0), (4, 0.25)])
def test_every_answer_is_matched_to_its_request(every, expected_share):
    server, stop, thread = echo_server(every)
    try:
        result = paced_udp_load(server.getsockname(), TEMPLATE, rate=2000, seconds=0.5, drain=0.5)
    finally:
        stop.set()
        thread.join(2.0)
        server.close()
    assert result.sent == 1000
    assert result.answered == pytest.approx(expected_share * result.sent, abs=5)
    assert result.lost == result.sent - result.answered
    assert len(result.latencies) == result.answered and all(x >= 0 for x in result.latencies)
    assert 0 < result.percentile(0.5) <= result.percentile(0.99) < 1000  # milliseconds
    assert 1000 <= result.offered <= 3000  # paced, not a burst (loose: CI machines are busy)


def test_a_silent_port_ends_within_the_bound_with_everything_lost():
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))  # bound, never read: nothing comes back
    try:
        started = time.monotonic()
        result = paced_udp_load(silent.getsockname(), TEMPLATE, rate=1000, seconds=0.3, drain=0.3)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert result.sent == 300 and result.answered == 0 and result.percentile(0.5) is None
    assert elapsed < 0.3 + 0.3 + 1.0


def test_only_loopback_and_a_numbered_template():
    with pytest.raises(NotLoopback):
        paced_udp_load(("192.0.2.1", 5060), TEMPLATE, rate=10, seconds=0.1)
    with pytest.raises(ValueError):
        paced_udp_load(("127.0.0.1", 5060), b"OPTIONS sip:x SIP/2.0\r\n\r\n", rate=10, seconds=0.1)
