"""The network-namespace lab (Linux, root): a LAN client, a NAT router and a WAN host.

Used by the tests and by ``sipalg-wizard lab``. Nothing here sends traffic anywhere but between
namespaces it created itself.

* ``netns`` — the topology (``Lab``) and the kernel's own SIP ALG rules;
* ``siptext``, ``mangle`` — SIP text as an ALG sees it, and the named ALG behaviours as pure
  functions;
* ``alg_emulator`` — the user-space ALG that runs in the router (nft redirect + NAT-keeping relay);
* ``profiles`` — the ALG zoo: every router the lab builds and the diagnosis each one must get;
* ``zoo`` — builds one case, runs the real diagnosis in it and scores it (used by the ``lab``
  command, ``benchmarks/accuracy.py`` and ``tests/lab/``);
* ``cli`` — ``sipalg-wizard lab``.
"""
