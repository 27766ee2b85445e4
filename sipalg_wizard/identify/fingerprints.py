"""The fingerprint database: readable rules in ``resources/fingerprints/*.toml`` -> vendor, model.

Each TOML file holds ``[[vendor]]`` tables. A vendor has a ``key`` (the vendor keys of
``supportcode.VENDORS`` where one exists), a display ``name``, optionally a ``parent`` (``unifi`` and
``edgerouter`` belong to ``ubiquiti``, ``meraki`` to ``cisco``), ``odm = true`` for factories that
build gateways for ISPs (their MAC OUI says who built the box, not whose box it is), ``isp = true``
for ISP brands, ``firmware = true`` for replacement firmware (OpenWrt, pfSense …), and
``[[vendor.rule]]`` entries::

    source = "http_realm"            # or a list of sources, see SOURCES
    pattern = '^NETGEAR\\s+(?P<model>R\\d{4}\\w*)'   # Python regex, searched case-insensitively
    weight = 0.95                    # how strongly a match alone names the vendor, 0..1
    product_line = "Nighthawk"       # optional
    model = "R7000"                  # optional fixed model; a (?P<model>...) group wins over it
    odm = true                       # optional, overrides the vendor's flag for this rule
    note = "..."                     # optional, shown with the evidence

``source = "model"`` rules map a model string (of that vendor) to its product line.

Data, not code: support staff can add a rule without touching Python, and the test suite checks
every pattern compiles and every key is consistent.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from sipalg_wizard.paths import resources_dir

# Where an observation comes from. ``ssdp_server`` is matched against ``http_server`` rules too:
# the SSDP SERVER header and the HTTP Server header follow the same conventions.
SOURCES = frozenset({
    "oui", "http_server", "ssdp_server", "http_realm", "http_location", "html_title",
    "html_generator", "html_body", "tls_subject", "tls_issuer", "upnp_manufacturer",
    "upnp_model", "upnp_friendly_name", "model",
})
_ALIASES = {
    "ssdp_server": ("ssdp_server", "http_server"),
    "html_generator": ("html_generator", "html_title"),
}
BODY_LIMIT = 64 * 1024  # telltale paths and scripts sit near the top of a page
_RUNS = re.compile(r"(?:\s|[^\x20-\x7e])+|(.)\1{15,}")


class FingerprintError(ValueError):
    """A fingerprint file is malformed (bad TOML, unknown source, regex that does not compile)."""


@dataclass(frozen=True)
class Rule:
    vendor: str
    sources: tuple[str, ...]
    pattern: re.Pattern[str]
    weight: float
    product_line: str | None = None
    model: str | None = None
    odm: bool = False
    note: str | None = None
    origin: str = ""
    needles: tuple[str, ...] | None = None  # one of these (lower case) must occur for a match


@dataclass(frozen=True)
class Vendor:
    key: str
    name: str
    parent: str | None = None
    odm: bool = False
    isp: bool = False
    firmware: bool = False


@dataclass(frozen=True)
class Match:
    """What one rule concluded from one observation."""

    vendor: str
    weight: float
    model: str | None
    product_line: str | None
    odm: bool
    note: str | None
    rule: Rule = field(repr=False, compare=False)
    text: str = ""  # the part of the observation that matched


@dataclass
class Database:
    vendors: dict[str, Vendor]
    rules: list[Rule]

    def __post_init__(self) -> None:
        self._by_source: dict[str, list[Rule]] = {}
        for rule in self.rules:
            for source in rule.sources:
                self._by_source.setdefault(source, []).append(rule)

    def rules_for(self, source: str) -> list[Rule]:
        found: list[Rule] = []
        for alias in _ALIASES.get(source, (source,)):
            found.extend(self._by_source.get(alias, ()))
        return found

    def classify(self, source: str, text: str | None) -> list[Match]:
        """Every vendor the rules see in ``text``; the strongest match per vendor, best first."""
        if not text:
            return []
        # In a page, runs of whitespace and binary collapse to one space: the rules look for words
        # and paths, and a page of padding (or a decompressed bomb) costs nothing to scan.
        text = _RUNS.sub(" ", text[:BODY_LIMIT]) if source == "html_body" else text[:4096]
        lowered = text.lower() if source == "html_body" else None
        per_vendor: dict[str, list[Match]] = {}
        for rule in self.rules_for(source):
            if lowered is not None and rule.needles and not any(n in lowered for n in rule.needles):
                continue  # a plain substring test first: regexes over 64 KB are slow
            found = rule.pattern.search(text)
            if not found:
                continue
            model = rule.model
            if "model" in found.re.groupindex and found.group("model"):
                model = _clean_model(found.group("model"))
            per_vendor.setdefault(rule.vendor, []).append(
                Match(rule.vendor, rule.weight, model, rule.product_line, rule.odm, rule.note, rule,
                      found.group(0)))
        best = []
        for matches in per_vendor.values():
            # the strongest match speaks for the vendor; the strongest with a model names it
            matches.sort(key=lambda m: m.weight, reverse=True)
            top = matches[0]
            model = next((m.model for m in matches if m.model), None)
            line = next((m.product_line for m in matches if m.product_line), None)
            best.append(replace(top, model=top.model or model,
                                product_line=top.product_line or line))
        return sorted(best, key=lambda m: -m.weight)

    def best(self, source: str, text: str | None) -> Match | None:
        matches = self.classify(source, text)
        return matches[0] if matches else None

    def product_line(self, vendor: str, model: str | None) -> str | None:
        """The product line a vendor's model belongs to (``R7000`` -> Nighthawk), if a rule says."""
        if not model:
            return None
        for rule in self._by_source.get("model", ()):
            if rule.vendor == vendor and rule.pattern.search(model):
                return rule.product_line
        return None

    def family(self, vendor: str | None) -> str | None:
        """The top-level vendor (``unifi`` -> ``ubiquiti``)."""
        seen = set()
        while vendor in self.vendors and self.vendors[vendor].parent and vendor not in seen:
            seen.add(vendor)
            vendor = self.vendors[vendor].parent
        return vendor

    def name(self, vendor: str | None) -> str | None:
        """Display name for a vendor key (``avm`` -> ``AVM FRITZ!Box``)."""
        if vendor is None:
            return None
        entry = self.vendors.get(vendor)
        return entry.name if entry else vendor

    def choices(self) -> list[tuple[str, str]]:
        """(key, display name) of every vendor a customer or agent can pick, sorted by name."""
        picks = [(v.key, v.name) for v in self.vendors.values()]
        return sorted(picks, key=lambda pair: pair[1].lower())

    def is_odm(self, vendor: str | None) -> bool:
        return bool(vendor and vendor in self.vendors and self.vendors[vendor].odm)

    def is_isp(self, vendor: str | None) -> bool:
        return bool(vendor and vendor in self.vendors and self.vendors[vendor].isp)

    def is_firmware(self, vendor: str | None) -> bool:
        return bool(vendor and vendor in self.vendors and self.vendors[vendor].firmware)


