"""Plain data for router identification: each conclusion carries its evidence and a confidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Evidence:
    """One observation and what it implies.

    ``source`` is where it was seen (``oui``, ``http_server``, ``http_realm``, ``html_title``,
    ``tls_subject``, ``tls_issuer``, ``upnp``, ``user``); ``observed`` the raw text; ``vendor``,
    ``model`` and ``product_line`` what a fingerprint rule concluded from it; ``weight`` 0..1.
    """

    source: str
    observed: str
    vendor: str | None = None
    model: str | None = None
    product_line: str | None = None
    weight: float = 0.0
    note: str | None = None


@dataclass
class RouterIdentity:
    vendor: str | None = None
    model: str | None = None
    product_line: str | None = None
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    chosen_by_user: bool = False

    def to_dict(self) -> dict:
        return asdict(self)
