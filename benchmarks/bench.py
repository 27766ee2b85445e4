"""Speed is a feature: measure time-to-verdict, GUI start-up, identification and bundle size.

Run ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``). Each figure is the median of
several runs of the real program as a subprocess, so interpreter start-up and imports count, as
they do for a user. Everything that touches a network runs inside the namespace lab (root only;
it builds its own lab and tears it down): the benchmark never sends a packet to this machine's
real gateway. Without root those lines say why they were skipped. Nothing here asserts: the
numbers go into the issue notes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable


def timed(argv: list[str], runs: int, env: dict | None = None) -> tuple[float, int]:
    """Median wall time in seconds of ``argv`` over ``runs`` runs, and the last exit status."""
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, env=env, timeout=120)
        times.append(time.perf_counter() - start)
        status = proc.returncode
    return statistics.median(times), status


def bench_cli(runs: int) -> None:
    t, _ = timed([PY, "-m", "sipalg_wizard", "--version"], runs)
    print(f"cli --version                      median {t * 1000:7.0f} ms  ({runs} runs)")
    t, _ = timed([PY, "-m", "sipalg_wizard", "decode", "800-200-00N"], runs)
    print(f"cli decode                         median {t * 1000:7.0f} ms  ({runs} runs)")


GUI_SNIPPET = """
import sys
from sipalg_wizard.profile import load_profile
from sipalg_wizard.ui.app import create_application, create_wizard
app = create_application([])
wizard = create_wizard(load_profile())
wizard.show()
app.processEvents()
print("shown", flush=True)
import resource
print("rss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def bench_gui(runs: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t, status = timed([PY, "-c", GUI_SNIPPET], runs, env=env)
    if status != 0:
        print(f"gui start-up: failed (exit {status})")
        return
    print(f"gui start-up to first page (offscreen) median {t * 1000:7.0f} ms  ({runs} runs)")
    out = subprocess.run([PY, "-c", GUI_SNIPPET], capture_output=True, env=env, text=True,
                         timeout=120).stdout
    rss = next((int(line.split()[1]) for line in out.splitlines() if line.startswith("rss_kb")), 0)
    print(f"gui peak RSS at the first page (offscreen)     {rss / 1024:7.0f} MB")


def bench_lab(runs: int) -> None:
    from sipalg_wizard.lab.netns import SERVER_IP, Lab, kernel_sip_ruleset, lab_available

    ok, why = lab_available()
    if not ok:
        print(f"lab figures skipped: {why}")
        return
    with Lab() as lab:
        reflector = lab.popen(lab.wan, [PY, "-m", "sipalg_wizard.reflector.cli", "--host", SERVER_IP],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.8)
            network_only = lab.cmd(lab.lan, [PY, "-m", "sipalg_wizard", "diagnose", "--json",
                                             "--no-identify"])
            t, status = timed(network_only, runs)
            print(f"diagnose, lab, network step only    median {t * 1000:7.0f} ms  (exit {status})")
            diagnose = lab.cmd(lab.lan, [PY, "-m", "sipalg_wizard", "diagnose", "--json",
                                         "--no-identify", "--reflector", SERVER_IP])
            t, status = timed(diagnose, runs)
            print(f"time-to-verdict, lab, no ALG        median {t * 1000:7.0f} ms  (exit {status})")
            lab.nft(lab.router, kernel_sip_ruleset())
            t, status = timed(diagnose, runs)
            print(f"time-to-verdict, lab, kernel ALG    median {t * 1000:7.0f} ms  (exit {status})")
            identify = lab.cmd(lab.lan, [PY, "-c", IDENTIFY_SNIPPET])
            imitation = [PY, "-m", "sipalg_wizard.lab.imitation", "--lab", "netgear-r7000"]
            server = lab.popen(lab.router, imitation,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(0.8)
                t, status = timed(identify, runs)
                print(f"identification (imitation R7000)   median {t * 1000:7.0f} ms  (exit {status})")
            finally:
                server.terminate()
                server.wait(5)
        finally:
            reflector.terminate()
            reflector.wait(5)


IDENTIFY_SNIPPET = """
import time
from sipalg_wizard.net.discover import discover
from sipalg_wizard.identify.identify import identify
net = discover()
start = time.perf_counter()
ident = identify(net)
print(ident.vendor, ident.model, f"{(time.perf_counter() - start) * 1000:.0f} ms")
"""


def bench_bundle() -> None:
    dist = ROOT / "dist" / "sipalg-wizard"
    script = ROOT / "packaging" / "measure_size.py"
    if not dist.is_dir() or not script.is_file():
        print("bundle size skipped: build it first (see packaging/README.md)")
        return
    subprocess.run([PY, str(script), str(dist)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=["cli", "gui", "lab", "bundle"], action="append")
    args = parser.parse_args()
    sections = args.only or ["cli", "gui", "lab", "bundle"]
    for name in sections:
        try:
            {"cli": bench_cli, "gui": bench_gui, "lab": bench_lab,
             "bundle": lambda runs: bench_bundle()}[name](args.runs)
        except Exception as exc:  # a benchmark section failing must not hide the others
            print(f"{name}: failed: {exc}")
    print(json.dumps({"python": sys.version.split()[0], "cores": os.cpu_count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
