"""Network discovery: default gateway (IPv4/IPv6), interface, local address, gateway MAC, OUI vendor.

No Qt here. ``discover()`` in ``discover.py`` is the one entry point; the per-OS modules only parse
what the operating system prints or exposes, so they can be tested on recorded outputs.
"""
