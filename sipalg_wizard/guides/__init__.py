"""Fix guides as data: loading, validation, guide packs and choosing the guide for a router.

Typical use (no Qt here; the wizard's Fix page shows the result)::

    library = GuideLibrary.load(profile.guide_packs)
    guide = library.for_identity(router_identity)   # never None while the generic guide exists
    for problem in library.problems: log.warning("%s", problem)
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
    KINDS,
    Control,
    Guide,
    LoadProblem,
    Look,
    Source,
    Step,
)
from sipalg_wizard.guides.schema import GuideError, parse_guide
from sipalg_wizard.identify.models import RouterIdentity

__all__ = [
    "CONFIDENCES", "DEFAULT_REBOOT", "GENERIC_ID", "KINDS", "Control", "Guide", "GuideError",
    "GuideLibrary", "LoadProblem", "Look", "Source", "Step", "find_guide", "load_builtin",
    "load_guide", "load_pack", "parse_guide", "user_packs_dir", "vendor_key",
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

    def for_identity(self, identity: RouterIdentity | None) -> Guide | None:
        if identity is None:
            return find_guide(self.guides, None)
        return find_guide(self.guides, identity.vendor, identity.model, identity.product_line)
