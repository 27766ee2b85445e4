"""The public SIP torture messages (RFC 4475, RFC 5118; ``vectors/README.md`` says where they
come from): valid requests parsed and reflected once padded; everything else refused or answered
without harm — no exception, never more bytes out than in on UDP, the compiled and the Python
answer path byte-identical, over UDP and over a stream."""

from __future__ import annotations

from pathlib import Path

import pytest

from sipalg_wizard.lab import siptext
from sipalg_wizard.reflector.handler import Config, Reflector
from sipalg_wizard.sip import protocol
from sipalg_wizard.sip.message import SipParseError, frame, parse
from tests.reflector.test_fastpath_equivalence import assert_same, both

VECTORS = Path(__file__).parent / "vectors"
SRC = ("203.0.113.7", 5060)

# RFC 4475 section 3.1.1: valid syntax.
VALID_4475 = ["wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri",
              "transports", "mpart01", "unreason", "noreason"]
# 3.1.2: invalid syntax.
INVALID_4475 = ["badinv01", "clerr", "ncl", "scalar02", "scalarlg", "quotbal", "ltgtruri", "lwsruri",
                "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers",
                "mismatch01", "mismatch02", "bigcode"]
# 3.2-3.4: valid syntax; a transaction or application layer fault a SIP stack must handle.
SEMANTIC_4475 = ["badbranch", "insuf", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01",
                 "multi01", "mcl01", "bcast", "zeromf", "cparam01", "cparam02", "regescrt", "sdp01",
                 "inv2543"]
# RFC 5118 section 4: all valid but 4.2 (an IPv6 Request-URI host without brackets).
VALID_5118 = ["ipv6-good", "port-ambiguous", "port-unambiguous", "via-received-param-with-delim",
              "via-received-param-no-delim", "ipv6-in-sdp", "mult-ip-in-header", "mult-ip-in-sdp",
              "ipv4-mapped-ipv6", "ipv6-bug-abnf-3-colons", "ipv6-correct-abnf-2-colons"]
INVALID_5118 = ["ipv6-bad"]

# Syntax errors our codec itself must refuse (the rest of 3.1.2 is beyond what a reflector checks:
# it answers them like any request, which harms nobody).
REFUSED = ["bigcode", "badvers", "lwsstart", "trws", "lwsruri", "baddn"]


def vector(name: str) -> bytes:
    folder = "rfc5118" if name in VALID_5118 + INVALID_5118 else "rfc4475"
    return (VECTORS / folder / f"{name}.dat").read_bytes()


def padded(data: bytes, size: int = 1400) -> bytes:
    """The message with an ``X-Pad`` header before its blank line, as the probe pads (the body and
    its Content-Length untouched), so the reflector's full answer fits."""
    head, _, body = data.partition(b"\r\n\r\n")
    return head + b"\r\nX-Pad: " + b"x" * size + b"\r\n\r\n" + body


ALL = VALID_4475 + INVALID_4475 + SEMANTIC_4475 + VALID_5118 + INVALID_5118
VALID = VALID_4475 + SEMANTIC_4475 + VALID_5118
VALID_REQUESTS = [n for n in VALID if n not in ("unreason", "noreason", "bcast")  # responses
                  and n != "insuf"]  # no From/To/Call-ID: nothing to copy into an answer


def test_every_file_is_classified():
    on_disk = {p.stem for p in VECTORS.glob("*/*.dat")}
    assert on_disk == set(ALL) and len(ALL) == len(set(ALL)) == 49 + 12


@pytest.mark.parametrize("name", VALID)
def test_valid_messages_are_parsed(name):
    message = parse(vector(name))
    assert message.headers
    assert message.is_request == (name not in ("unreason", "noreason", "bcast"))


@pytest.mark.parametrize("name", REFUSED)
def test_syntax_errors_are_refused_by_the_codec(name):
    with pytest.raises(SipParseError):
        parse(vector(name))


@pytest.mark.parametrize("name", VALID_REQUESTS)
def test_valid_requests_are_reflected_once_padded(name):
    """Both answer paths agree, and the client can read the answer: the copy is the request."""
    data = padded(vector(name))
    fast, slow, _ = both(data, src=SRC)
    assert_same(fast, slow, data)
    assert slow.note == "reflected", slow.note
    reflection = protocol.decode(slow.reply)
    assert reflection.request_copy == data and reflection.digest_ok
    assert reflection.meta["src"] == "203.0.113.7:5060"


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("pad", [False, True], ids=["raw", "padded"])
def test_udp_answers_do_no_harm(name, pad):
    """Any answer at all is well-formed SIP and, with its pinhole packets, no larger than the
    datagram it answers; the compiled and the Python path answer alike."""
    data = padded(vector(name)) if pad else vector(name)
    fast, slow, _ = both(data, src=SRC)
    assert_same(fast, slow, data)
    if slow.reply is not None:
        assert len(slow.reply) + sum(len(p[2]) for p in slow.pinholes) <= len(data)
        assert not parse(slow.reply).is_request


@pytest.mark.parametrize("name", ALL)
def test_stream_answers_do_no_harm(name):
    """Over TCP: framed by Content-Length (RFC 3261 18.3), or refused with a 400 when it cannot
    be; a framed message is answered (or refused) and never raises."""
    reflector = Reflector(Config(rate_limit=0, port_rate_limit=0))
    data = vector(name)
    try:
        framed = frame(data)
    except SipParseError as exc:
        answer = reflector.malformed("tcp", *SRC, len(data), str(exc))
        assert parse(answer.reply).status == 400
        assert name in ("ncl", "inv2543")  # Content-Length negative or absent on a stream
        return
    if framed is None:  # Content-Length promises more than the file holds: wait for it
        assert name in ("clerr", "ipv6-in-sdp", "baddn")
        return
    answer = reflector.handle(framed[0], SRC, "tcp", 5060, budget=None)
    if answer.reply is not None:
        assert not parse(answer.reply).is_request


def test_stream_framing_splits_what_content_length_says():
    """dblreq: a REGISTER with Content-Length 0 followed by an INVITE's bytes; on a stream the
    INVITE is the next message (on UDP the RFC says to discard it)."""
    message, rest = frame(vector("dblreq"))
    assert parse(message).method == "REGISTER"
    second, _ = frame(rest)  # after a CRLF, which a stream reads as a keep-alive
    assert parse(second).method == "INVITE"


@pytest.mark.parametrize("name", ALL)
def test_the_lab_reader_never_refuses_what_a_router_would_forward(name):
    """The ALG emulator's reader is lenient on purpose: it reads or passes on, never raises; and
    what it reads it writes back with the body untouched."""
    data = vector(name)
    message = siptext.parse(data)
    if message is not None:
        assert message.to_bytes().endswith(message.body)
