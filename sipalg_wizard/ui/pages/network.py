"""Step 2: find the router (default gateway, interface, local address, router MAC and maker).

Discovery runs in a worker (``ui.workers``); the page shows a busy bar meanwhile, has Stop and
Retry, and explains every problem in plain words with what to do. The discovery function is
injectable so tests and the screenshot script can feed the page without touching the network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sipalg_wizard.net.models import MacVendor, NetworkInfo
from sipalg_wizard.ui.pages.base import (
    Notice,
    WorkerPage,
    beside,
    busy_bar,
    button_row,
    error_detail,
    make_button,
    text_label,
)
from sipalg_wizard.ui.qt import Qt, QtWidgets, Signal

Discover = Callable[[], NetworkInfo]


def real_discover() -> NetworkInfo:
    """The core's discovery, imported late so the window opens before any network code loads."""
    from sipalg_wizard.net.discover import discover

    return discover()


@dataclass(frozen=True)
class Advice:
    """One problem explained: what is wrong and what the customer should do about it."""

    code: str
    title: str
    action: str
    blocking: bool = False  # the next steps cannot work until it is fixed


class NetworkPage(WorkerPage):
    network_found = Signal(object)  # NetworkInfo, on the GUI thread

    # Keys of the value rows, in display order.
    ROWS = ("gateway_ipv4", "gateway_ipv6", "interface", "local_address", "mac", "maker")

    def __init__(self, discover: Discover | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network_page")
        self._discover = discover or real_discover
        self._network: NetworkInfo | None = None
        self.advice: list[Advice] = []
        layout, footer = self.make_body()
        self.description = self.make_description(self.tr(
            "We look up how this computer reaches the internet and which router it goes through. "
            "Nothing is changed."))
        layout.addWidget(self.description)

        # Indeterminate: we cannot know how long the OS takes.
        self.busy = busy_bar("network_busy", self.tr("Working"))
        self.status = text_label("network_status", bold=True)
        layout.addLayout(beside(self.busy, self.status))

        self.details = QtWidgets.QGroupBox(self.tr("What we found"))
        self.details.setObjectName("network_details")
        form = QtWidgets.QFormLayout(self.details)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        names = {
            "gateway_ipv4": self.tr("Router address (IPv4)"),
            "gateway_ipv6": self.tr("Router address (IPv6)"),
            "interface": self.tr("Network connection"),
            "local_address": self.tr("This computer's address"),
            "mac": self.tr("Router hardware address (MAC)"),
            "maker": self.tr("Router maker"),
        }
        self.values: dict[str, QtWidgets.QLabel] = {}
        for key in self.ROWS:
            label = QtWidgets.QLabel(names[key] + ":")
            value = QtWidgets.QLabel("\u2014")
            value.setObjectName(f"network_{key}")
            value.setWordWrap(True)
            # Selectable (mouse and keyboard) so the customer can copy an address for the agent.
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it (screen readers)
            value.setAccessibleName(names[key])
            label.setBuddy(value)
            form.addRow(label, value)
            self.values[key] = value
        layout.addWidget(self.details)

        self.problems = Notice("network_problems", self.tr("Problems found and what to do"))
        self.problems_text = self.problems.text
        layout.addWidget(self.problems)
        layout.addStretch(1)

        self.retry_button = self.start_button = make_button(
            self.tr("&Retry"), "network_retry", self.tr("Retry: look for the router again"),
            self.start)
        self.stop_button = make_button(self.tr("&Stop"), "network_stop",
                                       self.tr("Stop looking for the router"), self.stop)
        footer.addLayout(button_row(self.retry_button, self.stop_button))
        self._set_idle(self.tr("Not started yet."))

    # --- StepPage --------------------------------------------------------------------------
    def heading(self) -> str:
        return self.tr("Your network")

    def summary(self) -> str:
        return self.tr("We find your router: its address, its hardware address and its maker.")

    # --- QWizardPage ------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self._network is None and not self.running:
            self.start()

    def isComplete(self) -> bool:
        net = self._network
        return (not self.running and net is not None
                and (net.gateway_ipv4 is not None or net.gateway_ipv6 is not None))

    # --- state ------------------------------------------------------------------------------
    @property
    def network(self) -> NetworkInfo | None:
        return self._network

    def start(self) -> None:
        """Run discovery in the background (also the Retry button)."""
        self.stop()
        self._network = None
        self._show_values(None)
        self._show_advice([])
        self.status.setText(self.tr("Looking for your router\u2026"))
        self.busy.show()
        self.buttons_working(focus_stop=False)
        discover = self._discover
        self.run_work(lambda cancel, progress: discover(), "discover", self._on_result,
                      self._on_error, self._on_cancelled)

    def _set_idle(self, message: str) -> None:
        self.status.setText(message)
        self.busy.hide()
        self.buttons_idle()

    def _on_cancelled(self) -> None:
        self._set_idle(self.tr("Stopped. Press Retry to look again."))

    def _on_result(self, network: NetworkInfo) -> None:
        self._network = network
        self._show_values(network)
        advice = self.advice_for(network)
        found = network.gateway_ipv4 is not None or network.gateway_ipv6 is not None
        self._show_advice(advice, serious=not found)
        if not found or any(a.blocking for a in advice):
            message = self.tr("We could not find your router. See below for what to do.")
        elif advice:
            message = self.tr("Found your router, with a warning. See below.")
        else:
            message = (self.tr("Found your router.") if self.isFinalPage()
                       else self.tr("Found your router. Press Next to continue."))
        self._set_idle(message)
        self.network_found.emit(network)

    def _on_error(self, exc: BaseException) -> None:
        self._show_advice([self.advice_for_error(exc)], serious=True)
        self._set_idle(self.tr("Something went wrong. See below, then press Retry."))

    # --- showing ----------------------------------------------------------------------------
    def _show_values(self, net: NetworkInfo | None) -> None:
        unknown = "\u2014"
        if net is None:
            for value in self.values.values():
                value.setText(unknown)
            return
        none = self.tr("None found")
        self.values["gateway_ipv4"].setText(net.gateway_ipv4 or none)
        self.values["gateway_ipv6"].setText(net.gateway_ipv6 or none)
        self.values["interface"].setText(self._interface_text(net) or none)
        locals_ = [r.local_address for r in (net.ipv4, net.ipv6) if r and r.local_address]
        self.values["local_address"].setText("\n".join(locals_) or self.tr("Unknown"))
        mac = net.mac or net.ipv6_mac
        self.values["mac"].setText(mac.mac if mac else self.tr("Not found"))
        self.values["maker"].setText(self._maker_text(mac))

    def _interface_text(self, net: NetworkInfo) -> str | None:
        route = net.ipv4 or net.ipv6
        if route is None or not route.interface:
            return None
        if route.vpn:
            return self.tr("{name} (a VPN)").format(name=route.interface)
        return route.interface

    def _maker_text(self, mac: MacVendor | None) -> str:
        if mac is None:
            return self.tr("Unknown (no hardware address)")
        if mac.locally_administered:
            return self.tr("Unknown: the router uses a randomised (private) address, "
                           "which does not tell the maker")
        if mac.vendor:
            return mac.vendor
        return self.tr("Unknown (not in the list of makers)")

    def _show_advice(self, advice: list[Advice], serious: bool = False) -> None:
        self.advice = advice
        serious = serious or any(a.blocking for a in advice)
        self.problems.show_items([(a.code, a.title, a.action) for a in advice],
                                 "critical" if serious else "warning")

    # --- plain words ------------------------------------------------------------------------
    def advice_for(self, net: NetworkInfo) -> list[Advice]:
        """Every problem in the result, explained with what to do (the core gives only codes)."""
        out: list[Advice] = []
        problems = set(net.problems)
        no_route = net.ipv4 is None and net.ipv6 is None
        if "no_network" in problems:
            out.append(Advice("no_network", self.tr("This computer is not connected to a network."),
                              self.tr("Plug in the network cable or connect to your Wi-Fi, wait a "
                                      "moment, then press Retry."), blocking=True))
        elif "no_default_route" in problems or (no_route and not problems & {
                "routes_unreadable", "discovery_failed", "unsupported_os"}):
            out.append(Advice("no_gateway", self.tr("This computer has no router to reach the "
                                                    "internet (no default gateway)."),
                              self.tr("Check that the cable is plugged in or the Wi-Fi is connected "
                                      "and that your router is switched on. Wait a minute, then "
                                      "press Retry."), blocking=True))
        active_vpn = net.vpn_active
        if active_vpn:
            out.append(Advice("vpn_active", self.tr("A VPN is switched on."),
                              self.tr("While a VPN is on, the test cannot see your router. Turn the "
                                      "VPN off for a few minutes, then press Retry.")))
        others = [r for r in net.other_defaults if not active_vpn or not r.vpn]
        if any(r.vpn for r in others):
            out.append(Advice("vpn_present", self.tr("A VPN connection is also set up ({names}).")
                              .format(names=self._names(r for r in others if r.vpn)),
                              self.tr("It is not used for the internet right now, so you can go "
                                      "on. If the results look odd, turn it off and press Retry.")))
        if any(not r.vpn for r in others):
            out.append(Advice("other_default", self.tr("This computer has more than one way to "
                                                       "the internet ({names}).")
                              .format(names=self._names(r for r in others if not r.vpn)),
                              self.tr("The test uses {name}. If your phone is on the other one, "
                                      "disconnect that one and press Retry.")
                              .format(name=net.interface or self.tr("the one shown above"))))
        has_gateway = net.gateway_ipv4 is not None or net.gateway_ipv6 is not None
        if has_gateway and ("gateway_mac_unknown" in problems
                            or (net.mac is None and net.ipv6_mac is None)):
            out.append(Advice("no_mac", self.tr("The router's hardware address could not be read."),
                              self.tr("You can go on; we may just not be able to tell the router's "
                                      "maker.")))
        if "routes_unreadable" in problems:
            out.append(Advice("routes_unreadable", self.tr("We could not read this computer's "
                                                           "network settings."),
                              self.tr("Press Retry. If it happens again, restart the computer or "
                                      "call your support agent."), blocking=no_route))
        if "discovery_failed" in problems:
            out.append(Advice("discovery_failed", self.tr("Looking at the network went wrong."),
                              self.tr("Press Retry. If it happens again, tell your support agent: "
                                      "{detail}").format(detail="; ".join(net.notes) or "-"),
                              blocking=no_route))
        if "unsupported_os" in problems:
            out.append(Advice("unsupported_os", self.tr("This program cannot read the network "
                                                        "settings of this kind of computer."),
                              self.tr("Please run it on Windows, macOS or Linux."), blocking=True))
        known = {"no_network", "no_default_route", "vpn_default_route", "gateway_mac_unknown",
                 "routes_unreadable", "discovery_failed", "unsupported_os"}
        for code in sorted(problems - known):
            out.append(Advice(code, self.tr("Something unusual: {code}").format(code=code),
                              self.tr("You can go on. If a later step fails, tell your support "
                                      "agent about this.")))
        return out

    @staticmethod
    def _names(routes) -> str:
        return ", ".join(sorted({r.interface or "?" for r in routes}))

    def advice_for_error(self, exc: BaseException) -> Advice:
        detail = error_detail(exc)
        if isinstance(exc, PermissionError):
            return Advice("not_permitted", self.tr("Your computer did not allow us to read the "
                                                   "network settings."),
                          self.tr("If a security program asked, allow it; then press Retry. "
                                  "Details: {detail}").format(detail=detail), blocking=True)
        if isinstance(exc, TimeoutError):
            return Advice("timeout", self.tr("Reading the network settings took too long."),
                          self.tr("Press Retry. If it happens again, restart the computer."),
                          blocking=True)
        return Advice("error", self.tr("We could not read your network settings."),
                      self.tr("Press Retry. If it happens again, tell your support agent: "
                              "{detail}").format(detail=detail), blocking=True)

