"""The diagnosis in plain words: what the customer reads, and, kept apart, what the agent needs.

``explain()`` turns a Diagnosis (or its JSON document, possibly redacted) into an ``Explanation``:
a headline, short paragraphs tailored to the findings, the symptoms those findings explain, a
confidence, and next steps. Every sentence a customer sees comes from ``MESSAGES`` (one table, so it
can be handed to translators later); agent details are technical and stay in English.

No Qt here: the UI wraps these strings (``tr()``), the HTML and text reports print them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sipalg_wizard.findings import BY_CODE, SYMPTOMS

# --------------------------------------------------------------------------------------------
# Every customer-facing sentence. Calm, short sentences, no jargon. Keys are stable ids;
# ``{router}`` and ``{guide}`` are filled in by ``text()``.
# --------------------------------------------------------------------------------------------
MESSAGES: dict[str, str] = {
    # Headlines
    "headline.alg_detected": "Your router is changing your phone's call messages.",
    "headline.alg_detected.router": "Your router ({router}) is changing your phone's call messages.",
    "headline.alg_suspected": "Your router is probably getting in the way of your calls.",
    "headline.no_alg_detected": "Your router lets your phone's calls through unchanged.",
    "headline.inconclusive": "We could not finish the test yet.",
    # What the router does (one sentence or two per group of findings)
    "does.addresses": "Your router rewrites the addresses inside your phone's call set-up messages.",
    "does.audio": "It even changes where the sound of your calls should go.",
    "does.audio_only": "Your router changes where the sound of your calls should go.",
    "does.damage": "When it changes a message, your router sometimes damages it. "
                   "The other side then cannot read it.",
    "does.proxy": "Your router also adds, removes or reorders parts of these messages.",
    "does.proxy_alone": "Your router adds, removes or reorders parts of your phone's call set-up "
                        "messages.",
    "does.large": "Your router loses large call set-up messages. Small ones get through.",
    "does.blocked": "Your router, or a firewall, blocks the usual way phones connect for calls.",
    "does.inbound": "It also changes the replies on their way back to your phone.",
    "does.inbound_alone": "Your router changes the replies to your phone's call set-up messages "
                          "on their way back.",
    "does.tcp": "It does this on every kind of connection your phone can use.",
    "does.tcp_alone": "Your router changes your phone's call set-up messages on every kind of "
                      "connection.",
    "does.binding": "Your router forgets your phone's connection after a short quiet time. "
                    "Calls from outside then cannot reach your phone.",
    "does.answered": "Your router also answers some of your phone's call messages itself, "
                     "so they never reach your phone company.",
    "does.answered_alone": "Your router answers your phone's call messages itself, so they "
                           "never reach your phone company.",
    "does.method": "Your router also blocks some kinds of your phone's messages, such as its "
                   "sign-in.",
    "does.method_alone": "Your router blocks some kinds of your phone's messages, such as its "
                         "sign-in, and lets others through.",
    "does.ack": "Your router also loses the message that confirms a call was answered.",
    "does.ack_alone": "Your router loses the message that confirms a call was answered. The "
                      "other side then hangs up.",
    "does.payload": "Your router changed what was inside your phone's call set-up message on its "
                    "way out.",
    "does.pinhole": "Your router watches your phone's calls. It changed nothing in this test, "
                    "but this feature often causes call problems.",
    "does.name": "This router feature is usually called “SIP ALG”. "
                 "Turning it off fixes these problems in most cases.",
    # Why the customer notices it
    "because.one_way_audio": "That is why people you call may not hear you, or you may not hear them.",
    "because.drops_30s": "That is why calls may drop after about 30 seconds.",
    "because.registration": "That is why your phone may show as offline.",
    "because.inbound_no_ring": "That is why calls to you may not ring.",
    "because.transfer_fails": "That is why transferring or holding a call may fail.",
    # Symptoms, worded as the customer would say them
    "symptom.one_way_audio": "People you call can't hear you, or you can't hear them.",
    "symptom.drops_30s": "Calls drop after about 30 seconds.",
    "symptom.registration": "Your phone shows as offline or “not registered”.",
    "symptom.inbound_no_ring": "Calls to you don't ring.",
    "symptom.transfer_fails": "Transferring or holding a call fails.",
    # No interference
    "clean.tested": "We sent test call messages through your router. They arrived unchanged.",
    "clean.elsewhere": "So your router is not damaging your calls. "
                       "If your calls still have problems, the cause is somewhere else.",
    "clean.symmetric_nat": "Your router changes the connection numbers of each connection. "
                           "That is normal. Some phones need their “keep-alive” setting turned on "
                           "to work with it.",
    "clean.nat_mapping_short": "Your router forgets every quiet connection after a short time. "
                               "That is not a SIP ALG, but calls to you may not ring unless "
                               "your phone's “keep-alive” setting is turned on.",
    # Inconclusive: why
    "why.reflector_unreachable": "We could not reach the test server, so we could not test your router.",
    "why.vpn_active": "A VPN is switched on. The test went through the VPN, not straight through "
                      "your router.",
    "why.no_gateway": "This computer is not connected to a network right now.",
    "why.no_probe_run": "No test server is set up, so we could not test your router.",
    "why.control_path_failed": "Even our basic test connection failed. Something else is in the way.",
    "why.ttl_no_icmp": "The routers past yours did not answer our test message, so we could not "
                       "see what your router does to calls.",
    "why.ttl_needs_admin": "Without a test server, the test needs your permission on this "
                           "computer, so your router has not been tested yet.",
    "why.ttl_refused": "You did not give permission for the deeper test, so your router has "
                       "not been tested yet.",
    "why.unknown": "The test did not finish, so we cannot tell yet.",
    # Confidence
    "confidence.alg.high": "We are sure: we saw the changes directly.",
    "confidence.alg.medium": "This is likely, but not certain: we saw signs of it, "
                             "not the changes themselves.",
    "confidence.clean.high": "We are fairly sure: every test message arrived unchanged.",
    "confidence.clean.medium": "This is likely: the test messages we could send arrived unchanged.",
    "confidence.low": "We cannot tell yet.",
    # Next steps
    "step.guide": "Turn off the SIP ALG on your router. Follow the steps in “{guide}”.",
    "step.guide_generic": "Turn off the SIP ALG on your router. The general guide shows the names "
                          "this setting hides under.",
    "step.restart": "Restart the router after the change. Then run the test again.",
    "step.no_switch": "We know of no way to turn this off on your router.",
    "step.bridge": "If your router cannot turn it off: put it in bridge mode and use your own router.",
    "step.isp": "Or ask your internet provider to turn it off for you.",
    # Workarounds the probe has just measured (only offered when its control tests showed them)
    "step.workaround.port_tls": "Your router left our test calls alone on another port ({port}) "
                                "and when they were encrypted (TLS). Ask your phone provider for "
                                "a SIP port other than 5060 (for example 5080), or for SIP over TLS.",
    "step.workaround.port": "Your router left our test calls alone on another port ({port}): it "
                            "only changes the usual port, 5060. Ask your phone provider for a SIP "
                            "port other than 5060 (for example 5080).",
    "step.workaround.tls": "Your router left our test calls alone when they were encrypted (TLS). "
                           "Ask your phone provider for SIP over TLS.",
    "step.pinhole": "Look for the SIP ALG setting on your router and turn it off, to be safe.",
    "step.nothing": "There is nothing to change on your router.",
    "step.support": "If calls still fail, call your support and read out the support code.",
    "step.keepalive": "If calls still fail: turn on the “keep-alive” setting on your phone.",
    "step.check_internet": "Check that the internet works: open a website. Then run the test again.",
    "step.vpn_off": "Switch off your VPN. Then run the test again.",
    "step.connect": "Connect this computer to your router, with a cable or Wi-Fi. "
                    "Then run the test again.",
    "step.ask_server": "Ask your support for the test server address.",
    "step.type_server": "Type the test server or phone-provider server address your provider "
                        "gave you, and run the test again.",
    "step.deeper_test": "Run the deeper test. Your computer will ask for your permission.",
    "step.firewall": "If it still fails, a firewall may block the test. "
                     "Call your support and read out the support code.",
    "step.retry": "Run the test again. A cable connection gives the clearest result.",
    # Verify (before / after)
    "verify.fixed": "Fixed. Your router no longer changes your phone's call messages.",
    "verify.fixed.next": "Restart the router now if you have not done so yet, then restart your "
                         "phones. Until then, the router may still change the calls your phones "
                         "had already set up. Then make a test call to be sure.",
    "verify.fixed.next_restarted": "Restart your phones, then make a test call to be sure.",
    "verify.clean": "Still fine. Your router lets your phone's calls through unchanged.",
    "verify.still_there": "Your router still changes your phone's call messages.",
    "verify.still_there.restart": "This is normal right after the change. The router remembers "
                                  "earlier calls for up to an hour. Restart the router, "
                                  "then test again.",
    "verify.still_there.after_restart": "The change has not worked. Check that the setting was "
                                        "saved. If your router cannot turn it off, ask your "
                                        "internet provider, or use bridge mode with your own router.",
    "verify.changed": "Something changed, but your router still changes some call messages.",
    "verify.inconclusive": "We could not finish the second test, so we cannot compare yet.",
    "verify.new": "Your router now changes call messages it did not change before.",
    # Labels and headings of the reports (HTML, text) and the wizard's result pages
    "label.report": "{product} — diagnosis report",
    "label.verdict.alg_detected": "SIP ALG interference detected",
    "label.verdict.no_alg_detected": "No SIP ALG interference seen",
    "label.verdict.inconclusive": "Inconclusive",
    "label.what_this_means": "What this means",
    "label.explains": "This explains:",
    "label.what_to_do": "What to do",
    "label.support_code": "Support code",
    "label.read_out": "Read this out to your support agent",
    "label.guide_used": "Guide used:",
    "label.before_after": "Before and after the change",
    "label.before": "Before: {verdict}",
    "label.after": "After: {verdict}",
    "label.status.fixed": "Fixed",
    "label.status.still_there": "Still there",
    "label.status.changed": "Changed",
    "label.status.inconclusive": "Not tested",
    "label.second_test_soon": "Second test less than a minute after the first.",
    "label.second_test": "Second test {minutes} min after the first.",
    "label.agent": "Technical details for the support agent",
}


def text(key: str, **values: str) -> str:
    """One customer sentence by id, with its placeholders filled in (English)."""
    return MESSAGES[key].format(**values) if values else MESSAGES[key]


Sentence = Callable[[str, dict], str]  # (key, values) -> the sentence in some language


def english(key: str, values: dict) -> str:
    return text(key, **values)


@dataclass(frozen=True)
class Said:
    """What the core tells the customer as message keys and their values, not as finished words:
    one sentence, or a few told together (a paragraph). ``str()`` gives the English (reports,
    terminal, JSON); the wizard renders each key in the customer's language
    (``ui.core_words.words``), so no sentence is ever parsed back from English.

    A part whose key is ``None`` is words the core has no message for (shown as they are).
    """

    parts: tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...]

    @classmethod
    def of(cls, key: str, **values: str) -> Said:
        if key not in MESSAGES:
            raise KeyError(key)
        return cls(((key, tuple(sorted(values.items()))),))

    @classmethod
    def literal(cls, words: str) -> Said:
        return cls(((None, (("text", words),)),))

    @classmethod
    def join(cls, said: Iterable[Said]) -> Said:
        return cls(tuple(part for one in said for part in one.parts))

    @property
    def keys(self) -> list[str | None]:
        return [key for key, _values in self.parts]

    def render(self, sentence: Sentence = english) -> str:
        """The words, each sentence from ``sentence(key, values)``, joined by spaces."""
        return " ".join(dict(values)["text"] if key is None else sentence(key, dict(values))
                        for key, values in self.parts)

    def __str__(self) -> str:
        return self.render()


# Which finding codes belong to which customer sentence, in the order they are told.
_ADDRESS = ("via_rewritten", "contact_rewritten", "request_uri_rewritten", "from_to_rewritten",
            "call_id_rewritten", "blind_replace")
_AUDIO = ("sdp_connection_rewritten", "sdp_origin_rewritten", "sdp_media_port_rewritten")
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("blocked", ("sip_port_blocked",)),
    ("damage", ("content_length_wrong", "message_mangled")),
    ("proxy", ("headers_removed", "via_added")),
    ("large", ("large_message_dropped",)),
    ("inbound", ("inbound_rewritten",)),
    ("tcp", ("tcp_rewritten",)),
    ("binding", ("sip_binding_expired",)),
    ("answered", ("sip_answered_by_router",)),
    ("ack", ("ack_lost",)),
    ("method", ("sip_method_blocked",)),
    ("payload", ("payload_rewritten",)),
)
# Findings that show the ALG's changes directly (the bytes differ); others are indirect signs.
_DIRECT = set(_ADDRESS) | set(_AUDIO) | {"content_length_wrong", "headers_removed", "via_added",
                                         "inbound_rewritten", "tcp_rewritten", "message_mangled",
                                         "payload_rewritten", "sip_answered_by_router",
                                         "ack_lost"}
_SYMPTOM_ORDER = ("one_way_audio", "drops_30s", "inbound_no_ring", "registration", "transfer_fails")
_INCONCLUSIVE_ORDER = ("no_gateway", "vpn_active", "no_probe_run", "reflector_unreachable",
                       "control_path_failed")


# Name the router in the headline only when the identification is this sure (or the user chose it).
ROUTER_NAME_CONFIDENCE = 0.6


@dataclass(frozen=True)
class GuideRef:
    """The guide the customer is sent to, as far as the explanation needs it.

    ``can_disable`` is False for routers with no switch (the advice becomes bridge mode / ISP).
    """

    id: str
    title: str
    can_disable: bool | None = None
    source: str = "built-in"

    @classmethod
    def from_guide(cls, guide: Any) -> GuideRef:
        """Adapt any guide object (or mapping) with ``id`` and ``title``."""
        if isinstance(guide, GuideRef):
            return guide
        get = guide.get if isinstance(guide, Mapping) else lambda k, d=None: getattr(guide, k, d)
        can_disable = get("can_disable", None)
        if can_disable is None and get("kind", None) == "cannot_disable":  # guides.model.Guide
            can_disable = False
        return cls(id=str(get("id", "")), title=str(get("title", "") or get("id", "")),
                   can_disable=can_disable,
                   source=str(get("source", None) or get("origin", None) or "built-in"))


@dataclass(frozen=True)
class NextStep:
    kind: str  # guide, restart, bridge, isp, workaround, nothing, support, check_internet, ...
    text: Said
    guide_id: str | None = None


@dataclass
class AgentDetails:
    """Technical facts for the support agent, never shown as the customer's explanation."""

    verdict: str
    findings: list[tuple[str, str]] = field(default_factory=list)  # (code, detail)
    rewrites: list[dict] = field(default_factory=list)  # test, transport, port, direction, field, ...
    tests: list[dict] = field(default_factory=list)
    router: str = "unknown"
    router_confidence: float = 0.0
    gateway: str | None = None
    public_address: str | None = None
    reflector: str | None = None
    support_code: str = ""
    guide_id: str | None = None

    def lines(self) -> list[str]:
        out = [f"verdict: {self.verdict}",
               f"router: {self.router} (identification confidence {self.router_confidence:.0%})",
               f"gateway: {self.gateway or 'none'}; reflector: {self.reflector or 'none'}; "
               f"public address: {self.public_address or 'unknown'}"]
        if self.guide_id:
            out.append(f"guide: {self.guide_id}")
        for code, detail in self.findings:
            out.append(f"finding {code}" + (f": {detail}" if detail else ""))
        for r in self.rewrites:
            out.append(f"{r['test']} {r['transport']}/{r['port']} {r['direction']} {r['field']}: "
                       f"{r['sent']!r} -> {r['received']!r}")
        for t in self.tests:
            role = " (control)" if t.get("control") else ""
            out.append(f"test {t['name']} {t['transport']}/{t['port']} {t['method']}{role}: "
                       f"{t['outcome']}" + (f" — {t['detail']}" if t.get("detail") else ""))
        if self.support_code:
            out.append(f"support code: {self.support_code}")
        return out


