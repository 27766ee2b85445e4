"""MAC address -> maker, from the IEEE registry that ``netaddr`` ships offline.

Why netaddr: it is already a dependency, is maintained and carries the IEEE MA-L (OUI) list
inside the wheel (no network, no download step, works in a frozen bundle) with a prebuilt index of
where each OUI's record starts in the 5 MB text file. netaddr's own API loads that whole index into
a dict on first use (~60 ms of CPU, holding the GIL while the network step runs); we need one
record, so ``organisation`` finds its line in netaddr's index file and reads just that record
(under 1 ms). netaddr's API stays the fallback where its data files are not plain files.

A MAC whose first octet has bit 0x02 set is *locally administered*: phones randomise it for
privacy, hypervisors and VPNs invent one. Its first three octets are not an OUI, so we say so
instead of guessing a maker. Bit 0x01 marks a multicast/broadcast address, which no router has.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from sipalg_wizard.net.models import MacVendor

_SEPARATED = re.compile(r"^[0-9A-Fa-f]{1,2}([:-])[0-9A-Fa-f]{1,2}(?:\1[0-9A-Fa-f]{1,2}){4}$")
_DOTTED = re.compile(r"^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$")  # Cisco style
_BARE = re.compile(r"^[0-9A-Fa-f]{12}$")


def normalise_mac(text: str | None) -> str | None:
    """``aa:bb:cc:dd:ee:ff`` from the spellings operating systems print, or None.

    Accepts colons or dashes (Windows), unpadded octets (macOS ``arp -an`` prints ``0:4:ed:de:41:bf``),
    Cisco dots and bare hex. The all-zero address that Windows and Linux show for an unresolved
    neighbour means "no MAC" and yields None, as does anything that is not a 48-bit MAC.
    """
    if not text:
        return None
    text = text.strip()
    if _SEPARATED.match(text):
        octets = re.split(r"[:-]", text)
    elif _DOTTED.match(text) or _BARE.match(text):
        digits = text.replace(".", "")
        octets = [digits[i:i + 2] for i in range(0, 12, 2)]
    else:
        return None
    mac = ":".join(octet.lower().zfill(2) for octet in octets)
    return None if mac == "00:00:00:00:00:00" else mac


def is_locally_administered(mac: str) -> bool:
    return bool(int(mac[:2], 16) & 0x02)


def is_multicast(mac: str) -> bool:
    return bool(int(mac[:2], 16) & 0x01)


def _netaddr_data(name: str) -> Path | None:
    """``netaddr/eui/<name>`` as a file, found without importing netaddr (its import costs ~10 ms)."""
    spec = importlib.util.find_spec("netaddr")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "eui" / name
        if path.is_file():
            return path
    return None


def _org_from_index(oui: int) -> str | bool | None:
    """The organisation registered for ``oui`` read through netaddr's index file (lines of
    ``oui,offset,size``), None when not registered, False when the data files are not there."""
    index, records = _netaddr_data("oui.idx"), _netaddr_data("oui.txt")
    if index is None or records is None:
        return False
    table = b"\n" + index.read_bytes()
    at = table.find(b"\n%d," % oui)
    if at < 0:
        return None
    _oui, offset, size = table[at + 1:table.index(b"\n", at + 1)].split(b",")
    with records.open("rb") as fh:
        fh.seek(int(offset))
        record = fh.read(min(int(size), 4096))
    first = record.split(b"\n", 1)[0]
    if b"(hex)" not in first:
        return False  # not the layout we know: let netaddr parse it
    return first.split(b"(hex)", 1)[1].strip().decode("utf-8", "replace") or None


def _org_from_netaddr(mac: str) -> str | None:
    from netaddr import EUI
    from netaddr.core import NotRegisteredError

    try:
        return EUI(mac).oui.registration().org.strip() or None
    except (NotRegisteredError, ValueError, IndexError, KeyError, OSError):
        return None


def organisation(mac: str) -> str | None:
    """The IEEE-registered organisation of ``mac``'s OUI, or None when not registered."""
    normal = normalise_mac(mac)
    if normal is None:
        return None
    try:
        org = _org_from_index(int(normal.replace(":", "")[:6], 16))
    except (OSError, ValueError):
        org = False
    return _org_from_netaddr(normal) if org is False else org


def lookup(mac: str) -> MacVendor | None:
    """What ``mac`` says about its maker; None when ``mac`` is not a usable MAC address."""
    normal = normalise_mac(mac)
    if normal is None:
        return None
    if is_multicast(normal):
        note = ("broadcast address" if normal == "ff:ff:ff:ff:ff:ff"
                else "multicast address, not a device's own MAC")
        return MacVendor(normal, None, locally_administered=is_locally_administered(normal),
                         note=note)
    if is_locally_administered(normal):
        return MacVendor(normal, None, locally_administered=True,
                         note="locally administered (randomised or virtual) address: the maker "
                              "cannot be told from it")
    vendor = organisation(normal)
    note = None if vendor else "maker not in the IEEE registry shipped with this program"
    return MacVendor(normal, vendor, note=note)
