"""Shared test fixtures: offscreen Qt, the recorded OS outputs, the ../shared oracles, the netns lab."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT = Path(__file__).resolve().parent.parent

# Hypothesis: no per-example deadline (the machine is shared and slow at times); in CI the same
# examples every run, so a landing never hinges on a lucky draw. Locally, "thorough" digs deeper:
# HYPOTHESIS_PROFILE=thorough make test.
settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.register_profile("thorough", deadline=None, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))

# The network guard: this process and every Python child may only reach loopback (and, inside a
# namespace the tests made, the lab's ranges). See tests/netguard/sitecustomize.py.
_GUARD_DIR = str(Path(__file__).resolve().parent / "netguard")
os.environ["SIPALG_WIZARD_NETGUARD"] = "1"
os.environ["SIPALG_WIZARD_HOST_NETNS"] = str(os.stat("/proc/self/ns/net").st_ino) \
    if os.path.exists("/proc/self/ns/net") else ""
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (_GUARD_DIR, os.environ.get("PYTHONPATH")) if p)
sys.path.insert(0, _GUARD_DIR)
import sitecustomize as _netguard  # noqa: E402  (the guard module above, by design)

_netguard.install()
from logfail import fail_on_unexpected_log  # noqa: E402,F401  (autouse: a stray warning fails a test)

SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project (oracles, fixtures); tests skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (only the project was cloned)")
    return SHARED


@pytest.fixture(scope="session")
def os_outputs() -> Path:
    """Real route/neighbour/ipconfig outputs as Windows, macOS and Linux print them (the project's
    own test data, so a plain clone runs every parser test; provenance in its INDEX.md)."""
    return PROJECT / "tests" / "net" / "data" / "os-outputs"


def _lab_or_skip(**kwargs):
    from sipalg_wizard.lab.netns import Lab, lab_available

    ok, why = lab_available()
    if not ok:
        pytest.skip(why)
    return Lab(**kwargs).build()


@pytest.fixture
def reflector():
    """A real reflector process on 127.0.0.1 (free high ports, rate limits off), stopped after."""
    from reflector_helpers import start_reflector

    running = start_reflector("--rate-limit", "0")
    try:
        yield running
    finally:
        running.process.stop()


@pytest.fixture
def lab():
    """A fresh LAN / NAT router / WAN lab, always torn down. Skips unless root + ``ip netns``."""
    built = _lab_or_skip()
    try:
        yield built
    finally:
        built.close()


@pytest.fixture
def lab_with_isp():
    """Like ``lab`` with a plain ISP router between the home router and the WAN host."""
    built = _lab_or_skip(isp_hop=True)
    try:
        yield built
    finally:
        built.close()