@dataclass
class Explanation:
    """The customer's explanation as keys and values (``Said``); ``to_dict()`` is the English
    the saved report holds."""

    verdict: str
    headline: Said
    paragraphs: list[Said]
    symptoms: list[Said]
    symptom_codes: list[str]  # keys of findings.SYMPTOMS
    confidence: str  # "high" | "medium" | "low"
    confidence_text: Said
    next_steps: list[NextStep]
    agent: AgentDetails

    def customer_text(self) -> str:
        """Everything the customer reads, as plain text (for "Copy" and the terminal)."""
        parts = [str(self.headline), "", *map(str, self.paragraphs)]
        if self.symptoms:
            parts += ["", text("label.explains"), *(f"  - {s}" for s in self.symptoms)]
        parts += ["", str(self.confidence_text), "", text("label.what_to_do") + ":"]
        parts += [f"  {i}. {s.text}" for i, s in enumerate(self.next_steps, 1)]
        return "\n".join(parts)

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict, "headline": str(self.headline),
            "paragraphs": [str(p) for p in self.paragraphs],
            "symptoms": [str(s) for s in self.symptoms], "symptom_codes": list(self.symptom_codes),
            "confidence": self.confidence, "confidence_text": str(self.confidence_text),
            "next_steps": [{"kind": n.kind, "text": str(n.text), "guide_id": n.guide_id}
                           for n in self.next_steps],
            "agent": asdict(self.agent),
        }


