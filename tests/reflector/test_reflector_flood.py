"""Floods against a real reflector process: many source addresses (loopback is a whole /8), junk and
valid datagrams, spoofed sources, idle TCP connections. Counts are scaled down here; the benchmark
(``benchmarks/reflector_load.py``) runs the full 100 000."""

from __future__ import annotations

import os
import socket
import time
import urllib.request

import pytest

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector.loadgen import (
    RawSender,
    flood,
    many_sources,
    read_metrics,
    rss_kib,
    wait_quiet,
)
from sipalg_wizard.reflector.process import free_ports
from sipalg_wizard.sip import protocol
from tests.reflector.test_reflector_process import udp_exchange

root_only = pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() != 0,  # no geteuid on Windows
                               reason="raw sockets (many source addresses) need root")


def probe(port: int, media_port: int | None = None, method: str = "INVITE") -> bytes:
    dialog = Dialog("flood", "udp", "127.0.0.1", 40000, "127.0.0.1", port, media_port=media_port)
    return padded_request(dialog, method, pinhole=method == "INVITE")


def answered_with_retransmits(port: int, request: bytes, tries: int = 5) -> list[bytes]:
    for _ in range(tries):
        answers = udp_exchange(port, request, wait=1.0)
        if answers:
            return answers
    return []


@root_only
def test_flood_from_many_sources_keeps_memory_flat_and_a_probe_answered(reflector_with):
    (mport,) = free_ports(1)
    running = reflector_with("--metrics-port", str(mport))  # default limits on
    pid = running.process.process.pid
    valid = probe(running.sip, method="OPTIONS")
    with RawSender() as sender:  # warm-up: the tables and allocator reach their working size
        flood(sender, ("127.0.0.1", running.sip), many_sources(3000, seed=9), valid)
    wait_quiet(mport)
    before = rss_kib(pid)
    with RawSender() as sender:
        sent = flood(sender, ("127.0.0.1", running.sip), many_sources(20000), valid)
        # a legitimate probe from another source, in the middle of the flood; like any SIP client
        # it retransmits (the kernel drops datagrams while the socket buffer is full)
        answers = answered_with_retransmits(running.sip, probe(running.sip))
        flood(sender, ("127.0.0.1", running.sip), many_sources(10000, seed=3), valid)
    seen = wait_quiet(mport)
    after = rss_kib(pid)
    print(f"\n{sent + 10000} datagrams from ~30000 loopback sources: RSS {before} -> {after} KiB; "
          f"received {seen['requests_total']:.0f}, reflected {seen['probes_total']:.0f}, "
          f"dropped {seen['dropped_total']:.0f}")
    assert len(answers) == 1 and protocol.decode(answers[0]).digest_ok
    assert running.process.alive()
    assert seen["requests_total"] > 10000  # the flood did arrive
    assert seen["rate_limit_addresses"] <= 10000  # tables stay bounded
    assert after - before < 16 * 1024  # flat: no per-source growth beyond the bounded tables
    assert seen["errors_total"] == 0


@root_only
def test_per_source_limits_hold_under_a_flood_while_another_source_is_answered(reflector_with):
    (mport,) = free_ports(1)
    running = reflector_with("--metrics-port", str(mport), "--rate-limit", "50",
                             "--port-rate-limit", "10")
    valid = probe(running.sip, method="OPTIONS")
    # one address, many ports (a CGNAT address gone bad): at most the address's burst (150) gets
    # through, plus what refills during the flood, plus one 503 per second per address:port
    with RawSender() as sender:
        start = time.monotonic()
        for i in range(3000):
            sender.send(("127.99.0.1", 20000 + i % 300), ("127.0.0.1", running.sip), valid)
        elapsed = time.monotonic() - start
        answers = answered_with_retransmits(running.sip, probe(running.sip))
    seen = wait_quiet(mport)
    reflected = seen["pad_answers_total"] + seen["probes_total"] - 1  # minus our own probe
    print(f"\n3000 requests from one address in {elapsed:.2f} s: {reflected:.0f} answered, "
          f"{seen['rate_limited_total']:.0f} limited, {seen['busy_answers_total']:.0f} busy 503s")
    assert reflected <= 150 + 50 * (elapsed + 1)
    assert seen["rate_limited_total"] >= 3000 - reflected - 5
    assert len(answers) == 1 and protocol.decode(answers[0]).digest_ok


