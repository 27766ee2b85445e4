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


def start_reflector(*extra: str) -> Running:
    sip, control, tls = free_ports(3)
    process = ReflectorProcess(args=[
        "--host", "127.0.0.1", "--udp-port", str(sip), "--tcp-port", str(sip),
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


@pytest.fixture(scope="module")
def shared_reflector():
    """One reflector for a whole module of tests that do not change its state."""
    running = start_reflector("--rate-limit", "0")
    try:
        yield running
    finally:
        running.process.stop()


@pytest.fixture
def reflector_with():
    """Start a reflector with extra arguments; stopped at the end of the test."""
    started: list[Running] = []

    def start(*extra: str) -> Running:
        started.append(start_reflector(*extra))
        return started[-1]

    yield start
    for running in started:
        running.process.stop()