def _doc(source: Any) -> dict:
    return source.to_dict() if hasattr(source, "to_dict") and not isinstance(source, Mapping) \
        else dict(source)


def _router_name(router: Mapping) -> str | None:
    name = " ".join(x for x in (router.get("vendor"), router.get("model")) if x)
    return name or None


def _ordered_symptoms(codes: Iterable[str]) -> list[str]:
    found = set()
    for code in codes:
        if code in BY_CODE:
            found.update(BY_CODE[code].symptoms)
    return [s for s in _SYMPTOM_ORDER if s in found] + sorted(found - set(_SYMPTOM_ORDER))


def _alg_paragraphs(codes: list[str]) -> tuple[list[Said], list[str]]:
    """Paragraphs about what the router does, each closed by the symptoms it explains first."""
    paragraphs: list[str] = []
    told: list[str] = []

    def because(group_codes: Iterable[str], limit: int = 1) -> list[Said]:
        fresh = [s for s in _ordered_symptoms(group_codes) if s not in told][:limit]
        told.extend(fresh)
        return [Said.of(f"because.{s}") for s in fresh if f"because.{s}" in MESSAGES]

    address = [c for c in codes if c in _ADDRESS]
    audio = [c for c in codes if c in _AUDIO]
    if address or audio:
        sentences = [Said.of("does.addresses")] if address else []
        if audio:
            sentences.append(Said.of("does.audio" if address else "does.audio_only"))
        # Sound problems first when the audio address is touched: that is what customers notice.
        sentences += because(audio + address, limit=1)
        paragraphs.append(Said.join(sentences))
    for group, members in _GROUPS:
        present = [c for c in codes if c in members]
        if present:
            # "also"/"it" sentences need a sentence before them; alone, they get their own wording.
            key = f"does.{group}" if paragraphs or f"does.{group}_alone" not in MESSAGES \
                else f"does.{group}_alone"
            paragraphs.append(Said.join([Said.of(key), *because(present)]))
    if "media_pinhole_opened" in codes and not paragraphs:
        paragraphs.append(Said.of("does.pinhole"))
    paragraphs.append(Said.of("does.name"))
    return paragraphs, told


