"""MAC address -> maker, from the IEEE registry that ``netaddr`` ships offline.

Why netaddr: it is already a dependency, is maintained, carries the IEEE MA-L (OUI) and IAB lists
inside the wheel (no network, no download step, works in a frozen bundle) and looks an OUI up
through a prebuilt offset index instead of parsing the whole 5 MB text file. Its import is cheap;
the first lookup loads the index (~0.1-0.2 s), so the module imports it lazily.

A MAC whose first octet has bit 0x02 set is *locally administered*: phones randomise it for
privacy, hypervisors and VPNs invent one. Its first three octets are not an OUI, so we say so
instead of guessing a maker. Bit 0x01 marks a multicast/broadcast address, which no router has.
"""

from __future__ import annotations

import re
import threading

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


def warm_up() -> None:
    """Load netaddr's IEEE index now (about 0.2-0.3 s of parsing), e.g. in a background thread
    while the routes are read and the gateway is poked, so the vendor lookup later costs nothing."""
    import netaddr.eui.ieee  # noqa: F401


def start_warm_up() -> None:
    threading.Thread(target=warm_up, name="oui-warm-up", daemon=True).start()


def organisation(mac: str) -> str | None:
    """The IEEE-registered organisation of ``mac``'s OUI, or None when not registered."""
    from netaddr import EUI
    from netaddr.core import NotRegisteredError

    try:
        return EUI(mac).oui.registration().org.strip() or None
    except (NotRegisteredError, ValueError, IndexError, KeyError, OSError):
        return None


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
