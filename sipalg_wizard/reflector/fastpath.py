"""The reflector's compiled answer path for ordinary UDP requests (``_fastreflect.c``).

Why it exists: in Python one answer costs ~120 µs of CPU, so one core answered a few thousand probes
a second; the C function builds the same bytes in a small fraction of that. It only takes requests
it can answer *exactly* as the Python path would and declines the rest (returns None), which then go
the Python way — so it changes speed, never answers. It is optional: where it was not compiled (no C
compiler, Windows, macOS) ``AVAILABLE`` is False and the reflector says so at start.
"""

from __future__ import annotations

import json

from sipalg_wizard.sip import protocol

# What the compiled path built: (reply, pinhole_port, pinhole_token, method, call_id). ``reply`` is
# None for an ACK (which gets no answer); ``pinhole_port`` 0 means no media pinhole packets;
# ``call_id`` is for the log's call hash. A plain tuple: the hot path must not pay for a class.
FastAnswer = tuple[bytes | None, int, str | None, str, str]


try:
    from sipalg_wizard.reflector import _fastreflect
except ImportError:  # not compiled here: the Python path answers everything
    _fastreflect = None
else:
    _fastreflect.configure(protocol.ZDICT, protocol.DEFLATE_LEVEL, protocol.DEFLATE_WBITS,
                           protocol.DEFLATE_MEMLEVEL)

AVAILABLE = _fastreflect is not None


def control_json(control: dict[str, list[int]]) -> bytes:
    """The ``control`` value of the answer's metadata, as protocol.Meta.to_json writes it."""
    return json.dumps(control, separators=(",", ":"), sort_keys=True).encode()


def reflect_udp(data: bytes, ip: str, port: int, local_port: int, control: bytes,
                pinholes: bool) -> FastAnswer | None:
    """The answer to a UDP request from ``ip:port`` (``ip`` in plain form, as the server's
    ``_handle`` has it), or None when the Python path must decide."""
    if _fastreflect is None:
        return None
    return _fastreflect.reflect(data, ip, port, local_port, control, pinholes)