def explain(source: Any, router: Any = None, guide: Any = None) -> Explanation:
    """Explain a ``Diagnosis`` or its JSON document (a redacted one works too).

    ``router`` (a RouterIdentity or mapping) overrides the diagnosis's identification, e.g. when the
    customer picked the router by hand; ``guide`` (a GuideRef, a guide object or mapping with
    ``id``/``title``) names the guide the next steps point to.
    """
    doc = _doc(source)
    router_doc = dict(doc.get("router") or {})
    if router is not None:
        router_doc = router.to_dict() if hasattr(router, "to_dict") else dict(router)
    guide_ref = GuideRef.from_guide(guide) if guide is not None else None
    verdict = doc.get("verdict", "inconclusive")
    findings = [(f.get("code", ""), f.get("detail", "")) for f in doc.get("findings") or []]
    codes = [c for c, _ in findings]
    tests = (doc.get("probe") or {}).get("tests") or []

    if verdict == "alg_detected":
        direct = any(c in _DIRECT for c in codes) or any(t.get("rewrites") for t in tests)
        confidence = "high" if direct else "medium"
        headline = Said.of("headline.alg_detected" if direct else "headline.alg_suspected")
        name = _router_name(router_doc)
        if direct and name and (float(router_doc.get("confidence") or 0) >= ROUTER_NAME_CONFIDENCE
                                or router_doc.get("chosen_by_user")):
            headline = Said.of("headline.alg_detected.router", router=name)
        paragraphs, told = _alg_paragraphs(codes)
        symptom_codes = _ordered_symptoms(codes)
        # Symptoms already told in a "That is why" sentence come first.
        symptom_codes = [s for s in told if s in symptom_codes] + \
                        [s for s in symptom_codes if s not in told]
        confidence_text = Said.of(f"confidence.alg.{confidence}")
        steps = _alg_steps(codes, guide_ref, tests)
    elif verdict == "no_alg_detected":
        sip_ok = [t for t in tests if not t.get("control") and t.get("outcome") == "ok"]
        transports = {t.get("transport") for t in sip_ok}
        confidence = "high" if len(sip_ok) >= 2 and {"udp", "tcp"} <= transports else "medium"
        headline = Said.of("headline.no_alg_detected")
        paragraphs = [Said.of("clean.tested"), Said.of("clean.elsewhere")]
        steps = [NextStep("nothing", Said.of("step.nothing"))]
        if "symmetric_nat" in codes:
            paragraphs.append(Said.of("clean.symmetric_nat"))
        if "nat_mapping_short" in codes:
            paragraphs.append(Said.of("clean.nat_mapping_short"))
        if {"symmetric_nat", "nat_mapping_short"} & set(codes):
            steps.append(NextStep("keepalive", Said.of("step.keepalive")))
        steps.append(NextStep("support", Said.of("step.support")))
        symptom_codes = []
        confidence_text = Said.of(f"confidence.clean.{confidence}")
    else:
        confidence = "low"
        headline = Said.of("headline.inconclusive")
        reasons = [c for c in _INCONCLUSIVE_ORDER if c in codes] or \
            witness_reasons(doc) or ["unknown"]
        paragraphs = [Said.of(f"why.{reasons[0]}")]
        paragraphs += [Said.of(f"why.{r}") for r in reasons[1:]]
        steps = inconclusive_steps(reasons)
        symptom_codes = []
        confidence_text = Said.of("confidence.low")

    agent = AgentDetails(
        verdict=verdict,
        findings=findings,
        rewrites=[dict(r, test=t.get("name", ""), transport=t.get("transport", ""),
                       port=t.get("port", 0))
                  for t in tests for r in t.get("rewrites") or []],
        tests=[{k: t.get(k) for k in ("name", "transport", "port", "method", "outcome", "control",
                                       "detail")} for t in tests],
        router=_router_name(router_doc) or "unknown",
        router_confidence=float(router_doc.get("confidence") or 0.0),
        gateway=(doc.get("gateway") or {}).get("ipv4") or (doc.get("gateway") or {}).get("ipv6"),
        public_address=(doc.get("probe") or {}).get("public_address"),
        reflector=(doc.get("probe") or {}).get("reflector"),
        support_code=doc.get("support_code", ""),
        guide_id=guide_ref.id if guide_ref else None,
    )
    return Explanation(
        verdict=verdict, headline=headline, paragraphs=paragraphs,
        symptoms=[Said.of(f"symptom.{s}") if f"symptom.{s}" in MESSAGES
                  else Said.literal(SYMPTOMS.get(s, s))
                  for s in symptom_codes],
        symptom_codes=symptom_codes, confidence=confidence, confidence_text=confidence_text,
        next_steps=steps, agent=agent,
    )


