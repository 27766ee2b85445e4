"""The short support code a customer reads out over the phone, and its decoder for the agent.

Twelve characters of Crockford base32 in groups of four (``K7QM-2XD9-R4TB``): no I, L, O or U, so
nothing is ambiguous when spoken, and reading is case-insensitive (a spoken O or I/L is read as
0 or 1). The code packs 55 data bits and a check symbol; version 2 (issued now)::

    version (2) | verdict (2) | stage (2) | findings bit mask (31) | vendor index (8) | guide (10) | check (5)

Version 1 (still decoded: codes already read out stay readable) had 27 finding bits, 9 vendor
bits and a 13-bit guide hash; the vocabulary outgrew 27 findings, and 256 vendor keys and a
10-bit guide hash (the vendor tells the rare collision apart) are plenty.

``stage`` says whether the code comes from the first diagnosis or from Verify (after the fix, or
after the fix and a router restart). ``guide`` is a 13-bit hash of the guide id (0 = no guide): the
decoder resolves it against the guides it knows, so neither side needs a list of guide numbers, and
on the rare hash collision it names every candidate (the vendor tells them apart).

The last character is a check symbol: a weighted sum of the eleven data symbols in the field
GF(32), with a distinct non-zero weight (other than 1) per position. Any single mistyped character
and any swap of two neighbouring characters changes that sum, so such a typo is always rejected
instead of decoded into nonsense.

The findings bits follow ``findings.FINDINGS`` and the vendor index follows ``VENDORS``: both lists
are append-only.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from sipalg_wizard.findings import FINDINGS

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
VERSION = 2
VERDICTS = ("inconclusive", "no_alg_detected", "alg_detected")
# Where the code was made: the first diagnosis, Verify after the fix, Verify after fix + restart.
STAGES = ("diagnosis", "verify", "verify_after_restart")
STAGE_BITS = 2
# (finding bits, vendor bits, guide bits) of each version; they always add up to 49.
LAYOUTS = {1: (27, 9, 13), 2: (31, 8, 10)}
DATA_BITS = 55
FINDING_BITS, VENDOR_BITS, GUIDE_BITS = LAYOUTS[VERSION]
DATA_SYMBOLS = 11
LENGTH = DATA_SYMBOLS + 1

# Vendor keys (as used by fingerprints and guides). Append only: the index is in issued codes.
VENDORS: tuple[str, ...] = (
    "unknown", "netgear", "tp-link", "asus", "linksys", "d-link", "zyxel", "draytek", "avm",
    "ubiquiti", "mikrotik", "cisco", "fortinet", "juniper", "sonicwall", "watchguard",
    "sophos", "pfsense", "opnsense", "openwrt", "huawei", "zte", "sagemcom", "technicolor",
    "arris", "motorola", "xfinity", "att", "verizon", "bt", "virgin-media", "sky", "calix",
    "eero", "google", "synology", "tenda", "belkin", "actiontec", "arcadyan", "askey",
    "sercomm", "vodafone", "telekom", "orange", "free", "bouygues", "starlink", "plusnet",
    "spectrum", "cox", "centurylink", "frontier", "bell", "rogers", "telstra", "optus",
    "adtran", "grandstream", "peplink", "meraki", "edgerouter", "unifi", "xiaomi", "mercusys",
    "dd-wrt", "tomato", "mitrastar", "humax", "hitron", "compal", "ubee", "nokia", "wistron-neweb",
    "gemtek", "dzs",
)
_VENDOR_INDEX = {name: i for i, name in enumerate(VENDORS)}


# What ``decode`` says about each kind of mistake, in one table: the agent's page (agentpage) is
# handed these same words, so the browser refuses a mistyped code exactly as the command does.
ERRORS: dict[str, str] = {
    "length": "a support code has {length} characters, this one has {got}",
    "character": "'{char}' never appears in a support code",
    "check": "the code does not check out: please read it again",
    "version": "unknown support-code version {version}",
    "findings": "the code names findings this version does not know: is the program up to date?",
}


class SupportCodeError(ValueError):
    """The code is malformed or its check character does not match (most likely a typo)."""


@dataclass(frozen=True)
class DecodedCode:
    version: int
    verdict: str
    findings: tuple[str, ...]
    vendor: str
    stage: str = "diagnosis"
    guide_hash: int = 0  # 0: no guide was used
    guide_candidates: tuple[str, ...] = ()  # known guide ids with that hash

    @property
    def guide(self) -> str | None:
        """The guide id when exactly one known guide matches the hash."""
        return self.guide_candidates[0] if len(self.guide_candidates) == 1 else None


def guide_hash(guide_id: str | None, bits: int = GUIDE_BITS) -> int:
    """The ``bits``-bit number a guide id travels as (1..2**bits - 1; 0 means no guide)."""
    if not guide_id:
        return 0
    return zlib.crc32(guide_id.strip().lower().encode("utf-8")) % ((1 << bits) - 1) + 1


def _gf32_mul(a: int, b: int) -> int:
    """Multiply in GF(2^5) with the primitive polynomial x^5 + x^2 + 1."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0x20:
            a ^= 0b100101
    return product


def _weights() -> list[int]:
    weights, w = [], 1
    for _ in range(DATA_SYMBOLS):
        w = _gf32_mul(w, 2)  # successive powers of the generator: distinct and non-zero
        weights.append(w)
    return weights


_WEIGHTS = _weights()


