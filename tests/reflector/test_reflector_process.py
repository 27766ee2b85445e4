"""The reflector as a real process on loopback: amplification, rate limit, bad input, TLS."""

from __future__ import annotations

import socket
import ssl
import time

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import frame, parse
from sipalg_wizard.sip.protocol import client_context


def udp_exchange(port: int, data: bytes, wait: float = 1.0) -> list[bytes]:
    """Send one datagram, collect everything that comes back within ``wait``."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        sock.bind(("127.0.0.1", 0))
        sock.connect(("127.0.0.1", port))
        sock.send(data)
        out, end = [], time.monotonic() + wait
        while time.monotonic() < end:
            sock.settimeout(max(0.01, end - time.monotonic()))
            try:
                out.append(sock.recv(70000))
            except (TimeoutError, ConnectionRefusedError):
                break
            wait = 0.2  # after the first answer, only stragglers
            end = min(end, time.monotonic() + wait)
        return out


def probe_message(port: int, size: int | None = None, method: str = "INVITE") -> bytes:
    dialog = Dialog("t", "udp", "127.0.0.1", 40000, "127.0.0.1", port, media_port=40002)
    if size is None:
        return padded_request(dialog, method, pinhole=method == "INVITE")
    base = build_request(dialog, method)
    if size <= len(base):
        return base[:size]
    return build_request(dialog, method, pad=size - len(base) - len(protocol.PAD_HEADER) - 4)


def test_amplification_ratio_over_request_sizes_up_to_65k(reflector):
    rows, worst = [], 0.0
    for size in (100, 300, 500, 700, 900, 1100, 1500, 3000, 9000, 20000, 40000, 65000):
        request = probe_message(reflector.sip, size)
        answers = udp_exchange(reflector.sip, request, wait=0.5)
        back = sum(len(a) for a in answers)
        ratio = back / len(request)
        worst = max(worst, ratio)
        rows.append(f"{len(request):>6} B -> {back:>5} B  ratio {ratio:.3f}")
    print("\nUDP amplification (request -> all bytes sent back, incl. pinhole packets):")
    print("\n".join(rows))
    print(f"worst ratio {worst:.3f}")
    assert worst <= 1.0


def test_a_padded_probe_gets_the_full_reflection_and_pinholes(reflector):
    request = probe_message(reflector.sip)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as media:
        media.bind(("127.0.0.1", 40002))
        media.settimeout(1.0)
        answers = udp_exchange(reflector.sip, request)
        pinhole = media.recv(100)
    assert len(answers) == 1
    reflection = protocol.decode(answers[0])
    assert reflection.request_copy == request and reflection.digest_ok
    assert pinhole.startswith(protocol.PINHOLE_MAGIC)


def test_rate_limit_per_source(reflector_with):
    running = reflector_with("--rate-limit", "2")
    request = probe_message(running.sip, method="OPTIONS")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("127.0.0.1", running.sip))
        for _ in range(10):
            sock.send(request)
        answered = 0
        sock.settimeout(0.5)
        try:
            while sock.recv(70000):
                answered += 1
        except TimeoutError:
            pass
    print(f"\nrate limit 2/s (burst 6): {answered} of 10 back-to-back requests answered")
    assert 6 <= answered <= 8  # the burst, plus a token or two refilled meanwhile
    assert running.process.alive()


def test_garbage_then_a_valid_probe(reflector):
    for junk in (b"\xff" * 1000, b"OPTIONS\r\n\r\n", b"SIP/2.0 200 OK\r\nCSeq: 1 X\r\n\r\n" * 20):
        assert udp_exchange(reflector.sip, junk, wait=0.2) == []
    with socket.create_connection(("127.0.0.1", reflector.sip), timeout=2) as tcp:
        tcp.sendall(b"GARBAGE GARBAGE\r\n\r\n")
        assert tcp.recv(1000).startswith(b"SIP/2.0 400 ")
    assert reflector.process.alive()
    assert len(udp_exchange(reflector.sip, probe_message(reflector.sip))) == 1


def test_tcp_and_tls_answer_without_padding(reflector):
    dialog = Dialog("t", "tcp", "127.0.0.1", 40000, "127.0.0.1", reflector.sip)
    request = build_request(dialog, "OPTIONS")
    with socket.create_connection(("127.0.0.1", reflector.sip), timeout=2) as tcp:
        tcp.sendall(request[:30])  # split writes are reassembled by the stream framing
        time.sleep(0.05)
        tcp.sendall(request[30:])
        reply = read_framed(tcp)
    assert protocol.decode(reply).request_copy == request
    with socket.create_connection(("127.0.0.1", reflector.tls), timeout=2) as raw, \
            client_context().wrap_socket(raw) as tls:
        assert isinstance(tls, ssl.SSLSocket)
        tls.sendall(request)
        reply = read_framed(tls)
    reflection = protocol.decode(reply)
    assert reflection.request_copy == request and reflection.meta["transport"] == "tls"
    assert parse(reply).get("cseq") == "1 OPTIONS"


def read_framed(sock) -> bytes:
    buffer = b""
    while True:
        framed = frame(buffer)
        if framed:
            return framed[0]
        chunk = sock.recv(65536)
        assert chunk, "connection closed"
        buffer += chunk