@root_only
def test_cgnat_customers_sharing_one_address_are_not_locked_out(reflector_with):
    """Twenty customers behind one public address each run a probe-sized burst (25 requests) at
    the same moment while a twenty-first hammers from its own port: every customer is answered."""
    running = reflector_with()  # the defaults: 200/s per address, 20/s per address:port
    valid = probe(running.sip, method="OPTIONS")
    public = "127.98.0.1"
    with RawSender() as sender:
        for _ in range(400):  # the noisy neighbour: spends its own port's budget only
            sender.send((public, 31000), ("127.0.0.1", running.sip), valid)
    customers = []
    for i in range(20):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        sock.bind((public, 32000 + i))
        sock.settimeout(2.0)
        customers.append(sock)
    try:
        for sock in customers:
            for _ in range(25):
                sock.sendto(valid, ("127.0.0.1", running.sip))
        answered = []
        for sock in customers:
            got = 0
            try:
                while got < 25:
                    reply = sock.recv(70000)
                    got += reply.startswith(b"SIP/2.0 200 ")
            except TimeoutError:
                pass
            answered.append(got)
    finally:
        for sock in customers:
            sock.close()
    print(f"\n20 customers x 25 requests behind one address: answered {answered}")
    assert answered == [25] * 20


@root_only
@pytest.mark.parametrize("limits", [(), ("--rate-limit", "0", "--port-rate-limit", "0")])
def test_spoofed_requests_never_send_a_victim_more_bytes_than_it_sent(reflector_with, limits):
    """Requests forged with a victim's address as source: everything the reflector sends to that
    address (answers, 503s, pinhole datagrams to the SDP media port) is no more than the forged
    requests carried — per request, so in total too; with the rate limits on and off."""
    running = reflector_with(*limits)
    victim_ip = "127.66.0.1"
    victims = []
    for port in (40000, 40002):  # the SIP port and the SDP media port the INVITE names
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        sock.bind((victim_ip, port))
        sock.setblocking(False)
        victims.append(sock)
    dialog = Dialog("spoof", "udp", victim_ip, 40000, "127.0.0.1", running.sip, media_port=40002)
    requests = [padded_request(dialog, "INVITE", pinhole=True), build_request(dialog, "INVITE"),
                build_request(dialog, "OPTIONS"), padded_request(dialog, "OPTIONS"),
                build_request(dialog, "INVITE", pad=3000), b"\x00" * 200]
    sent = 0
    try:
        with RawSender() as sender:
            for i in range(600):
                sender.send((victim_ip, 40000), ("127.0.0.1", running.sip), requests[i % 6])
            sent = sender.bytes
        received, end = 0, time.monotonic() + 2.0
        while time.monotonic() < end:
            got = False
            for sock in victims:
                try:
                    received += len(sock.recv(70000))
                    got = True
                except BlockingIOError:
                    pass
            if not got:
                time.sleep(0.05)
    finally:
        for sock in victims:
            sock.close()
    print(f"\nspoofed source {victim_ip}: forged {sent} B, victim received {received} B "
          f"(ratio {received / sent:.3f}, limits {'off' if limits else 'on'})")
    assert 0 < received <= sent


def test_idle_tcp_connections_are_capped_and_timed_out(reflector_with):
    (mport,) = free_ports(1)
    running = reflector_with("--metrics-port", str(mport), "--max-connections", "100",
                             "--idle-timeout", "1.5")
    conns = []
    try:
        for _ in range(1000):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.connect_ex(("127.0.0.1", running.sip))
            conns.append(sock)
        time.sleep(1.0)
        during = read_metrics(mport)
        time.sleep(2.5)  # past the idle timeout
        after = read_metrics(mport)
        dialog = Dialog("t", "tcp", "127.0.0.1", 40000, "127.0.0.1", running.sip)
        request = build_request(dialog, "OPTIONS")
        with socket.create_connection(("127.0.0.1", running.sip), timeout=3) as tcp:
            tcp.sendall(request)
            reply = tcp.recv(65536)
    finally:
        for sock in conns:
            sock.close()
    print(f"\n1000 idle TCP connections: open {during['tcp_open_connections']:.0f} "
          f"(cap 100), refused {during['tcp_rejected_total']:.0f}; after the idle timeout: open "
          f"{after['tcp_open_connections']:.0f}, idle-closed {after['tcp_idle_closed_total']:.0f}")
    assert during["tcp_open_connections"] <= 100
    assert during["tcp_rejected_total"] > 0
    assert after["tcp_open_connections"] == 0 and after["tcp_idle_closed_total"] >= 100
    assert reply.startswith(b"SIP/2.0 200 ")


def test_metrics_and_healthz(reflector_with):
    (mport,) = free_ports(1)
    running = reflector_with("--metrics-port", str(mport))
    assert len(udp_exchange(running.sip, probe(running.sip, method="OPTIONS"))) == 1
    with urllib.request.urlopen(f"http://127.0.0.1:{mport}/healthz", timeout=3) as reply:
        assert reply.status == 200 and reply.read() == b"ok\n"
    seen = read_metrics(mport)
    assert seen["requests_total"] == 1 and seen["probes_total"] == 1
    assert seen["handle_seconds_count"] == 1
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"http://127.0.0.1:{mport}/nothing", timeout=3)
