import pytest

from sipalg_wizard import supportcode
from sipalg_wizard.findings import FINDINGS


def test_round_trip_keeps_verdict_findings_and_vendor():
    code = supportcode.encode("alg_detected", ["via_rewritten", "sdp_connection_rewritten"],
                              "netgear")
    assert len(code) == 11 and code[3] == code[7] == "-"
    decoded = supportcode.decode(code)
    assert decoded.verdict == "alg_detected"
    assert set(decoded.findings) == {"via_rewritten", "sdp_connection_rewritten"}
    assert decoded.vendor == "netgear"


def test_spoken_lookalikes_and_case_are_accepted():
    code = supportcode.encode("no_alg_detected", [], "unknown")
    assert supportcode.decode(code.lower().replace("-", " ")).verdict == "no_alg_detected"
    swapped = code.replace("0", "O").replace("1", "I")
    assert supportcode.decode(swapped) == supportcode.decode(code)


@pytest.mark.parametrize("findings", [[], ["contact_rewritten"], [f.code for f in FINDINGS]])
def test_every_single_character_typo_and_adjacent_swap_is_rejected(findings):
    plain = supportcode.encode("alg_detected", findings, "tp-link").replace("-", "")
    typos = set()
    for i, ch in enumerate(plain):
        typos.update(plain[:i] + other + plain[i + 1:] for other in supportcode.ALPHABET if other != ch)
        if i + 1 < len(plain) and plain[i] != plain[i + 1]:
            typos.add(plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:])
    for typo in typos:
        with pytest.raises(supportcode.SupportCodeError):
            supportcode.decode(typo)


def test_round_trip_for_every_verdict_and_finding():
    for verdict in supportcode.VERDICTS:
        for entry in FINDINGS:
            decoded = supportcode.decode(supportcode.encode(verdict, [entry.code], "avm"))
            assert (decoded.verdict, decoded.findings, decoded.vendor) == (verdict, (entry.code,), "avm")


@pytest.mark.parametrize("bad", ["", "ABC", "ABC-DEF-GHJK", "UUU-UUU-UUU"])
def test_malformed_codes_are_rejected_with_a_reason(bad):
    with pytest.raises(supportcode.SupportCodeError):
        supportcode.decode(bad)


def test_findings_fit_the_code():
    assert len(FINDINGS) <= supportcode.FINDING_BITS
    assert len(supportcode.VENDORS) <= 2 ** supportcode.VENDOR_BITS
