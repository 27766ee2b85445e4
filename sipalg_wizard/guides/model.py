"""Plain data for a fix guide: how to turn SIP ALG off on one vendor or product line.

A guide is data, not code: ``resources/guides/<id>/guide.toml`` plus one picture per step. The
fields mirror what a customer (and the agent on the phone) needs: where to log in, the menu path,
the exact labels the router shows, which control to change and to what, and how sure we are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# What the guide can do for the customer.
KINDS = {
    "gui": "turn it off in the router's web page",
    "cli": "turn it off with commands (SSH or console)",
    "nothing_to_disable": "the router has no SIP ALG to turn off; adjust NAT instead",
    "cannot_disable": "the router cannot turn it off; bypass it (bridge mode / IP passthrough)",
}

# How sure we are that the steps match the real router.
CONFIDENCES = {
    "verified": "a vendor manual or knowledge-base page states these steps",
    "community": "VoIP providers' or users' published instructions, not the vendor's own",
    "unverified": "our best inference; labels may differ on your router",
}

# Controls on the router page and the states each may be set to.
CONTROL_STATES: dict[str, frozenset[str]] = {
    "checkbox": frozenset({"ticked", "unticked"}),
    "toggle": frozenset({"on", "off"}),
    # dropdown and radio take the option text exactly as the router shows it (any text)
    "dropdown": frozenset(),
    "radio": frozenset(),
    "button": frozenset({"click"}),
    "link": frozenset({"click"}),
    "field": frozenset(),  # a text/number field; ``set`` is the value to type
}

LAYOUTS = ("left", "top", "tabs", "app", "terminal")

# Tracked SIP flows outlive the setting change (nf_conntrack_sip's SIP_TIMEOUT is 3600 s).
DEFAULT_REBOOT = (
    "Restart the router after saving, then restart (or unplug and re-plug) your phones. The router "
    "keeps following phone connections it has already seen for up to an hour (3600 seconds), so "
    "without a restart the old behaviour can continue until they time out."
)

UNVERIFIED_NOTICE = (
    "We could not confirm these steps in the maker's own documentation. The names on your "
    "router's pages may differ slightly; look for the closest match, or ask your internet "
    "provider."
)


@dataclass(frozen=True)
class Control:
    """One control on a router page: its label as shown, its type, and the state to set."""

    label: str
    type: str
    set: str
    change: bool = True  # False: shown for context only (not circled)
    note: str = ""  # the callout beside the circle, e.g. "TICK = SIP ALG OFF"
    options: tuple[str, ...] = ()  # dropdown/radio choices, for the picture


@dataclass(frozen=True)
class Step:
    text: str
    menu_path: tuple[str, ...] = ()
    page: str = ""  # the heading on the router's page; defaults to the last menu item
    controls: tuple[Control, ...] = ()
    context: tuple[str, ...] = ()  # other labels on the same page, for recognition
    commands: tuple[str, ...] = ()  # copyable CLI lines, in order
    picture: str = ""  # file name beside guide.toml
    warning: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    kind: str = "community"  # vendor | provider | community
    note: str = ""


@dataclass(frozen=True)
class Look:
    """How the router's admin page looks, for the schematic screenshots."""

    logo: str
    header: str = "#1f4e79"  # header bar colour
    header_text: str = "#ffffff"
    accent: str = "#1f77b4"  # selected menu item
    background: str = "#f3f4f6"
    layout: str = "left"
    menu: tuple[str, ...] = ()  # top-level menu items, for realism
    save_label: str = "Apply"
    font: str = "sans"
    prompt: str = "router#"  # the CLI prompt, for terminal pictures


@dataclass
class Guide:
    id: str
    title: str
    vendors: tuple[str, ...]
    kind: str
    confidence: str
    summary: str
    steps: tuple[Step, ...]
    sources: tuple[Source, ...]
    look: Look
    product_lines: tuple[str, ...] = ()
    models: tuple[str, ...] = ()  # glob patterns, case-insensitive
    # vendor keys for which this guide applies only on a product-line/model match (never a default)
    strict: tuple[str, ...] = ()
    admin_urls: tuple[str, ...] = ()
    login_hint: str = ""
    reboot: str = DEFAULT_REBOOT
    quirks: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # names this router gives SIP ALG (for the generic guide/search)
    directory: Path | None = None
    origin: str = "built-in"  # or the guide pack's name
    priority: int = 0  # packs outrank built-ins

    @property
    def confidence_notice(self) -> str:
        """What the customer must be told about how sure we are ("" when verified)."""
        if self.confidence == "unverified":
            return UNVERIFIED_NOTICE
        if self.confidence == "community":
            return (
                "These steps come from VoIP providers' published instructions rather than the "
                "maker's manual; labels can differ between firmware versions."
            )
        return ""

    def reference(self) -> dict:
        """What a report or support note records about the guide that was shown."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "confidence": self.confidence,
            "origin": self.origin,
            "sources": [s.url for s in self.sources],
        }

    def picture_path(self, index: int) -> Path | None:
        """The picture of step ``index`` (0-based), or None when the guide has no folder."""
        if self.directory is None:
            return None
        return self.directory / self.steps[index].picture


@dataclass
class LoadProblem:
    """A guide or guide pack that could not be used, and why (shown to the agent, never fatal)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class GuideSet:
    guides: list[Guide] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
