"""Fix guides as data: loading, validation, guide packs and choosing the guide for a router.

Typical use (no Qt here; the wizard's Fix page shows the result)::

    library = GuideLibrary.load(profile.guide_packs)
    guide = library.for_identity(router_identity)   # never None while the generic guide exists
    for problem in library.problems: log.warning("%s", problem)
    shown = guide.localized(["es-MX", "en"])          # the customer's words, English as fallback
    shown.picture_path(0, scale=2)                    # step-1@2x.png when the guide has it

Translations are ``guide.<lang>.toml`` files beside ``guide.toml`` (words only; router labels
and pictures stay as the router shows them). ``Guide.languages`` lists what a guide offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sipalg_wizard.guides.loader import load_all, load_builtin, load_guide, load_pack, user_packs_dir
from sipalg_wizard.guides.match import GENERIC_ID, find_guide, vendor_key
from sipalg_wizard.guides.model import (
    CONFIDENCES,
    DEFAULT_REBOOT,
    ENGLISH,
    KINDS,
    Control,
    Guide,
    GuideTexts,
    LoadProblem,
    Look,
    Source,
    Step,
    StepTexts,
    language_candidates,
    normalise_language,
)
from sipalg_wizard.guides.schema import GuideError, parse_guide
from sipalg_wizard.identify.models import RouterIdentity

__all__ = [
    "CONFIDENCES", "DEFAULT_REBOOT", "ENGLISH", "GENERIC_ID", "KINDS", "Control", "Guide",
    "GuideError", "GuideLibrary", "GuideTexts", "LoadProblem", "Look", "Source", "Step", "StepTexts",
    "find_guide", "language_candidates", "load_builtin", "load_guide", "load_pack",
    "normalise_language", "parse_guide", "user_packs_dir", "vendor_key",
]


@dataclass
class GuideLibrary:
    guides: list[Guide] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)

    @classmethod
    def load(cls, profile_packs: Iterable[str] = (), *, builtin_root: Path | None = None,
             packs_dir: Path | None = None) -> GuideLibrary:
        """Built-in guides plus guide packs; problems are collected, never raised."""
        loaded = load_all(profile_packs, builtin_root=builtin_root, packs_dir=packs_dir)
        return cls(loaded.guides, loaded.problems)

    def get(self, guide_id: str) -> Guide | None:
        """The guide with this id (a pack's version wins over the built-in one)."""
        matches = [g for g in self.guides if g.id == guide_id]
        return max(matches, key=lambda g: g.priority) if matches else None

    def for_vendor(self, vendor: str | None, model: str | None = None,
                   product_line: str | None = None) -> Guide | None:
        return find_guide(self.guides, vendor, model, product_line)

    def for_identity(self, identity: RouterIdentity | None,
                     languages: Iterable[str] | str | None = None) -> Guide | None:
        """The guide for this router; with ``languages``, already in the customer's words."""
        if identity is None:
            guide = find_guide(self.guides, None)
        else:
            guide = find_guide(self.guides, identity.vendor, identity.model, identity.product_line)
        return guide.localized(languages) if guide is not None and languages else guide

    def languages(self) -> tuple[str, ...]:
        """Every language at least one guide is translated into, English first."""
        found = {lang for g in self.guides for lang in g.translations}
        return (ENGLISH, *sorted(found))
