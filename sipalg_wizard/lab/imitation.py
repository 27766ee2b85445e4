"""Imitation routers: small HTTP, HTTPS and SSDP servers that look like real admin pages, or
that misbehave the way hostile or broken devices do.

They let the identification code be tested against real sockets: on loopback (``127.0.0.x`` and
ephemeral ports, for fast tests) and inside the lab's router namespace (192.168.77.1, ports 80,
443 and SSDP 1900 with real multicast) for the end-to-end test. Each :class:`Profile` holds what a
model shows about itself — headers, realm, title, a self-signed certificate naming it, a UPnP
description — or a ``behaviour`` that breaks the rules: an endless body, one byte per second,
10 MB of headers, a redirect to a public address, a gzip bomb, broken or silent TLS, an XML bomb
in the UPnP description, a LOCATION that points away from the gateway.

Run one from the shell (this is how the lab test starts it inside the router namespace)::

    python -m sipalg_wizard.lab.imitation netgear-r7000 --lab

(``--lab`` = ``--host 192.168.77.1 --http-port 80 --https-port 443 --ssdp-port 1900 --multicast``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import shutil
import socket
import ssl
import struct
import sys
import tempfile
import threading
import warnings
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SSDP_GROUP = "239.255.255.250"
HOSTILE_BEHAVIOURS = ("endless_body", "slow", "huge_headers", "public_redirect", "gzip_bomb",
                      "broken_tls", "silent_tls", "xml_bomb", "foreign_location")
# What hostile pages would reveal if a reader went past its bounds: a test that sees it failed.
BAIT = b"<title>NETGEAR R7000</title>"
PUBLIC_ADDRESS = "198.51.100.77"  # TEST-NET-2: never routed; the redirect must not be followed


@dataclass
class Page:
    status: int = 200
    reason: str = "OK"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    raw: bytes | None = None  # sent exactly as is (broken HTTP); status/headers/body ignored


@dataclass
class Profile:
    name: str
    description: str
    pages: dict[str, Page] = field(default_factory=dict)  # "/x", or "https:/x" for one scheme
    cert_subject: dict[str, str] | None = None
    upnp: dict[str, str] | None = None  # manufacturer, modelName, modelNumber, friendlyName
    ssdp_server: str | None = None
    behaviour: str | None = None
    tls_versions: tuple[str, str] | None = None  # e.g. ("TLSv1", "TLSv1"): an old router
    expected_vendor: str | None = None
    expected_model: str | None = None


def _html(title: str, body: str = "") -> bytes:
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body>{body}</body></html>\n").encode()


def _profiles() -> dict[str, Profile]:
    netgear_401 = Page(401, "Unauthorized", [("WWW-Authenticate", 'Basic realm="NETGEAR R7000"'),
                                             ("Content-Type", "text/html")],
                       _html("401 Unauthorized", "<h1>401 Unauthorized</h1>Access to this "
                             "resource is denied, your client has not supplied the correct "
                             "authentication."))
    profiles = [
        Profile("netgear-r7000", "NETGEAR Nighthawk R7000 (retail router, login realm names it)",
                {"/": netgear_401},
                {"CN": "www.routerlogin.net", "OU": "Consumer Products", "O": "NETGEAR",
                 "L": "San Jose", "ST": "California", "C": "US"},
                {"manufacturer": "NETGEAR, Inc.", "modelName": "R7000", "modelNumber": "R7000",
                 "friendlyName": "R7000 (Gateway)"},
                "Linux/2.6.36.4brcmarm, UPnP/1.0, Portable SDK for UPnP devices/1.6.18",
                expected_vendor="netgear", expected_model="R7000"),
        Profile("tplink-archer-c7", "TP-Link Archer C7 (redirects to its web app)",
                {"/": Page(200, "OK", [("Content-Type", "text/html")],
                           b'<html><head><meta http-equiv="refresh" content="0; '
                           b'url=/webpages/index.html"></head></html>'),
                 "/webpages/index.html": Page(200, "OK", [("Content-Type", "text/html")],
                                              _html("Archer C7", '<div class="logo"></div>'
                                                    '<a href="http://tplinkwifi.net">'
                                                    "tplinkwifi.net</a>"))},
                {"CN": "tplinkwifi.net", "O": "TP-Link", "C": "CN"},
                {"manufacturer": "TP-Link", "modelName": "Archer C7", "modelNumber": "5.0",
                 "friendlyName": "Archer C7"},
                "Linux/3.3.8, UPnP/1.0, Portable SDK for UPnP devices/1.6.19",
                expected_vendor="tp-link", expected_model="Archer C7"),
        Profile("openwrt", "OpenWrt with LuCI (meta refresh to /cgi-bin/luci)",
                {"/": Page(200, "OK", [("Content-Type", "text/html")],
                           b'<?xml version="1.0" encoding="utf-8"?>\n<html><head>'
                           b'<meta http-equiv="Cache-Control" content="no-cache" />'
                           b'<meta http-equiv="refresh" content="0; URL=cgi-bin/luci/" />'
                           b'</head><body><a href="cgi-bin/luci/">LuCI - Lua Configuration '
                           b"Interface</a></body></html>"),
                 "/cgi-bin/luci/": Page(403, "Forbidden", [("Content-Type", "text/html")],
                                        _html("OpenWrt - LuCI",
                                              '<link rel="stylesheet" '
                                              'href="/luci-static/bootstrap/cascade.css">'))},
                {"CN": "OpenWrt", "O": "OpenWrt9c1b2a", "L": "Unknown", "C": "ZZ"},
                expected_vendor="openwrt"),
        Profile("fritzbox-7590", "AVM FRITZ!Box 7590 (title, UPnP)",
                {"/": Page(200, "OK", [("Content-Type", "text/html; charset=utf-8"),
                                       ("X-Frame-Options", "SAMEORIGIN")],
                           _html("FRITZ!Box", '<div id="main">FRITZ!Box 7590</div>'))},
                {"CN": "fritz.box"},
                {"manufacturer": "AVM Berlin", "modelName": "FRITZ!Box 7590",
                 "modelNumber": "avm", "friendlyName": "FRITZ!Box 7590"},
                "FRITZ!Box 7590 UPnP/1.0 AVM FRITZ!Box 7590 154.07.29",
                expected_vendor="avm", expected_model="FRITZ!Box 7590"),
        Profile("mikrotik", "MikroTik RouterOS (WebFig)",
                {"/": Page(200, "OK", [("Content-Type", "text/html")],
                           _html("RouterOS router configuration page",
                                 '<a href="/webfig/">Webfig</a>'))},
                upnp={"manufacturer": "MikroTik", "modelName": "Router OS",
                      "modelNumber": "", "friendlyName": "MikroTik Router"},
                ssdp_server="RouterOS/6.49.7 UPnP/1.0 MikroTik UPnP/1.0",
                expected_vendor="mikrotik"),
        Profile("bt-smart-hub", "BT Smart Hub 2 (ISP gateway built by an ODM)",
                {"/": Page(302, "Found", [("Location", "/gui/")]),
                 "/gui/": Page(200, "OK", [("Content-Type", "text/html")],
                               _html("BT Smart Hub 2", "Hub Manager"))},
                expected_vendor="bt", expected_model="Smart Hub 2"),
        Profile("dlink-boa-broken", "D-Link DSL modem with a Boa server that speaks broken HTTP",
                {"/": Page(raw=b"HTTP/1.0 200 OK\nServer: Boa/0.94.14rc21\nthis line is broken\n"
                               b"X-Frame-Options SAMEORIGIN\n: no name\nContent-Type: text/html\n\n"
                               b"<html><head><title>D-Link DSL-2750U</title></head>"
                               b"<body>broken but readable</body></html>")},
                expected_vendor="d-link", expected_model="DSL-2750U"),
        Profile("zyxel-usg20w-old-tls", "Zyxel USG20W-VPN that speaks only TLS 1.0 and sends "
                "HTTP to HTTPS",
                {"http:/": Page(302, "Found", [("Location", "https://{host}:{https_port}/")]),
                 "https:/": Page(200, "OK", [("Content-Type", "text/html")],
                                 _html("USG20W-VPN", '<form action="/weblogin.cgi">'))},
                {"CN": "usg20w_5CF4AB615FAC"},
                tls_versions=("TLSv1", "TLSv1"),
                expected_vendor="zyxel", expected_model="USG20W-VPN"),
        Profile("zte-http09", "ZTE gateway that answers in HTTP/0.9 (no status line)",
                {"/": Page(raw=b"<html><head><title>ZXHN H108N</title></head>"
                               b"<body>welcome</body></html>")},
                expected_vendor="zte", expected_model="ZXHN H108N"),
    ]
    hostile = {
        "endless_body": "an endless body (the bait lies past 256 KB)",
        "slow": "one byte per second",
        "huge_headers": "10 MB of headers (the bait comes after them)",
        "public_redirect": f"a redirect to a public address ({PUBLIC_ADDRESS})",
        "gzip_bomb": "a gzip bomb (32 MB of zeros, then the bait)",
        "broken_tls": "garbage instead of a TLS handshake",
        "silent_tls": "accepts TLS connections and says nothing",
        "xml_bomb": "a billion-laughs UPnP description",
        "foreign_location": f"SSDP LOCATION on a public address ({PUBLIC_ADDRESS})",
    }
    for behaviour, text in hostile.items():
        upnp = ({"manufacturer": "NETGEAR, Inc.", "modelName": "R7000"}
                if behaviour in ("xml_bomb", "foreign_location") else None)
        profiles.append(Profile(f"hostile-{behaviour.replace('_', '-')}", text, {},
                                {"CN": "www.routerlogin.net", "O": "NETGEAR"}
                                if behaviour == "silent_tls" else None,
                                upnp, "Linux/4.4 UPnP/1.0 MiniUPnPd/2.1" if upnp else None,
                                behaviour=behaviour))
    return {p.name: p for p in profiles}


PROFILES: dict[str, Profile] = _profiles()


# -- certificates -------------------------------------------------------------------------------

@cache
def _certificate(subject: tuple[tuple[str, str], ...]) -> tuple[bytes, bytes]:
    """(certificate PEM, key PEM): self-signed, naming the model the way routers do."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    oids = {"CN": NameOID.COMMON_NAME, "O": NameOID.ORGANIZATION_NAME,
            "OU": NameOID.ORGANIZATIONAL_UNIT_NAME, "L": NameOID.LOCALITY_NAME,
            "ST": NameOID.STATE_OR_PROVINCE_NAME, "C": NameOID.COUNTRY_NAME}
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(oids[k], v) for k, v in subject])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


