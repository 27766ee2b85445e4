"""The web-banner reader: lenient with broken HTTP, strict with its bounds."""

from __future__ import annotations

import gzip
import socket
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sipalg_wizard.identify import http_banner
from sipalg_wizard.identify.http_banner import (
    Deadline,
    HttpResponse,
    Port,
    PortResult,
    clean_text,
    decompress,
    extract_generator,
    extract_refresh,
    extract_title,
    grab,
    parse_head,
    parse_realm,
)
from sipalg_wizard.lab.imitation import ImitationRouter, Page, Profile


def test_parse_head_tolerates_bare_lf_junk_lines_and_folding():
    head = (b"HTTP/1.0 401 Unauthorized\nServer: Boa/0.94\nthis line is broken\n"
            b": empty name\nWWW-Authenticate: Basic\n realm=\"NETGEAR R7000\"\r\nX: y")
    version, status, reason, headers = parse_head(head)
    assert (version, status, reason) == ("HTTP/1.0", 401, "Unauthorized")
    assert headers == [("Server", "Boa/0.94"), ("WWW-Authenticate", 'Basic realm="NETGEAR R7000"'),
                       ("X", "y")]


def test_parse_head_without_status_line():
    assert parse_head(b"garbage\nServer: x")[1] is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_parse_head_never_raises(data):
    parse_head(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2048))
def test_page_extractors_never_raise(text):
    extract_title(text)
    extract_generator(text)
    extract_refresh(text)
    parse_realm(text)


@pytest.mark.parametrize(("value", "realm"), [
    ('Basic realm="NETGEAR R7000"', "NETGEAR R7000"),
    ('Digest qop="auth", realm="Ubee", nonce="1"', "Ubee"),
    ("Basic realm=TD-W8901G", "TD-W8901G"),
    ("Basic realm='WRT54G'", "WRT54G"),
    ("NETGEAR Router WNR2000v4", "NETGEAR Router WNR2000v4"),  # no scheme, no realm=
])
def test_parse_realm(value, realm):
    assert parse_realm(value) == realm


def test_title_generator_and_refresh():
    page = ('<html><head><META name="Generator" content="LuCI 23.05">'
            "<title>\n  Synology&nbsp;Router &amp; more</title>"
            "<meta http-equiv='refresh' content='0; URL=/cgi-bin/luci/'></head></html>")
    assert extract_title(page) == "Synology Router & more"
    assert extract_generator(page) == "LuCI 23.05"
    assert extract_refresh(page) == "/cgi-bin/luci/"
    assert extract_title("<title>unclosed FRITZ!Box") == "unclosed FRITZ!Box"
    assert extract_refresh('<script>top.location.href="/login.htm";</script>') == "/login.htm"
    assert clean_text("a\x00b\x1b[31m c") == "ab[31m c"


def test_gzip_is_decompressed_only_up_to_the_cap():
    bomb = gzip.compress(bytes(8 * 1024 * 1024) + b"<title>bait</title>")
    data, truncated = decompress(bomb, "gzip", 1000)
    assert len(data) == 1000 and truncated
    assert decompress(gzip.compress(b"<title>ok</title>"), "gzip", 1000) == (b"<title>ok</title>",
                                                                             False)
    assert decompress(b"not gzip", "gzip", 1000) == (b"", False)


def test_chunked_bodies_are_dechunked_leniently():
    raw = b"5\r\nhello\r\n6;ext=1\n world\n0\r\n\r\n"
    assert http_banner._dechunk(raw, 100) == b"hello world"
    assert http_banner._dechunk(b"zz\r\nbroken", 100) == b""


@pytest.mark.parametrize(("location", "expected"), [
    ("/login.htm", (80, False, "/login.htm")),
    ("https://127.0.0.5:8443/x?y=1", (8443, True, "/x?y=1")),
    ("http://127.0.0.6/", None),             # another address
    ("http://routerlogin.net/", None),       # a name: never resolved, never followed
    ("javascript:alert(1)", None),
    ("ftp://127.0.0.5/", None),
])
def test_redirects_stay_on_the_gateway(location, expected):
    assert http_banner._next_hop("http://127.0.0.5/", location, "127.0.0.5") == expected


