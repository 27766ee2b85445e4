"""The diagnosis report: the JSON document of the design brief, and its redaction for sharing.

``schema``, ``verdict``, ``gateway``, ``router``, ``probe``, ``findings`` and ``support_code`` are a
contract (never renamed); other fields may be added.
"""

from __future__ import annotations

import copy
import ipaddress
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sipalg_wizard import __version__
from sipalg_wizard.identify.models import RouterIdentity
from sipalg_wizard.net.models import NetworkInfo
from sipalg_wizard.probe.models import Finding, ProbeResult

SCHEMA = "sipalg-wizard/diagnosis/1"


@dataclass
class Diagnosis:
    verdict: str
    network: NetworkInfo
    router: RouterIdentity
    probe: ProbeResult | None
    findings: list[Finding]
    support_code: str
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    guide: dict | None = None  # the fix guide shown for an ALG: id, title, kind, confidence

    def to_dict(self) -> dict:
        net = self.network
        return {
            "schema": SCHEMA,
            "verdict": self.verdict,
            "gateway": {
                "ipv4": net.gateway_ipv4,
                "ipv6": net.gateway_ipv6,
                "interface": net.interface,
                "mac": net.mac.mac if net.mac else None,
                "mac_vendor": net.mac.vendor if net.mac else None,
                "mac_locally_administered": net.mac.locally_administered if net.mac else None,
                "local_address": (net.ipv4 or net.ipv6).local_address
                if (net.ipv4 or net.ipv6) else None,
                "other_defaults": [
                    {"family": r.family, "gateway": r.gateway, "interface": r.interface,
                     "metric": r.metric, "vpn": r.vpn}
                    for r in net.other_defaults
                ],
                "problems": list(net.problems),
            },
            "router": {
                "vendor": self.router.vendor,
                "model": self.router.model,
                "product_line": self.router.product_line,
                "confidence": round(self.router.confidence, 2),
                "chosen_by_user": self.router.chosen_by_user,
                "evidence": [
                    {k: v for k, v in vars(e).items() if v is not None}
                    for e in self.router.evidence
                ],
            },
            "probe": {
                "reflector": self.probe.reflector if self.probe else None,
                "public_address": self.probe.public_address if self.probe else None,
                "tests": [
                    {
                        "name": t.name, "transport": t.transport, "port": t.port,
                        "method": t.method, "outcome": t.outcome, "control": t.control,
                        "detail": t.detail, "duration_ms": t.duration_ms,
                        "rewrites": [vars(r) | {} for r in t.rewrites],
                    }
                    for t in (self.probe.tests if self.probe else [])
                ],
                "methods": list(getattr(self.probe, "methods", None) or []),
            },
            "findings": [{"code": f.code, "detail": f.detail}
                         | ({"method": f.method} if getattr(f, "method", None) else {})
                         for f in self.findings],
            "guide": self.guide,
            "support_code": self.support_code,
            "created": self.created.isoformat(timespec="seconds"),
            "tool_version": __version__,
        }

    def to_json(self, redact: bool = False) -> str:
        """The ``diagnose --json`` document; an inconclusive one also says ``why`` in one
        sentence (the explanation's first), so a script or an agent need not decode the codes."""
        doc = self.to_dict()
        if self.verdict == "inconclusive":
            from sipalg_wizard.explain import explain

            doc["why"] = explain(doc).paragraphs[0]
        if redact:
            doc = redact_report(doc)
        return json.dumps(doc, indent=2, ensure_ascii=False)


_MAC = re.compile(r"\b[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}\b")
_MAC_DOTTED = re.compile(r"\b[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\b")  # Cisco style
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# "serialNumber: X", "Serial No. X", "S/N=X", "<serialNumber>X</serialNumber>"
_SERIAL = re.compile(r"(?i)(<serial_?number>\s*|\b(?:serial[ _-]?(?:number|num|no)?|s/n)(?![a-z])\.?"
                     r"(?:\s*[:=#]\s*|\s+))(?!(?:no|num|number)\b)([A-Za-z0-9][A-Za-z0-9._/-]{2,63})")
_SERIAL_KEYS = {"serial", "serialnumber", "serial_number"}


def _host_of(address: str | None) -> str | None:
    """The address part of ``host``, ``host:port`` or ``[v6]:port``."""
    if not address:
        return None
    if address.startswith("["):
        return address[1:].split("]", 1)[0]
    return address.rsplit(":", 1)[0] if address.count(":") == 1 else address


def _mask_global_ips(value: str, keep: set[str]) -> str:
    """Replace globally routable IPv4/IPv6 addresses (not private, not documentation) except ``keep``."""

    def sub(kind: str):
        def repl(m: re.Match) -> str:
            text = m.group(0)
            try:
                ip = ipaddress.ip_address(text)
            except ValueError:
                return text
            return f"<public-{kind}>" if ip.is_global and text not in keep else text
        return repl

    return _IPV6.sub(sub("ipv6"), _IPV4.sub(sub("ip"), value))


def redact_report(doc: dict, also: tuple[str, ...] | list[str] = ()) -> dict:
    """A copy of the report safe to share: public addresses, MAC addresses and serial numbers masked.

    The MAC keeps its OUI half (it names the maker, which support needs); the public address the
    test server saw is replaced everywhere it appears, including inside rewritten SIP fields, and so
    is any other globally routable address (a global IPv6 address of this computer, for instance),
    except the test server's own. ``also`` lists more addresses to mask (e.g. the public address of a
    second run). Serial numbers are masked wherever a label announces them.
    """
    doc = copy.deepcopy(doc)
    probe = doc.get("probe") or {}
    publics = [h for h in (_host_of(probe.get("public_address")), *(_host_of(a) for a in also)) if h]
    keep = {h for h in (_host_of(probe.get("reflector")),) if h}
    # Whole addresses only: 203.0.113.1 must not eat the start of 203.0.113.10.
    exact = [re.compile(rf"(?<![\d.]){re.escape(h)}(?!\d|\.\d)" if "." in h
                        else rf"(?<![0-9A-Fa-f:]){re.escape(h)}(?![0-9A-Fa-f:])") for h in publics]

    def scrub_text(value: str) -> str:
        for public in exact:
            value = public.sub("<public-ip>", value)
        value = _MAC.sub(lambda m: m.group(0)[:8] + ":xx:xx:xx", value)
        value = _MAC_DOTTED.sub(lambda m: m.group(0)[:7] + "xx.xxxx", value)
        value = _SERIAL.sub(lambda m: m.group(1) + "<serial>", value)
        return _mask_global_ips(value, keep)

    def scrub(value, key: str = ""):
        if isinstance(value, dict):
            return {k: scrub(v, str(k)) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v, key) for v in value]
        if isinstance(value, str):
            if key.lower() in _SERIAL_KEYS:
                return "<serial>"
            return scrub_text(value)
        return value

    doc = scrub(doc)
    doc["redacted"] = True
    return doc