@cache
def _gzip_bomb() -> bytes:
    """32 MB of zeros and then the bait, gzip-compressed to about 32 KB (128 × the body cap)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    parts = [compressor.compress(zeros) for _ in range(32)]
    parts.append(compressor.compress(BAIT))
    parts.append(compressor.flush())
    return b"".join(parts)


XML_BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            b'<root xmlns="urn:schemas-upnp-org:device-1-0"><device>'
            b"<manufacturer>&lol3;NETGEAR</manufacturer><modelName>R7000</modelName>"
            b"</device></root>")


def description_xml(upnp: dict[str, str]) -> bytes:
    from xml.sax.saxutils import escape

    fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in upnp.items())
    return ('<?xml version="1.0"?>\n<root xmlns="urn:schemas-upnp-org:device-1-0">'
            "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
            "<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
            f"{fields}<UDN>uuid:5e1f1a6c-0000-4000-8000-imitation</UDN></device></root>"
            ).encode()


# -- the servers ----------------------------------------------------------------------------------

class ImitationRouter:
    """HTTP + HTTPS + SSDP servers for one profile on ``host``; ports 0 = pick free ones.

    ``requests`` logs ``(transport, path)`` of what clients asked, so tests can assert what was
    (not) fetched. ``ssdp_group`` (an address) adds a second SSDP listener standing for the
    multicast group; with ``multicast=True`` the SSDP socket joins the real group instead.
    ``ssdp_unicast=False`` ignores M-SEARCHes sent to the router's own address.
    """

    def __init__(self, profile: Profile | str, host: str = "127.0.0.1", *, http_port: int = 0,
                 https_port: int = 0, ssdp_port: int | None = 0, ssdp_group: str | None = None,
                 multicast: bool = False, ssdp_unicast: bool = True) -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.host = host
        self._want = (http_port, https_port, ssdp_port)
        self.ssdp_group = ssdp_group
        self.multicast = multicast
        self.ssdp_unicast = ssdp_unicast
        self.requests: list[tuple[str, str]] = []
        self.http_port = self.https_port = 0
        self.ssdp_port: int | None = None
        self._stop = threading.Event()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._tls: ssl.SSLContext | None = None
        self._tmp: str | None = None

    # lifecycle
    def start(self) -> ImitationRouter:
        http_port, https_port, ssdp_port = self._want
        self.http_port = self._listen(http_port, tls=False)
        if self.profile.cert_subject is not None or self.profile.behaviour in ("broken_tls",
                                                                                "silent_tls"):
            self._tls = self._tls_context()
        self.https_port = self._listen(https_port, tls=True)
        if ssdp_port is not None:
            self._start_ssdp(ssdp_port)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(2)
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> ImitationRouter:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True,
                                  name=f"imitation-{self.profile.name}")
        thread.start()
        self._threads.append(thread)

    def _tls_context(self) -> ssl.SSLContext:
        subject = self.profile.cert_subject or {"CN": "router"}
        cert, key = _certificate(tuple(subject.items()))
        self._tmp = tempfile.mkdtemp(prefix="imitation-")
        (Path(self._tmp) / "cert.pem").write_bytes(cert)
        (Path(self._tmp) / "key.pem").write_bytes(key)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        if self.profile.tls_versions:
            low, high = self.profile.tls_versions
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                context.minimum_version = ssl.TLSVersion[low]
                context.maximum_version = ssl.TLSVersion[high]
            context.set_ciphers("ALL:@SECLEVEL=0")
        context.load_cert_chain(Path(self._tmp) / "cert.pem", Path(self._tmp) / "key.pem")
        return context

    def _listen(self, port: int, tls: bool) -> int:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, port))
        sock.listen(16)
        sock.settimeout(0.1)  # so the accept loop notices stop() at once
        self._sockets.append(sock)
        self._spawn(self._accept_loop, sock, tls)
        return sock.getsockname()[1]

    def _accept_loop(self, sock: socket.socket, tls: bool) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn, tls), daemon=True).start()

    # HTTP
    def _serve(self, conn: socket.socket, tls: bool) -> None:
        behaviour = self.profile.behaviour
        try:
            conn.settimeout(5)
            if tls:
                if behaviour == "broken_tls":
                    conn.sendall(b"\x16\x03\x01\x00\x05garbage, not a TLS handshake\r\n")
                    return
                if behaviour == "silent_tls":
                    self._stop.wait(10)
                    return
                if self._tls is None:
                    return  # no HTTPS on this router: close, like a port without a server
                conn = self._tls.wrap_socket(conn, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            parts = head.split(b"\r\n", 1)[0].split()
            path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
            self.requests.append(("https" if tls else "http", path))
            self._respond(conn, path, tls)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def _respond(self, conn: socket.socket, path: str, tls: bool = False) -> None:
        behaviour = self.profile.behaviour
        if path == "/rootDesc.xml" and self.profile.upnp is not None:
            body = XML_BOMB if behaviour == "xml_bomb" else description_xml(self.profile.upnp)
            conn.sendall(_response(Page(200, "OK", [("Content-Type", "text/xml")], body)))
            return
        if behaviour == "endless_body":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>")
            filler = b"<p>" + b"x" * 1020 + b"</p>\n"
            sent = 0
            while not self._stop.is_set():
                conn.sendall(filler)
                sent += len(filler)
                if 300_000 <= sent < 300_000 + len(filler):
                    conn.sendall(BAIT)
            return
        if behaviour == "slow":
            for byte in b"HTTP/1.1 200 OK\r\nServer: NETGEAR R7000\r\n\r\n" + BAIT:
                if self._stop.wait(1.0):
                    return
                conn.sendall(bytes([byte]))
            return
        if behaviour == "huge_headers":
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            line = b"X-Filler: " + b"a" * 1000 + b"\r\n"
            for _ in range(10 * 1024 * 1024 // len(line)):
                if self._stop.is_set():
                    return
                conn.sendall(line)
            conn.sendall(b"Server: NETGEAR R7000\r\n\r\n" + BAIT)
            return
        if behaviour == "public_redirect":
            conn.sendall(_response(Page(302, "Found", [
                ("Location", f"http://{PUBLIC_ADDRESS}/login.htm")], b"")))
            return
        if behaviour == "gzip_bomb":
            bomb = _gzip_bomb()
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip"
                         b"\r\nContent-Length: " + str(len(bomb)).encode() + b"\r\n\r\n" + bomb)
            return
        pages = self.profile.pages
        page = (pages.get(f"https:{path}" if tls else f"http:{path}") or pages.get(path)
                or pages.get(path.split("?")[0]))
        if page is None:
            page = Page(404, "Not Found", [("Content-Type", "text/html")], _html("404 Not Found"))
        conn.sendall(page.raw if page.raw is not None else _response(
            page, host=self.host, http_port=self.http_port, https_port=self.https_port))

    # SSDP
    def _start_ssdp(self, port: int) -> None:
        unicast = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        unicast.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        unicast.bind((self.host, port))
        unicast.settimeout(0.1)
        self._sockets.append(unicast)
        self.ssdp_port = unicast.getsockname()[1]
        self._spawn(self._ssdp_loop, unicast, unicast, True)
        group_address = SSDP_GROUP if self.multicast else self.ssdp_group
        if group_address:
            # A socket bound to the group address hears only datagrams sent to the group.
            group = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            group.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            group.bind((group_address, self.ssdp_port))
            if self.multicast:
                membership = struct.pack("4s4s", socket.inet_aton(SSDP_GROUP),
                                         socket.inet_aton(self.host))
                group.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, membership)
            group.settimeout(0.1)
            self._sockets.append(group)
            self._spawn(self._ssdp_loop, group, unicast, False)

    def _ssdp_loop(self, listener: socket.socket, sender: socket.socket, is_unicast: bool) -> None:
        """Answer M-SEARCHes, always from the router's own address (``sender``)."""
        while not self._stop.is_set():
            try:
                data, source = listener.recvfrom(8192)
            except TimeoutError:
                continue
            except OSError:
                return
            if not data.startswith(b"M-SEARCH") or self.profile.upnp is None:
                continue
            self.requests.append(("ssdp" if is_unicast else "ssdp-group", "M-SEARCH"))
            if is_unicast and not self.ssdp_unicast:
                continue
            st = "upnp:rootdevice"
            for line in data.split(b"\r\n"):
                if line.upper().startswith(b"ST:"):
                    st = line[3:].strip().decode("latin-1")[:200]
            host = PUBLIC_ADDRESS if self.profile.behaviour == "foreign_location" else self.host
            reply = (f"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\n"
                     f"LOCATION: http://{host}:{self.http_port}/rootDesc.xml\r\n"
                     f"SERVER: {self.profile.ssdp_server or 'Linux UPnP/1.0'}\r\nST: {st}\r\n"
                     f"USN: uuid:5e1f1a6c-0000-4000-8000-imitation::{st}\r\n\r\n").encode()
            with contextlib.suppress(OSError):
                sender.sendto(reply, source)


