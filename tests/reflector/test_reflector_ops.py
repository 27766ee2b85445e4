"""Operations: JSON log lines, the two-level (CGNAT-friendly) rate limit, ``--workers``."""

from __future__ import annotations

import json
import logging
import socket

import pytest

from sipalg_wizard.probe.messages import Dialog, padded_request
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.reflector.jsonlog import JsonFormatter
from sipalg_wizard.reflector.process import ReflectorProcess, free_ports
from sipalg_wizard.sip import protocol
from tests.reflector.test_reflector_process import udp_exchange


def request(port: int = 5060, method: str = "OPTIONS") -> bytes:
    dialog = Dialog("ops", "udp", "192.0.2.10", 40000, "127.0.0.1", port, media_port=40002)
    return padded_request(dialog, method, pinhole=method == "INVITE")


@pytest.mark.parametrize("fast_path", [True, False], ids=["compiled", "python"])
def test_one_json_line_per_request_with_the_call_hash_and_no_body(caplog, fast_path):
    reflector = Reflector(Config(rate_limit=0, port_rate_limit=0, fast_path=fast_path))
    data = request(method="INVITE")
    with caplog.at_level(logging.INFO, logger="sipalg.reflector"):
        answer = reflector.handle(data, ("198.51.100.7", 4000), "udp", 5060, len(data))
    assert answer.note == "reflected"
    lines = [JsonFormatter().format(r) for r in caplog.records]
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["event"] == "request" and doc["method"] == "INVITE" and doc["src"] == "198.51.100.7:4000"
    assert doc["call"] == protocol.call_hash(protocol.parse(data).get("call-id")) and doc["in"] == len(data)
    assert "192.0.2.10" not in lines[0] and "v=0" not in lines[0]  # no body, no private address
    assert reflector.metrics.counters["probes"] == 1 and reflector.metrics.latency_count == 1


@pytest.mark.expect_log("sipalg.reflector")  # refusing is logged: the test goes over the limit on purpose
def test_a_noisy_port_spends_its_own_budget_not_its_neighbours():
    reflector = Reflector(Config(rate_limit=10, port_rate_limit=2))  # bursts: 30 per address, 6 per port
    data = request()
    noisy = [reflector.handle(data, ("203.0.113.1", 1000), "udp", 5060, len(data)).note
             for _ in range(50)]
    assert noisy.count("reflected") == 6
    neighbours = [reflector.handle(data, ("203.0.113.1", 2000 + i), "udp", 5060, len(data)).note
                  for i in range(24)]
    assert neighbours == ["reflected"] * 24  # the address's burst is still there for them
    assert reflector.handle(data, ("203.0.113.1", 3000), "udp", 5060, len(data)).note != "reflected"
    assert reflector.metrics.counters["rate_limited"] == 45


def test_workers_share_the_port_and_stop_together():
    sip, ctl = free_ports(2)
    process = ReflectorProcess(args=[
        "--host", "127.0.0.1", "--udp-port", str(sip), "--tcp-port", str(sip),
        "--control-udp-port", str(ctl), "--control-tcp-port", str(ctl), "--tls-port", "0",
        "--quiet", "--workers", "2"], ready_timeout=20).start()
    try:
        for _ in range(4):
            answers = udp_exchange(sip, request(sip), wait=2.0)
            assert len(answers) == 1 and protocol.decode(answers[0]).digest_ok
    finally:
        assert process.stop() == 0
    # both workers are gone: the port is free again
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", sip))
