"""``sipalg-wizard lab``: watch the wizard catch an ALG on one Linux machine (as root).

Builds the namespace lab with a chosen router (an ALG emulator profile, the kernel's own SIP ALG, or
a clean NAT — any case of ``sipalg_wizard.lab.profiles``), starts the reflector in the WAN host,
runs ``diagnose`` (default) or the wizard's window inside the LAN client, says what it did, and
removes everything afterwards — also on Ctrl-C, SIGTERM, SIGHUP or an error.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys

DEFAULT_CASE = "full"
# What a GUI inside the LAN namespace needs from the user's session (the namespace keeps the
# filesystem, so the X11/Wayland sockets under /tmp and $XDG_RUNTIME_DIR are reachable).
GUI_ENV = ("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR", "QT_QPA_PLATFORM",
           "DBUS_SESSION_BUS_ADDRESS", "LANG", "LC_ALL", "HOME")


class _Stop(Exception):
    """SIGTERM or SIGHUP arrived: unwind so ``finally`` tears the lab down."""


def add_lab_parser(sub: argparse._SubParsersAction) -> None:
    lab = sub.add_parser(
        "lab", help="(Linux, root) a lab with a chosen ALG, to watch the wizard catch it",
        description="Build network namespaces (a LAN client, a NAT router with the chosen SIP ALG, "
        "a WAN host running the reflector), run the diagnosis or the wizard in the client, then "
        "remove everything. Needs root on Linux.")
    which = lab.add_mutually_exclusive_group()
    which.add_argument("--profile", dest="lab_profile", metavar="NAME",
                       help=f"the router to build (default {DEFAULT_CASE}; see --list)")
    which.add_argument("--kernel-alg", action="store_true",
                       help="the Linux kernel's own SIP ALG (nf_conntrack_sip) in the router")
    which.add_argument("--list", action="store_true", help="list the routers the lab can build")
    mode = lab.add_mutually_exclusive_group()
    mode.add_argument("--diagnose", action="store_true", help="run 'diagnose' (the default)")
    mode.add_argument("--gui", action="store_true",
                      help="open the wizard inside the LAN (needs DISPLAY/XAUTHORITY: sudo -E)")
    lab.add_argument("--timeout", type=float, default=6.0, metavar="SECONDS",
                     help="the probe's timeout (default 6)")


def print_list() -> None:
    from sipalg_wizard.lab.profiles import CASES

    print("Routers the lab can build (sipalg-wizard lab --profile NAME):\n")
    for case in CASES:
        expected = case.verdict + (f": {', '.join(sorted(case.key))}" if case.key else "")
        print(f"  {case.name:28} {case.description}")
        print(f"  {'':28} expected diagnosis: {expected}")
        if case.gap:
            print(f"  {'':28} known probe gap: {case.gap}")
    print(f"\n--kernel-alg is --profile kernel_alg. Default: {DEFAULT_CASE}.")


def _check_platform() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the lab uses Linux network namespaces; it runs on Linux only"
    if os.geteuid() != 0:
        return ("the lab builds network namespaces and firewall rules, which needs root: "
                "run it with sudo (sudo -E to keep DISPLAY for --gui)")
    from sipalg_wizard.lab.netns import lab_available

    ok, why = lab_available()
    return None if ok else why


def _raise_stop(signum, frame) -> None:
    raise _Stop(signal.Signals(signum).name)


def run_lab(args: argparse.Namespace) -> int:
    """The ``lab`` command (imports stay here so ``sipalg-wizard`` itself starts as fast as before)."""
    from sipalg_wizard.lab.profiles import BY_NAME

    if args.list:
        print_list()
        return 0
    if args.lab_profile and args.lab_profile not in BY_NAME:
        print(f"sipalg-wizard lab: no router called {args.lab_profile!r}; choose one of: "
              f"{', '.join(sorted(BY_NAME))}", file=sys.stderr)
        return 2
    problem = _check_platform()
    if problem:
        print(f"sipalg-wizard lab: {problem}", file=sys.stderr)
        return 1
    case = BY_NAME["kernel_alg" if args.kernel_alg else (args.lab_profile or DEFAULT_CASE)]
    if case.kernel_alg:
        from sipalg_wizard.lab.netns import kernel_sip_helper_available

        if not kernel_sip_helper_available():
            print("sipalg-wizard lab: this kernel has no SIP helper (nf_conntrack_sip); try "
                  "'modprobe nf_conntrack_sip' or an emulator profile", file=sys.stderr)
            return 1
    env = None
    if args.gui:
        env = {k: v for k, v in os.environ.items() if k in GUI_ENV or k == "PATH"}
        if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            print("sipalg-wizard lab: --gui needs your DISPLAY (and XAUTHORITY); with sudo, use "
                  "'sudo -E sipalg-wizard lab --gui' or pass DISPLAY=... XAUTHORITY=...",
                  file=sys.stderr)
            return 1

    from sipalg_wizard.lab.zoo import PY, ZooLab

    old = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    zoo = ZooLab(case)
    status = 1
    try:
        print(f"Building the lab: {case.name} — {case.description}")
        zoo.start()
        lab = zoo.lab
        print(f"  client   {lab.lan}: 192.168.77.10, default route via the router")
        router = f"ALG emulator '{case.emulator}'" if case.emulator else (
            "the kernel's SIP ALG" if case.kernel_alg and not case.alg_in_outer else "no ALG")
        print(f"  router   {lab.router}: NAT{' (random ports)' if case.random_ports else ''}, "
              f"{router}")
        if case.double_nat:
            outer = "the kernel's SIP ALG" if case.alg_in_outer else "no ALG"
            print(f"  ISP      {lab.isp}: a second NAT, {outer}")
        print(f"  server   {lab.lan if case.loopback else lab.wan}: sipalg-reflector on "
              f"{zoo.reflector} (UDP/TCP 5060, control 5070, TLS 5061)")
        print(f"  set up in {zoo.setup_seconds:.1f} s\n")
        if args.gui:
            argv = zoo.lab.cmd(zoo.client_ns, [PY, "-m", "sipalg_wizard", "--reflector",
                                               zoo.reflector])
            print("Opening the wizard inside the LAN; close its window to tear the lab down.")
        else:
            argv = zoo.diagnose_argv(args.timeout, identify=True, json_out=False)
            print("Running 'sipalg-wizard diagnose' inside the LAN:\n")
        sys.stdout.flush()
        status = subprocess.run(argv, env=env).returncode
        expected = case.verdict + (f" with {', '.join(sorted(case.key))}" if case.key else "")
        print(f"\nThe zoo expects: {expected}.")
        if case.gap:
            print(f"Known probe gap for this router: {case.gap}.")
        alg_log = zoo.log_path("alg")
        if alg_log.exists():
            lines = [ln.removeprefix("alg: ") for ln in alg_log.read_text(errors="replace").splitlines()
                     if not ln.startswith("alg: ALG emulator")
                     and (" -> " in ln or "pinhole" in ln or "dropped" in ln)]
            if lines:
                print("What the ALG did (first messages):")
                for line in lines[:12]:
                    print(f"  {line}")
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        status = 130
    except _Stop as stop:
        print(f"\nStopped by {stop}.", file=sys.stderr)
        status = 143
    except Exception as exc:  # the lab must come down whatever went wrong
        print(f"sipalg-wizard lab: {exc}", file=sys.stderr)
        status = 1
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # no second signal may cut the teardown short
        names = list(zoo.lab.namespaces)
        zoo.close()
        if names:
            print(f"Removed the lab ({', '.join(names)}).")
        for sig, handler in old.items():
            signal.signal(sig, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    return status
