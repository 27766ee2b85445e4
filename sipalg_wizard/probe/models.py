"""Plain data for probe results, as they appear in the diagnosis JSON (``probe.tests``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# "intercepted": a readable SIP answer to our request that is not the reflector's (the router or
# something on the way answered it itself).
OUTCOMES = ("ok", "rewritten", "dropped", "mangled", "error", "skipped", "intercepted")


@dataclass(frozen=True)
class Rewrite:
    """One field that differs between what one side sent and what the other side received."""

    direction: str  # "outbound" (client -> reflector) or "inbound" (reflector -> client)
    field: str  # e.g. "Via", "Contact", "sdp c=", "Content-Length", "Request-URI"
    sent: str
    received: str


@dataclass
class ProbeTest:
    """One probe test. ``name`` is a stable id (e.g. ``udp_invite``) the UI and findings refer to."""

    name: str
    transport: str  # "udp" | "tcp" | "tls"
    port: int
    method: str
    outcome: str = "skipped"
    rewrites: list[Rewrite] = field(default_factory=list)
    detail: str = ""
    control: bool = False  # True for tests on ports/transports an ALG cannot touch
    duration_ms: float | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    """A fact the diagnosis rests on; ``code`` comes from ``sipalg_wizard.findings.FINDINGS``."""

    code: str
    detail: str = ""
    method: str | None = None  # which witness saw it: "reflector", "ttl", "provider" (None: not said)


@dataclass
class ProbeResult:
    reflector: str | None = None
    tests: list[ProbeTest] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    public_address: str | None = None  # as the reflector saw us
    duration_ms: float | None = None
    # One summary per witness that ran (reflector, ttl, provider): what it saw, how long it took.
    methods: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)
