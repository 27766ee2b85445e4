"""Start and stop a reflector as a separate process (tests, the lab, demos).

The reflector prints ``sipalg-reflector: ready`` on standard output once every port listens; this
waits for that line (bounded) instead of sleeping.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """Port numbers free for both UDP and TCP on ``host`` right now (best effort)."""
    ports: list[int] = []
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for _ in range(count * 50):
        with socket.socket(family, socket.SOCK_STREAM) as tcp:
            tcp.bind((host, 0))
            port = tcp.getsockname()[1]
            with socket.socket(family, socket.SOCK_DGRAM) as udp:
                try:
                    udp.bind((host, port))
                except OSError:
                    continue
        if port not in ports:
            ports.append(port)
        if len(ports) == count:
            return ports
    raise OSError("no free ports")


@dataclass
class ReflectorProcess:
    """``with ReflectorProcess(args=[...]) as r:`` runs ``sipalg-reflector args``.

    ``prefix`` runs it inside something (e.g. ``ip netns exec NS``)."""

    args: list[str] = field(default_factory=list)
    prefix: list[str] = field(default_factory=list)
    ready_timeout: float = 10.0
    log_path: str | None = None
    process: subprocess.Popen | None = None

    def start(self) -> ReflectorProcess:
        stderr = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [*self.prefix, sys.executable, "-m", "sipalg_wizard.reflector.cli", *self.args],
            stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
        if stderr is not subprocess.DEVNULL:
            stderr.close()
        # A thread reads the first line: selectors cannot wait on a pipe on Windows (sockets
        # only), and a plain readline() could block forever on a child that never speaks.
        box: list[bytes] = []
        reader = threading.Thread(target=lambda: box.append(self.process.stdout.readline(512)),
                                  daemon=True)
        reader.start()
        reader.join(self.ready_timeout)
        line = box[0] if box else b""
        if b"ready" not in line:
            code = self.process.poll()
            self.stop()
            raise RuntimeError(f"the reflector did not start (exit {code}): {line[:200]!r}")
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        with contextlib.suppress(Exception):
            self.process.stdout.close()
        return self.process.returncode

    def __enter__(self) -> ReflectorProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
