"""Plain data about the local network, shared by the parsers, the CLI, the report and the GUI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Route:
    """One default route as the operating system lists it.

    ``gateway`` is None for an on-link default (typical of a full-tunnel VPN). IPv6 link-local
    gateways keep their scope, e.g. ``fe80::1%en0``.
    """

    family: int  # 4 or 6
    gateway: str | None
    interface: str | None
    metric: int | None = None
    local_address: str | None = None
    vpn: bool = False
    scoped: bool = False  # macOS IFSCOPE: only for sockets bound to that interface, not system-wide


@dataclass(frozen=True)
class Neighbour:
    """One entry of the OS neighbour (ARP / NDP) cache."""

    address: str
    mac: str | None  # normalised ``aa:bb:cc:dd:ee:ff``; None when incomplete / all zero
    interface: str | None = None
    state: str | None = None


@dataclass(frozen=True)
class MacVendor:
    """What the MAC address says about the device's maker."""

    mac: str
    vendor: str | None  # organisation from the IEEE registry, None when unknown
    locally_administered: bool = False  # randomised / virtual MAC: the OUI means nothing
    note: str | None = None


@dataclass
class NetworkInfo:
    """The result of the Network step.

    ``ipv4``/``ipv6`` are the default routes the OS really uses; ``other_defaults`` the rest (a second
    NIC, a VPN that is not preferred). ``problems`` holds codes such as ``no_default_route`` or
    ``vpn_default_route`` that the UI turns into advice.
    """

    ipv4: Route | None = None
    ipv6: Route | None = None
    other_defaults: list[Route] = field(default_factory=list)
    mac: MacVendor | None = None
    ipv6_mac: MacVendor | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def interface(self) -> str | None:
        route = self.ipv4 or self.ipv6
        return route.interface if route else None

    @property
    def vpn_active(self) -> bool:
        """The VPN rule, decided here for the diagnosis and every page: the test's traffic goes
        through a VPN when the OS prefers a VPN default (``vpn_default_route``, also set when
        policy routing sends internet traffic into a tunnel) or when the route we test through is
        itself a VPN. A VPN that is only set up (in ``other_defaults``) does not count."""
        return "vpn_default_route" in self.problems or any(
            route is not None and route.vpn for route in (self.ipv4, self.ipv6))

    @property
    def gateway_ipv4(self) -> str | None:
        return self.ipv4.gateway if self.ipv4 else None

    @property
    def gateway_ipv6(self) -> str | None:
        return self.ipv6.gateway if self.ipv6 else None

    def to_dict(self) -> dict:
        return asdict(self)
