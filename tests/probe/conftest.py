"""A real reflector process on loopback, on free high ports."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from sipalg_wizard.reflector.process import ReflectorProcess, free_ports


@dataclass
class Running:
    process: ReflectorProcess
    sip: int
    control: int
    tls: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.sip}"


def start_reflector(*extra: str, host: str = "127.0.0.1") -> Running:
    sip, control, tls = free_ports(3, host)
    process = ReflectorProcess(args=[
        "--host", host, "--udp-port", str(sip), "--tcp-port", str(sip),
        "--control-udp-port", str(control), "--control-tcp-port", str(control),
        "--tls-port", str(tls), "--quiet", *extra]).start()
    return Running(process, sip, control, tls)


@pytest.fixture
def reflector():
    running = start_reflector("--rate-limit", "0")
    try:
        yield running
    finally:
        running.process.stop()


def _time_limit(seconds: float) -> float:
    import os

    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    return seconds * max(1.0, load)


@pytest.fixture
def time_limit():
    """A wall-clock limit scaled by how busy the machine is (a shared 2-core box running other
    suites gives each process a fraction of a core); on an idle machine or CI it is the limit."""
    return _time_limit


@pytest.fixture
def reflector_on():
    """Start a reflector on another loopback address (e.g. ``::1``); stopped after the test."""
    started: list[Running] = []

    def start(host: str) -> Running:
        started.append(start_reflector("--rate-limit", "0", host=host))
        return started[-1]

    yield start
    for running in started:
        running.process.stop()