def test_observations_from_a_response():
    response = HttpResponse(
        "http://127.0.0.5/", "HTTP/1.1", 401, "Unauthorized",
        [("Server", "mini_httpd/1.19"), ("WWW-Authenticate", 'Basic realm="NETGEAR R7000"')],
        b"<title>401 Unauthorized</title><script src='/luci-static/x.js'>",
        cert=http_banner.CertInfo("CN=www.routerlogin.net,O=NETGEAR", "CN=www.routerlogin.net,O=NETGEAR"))
    found = {(o.source, o.text) for o in http_banner.observations(PortResult(Port(80, False),
                                                                             [response]))}
    assert ("http_realm", "NETGEAR R7000") in found
    assert ("http_server", "mini_httpd/1.19") in found
    assert ("tls_subject", "CN=www.routerlogin.net,O=NETGEAR") in found
    assert ("html_title", "401 Unauthorized") in found


def test_unreadable_certificate_is_data_not_a_crash():
    info = http_banner.read_certificate(b"\x30\x03\x02\x01\x00", "TLSv1.2")
    assert info.subject is None and info.error


# -- against imitation routers on loopback ---------------------------------------------------

def _router(profile, host="127.0.0.3"):
    return ImitationRouter(profile, host, ssdp_port=None)


def test_reads_broken_http_and_http09():
    with _router("dlink-boa-broken") as router:
        result = grab(router.host, Port(router.http_port, False))
    assert result.error is None
    response = result.responses[0]
    assert response.status == 200 and response.header("server") == "Boa/0.94.14rc21"
    assert extract_title(response.text) == "D-Link DSL-2750U"
    with _router("zte-http09") as router:
        result = grab(router.host, Port(router.http_port, False))
    assert result.responses[0].version == "HTTP/0.9"
    assert extract_title(result.responses[0].text) == "ZXHN H108N"


def test_reads_the_certificate_of_a_self_signed_router():
    with _router("netgear-r7000") as router:
        result = grab(router.host, Port(router.https_port, True))
    cert = result.responses[0].cert
    assert cert is not None and cert.tls_version
    assert "O=NETGEAR" in cert.subject and "CN=www.routerlogin.net" in cert.issuer


def test_follows_at_most_three_redirects_on_the_gateway():
    pages = {f"/{i}": Page(302, "Found", [("Location", f"/{i + 1}")]) for i in range(10)}
    pages["/"] = Page(302, "Found", [("Location", "/0")])
    with _router(Profile("loop", "redirects forever", pages)) as router:
        result = grab(router.host, Port(router.http_port, False))
    assert len(result.responses) == 4  # the page and three redirects
    assert result.refused_redirect == "/3"
    assert [path for _, path in router.requests] == ["/", "/0", "/1", "/2"]


def test_a_redirect_to_a_public_address_is_never_followed():
    attempts = []

    def connect(host, port, timeout):
        attempts.append(host)
        if host != "127.0.0.4":
            raise AssertionError(f"tried to connect to {host}")
        return http_banner.default_connect(host, port, timeout)

    with _router("hostile-public-redirect", "127.0.0.4") as router:
        result = grab(router.host, Port(router.http_port, False), connect=connect)
    assert attempts == ["127.0.0.4"]
    assert result.refused_redirect.startswith("http://198.51.100.77/")


def test_a_closed_port_is_an_error_not_an_exception():
    with socket.socket() as probe:
        probe.bind(("127.0.0.3", 0))
        port = probe.getsockname()[1]
    result = grab("127.0.0.3", Port(port, False))
    assert result.responses == [] and "ConnectionRefused" in result.error


def test_deadline_bounds_connect_and_read():
    deadline = Deadline(0.2)
    time.sleep(0.25)
    with pytest.raises(http_banner.FetchTimeout):
        http_banner.fetch("127.0.0.3", 9, False, deadline=deadline)


