"""The short support code a customer reads out over the phone, and its decoder for the agent.

Nine characters of Crockford base32 in groups of three (``K7Q-M2X-D9R``): no I, L, O or U, so
nothing is ambiguous when spoken, and reading is case-insensitive. The code packs::

    version (2 bits) | verdict (2) | findings bit mask (27) | vendor index (9) | check (5)

The last character is a check symbol: a weighted sum of the eight data symbols in the field
GF(32), with a distinct non-zero weight per position. Any single mistyped character and any swap of
two characters changes that sum, so such a typo is always rejected instead of decoded into nonsense.

The findings bits follow ``findings.FINDINGS`` and the vendor
index follows ``VENDORS``: both lists are append-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sipalg_wizard.findings import FINDINGS

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
VERSION = 1
VERDICTS = ("inconclusive", "no_alg_detected", "alg_detected")
FINDING_BITS = 27
VENDOR_BITS = 9

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
)
_VENDOR_INDEX = {name: i for i, name in enumerate(VENDORS)}


class SupportCodeError(ValueError):
    """The code is malformed or its check character does not match (most likely a typo)."""


@dataclass(frozen=True)
class DecodedCode:
    version: int
    verdict: str
    findings: tuple[str, ...]
    vendor: str


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
    for _ in range(8):
        w = _gf32_mul(w, 2)  # successive powers of the generator: distinct and non-zero
        weights.append(w)
    return weights


_WEIGHTS = _weights()


def _check(data: int) -> int:
    symbols = [(data >> shift) & 0x1F for shift in range(35, -1, -5)]
    total = 0
    for weight, symbol in zip(_WEIGHTS, symbols, strict=True):
        total ^= _gf32_mul(weight, symbol)
    return total


def encode(verdict: str, findings: list[str] | tuple[str, ...], vendor: str | None = None) -> str:
    """Pack a verdict, finding codes and a vendor key into a nine-character code."""
    mask = 0
    for code in findings:
        for bit, entry in enumerate(FINDINGS[:FINDING_BITS]):
            if entry.code == code:
                mask |= 1 << bit
    vendor_index = _VENDOR_INDEX.get((vendor or "unknown").lower(), 0)
    data = VERSION
    data = (data << 2) | VERDICTS.index(verdict)
    data = (data << FINDING_BITS) | mask
    data = (data << VENDOR_BITS) | vendor_index
    value = (data << 5) | _check(data)
    chars = [ALPHABET[(value >> shift) & 0x1F] for shift in range(40, -1, -5)]
    text = "".join(chars)
    return f"{text[0:3]}-{text[3:6]}-{text[6:9]}"


def decode(code: str) -> DecodedCode:
    """Unpack a support code; raise SupportCodeError with a helpful message on any mistake."""
    cleaned = "".join(ch for ch in code.upper() if ch not in "- ")
    if len(cleaned) != 9:
        raise SupportCodeError(f"a support code has 9 characters, this one has {len(cleaned)}")
    value = 0
    for ch in cleaned:
        if ch not in _DECODE:
            raise SupportCodeError(f"'{ch}' never appears in a support code")
        value = (value << 5) | _DECODE[ch]
    data, check = value >> 5, value & 0x1F
    if _check(data) != check:
        raise SupportCodeError("the code does not check out: please read it again")
    vendor_index = data & ((1 << VENDOR_BITS) - 1)
    data >>= VENDOR_BITS
    mask = data & ((1 << FINDING_BITS) - 1)
    data >>= FINDING_BITS
    verdict_index = data & 0b11
    version = data >> 2
    if version != VERSION or verdict_index >= len(VERDICTS):
        raise SupportCodeError(f"unknown support-code version {version}")
    findings = tuple(
        entry.code for bit, entry in enumerate(FINDINGS[:FINDING_BITS]) if mask & (1 << bit)
    )
    vendor = VENDORS[vendor_index] if vendor_index < len(VENDORS) else f"vendor #{vendor_index}"
    return DecodedCode(version, VERDICTS[verdict_index], findings, vendor)
