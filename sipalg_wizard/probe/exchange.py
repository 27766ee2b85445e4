"""The exchanges every probe makes (the reflector probe in ``client.py``, the provider mirror in
``provider.py``, the TTL witness in ``ttl.py``): finding the peer's address and our own towards it,
and one SIP request with its matching final answer, over UDP (with retransmissions) or a stream.
Each is bounded by a deadline and a byte cap, and ends in an answer or ``TestFailed``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading

from sipalg_wizard.probe.messages import Dialog
from sipalg_wizard.sip.address import plain_ip
from sipalg_wizard.sip.message import MAX_MESSAGE, SipParseError, frame, parse, parse_via

T1 = 0.25  # first UDP retransmission interval (RFC 3261 uses 0.5 s; a probe can be brisker)


class TestFailed(Exception):
    """A test ended without a usable answer; ``outcome`` says how."""

    def __init__(self, outcome: str, detail: str):
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


async def resolve(host: str, port: int) -> tuple[str, int]:
    """``(ip, family)`` of the peer: an address as it is, a name looked up (IPv4 first)."""
    try:
        addr = ipaddress.ip_address(host)
        return str(addr), socket.AF_INET6 if addr.version == 6 else socket.AF_INET
    except ValueError:
        pass
    infos = await _getaddrinfo(host, port)
    infos.sort(key=lambda info: info[0] != socket.AF_INET)  # IPv4 first: that is where NAT is
    if not infos:
        raise OSError(f"{host} has no address")
    return infos[0][4][0], infos[0][0]


def _getaddrinfo(host: str, port: int) -> asyncio.Future:
    """getaddrinfo in a daemon thread: a hung resolver must not hold up the end of the probe
    (the loop's own executor would be waited for when the loop shuts down)."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def settle(value, error) -> None:
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value)

    def work() -> None:
        try:
            value, error = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM), None
        except OSError as exc:
            value, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            loop.call_soon_threadsafe(settle, value, error)

    threading.Thread(target=work, name="sipalg-probe-dns", daemon=True).start()
    return future


def local_ip_for(ip: str, family: int) -> str | None:
    """The local address the OS would use towards ``ip`` (a UDP connect sends nothing)."""
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((ip, 9))
            return plain_ip(probe.getsockname()[0])
        except OSError:
            return None


def matches(dialog: Dialog, cseq: int, method: str, data: bytes) -> bool:
    """Is ``data`` the final answer to our request? Retransmissions, strays and replays are not:
    the CSeq must match, and a Via must carry one of our branches exactly (ALGs rewrite the
    sent-by address, not the branch) or the Call-ID must be exactly ours."""
    try:
        message = parse(data)
    except SipParseError:
        return False
    if message.is_request or (message.status or 0) < 200:
        return False
    if message.cseq() != (cseq, method):
        return False
    for value in message.get_all("via"):
        for part in value.split(","):
            try:
                if parse_via(part).param("branch") in dialog.branches:
                    return True
            except SipParseError:
                continue
    call_id = (message.get("call-id") or "").split("@", 1)[0]
    return call_id == dialog.call_id


async def udp_transact(sock: socket.socket, data: bytes, dialog: Dialog, cseq: int, method: str,
                        deadline: float) -> tuple[bytes | None, int]:
    """Send with retransmissions until a matching answer or the deadline: (answer, strays)."""
    loop = asyncio.get_running_loop()
    interval, strays = T1, 0
    next_send = loop.time()
    while loop.time() < deadline:
        if loop.time() >= next_send:
            await loop.sock_sendall(sock, data)
            next_send = loop.time() + interval
            interval = min(interval * 2, 2.0)
        wait = max(0.0, min(next_send, deadline) - loop.time())
        try:
            reply = await asyncio.wait_for(loop.sock_recv(sock, MAX_MESSAGE), wait)
        except TimeoutError:
            continue
        except (ConnectionRefusedError, ConnectionResetError):  # Windows says "reset"
            raise TestFailed("error", "refused: ICMP port unreachable") from None
        if matches(dialog, cseq, method, reply):
            return reply, strays
        strays += 1
    return None, strays


def check_status(answer) -> None:
    """A final answer other than 2xx is the reflector's (or a middlebox's) refusal, not a copy."""
    status = answer.status or 0
    if status == 503:
        raise TestFailed("error", "busy: the reflector is rate-limiting this address (503)")
    if not 200 <= status < 300:
        raise TestFailed("error", f"error: answered {answer.start_line[8:60]!r}")


def to_tag(reply: bytes) -> str | None:
    to = parse(reply).get("to") or ""
    for param in to.split(";")[1:]:
        key, _, value = param.strip().partition("=")
        if key.lower() == "tag" and value:
            return value[:64]
    return None


async def read_answer(reader: asyncio.StreamReader, dialog: Dialog, cseq: int, method: str,
                       deadline: float) -> bytes:
    loop = asyncio.get_running_loop()
    buffer, strays = b"", 0
    while True:
        try:
            framed = frame(buffer)
        except SipParseError as exc:
            raise TestFailed("error", f"error: unreadable stream: {exc}") from None
        if framed is not None:
            message, buffer = framed
            if matches(dialog, cseq, method, message):
                return message
            strays += 1
            if strays > 8:
                raise TestFailed("error", "error: answers that did not match the request")
            continue
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise TestFailed("error" if strays else "dropped",
                             "error: answers that did not match the request" if strays
                             else "dropped: no answer in time")
        try:
            chunk = await asyncio.wait_for(reader.read(16384), remaining)
        except TimeoutError:
            continue
        except (ConnectionError, OSError) as exc:
            raise TestFailed("error", f"error: connection failed: {exc}") from None
        if not chunk:
            raise TestFailed("error" if buffer or strays else "dropped",
                             "error: connection closed before an answer" if buffer or strays
                             else "dropped: connection closed without an answer")
        buffer += chunk
