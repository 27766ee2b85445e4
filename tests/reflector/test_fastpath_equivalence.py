"""The C fast path (``reflector/fastpath.py``) answers exactly as the Python reflector, or declines.

Contract: for any datagram, ``Reflector(Config(fast_path=True))`` returns an ``Answer`` equal to the
one ``Reflector(Config(fast_path=False))`` returns (reply byte for byte, pinholes, note, callback).
A hand-written C parser is most likely to differ from ``sip.message.parse`` where SIP text is odd but
legal, or where Python's notion of whitespace and digits is wider than ASCII (``str.strip`` eats
``\\x0b`` and NBSP, ``isdigit`` accepts '²'): those are what the generators below produce.
The probe's own messages must really take the fast path, or it buys nothing.
"""

from __future__ import annotations

import itertools
import re
import sys

import pytest
from hypothesis import HealthCheck, Phase, event, find, given, settings
from hypothesis import strategies as st

from benchmarks.reflector_load import INVITE as SIPP_INVITE
from benchmarks.reflector_load import OPTIONS as SIPP_OPTIONS
from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector import callbacks, fastpath
from sipalg_wizard.reflector.handler import Answer, Config, Reflector
from sipalg_wizard.reflector.loadgen import read_metrics
from sipalg_wizard.reflector.process import free_ports
from sipalg_wizard.sip import protocol
from tests.reflector.test_reflector_fuzz import mutate
from tests.reflector.test_reflector_process import udp_exchange

SOURCES = [("127.0.0.1", 40000), ("::1", 40000), ("203.0.113.7", 5060), ("2001:db8::7", 65535),
           ("::ffff:192.0.2.1", 1024), ("fe80::1%lo", 5062)]
LOCAL_PORTS = (5060, 5070, 1, 65535)  # the SIP port, the control port, the extremes
# Enough examples to matter, more under HYPOTHESIS_PROFILE=thorough (the project's profiles).
EXAMPLES = max(settings().max_examples, 400)
FUZZ = settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow,
                                                              HealthCheck.data_too_large])


def pair(**config) -> tuple[Reflector, Reflector]:
    """A fast and a slow reflector with the same configuration (rate limits off by default)."""
    base = {"rate_limit": 0, "port_rate_limit": 0, **config}
    return Reflector(Config(fast_path=True, **base)), Reflector(Config(fast_path=False, **base))


def both(data: bytes, src=("127.0.0.1", 40000), local_port: int = 5060, budget: int | None = -1,
         transport: str = "udp", **config) -> tuple[Answer, Answer, int]:
    """(fast answer, slow answer, answers the C code built) for one datagram; budget -1 means
    ``len(data)``, what the UDP server passes."""
    fast, slow = pair(**config)
    budget = len(data) if budget == -1 else budget
    fast_answer = fast.handle(data, src, transport, local_port, budget=budget)
    slow_answer = slow.handle(data, src, transport, local_port, budget=budget)
    return fast_answer, slow_answer, fast.metrics.counters.get("fast_path_answers", 0)


def assert_same(fast: Answer, slow: Answer, data: bytes) -> None:
    assert fast.reply == slow.reply, f"reply differs for {data!r}"
    assert (fast.pinholes, fast.note, fast.callback) == (slow.pinholes, slow.note, slow.callback), \
        f"answer differs for {data!r}"


# -- 1. the corpus: what the probe client and sipp really send ----------------------------------
def dialog(local_ip: str, media_port: int | None, to_tag: str | None) -> Dialog:
    """A dialog with fixed random parts, so a failure names the same bytes every run."""
    return Dialog("fastpath", "udp", local_ip, 40000, "127.0.0.1", 5060, media_port=media_port,
                  call_id="a84b4c76e66710", from_tag="1928301774", nonce="5e3f09a1b2c4",
                  session=424242, to_tag=to_tag)


