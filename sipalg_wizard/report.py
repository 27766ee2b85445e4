"""The diagnosis report: the JSON document of the design brief, and its redaction for sharing.

``schema``, ``verdict``, ``gateway``, ``router``, ``probe``, ``findings`` and ``support_code`` are a
contract (never renamed); other fields may be added.
"""

from __future__ import annotations

import copy
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
            },
            "findings": [{"code": f.code, "detail": f.detail} for f in self.findings],
            "support_code": self.support_code,
            "created": self.created.isoformat(timespec="seconds"),
            "tool_version": __version__,
        }

    def to_json(self, redact: bool = False) -> str:
        doc = self.to_dict()
        if redact:
            doc = redact_report(doc)
        return json.dumps(doc, indent=2, ensure_ascii=False)


_MAC = re.compile(r"\b[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}\b")


def redact_report(doc: dict) -> dict:
    """A copy of the report safe to share: the public address and MAC addresses masked.

    The MAC keeps its OUI half (it names the maker, which support needs); the public address is
    replaced everywhere it appears, including inside rewritten SIP fields.
    """
    doc = copy.deepcopy(doc)
    public = (doc.get("probe") or {}).get("public_address")
    public_ip = public.rsplit(":", 1)[0].strip("[]") if public else None

    def scrub(value):
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, str):
            if public_ip:
                value = value.replace(public_ip, "<public-ip>")
            return _MAC.sub(lambda m: m.group(0)[:8] + ":xx:xx:xx", value)
        return value

    doc = scrub(doc)
    doc["redacted"] = True
    return doc
