"""SIP on the wire, shared by the probe (client) and the reflector (server), which never import
each other. No Qt, no sockets:

* ``message``  — the codec: parse, frame (streams), serialize, Via, the header-name tables;
* ``address``  — addresses as SIP text writes them (``ip:port``, IPv6 in brackets);
* ``sdp``      — the SDP reader;
* ``protocol`` — the reflector protocol, version 1: the reflector's answer and how to read it;
* ``callback`` — the delayed-callback request of the binding check, and the callback itself.
"""
