"""Speed is a feature: measure time-to-verdict, GUI start-up, identification and bundle size.

Run ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``). Each figure is the median of
several runs of the real program as a subprocess, so interpreter start-up and imports count, as
they do for a user. Everything that touches a network runs inside the namespace lab (root only;
it builds its own lab and tears it down): the benchmark never sends a packet to this machine's
real gateway. Without root those lines say why they were skipped. Nothing here asserts: the
numbers go into the issue notes.

Every program runs once untimed before it is measured, and keeps its bytecode in a folder of the
benchmark's own (``PYTHONPYCACHEPREFIX``), as an installed copy has it: the frozen bundle ships
bytecode and pip compiles it on install. Without that, a machine that sets
``PYTHONDONTWRITEBYTECODE`` (CI and these work machines do) would compile our modules on every run
and time the compiler.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable


def timed(argv: list[str], runs: int, env: dict | None = None) -> tuple[float, int]:
    """Median wall time in seconds of ``argv`` over ``runs`` runs, and the last exit status."""
    times, status = [], 0
    subprocess.run(argv, capture_output=True, env=env, timeout=120)  # fills the bytecode cache
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, env=env, timeout=120)
        times.append(time.perf_counter() - start)
        status = proc.returncode
    return statistics.median(times), status


def line(name: str, value_ms: float, floor_name: str | None = None, floor_ms: float | None = None,
         extra: str = "") -> None:
    """One figure, with its floor and the ratio when it has one."""
    text = f"{name:<44} median {value_ms:7.0f} ms"
    if floor_ms:
        text += f"   floor ({floor_name}) {floor_ms:5.0f} ms   ratio {value_ms / floor_ms:4.2f}x"
    print(text + (f"  {extra}" if extra else ""))


def side_by_side(a: list[str], b: list[str], runs: int, env: dict | None = None
                 ) -> tuple[float, float]:
    """Median times of two commands run alternately, so both see the same machine load."""
    times_a, times_b = [], []
    for argv in (a, b):
        subprocess.run(argv, capture_output=True, env=env, timeout=120)  # fills the bytecode cache
    for _ in range(runs):
        for argv, times in ((a, times_a), (b, times_b)):
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, env=env, timeout=120)
            times.append(time.perf_counter() - start)
    return statistics.median(times_a), statistics.median(times_b)


def bench_cli(runs: int) -> None:
    version, floor = side_by_side([PY, "-m", "sipalg_wizard", "--version"], [PY, "-c", "pass"], runs)
    line("cli --version", version * 1000, "python -c pass", floor * 1000)
    t, _ = timed([PY, "-m", "sipalg_wizard", "decode", "G008-0000-000H"], runs)
    line("cli decode", t * 1000)


# The floor for start-up: a bare PySide6 QWizard with one page, measured the same way as ours
# (process start until its first frame is done: a zero timer from the window's first paintEvent
# runs once the page and its children are painted too; same platform plugin).
BARE_WIZARD = """
import sys
from PySide6 import QtCore, QtWidgets
app = QtWidgets.QApplication(sys.argv[:1])
def report():
    import resource
    print("first-paint", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.exit(0)
class Bare(QtWidgets.QWizard):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QtCore.QTimer.singleShot(0, report)
wizard = Bare()
page = QtWidgets.QWizardPage()
page.setTitle("Step 1 of 8: Welcome")
wizard.addPage(page)
wizard.show()
app.exec()
"""


def first_paint(argv: list[str], env: dict) -> tuple[float, int]:
    """Seconds from process start to its ``first-paint RSS_KB`` line, and the peak RSS it had
    then (kB; 0 where the OS does not say)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                            text=True)
    elapsed, rss = None, 0
    watchdog = threading.Timer(60, proc.kill)  # a program that never paints must not hang us
    watchdog.start()
    try:
        for out in proc.stdout:
            if out.startswith("first-paint"):
                elapsed = time.perf_counter() - start
                rss = int(out.split()[1]) if len(out.split()) > 1 else 0
                break
        proc.wait(30)
    finally:
        watchdog.cancel()
        proc.kill()
    if elapsed is None:
        raise RuntimeError(f"{argv[:3]} never reported its first paint")
    return elapsed, rss