def _canned(reply: bytes, peers: list):
    """A connector whose 'server' has already sent ``reply`` and hung up (no network at all)."""

    def connect(host, port, timeout):
        client, server = socket.socketpair()
        peers.append(server)
        server.sendall(reply)
        server.shutdown(socket.SHUT_WR)
        return client

    return connect


@settings(max_examples=150, deadline=None)
@given(st.one_of(
    st.binary(max_size=4096),
    st.builds(lambda head, body: b"HTTP/1.1 200 OK\r\n" + head + b"\r\n\r\n" + body,
              st.binary(max_size=512), st.binary(max_size=2048)),
    st.builds(lambda n, body: b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
              b"Content-Encoding: gzip\r\nContent-Length: " + str(n).encode() + b"\r\n\r\n" + body,
              st.integers(-5, 10**9), st.binary(max_size=1024)),
))
def test_any_reply_is_read_without_an_exception(reply):
    peers: list[socket.socket] = []
    try:
        result = grab("127.0.0.9", Port(80, False), connect=_canned(reply, peers), timeout=1.0)
    finally:
        for peer in peers:
            peer.close()
    http_banner.observations(result)  # whatever came back can be turned into observations
    assert result.error is None or result.error.split(":")[0] in {
        "FetchTimeout", "TooLarge", "ProtocolError"}


def test_an_old_tls_10_router_is_still_read():
    with _router("zyxel-usg20w-old-tls") as router:
        result = grab(router.host, Port(router.https_port, True))
    if result.error and "TLS" in result.error:
        pytest.skip(f"this OpenSSL refuses TLS 1.0 entirely: {result.error}")
    cert = result.responses[0].cert
    assert cert.tls_version == "TLSv1" and cert.subject == "CN=usg20w_5CF4AB615FAC"


def test_http_to_https_redirect_on_the_gateway_is_followed():
    with _router("zyxel-usg20w-old-tls") as router:
        result = grab(router.host, Port(router.http_port, False))
    assert [r.url.split(":")[0] for r in result.responses] == ["http", "https"]
    assert extract_title(result.responses[-1].text) == "USG20W-VPN"


def test_ipv6_gateway():
    try:
        server = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        server.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    server.listen(1)
    port = server.getsockname()[1]

    def serve():
        conn, _ = server.accept()
        request = conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n<title>Speedport Smart 4</title>"
                     if b"Host: [::1]:" in request else b"HTTP/1.1 400 Bad\r\n\r\n")
        conn.close()

    import threading

    thread = threading.Thread(target=serve)
    thread.start()
    try:
        result = grab("::1", Port(port, False))
    finally:
        thread.join(5)
        server.close()
    assert extract_title(result.responses[0].text) == "Speedport Smart 4"


def test_a_server_that_keeps_the_connection_open_does_not_hold_us():
    peers: list[socket.socket] = []

    def connect(host, port, timeout):
        client, server = socket.socketpair()
        peers.append(server)
        server.sendall(b"HTTP/1.1 200 OK\r\n\r\n<html><title>Tenda</title></html>\n")
        return client  # and never closes

    started = time.monotonic()
    try:
        result = grab("127.0.0.9", Port(80, False), connect=connect, timeout=3)
    finally:
        for peer in peers:
            peer.close()
    assert time.monotonic() - started < 1.0
    assert extract_title(result.responses[0].text) == "Tenda"


def test_headers_in_tiny_pieces_cost_linear_time():
    """64 KB of header bytes arriving a few at a time: rejected quickly, not in O(n²)."""

    class Trickle:
        def __init__(self, data):
            self.data = data

        def recv(self, size):
            piece, self.data = self.data[:3], self.data[3:]
            return piece

        def settimeout(self, value):
            pass

        def close(self):
            pass

    head = b"HTTP/1.1 200 OK\r\n" + b"X: " + b"a" * 70000
    started = time.monotonic()
    with pytest.raises(http_banner.TooLarge):
        http_banner._read_head(Trickle(head), Deadline(5), http_banner.MAX_HEADER_BYTES)
    assert time.monotonic() - started < 2.0
