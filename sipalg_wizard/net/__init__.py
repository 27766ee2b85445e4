"""Network discovery: default gateway (IPv4/IPv6), interface, local address, gateway MAC, OUI vendor.

No Qt here. ``discover()`` in ``discover.py`` is the one entry point; the per-OS modules only parse
what the operating system prints or exposes, so they can be tested on recorded outputs:

* ``linux.py``   ``/proc/net/route``, ``/proc/net/ipv6_route``, ``/proc/net/arp``, ``ip [-6] [-j]
  route``, ``ip neigh``
* ``macos.py``   ``route -n get default``, ``netstat -rn``, ``arp -an``, ``ndp -an``
* ``windows.py`` ``route print`` (any language), ``Get-NetRoute`` (table, list, JSON),
  ``ipconfig [/all]``, ``arp -a``, ``Get-NetNeighbor``
* ``routes.py``  which default the OS uses, VPN interface names, matching a gateway to its MAC
* ``oui.py``     MAC normalisation and maker lookup (IEEE registry shipped with netaddr)

``NetworkInfo.problems`` codes: ``no_default_route``, ``vpn_default_route``, ``gateway_mac_unknown``,
``routes_unreadable``, ``unsupported_os``, ``discovery_failed``; details go to ``notes``.
"""