def _clean_model(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" _-/,;")


_LITERAL_ESCAPES = set("./-&!:;@#%=_ ")


def _branches(pattern: str) -> list[str] | None:
    """Split a pattern at its top-level ``|``; None if it cannot be done safely."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return None if depth or in_class else [*branches, pattern[start:]]


def _longest_literal(branch: str) -> str:
    """The longest run of characters the branch must contain literally (outside groups)."""
    runs, run, depth, i, in_class = [], "", 0, 0, False
    while i < len(branch):
        ch = branch[i]
        nxt = branch[i + 2] if ch == "\\" and i + 2 < len(branch) else (
            branch[i + 1] if i + 1 < len(branch) else "")
        if ch == "\\" and i + 1 < len(branch) and branch[i + 1] in _LITERAL_ESCAPES and depth == 0 \
                and not in_class:
            char, i = branch[i + 1], i + 2
        elif ch.isalnum() or (ch in " /-&!:;@#%=_<>'\"" and ch):
            char, i = ch, i + 1
            if depth or in_class:
                char = None
        else:
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "(" and not in_class:
                depth += 1
            elif ch == ")" and not in_class:
                depth -= 1
            runs.append(run)
            run = ""
            i += 2 if ch == "\\" else 1
            continue
        if char is None:
            runs.append(run)
            run = ""
            continue
        if nxt in ("?", "*", "{"):  # the character is optional or repeated: the run ends before it
            runs.append(run)
            run = ""
            continue
        run += char
    runs.append(run)
    return max(runs, key=len)


def needles(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings of which a text must contain one for ``pattern`` to match, or None.

    A cheap prefilter: ``in`` on a string is fast where a case-insensitive regex starting with
    ``\\b`` scans slowly. None (no prefilter) whenever a branch has no literal of 3 characters.
    """
    branches = _branches(pattern)
    if not branches:
        return None
    found = []
    for branch in branches:
        literal = _longest_literal(branch).strip()
        if len(literal) < 3:
            return None
        found.append(literal.lower())
    return tuple(found)


