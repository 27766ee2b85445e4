"""Build the lab for one zoo case, run the real diagnosis in it, and score the answer.

Shared by ``sipalg-wizard lab``, ``benchmarks/accuracy.py`` and ``tests/lab/test_zoo.py`` so all
three exercise exactly the same set-up. Every process runs as a real program inside its namespace:
the reflector (``sipalg-reflector``) in the WAN host, the ALG emulator in the router, and
``sipalg-wizard diagnose`` (or the GUI) in the LAN client. ``ZooLab.close()`` stops them all and
deletes the namespaces; it is safe to call twice and after a failed start.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sipalg_wizard.findings import BY_CODE
from sipalg_wizard.lab.netns import (
    CLIENT_IP,
    ROUTER_WAN_IP,
    SERVER_IP,
    Lab,
    LabError,
    kernel_sip_ruleset,
)
from sipalg_wizard.lab.profiles import ALG, ZooCase

PY = sys.executable
READY_TIMEOUT = 10.0
INNER_WAN_IP = "100.64.0.1"  # the home router's WAN address behind the ISP's NAT (netns isp_hop)

OUTER_NAT_RULESET = """
table ip nat {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "core0" masquerade
    }
}
"""
RANDOM_NAT_RULESET = """
delete table ip nat
table ip nat {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "wan0" masquerade random
    }
}
"""

# A "DMZ host": the router forwards every inbound WAN packet it has no mapping for to the client.
DMZ_RULESET = f"""
table ip dmz {{
    chain prerouting {{
        type nat hook prerouting priority dstnat; policy accept;
        iifname "wan0" dnat to {CLIENT_IP}
    }}
}}
"""


@dataclass
class Outcome:
    """What one diagnosis run in the lab produced."""

    case: str
    verdict: str | None = None
    findings: list[str] = field(default_factory=list)
    exit_code: int | None = None
    seconds: float = 0.0  # wall time of the diagnose process (start-up included)
    report: dict | None = None
    error: str = ""


@dataclass
class Score:
    case: ZooCase
    outcome: Outcome
    verdict_ok: bool
    false_positive: bool  # ALG reported where there is none
    false_negative: bool  # an ALG missed
    found: frozenset[str]  # ALG findings reported
    missing_key: frozenset[str]
    unexpected: frozenset[str]  # ALG findings that are neither true nor tolerated

    @property
    def passed(self) -> bool:
        return self.verdict_ok and not self.missing_key and not self.unexpected

    @property
    def true_fields(self) -> frozenset[str]:
        return self.found & self.case.truth

    @property
    def false_fields(self) -> frozenset[str]:
        return self.found - self.case.truth - self.case.tolerated


def alg_codes(codes: list[str]) -> frozenset[str]:
    return frozenset(c for c in codes if c in BY_CODE and BY_CODE[c].alg)


def score(case: ZooCase, outcome: Outcome) -> Score:
    found = alg_codes(outcome.findings)
    return Score(
        case=case, outcome=outcome,
        verdict_ok=outcome.verdict == case.verdict,
        false_positive=case.verdict != ALG and outcome.verdict == ALG,
        false_negative=case.verdict == ALG and outcome.verdict != ALG,
        found=found,
        missing_key=case.key - found,
        unexpected=found - case.truth - case.tolerated,
    )


def _wait_ready(proc: subprocess.Popen, needle: bytes, what: str, timeout: float = READY_TIMEOUT
                ) -> None:
    """Wait until ``proc`` prints ``needle`` on stdout (it says so when its sockets are bound)."""
    deadline = time.monotonic() + timeout
    seen = b""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        while needle not in seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LabError(f"{what} did not start within {timeout:.0f} s")
            if not sel.select(left):
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                raise LabError(f"{what} exited with status {proc.wait(2)} before it was ready")
            seen += chunk


class ZooLab:
    """The lab of one case, with reflector and ALG running. Use as a context manager."""

    def __init__(self, case: ZooCase, *, log_dir: Path | None = None, echo_logs: bool = False) -> None:
        self.case = case
        self.lab = Lab(isp_hop=case.double_nat)
        self.procs: list[tuple[str, subprocess.Popen]] = []
        self._tmp = None if log_dir else tempfile.TemporaryDirectory(prefix="sipalg-zoo-")
        self.log_dir = Path(log_dir or self._tmp.name)
        self.echo_logs = echo_logs
        self.setup_seconds = 0.0

    # -- where things are -----------------------------------------------------------------------
    @property
    def reflector(self) -> str:
        return "127.0.0.1" if self.case.loopback else SERVER_IP

    @property
    def client_ns(self) -> str:
        return self.lab.lan

    @property
    def alg_ns(self) -> str:
        return self.lab.isp if self.case.alg_in_outer else self.lab.router

    @property
    def router_wan_ip(self) -> str:
        return INNER_WAN_IP if self.case.double_nat else ROUTER_WAN_IP

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    # -- building -------------------------------------------------------------------------------
    def __enter__(self) -> ZooLab:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        started = time.perf_counter()
        case, lab = self.case, self.lab
        lab.build()
        if case.double_nat:
            lab.nft(lab.isp, OUTER_NAT_RULESET)
        if case.random_ports:
            lab.nft(lab.router, RANDOM_NAT_RULESET)
        if case.udp_timeout is not None:  # per network namespace: only this lab's router
            for name in ("nf_conntrack_udp_timeout", "nf_conntrack_udp_timeout_stream"):
                lab.run(lab.router, ["sysctl", "-q", "-w",
                                     f"net.netfilter.{name}={case.udp_timeout}"])
        if case.dmz:
            lab.nft(lab.router, DMZ_RULESET)
        if case.kernel_alg:
            rules = kernel_sip_ruleset(tcp=case.kernel_tcp, ports=case.kernel_ports)
            if case.alg_in_outer:
                rules = rules.replace('iifname "lan0"', 'iifname "cpe0"')
            lab.nft(self.alg_ns, rules)
        reflector_ns = lab.lan if case.loopback else lab.wan
        self._spawn("reflector", reflector_ns,
                    [PY, "-m", "sipalg_wizard.reflector.cli", "--host", self.reflector])
        if case.emulator:
            self._spawn("alg", lab.router,
                        [PY, "-m", "sipalg_wizard.lab.alg_emulator", "--profile", case.emulator,
                         "--wan-ip", self.router_wan_ip, "--upstream", SERVER_IP])
        for name, proc in self.procs:  # both start in parallel; each says "ready" when listening
            _wait_ready(proc, b"ready", name)
        self.setup_seconds = time.perf_counter() - started

    def _spawn(self, name: str, ns: str, argv: list[str]) -> None:
        stderr = None if self.echo_logs else self.log_path(name).open("wb")
        try:
            proc = self.lab.popen(ns, argv, stdout=subprocess.PIPE, stderr=stderr,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        finally:
            if stderr is not None:
                stderr.close()
        self.procs.append((name, proc))

    def close(self) -> None:
        """Stop every process (SIGTERM, then SIGKILL) and delete the namespaces."""
        for _name, proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for _name, proc in reversed(self.procs):
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(3)
            if proc.stdout:
                proc.stdout.close()
        self.procs.clear()
        self.lab.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    # -- running the wizard in the LAN ----------------------------------------------------------
    def diagnose_argv(self, timeout: float = 4.0, identify: bool = False, json_out: bool = True
                      ) -> list[str]:
        argv = [PY, "-m", "sipalg_wizard", "diagnose", "--reflector", self.reflector,
                "--timeout", f"{timeout:g}"]
        if json_out:
            argv.append("--json")
        if not identify:
            argv.append("--no-identify")
        argv += self.case.diagnose_args
        return self.lab.cmd(self.client_ns, argv)

    def diagnose(self, timeout: float = 4.0) -> Outcome:
        """Run ``sipalg-wizard diagnose --json`` in the LAN namespace and read its verdict."""
        outcome = Outcome(self.case.name)
        started = time.perf_counter()
        try:
            proc = subprocess.run(self.diagnose_argv(timeout), capture_output=True,
                                  timeout=timeout + 30, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            outcome.seconds = time.perf_counter() - started
            outcome.error = "diagnose did not finish"
            return outcome
        outcome.seconds = time.perf_counter() - started
        outcome.exit_code = proc.returncode
        try:
            report = json.loads(proc.stdout)
        except ValueError:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            outcome.error = f"exit {proc.returncode}, no JSON: {' / '.join(tail)}"
            return outcome
        outcome.report = report
        outcome.verdict = report.get("verdict")
        outcome.findings = [f.get("code", "") for f in report.get("findings", [])]
        return outcome

    def logs(self) -> str:
        """The reflector's and the emulator's logs (for a failing test's message)."""
        parts = []
        for name in ("reflector", "alg"):
            path = self.log_path(name)
            if path.exists():
                parts.append(f"--- {name} ---\n{path.read_text(errors='replace')[-4000:]}")
        return "\n".join(parts)


def run_case(case: ZooCase, timeout: float = 4.0) -> tuple[Outcome, float]:
    """Build, diagnose, tear down; returns the outcome and the set-up time in seconds."""
    with ZooLab(case) as zoo:
        outcome = zoo.diagnose(timeout)
        if not outcome.verdict:
            outcome.error = (outcome.error + "\n" + zoo.logs()).strip()
        return outcome, zoo.setup_seconds
