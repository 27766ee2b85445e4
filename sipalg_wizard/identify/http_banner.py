"""A bounded, lenient look at the gateway's admin web page: what it says about its maker.

We send one ``GET`` per port (80, 443, 8080, 8443 by default), never credentials, never a POST,
and read the status, the ``Server`` header, the ``WWW-Authenticate`` realm, the page title, the
meta generator, telltale paths in the HTML, redirect targets and, on HTTPS, the certificate's
subject and issuer (any certificate is accepted: we only read it).

Why a small reader over a raw socket rather than an HTTP library: cheap routers speak broken HTTP
(header lines without a colon, bare LF line ends, HTTP/0.9 replies without a status line) that
strict parsers reject, and every limit here must hold against a hostile device: each request ends
by a *deadline* (a server sending one byte per second cannot stretch it), headers are capped at
64 KB, the body at 256 KB (also after gzip decompression, so a gzip bomb stays small), and
redirects are followed only while they stay on the gateway's own address (at most 3).
"""

from __future__ import annotations

import contextlib
import html
import ipaddress
import re
import socket
import ssl
import threading
import time
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urljoin, urlsplit

from sipalg_wizard import __version__

REQUEST_TIMEOUT = 3.0
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 256 * 1024
MAX_REDIRECTS = 3
USER_AGENT = f"sipalg-wizard/{__version__} (router identification; read-only)"


@dataclass(frozen=True)
class Port:
    port: int
    tls: bool

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"


DEFAULT_PORTS: tuple[Port, ...] = (Port(80, False), Port(443, True), Port(8080, False),
                                   Port(8443, True))

# (host, port, timeout) -> a connected socket. Injectable so tests can watch or refuse connections.
Connector = Callable[[str, int, float], socket.socket]


class BannerError(Exception):
    """Fetching the page failed; the subclasses say how (a caller may treat them alike)."""


class FetchTimeout(BannerError):
    """The request's deadline passed."""


class TooLarge(BannerError):
    """The response's headers exceeded the cap (no real router needs 64 KB of headers)."""


class ProtocolError(BannerError):
    """The TLS handshake or the connection failed in a way that left nothing to read."""


@dataclass(frozen=True)
class CertInfo:
    subject: str | None
    issuer: str | None
    tls_version: str | None = None
    error: str | None = None


@dataclass
class HttpResponse:
    url: str
    version: str  # "HTTP/1.1", "HTTP/1.0" or "HTTP/0.9" (no status line)
    status: int | None
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    body_truncated: bool = False
    cert: CertInfo | None = None

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.headers if key.lower() == name]

    @property
    def text(self) -> str:
        return decode_body(self.body, self.header("content-type"))


@dataclass
class PortResult:
    """Everything one port gave: the chain of responses (redirects followed) or why it failed."""

    port: Port
    responses: list[HttpResponse] = field(default_factory=list)
    error: str | None = None
    refused_redirect: str | None = None  # a redirect we did not follow (other host, too many)
    elapsed: float = 0.0


@dataclass(frozen=True)
class Observation:
    """Something the page said about itself: ``source`` as in fingerprint rules, raw ``text``."""

    source: str
    text: str
    where: str = ""


# -- deadlines ------------------------------------------------------------------------------

class Deadline:
    """A point in time; every blocking call gets only what is left of it."""

    def __init__(self, seconds: float, cap: float | None = None) -> None:
        end = time.monotonic() + seconds
        self.end = min(end, cap) if cap is not None else end

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def arm(self, sock: socket.socket) -> None:
        """Give the socket the time that is left, or raise FetchTimeout when none is."""
        left = self.remaining()
        if left <= 0:
            raise FetchTimeout("deadline passed")
        sock.settimeout(left)


