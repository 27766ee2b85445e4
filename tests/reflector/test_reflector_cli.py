"""The ``sipalg-reflector`` command line: arguments, a given TLS certificate, a clean stop."""

from __future__ import annotations

import socket

import pytest

from sipalg_wizard.reflector.cli import build_parser, config_from_args, main
from sipalg_wizard.reflector.process import ReflectorProcess, free_ports
from sipalg_wizard.reflector.tlscert import self_signed_pem
from sipalg_wizard.sip.protocol import client_context


def test_defaults_are_the_documented_ports():
    config = config_from_args(build_parser().parse_args([]))
    assert config.udp_ports == [5060] and config.tcp_ports == [5060]
    assert config.control_udp_ports == [5070] and config.control_tcp_ports == [5070]
    assert config.tls_port == 5061 and config.rate_limit == 200
    assert config.port_rate_limit == 20 and config.max_connections == 256
    assert config.control() == {"udp": [5070], "tcp": [5070], "tls": [5061]}


def test_repeatable_ports_and_tls_off():
    args = build_parser().parse_args(["--udp-port", "5060", "--udp-port", "5080", "--tls-port", "0",
                                      "--rate-limit", "0"])
    config = config_from_args(args)
    assert config.udp_ports == [5060, 5080] and config.tls_port is None and config.rate_limit == 0


@pytest.mark.parametrize("argv", [["--udp-port", "70000"], ["--tls-key", "k.pem"],
                                  ["--rate-limit", "-1"]])
def test_bad_arguments_exit_with_a_message(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code != 0


def test_given_certificate_is_served_and_sigterm_stops_cleanly(tmp_path):
    cert, key = self_signed_pem("reflector.test")
    (tmp_path / "cert.pem").write_bytes(cert)
    (tmp_path / "key.pem").write_bytes(key)
    sip, ctl, tls = free_ports(3)
    process = ReflectorProcess(args=[
        "--host", "127.0.0.1", "--udp-port", str(sip), "--tcp-port", str(sip),
        "--control-udp-port", str(ctl), "--control-tcp-port", str(ctl), "--tls-port", str(tls),
        "--tls-cert", str(tmp_path / "cert.pem"), "--tls-key", str(tmp_path / "key.pem")]).start()
    try:
        with socket.create_connection(("127.0.0.1", tls), timeout=3) as raw, \
                client_context().wrap_socket(raw) as conn:
            der = conn.getpeercert(binary_form=True)
        from cryptography import x509

        assert "reflector.test" in x509.load_der_x509_certificate(der).subject.rfc4514_string()
    finally:
        assert process.stop() == 0  # SIGTERM: a clean exit, not a traceback


def test_windows_gets_the_selector_loop(monkeypatch):
    """The proactor loop's UDP transport goes deaf after one ICMP port unreachable on Windows
    (CPython gh-127057): the reflector runs asyncio's selector loop there."""
    import asyncio

    from sipalg_wizard.reflector import cli as reflector_cli

    class Marked(asyncio.SelectorEventLoop):
        pass

    async def loop_type():
        return type(asyncio.get_running_loop())

    monkeypatch.setattr(reflector_cli.asyncio, "SelectorEventLoop", Marked)
    assert reflector_cli._standard_run(loop_type(), platform="win32") is Marked
    assert reflector_cli._standard_run(loop_type(), platform="linux") is not Marked
    assert reflector_cli._runner("asyncio") is reflector_cli._standard_run


def test_workers_need_so_reuseport(monkeypatch):
    """Windows has no SO_REUSEPORT: --workers is refused with a sentence, not a traceback."""
    import socket as socket_module

    args = build_parser().parse_args(["--workers", "2"])
    monkeypatch.delattr(socket_module, "SO_REUSEPORT", raising=False)
    with pytest.raises(SystemExit, match="SO_REUSEPORT"):
        config_from_args(args)