def probe_corpus() -> list[tuple[str, bytes, bool]]:
    """(name, datagram, common): every kind of message the probe sends; ``common`` ones must take
    the fast path (padded, plain X-Pad, no callback; INVITE with SDP and a real media port)."""
    out = []
    for local_ip, method, padded, media, to_tag, extra in itertools.product(
            ("192.168.1.10", "::1", "10.0.0.2"), ("OPTIONS", "REGISTER", "INVITE", "BYE", "ACK", "CANCEL"),
            (True, False), (None, 1000, 1023, 1024, 40002, 65534), (None, "8a7b6c5d4e3f"),
            ("", "sdp-less", "subject-pad", "callback", "ack-state")):
        if (media is not None or extra == "sdp-less") and method != "INVITE":
            continue
        d = dialog(local_ip, media, to_tag)
        kwargs = {"pad_header": "Subject"} if extra == "subject-pad" else {}
        if extra == "callback":
            kwargs["callback_ms"] = 5000
        if extra == "ack-state":  # X-Reflect-Ack (sip/ackstate.py): the C code declines these
            kwargs["ack"] = {"INVITE": "track", "ACK": "ack"}.get(method, "state")
        if extra == "sdp-less":
            data = build_request(d, method, body=False, pad=0 if not padded else 900)
        elif padded:
            data = padded_request(d, method, pinhole=method == "INVITE", **kwargs)
        else:
            data = build_request(d, method, **kwargs)
        common = padded and extra == "" and method != "CANCEL" \
            and (method != "INVITE" or (media or 0) >= 1024)
        out.append((f"{method}-{local_ip}-{'pad' if padded else 'raw'}-{media}-{to_tag}-{extra}",
                    data, common))
    return out


def sipp_render(scenario: str, index: int, port: int = 5060) -> bytes:
    """The ``index``-th ``<send>`` of a sipp scenario as sipp sends it: lines trimmed, CRLF, the
    keywords filled in (call 1 of a sipp with pid 4242 on 127.0.0.1:5062)."""
    text = re.findall(r"<!\[CDATA\[(.*?)\]\]>", scenario, re.S)[index]
    lines = [line.strip() for line in text.strip("\n").split("\n")]
    blank = lines.index("") if "" in lines else len(lines)
    body = "".join(line + "\r\n" for line in lines[blank + 1:] if line)
    head = "\r\n".join(lines[:blank]) + "\r\n\r\n"
    values = {"transport": "UDP", "local_ip": "127.0.0.1", "local_port": "5062",
              "remote_ip": "127.0.0.1", "remote_port": str(port), "branch": "z9hG4bK-4242-1-0",
              "call_number": "1", "call_id": "1-4242@127.0.0.1", "len": str(len(body.encode())),
              "peer_tag_param": ";tag=0123456789ab"}
    return re.sub(r"\[(\w+)\]", lambda m: values[m.group(1)], head + body).encode()


SIPP = [("sipp-options", sipp_render(SIPP_OPTIONS, 0)), ("sipp-invite", sipp_render(SIPP_INVITE, 0)),
        ("sipp-ack", sipp_render(SIPP_INVITE, 1))]
CORPUS = probe_corpus()


@pytest.mark.parametrize("src", [("127.0.0.1", 40000), ("::1", 40000)], ids=["v4", "v6"])
@pytest.mark.parametrize("local_port", [5060, 5070], ids=["sip", "control"])
def test_probe_and_sipp_messages_are_answered_alike(src, local_port):
    for name, data in [(n, d) for n, d, _ in CORPUS] + SIPP:
        fast, slow, _ = both(data, src, local_port)
        assert_same(fast, slow, data)
        assert slow.note != "" and name  # the corpus reaches real answers, not only silence


def fast_path_built() -> None:
    """Counting C answers needs the extension: on Linux it is always built (``pip install -e .``)."""
    if not fastpath.AVAILABLE:
        if sys.platform == "linux":
            pytest.fail("the fast-path extension is not built (run .venv/bin/pip install -e .)")
        pytest.skip("the fast-path extension is only built on Linux")


def test_ack_state_requests_are_declined_by_the_c_code_and_answered_alike():
    """The ACK-state table lives in Python: every request carrying X-Reflect-Ack goes that way,
    and both reflectors answer it the same (each keeps its own table)."""
    fast_path_built()
    asking = [(n, d) for n, d, _ in CORPUS if n.endswith("-ack-state")]
    assert len(asking) > 20
    for _name, data in asking:
        fast, slow, built = both(data)
        assert_same(fast, slow, data)
        assert built == 0


