"""Build and tear down a small routed network out of Linux network namespaces.

Topology (addresses are only ever used inside these namespaces)::

    lan  (client)  192.168.77.10/24, fd77::10/64
      | veth
    router         192.168.77.1 / fd77::1 (LAN, MAC of a chosen vendor)
                   203.0.113.1 (WAN, TEST-NET-3), NAT (masquerade) from LAN to WAN
      | veth
    wan  (server)  203.0.113.10/24 — where the reflector runs

With ``isp_hop=True`` a plain router ``isp`` (no NAT) sits between ``router`` and ``wan``
(router 100.64.0.1 — isp 100.64.0.2, isp 203.0.113.1 — wan 203.0.113.10), so a TTL-limited packet
expires one hop past the home router.

The WAN host also holds the default profile's public ``ttl_target`` address (a /32, routed to it
by the router or the ISP hop), so that a diagnosis with the default profile aims only at a host
inside these namespaces; the namespaces have no route to anything outside.

Each Lab gets a random suffix so parallel runs never collide, and ``close()`` deletes every
namespace (which also deletes the veth pairs and the nftables rules inside them).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

LAN_NET = "192.168.77"
WAN_NET = "203.0.113"
ROUTER_LAN_IP = f"{LAN_NET}.1"
CLIENT_IP = f"{LAN_NET}.10"
ROUTER_WAN_IP = f"{WAN_NET}.1"
SERVER_IP = f"{WAN_NET}.10"
ROUTER_LAN_IP6 = "fd77::1"
CLIENT_IP6 = "fd77::10"
NETGEAR_MAC = "3c:37:86:5e:a1:01"  # OUI 3C:37:86 is registered to NETGEAR


def _default_wan_addresses() -> tuple[str, ...]:
    from sipalg_wizard.profile import default_ttl_target

    target = default_ttl_target()
    return (target,) if target else ()


class LabError(RuntimeError):
    """The lab could not be built (not root, no ``ip``, namespaces unsupported)."""


def lab_available() -> tuple[bool, str]:
    """Whether this machine can build the lab, and if not, why (for pytest skip reasons)."""
    if not sys.platform.startswith("linux"):
        return False, "the namespace lab needs Linux (network namespaces)"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False, "the namespace lab needs root"
    if shutil.which("ip") is None:
        return False, "iproute2 ('ip') is not installed"
    probe = f"sawprobe{secrets.token_hex(3)}"
    result = subprocess.run(["ip", "netns", "add", probe], capture_output=True, text=True)
    if result.returncode != 0:
        return False, f"'ip netns add' failed: {result.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    return True, ""


def kernel_sip_helper_available() -> bool:
    return Path("/sys/module/nf_conntrack_sip").exists()


def run(args: list[str], *, check: bool = True, input: str | None = None,
        timeout: float = 30) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, input=input, timeout=timeout)
    if check and result.returncode != 0:
        raise LabError(f"{' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result


@dataclass
class Lab:
    router_mac: str = NETGEAR_MAC
    isp_hop: bool = False
    # Extra addresses of the WAN host: by default the default profile's TTL target (see above).
    wan_addresses: tuple[str, ...] = field(default_factory=lambda: _default_wan_addresses())
    suffix: str = field(default_factory=lambda: secrets.token_hex(3))
    namespaces: list[str] = field(default_factory=list)

    @property
    def lan(self) -> str:
        return f"saw-lan-{self.suffix}"

    @property
    def router(self) -> str:
        return f"saw-rtr-{self.suffix}"

    @property
    def isp(self) -> str:
        return f"saw-isp-{self.suffix}"

    @property
    def wan(self) -> str:
        return f"saw-wan-{self.suffix}"

    # -- running things inside ------------------------------------------------------------
    def cmd(self, ns: str, args: list[str]) -> list[str]:
        """The argv that runs ``args`` inside namespace ``ns``."""
        return ["ip", "netns", "exec", ns, *args]

    def run(self, ns: str, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        return run(self.cmd(ns, args), **kwargs)

    def popen(self, ns: str, args: list[str], **kwargs) -> subprocess.Popen:
        return subprocess.Popen(self.cmd(ns, args), **kwargs)

    def nft(self, ns: str, ruleset: str) -> None:
        """Load an nftables ruleset (text) into namespace ``ns``."""
        self.run(ns, ["nft", "-f", "-"], input=ruleset)

    def flush_conntrack(self, ns: str) -> None:
        """Forget every tracked connection in ``ns`` (what a router's restart does): flows the SIP
        helper is attached to keep it for up to an hour after the rule is gone. One ctnetlink
        IPCTNL_MSG_CT_DELETE without attributes, sent from inside the namespace (no
        conntrack-tools needed)."""
        self.run(ns, [sys.executable, "-c", _FLUSH_CONNTRACK], timeout=10)

    # -- building ---------------------------------------------------------------------------
    def _add_ns(self, name: str) -> None:
        run(["ip", "netns", "add", name])
        self.namespaces.append(name)
        self.run(name, ["ip", "link", "set", "lo", "up"])

    def _veth(self, ns_a: str, if_a: str, ns_b: str, if_b: str) -> None:
        run(["ip", "link", "add", if_a, "netns", ns_a, "type", "veth", "peer", "name", if_b,
             "netns", ns_b])
        self.run(ns_a, ["ip", "link", "set", if_a, "up"])
        self.run(ns_b, ["ip", "link", "set", if_b, "up"])

    def build(self) -> Lab:
        ok, why = lab_available()
        if not ok:
            raise LabError(why)
        try:
            self._build()
        except BaseException:
            self.close()
            raise
        return self

    def _build(self) -> None:
        for ns in (self.lan, self.router, self.wan):
            self._add_ns(ns)
        # LAN side. The client's interface is named like a real NIC.
        self._veth(self.lan, "eth0", self.router, "lan0")
        self.run(self.router, ["ip", "link", "set", "lan0", "address", self.router_mac])
        self.run(self.router, ["ip", "addr", "add", f"{ROUTER_LAN_IP}/24", "dev", "lan0"])
        self.run(self.router, ["ip", "-6", "addr", "add", f"{ROUTER_LAN_IP6}/64", "dev", "lan0",
                               "nodad"])
        self.run(self.lan, ["ip", "addr", "add", f"{CLIENT_IP}/24", "dev", "eth0"])
        self.run(self.lan, ["ip", "-6", "addr", "add", f"{CLIENT_IP6}/64", "dev", "eth0", "nodad"])
        self.run(self.lan, ["ip", "route", "add", "default", "via", ROUTER_LAN_IP])
        self.run(self.lan, ["ip", "-6", "route", "add", "default", "via", ROUTER_LAN_IP6])
        # WAN side, optionally through a plain ISP router.
        if self.isp_hop:
            self._add_ns(self.isp)
            self._veth(self.router, "wan0", self.isp, "cpe0")
            self.run(self.router, ["ip", "addr", "add", "100.64.0.1/30", "dev", "wan0"])
            self.run(self.isp, ["ip", "addr", "add", "100.64.0.2/30", "dev", "cpe0"])
            self.run(self.router, ["ip", "route", "add", "default", "via", "100.64.0.2"])
            self._veth(self.isp, "core0", self.wan, "eth0")
            self.run(self.isp, ["ip", "addr", "add", f"{ROUTER_WAN_IP}/24", "dev", "core0"])
            self.run(self.isp, ["sysctl", "-qw", "net.ipv4.ip_forward=1"])
        else:
            self._veth(self.router, "wan0", self.wan, "eth0")
            self.run(self.router, ["ip", "addr", "add", f"{ROUTER_WAN_IP}/24", "dev", "wan0"])
        self.run(self.wan, ["ip", "addr", "add", f"{SERVER_IP}/24", "dev", "eth0"])
        self.run(self.wan, ["ip", "route", "add", "default", "via", ROUTER_WAN_IP])
        towards_wan = self.isp if self.isp_hop else self.router
        for address in self.wan_addresses:
            self.run(self.wan, ["ip", "addr", "add", f"{address}/32", "dev", "eth0"])
            self.run(towards_wan, ["ip", "route", "add", f"{address}/32", "via", SERVER_IP])
        self.run(self.router, ["sysctl", "-qw", "net.ipv4.ip_forward=1"])
        self.run(self.router, ["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"])
        self.nft(self.router, NAT_RULESET)

    def close(self) -> None:
        """Delete every namespace this lab made; safe to call twice and after a failed build."""
        for ns in reversed(self.namespaces):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self.namespaces.clear()

    def __enter__(self) -> Lab:
        return self.build()

    def __exit__(self, *exc) -> None:
        self.close()


# ctnetlink "delete all" (NETLINK_NETFILTER, NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_DELETE,
# NLM_F_REQUEST | NLM_F_ACK, nfgenmsg AF_INET), then read the kernel's ack (error 0 = done).
_FLUSH_CONNTRACK = """
import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)
s.settimeout(5)
s.bind((0, 0))
body = struct.pack("=BBH", socket.AF_INET, 0, 0)
s.send(struct.pack("=IHHII", 16 + len(body), (1 << 8) | 2, 1 | 4, 1, 0) + body)
reply = s.recv(4096)
error = struct.unpack_from("=i", reply, 16)[0]
raise SystemExit(0 if error in (0, -2) else f"conntrack flush failed: {error}")
"""

NAT_RULESET = """
table ip nat {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "wan0" masquerade
    }
}
"""

# The Linux kernel's SIP ALG, attached the way a consumer router's firmware does it: a conntrack
# helper object of type "sip" assigned to SIP flows (since kernel 4.7 nothing is automatic).
KERNEL_SIP_HELPER_RULESET = """
table ip sipalg {
    ct helper sip-udp {
        type "sip" protocol udp;
        l3proto ip;
    }
    ct helper sip-tcp {
        type "sip" protocol tcp;
        l3proto ip;
    }
    chain prerouting {
        type filter hook prerouting priority filter; policy accept;
        iifname "lan0" udp dport %(ports)s ct helper set "sip-udp"
        %(tcp_rule)s
    }
}
"""


def kernel_sip_ruleset(tcp: bool = False, ports: tuple[int, ...] = (5060,)) -> str:
    """The helper attached on ``ports`` (the module's ``ports=`` parameter, MikroTik's
    service-port list: some routers add the provider's other port)."""
    spec = str(ports[0]) if len(ports) == 1 else "{ " + ", ".join(map(str, ports)) + " }"
    tcp_rule = f'iifname "lan0" tcp dport {spec} ct helper set "sip-tcp"' if tcp else ""
    return KERNEL_SIP_HELPER_RULESET % {"tcp_rule": tcp_rule, "ports": spec}
