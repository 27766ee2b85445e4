"""The client fed hostile answers: it must end with errors or "inconclusive", never crash, never
claim an ALG. A fake reflector on loopback corrupts real protocol-v1 answers in different ways."""

from __future__ import annotations

import base64
import gc
import socket
import threading
import zlib

import pytest

from sipalg_wizard.diagnosis import ALG_DETECTED, verdict_for
from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.probe.client import run_probe
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip.message import frame


def truncated(request, answer, state):
    return [answer[: len(answer) // 2]]


def huge(request, answer, state):
    return [b"SIP/2.0 200 OK\r\n" + b"X-Junk: " + b"A" * 60000 + b"\r\n\r\n"]


def bad_encoding(request, answer, state):
    head, _, body = answer.partition(b"Copy: ")
    return [head + b"Copy: !!!not-base64!!!" + body[body.index(b"\r\n"):]]


def zip_bomb(request, answer, state):
    bomb = base64.b64encode(zlib.compress(b"{}" + b"\0" * 5_000_000, 9))
    head, _, body = answer.partition(b"Copy: ")
    return [head + b"Copy: " + bomb + body[body.index(b"\r\n"):]]


def wrong_call_id(request, answer, state):
    """An answer for some other call: another Call-ID, another branch."""
    other = answer.replace(b"Call-ID: ", b"Call-ID: other-", 1)
    return [other.replace(b"branch=z9hG4bK", b"branch=z9hG4bKx")]


def replay(request, answer, state):
    previous = state.get("previous")
    state["previous"] = answer
    return [previous] if previous else []


def spoofed_source(request, answer, state):
    state.setdefault("spoof", []).append(answer)  # sent from another port: see the server
    return []


def not_sip(request, answer, state):
    return [b"\x16\x03\x01 hello, I am not a SIP server"]


MODES = [truncated, huge, bad_encoding, zip_bomb, wrong_call_id, replay, spoofed_source, not_sip]


class HostileServer:
    """UDP and TCP on one loopback port; answers every request through ``mode``."""

    @staticmethod
    def _udp_and_tcp_on_one_port() -> tuple[socket.socket, socket.socket]:
        """The UDP port the kernel picks may be taken for TCP by another process (other test
        runs share the machine): try again, closing what did not fit, instead of failing."""
        for _ in range(50):
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.bind(("127.0.0.1", 0))
            tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                tcp.bind(("127.0.0.1", udp.getsockname()[1]))
            except OSError:
                udp.close()
                tcp.close()
                continue
            return udp, tcp
        raise OSError("no loopback port free for both UDP and TCP")

    def __init__(self, mode):
        self.mode = mode
        self.reflector = Reflector(Config(rate_limit=0, pinhole=False))
        self.udp, self.tcp = self._udp_and_tcp_on_one_port()
        self.port = self.udp.getsockname()[1]
        self.tcp.listen(8)
        self.other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.other.bind(("127.0.0.1", 0))
        self.state: dict = {}
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._udp_loop, daemon=True),
                        threading.Thread(target=self._tcp_loop, daemon=True)]

    def answers(self, data: bytes, peer, transport: str) -> list[bytes]:
        real = self.reflector.handle(data, peer, transport, self.port, budget=None).reply
        if real is None:
            return []
        return self.mode(data, real, self.state)

    def _udp_loop(self):
        self.udp.settimeout(0.1)
        while not self.stop.is_set():
            try:
                data, peer = self.udp.recvfrom(70000)
            except (TimeoutError, OSError):
                continue
            for out in self.answers(data, peer, "udp"):
                self.udp.sendto(out[:65000], peer)
            for out in self.state.pop("spoof", []):
                self.other.sendto(out, peer)

    def _tcp_loop(self):
        self.tcp.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, peer = self.tcp.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._conn, args=(conn, peer), daemon=True).start()

    def _conn(self, conn, peer):
        conn.settimeout(2)
        buffer = b""
        try:
            while not self.stop.is_set():
                chunk = conn.recv(65536)
                if not chunk:
                    return
                buffer += chunk
                while (framed := frame(buffer)) is not None:
                    message, buffer = framed
                    for out in self.answers(message, peer, "tcp"):
                        conn.sendall(out)
        except (OSError, ValueError):
            pass
        finally:
            conn.close()

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(2)
        for s in (self.udp, self.tcp, self.other):
            s.close()


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.__name__)
def test_hostile_answers_never_make_an_alg_verdict(mode):
    with HostileServer(mode) as server:
        result = run_probe(f"127.0.0.1:{server.port}", timeout=3.0)
    alg = [f.code for f in result.findings if BY_CODE[f.code].alg]
    assert alg == [], (mode.__name__, result.findings, [(t.name, t.outcome, t.detail) for t in result.tests])
    assert verdict_for(result, result.findings) != ALG_DETECTED
    assert result.duration_ms < 3000 + 1500
    assert all(t.outcome in ("error", "dropped", "ok", "skipped") for t in result.tests)
    gc.collect()  # no socket or transport left behind, whatever the answers were