@pytest.mark.parametrize("src", [("127.0.0.1", 40000), ("::1", 40000)], ids=["v4", "v6"])
@pytest.mark.parametrize("name,data", [(n, d) for n, d, common in CORPUS if common] + SIPP,
                         ids=[n for n, _, common in CORPUS if common] + [n for n, _ in SIPP])
def test_common_messages_take_the_fast_path_and_decode(src, name, data):
    fast_path_built()
    fast, slow, built = both(data, src)
    assert_same(fast, slow, data)
    assert slow.note in ("reflected", "ack"), "the corpus message must get a full answer"
    assert built == 1, f"the C code declined a common message ({name})"
    if fast.reply is not None:
        reflection = protocol.decode(fast.reply)
        assert reflection.digest_ok and reflection.request_copy == data
        assert reflection.meta["src"] == (f"[{src[0]}]:{src[1]}" if ":" in src[0] else f"{src[0]}:{src[1]}")


@pytest.mark.expect_log("sipalg.reflector")  # refusing is logged: the test goes over the limit on purpose
def test_a_rate_limited_source_gets_the_same_busy_answer():
    data = padded_request(dialog("10.0.0.2", None, None), "OPTIONS")
    fast, slow = pair(port_rate_limit=0.001, port_burst=1.0)
    answers = [(r.handle(data, ("198.51.100.1", 4000), "udp", 5060, len(data)),
                r.handle(data, ("198.51.100.1", 4000), "udp", 5060, len(data))) for r in (fast, slow)]
    assert [a.note for a in answers[1]] == ["reflected", "busy"]
    for f, s in zip(answers[0], answers[1], strict=True):
        assert_same(f, s, data)