def _check(data: int) -> int:
    symbols = [(data >> shift) & 0x1F for shift in range(5 * (DATA_SYMBOLS - 1), -1, -5)]
    total = 0
    for weight, symbol in zip(_WEIGHTS, symbols, strict=True):
        total ^= _gf32_mul(weight, symbol)
    return total


def symbol_values() -> dict[str, int]:
    """What each character reads as, look-alikes included (O = 0, I = L = 1)."""
    return dict(_DECODE)


def check_terms() -> list[list[int]]:
    """Per data position, what each symbol value adds (XOR) to the check symbol.

    The check is the XOR of ``check_terms()[position][symbol]`` over the eleven data symbols; a
    decoder outside Python (the agent's page) needs only this table, not the GF(32) arithmetic.
    """
    return [[_gf32_mul(weight, symbol) for symbol in range(32)] for weight in _WEIGHTS]


def _vendor_index(vendor: str | None) -> int:
    key = (vendor or "unknown").strip().lower()
    if key not in _VENDOR_INDEX:
        from sipalg_wizard.guides.match import vendor_key  # "TP-LINK Technologies" -> "tp-link"

        key = vendor_key(key)
    return _VENDOR_INDEX.get(key, 0)


def encode(verdict: str, findings: Iterable[str], vendor: str | None = None,
           guide: str | None = None, stage: str = "diagnosis") -> str:
    """Pack a verdict, finding codes, a vendor key, a guide id and the stage into twelve characters."""
    mask = 0
    for code in findings:
        for bit, entry in enumerate(FINDINGS[:FINDING_BITS]):
            if entry.code == code:
                mask |= 1 << bit
    data = VERSION
    data = (data << 2) | VERDICTS.index(verdict)
    data = (data << STAGE_BITS) | STAGES.index(stage)
    data = (data << FINDING_BITS) | mask
    data = (data << VENDOR_BITS) | _vendor_index(vendor)
    data = (data << GUIDE_BITS) | guide_hash(guide)
    value = (data << 5) | _check(data)
    text = "".join(ALPHABET[(value >> shift) & 0x1F] for shift in range(5 * (LENGTH - 1), -1, -5))
    return f"{text[0:4]}-{text[4:8]}-{text[8:12]}"


def decode(code: str, known_guides: Iterable[str] = ()) -> DecodedCode:
    """Unpack a support code; raise SupportCodeError with a helpful message on any mistake.

    ``known_guides`` are the guide ids the agent's copy knows, to turn the guide hash into a name.
    """
    cleaned = "".join(ch for ch in code.upper() if ch not in "- ")
    if len(cleaned) != LENGTH:
        raise SupportCodeError(ERRORS["length"].format(length=LENGTH, got=len(cleaned)))
    value = 0
    for ch in cleaned:
        if ch not in _DECODE:
            raise SupportCodeError(ERRORS["character"].format(char=ch))
        value = (value << 5) | _DECODE[ch]
    data, check = value >> 5, value & 0x1F
    if _check(data) != check:
        raise SupportCodeError(ERRORS["check"])
    version = data >> (DATA_BITS - 2)
    if version not in LAYOUTS:
        raise SupportCodeError(ERRORS["version"].format(version=version))
    finding_bits, vendor_bits, guide_bits = LAYOUTS[version]
    hashed = data & ((1 << guide_bits) - 1)
    data >>= guide_bits
    vendor_index = data & ((1 << vendor_bits) - 1)
    data >>= vendor_bits
    mask = data & ((1 << finding_bits) - 1)
    data >>= finding_bits
    stage_index = data & ((1 << STAGE_BITS) - 1)
    data >>= STAGE_BITS
    verdict_index = data & 0b11
    if verdict_index >= len(VERDICTS) or stage_index >= len(STAGES):
        raise SupportCodeError(ERRORS["check"])
    if mask >> len(FINDINGS):
        raise SupportCodeError(ERRORS["findings"])
    findings = tuple(
        entry.code for bit, entry in enumerate(FINDINGS[:finding_bits]) if mask & (1 << bit)
    )
    vendor = VENDORS[vendor_index] if vendor_index < len(VENDORS) else f"vendor #{vendor_index}"
    candidates = tuple(sorted({g for g in known_guides
                               if hashed and guide_hash(g, guide_bits) == hashed}))
    return DecodedCode(version, VERDICTS[verdict_index], findings, vendor, STAGES[stage_index],
                       hashed, candidates)


def stage_for(verification=None) -> str:
    """The stage a code is made at, decided here for the wizard, Verify and the saved report: the
    first diagnosis (no ``verification``), or Verify after the fix, before or after a router
    restart. ``verification`` is a ``verify.VerifyResult`` or its ``to_dict()``."""
    if verification is None:
        return "diagnosis"
    restarted = verification.get("after_restart") if isinstance(verification, dict) \
        else getattr(verification, "after_restart", False)
    return "verify_after_restart" if restarted else "verify"


def code_for(report, guide: str | None = None, stage: str = "diagnosis") -> str:
    """The support code of a Diagnosis or its JSON document, with the guide used and the stage."""
    doc = report if isinstance(report, dict) else report.to_dict()
    findings = [f.get("code", "") for f in doc.get("findings") or []]
    vendor = (doc.get("router") or {}).get("vendor")
    return encode(doc.get("verdict", "inconclusive"), findings, vendor, guide, stage)