def bench_gui(runs: int, app: list[str] | None = None, label: str = "gui") -> None:
    """Process start until the first page is painted (offscreen), ours against a bare QWizard,
    run alternately; peak RSS of each."""
    from sipalg_wizard.ui.app import STARTUP_PROBE_ENV

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{STARTUP_PROBE_ENV: "1"})
    ours_argv = app or [PY, "-m", "sipalg_wizard"]
    ours, bare, ours_rss, bare_rss = [], [], [], []
    first_paint(ours_argv, env)  # fills the bytecode cache
    first_paint([PY, "-c", BARE_WIZARD], env)
    for _ in range(runs):
        t, rss = first_paint(ours_argv, env)
        ours.append(t)
        ours_rss.append(rss)
        t, rss = first_paint([PY, "-c", BARE_WIZARD], env)
        bare.append(t)
        bare_rss.append(rss)
    line(f"{label} start-up to first page painted", statistics.median(ours) * 1000,
         "bare QWizard", statistics.median(bare) * 1000)
    if max(ours_rss) and max(bare_rss):
        a, b = statistics.median(ours_rss) / 1024, statistics.median(bare_rss) / 1024
        print(f"{label + ' peak RSS at the first page':<44} {a:7.0f} MB      floor (bare QWizard)"
              f" {b:5.0f} MB   ratio {a / b:4.2f}x")


# Each diagnose draws ICMP Time Exceeded from the lab's router (the TTL witness); Linux sends those
# at about one per second per destination (icmp_ratelimit), so back-to-back runs would measure the
# router's rate limiter (0.8 s of retries), not us. A customer runs it once: pause between runs.
LAB_PAUSE = 1.5


def _diagnose_times(argv: list[str], runs: int) -> tuple[float, float, int]:
    """Median wall time of a ``diagnose --json`` run, the median of the probe's own time inside
    the process (the reflector method's ``duration_ms``), and the last exit status."""
    walls, probes, status = [], [], 0
    time.sleep(LAB_PAUSE)
    subprocess.run(argv, capture_output=True, timeout=120)  # fills the bytecode cache
    for _ in range(runs):
        time.sleep(LAB_PAUSE)
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        walls.append(time.perf_counter() - start)
        status = proc.returncode
        methods = json.loads(proc.stdout).get("probe", {}).get("methods") or []
        probe_ms = sum(m.get("duration_ms") or 0 for m in methods if m.get("method") == "reflector")
        probes.append(probe_ms / 1000)
    return statistics.median(walls), statistics.median(probes), status


