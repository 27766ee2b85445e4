"""The ALG emulator as a real middlebox in the namespace lab, seen from both ends.

A small SIP-ish server in the WAN namespace reports what arrived (hex, so nothing on the way back can
alter the copy) and who sent it; a client in the LAN namespace sends from the socket its message
claims. Independent of the probe: these tests prove the relay keeps NAT semantics.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from sipalg_wizard.lab.netns import CLIENT_IP, ROUTER_WAN_IP, SERVER_IP
from sipalg_wizard.lab.zoo import _wait_ready

pytestmark = pytest.mark.lab

SERVER = textwrap.dedent("""
    import socket, sys, threading, json
    def answer(data, src):
        head = data.split(b"\\r\\n\\r\\n")[0].decode()
        via = [l for l in head.split("\\r\\n") if l.lower().startswith("via:")][0]
        via = via.replace(";rport", "") + f";received={src[0]};rport={src[1]}"
        report = json.dumps({"src": f"{src[0]}:{src[1]}", "hex": data.hex()}).encode()
        return (f"SIP/2.0 200 OK\\r\\n{via}\\r\\nCSeq: 1 INVITE\\r\\nContact: <sip:{src[0]}:{src[1]}>"
                f"\\r\\nContent-Length: {len(report)}\\r\\n\\r\\n").encode() + report
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 5060))
    t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    t.bind(("0.0.0.0", 5060)); t.listen()
    def tcp():
        while True:
            c, src = t.accept(); c.settimeout(5); data = b""
            while b"\\r\\n\\r\\n" not in data: data += c.recv(65536)
            c.sendall(answer(data, src)); c.close()
    threading.Thread(target=tcp, daemon=True).start()
    print("ready", flush=True)
    while True:
        data, src = u.recvfrom(65536)
        u.sendto(answer(data, src), src)
        if b"m=audio" in data:  # like the reflector's pinhole test
            u.sendto(b"pinhole", (src[0], 40000))
""")

CLIENT = textwrap.dedent("""
    import socket, sys, json
    transport, size = sys.argv[1], int(sys.argv[2])
    sdp = (b"v=0\\r\\no=p 1 1 IN IP4 {ip}\\r\\ns=-\\r\\nc=IN IP4 {ip}\\r\\nt=0 0\\r\\n"
           b"m=audio 40000 RTP/AVP 0\\r\\n")
    msg = ("INVITE sip:t@{server} SIP/2.0\\r\\nVia: SIP/2.0/" + transport.upper() +
           " {ip}:5062;branch=z9hG4bK1;rport\\r\\nContact: <sip:p@{ip}:5062>\\r\\nCSeq: 1 INVITE\\r\\n"
           "X-Pad: " + "x" * size + "\\r\\n"
           f"Content-Length: {{len(sdp)}}\\r\\n\\r\\n").encode() + sdp
    media = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); media.bind(("{ip}", 40000))
    media.settimeout(1.0)
    out = {{}}
    if transport == "udp":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("{ip}", 5062)); s.settimeout(2)
        s.sendto(msg, ("{server}", 5060))
        try:
            data, src = s.recvfrom(65536); out["from"] = f"{{src[0]}}:{{src[1]}}"
        except socket.timeout:
            data = b""
    else:
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("{ip}", 5062)); s.settimeout(3); s.connect(("{server}", 5060)); s.sendall(msg)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
    out["reply"] = data.decode(errors="replace")
    try:
        out["pinhole"] = media.recvfrom(100)[0].decode()
    except socket.timeout:
        out["pinhole"] = None
    print(json.dumps(out))
""").format(ip=CLIENT_IP, server=SERVER_IP)


@pytest.fixture
def middlebox(lab):
    """Start the WAN server and an emulator profile; returns a function running the LAN client."""
    procs = []

    def start(profile: str):
        server = lab.popen(lab.wan, [sys.executable, "-c", SERVER], stdout=subprocess.PIPE)
        procs.append(server)
        _wait_ready(server, b"ready", "test server")
        alg = lab.popen(lab.router, [sys.executable, "-m", "sipalg_wizard.lab.alg_emulator",
                                     "--profile", profile, "--wan-ip", ROUTER_WAN_IP,
                                     "--upstream", SERVER_IP], stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL)
        procs.append(alg)
        _wait_ready(alg, b"ready", "emulator")

        def client(transport: str = "udp", pad: int = 10) -> dict:
            result = lab.run(lab.lan, [sys.executable, "-c", CLIENT, transport, str(pad)])
            out = json.loads(result.stdout)
            body = out["reply"].partition("\r\n\r\n")[2]
            out["seen"] = json.loads(body) if body else None
            if out["seen"]:
                out["sent"] = bytes.fromhex(out["seen"]["hex"]).decode()
            return out
        return client

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(5)
        proc.stdout.close()


def test_full_rewrites_upstream_maps_back_and_opens_a_pinhole(middlebox):
    out = middlebox("full")("udp")
    assert out["from"] == f"{SERVER_IP}:5060"  # conntrack restored the server's address
    assert out["seen"]["src"] == f"{ROUTER_WAN_IP}:5062"  # from the WAN address, port preserved
    assert f"Via: SIP/2.0/UDP {ROUTER_WAN_IP}:5062;" in out["sent"]
    assert f"Contact: <sip:p@{ROUTER_WAN_IP}:5062>" in out["sent"]
    assert f"c=IN IP4 {ROUTER_WAN_IP}" in out["sent"]
    # on the way back the kernel-style mapping undoes it: a plain echo would look untouched
    assert f"Via: SIP/2.0/UDP {CLIENT_IP}:5062;branch=z9hG4bK1;received={CLIENT_IP};rport=5062" \
        in out["reply"]
    assert out["pinhole"] == "pinhole"


def test_full_rewrites_tcp_to_the_original_destination(middlebox):
    out = middlebox("full")("tcp")
    assert out["seen"]["src"] == f"{ROUTER_WAN_IP}:5062"
    assert f"Via: SIP/2.0/TCP {ROUTER_WAN_IP}:5062;" in out["sent"]


def test_passthrough_changes_nothing_and_opens_nothing(middlebox):
    client = middlebox("passthrough")
    out = client("udp")
    assert out["seen"]["src"] == f"{ROUTER_WAN_IP}:5062"
    assert f"Via: SIP/2.0/UDP {CLIENT_IP}:5062;" in out["sent"]
    assert out["pinhole"] is None
    assert f"Via: SIP/2.0/TCP {CLIENT_IP}:5062;" in client("tcp")["sent"]


def test_drop_large_passes_small_and_drops_large(middlebox):
    client = middlebox("drop_large")
    assert client("udp", pad=100)["seen"] is not None
    assert client("udp", pad=2000)["reply"] == ""


def test_block_udp_blocks_udp_but_not_tcp(middlebox):
    client = middlebox("block_udp")
    assert client("udp")["reply"] == ""
    assert client("tcp")["seen"]["src"] == f"{ROUTER_WAN_IP}:5062"