def _response(page: Page, **where: object) -> bytes:
    """The page as bytes; ``{host}``, ``{http_port}``, ``{https_port}`` in headers are filled."""
    headers = [(k, v.format(**where) if where else v) for k, v in page.headers]
    headers += [("Content-Length", str(len(page.body))), ("Connection", "close")]
    head = f"HTTP/1.1 {page.status} {page.reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    return head.encode("latin-1") + b"\r\n" + page.body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run an imitation router (lab and tests only).")
    parser.add_argument("name", nargs="?", choices=sorted(PROFILES), metavar="PROFILE",
                        help="the profile (same as --profile)")
    parser.add_argument("--profile", choices=sorted(PROFILES))
    parser.add_argument("--lab", action="store_true",
                        help="the lab router's own ports: --host 192.168.77.1 --http-port 80 "
                             "--https-port 443 --ssdp-port 1900 --multicast (run it inside the "
                             "router namespace)")
    parser.add_argument("--host", default=None, help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--http-port", type=int, default=None)
    parser.add_argument("--https-port", type=int, default=None)
    parser.add_argument("--ssdp-port", type=int, default=None)
    parser.add_argument("--multicast", action="store_true", help="join the real SSDP group")
    parser.add_argument("--multicast-only", action="store_true",
                        help="ignore M-SEARCHes sent to the router's own address")
    parser.add_argument("--seconds", type=float, default=600, help="stop after this long")
    parser.add_argument("--stop-on-eof", action="store_true",
                        help="also stop when standard input closes (for a parent process)")
    args = parser.parse_args(argv)
    profile = args.profile or args.name
    if profile is None:
        parser.error("which profile? one of: " + ", ".join(sorted(PROFILES)))
    lab = {"host": "192.168.77.1", "http": 80, "https": 443, "ssdp": 1900} if args.lab else {}
    router = ImitationRouter(
        profile, args.host or lab.get("host", "127.0.0.1"),
        http_port=args.http_port if args.http_port is not None else lab.get("http", 0),
        https_port=args.https_port if args.https_port is not None else lab.get("https", 0),
        ssdp_port=args.ssdp_port if args.ssdp_port is not None else lab.get("ssdp", 0),
        multicast=args.multicast or args.multicast_only or args.lab,
        ssdp_unicast=not args.multicast_only).start()
    print(f"READY http={router.http_port} https={router.https_port} ssdp={router.ssdp_port}",
          flush=True)
    try:
        # until the deadline, or until whoever started us closes our stdin
        stop = threading.Event()
        if args.stop_on_eof:
            threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        stop.wait(args.seconds)
    except KeyboardInterrupt:
        pass
    finally:
        router.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
