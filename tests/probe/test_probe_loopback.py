"""The probe client against a real reflector process on loopback: no router, so nothing changes."""

from __future__ import annotations

import gc
import threading
import time

import pytest

from sipalg_wizard.diagnosis.verdict import NO_ALG_DETECTED, verdict_for
from sipalg_wizard.probe.client import PLAN, run_probe
from sipalg_wizard.reflector.process import free_ports


def test_loopback_probe_is_clean(reflector):
    states: list[tuple[str, str]] = []
    result = run_probe(reflector.address, timeout=5.0, progress=lambda n, s: states.append((n, s)))
    by_name = {t.name: t for t in result.tests}
    assert [t.name for t in result.tests] == [p.name for p in PLAN]
    for test in result.tests:
        assert test.outcome == "ok", (test.name, test.outcome, test.detail, test.rewrites)
        assert test.rewrites == []
    assert by_name["control_udp_invite"].port == reflector.control  # learned from the advert
    assert by_name["tls_invite"].port == reflector.tls
    assert by_name["udp_invite"].control is False and by_name["tls_invite"].control is True
    assert result.findings == []  # loopback has no NAT: a pinhole packet proves nothing here
    assert result.public_address.startswith("127.0.0.1:")
    assert verdict_for(result, result.findings) == NO_ALG_DETECTED
    assert ("udp_invite", "running") in states and ("udp_invite", "ok") in states
    assert result.duration_ms < 3000
    gc.collect()  # a leaked socket or transport shows up here as a ResourceWarning (an error)


def test_ipv6_loopback_probe_is_clean(reflector_on):
    import socket

    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
            s.bind(("::1", 0))
    except OSError:
        pytest.skip("no ::1 on this machine")
    running = reflector_on("::1")
    result = run_probe(f"[::1]:{running.sip}", timeout=5.0)
    assert [(t.name, t.outcome) for t in result.tests] == [(p.name, "ok") for p in PLAN]
    assert result.findings == [] and result.public_address.startswith("[::1]:")


def test_unreachable_reflector_is_quick_and_inconclusive(time_limit):
    (port,) = free_ports(1)  # nothing listens: ICMP port unreachable / RST on loopback
    started = time.monotonic()
    result = run_probe(f"127.0.0.1:{port}", timeout=10.0)
    assert time.monotonic() - started < time_limit(6.0)
    assert [f.code for f in result.findings] == ["reflector_unreachable"]
    assert all(t.outcome in ("error", "dropped") for t in result.tests)


def test_cancel_stops_the_probe_quickly(time_limit):
    # A UDP socket that reads and never answers: every test waits for its deadline.
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        port = silent.getsockname()[1]
        cancel = threading.Event()
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        result = run_probe(f"127.0.0.1:{port}", timeout=10.0, cancel=cancel)
        elapsed = time.monotonic() - started
    print(f"\ncancel after 0.3 s: run_probe returned after {elapsed:.3f} s")
    assert elapsed < time_limit(0.3 + 1.2), elapsed  # a full run here takes ~2.9 s
    assert not any(t.outcome in ("ok", "rewritten") for t in result.tests)


def test_bad_reflector_address_is_a_finding_not_an_exception():
    result = run_probe("not a host!", timeout=1.0)
    assert [f.code for f in result.findings] == ["reflector_unreachable"]
