"""Fixtures for the GUI tests: a wizard fed by an injected discovery function, sample results."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from sipalg_wizard.net.models import MacVendor, NetworkInfo, Route
from sipalg_wizard.profile import Profile


def home_network() -> NetworkInfo:
    """What a typical home looks like: IPv4 + IPv6 default via Wi-Fi, a NETGEAR router."""
    return NetworkInfo(
        ipv4=Route(4, "192.168.1.1", "wlan0", 600, "192.168.1.23"),
        ipv6=Route(6, "fe80::1%wlan0", "wlan0", 1024, "2001:db8:5::23"),
        mac=MacVendor("3c:37:86:5e:a1:01", "NETGEAR"),
    )


@pytest.fixture
def network() -> NetworkInfo:
    return home_network()


@pytest.fixture
def profile() -> Profile:
    return Profile(product_name="Acme Call Doctor", support_phone="0800 555 0199",
                   support_name="Acme Support")


class Gate:
    """A discovery function that blocks until released, and says when it was called."""

    def __init__(self, result: NetworkInfo) -> None:
        self.result = result
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def __call__(self) -> NetworkInfo:
        self.calls += 1
        self.entered.set()
        # Bounded so a broken test can never hang the worker pool.
        self.release.wait(timeout=10)
        return self.result


@pytest.fixture
def gate(network):
    g = Gate(network)
    yield g
    g.release.set()


@pytest.fixture
def make_wizard(qtbot, profile) -> Callable:
    from sipalg_wizard.ui.app import create_application, create_wizard

    create_application()  # the same look (fonts, icon) the real program gets

    def make(discover, profile=profile, **kwargs):
        wizard = create_wizard(profile, discover=discover, **kwargs)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        # The later pages are built once the first page has been painted (start-up speed).
        qtbot.waitUntil(lambda: len(wizard.pageIds()) == 8, timeout=5000)
        return wizard

    return make


@pytest.fixture
def fake_core(tmp_path, network):
    from flow_helpers import (
        FakeProbe,
        FakeWitness,
        clean_result,
        kernel_alg_result,
        netgear_identity,
        provider_silent,
        ttl_unavailable,
    )

    from sipalg_wizard.ui.core import Core

    opened: list[str] = []
    core = Core(discover=lambda: network, identify=lambda net, cancel: netgear_identity(),
                probe=FakeProbe(kernel_alg_result(), clean_result()),
                # never the real TTL probe or provider mirror: they would send past loopback
                ttl_probe=FakeWitness(ttl_unavailable()),
                provider_mirror=FakeWitness(provider_silent()), reports_dir=tmp_path,
                # never the real permission prompt either
                elevated_ttl_probe=FakeWitness(ttl_unavailable()), can_elevate=lambda: False,
                open_url=lambda url: opened.append(url) or True)
    core.opened = opened  # what "open in the browser" was asked to open
    return core


@pytest.fixture(autouse=True)
def private_settings_and_logs(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user's settings and log folder, and leave logging and Qt's
    message handler as they were (``run_gui`` sets both up)."""
    import logging

    from sipalg_wizard.ui import logs
    from sipalg_wizard.ui.qt import QtCore

    folder = tmp_path_factory.mktemp("user")
    for fmt in (QtCore.QSettings.Format.NativeFormat, QtCore.QSettings.Format.IniFormat):
        QtCore.QSettings.setPath(fmt, QtCore.QSettings.Scope.UserScope, str(folder / "config"))
    monkeypatch.setattr(logs, "default_log_dir", lambda: folder / "logs")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield folder
    for handler in root.handlers[:]:
        if handler not in handlers and handler is not logs._tail:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