def _as_sources(value: object, origin: str) -> tuple[str, ...]:
    sources = (value,) if isinstance(value, str) else tuple(value or ())  # type: ignore[arg-type]
    if not sources or any(s not in SOURCES for s in sources):
        raise FingerprintError(f"{origin}: source must be one or more of {sorted(SOURCES)}, "
                               f"got {value!r}")
    return sources


def parse(text: str, origin: str = "<string>") -> tuple[list[Vendor], list[Rule]]:
    """Vendors and rules from one TOML document."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FingerprintError(f"{origin}: {exc}") from exc
    vendors: list[Vendor] = []
    rules: list[Rule] = []
    for index, entry in enumerate(data.get("vendor", [])):
        where = f"{origin} vendor #{index + 1}"
        key = entry.get("key")
        if not key or not isinstance(key, str) or key != key.lower():
            raise FingerprintError(f"{where}: 'key' must be a lower-case string")
        unknown = set(entry) - {"key", "name", "parent", "odm", "isp", "firmware", "rule"}
        if unknown:
            raise FingerprintError(f"{where}: unknown field(s) {sorted(unknown)}")
        vendor = Vendor(key, entry.get("name") or key, entry.get("parent"),
                        bool(entry.get("odm", False)), bool(entry.get("isp", False)),
                        bool(entry.get("firmware", False)))
        vendors.append(vendor)
        for number, raw in enumerate(entry.get("rule", [])):
            here = f"{where} ({key}) rule #{number + 1}"
            unknown = set(raw) - {"source", "pattern", "weight", "product_line", "model", "odm",
                                  "note"}
            if unknown:
                raise FingerprintError(f"{here}: unknown field(s) {sorted(unknown)}")
            try:
                pattern = re.compile(raw["pattern"], re.IGNORECASE)
            except (KeyError, re.error) as exc:
                raise FingerprintError(f"{here}: bad or missing pattern: {exc}") from exc
            weight = float(raw.get("weight", 0.5))
            if not 0.0 < weight <= 1.0:
                raise FingerprintError(f"{here}: weight must be in (0, 1]")
            rules.append(Rule(key, _as_sources(raw.get("source"), here), pattern, weight,
                              raw.get("product_line"), raw.get("model"),
                              bool(raw.get("odm", vendor.odm)), raw.get("note"), here,
                              needles(raw["pattern"])))
    return vendors, rules


def load(paths: Iterable[Path]) -> Database:
    vendors: dict[str, Vendor] = {}
    rules: list[Rule] = []
    for path in sorted(paths):
        found_vendors, found_rules = parse(path.read_text(encoding="utf-8"), path.name)
        for vendor in found_vendors:
            if vendor.key in vendors:
                raise FingerprintError(f"{path.name}: vendor {vendor.key!r} is defined twice")
            vendors[vendor.key] = vendor
        rules.extend(found_rules)
    for vendor in vendors.values():
        if vendor.parent and vendor.parent not in vendors:
            raise FingerprintError(f"vendor {vendor.key!r} has unknown parent {vendor.parent!r}")
    return Database(vendors, rules)


def fingerprint_dir() -> Path:
    return resources_dir() / "fingerprints"


@cache
def database() -> Database:
    """The bundled database, loaded once."""
    return load(fingerprint_dir().glob("*.toml"))
