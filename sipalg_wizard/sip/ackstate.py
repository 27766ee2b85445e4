"""ACK state, the wire half: the header a probe uses to ask whether its ACK arrived intact.

Why: "calls drop after about 30 seconds" is the answering side giving up when the ACK for its
200 OK never arrives (RFC 3261: the UAS retransmits its 2xx and ends the call after 64×T1 = 32 s).
An ALG causes it by dropping the ACK, or by mangling the 200 OK's Contact — the ACK's Request-URI
(RFC 3261 12.1.2, 13.2.2.4) — so the ACK goes elsewhere. Header values (UDP only)::

    X-Reflect-Ack: track    on an INVITE: remember this dialog and what its ACK must carry
    X-Reflect-Ack: ack      on the ACK (so the reflector's compiled path hands it to Python)
    X-Reflect-Ack: state    on an in-dialog request: the answer's meta carries the ACK's state

The answer's meta ``ack`` is ``{"tracked": true}``, ``{"state": S, "changed": [...]}`` with S one
of ``STATES``, or ``{"refused": why}``. The client (``probe/``) and the server (``reflector/``)
both read this module; the server's bounded table is ``reflector/acks.py``.
"""

from __future__ import annotations

HEADER = "X-Reflect-Ack"
STATES = ("matched", "changed", "missing", "untracked")
FIELDS = ("Request-URI", "From tag", "To tag", "CSeq")  # what "changed" can name
# The longest "ack" meta an answer can carry, for the client's padding estimate.
WORST_META = {"state": "untracked", "changed": list(FIELDS),
              "refused": "only an INVITE can be tracked"}


def tag_of(value: str | None) -> str | None:
    """The ``tag`` parameter of a From/To value (after the URI), or None."""
    if not value:
        return None
    rest = value[value.find(">") + 1:] if ">" in value else value
    for param in rest.split(";")[1:]:
        key, _, val = param.strip().partition("=")
        if key.strip().lower() == "tag":
            return val.strip() or None
    return None