SIP_PORT = 5060


def _unchanged(test: Mapping) -> bool:
    return test.get("outcome") == "ok" and not test.get("rewrites")


def measured_workaround(tests: Iterable[Mapping]) -> NextStep | None:
    """What the probe's control tests just proved gets past this router, if anything.

    Only a control INVITE (the message an ALG rewrites most) that arrived whole and unchanged
    counts: on a port other than 5060 it shows the router leaves SIP alone there; over TLS, that
    it cannot read encrypted SIP. A control test that was skipped, failed or was itself rewritten
    proves nothing, and then nothing is offered.
    """
    tests = [t for t in tests if t.get("control") and t.get("method") == "INVITE"]
    ports = sorted({int(t.get("port") or 0) for t in tests
                    if t.get("transport") in ("udp", "tcp") and _unchanged(t)} - {0, SIP_PORT})
    tls = any(t.get("transport") == "tls" and _unchanged(t) for t in tests)
    if ports and tls:
        key, params = "step.workaround.port_tls", {"port": str(ports[0])}
    elif ports:
        key, params = "step.workaround.port", {"port": str(ports[0])}
    elif tls:
        key, params = "step.workaround.tls", {}
    else:
        return None
    return NextStep("workaround", Said.of(key, **params))


def _alg_steps(codes: list[str], guide: GuideRef | None,
               tests: Iterable[Mapping] = ()) -> list[NextStep]:
    # No switch to turn (or no guide for this router): what the probe measured is the way round.
    workaround = measured_workaround(tests) if guide is None or guide.can_disable is False \
        or guide.id == "generic" else None
    if guide is not None and guide.can_disable is False:
        return [NextStep("no_switch", Said.of("step.no_switch")),
                *([workaround] if workaround else []),
                NextStep("bridge", Said.of("step.bridge")),
                NextStep("isp", Said.of("step.isp"))]
    steps = []
    if "media_pinhole_opened" in codes and not any(c in _DIRECT for c in codes):
        steps.append(NextStep("guide", Said.of("step.pinhole"), guide.id if guide else None))
    elif guide is not None and guide.title:
        steps.append(NextStep("guide", Said.of("step.guide", guide=guide.title), guide.id))
    else:
        steps.append(NextStep("guide", Said.of("step.guide_generic")))
    steps.append(NextStep("restart", Said.of("step.restart")))
    if workaround:
        steps.append(workaround)
    steps += [NextStep("bridge", Said.of("step.bridge")), NextStep("isp", Said.of("step.isp"))]
    return steps


