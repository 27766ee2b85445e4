"""Which router is this? Every source at once, combined into one answer with its evidence.

Sources: the MAC's OUI (looked up by the network step), the admin web page on each port
(``http_banner``), the TLS certificate, and the UPnP description (``upnp``). They run concurrently
in threads and the whole step ends by ``timeout``, whatever the router does; ``cancel`` ends it
sooner. What each source saw becomes :class:`Evidence` through the fingerprint rules.

How conflicts are resolved (each rule is written on the evidence it affects, so the customer and
the agent can see it):

1. Per vendor family (``unifi`` counts for ``ubiquiti``), the best weight per source is combined as
   independent hints: ``1 - Π(1 - w)``.
2. A vendor named by the router itself (page, certificate, UPnP) beats the MAC's OUI. An OUI of a
   factory that builds ISP gateways (Sagemcom, Arcadyan, …) is never a conflict: it says who built
   the box, not whose box it is.
3. Among strong candidates (score ≥ 0.6), replacement firmware (OpenWrt, pfSense, …) beats the
   hardware's maker, and an ISP brand beats the maker that built it: what the customer configures
   is the firmware or the ISP's interface, so that is the guide to follow.
4. Confidence is the winner's score, reduced by an unexplained rival from the router
   (``× (1 - score/2)``) or by an OUI of another retail brand (``× (1 - weight/3)``), and capped at
   0.4 when only an ODM's OUI speaks.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sipalg_wizard.identify import http_banner, upnp
from sipalg_wizard.identify.fingerprints import Database, database
from sipalg_wizard.identify.http_banner import Connector, Deadline, Observation, Port
from sipalg_wizard.identify.models import Evidence, RouterIdentity
from sipalg_wizard.net.models import NetworkInfo

log = logging.getLogger(__name__)

STRONG = 0.6
ENOUGH = 0.9  # with a model, this confident an answer needs no more waiting for UPnP
# UPnP modelName values that name no model.
_GENERIC_MODEL = re.compile(
    r"^\s*(?:[\d.]+|v?\d+(?:\.\d+)*|router(?:\s?os)?|wireless router|(?:residential |home |"
    r"internet )?gateway(?: device)?|igd|linux|upnp|wan ?device|wfa ?device)\s*$", re.IGNORECASE)
MAX_EVIDENCE = 40
_SLACK = 0.05  # seconds kept back from the budget to combine the results


@dataclass
class Sources:
    """Where to look: injectable so tests can use loopback addresses and high ports."""

    ports: Sequence[Port] = http_banner.DEFAULT_PORTS
    ssdp_port: int = upnp.SSDP_PORT
    multicast: bool = True
    multicast_group: str = upnp.SSDP_GROUP
    bind_address: str | None = None
    connect: Connector | None = None


def identify(network: NetworkInfo, timeout: float = 3.0, cancel: threading.Event | None = None,
             *, sources: Sources | None = None, db: Database | None = None) -> RouterIdentity:
    """Identify the gateway of ``network``; returns within ``timeout`` seconds (plus a few ms)."""
    deadline = Deadline(max(0.1, timeout - _SLACK))  # first: loading the rules counts too
    sources = sources or Sources()
    db = db or database()
    evidence = oui_evidence(network, db)
    gateway = network.gateway_ipv4 or network.gateway_ipv6
    if gateway:
        local = network.ipv4.local_address if network.ipv4 and gateway == network.gateway_ipv4 \
            else None
        base = list(evidence)

        def enough(found: list[Evidence]) -> bool:
            answer = combine(base + found, db)
            return bool(answer.model) and answer.confidence >= ENOUGH

        evidence.extend(gather(gateway, deadline, sources, cancel, db,
                               bind_address=sources.bind_address or local, enough=enough))
    return combine(evidence, db)


def gather(gateway: str, deadline: Deadline, sources: Sources, cancel: threading.Event | None,
           db: Database, bind_address: str | None = None,
           enough: Callable[[list[Evidence]], bool] | None = None) -> list[Evidence]:
    """Run every network source concurrently; whatever is finished by the deadline counts.

    Each worker turns its own observations into evidence, so nothing slow is left to do once the
    deadline has passed; a worker still running then is abandoned (it ends by its own deadline).
    Once every web port has answered and ``enough`` says the answer is complete (vendor and
    model, high confidence), we stop waiting for a silent SSDP.
    """
    found: dict[int, list[Evidence]] = {}

    def banner(index: int, port: Port) -> None:
        result = http_banner.grab(gateway, port, deadline=deadline, connect=sources.connect,
                                  cancel=cancel)
        found[index] = observation_evidence(http_banner.observations(result), db)

    def ssdp() -> None:
        result = upnp.discover(
            gateway, deadline=deadline, ssdp_port=sources.ssdp_port, multicast=sources.multicast,
            multicast_group=sources.multicast_group, bind_address=bind_address,
            connect=sources.connect, cancel=cancel)
        found[len(sources.ports)] = observation_evidence(upnp.observations(result), db)

    def guarded(work: Callable[..., None], *args: object) -> None:
        try:
            work(*args)
        except Exception:  # a bug in one source must not cost the others (or crash the wizard)
            log.exception("router identification: a source failed")

    threads = [threading.Thread(target=guarded, args=(banner, i, p), daemon=True,
                                name=f"identify-http-{p.port}")
               for i, p in enumerate(sources.ports)]
    threads.append(threading.Thread(target=guarded, args=(ssdp,), daemon=True,
                                    name="identify-ssdp"))
    for thread in threads:
        thread.start()

    def collected() -> list[Evidence]:
        evidence: list[Evidence] = []
        for index in sorted(dict(found)):
            evidence.extend(found[index])
        return evidence

    checked = False
    while any(t.is_alive() for t in threads):
        if deadline.remaining() <= 0 or (cancel is not None and cancel.is_set()):
            break
        for thread in threads:
            thread.join(min(0.05, max(0.0, deadline.remaining())))
        if enough and not checked and not any(t.is_alive() for t in threads[:-1]):
            checked = True  # the web ports are done: is the answer already complete?
            if enough(collected()):
                break
    return collected()


def oui_evidence(network: NetworkInfo, db: Database) -> list[Evidence]:
    mac = network.mac
    if mac is None:
        return []
    if mac.locally_administered or not mac.vendor:
        note = mac.note or ("locally administered MAC: says nothing about the maker"
                            if mac.locally_administered else "maker not registered")
        return [Evidence("oui", mac.vendor or mac.mac[:8], note=note)]
    match = db.best("oui", mac.vendor)
    if match is None:
        return [Evidence("oui", mac.vendor, note="no router maker we know")]
    note = match.note
    if match.odm:
        note = (f"{db.name(match.vendor)} builds gateways that ISPs hand out under their own "
                "brand: the OUI says who built the box")
    # A maker whose routers run another firmware (GL.iNet: OpenWrt) names the product line.
    line = f"ISP gateway made by {db.name(match.vendor)}" if match.odm else match.product_line
    return [Evidence("oui", mac.vendor, match.vendor, None, line, match.weight, note)]


def _snippet(observation: Observation, text: str) -> str:
    if observation.source != "html_body":
        return observation.text
    return http_banner.clean_text(text, 120)


def observation_evidence(observations: list[Observation], db: Database) -> list[Evidence]:
    """Each observation through the rules; observations no rule knows are kept (vendor None)."""
    evidence: list[Evidence] = []
    upnp_vendor = None
    for observation in observations:
        matches = db.classify(observation.source, observation.text)
        if observation.source == "upnp_manufacturer" and matches:
            upnp_vendor = matches[0]
        if not matches:
            if observation.source not in ("html_body", "upnp_model"):
                evidence.append(Evidence(observation.source, observation.text,
                                         note=f"seen at {observation.where}"))
            continue
        for match in matches:
            product_line = match.product_line or db.product_line(match.vendor, match.model)
            evidence.append(Evidence(observation.source, _snippet(observation, match.text),
                                     match.vendor, match.model, product_line, match.weight,
                                     match.note))
    # The UPnP description's modelName belongs to the manufacturer it names.
    if upnp_vendor is not None:
        models = [o for o in observations
                  if o.source == "upnp_model" and not _GENERIC_MODEL.match(o.text)]
        if models and not any(e.source == "upnp_model" and e.model for e in evidence):
            name = models[0].text
            evidence.append(Evidence(
                "upnp_model", name, upnp_vendor.vendor, name,
                db.product_line(upnp_vendor.vendor, name), min(0.9, upnp_vendor.weight),
                "the model named by the UPnP description"))
    return evidence


def _combined(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - weight
    return 1.0 - remaining


def _score(items: list[Evidence]) -> float:
    best: dict[str, float] = {}
    for item in items:
        best[item.source] = max(best.get(item.source, 0.0), item.weight)
    return _combined(list(best.values()))


def combine(evidence: list[Evidence], db: Database) -> RouterIdentity:
    """One answer from all the evidence; see the module docstring for the rules."""
    evidence = evidence[:MAX_EVIDENCE]
    named = [e for e in evidence if e.vendor]
    from_router = [e for e in named if e.source != "oui"]
    from_oui = [e for e in named if e.source == "oui"]
    if not named:
        return RouterIdentity(evidence=evidence)

    if not from_router:
        best = max(from_oui, key=lambda e: e.weight)
        odm = db.is_odm(best.vendor)
        confidence = min(best.weight, 0.4) if odm else best.weight
        return RouterIdentity(best.vendor, None, best.product_line, round(confidence, 2), evidence)

    families: dict[str, list[Evidence]] = {}
    for item in from_router:
        families.setdefault(db.family(item.vendor) or item.vendor, []).append(item)
    scores = {family: _score(items) for family, items in families.items()}

    def tier(family: str) -> int:
        if scores[family] < STRONG:
            return 0
        keys = {e.vendor for e in families[family]} | {family}
        if any(db.is_firmware(k) for k in keys):
            return 2
        return 1 if any(db.is_isp(k) for k in keys) else 0

    ranked = sorted(scores, key=lambda f: (tier(f), scores[f]), reverse=True)
    winner = ranked[0]
    winner_tier = tier(winner)
    items = families[winner]
    notes: dict[int, str] = {}
    position = {id(item): index for index, item in enumerate(evidence)}

    # Agreement of the OUI raises the score; a factory OUI is explained; another brand conflicts.
    oui_factor = 1.0
    oui_support = []
    for item in from_oui:
        index = position[id(item)]
        if db.family(item.vendor) == winner:
            oui_support.append(item)
        elif db.is_odm(item.vendor):
            notes[index] = (f"{db.name(item.vendor)} built the gateway; the router itself names "
                            f"{db.name(winner)}, which wins over a factory's OUI")
        elif winner_tier > 0:
            kind = "firmware" if winner_tier == 2 else "ISP gateway"
            notes[index] = (f"hardware by {db.name(item.vendor)}; the {kind} is "
                            f"{db.name(winner)}, which is what you configure")
        else:
            oui_factor = min(oui_factor, 1.0 - item.weight / 3)
            notes[index] = (f"conflict: the MAC belongs to {db.name(item.vendor)} but the router "
                            f"names {db.name(winner)}; another device (a modem or mesh node) may "
                            "sit in between")
    score = _score(items + oui_support)

    rival_factor = 1.0
    for family in ranked[1:]:
        for item in families[family]:
            index = position[id(item)]
            if tier(family) < winner_tier and scores[family] >= STRONG:
                notes[index] = (f"{db.name(family)} hardware or maker; "
                                f"{db.name(winner)} is what runs it")
            else:
                notes[index] = f"outweighed by {db.name(winner)} ({scores[winner]:.2f})"
        if tier(family) >= winner_tier:
            rival_factor = min(rival_factor, 1.0 - scores[family] / 2)
    confidence = score * rival_factor * oui_factor

    # The most specific vendor key of the winning family (``unifi`` rather than ``ubiquiti``).
    specific = max(items, key=lambda e: (e.vendor != winner, e.weight))
    vendor = specific.vendor if db.family(specific.vendor) == winner else winner
    with_model = [e for e in items if e.model]
    model = max(with_model, key=lambda e: (e.weight, e.vendor == vendor)).model if with_model else None
    # The hardware maker behind a firmware (GL.iNet hardware, OpenWrt firmware) may be known
    # from the MAC alone: that product line counts too, after the router's own words.
    lines = [e for e in items + oui_support
             if e.product_line and (not model or e.model in (None, model))]
    product_line = max(lines, key=lambda e: e.weight).product_line if lines else None
    product_line = product_line or db.product_line(vendor, model) or db.product_line(winner, model)

    annotated = []
    for index, item in enumerate(evidence):
        if index in notes:
            note = notes[index] if not item.note else f"{item.note}; {notes[index]}"
            item = replace(item, note=note)
        annotated.append(item)
    return RouterIdentity(vendor, model, product_line, round(max(0.0, min(1.0, confidence)), 2),
                          annotated)


def describe(identity: RouterIdentity, db: Database | None = None) -> str:
    """A short phrase for people: ``NETGEAR Nighthawk R7000``, ``an unknown router``."""
    db = db or database()
    if not identity.vendor:
        return "an unknown router"
    parts = (db.name(identity.vendor) or identity.vendor).split()
    model = (identity.model or "").lower()
    if len(parts) > 1 and model.startswith(parts[-1].lower()):
        parts.pop()  # "AVM FRITZ!Box" + "FRITZ!Box 7590"
    said = set(re.findall(r"[\w!]+", f"{' '.join(parts)} {model}".lower()))
    line = identity.product_line
    if line and not set(re.findall(r"[\w!]+", line.lower())) & said:
        parts.append(line)  # "Nighthawk", but not "Archer" before "Archer C7"
    if identity.model and identity.model.lower() not in " ".join(parts).lower():
        parts.append(identity.model)
    return " ".join(parts)


def chosen_by_user(identity: RouterIdentity, vendor: str, model: str | None = None,
                   db: Database | None = None) -> RouterIdentity:
    """The customer's (or agent's) own choice of vendor, kept with what we had found.

    The choice wins outright (confidence 1.0, ``chosen_by_user``); the evidence stays, with the
    choice added as ``user`` evidence, so a report shows both what we saw and what was chosen.
    """
    db = db or database()
    if vendor not in db.vendors:
        raise ValueError(f"unknown vendor key {vendor!r}")
    same = db.family(vendor) == db.family(identity.vendor)
    model = model or (identity.model if same else None)
    line = (identity.product_line if same else None) or db.product_line(vendor, model)
    note = None if same or not identity.vendor else f"replaces {db.name(identity.vendor)}"
    evidence = [*identity.evidence, Evidence("user", db.name(vendor) or vendor, vendor, model,
                                             line, 1.0, note)]
    return RouterIdentity(vendor, model, line, 1.0, evidence, chosen_by_user=True)
