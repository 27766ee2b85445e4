import pytest

from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.findings import FINDINGS


def test_round_trip_keeps_verdict_findings_and_vendor():
    code = supportcode.encode("alg_detected", ["via_rewritten", "sdp_connection_rewritten"],
                              "netgear")
    assert len(code) == 14 and code[4] == code[9] == "-"
    decoded = supportcode.decode(code)
    assert decoded.verdict == "alg_detected"
    assert set(decoded.findings) == {"via_rewritten", "sdp_connection_rewritten"}
    assert decoded.vendor == "netgear"


def test_spoken_lookalikes_and_case_are_accepted():
    code = supportcode.encode("no_alg_detected", [], "unknown")
    assert supportcode.decode(code.lower().replace("-", " ")).verdict == "no_alg_detected"
    swapped = code.replace("0", "O").replace("1", "I")
    assert supportcode.decode(swapped) == supportcode.decode(code)


@pytest.mark.parametrize(("findings", "guide"), [([], None), (["contact_rewritten"], "tp-link"),
                                                 ([f.code for f in FINDINGS], "cisco-asa")])
def test_every_single_character_typo_and_adjacent_swap_is_rejected(findings, guide):
    plain = supportcode.encode("alg_detected", findings, "tp-link", guide, "verify").replace("-", "")
    assert len(plain) == 12
    typos = set()
    for i, ch in enumerate(plain):
        typos.update(plain[:i] + other + plain[i + 1:] for other in supportcode.ALPHABET if other != ch)
        if i + 1 < len(plain) and plain[i] != plain[i + 1]:
            typos.add(plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:])
    for typo in typos:
        with pytest.raises(supportcode.SupportCodeError):
            supportcode.decode(typo)


def test_round_trip_for_every_verdict_finding_and_stage():
    for verdict in supportcode.VERDICTS:
        for stage in supportcode.STAGES:
            for entry in FINDINGS:
                code = supportcode.encode(verdict, [entry.code], "avm", "avm", stage)
                decoded = supportcode.decode(code, known_guides=["avm", "netgear"])
                assert (decoded.verdict, decoded.findings, decoded.vendor, decoded.stage,
                        decoded.guide) == (verdict, (entry.code,), "avm", stage, "avm")


def test_round_trip_for_every_vendor_and_a_mix_of_findings():
    mix = [f.code for f in FINDINGS[::3]]
    for vendor in supportcode.VENDORS:
        decoded = supportcode.decode(supportcode.encode("alg_detected", mix, vendor))
        assert decoded.vendor == vendor and decoded.findings == tuple(mix)
        assert decoded.guide_hash == 0 and decoded.guide is None


def test_vendor_names_are_normalised_and_unknown_vendors_become_unknown():
    def vendor(name):
        return supportcode.decode(supportcode.encode("inconclusive", [], name)).vendor

    assert vendor("TP-LINK Technologies") == "tp-link" and vendor("NETGEAR") == "netgear"
    assert vendor("Acme Routers") == "unknown" and vendor(None) == "unknown"


def test_guide_is_named_when_known_and_every_candidate_on_a_hash_collision():
    code = supportcode.encode("alg_detected", ["via_rewritten"], "cisco", "cisco-asa")
    assert supportcode.decode(code, ["cisco-ios", "cisco-asa"]).guide == "cisco-asa"
    unknown = supportcode.decode(code, ["cisco-ios"])
    assert unknown.guide is None and unknown.guide_hash == supportcode.guide_hash("cisco-asa") != 0
    # Find two ids that share a hash: the decoder must offer both rather than pick one.
    seen: dict[int, str] = {}
    for n in range(20000):
        name = f"pack-{n}"
        other = seen.setdefault(supportcode.guide_hash(name), name)
        if other != name:
            break
    code = supportcode.encode("alg_detected", [], "unknown", name)
    decoded = supportcode.decode(code, [name, other, "netgear"])
    assert decoded.guide is None and set(decoded.guide_candidates) == {name, other}


def test_code_for_a_diagnosis_document():
    doc = {"verdict": "alg_detected", "findings": [{"code": "via_rewritten", "detail": "x"}],
           "router": {"vendor": "AVM"}}
    decoded = supportcode.decode(supportcode.code_for(doc, "avm", "verify_after_restart"), ["avm"])
    assert (decoded.vendor, decoded.guide, decoded.stage) == ("avm", "avm", "verify_after_restart")


@pytest.mark.parametrize("bad", ["", "ABC", "ABC-DEF-GHJ", "ABCD-EFGH-JKMN-P", "UUUU-UUUU-UUUU"])
def test_malformed_codes_are_rejected_with_a_reason(bad):
    with pytest.raises(supportcode.SupportCodeError):
        supportcode.decode(bad)


def test_findings_fit_the_code():
    assert len(FINDINGS) <= supportcode.FINDING_BITS
    assert len(supportcode.VENDORS) <= 2 ** supportcode.VENDOR_BITS


def test_version_1_codes_already_read_out_still_decode():
    """Version 2 (31 finding bits) replaced version 1 (27); codes issued before stay readable."""
    from sipalg_wizard.findings import FINDINGS as ALL

    data = 1
    data = (data << 2) | supportcode.VERDICTS.index("alg_detected")
    data = (data << 2) | supportcode.STAGES.index("verify")
    data = (data << 27) | 0b101  # the first and third findings of the append-only vocabulary
    data = (data << 9) | supportcode.VENDORS.index("avm")
    data = (data << 13) | supportcode.guide_hash("avm-fritzbox", 13)
    value = (data << 5) | supportcode._check(data)
    text = "".join(supportcode.ALPHABET[(value >> s) & 0x1F] for s in range(55, -1, -5))
    decoded = supportcode.decode(text, known_guides=["avm-fritzbox", "generic"])
    assert decoded.version == 1 and decoded.verdict == "alg_detected" and decoded.stage == "verify"
    assert decoded.findings == (ALL[0].code, ALL[2].code) and decoded.vendor == "avm"
    assert decoded.guide == "avm-fritzbox"


def test_the_newest_findings_travel_in_the_code():
    from sipalg_wizard.findings import FINDINGS as ALL

    newest = [ALL[-1].code, ALL[-2].code]
    decoded = supportcode.decode(supportcode.encode("alg_detected", newest, "fortinet"))
    assert set(decoded.findings) == set(newest) and decoded.version == supportcode.VERSION
