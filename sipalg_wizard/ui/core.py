"""The core functions the wizard calls, gathered in one injectable object.

The pages never import the network code directly: they call ``wizard.core.discover()`` and so on.
The defaults are the real core functions, imported late so the window opens before any network
code loads. Tests and the screenshot script pass their own (a fixed NetworkInfo, a loopback
reflector), like httpx's injectable transport.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the models load with the first page that uses them
    from sipalg_wizard.identify.models import RouterIdentity
    from sipalg_wizard.net.models import NetworkInfo
    from sipalg_wizard.probe.models import ProbeResult

# Probe progress as the probe client reports it: (test name, state).
ProbeProgress = Callable[[str, str], None]

IDENTIFY_TIMEOUT = 3.0
PROBE_TIMEOUT = 10.0
# The wizard's "can incoming calls reach you" check: the phone stays quiet this long, longer than
# the 30 s after which routers known for it forget the SIP port's mapping (about a minute in all).
BINDING_CHECK = 45.0


def real_discover() -> NetworkInfo:
    from sipalg_wizard.net.discover import discover

    return discover()


def real_identify(network: NetworkInfo, cancel: threading.Event) -> RouterIdentity:
    from sipalg_wizard.identify.identify import identify

    return identify(network, timeout=IDENTIFY_TIMEOUT, cancel=cancel)


def real_probe(reflector: str, cancel: threading.Event, local_hint: str | None,
               progress: ProbeProgress, binding_check: float = 0.0) -> ProbeResult:
    from sipalg_wizard.probe.client import run_probe

    return run_probe(reflector, timeout=PROBE_TIMEOUT, cancel=cancel, local_hint=local_hint,
                     progress=progress, binding_check=binding_check)


def real_ttl_probe(target: str, *, timeout: float, cancel: threading.Event,
                   local_hint: str | None):
    from sipalg_wizard.probe.ttl import run_ttl_probe

    return run_ttl_probe(target, timeout=timeout, cancel=cancel, local_hint=local_hint)


def real_provider_mirror(server: str, *, timeout: float, cancel: threading.Event,
                         local_hint: str | None):
    from sipalg_wizard.probe.provider import run_provider_mirror

    return run_provider_mirror(server, timeout=timeout, cancel=cancel, local_hint=local_hint)


def real_elevated_ttl_probe(target: str, *, timeout: float, cancel: threading.Event,
                            local_hint: str | None):
    """The deeper test: the TTL witness alone, relaunched through the system's permission prompt
    (Windows, macOS); the wizard itself stays an ordinary program."""
    from sipalg_wizard.elevation import elevated_ttl_probe

    return elevated_ttl_probe(target, timeout=timeout, cancel=cancel, local_hint=local_hint)


def real_can_elevate() -> bool:
    from sipalg_wizard.elevation import can_elevate

    return can_elevate()


def real_guides(packs: list[str]):
    """The guides; anything that could not be used (a broken pack, a translation that does not fit
    its guide) goes to the log, which "Copy details" hands to support."""
    import logging

    from sipalg_wizard.guides import GuideLibrary

    library = GuideLibrary.load(packs)
    for problem in library.problems:
        logging.getLogger(__name__).warning("guide not used: %s", problem)
    return library


def probe_plan(binding_check: bool = False) -> list[tuple[str, str, str, bool]]:
    """(name, transport, method, control) of every probe test, in the order the probe runs them
    (with the binding check's two tests when it is asked for)."""
    from sipalg_wizard.probe.client import BINDING_PLAN, PLAN

    plans = PLAN + (BINDING_PLAN if binding_check else ())
    return [(p.name, p.transport, p.method, p.control) for p in plans]


@dataclass
class Core:
    discover: Callable[[], NetworkInfo] = real_discover
    identify: Callable[[NetworkInfo, threading.Event], RouterIdentity] = real_identify
    probe: Callable[[str, threading.Event, str | None, ProbeProgress], ProbeResult] = real_probe
    # The other witnesses (issue 9), with the signatures of ``run_ttl_probe`` and
    # ``run_provider_mirror``; ``pipeline.run_probes`` runs them beside ``probe``.
    ttl_probe: Callable[..., object] = real_ttl_probe
    provider_mirror: Callable[..., object] = real_provider_mirror
    # The deeper test (issue 15): ``ttl_probe``'s signature, run elevated; and whether this system
    # can ask for that permission at all (Windows, macOS).
    elevated_ttl_probe: Callable[..., object] = real_elevated_ttl_probe
    can_elevate: Callable[[], bool] = real_can_elevate
    guides: Callable[[list[str]], object] = real_guides
    reports_dir: Path | None = None  # None: the platformdirs documents folder (report.store)
    open_url: Callable[[str], bool] | None = None  # None: QDesktopServices (the default browser)


def witnesses(core: Core, elevated: bool = False) -> dict[str, Callable]:
    """The core's witness functions as ``pipeline.run_probes`` calls them (``runners``), so the
    Probe page runs exactly what ``diagnose`` runs, with the injected functions. ``elevated``:
    the TTL witness is the deeper test's (through the permission prompt)."""

    def reflector(address: str, *, timeout: float, cancel: threading.Event,
                  local_hint: str | None, progress: ProbeProgress | None = None,
                  binding_check: float = 0.0) -> ProbeResult:
        extra = {"binding_check": binding_check} if binding_check > 0 else {}
        return core.probe(address, cancel, local_hint, progress or (lambda name, state: None),
                          **extra)

    return {"reflector": reflector, "ttl": core.elevated_ttl_probe if elevated else core.ttl_probe,
            "provider": core.provider_mirror}


def describe_router(identity: RouterIdentity) -> str:
    """``NETGEAR Nighthawk R7000`` (the core's wording), or "" when the maker is unknown."""
    if not identity.vendor:
        return ""
    from sipalg_wizard.identify.identify import describe

    return describe(identity)


def choose_vendor(identity: RouterIdentity, vendor: str) -> RouterIdentity:
    """The user's choice of maker, kept with the evidence (``identify.chosen_by_user``)."""
    from sipalg_wizard.identify.identify import chosen_by_user

    return chosen_by_user(identity, vendor)


def vendor_choices(library) -> list[tuple[str, str]]:
    """(vendor key, display name) of every maker with a guide, sorted by name, for the chooser."""
    from sipalg_wizard.identify.fingerprints import database

    db = database()
    keys = {v for g in getattr(library, "guides", []) for v in g.vendors
            if v in db.vendors and v != "unknown"}
    return sorted(((k, db.name(k) or k) for k in keys), key=lambda kv: kv[1].lower())
