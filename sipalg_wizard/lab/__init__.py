"""The network-namespace lab (Linux, root): a LAN client, a NAT router and a WAN host.

Used by the tests and by ``sipalg-wizard lab``. Nothing here sends traffic anywhere but between
namespaces it created itself.
"""