def default_connect(host: str, port: int, timeout: float) -> socket.socket:
    """Connect to a numeric address only (``getaddrinfo`` with AI_NUMERICHOST: never DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                               flags=socket.AI_NUMERICHOST)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.settimeout(timeout)
        sock.connect(address)
    except BaseException:
        sock.close()
        raise
    return sock


@cache
def tls_context() -> ssl.SSLContext:
    """A client context that accepts any certificate and the old versions routers still speak.

    We only read the certificate, never trust it, and send nothing secret: verification would
    only stop us reading what a self-signed router certificate says.
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with contextlib.suppress(ValueError, ssl.SSLError):
            context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    with contextlib.suppress(ssl.SSLError):
        context.set_ciphers("ALL:@SECLEVEL=0")  # RSA key exchange, SHA-1, 1024-bit keys
    context.options |= getattr(ssl, "OP_LEGACY_SERVER_CONNECT", 0x4)  # no RFC 5746 on old boxes
    return context


def read_certificate(der: bytes | None, tls_version: str | None = None) -> CertInfo:
    """Subject and issuer (RFC 4514 strings) from a DER certificate, however odd it is."""
    if not der:
        return CertInfo(None, None, tls_version, "no certificate")
    try:
        from cryptography import x509

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cert = x509.load_der_x509_certificate(der)
            return CertInfo(cert.subject.rfc4514_string(), cert.issuer.rfc4514_string(),
                            tls_version)
    except Exception as exc:  # a malformed certificate is data, not a crash
        return CertInfo(None, None, tls_version, f"unreadable certificate: {exc}"[:200])


# -- the lenient reader ----------------------------------------------------------------------

_HEAD_END = re.compile(rb"\r?\n\r?\n")
_LAST_CHUNK = re.compile(rb"(?:^|\n)0[ \t;]*[^\n]{0,256}\r?\n\r?\n")
_STATUS = re.compile(rb"^\s*(HTTP/\d(?:\.\d)?)\s+(\d{3})\b[ \t]*([^\r\n]*)", re.IGNORECASE)


