"""Hostile input: random and mutated datagrams and streams never crash the reflector, never make it
amplify, and a valid probe is still answered afterwards. Figures are printed (pytest -s)."""

from __future__ import annotations

import random
import socket
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import SipParseError, frame, parse

SRC = ("198.51.100.9", 5060)
VALID = padded_request(Dialog("f", "udp", "10.1.2.3", 5062, "203.0.113.10", 5060, media_port=4000),
                       "INVITE", pinhole=True)


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip a byte
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif op == 1:  # truncate
            del data[at:]
        elif op == 2:  # insert junk
            data[at:at] = rng.randbytes(rng.randint(1, 40))
        elif op == 3:  # duplicate a slice (repeated headers)
            end = min(len(data), at + rng.randint(1, 200))
            data[at:at] = data[at:end]
        elif op == 4:  # CRLF games
            data[at:at] = rng.choice([b"\r\n", b"\n", b"\r\n\r\n", b"\r\n ", b":"])
        else:  # a lying Content-Length
            data = bytearray(bytes(data).replace(b"Content-Length: ", b"Content-Length: 9", 1))
        if not data:
            break
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000),
                 st.builds(lambda seed: mutate(random.Random(seed), VALID), st.integers(0, 2**32))))
def test_handle_never_raises_and_never_amplifies(data):
    reflector = Reflector(Config(rate_limit=0))
    answer = reflector.handle(data, SRC, "udp", 5060, budget=len(data))
    sent = len(answer.reply or b"") + sum(len(p[2]) + protocol.UDP_IP_OVERHEAD for p in answer.pinholes)
    assert sent <= len(data)
    if answer.reply:
        parse(answer.reply)  # whatever we send is well-formed SIP
    stream = reflector.handle(data, SRC, "tcp", 5060, budget=None)
    if stream.reply:
        parse(stream.reply)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_stream_framing_never_raises_anything_else(data):
    try:
        frame(data)
        frame(b"OPTIONS sip:a SIP/2.0\r\nContent-Length: 5\r\n\r\n" + data)
    except SipParseError:
        pass


def test_ten_thousand_mutated_datagrams_and_streams_against_the_process(reflector):
    rng = random.Random(20261125)
    sent_bytes = back_bytes = answers = 0
    started = time.monotonic()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        sock.connect(("127.0.0.1", reflector.sip))
        sock.setblocking(False)
        for i in range(10000):
            datagram = mutate(rng, VALID) if i % 4 else rng.randbytes(rng.randint(0, 1500))
            if not datagram:
                continue
            try:
                sock.send(datagram)
                sent_bytes += len(datagram)
            except (BlockingIOError, ConnectionRefusedError):
                time.sleep(0.001)
            if i % 50 == 0:  # drain now and then so the receive buffer never overflows
                time.sleep(0.002)
                while True:
                    try:
                        back_bytes += len(sock.recv(70000))
                        answers += 1
                    except (BlockingIOError, ConnectionRefusedError):
                        break
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            try:
                back_bytes += len(sock.recv(70000))
                answers += 1
            except BlockingIOError:
                time.sleep(0.01)
            except ConnectionRefusedError:
                break
    streams = 0
    for _ in range(150):
        with socket.create_connection(("127.0.0.1", reflector.sip), timeout=2) as tcp:
            blob = mutate(rng, build_request(Dialog("f", "tcp", "127.0.0.1", 1, "127.0.0.1", 5060),
                                             "INVITE"))
            try:  # the reflector may answer 400 and hang up half-way: that is allowed
                for piece in (blob[: len(blob) // 2], blob[len(blob) // 2:]):
                    tcp.sendall(piece)
                tcp.shutdown(socket.SHUT_WR)
                tcp.settimeout(2)
                while tcp.recv(65536):
                    pass
            except (TimeoutError, OSError):
                pass
            streams += 1
    elapsed = time.monotonic() - started
    print(f"\nfuzz: 10000 datagrams ({sent_bytes} B) -> {answers} answers ({back_bytes} B), "
          f"ratio {back_bytes / max(1, sent_bytes):.3f}; {streams} mutated TCP streams; {elapsed:.1f} s")
    assert back_bytes <= sent_bytes
    assert reflector.process.alive()
    # still answers a valid probe
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(2)
        sock.connect(("127.0.0.1", reflector.sip))
        probe = padded_request(Dialog("ok", "udp", "127.0.0.1", sock.getsockname()[1] or 1,
                                      "127.0.0.1", reflector.sip), "OPTIONS")
        sock.send(probe)
        assert protocol.decode(sock.recv(70000)).request_copy == probe
