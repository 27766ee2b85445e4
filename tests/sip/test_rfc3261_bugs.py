"""Three ways the codec was stricter or looser than RFC 3261, found by the RFC 4475 torture
messages; each affected real peers, so each has its own test here."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip.message import SipParseError, frame, parse, parse_via
from tests.reflector.test_fastpath_equivalence import assert_same, both

HEAD = ("OPTIONS sip:reflector@127.0.0.1:5060 SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 192.168.1.10:40000;branch=z9hG4bK1;rport\r\n"
        "From: <sip:probe@192.168.1.10:40000>;tag=1\r\nTo: <sip:reflector@127.0.0.1:5060>\r\n"
        "Call-ID: bugs@192.168.1.10\r\nCSeq: 1 OPTIONS\r\n")


@pytest.mark.parametrize("length_line", [
    "Content-Length: 4", "l: 4", "content-length:4", "Content-Length   : 4  ", "Content-Length:\r\n 4"])
def test_stream_framing_finds_content_length_on_any_line(length_line):
    """(1) A phone or registrar that puts Content-Length before other headers was answered
    ``400 stream message without Content-Length``."""
    head = HEAD.replace("CSeq:", length_line + "\r\nCSeq:")
    message = (head + "\r\nbody").encode()
    assert frame(message + b"NEXT") == (message, b"NEXT")
    assert frame(message[:-1]) is None  # the body is not complete yet


def test_stream_framing_still_refuses_what_it_cannot_frame():
    with pytest.raises(SipParseError, match="without Content-Length"):
        frame((HEAD + "\r\n").encode())
    with pytest.raises(SipParseError, match="without Content-Length"):
        frame((HEAD + "Content-Length: 1234567\r\n\r\n").encode())
    with pytest.raises(SipParseError, match="without Content-Length"):
        frame((HEAD + "Content-Length: ²\r\n\r\n").encode())


def test_a_stream_request_with_content_length_first_is_reflected():
    message = (HEAD.replace("Via:", "Content-Length: 0\r\nVia:") + "\r\n").encode()
    framed, rest = frame(message)
    answer = Reflector(Config(rate_limit=0, port_rate_limit=0)).handle(
        framed, ("127.0.0.1", 40000), "tcp", 5060, budget=None)
    assert rest == b"" and answer.note == "reflected"


@pytest.mark.parametrize("value", [
    "SIP / 2.0 / UDP 192.0.2.2;branch=390skdjuw",
    "SIP  /   2.0 /UDP    192.0.2.2;branch=390skdjuw",  # RFC 4475 wsinv, once unfolded
    "sip/2.0 / udp\t192.0.2.2 ; branch=390skdjuw",
])
def test_via_accepts_whitespace_around_the_slashes(value):
    """(2) RFC 3261 25.1 allows LWS around SLASH; RFC 4475's first valid message was ignored."""
    via = parse_via(value)
    assert (via.host, via.port, via.param("branch")) == ("192.0.2.2", None, "390skdjuw")
    assert str(via).startswith(via.protocol + " 192.0.2.2;branch=")  # written back as it came


@pytest.mark.parametrize("value", ["SIP / 2.0 UDP 192.0.2.2", "SIP/2.0/UDP", "SIP / 3.0 / UDP x",
                                   "HTTP/1.1 x", ""])
def test_via_still_refuses_what_is_not_one(value):
    with pytest.raises(SipParseError):
        parse_via(value)


def test_a_spaced_via_is_answered_the_same_by_both_paths():
    data = HEAD.replace("SIP/2.0/TCP", "SIP / 2.0 / UDP").encode() + b"X-Pad: " + b"x" * 700 \
        + b"\r\nContent-Length: 0\r\n\r\n"
    fast, slow, compiled = both(data)
    assert_same(fast, slow, data)
    assert slow.note == "reflected" and compiled == 0  # the compiled path declines, Python answers
    assert b"Via: SIP / 2.0 / UDP 192.168.1.10:40000;branch=z9hG4bK1;received=127.0.0.1;rport=40000" \
        in slow.reply


@pytest.mark.parametrize("line", ["SIP/2.0 4294967301 Too Many", "SIP/2.0 2000 OK", "SIP/2.0 20 OK",
                                  "SIP/2.0 200OK"])
def test_status_line_has_exactly_three_digits(line):
    """(3) ``SIP/2.0 4294967301`` was read as 429."""
    with pytest.raises(SipParseError):
        parse(f"{line}\r\nCSeq: 1 OPTIONS\r\n\r\n".encode())


@pytest.mark.parametrize("line,status", [("SIP/2.0 200 OK", 200), ("SIP/2.0 486", 486),
                                         ("SIP/2.0 699 ", 699)])
def test_status_lines_that_are_fine(line, status):
    assert parse(f"{line}\r\nCSeq: 1 OPTIONS\r\n\r\n".encode()).status == status


_NAMES = st.from_regex(r"\A[A-Za-z][A-Za-z0-9\-]{0,15}\Z").filter(
    lambda name: name.lower() not in ("content-length", "l"))
_VALUES = st.from_regex(r"\A[ -~]{0,40}\Z").map(str.strip)
_LENGTH_NAMES = st.sampled_from(["Content-Length", "content-length", "CONTENT-LENGTH", "l", "L"])


@settings(max_examples=200)
@given(headers=st.lists(st.tuples(_NAMES, _VALUES), max_size=8), where=st.integers(0, 8),
       spelling=_LENGTH_NAMES, before=st.sampled_from(["", " ", "\t", "  "]),
       after=st.sampled_from(["", " ", "\t"]), body=st.binary(max_size=300), tail=st.binary(max_size=40))
def test_framing_property(headers, where, spelling, before, after, body, tail):
    """Wherever the Content-Length line is and however it is spelt, the stream splits after the
    body it announces, and the rest is left for the next message."""
    lines = [f"{name}: {value}" for name, value in headers]
    lines.insert(min(where, len(lines)), f"{spelling}{before}:{after}{len(body)}{after}")
    message = ("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\n" + "".join(line + "\r\n" for line in lines)
               + "\r\n").encode() + body
    assert frame(message + b"\r\n" + tail) == (message, b"\r\n" + tail)
