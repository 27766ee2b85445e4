"""Pick the guide for a router: by vendor key, then product line and model, packs first.

Scoring, among guides that list the vendor: a model match (glob, case-insensitive) beats a
product-line match, which beats a plain vendor guide. A guide *strict* for a vendor (Cisco ASA for
``cisco``, EdgeRouter for ``ubiquiti``) is only chosen for it when its product line or model
matches. A guide pack outranks the built-in guides whenever it matches at all — the ISP knows its
own gateways best. Nothing matched: the ``generic`` guide.
"""

from __future__ import annotations

import fnmatch
import re

from sipalg_wizard.guides.model import Guide

GENERIC_ID = "generic"

# Spellings seen in fingerprints, OUI names and user input -> the vendor keys of supportcode.VENDORS.
ALIASES = {
    "tplink": "tp-link", "tp link": "tp-link", "dlink": "d-link", "d link": "d-link",
    "asustek": "asus", "asustek computer": "asus", "fritz!box": "avm", "fritzbox": "avm",
    "fritz": "avm", "avm gmbh": "avm", "ubnt": "ubiquiti", "ubiquiti networks": "ubiquiti",
    "at&t": "att", "at-t": "att", "virgin": "virgin-media", "virgin media": "virgin-media",
    "virginmedia": "virgin-media", "comcast": "xfinity", "fortigate": "fortinet",
    "cisco systems": "cisco", "netgear inc": "netgear", "zyxel communications": "zyxel",
    "juniper networks": "juniper", "sonicwall inc": "sonicwall", "british telecom": "bt",
    "bt group": "bt", "google nest": "google", "nest": "google", "routerboard": "mikrotik",
    "edgeos": "edgerouter", "huawei technologies": "huawei", "zte corporation": "zte",
    "commscope": "arris", "arris group": "arris", "technicolor delivery": "technicolor",
    "vantiva": "technicolor", "thomson": "technicolor", "netgate": "pfsense",
    "draytek corp": "draytek", "linksys llc": "linksys",
}


def vendor_key(name: str | None) -> str:
    """Normalise a vendor name to a key (``"TP-LINK Technologies"`` -> ``"tp-link"``)."""
    if not name:
        return ""
    text = re.sub(r"[\s_]+", " ", name.strip().lower())
    text = re.sub(r"[,.]|\b(co|ltd|inc|corp|corporation|technologies|gmbh|llc)\b", "", text).strip()
    text = re.sub(r"\s+", " ", text)
    if text in ALIASES:
        return ALIASES[text]
    return ALIASES.get(text.replace(" ", "-"), text.replace(" ", "-"))


def _matches(patterns: tuple[str, ...], value: str | None) -> bool:
    if not value:
        return False
    value = value.strip().lower()
    return any(fnmatch.fnmatchcase(value, p.lower()) for p in patterns)


def score(guide: Guide, vendor: str, model: str | None = None, product_line: str | None = None) -> int:
    """How well ``guide`` fits; 0 means it does not apply."""
    if vendor not in guide.vendors:
        return 0
    points = 1
    if _matches(guide.models, model):
        points += 4
    if _matches(guide.product_lines, product_line) or _matches(guide.product_lines, model):
        points += 2
    if vendor in guide.strict and points == 1:
        return 0
    return points


def find_guide(guides: list[Guide], vendor: str | None, model: str | None = None,
               product_line: str | None = None) -> Guide | None:
    """The best guide for this router, or the generic guide, or None if even that is missing."""
    key = vendor_key(vendor)
    best: tuple[int, int, str] | None = None
    chosen = None
    for guide in guides:
        if guide.id == GENERIC_ID and guide.priority == 0:
            continue  # the built-in generic guide is the fallback, not a candidate
        points = score(guide, key, model, product_line) if key else 0
        if points == 0:
            continue
        # priority first (packs), then fit; the id breaks ties so the result is stable
        rank = (guide.priority, points, guide.id)
        if best is None or rank[:2] > best[:2] or (rank[:2] == best[:2] and rank[2] < best[2]):
            best, chosen = rank, guide
    if chosen is not None:
        return chosen
    return generic(guides)


def generic(guides: list[Guide]) -> Guide | None:
    candidates = [g for g in guides if g.id == GENERIC_ID]
    return max(candidates, key=lambda g: g.priority) if candidates else None
