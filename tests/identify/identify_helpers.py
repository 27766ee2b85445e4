"""Helpers for the identification tests: imitation routers on loopback addresses and free ports."""

from __future__ import annotations

import itertools

from sipalg_wizard.identify.http_banner import Port
from sipalg_wizard.identify.identify import Sources
from sipalg_wizard.lab.imitation import ImitationRouter
from sipalg_wizard.net.models import MacVendor, NetworkInfo, Route

_HOSTS = itertools.count(2)


def loopback_pair() -> tuple[str, str]:
    """A fresh 127.0.0.x for the router and 127.0.1.x standing for its SSDP multicast group."""
    n = next(_HOSTS) % 250 + 2
    return f"127.0.0.{n}", f"127.0.1.{n}"


class Imitation:
    def __init__(self) -> None:
        self.routers: list[ImitationRouter] = []

    def __call__(self, profile, *, mac_vendor: str | None = None, **kwargs):
        host, group = loopback_pair()
        router = ImitationRouter(profile, host, ssdp_group=group, **kwargs).start()
        self.routers.append(router)
        sources = Sources(ports=(Port(router.http_port, False), Port(router.https_port, True)),
                          ssdp_port=router.ssdp_port, multicast_group=group)
        mac = MacVendor("00:11:22:33:44:55", mac_vendor) if mac_vendor else None
        network = NetworkInfo(ipv4=Route(4, host, "lo", local_address="127.0.0.1"), mac=mac)
        return router, sources, network

    def close(self) -> None:
        for router in self.routers:
            router.stop()
