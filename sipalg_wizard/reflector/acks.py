"""ACK state: did the ACK for the reflector's 200 OK arrive, and did it match the dialog?

Why: the complaint customers make most — "calls drop after about 30 seconds" — is the answering
side giving up when the ACK for its 200 OK never arrives (RFC 3261: the UAS retransmits its 2xx
and ends the call after 64×T1 = 32 s). An ALG causes it by dropping the ACK, or by mangling the
200 OK's Contact (the ACK's Request-URI, RFC 3261 12.1.2 / 13.2.2.4) so the ACK goes elsewhere.
The reflector is stateless otherwise; this is the one thing it remembers, and only when asked.

Protocol (header ``X-Reflect-Ack``, UDP only; the wire half is ``sip/ackstate.py``; see
docs/reflector.md):

* ``INVITE`` with ``X-Reflect-Ack: track`` — remember the dialog (source address, Call-ID) with
  what its ACK must carry: Request-URI = the Contact URI of our 200 OK, the From tag, our To tag,
  the INVITE's CSeq number with method ACK. The answer's meta says ``"ack": {"tracked": true}``
  (or ``{"refused": why}`` when the table is full for that address);
* ``ACK`` (carrying ``X-Reflect-Ack: ack``, so the compiled path hands it to Python; any ACK the
  Python path sees is checked) — compared with what was remembered: ``matched`` or ``changed``
  with the fields that differ; a correct ACK after a wrong one wins;
* any in-dialog request with ``X-Reflect-Ack: state`` — its answer's meta carries
  ``"ack": {"state": "matched" | "changed" | "missing" | "untracked", "changed": [...]}``.

Bounded: at most ``MAX_DIALOGS`` dialogs, ``MAX_PER_ADDRESS`` per source address, each forgotten
``TTL`` seconds after its INVITE (the oldest first when full). Nothing is ever sent because of
this table: it only adds a few bytes to answers the client padded for (amplification stays ≤ 1).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from sipalg_wizard.sip.ackstate import HEADER, tag_of
from sipalg_wizard.sip.message import SipMessage

TTL = 32.0  # 64 x T1: after this the answering side has given up on the ACK anyway
MAX_DIALOGS = 1024
MAX_PER_ADDRESS = 16


@dataclass
class Expected:
    """What the ACK of one tracked dialog must carry, and what has been seen so far."""

    uri: str
    from_tag: str | None
    to_tag: str
    cseq: int
    born: float
    state: str = "missing"
    changed: list[str] = field(default_factory=list)


class AckTable:
    """The tracked dialogs, keyed by (source address, Call-ID); bounded and expiring."""

    def __init__(self, *, max_dialogs: int = MAX_DIALOGS, max_per_address: int = MAX_PER_ADDRESS,
                 ttl: float = TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_dialogs, self.max_per_address, self.ttl, self.clock = (
            max_dialogs, max_per_address, ttl, clock)
        self._dialogs: OrderedDict[tuple[str, str], Expected] = OrderedDict()
        self._per_address: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._dialogs)

    def watching(self, ip: str, call_id: str | None) -> bool:
        """Is this (address, Call-ID) tracked? Cheap: the compiled path asks it for every ACK."""
        return bool(self._dialogs) and (ip, call_id or "") in self._dialogs

    def answer_meta(self, request: SipMessage, ip: str, contact_uri: str | None,
                    to_tag: str) -> dict | None:
        """The ``ack`` meta of the answer to ``request`` (None when it asks nothing); tracks the
        dialog of an INVITE that asks for it."""
        asked = (request.get(HEADER) or "").strip().lower()
        if not asked or asked == "ack":
            return None
        self._expire()
        key = (ip, request.get("call-id") or "")
        if asked == "track":
            cseq = request.cseq()
            if request.method != "INVITE" or contact_uri is None or cseq is None:
                return {"refused": "only an INVITE can be tracked"}
            if key not in self._dialogs:
                if self._per_address.get(ip, 0) >= self.max_per_address:
                    return {"refused": "too many from this address"}
                while len(self._dialogs) >= self.max_dialogs:
                    self._forget(next(iter(self._dialogs)))
                self._per_address[ip] = self._per_address.get(ip, 0) + 1
            else:
                del self._dialogs[key]  # a re-sent INVITE (more padding): new CSeq, new age
            self._dialogs[key] = Expected(contact_uri, tag_of(request.get("from")), to_tag,
                                          cseq[0], self.clock())
            return {"tracked": True}
        if asked == "state":
            held = self._dialogs.get(key)
            if held is None:
                return {"state": "untracked"}
            return {"state": held.state, "changed": list(held.changed)}
        return {"refused": "unknown request"}

    def observe(self, request: SipMessage, ip: str) -> bool:
        """Check an ACK against its dialog; True when the dialog was tracked."""
        self._expire()
        held = self._dialogs.get((ip, request.get("call-id") or ""))
        if held is None or held.state == "matched":
            return held is not None
        changed = []
        if request.request_uri != held.uri:
            changed.append("Request-URI")
        if tag_of(request.get("from")) != held.from_tag:
            changed.append("From tag")
        if tag_of(request.get("to")) != held.to_tag:
            changed.append("To tag")
        if request.cseq() != (held.cseq, "ACK"):
            changed.append("CSeq")
        held.state, held.changed = ("changed", changed) if changed else ("matched", [])
        return True

    def _expire(self) -> None:
        now = self.clock()
        while self._dialogs:
            key, oldest = next(iter(self._dialogs.items()))
            if now - oldest.born <= self.ttl:
                break
            self._forget(key)

    def _forget(self, key: tuple[str, str]) -> None:
        del self._dialogs[key]
        left = self._per_address.get(key[0], 1) - 1
        if left > 0:
            self._per_address[key[0]] = left
        else:
            self._per_address.pop(key[0], None)

