"""The provider mirror on loopback: a real reflector process stands in for a SIP provider (it
answers OPTIONS and REGISTER with received/rport, as Asterisk or Kamailio do)."""

from __future__ import annotations

import socket

from sipalg_wizard.probe import provider
from sipalg_wizard.probe.provider import Echo, ProviderResult


def test_reachable_provider_echoes_our_via_and_no_finding(reflector):
    result = provider.run_provider_mirror(reflector.address, timeout=3.0)
    assert result.reachable, [t.detail for t in result.tests]
    assert {t.name: t.outcome for t in result.tests} == {
        "provider_udp_options": "ok", "provider_udp_register": "ok",
        "provider_tcp_options": "ok", "provider_tcp_register": "ok"}
    for test in result.tests:
        assert "Via echoed as sent" in test.detail and "received=127.0.0.1" in test.detail
    assert result.findings == []  # 127.0.0.1 is not a private LAN address: nothing was mapped
    assert "hides" in result.note  # says what it cannot see


def test_nobody_listening_is_unreachable_not_a_crash():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    result = provider.run_provider_mirror(f"127.0.0.1:{port}", timeout=1.5)
    assert not result.reachable and result.findings == []
    assert all(t.outcome in ("error", "dropped") for t in result.tests)
    assert provider.run_provider_mirror("not a host:99999").tests[0].outcome == "error"


def echo(received, echoed="192.168.77.10:5000", local="192.168.77.10:5000"):
    return Echo(200, "OK", "192.168.77.10:5000", echoed, received, "5000", local)


def test_answers_mapped_back_on_udp_only_are_a_reverse_mapping_alg():
    result = ProviderResult("203.0.113.10", echoes={
        "provider_udp_options": echo("192.168.77.10"),
        "provider_tcp_options": echo("100.64.0.1")})
    provider.analyse(result)
    assert [f.code for f in result.findings] == ["inbound_rewritten"]
    assert result.findings[0].method == "provider" and result.public_address == "100.64.0.1"


def test_via_changed_in_the_echo_is_via_rewritten():
    result = ProviderResult("203.0.113.10", echoes={
        "provider_udp_register": echo(None, echoed="100.64.0.1:5000"),
        "provider_tcp_register": echo(None, echoed="100.64.0.1:5000")})
    provider.analyse(result)
    assert [f.code for f in result.findings] == ["via_rewritten", "tcp_rewritten"]


def test_an_echo_only_server_shows_nothing_and_says_so():
    result = ProviderResult("203.0.113.10", echoes={"provider_udp_options": echo(None)})
    provider.analyse(result)
    assert result.reachable and result.findings == [] and result.public_address is None
