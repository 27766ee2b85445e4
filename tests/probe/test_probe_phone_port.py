"""The phone's own port: the probe sends one INVITE from local port 5060 when nothing holds it,
and never disturbs a softphone that does (no address sharing: the bind simply fails)."""

from __future__ import annotations

import socket

import pytest

from sipalg_wizard.probe.client import run_probe


def _hold_5060() -> socket.socket | None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(("0.0.0.0", 5060))
    except OSError:
        sock.close()
        return None
    return sock


def test_a_softphone_on_5060_is_left_alone(reflector):
    softphone = _hold_5060()
    if softphone is None:
        pytest.skip("port 5060 is taken on this machine by something else")
    try:
        result = run_probe(reflector.address, timeout=5.0)
        test = next(t for t in result.tests if t.name == "udp_phone_port")
        assert test.outcome == "skipped"
        assert test.detail == ("phone port: 5060 in use on this computer (a phone app may hold "
                               "it): not tested")
        # The softphone still gets what is sent to it (loopback only).
        softphone.settimeout(2)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            sender.sendto(b"OPTIONS sip:x SIP/2.0\r\n\r\n", ("127.0.0.1", 5060))
        assert softphone.recvfrom(100)[0].startswith(b"OPTIONS")
        assert result.findings == []  # a skipped test is no evidence either way
    finally:
        softphone.close()


def test_the_phone_port_is_used_and_released_when_free(reflector):
    probe_free = _hold_5060()
    if probe_free is None:
        pytest.skip("port 5060 is taken on this machine by something else")
    probe_free.close()
    result = run_probe(reflector.address, timeout=5.0)
    test = next(t for t in result.tests if t.name == "udp_phone_port")
    assert test.outcome == "ok"
    again = _hold_5060()  # released at once after its exchange
    assert again is not None
    again.close()