def bench_lab(runs: int) -> None:
    from sipalg_wizard.lab.netns import SERVER_IP, Lab, kernel_sip_ruleset, lab_available

    ok, why = lab_available()
    if not ok:
        print(f"lab figures skipped: {why}")
        return
    with Lab() as lab:
        reflector = lab.popen(lab.wan, [PY, "-m", "sipalg_wizard.reflector.cli", "--host", SERVER_IP,
                                        "--quiet"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.8)
            # No witness at all (--method reflector without a reflector): the network step alone.
            network_only = lab.cmd(lab.lan, [PY, "-m", "sipalg_wizard", "diagnose", "--json",
                                             "--no-identify", "--method", "reflector"])
            t, status = timed(network_only, runs)
            line("diagnose, lab, network step only", t * 1000, extra=f"(exit {status})")
            diagnose = lab.cmd(lab.lan, [PY, "-m", "sipalg_wizard", "diagnose", "--json",
                                         "--no-identify", "--reflector", SERVER_IP])
            t, probe, status = _diagnose_times(diagnose, runs)
            line("time-to-verdict, lab, no ALG", t * 1000, "probe in-process", probe * 1000,
                 f"(exit {status})")
            bench_wizard(lab, runs)  # no ALG yet
            lab.nft(lab.router, kernel_sip_ruleset())
            t, probe, status = _diagnose_times(diagnose, runs)
            line("time-to-verdict, lab, kernel ALG", t * 1000, "probe in-process", probe * 1000,
                 f"(exit {status})")
            identify = lab.cmd(lab.lan, [PY, "-c", IDENTIFY_SNIPPET])
            imitation = [PY, "-m", "sipalg_wizard.lab.imitation", "--lab", "netgear-r7000"]
            server = lab.popen(lab.router, imitation,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(0.8)
                t, status = timed(identify, runs)
                line("identification (imitation R7000)", t * 1000, extra=f"(exit {status})")
            finally:
                server.terminate()
                server.wait(5)
        finally:
            reflector.terminate()
            reflector.wait(5)


def bench_wizard(lab, runs: int) -> None:
    """The customer's own times: the real wizard (tests/ui/lab_driver.py, offscreen) from the
    click on Next at the Welcome step to the router's address on screen, and at the Test step to
    the verdict on screen (against the probe's own time inside the process)."""
    from sipalg_wizard.lab.netns import SERVER_IP

    driver = lab.cmd(lab.lan, [PY, str(ROOT / "tests" / "ui" / "lab_driver.py"), SERVER_IP])
    networks, steps, probes = [], [], []
    with tempfile.TemporaryDirectory(prefix="sipalg-bench-reports-") as reports:
        for run in range(runs + 1):  # the first fills the bytecode cache
            time.sleep(LAB_PAUSE)
            # (offscreen: the driver's default; the line on stdin lets it go on after the Fix step)
            proc = subprocess.run([*driver, reports], input="\n", capture_output=True, text=True,
                                  timeout=120)
            pages = {page["page"]: page for page in map(json.loads, proc.stdout.splitlines())}
            if "probe" not in pages:
                raise RuntimeError(f"the wizard did not reach its verdict: {proc.stderr[-300:]}")
            if run:
                networks.append(pages["network"]["seconds"])
                steps.append(pages["probe"]["seconds"])
                probes.append(pages["probe"]["methods"]["reflector"][1] / 1000)
    line("wizard, lab: Next to the router's address", statistics.median(networks) * 1000)
    line("wizard, lab: Next to verdict on screen", statistics.median(steps) * 1000,
         "probe in-process", statistics.median(probes) * 1000)


IDENTIFY_SNIPPET = """
import time
from sipalg_wizard.net.discover import discover
from sipalg_wizard.identify.identify import identify
net = discover()
start = time.perf_counter()
ident = identify(net)
print(ident.vendor, ident.model, f"{(time.perf_counter() - start) * 1000:.0f} ms")
"""


def bench_bundle(runs: int) -> None:
    """The frozen bundle's size, and its start-up measured as the interpreter's is above."""
    dist = ROOT / "dist" / "sipalg-wizard"
    script = ROOT / "packaging" / "measure_size.py"
    exe = dist / ("sipalg-wizard.exe" if os.name == "nt" else "sipalg-wizard")
    if not dist.is_dir() or not script.is_file() or not exe.is_file():
        print("bundle figures skipped: build it first (see packaging/README.md)")
        return
    version, floor = side_by_side([str(exe), "--version"], [PY, "-c", "pass"], runs)
    line("frozen --version", version * 1000, "python -c pass", floor * 1000)
    bench_gui(runs, app=[str(exe)], label="frozen")
    subprocess.run([PY, str(script), str(dist), "--no-xz"], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["cli", "gui", "lab", "bundle"], action="append")
    args = parser.parse_args()
    sections = args.only or ["cli", "gui", "lab", "bundle"]
    bytecode = tempfile.TemporaryDirectory(prefix="sipalg-bench-pyc-")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = bytecode.name  # the children's, see the docstring
    for name in sections:
        try:
            {"cli": bench_cli, "gui": bench_gui, "lab": bench_lab,
             "bundle": bench_bundle}[name](args.runs)
        except Exception as exc:  # a benchmark section failing must not hide the others
            print(f"{name}: failed: {exc}")
    print(json.dumps({"python": sys.version.split()[0], "cores": os.cpu_count()}))
    bytecode.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