def parse_head(head: bytes) -> tuple[str, int | None, str, list[tuple[str, str]]]:
    """Status line and header fields, tolerating bare LF, junk lines and folded headers."""
    lines = head.split(b"\n")
    status_line = lines[0] if lines else b""
    match = _STATUS.match(status_line)
    if match:
        version = match.group(1).decode("ascii").upper()
        status: int | None = int(match.group(2))
        reason = match.group(3).decode("latin-1").strip()
    else:
        version, status, reason = "HTTP/1.0", None, ""
    headers: list[tuple[str, str]] = []
    for raw in lines[1:]:
        line = raw.rstrip(b"\r").decode("latin-1")
        if not line.strip():
            continue
        if line[0] in " \t" and headers:  # obsolete line folding
            name, value = headers[-1]
            headers[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip() or " " in name.strip():
            continue  # a bad header line: skip it, keep the rest
        headers.append((name.strip(), value.strip()))
    return version, status, reason, headers


def _recv(sock: socket.socket, deadline: Deadline, size: int = 16384) -> bytes:
    deadline.arm(sock)
    try:
        return sock.recv(size)
    except TimeoutError as exc:
        raise FetchTimeout("deadline passed while reading") from exc


def _read_head(sock: socket.socket, deadline: Deadline, max_header: int) -> tuple[bytes, bytes, bool]:
    """(head, rest of buffer, eof). HTTP/0.9 (no status line) gives an empty head."""
    buf = bytearray()
    scan_from = 0  # only new bytes are searched: a server sending tiny pieces costs O(n), not O(n²)
    while True:
        stripped = bytes(buf[:16]).lstrip()
        if len(stripped) >= 5 and not stripped[:5].upper().startswith(b"HTTP/"):
            return b"", bytes(buf), False  # HTTP/0.9: the reply is the body
        found = _HEAD_END.search(buf, scan_from)
        if found:
            if found.start() > max_header:
                raise TooLarge(f"headers larger than {max_header} bytes")
            return bytes(buf[:found.start()]), bytes(buf[found.end():]), False
        if len(buf) > max_header:
            raise TooLarge(f"headers larger than {max_header} bytes")
        scan_from = max(0, len(buf) - 3)
        chunk = _recv(sock, deadline)
        if not chunk:
            if not buf:
                raise ProtocolError("the connection closed without a reply")
            if not bytes(buf).lstrip()[:5].upper().startswith(b"HTTP/"):
                return b"", bytes(buf), True
            return bytes(buf), b"", True
        buf += chunk


def _dechunk(raw: bytes, limit: int) -> bytes:
    """Undo chunked transfer coding leniently: stop at the first thing that is not a chunk."""
    out = bytearray()
    pos = 0
    while pos < len(raw) and len(out) < limit:
        line_end = raw.find(b"\n", pos)
        if line_end < 0:
            break
        size_text = raw[pos:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            break
        if size == 0:
            break
        start = line_end + 1
        out += raw[start:start + size]
        pos = start + size
        if raw[pos:pos + 2] == b"\r\n":
            pos += 2
        elif raw[pos:pos + 1] == b"\n":
            pos += 1
    return bytes(out[:limit])


def decompress(data: bytes, encoding: str, limit: int) -> tuple[bytes, bool]:
    """gzip/deflate with an output cap (a gzip bomb stops at ``limit``); (data, truncated)."""
    encoding = encoding.lower()
    if "gzip" in encoding:
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif "deflate" in encoding:
        decoder = zlib.decompressobj()
    else:
        return data[:limit], len(data) > limit
    try:
        out = decoder.decompress(data, limit)
    except zlib.error:
        if "deflate" in encoding:  # some servers send raw deflate without the zlib header
            try:
                decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                out = decoder.decompress(data, limit)
            except zlib.error:
                return b"", False
        else:
            return b"", False
    return out, bool(decoder.unconsumed_tail) or len(out) >= limit


def _read_body(sock: socket.socket, deadline: Deadline, initial: bytes, headers: list[tuple[str, str]],
               eof: bool, max_body: int) -> tuple[bytes, bool]:
    lookup = {k.lower(): v for k, v in headers}
    chunked = "chunked" in lookup.get("transfer-encoding", "").lower()
    length: int | None = None
    try:
        length = int(lookup["content-length"]) if "content-length" in lookup else None
    except ValueError:
        length = None
    raw_cap = max_body + 16 * 1024 if chunked else max_body
    want = raw_cap if length is None or chunked else min(length, raw_cap)
    buf = bytearray(initial)
    truncated = False
    open_ended = length is None and not chunked
    while not eof and len(buf) < want:
        if chunked and _LAST_CHUNK.search(buf, max(0, len(buf) - 32768)):
            break
        if open_ended and re.search(rb"</html\s*>", buf[-4096:], re.IGNORECASE):
            break  # a server that ignores "Connection: close" must not hold us to the deadline
        try:
            chunk = _recv(sock, deadline)
        except (FetchTimeout, OSError):
            truncated = True  # keep what arrived: a partial page can still carry its title
            break
        if not chunk:
            break
        buf += chunk
    if len(buf) >= raw_cap:
        truncated = True
    data = bytes(buf[:raw_cap])
    if chunked:
        data = _dechunk(data, max_body)
    elif length is not None:
        data = data[:length]
    encoding = lookup.get("content-encoding", "")
    if encoding:
        data, cut = decompress(data, encoding, max_body)
        truncated = truncated or cut
    return data[:max_body], truncated or len(data) > max_body


def _host_header(host: str, port: int, tls: bool) -> str:
    bare = host.split("%", 1)[0]
    shown = f"[{bare}]" if ":" in bare else bare
    default = 443 if tls else 80
    return shown if port == default else f"{shown}:{port}"


def fetch(host: str, port: int, tls: bool, path: str = "/", *, deadline: Deadline,
          connect: Connector | None = None, max_header: int = MAX_HEADER_BYTES,
          max_body: int = MAX_BODY_BYTES) -> HttpResponse:
    """One GET, bounded by ``deadline``; raises a BannerError (or OSError) when nothing came back."""
    connect = connect or default_connect
    left = deadline.remaining()
    if left <= 0:
        raise FetchTimeout("deadline passed before connecting")
    try:
        sock = connect(host, port, left)
    except TimeoutError as exc:
        raise FetchTimeout("connect timed out") from exc
    cert: CertInfo | None = None
    try:
        if tls:
            sock = tls_context().wrap_socket(sock, do_handshake_on_connect=False)
            deadline.arm(sock)
            try:
                sock.do_handshake()  # CPython bounds the whole handshake by the socket timeout
            except TimeoutError as exc:
                raise FetchTimeout("TLS handshake timed out") from exc
            except (ssl.SSLError, OSError) as exc:
                raise ProtocolError(f"TLS handshake failed: {exc}") from exc
            cert = read_certificate(sock.getpeercert(binary_form=True), sock.version())
        request = (f"GET {path} HTTP/1.1\r\nHost: {_host_header(host, port, tls)}\r\n"
                   f"User-Agent: {USER_AGENT}\r\nAccept: text/html,*/*\r\n"
                   "Accept-Encoding: gzip, identity\r\nConnection: close\r\n\r\n").encode("latin-1")
        deadline.arm(sock)
        try:
            sock.sendall(request)
        except TimeoutError as exc:
            raise FetchTimeout("sending the request timed out") from exc
        head, rest, eof = _read_head(sock, deadline, max_header)
        scheme = "https" if tls else "http"
        url = f"{scheme}://{_host_header(host, port, tls)}{path}"
        if not head:
            body, truncated = _read_body(sock, deadline, rest, [], eof, max_body)
            return HttpResponse(url, "HTTP/0.9", None, "", [], body, truncated, cert)
        version, status, reason, headers = parse_head(head)
        body, truncated = _read_body(sock, deadline, rest, headers, eof, max_body)
        return HttpResponse(url, version, status, reason, headers, body, truncated, cert)
    finally:
        sock.close()


# -- what a page says -----------------------------------------------------------------------

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def decode_body(body: bytes, content_type: str | None = None) -> str:
    charset = None
    if content_type:
        found = _CHARSET.search(content_type)
        charset = found.group(1) if found else None
    if charset is None:
        found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", body[:4096], re.IGNORECASE)
        charset = found.group(1).decode("ascii", "replace") if found else "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def clean_text(text: str, limit: int = 200) -> str:
    """Unescape HTML entities, collapse whitespace, drop control characters, cap the length."""
    text = html.unescape(text)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit]


_TITLE = re.compile(r"<title[^>]*>(.*?)(?:</title\s*>|<|$)", re.IGNORECASE | re.DOTALL)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JS_LOCATION = re.compile(
    r"""(?:window|document|top|self|parent)\.location(?:\.href)?\s*=\s*["']([^"']{1,300})["']"""
    r"""|location\.(?:replace|assign)\(\s*["']([^"']{1,300})["']\s*\)""", re.IGNORECASE)


def extract_title(text: str) -> str | None:
    found = _TITLE.search(text)
    if not found:
        return None
    title = clean_text(found.group(1))
    return title or None


def _meta_tags(text: str) -> list[dict[str, str]]:
    tags = []
    for tag in _META.findall(text[:65536]):
        attrs = {}
        for name, a, b, c in _ATTR.findall(tag):
            attrs[name.lower()] = a or b or c
        tags.append(attrs)
    return tags


def extract_generator(text: str) -> str | None:
    for attrs in _meta_tags(text):
        if attrs.get("name", "").lower() == "generator" and attrs.get("content"):
            return clean_text(attrs["content"])
    return None


def extract_refresh(text: str) -> str | None:
    """The target of a meta refresh or of a one-line JavaScript redirect, if the page has one."""
    for attrs in _meta_tags(text):
        if attrs.get("http-equiv", "").lower() == "refresh":
            found = re.search(r"url\s*=\s*['\"]?([^'\";\s]+)", attrs.get("content", ""), re.I)
            if found:
                return found.group(1)
    if len(text) < 8192:
        found = _JS_LOCATION.search(text)
        if found:
            return found.group(1) or found.group(2)
    return None


def parse_realm(value: str) -> str:
    """The realm of a WWW-Authenticate value; the whole value when it has none (broken servers)."""
    found = re.search(r"""realm\s*=\s*(?:"([^"]*)"?|'([^']*)'|([^,\s]+))""", value, re.IGNORECASE)
    if found:
        return next(g for g in found.groups() if g is not None)
    return value.strip()


def observations(result: PortResult) -> list[Observation]:
    """Everything identifying in a port's responses, in the vocabulary of fingerprint rules."""
    seen: list[Observation] = []

    def add(source: str, text: str | None, where: str, limit: int = 200) -> None:
        if text:
            text = clean_text(text, limit) if source != "html_body" else text
            if text and not any(o.source == source and o.text == text for o in seen):
                seen.append(Observation(source, text, where))

    for response in result.responses:
        where = response.url
        if response.cert:
            add("tls_subject", response.cert.subject, where, 400)
            add("tls_issuer", response.cert.issuer, where, 400)
        for server in response.header_all("server"):
            add("http_server", server, where)
        for auth in response.header_all("www-authenticate"):
            add("http_realm", parse_realm(auth), where)
        add("http_location", response.header("location"), where, 300)
        text = response.text
        add("html_title", extract_title(text), where)
        add("html_generator", extract_generator(text), where)
        add("http_location", extract_refresh(text), where, 300)
        add("html_body", text, where)
    if result.refused_redirect:
        add("http_location", result.refused_redirect, "refused redirect", 300)
    return seen


# -- following redirects on the gateway only ----------------------------------------------

def _same_host(url_host: str | None, gateway: str) -> bool:
    if not url_host:
        return False
    try:
        return (ipaddress.ip_address(url_host.split("%", 1)[0])
                == ipaddress.ip_address(gateway.split("%", 1)[0]))
    except ValueError:
        return False  # a name: we never resolve names, so we never follow it


def _next_hop(current: str, location: str, gateway: str) -> tuple[int, bool, str] | None:
    """(port, tls, path) of a redirect that stays on the gateway, else None."""
    target = urlsplit(urljoin(current, location.strip()))
    if target.scheme not in ("http", "https") or not _same_host(target.hostname, gateway):
        return None
    tls = target.scheme == "https"
    try:
        port = target.port or (443 if tls else 80)
    except ValueError:
        return None
    path = target.path or "/"
    if target.query:
        path += "?" + target.query
    return port, tls, re.sub(r"[\s\x00-\x1f]", "", path)[:1024] or "/"


def grab(host: str, port: Port, *, timeout: float = REQUEST_TIMEOUT, deadline: Deadline | None = None,
         connect: Connector | None = None, cancel: threading.Event | None = None,
         max_redirects: int = MAX_REDIRECTS) -> PortResult:
    """GET / on one port and follow up to ``max_redirects`` redirects that stay on ``host``.

    Never raises for network trouble: the error is recorded on the result. Each request ends by
    its own ``timeout`` and all of them by ``deadline`` (the caller's overall budget).
    """
    started = time.monotonic()
    result = PortResult(port)
    current_port, tls, path = port.port, port.tls, "/"
    try:
        for hop in range(max_redirects + 1):
            if cancel is not None and cancel.is_set():
                result.error = "cancelled"
                break
            request_deadline = Deadline(timeout, deadline.end if deadline else None)
            response = fetch(host, current_port, tls, path, deadline=request_deadline,
                             connect=connect)
            result.responses.append(response)
            location = None
            if response.status is not None and 300 <= response.status < 400:
                location = response.header("location")
            if location is None and response.status in (None, 200):
                location = extract_refresh(response.text)
            if not location:
                break
            nxt = _next_hop(response.url, location, host)
            if nxt is None or hop == max_redirects:
                result.refused_redirect = location[:300]
                break
            if nxt == (current_port, tls, path):
                break  # a page that redirects to itself
            current_port, tls, path = nxt
    except BannerError as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    except (OSError, ValueError) as exc:
        result.error = f"{type(exc).__name__}: {exc}"[:200]
    result.elapsed = time.monotonic() - started
    return result
