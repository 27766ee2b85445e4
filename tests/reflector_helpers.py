"""A real reflector process on loopback, on free high ports: shared by the probe and reflector tests."""

from __future__ import annotations

from dataclasses import dataclass

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


def started_reflectors(start):
    """A fixture body: yields ``start`` (which starts reflectors) and stops them all afterwards."""
    started: list[Running] = []

    def tracked(*args, **kwargs) -> Running:
        started.append(start(*args, **kwargs))
        return started[-1]

    yield tracked
    for running in started:
        running.process.stop()
