"""Measure our fingerprint rules against Rapid7 Recog's router examples (read from ../shared)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from sipalg_wizard.identify.fingerprints import Database
from sipalg_wizard.identify.http_banner import clean_text, parse_realm

# Which of our sources each Recog file corresponds to, and how our reader would present the text.
FILES = {
    "http_servers.xml": ("http_server", lambda s: clean_text(s)),
    "http_wwwauth.xml": ("http_realm", lambda s: clean_text(parse_realm(s))),
    "html_title.xml": ("html_title", lambda s: clean_text(s)),
    "x509_subjects.xml": ("tls_subject", lambda s: s),
}
# Device types that are routers or router-like gateways (Recog's hw.device / os.device vocabulary).
ROUTER_DEVICES = {
    "Router", "Broadband Router", "WAP", "Firewall", "VPN", "Cable Modem", "ADSL Modem",
    "DSL Modem", "Security Appliance", "UTM", "Gateway", "Wireless Router",
}
# Fingerprints without a device type count when their description says router-ish things.
ROUTER_WORDS = re.compile(r"router|gateway|\bcpe\b|firewall|routeros|edgeos|fritz|freebox|openwrt|"
                          r"dd-wrt|tomato|pfsense|opnsense|vigor|\bIOS\b|modem", re.IGNORECASE)
# Recog's vendor names -> our vendor keys (only vendors our rules claim to cover).
RECOG_VENDORS = {
    "netgear": "netgear", "tp-link": "tp-link", "asus": "asus", "linksys": "linksys",
    "d-link": "d-link", "zyxel": "zyxel", "draytek": "draytek", "avm": "avm",
    "ubiquiti": "ubiquiti", "mikrotik": "mikrotik", "cisco": "cisco", "fortinet": "fortinet",
    "juniper": "juniper", "sonicwall": "sonicwall", "watchguard": "watchguard", "sophos": "sophos",
    "pfsense": "pfsense", "netgate": "pfsense", "opnsense": "opnsense", "openwrt": "openwrt",
    "huawei": "huawei", "zte": "zte", "sagemcom": "sagemcom", "technicolor": "technicolor",
    "thomson": "technicolor", "arris": "arris", "motorola": "motorola", "comcast": "xfinity",
    "att": "att", "at&t": "att", "verizon": "verizon", "calix": "calix", "eero": "eero",
    "google": "google", "synology": "synology", "tenda": "tenda", "belkin": "belkin",
    "actiontec": "actiontec", "arcadyan": "arcadyan", "askey": "askey", "sercomm": "sercomm",
    "freebox": "free", "grandstream": "grandstream", "peplink": "peplink", "dd-wrt": "dd-wrt",
    "tomato": "tomato", "tomatousb": "tomato", "freshtomato": "tomato", "ubee": "ubee",
    "adtran": "adtran", "xiaomi": "xiaomi", "mercusys": "mercusys", "meraki": "meraki",
}


@dataclass
class Case:
    file: str
    example: str
    expected: str  # our vendor key
    description: str


def router_cases(recog: Path) -> list[Case]:
    cases = []
    for name in FILES:
        root = ElementTree.parse(recog / name).getroot()
        for fp in root.iter("fingerprint"):
            params = {p.get("name"): p.get("value") for p in fp.iter("param")}
            vendor = (params.get("hw.vendor") or params.get("os.vendor")
                      or params.get("service.vendor") or "")
            device = params.get("hw.device") or params.get("os.device") or params.get("service.device")
            description = fp.findtext("description") or ""
            product = params.get("hw.product") or params.get("os.product") or ""
            related = device in ROUTER_DEVICES or (
                device in (None, "Device") and ROUTER_WORDS.search(f"{description} {product}"))
            ours = RECOG_VENDORS.get(vendor.lower())
            if not related or ours is None:
                continue
            for example in fp.findall("example"):
                text = example.text or ""
                if example.get("_encoding") == "base64":
                    text = base64.b64decode(text).decode("latin-1")
                cases.append(Case(name, text, ours, description))
    return cases


def predict(db: Database, case: Case) -> str | None:
    source, present = FILES[case.file]
    best = db.best(source, present(case.example))
    return db.family(best.vendor) if best else None


def measure(db: Database, recog: Path) -> tuple[int, int, list[tuple[Case, str | None]]]:
    """(identified right, total, misses) over router examples of vendors we cover."""
    covered = [c for c in router_cases(recog) if c.expected in db.vendors]
    misses = []
    for case in covered:
        got = predict(db, case)
        if got != db.family(case.expected):
            misses.append((case, got))
    return len(covered) - len(misses), len(covered), misses