# -- 2. generated requests: the odd-but-legal SIP a C parser meets ------------------------------
# Each field has VALID spellings (printable ASCII, legal SIP: the C grammar's domain), EDGE ones
# (ASCII, but the request is then malformed) and WILD ones (tabs, Unicode, NUL...) that only a
# "wild" request uses: most examples stay close enough to reach the C code, the rest test its
# declines.
NAMES = {
    "via": ["Via", "via", "VIA", "v", "V"], "from": ["From", "f", "F", "fROM"],
    "to": ["To", "t", "T", "TO"], "call-id": ["Call-ID", "call-id", "i", "I", "Call-Id"],
    "cseq": ["CSeq", "cseq", "CSEQ"], "contact": ["Contact", "m"], "content-type": ["Content-Type", "c"],
    "x-reflect-callback": ["X-Reflect-Callback", "x-reflect-callback", "X-REFLECT-CALLBACK"],
}
SPACE = (["", "", " ", "  "], [], ["\t", " \t"])
# Whitespace Python's str.strip()/split() eats but a C parser may not; NUL, which C strings end at.
VALUE_SPACE = (["", " ", " ", "  "], [],
               ["\t", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\x00"])
METHODS = (["OPTIONS", "REGISTER", "INVITE", "BYE", "ACK", "CANCEL", "INFO", "MESSAGE", "NOTIFY",
            "SUBSCRIBE", "PRACK", "UPDATE", "REFER", "PUBLISH", "options", "Invite", "X-NEW.1", "FOO!"],
           ["BYE/1", "ACK "], ["OPTIONS\t", "Ü"])
PROTOCOLS = (["SIP/2.0/UDP", "SIP/2.0/UDP", "SIP/2.0/TCP", "sip/2.0/udp", "SIP/2.0/"],
             ["SIP/2.0", "SIP/3.0/UDP"], ["SIP/2.0/UDP\t"])
HOSTS = (["127.0.0.1", "10.0.0.1", "[::1]", "[2001:db8::1]", "[::ffff:10.0.0.1]", "host.example",
          "HOST-1.example.", "1.2.3.4]", "", "a b", "[]", "h_1"],
         ["::1", "[::1", "[::1]x"], ["bücher.example", "ｈｏｓｔ", "²"])
PORTS = (["", ":5060", ":05060", ":1", ":65535", ":" + "0" * 20 + "5060", ":", ":5060 "],
         [":0", ":65536", ":" + "9" * 25, ":abc", ": 5060", ":+5060", ":-1"], [":²", ":\t5060"])
VIA_PARAMS = [("branch", "z9hG4bK776asdhds"), ("rport", None), ("rport", "5061"), ("rport", ""),
              ("RPORT", None), ("received", "192.0.2.1"), ("Received", "x"), ("received", None),
              ("maddr", "239.1.1.1"), ("ttl", "16"), ("", None), ("branch", "z9hG4bK" + "9" * 300),
              ("x", "a=b"), ("rport", "0" * 30 + "1")]
FROMS = (["<sip:probe@10.0.0.1:5062>", '"Bob, ;x" <sip:p@h>', "sip:probe@h", "<sip:p@[::1]:5>", ""], [],
         ['"Zoë" <sip:p@h>'])
TO_URIS = (["<sip:reflector@127.0.0.1:5060>", "sip:r@h", "<sip:a@b;tag=1>", "<sip:r@h>;x=;tag"], [],
           ["<sip:é@h>"])
TO_TAGS = (["", "", ";tag=abc", "; tag=abc", ";tag =abc", ";tag= abc", ";TAG=abc", "; tag = abc",
            ";tag=", ";tagx=1", ";x=1;tag=abc", ";tag", " ;tag=abc", ";;tag=abc", ";t ag=1"], [],
           [";\ttag=abc", "\x0b;tag=abc", ";tag\xa0=abc"])
CALL_IDS = (["a84b4c76e66710@pc33.example", "x", "", "a" * 2000, "1 2 3", '"q"', "a@[::1]", "i:j"], [],
            ["é@h", "\x00abc", "b\xa0c"])
CSEQS = (["1 {m}", "1 {m}", "01 {m}", "  1   {m} ", "9" * 30 + " {m}", "4294967296 {m}", "0 {m}",
          "1 ACK", "1  {m}"],
         ["1", "x {m}", "-1 {m}", "1 {m} extra", "", " {m}"], ["²1 {m}", "1\t{m}", "1\x0b{m}", "1\u3000{m}"])
CALLBACKS = ["1000", "0", "1", "120000", "120001", "abc", "  5000 ", "²", "0001000", "99999999", "",
             "1e3", "١٢٣"]
MEDIA = (["m=audio 49170 RTP/AVP 0 8 101", "m=audio  49170 RTP/AVP 0", "m=audio\t49170 RTP/AVP 0",
          "m= audio 49170 RTP/AVP", "m=audio 49170/2 RTP/AVP 0", "m=audio 0 RTP/AVP 0",
          "m=audio 1023 RTP/AVP 0", "m=audio 1024 RTP/AVP 0", "m=audio 65535 RTP/AVP 0",
          "m=audio 65536 RTP/AVP 0", "m=audio 049170 RTP/AVP 0", "m=audio " + "9" * 40 + " RTP/AVP 0",
          "M=audio 5000 RTP/AVP 0", " m=audio 5000 RTP/AVP 0", "m=audio", "m=video 5002 RTP/AVP 96",
          "m=audio /5000 RTP/AVP", "m=audio 5000\r RTP/AVP 0", "m=audio\r5000 RTP/AVP 0", "m=\t\t7000 x"], [],
         ["m=audio ² RTP/AVP 0", "m=audio\x1c5000 RTP/AVP 0", "m=audio\xa05000 RTP/AVP 0",
          "m=audio ４９１７０ RTP/AVP 0", "m=audio\x0b5000 RTP/AVP 0"])
URIS = (["sip:reflector@127.0.0.1:5060", "sip:127.0.0.1", "sip:reflector@[::1]:5060", "sip:[::1]",
         "sips:a@b.example;transport=udp", "sip:a@b.example?h=1", "tel:+1234", "sip:u:pw@host:99999",
         "sip:@:", "sip:a@b:005060", "sip:host:0", "sip:a@h;x=y:1", "sip:[2001:db8::1]:5060;lr",
         "sip:a@b@c:7", "sip:a@h[1]", "sip:", "x", "sip:[::1", "sip:[::1]:", "sip:[::1]x:5", "sip:h:5:6",
         "sip:a@h_1", "sip:a@host:" + "0" * 10 + "1"],
        ["sip:a b"], ["sip:ré@bücher.example", "sip:a@ｈｏｓｔ:5060", "sip:a@²"])
# Bytes inserted anywhere in a wild request: line-end games, C-string and UTF-8 traps.
INSERTS = [b"\x00", b"\r", b"\n", b"\r\n", b"\r\n ", b"\r\n\t", b"\xff", b"\xc0\x80", b"\xed\xa0\x80",
           b"\xe2\x82", b"\xf0\x9f\x98\x80", b"\xf4\x90\x80\x80", b"\x0b", b"\xc2\x85", b"\xc2\xa0",
           b":", b";", b",", b" ", b"\t", b"=", b"<", b"\r\n\r\n"]


def pick(draw, choices: tuple[list[str], list[str], list[str]], wild: bool) -> str:
    """Mostly a VALID spelling, one in sixteen an EDGE one, in a wild request sometimes a WILD one."""
    valid, edge, odd = choices
    kind = draw(st.sampled_from(["valid"] * 13 + ["edge", "wild", "wild"]))  # integers() favour 0 and 1
    if wild and kind == "wild" and odd:
        return draw(st.sampled_from(odd))
    return draw(st.sampled_from(edge if kind == "edge" and edge else valid))


def spelled(draw, key: str, wild: bool) -> str:
    """A header name for ``key`` and its colon, with the spacing RFC 3261 allows."""
    return f"{draw(st.sampled_from(NAMES[key]))}{pick(draw, SPACE, wild)}:{pick(draw, VALUE_SPACE, wild)}"


def via_value(draw, wild: bool) -> str:
    """One Via header value: one via-parm, sometimes a second joined by a comma."""
    parms = []
    for _ in range(1 if draw(st.integers(0, 3)) else 2):
        sent_by = pick(draw, HOSTS, wild) + pick(draw, PORTS, wild)
        params = ""
        for key, value in draw(st.lists(st.sampled_from(VIA_PARAMS), max_size=4)):
            params += f"{pick(draw, SPACE, wild)};{pick(draw, SPACE, wild)}{key}"
            if value is not None:
                params += f"{pick(draw, SPACE, wild)}={pick(draw, SPACE, wild)}{value}"
        gap = draw(st.sampled_from([" ", " ", "  "]))
        parms.append(f"{pick(draw, PROTOCOLS, wild)}{gap}{sent_by}{params}")
    return draw(st.sampled_from([", ", ",", " ,"])).join(parms)


def sdp(draw, wild: bool) -> str:
    lines = ["v=0", "o=probe 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0"]
    lines += [pick(draw, MEDIA, wild) for _ in range(draw(st.integers(0, 3)))]
    lines += ["a=rtpmap:0 PCMU/8000"] if draw(st.booleans()) else []
    eol = draw(st.sampled_from(["\r\n", "\n", "\r\n", "\r\n\r\n"]))
    return eol.join(lines) + draw(st.sampled_from([eol, "", eol + eol]))


def fold(draw, header: str) -> str:
    """Sometimes fold a header over two lines (RFC 3261 7.3.1), anywhere after the colon."""
    if draw(st.integers(0, 5)):
        return header
    at = draw(st.integers(header.index(":") + 1, len(header)))
    return header[:at] + draw(st.sampled_from(["\r\n ", "\r\n\t", "\n ", "\r\n  \t"])) + header[at:]


@st.composite
def generated_requests(draw):
    """(build(pad) -> bytes, src, local_port, config, transport): a request whose X-Pad size the
    caller chooses, so it can aim at the pad-to and silence boundaries. One in four is wild."""
    wild = draw(st.integers(0, 3)) == 0
    method = pick(draw, METHODS, wild)
    cseq_method = draw(st.sampled_from([method, method, "OPTIONS", "ACK"]))
    start = f"{method} {pick(draw, URIS, wild)} SIP/2.0"
    headers = [spelled(draw, "via", wild) + via_value(draw, wild) for _ in range(draw(st.integers(1, 3)))]
    headers.append(spelled(draw, "from", wild) + pick(draw, FROMS, wild)
                   + draw(st.sampled_from([";tag=1928301774", ";tag=x", ""])))
    headers.append(spelled(draw, "to", wild) + pick(draw, TO_URIS, wild) + pick(draw, TO_TAGS, wild))
    headers.append(spelled(draw, "call-id", wild) + pick(draw, CALL_IDS, wild))
    headers.append(spelled(draw, "cseq", wild) + pick(draw, CSEQS, wild).format(m=cseq_method))
    duplicates = {"call-id": "dup@h", "from": "<sip:d@h>;tag=2", "cseq": "2 BYE", "to": "<sip:d@h>",
                  "via": "SIP/2.0/UDP 192.0.2.9:5070;branch=z9hG4bKdup;rport"}
    for key in draw(st.lists(st.sampled_from(sorted(duplicates)), max_size=2)):
        headers.append(spelled(draw, key, wild) + duplicates[key])
    if draw(st.booleans()):
        headers.append(spelled(draw, "contact", wild) + "<sip:probe@10.0.0.1:5062;transport=udp>")
    if draw(st.integers(0, 4)) == 0:
        headers.append(spelled(draw, "x-reflect-callback", wild) + draw(st.sampled_from(CALLBACKS)))
    body = sdp(draw, wild) if draw(st.integers(0, 2)) else draw(st.sampled_from(["", "hello", "a\tb"]))
    junk = b""
    if wild and draw(st.booleans()):  # bytes C must not take for text: NUL, not UTF-8, non-ASCII, DEL
        junk = draw(st.sampled_from([b"\x00", b"\xff", "é".encode(), b"\x7f"]))
    if body.startswith("v=") and draw(st.booleans()):
        headers.append(spelled(draw, "content-type", wild) + "application/sdp")
    headers = draw(st.permutations(headers))
    if draw(st.integers(0, 7)) == 0:  # drop one: a required header missing
        del headers[draw(st.integers(0, len(headers) - 1))]
    if wild:
        headers = [fold(draw, h) for h in headers]
    filler = draw(st.sampled_from([None] * 12 + [-1, 0, 1]))  # fill up to MAX_HEADERS (+-1)
    length = draw(st.sampled_from(["ok", "ok", "missing", "wrong", "zeros", "huge"]))
    pad_at = draw(st.integers(0, len(headers)))
    pad_name = draw(st.sampled_from(["X-Pad: ", "X-Pad: ", "Subject: ", "s:"]))
    eol = draw(st.sampled_from(["\n", "mixed"])) if wild and draw(st.booleans()) else "\r\n"
    eols = [draw(st.sampled_from(["\r\n", "\n"])) if eol == "mixed" else eol for _ in range(len(headers) + 3)]
    blank = draw(st.sampled_from(["eol", "none", "crlf"])) if wild else "eol"
    inserts = draw(st.lists(st.tuples(st.floats(0, 1), st.sampled_from(INSERTS)), max_size=2)) if wild else []
    body_bytes = body.encode() + junk

    def build(pad: int) -> bytes:
        lines = [start, *headers]
        if pad > 0:
            lines.insert(1 + pad_at, pad_name + "x" * pad)
        if length != "missing":
            value = {"ok": len(body_bytes), "wrong": len(body_bytes) + 7, "zeros": f"000{len(body_bytes)}",
                     "huge": "9" * 40}[length]
            lines.append(f"Content-Length: {value}")
        if filler is not None:
            lines += ["X-A: 1"] * max(0, 200 + filler - (len(lines) - 1))
        text = "".join(line + eols[min(i, len(eols) - 1)] for i, line in enumerate(lines))
        text += {"eol": eols[-1], "none": "", "crlf": "\r\n"}[blank]
        data = text.encode() + body_bytes
        for where, insert in inserts:
            at = int(where * len(data))
            data = data[:at] + insert + data[at:]
        return data

    src = draw(st.sampled_from(SOURCES))
    config = draw(st.sampled_from([{}, {}, {}, {"pinhole": False}, {"control_udp_ports": [5070, 5071]},
                                   {"control_udp_ports": [], "tls_port": 5061}]))
    transport = draw(st.sampled_from(["udp"] * 10 + ["tcp", "tls"]))
    return build, src, draw(st.sampled_from(LOCAL_PORTS)), config, transport


def aimed_pad(build, src, local_port: int, config: dict, aim: str) -> int:
    """The pad that puts the request at the size where the answer changes kind: ``full``
    (reflection vs pad-to) or ``small`` (pad-to vs silence), measured on the slow path."""
    _, slow = pair(**config)
    pad = 0
    for _ in range(3):  # the copy compresses the pad, so the target moves a little: iterate
        data = build(pad)
        answer = slow.handle(data, src, "udp", local_port, budget=None)
        if answer.reply is None:
            return pad
        cost = len(answer.reply) + (protocol.pinhole_budget() if answer.pinholes else 0) \
            + callbacks.cost(answer.callback)
        if aim == "small":
            small = slow.handle(data, src, "udp", local_port, budget=cost - 1).reply
            if small is None:
                return pad
            cost = len(small)
        pad = max(0, pad + cost - len(data))
    return pad


AIMS = st.sampled_from(["none", "full", "full", "full", "small", "any"])


def generated_case(request, aim: str, delta: int, any_pad: int, odd_budget: int):
    """(data, src, local_port, budget, transport, config) of one generated example."""
    build, src, local_port, config, transport = request
    if aim == "any":
        pad = any_pad
    elif aim == "none":
        pad = 0
    else:  # at the boundary, a few bytes either side, or comfortably above it
        pad = max(0, aimed_pad(build, src, local_port, config, aim) + delta)
    data = build(pad)
    budget = None if transport != "udp" else (len(data) if odd_budget else len(data) // 2)
    return data, src, local_port, budget, transport, config


@FUZZ
@given(generated_requests(), AIMS, st.one_of(st.integers(-3, 3), st.integers(0, 300)),
       st.integers(0, 3000), st.integers(0, 9))
def test_generated_requests_are_answered_alike(request, aim, delta, any_pad, odd_budget):
    data, src, local_port, budget, transport, config = generated_case(request, aim, delta, any_pad,
                                                                      odd_budget)
    fast, slow, built = both(data, src, local_port, budget, transport, **config)
    event(f"C built the answer: {built == 1}; {slow.note.split(':')[0][:24]}")
    assert_same(fast, slow, data)


def test_the_generator_reaches_the_c_code():
    """The equivalence above only means something if the C code answers many of the generated
    requests, including odd-but-legal ones (a compact name, a received= to replace)."""
    fast_path_built()

    def answered_by_c(example) -> bool:
        data, src, local_port, budget, transport, config = generated_case(*example)
        fast, _, built = both(data, src, local_port, budget, transport, **config)
        return built == 1 and fast.reply is not None and (b"\r\nv:" in data or b";received" in data)

    found = find(st.tuples(generated_requests(), AIMS, st.integers(0, 300), st.integers(0, 3000),
                           st.integers(0, 9)), answered_by_c,
                 settings=settings(max_examples=3000, database=None, phases=[Phase.generate]))
    assert found is not None


PROBES = [d for _, d, common in CORPUS if common][::7] + [d for _, d in SIPP]


@FUZZ
@given(st.sampled_from(PROBES), st.integers(0, 2**32 - 1), st.sampled_from(SOURCES))
def test_byte_mutations_of_probe_messages_are_answered_alike(data, seed, src):
    import random

    mutated = mutate(random.Random(seed), data)
    fast, slow, _ = both(mutated, src)
    assert_same(fast, slow, mutated)


@FUZZ
@given(st.sampled_from(PROBES), st.data())
def test_single_byte_edits_of_probe_messages_are_answered_alike(data, draw):
    """One inserted trap byte (or replaced byte) at any offset: the C parser's state machine must
    agree with Python's wherever it lands."""
    at = draw.draw(st.integers(0, len(data)))
    insert = draw.draw(st.sampled_from(INSERTS + [bytes([b]) for b in range(0x20)] + [b"\x7f", b"\x80"]))
    replace = draw.draw(st.booleans())
    edited = data[:at] + insert + data[at + (1 if replace else 0):]
    fast, slow, _ = both(edited, ("127.0.0.1", 40000))
    assert_same(fast, slow, edited)


# -- 3. the real server process uses the fast path ---------------------------------------------
def test_the_server_process_answers_options_on_the_fast_path(reflector_with):
    fast_path_built()
    (mport,) = free_ports(1)
    running = reflector_with("--metrics-port", str(mport), "--rate-limit", "0")
    before = read_metrics(mport).get("fast_path_answers_total")
    assert before == 0, "the reflector must export sipalg_reflector_fast_path_answers_total"
    data = padded_request(dialog("192.168.1.10", None, None), "OPTIONS")
    for _ in range(3):
        (reply,) = udp_exchange(running.sip, data)
        assert protocol.decode(reply).digest_ok
    seen = read_metrics(mport)
    assert seen["requests_total"] == 3 and seen["fast_path_answers_total"] == 3
