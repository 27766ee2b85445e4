"""Support codes made by the Python side for the agent-page tests, and what ``decode`` says of each."""

from __future__ import annotations

import random

from sipalg_wizard import decodeview
from sipalg_wizard.diagnosis import supportcode
from sipalg_wizard.findings import FINDINGS
from sipalg_wizard.guides import GuideLibrary


def raw_code(version: int, verdict: int, stage: int, mask: int, vendor: int, guide: int,
             layout: int | None = None) -> str:
    """A code with a good check symbol but any field values (ones ``encode`` never makes), in the
    bit layout of version ``layout`` (default: the current one)."""
    finding_bits, vendor_bits, guide_bits = supportcode.LAYOUTS[layout or supportcode.VERSION]
    data = version
    for value, bits in ((verdict, 2), (stage, supportcode.STAGE_BITS),
                        (mask, finding_bits), (vendor, vendor_bits), (guide, guide_bits)):
        data = (data << bits) | value
    value = (data << 5) | supportcode._check(data)
    text = "".join(supportcode.ALPHABET[(value >> s) & 0x1F] for s in range(55, -1, -5))
    return f"{text[:4]}-{text[4:8]}-{text[8:]}"


def valid_codes(library: GuideLibrary, seed: int = 16) -> list[str]:
    """Every verdict x stage; every vendor that has a guide with its guide; a spread of findings."""
    rnd = random.Random(seed)
    coded = [f.code for f in FINDINGS[:supportcode.FINDING_BITS]]
    spread = [[], coded, *([c] for c in coded)]
    spread += [rnd.sample(coded, rnd.randint(2, 8)) for _ in range(60)]
    guides = sorted({g.id for g in library.guides})
    codes = []
    for verdict in supportcode.VERDICTS:
        for stage in supportcode.STAGES:
            for findings in spread:
                guide = rnd.choice([None, "an-isp-guide-not-here", *guides])
                codes.append(supportcode.encode(verdict, findings, rnd.choice(supportcode.VENDORS),
                                                guide, stage))
    for guide in library.guides:  # every vendor with a guide, sent to that guide
        for vendor in guide.vendors:
            verdict, stage = rnd.choice(supportcode.VERDICTS), rnd.choice(supportcode.STAGES)
            codes.append(supportcode.encode(verdict, rnd.choice(spread), vendor, guide.id, stage))
    # Fields encode() never writes: an unknown vendor number, a reserved verdict or stage, a
    # findings bit past the known ones, another version.
    now = supportcode.VERSION  # raw_code writes the current layout
    codes += [raw_code(now, 2, 0, 1, len(supportcode.VENDORS) + 3, 0),
              raw_code(now, 3, 0, 0, 0, 0), raw_code(now, 0, 3, 0, 0, 0),
              raw_code(now, 2, 0, 1 << len(FINDINGS), 1, 0), raw_code(now + 1, 0, 0, 0, 0, 0),
              raw_code(0, 1, 1, 0, 2, 5)]
    # Version-1 codes read out before version 2 still decode, guide hash and all.
    netgear = supportcode.guide_hash("netgear", supportcode.LAYOUTS[1][2])
    codes += [raw_code(1, 2, 1, 0b101, supportcode.VENDORS.index("netgear"), netgear, layout=1),
              raw_code(1, 1, 0, 0, 0, 0, layout=1)]
    return codes


def mistyped(codes: list[str], seed: int = 61) -> list[str]:
    """Every single-character typo and every swap of neighbours of some codes, and spoken forms."""
    rnd = random.Random(seed)
    out = []
    for code in rnd.sample(codes, 12):
        plain = code.replace("-", "")
        for i in range(len(plain)):
            out += [plain[:i] + ch + plain[i + 1:] for ch in supportcode.ALPHABET if ch != plain[i]]
        out += [plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:] for i in range(len(plain) - 1)
                if plain[i] != plain[i + 1]]
    for code in rnd.sample(codes, 20):
        out += [code.lower(), code.replace("-", " "), f"  {code}  ", code.replace("0", "O"),
                code.replace("1", "I").lower(), code.replace("1", "l"), code[:-1], code + "7",
                code.replace("-", "")[:6] + "U" + code.replace("-", "")[7:], code.replace("-", "_")]
    out += ["", "   ", "-", "C012-61W0-89CF-0000", "ÇØ12-61W0-89CF", "C012–61W0–89CF"]
    return out


def expected(code: str, known: dict) -> dict:
    """What ``decode`` says, as data: decodeview.describe, or the refusal and its hint."""
    try:
        return decodeview.describe(code, known).to_dict()
    except supportcode.SupportCodeError as exc:
        return {"error": str(exc), "hint": decodeview.hint()}