def witness_reasons(doc: Mapping) -> list[str]:
    """Why an inconclusive run that has no finding to blame saw nothing: what the TTL witness (the
    one that runs with nothing configured) reported, as ``why.*`` keys. Empty when another
    witness answered (its findings or tests then tell the story)."""
    return witness_reasons_of((doc.get("probe") or {}).get("methods") or [])


def witness_reasons_of(methods: Iterable[Mapping]) -> list[str]:
    """``witness_reasons`` for the witnesses' summaries themselves (``ProbeResult.methods``): the
    wizard's Probe page tells the same reason before the diagnosis is shown."""
    methods = list(methods)
    if any(m.get("status") == "answered" for m in methods):
        return []
    ttl = next((m for m in methods if m.get("method") == "ttl"), None)
    reason = (ttl or {}).get("reason")
    return {"no_icmp": ["ttl_no_icmp"], "needs_admin": ["ttl_needs_admin"],
            "refused": ["ttl_refused"]}.get(reason, [])


def inconclusive_steps(reasons: list[str]) -> list[NextStep]:
    steps: list[NextStep] = []
    for reason in reasons:
        if reason == "no_gateway":
            steps.append(NextStep("connect", Said.of("step.connect")))
        elif reason == "vpn_active":
            steps.append(NextStep("vpn_off", Said.of("step.vpn_off")))
        elif reason == "no_probe_run":
            steps.append(NextStep("ask_server", Said.of("step.ask_server")))
        elif reason == "ttl_needs_admin":
            steps += [NextStep("deeper_test", Said.of("step.deeper_test")),
                      NextStep("type_server", Said.of("step.type_server"))]
        elif reason in ("ttl_no_icmp", "ttl_refused"):
            steps.append(NextStep("type_server", Said.of("step.type_server")))
        elif reason == "reflector_unreachable":
            steps += [NextStep("check_internet", Said.of("step.check_internet")),
                      NextStep("support", Said.of("step.firewall"))]
        else:
            steps.append(NextStep("retry", Said.of("step.retry")))
    if not any(s.kind == "support" for s in steps):
        steps.append(NextStep("support", Said.of("step.support")))
    return steps


def explain_codes(verdict: str, finding_codes: Iterable[str], vendor: str | None = None,
                  guide: Any = None) -> Explanation:
    """Explain from codes alone (what a decoded support code carries)."""
    doc = {"verdict": verdict, "findings": [{"code": c, "detail": ""} for c in finding_codes],
           "router": {"vendor": vendor, "confidence": 0.0}, "probe": {"tests": []}}
    return explain(doc, guide=guide)
