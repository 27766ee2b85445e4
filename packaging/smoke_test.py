"""Smoke-test the FROZEN SIP ALG Wizard on Linux, Windows and macOS: one script for all three.

    python packaging/smoke_test.py [TARGET] [--work DIR]

TARGET is what a customer runs: the onedir folder PyInstaller wrote (default ``dist/sipalg-wizard``),
an installed copy (Windows: ``%LOCALAPPDATA%\\Programs\\SIP ALG Wizard``; Linux: an unpacked
tarball) or a macOS ``.app``. Only the frozen executables are run, never the source tree, so the
script needs nothing but Python's standard library and this folder's ``buildinfo.py`` (for the
names and the version); CI runs it with the runner's own Python. Checks, in order:

1. ``--version`` of the wizard and the reflector; the executables are of the right kind (Windows:
   the wizard is a windowed program, so no console window flashes up when a customer starts it;
   the console twin and the reflector are console programs); macOS: the app's ``Info.plist``
   keys; Linux: every bundled library finds its dependencies (``ldd``);
2. the self-check (``SIPALG_WIZARD_SELFCHECK=1``): the bundled profile, netaddr's OUI registry,
   the licence texts, ``resources/`` inside the bundle;
3. the same self-check FAILS on a copy without ``resources/`` and the OUI data, proof that step 2
   can catch a bundle that does not find its data;
4. the frozen reflector on 127.0.0.1 and ``diagnose --json`` through it: one JSON document of the
   contract's schema, UDP, TCP and TLS probes all answered (frozen OpenSSL and ``cryptography`` on
   both ends), verdict "no ALG" (loopback rewrites nothing), and, outside a namespace, the gateway
   found by the OS's own tools (``route print``/``ipconfig``, ``route``/``netstat``);
5. ``decode`` of the support code diagnose printed, and a mistyped code rejected; ``witness ttl``
   (the deeper test's helper, what the administrator prompt relaunches) writes its JSON;
6. the GUI offscreen saves a screenshot of its first page (kept as a CI artifact) and quits 0,
   with no font or platform-plugin complaints in its log; with ``--native-gui`` once more with the
   desktop's own platform plugin (Windows, macOS runners), whose presence step 1 checks anyway;
7. ``agent-page`` writes the support agent's page (its template and script come from the bundle's
   ``resources/``) with its decoder tables and inline guide pictures.

Linux as root: the script re-runs itself in a private network namespace (``unshare --net``,
loopback only) so the diagnosis cannot reach a real network; as another user, steps 4-5 are
skipped with a note. Windows and macOS (CI runners, a developer's machine) have no such
namespace: the probe is limited to the loopback reflector (``--method reflector``,
``--no-identify``), and finding the gateway reads the routing table and sends one datagram to the
gateway's discard port, as the wizard itself does. Work files go to ``build/smoke/`` (``--work``).
Exit status 0 when every check passed, 1 otherwise, 2 when TARGET holds no frozen program.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import plistlib
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import buildinfo  # noqa: E402  (this folder's list of names, stdlib only)

WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
LINUX = sys.platform.startswith("linux")
SCHEMA = "sipalg-wizard/diagnosis/1"
# Loopback ports for the frozen reflector: high, unprivileged, away from the real 5060/5070/5061.
PORTS = {"sip": 25060, "control": 25070, "tls": 25061}
# Messages Qt prints when a frozen app lacks fonts or its platform plugin: the smoke test must not
# pass a GUI that would show empty boxes or not start on a customer's desktop.
GUI_COMPLAINTS = ("fontconfig error", "fontconfig warning", "cannot find font", "qfontdatabase",
                  "no fonts", "could not load the qt platform plugin", "could not find the qt platform")
# Qt's platform plugins as each OS's PySide6 wheel names them: the desktop one, and offscreen.
NATIVE_PLUGIN = {"win32": "qwindows.dll", "darwin": "libqcocoa.dylib", "linux": "libqxcb.so"}
OFFSCREEN_PLUGIN = {"qwindows.dll": "qoffscreen.dll", "libqcocoa.dylib": "libqoffscreen.dylib",
                    "libqxcb.so": "libqoffscreen.so"}
# PE optional header subsystems (winnt.h).
PE_GUI, PE_CONSOLE = 2, 3
# --relocate: a folder named like a customer's (spaces, letters outside ASCII such as "José").
UNUSUAL_DIR = "Programme für José"
INFO_PLIST_KEYS = ("CFBundleIdentifier", "CFBundleExecutable", "CFBundleShortVersionString",
                   "CFBundleVersion", "NSLocalNetworkUsageDescription", "LSMinimumSystemVersion")


def pe_subsystem(path: Path) -> int | None:
    """The Subsystem field of a Windows executable (2 = windowed GUI, 3 = console), else None.

    Read from the file (DOS header -> PE header -> optional header, offset 68), so it works on any
    OS and needs no Windows API."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    if len(head) < 64 or head[:2] != b"MZ":
        return None
    (pe,) = struct.unpack_from("<I", head, 0x3C)
    if pe + 24 + 70 > len(head) or head[pe:pe + 4] != b"PE\0\0":
        return None
    optional = pe + 24  # 4 bytes signature + 20 bytes COFF file header
    if struct.unpack_from("<H", head, optional)[0] not in (0x10B, 0x20B):  # PE32 / PE32+
        return None
    return struct.unpack_from("<H", head, optional + 68)[0]


class Layout:
    """Where the executables are in TARGET: a onedir/installed folder, or a macOS .app."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.app = target if target.suffix == ".app" else None
        self.exe_dir = target / "Contents" / "MacOS" if self.app else target

    def exe(self, name: str) -> Path:
        return self.exe_dir / (name + ".exe" if WINDOWS else name)

    @property
    def wizard(self) -> Path:
        return self.exe(buildinfo.GUI_EXE)

    @property
    def cli(self) -> Path:
        """What prints: a windowed Windows .exe has no standard output, its console twin has."""
        return self.exe(buildinfo.CLI_EXE) if WINDOWS else self.wizard

    @property
    def reflector(self) -> Path:
        return self.exe(buildinfo.REFLECTOR_EXE)


class Smoke:
    def __init__(self, layout: Layout, work: Path, isolated: bool, native_gui: bool = False) -> None:
        self.layout = layout
        self.native_gui = native_gui
        self.work = work
        self.isolated = isolated
        self.version = buildinfo.version()
        self.passed = 0
        self.failed: list[str] = []

    # -- reporting --------------------------------------------------------------------------

    def ok(self, what: str) -> None:
        print(f"PASS  {what}", flush=True)
        self.passed += 1

    def bad(self, what: str, details: str = "") -> None:
        print(f"FAIL  {what}", flush=True)
        if details:
            print("      " + details.strip().replace("\n", "\n      ")[:4000], flush=True)
        self.failed.append(what)

    def skip(self, what: str) -> None:
        print(f"SKIP  {what}", flush=True)

    def check(self, condition: bool, what: str, details: str = "") -> bool:
        if condition:
            self.ok(what)
        else:
            self.bad(what, details)
        return condition

    # -- running the frozen program ---------------------------------------------------------

    def run(self, argv: list, timeout: float = 120, env: dict | None = None,
            name: str | None = None) -> subprocess.CompletedProcess:
        """Run one frozen executable; its output is kept in the work folder for the artifact."""
        full_env = {**os.environ, **(env or {})}
        full_env = {key: value for key, value in full_env.items() if value is not None}  # None: unset
        try:
            proc = subprocess.run([str(a) for a in argv], capture_output=True, timeout=timeout,
                                  env=full_env, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            proc = subprocess.CompletedProcess(argv, -1, b"", f"{type(exc).__name__}: {exc}".encode())
        if name:
            (self.work / f"{name}.out").write_bytes(proc.stdout)
            (self.work / f"{name}.err").write_bytes(proc.stderr)
        return proc

    @staticmethod
    def text(data: bytes) -> str:
        return data.decode("utf-8", errors="replace").strip()

    # -- 1. versions and the kind of each executable -----------------------------------------

    def versions(self) -> None:
        for label, exe, prog in (("wizard", self.layout.cli, buildinfo.GUI_EXE),
                                 ("reflector", self.layout.reflector, buildinfo.REFLECTOR_EXE)):
            proc = self.run([exe, "--version"], timeout=60, name=f"version-{label}")
            out = self.text(proc.stdout + proc.stderr)
            self.check(proc.returncode == 0 and out == f"{prog} {self.version}",
                       f"{label} --version: {out!r}", f"want '{prog} {self.version}' ({exe})")

    def executable_kinds(self) -> None:
        if WINDOWS:
            want = {self.layout.wizard: PE_GUI, self.layout.cli: PE_CONSOLE,
                    self.layout.reflector: PE_CONSOLE}
            for exe, kind in want.items():
                got = pe_subsystem(exe)
                label = {PE_GUI: "windowed (no console window)", PE_CONSOLE: "a console program"}
                self.check(got == kind, f"{exe.name} is {label[kind]}", f"PE subsystem {got}")
        if self.layout.app is not None:
            self.info_plist()
        self.platform_plugins()
        if LINUX:
            self.ldd()

    def platform_plugins(self, platform: str = sys.platform) -> None:
        """Qt's native platform plugin and the offscreen one are in the bundle (the GUI steps run
        offscreen, so only this says the desktop one was collected at all)."""
        native = NATIVE_PLUGIN[platform if platform in NATIVE_PLUGIN else "linux"]
        names = {p.name for p in self.layout.target.rglob("*") if p.parent.name == "platforms"}
        wanted = [native, OFFSCREEN_PLUGIN[native]]
        missing = [name for name in wanted if name not in names]
        self.check(not missing, f"Qt platform plugins bundled: {', '.join(wanted)}",
                   f"missing {missing}; platforms/ holds {sorted(names)}")

    def info_plist(self) -> None:
        path = self.layout.app / "Contents" / "Info.plist"
        try:
            info = plistlib.loads(path.read_bytes())
        except (OSError, plistlib.InvalidFileException, ValueError) as exc:
            self.bad("Info.plist readable", str(exc))
            return
        missing = [key for key in INFO_PLIST_KEYS if not info.get(key)]
        self.check(not missing, "Info.plist has " + ", ".join(INFO_PLIST_KEYS), f"missing {missing}")
        self.check(info.get("CFBundleIdentifier") == buildinfo.BUNDLE_ID
                   and info.get("CFBundleShortVersionString") == self.version
                   and (self.layout.exe_dir / str(info.get("CFBundleExecutable"))).is_file(),
                   f"Info.plist: {info.get('CFBundleIdentifier')} {info.get('CFBundleShortVersionString')}"
                   f", executable {info.get('CFBundleExecutable')}",
                   f"want {buildinfo.BUNDLE_ID} {self.version}")

    def ldd(self) -> None:
        """Every bundled ELF file finds its libraries, in the bundle or on the host (the spec
        leaves out what every Linux desktop has: X11, fontconfig, GLib, D-Bus, libstdc++)."""
        if shutil.which("ldd") is None:
            self.skip("ldd: not on this host")
            return
        internal = self.layout.exe_dir / "_internal"
        env = {"LD_LIBRARY_PATH": f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"}
        missing = set()
        for path in sorted(self.layout.exe_dir.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            with path.open("rb") as fh:
                if fh.read(4) != b"\x7fELF":
                    continue
            proc = self.run(["ldd", path], timeout=60, env=env)
            for line in self.text(proc.stdout).splitlines():
                if "not found" in line:
                    missing.add(f"{path.relative_to(self.layout.exe_dir)}: {line.strip()}")
        self.check(not missing, "every bundled library finds its dependencies",
                   "neither bundled nor on this host:\n" + "\n".join(sorted(missing)))

    # -- 2./3. the self-check, and that it can fail -------------------------------------------

    def selfcheck(self) -> dict | None:
        proc = self.run([self.layout.cli], timeout=120, env={"SIPALG_WIZARD_SELFCHECK": "1"},
                        name="selfcheck")
        try:
            doc = json.loads(proc.stdout)
        except ValueError:
            doc = None
        self.check(proc.returncode == 0 and doc is not None and doc.get("ok"),
                   "self-check: profile, OUI registry, licences, resources inside the bundle",
                   self.text(proc.stdout + proc.stderr))
        if WINDOWS:  # the windowed wizard itself (no output to read: its exit status tells)
            proc = self.run([self.layout.wizard], timeout=120, env={"SIPALG_WIZARD_SELFCHECK": "1"})
            self.check(proc.returncode == 0, f"self-check of the windowed {self.layout.wizard.name}",
                       f"exit {proc.returncode}")
        return doc

    def broken_copy(self, doc: dict | None) -> None:
        """Copy the program (hard links where the file system allows: fast, no extra space),
        remove resources/ and netaddr's OUI data from the copy, and expect the self-check to fail
        for exactly those two reasons."""
        if not doc:
            self.skip("self-check on a copy without data: the self-check itself failed")
            return
        bundle = Path(doc["checks"]["bundle"]["value"]["bundle_dir"])
        broken = self.work / "broken" / self.layout.target.name
        shutil.rmtree(broken.parent, ignore_errors=True)
        broken.parent.mkdir(parents=True)

        copy_tree(self.layout.target, broken)
        try:
            inside = bundle.resolve().relative_to(self.layout.target.resolve())
        except ValueError:
            self.bad("self-check's bundle folder is inside the program", f"{bundle}")
            return
        for part in ("resources", "netaddr/eui"):
            victim = broken / inside / part
            if victim.is_symlink() or victim.is_file():
                victim.unlink()
            else:
                shutil.rmtree(victim, ignore_errors=True)
        copy = Layout(broken)
        proc = self.run([copy.cli], timeout=120, env={"SIPALG_WIZARD_SELFCHECK": "1"},
                        name="selfcheck-broken")
        try:
            checks = json.loads(proc.stdout)["checks"]
            why = not checks["profile"]["ok"] and not checks["oui"]["ok"]
        except (ValueError, KeyError, TypeError):
            why = False
        self.check(proc.returncode != 0 and why,
                   "self-check fails on a copy without resources/ and OUI data",
                   f"exit {proc.returncode}: {self.text(proc.stdout + proc.stderr)}")
        shutil.rmtree(broken.parent, ignore_errors=True)

    # -- 4./5. the reflector, diagnose, decode -------------------------------------------------

    def start_reflector(self) -> subprocess.Popen | None:
        log = (self.work / "reflector.log").open("wb")
        args = [self.layout.reflector, "--host", "127.0.0.1",
                "--udp-port", PORTS["sip"], "--tcp-port", PORTS["sip"],
                "--control-udp-port", PORTS["control"], "--control-tcp-port", PORTS["control"],
                "--tls-port", PORTS["tls"], "--rate-limit", "0"]
        try:
            proc = subprocess.Popen([str(a) for a in args], stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        except OSError as exc:
            self.bad("frozen reflector started", f"{type(exc).__name__}: {exc}")
            return None
        finally:
            log.close()
        end = time.monotonic() + 30
        text = ""
        while time.monotonic() < end and proc.poll() is None:
            text = (self.work / "reflector.log").read_text(errors="replace")
            if "ready" in text:
                break
            time.sleep(0.2)
        if not self.check("ready" in text, f"frozen reflector listening on 127.0.0.1:{PORTS['sip']}",
                          text):
            stop(proc)
            return None
        if LINUX:  # the compiled answer path (reflector/_fastreflect.c) is built on Linux only
            self.check("compiled UDP answer path on" in text,
                       "frozen reflector uses its compiled answer path", text)
        return proc

    def diagnose(self) -> str | None:
        reflector = self.start_reflector()
        if reflector is None:
            return None
        argv = [self.layout.cli, "diagnose", "--json", "--no-identify", "--timeout", "15",
                "--reflector", f"127.0.0.1:{PORTS['sip']}"]
        if not self.isolated:
            argv += ["--method", "reflector"]  # no TTL probe towards the profile's default target
        start = time.monotonic()
        proc = self.run(argv, timeout=120, name="diagnose")
        ms = int((time.monotonic() - start) * 1000)
        stop(reflector)
        (self.work / "diagnose.json").write_bytes(proc.stdout)
        try:
            doc = json.loads(proc.stdout)
        except ValueError:
            self.bad("diagnose --json printed one JSON document",
                     f"exit {proc.returncode}: {self.text(proc.stdout[:3000] + proc.stderr)}")
            return None
        problems = diagnosis_problems(doc, proc.returncode, no_gateway_ok=self.isolated)
        tests = doc.get("probe", {}).get("tests", [])
        summary = ", ".join(f"{t['transport']}/{t['port']} {t['method']} {t['outcome']}" for t in tests)
        self.check(not problems, f"diagnose --json against the frozen reflector ({ms} ms): {summary}",
                   "\n".join(problems) + "\n" + self.text(proc.stderr)[-2000:])
        gateway = doc.get("gateway") or {}
        print(f"      gateway as this OS reports it: {json.dumps(gateway, sort_keys=True)}")
        if not self.isolated:
            # Outside a namespace the machine has a default route: the OS's own tools, in its
            # own language and code page, must have yielded it.
            self.check(bool(gateway.get("ipv4") or gateway.get("ipv6")),
                       "the gateway found through this OS's routing table", json.dumps(gateway))
        return doc.get("support_code")

    def decode(self, code: str | None) -> None:
        if not code:
            self.skip("decode: diagnose gave no support code")
        else:
            proc = self.run([self.layout.cli, "decode", code], timeout=60, name="decode")
            self.check(proc.returncode == 0 and "Verdict:" in self.text(proc.stdout),
                       f"decode {code}", self.text(proc.stdout + proc.stderr))
        proc = self.run([self.layout.cli, "decode", "NOT-A-CODE"], timeout=60)
        self.check(proc.returncode > 0 and "not a valid support code" in self.text(proc.stderr),
                   "decode rejects a mistyped code",
                   f"exit {proc.returncode}: {self.text(proc.stdout + proc.stderr)}")

    def witness(self) -> None:
        """``witness ttl``: the deeper test's helper, what the administrator prompt relaunches
        (elevation.py), run alone on loopback; it writes its JSON to a new file. Linux runs the
        probe unprivileged and must see hops; elsewhere, without administrator rights (or Npcap
        on Windows), the JSON says the witness was unavailable, which is still a good answer."""
        out = self.work / "witness.json"
        out.unlink(missing_ok=True)
        proc = self.run([self.layout.cli, "witness", "ttl", "127.0.0.1", "--timeout", "1",
                         "--output", out], timeout=60, name="witness")
        try:
            doc = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.bad("witness ttl writes its JSON", f"exit {proc.returncode}: {exc}\n"
                     + self.text(proc.stderr))
            return
        good = proc.returncode == 0 and doc.get("schema") == "sipalg-wizard/ttl-witness/1"
        if LINUX:
            good = good and bool(doc.get("hops"))
        self.check(good, f"witness ttl writes its JSON ({len(doc.get('hops') or [])} hops)",
                   json.dumps(doc)[:2000])

    # -- 7. the support agent's page ----------------------------------------------------------

    def agent_page(self) -> None:
        """``agent-page`` from the frozen program: the page's template and script are read from
        the bundle's ``resources/``, the guide pictures are inlined; no network is involved."""
        out = self.work / "agent.html"
        out.unlink(missing_ok=True)
        proc = self.run([self.layout.cli, "agent-page", "--output", out], timeout=120,
                        name="agent-page")
        try:
            page = out.read_text(encoding="utf-8")
        except OSError as exc:
            self.bad("agent-page writes the page", f"exit {proc.returncode}: {exc}\n"
                     + self.text(proc.stdout + proc.stderr))
            return
        good = (proc.returncode == 0 and 'id="agent-data"' in page
                and "data:image/png;base64," in page)
        self.check(good, f"agent-page wrote the page ({out.stat().st_size} bytes)",
                   self.text(proc.stdout + proc.stderr)[-2000:])

    # -- 6. the GUI ---------------------------------------------------------------------------

    def gui(self, exe: Path, shot_name: str = "gui-first-page.png", native: bool = False) -> None:
        """The GUI offscreen: a screenshot of its first page, exit 0, and nothing Qt complains
        about in its log. Windows: a windowed .exe has no standard streams (Qt's messages go to
        the debugger), so the console twin, which opens the same GUI, is run too for the log."""
        shot = self.work / shot_name
        env = {"QT_QPA_PLATFORM": None if native else "offscreen",
               "SIPALG_WIZARD_SMOKE_SCREENSHOT": str(shot), "QT_DEBUG_PLUGINS": "0"}
        proc = self.run([exe], timeout=180, env=env, name=Path(shot_name).stem)
        log = self.text(proc.stdout + proc.stderr)
        facts_path = Path(str(shot) + ".json")
        problems = []
        if proc.returncode != 0:
            problems.append(f"exit {proc.returncode}")
        if not shot.is_file() or shot.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
            problems.append("no PNG saved")
        elif shot.stat().st_size < 5000:
            problems.append(f"suspiciously small screenshot ({shot.stat().st_size} bytes)")
        facts = {}
        try:
            facts = json.loads(facts_path.read_text(encoding="utf-8"))
            if not (facts.get("frozen") and facts.get("saved")):
                problems.append(f"not the frozen program, or not saved: {facts}")
            resources = Path(facts["resources_dir"]).resolve()
            if not resources.is_relative_to(self.layout.target.resolve()):
                problems.append(f"resources outside the program: {resources}")
        except (OSError, ValueError, KeyError) as exc:
            problems.append(f"no facts beside the screenshot: {exc}")
        where = "on the desktop (native platform plugin)" if native else "offscreen"
        self.check(not problems, f"GUI ({exe.name}) opened {where} and saved {shot.name}",
                   "; ".join(problems) + "\n" + log[-3000:])
        # What Qt says goes to the program's log (collected beside the screenshot); what C
        # libraries such as fontconfig say goes to stderr (a windowed Windows .exe has none).
        lines = [*log.splitlines(), *facts.get("log_warnings", [])]
        complaints = [line for line in lines if any(c in line.lower() for c in GUI_COMPLAINTS)]
        self.check(not complaints, f"GUI ({exe.name}): no font or platform-plugin complaints",
                   "\n".join(complaints))
        if facts.get("log_warnings"):
            print("      warnings the GUI logged: " + "; ".join(facts["log_warnings"])[:2000])

    # -- all of it ---------------------------------------------------------------------------

    def run_all(self) -> int:
        print(f"smoke test of {self.layout.target} (version {self.version}, {sys.platform}"
              f"{', private network namespace' if self.isolated else ''})", flush=True)
        self.versions()
        self.executable_kinds()
        self.broken_copy(self.selfcheck())
        if LINUX and not self.isolated:
            self.skip("reflector + diagnose + decode: need root for a private network namespace "
                      "(unshare --net)")
        else:
            self.decode(self.diagnose())
            self.witness()
        self.agent_page()
        self.gui(self.layout.wizard)
        if WINDOWS:
            self.gui(self.layout.cli, "gui-console-twin.png")
        if self.native_gui:
            self.gui(self.layout.wizard, "gui-native.png", native=True)
        print(f"smoke test: {self.passed} checks passed, {len(self.failed)} failed"
              + (": " + "; ".join(self.failed) if self.failed else ""), flush=True)
        return 0 if not self.failed else 1


def diagnosis_problems(doc: dict, status: int, no_gateway_ok: bool = False) -> list[str]:
    """What is wrong with a loopback diagnosis: the contract's shape, every transport answered,
    nothing rewritten. In a private namespace there is no default route: the only finding allowed
    there is ``no_gateway``, which makes the verdict inconclusive (exit 4) by design."""
    problems = []
    codes = [f.get("code") for f in doc.get("findings") or []]
    gatewayless = no_gateway_ok and codes == ["no_gateway"]
    if gatewayless:
        codes = []
    want_status, want_verdict = (4, "inconclusive") if gatewayless else (0, "no_alg_detected")
    if status != want_status:
        problems.append(f"exit status {status} (want {want_status})")
    if doc.get("schema") != SCHEMA:
        problems.append(f"schema {doc.get('schema')!r}")
    if doc.get("verdict") != want_verdict:
        problems.append(f"verdict {doc.get('verdict')!r} (want {want_verdict}: loopback rewrites nothing)")
    tests = (doc.get("probe") or {}).get("tests") or []
    for transport in ("udp", "tcp", "tls"):
        these = [t for t in tests if t.get("transport") == transport]
        if not these:
            problems.append(f"no {transport} probe")
        elif any(t.get("outcome") != "ok" for t in these):
            problems.append(f"{transport}: {[t.get('outcome') for t in these]}")
    if codes:
        problems.append(f"findings {codes}")
    if not doc.get("support_code"):
        problems.append("no support code")
    return problems


def copy_tree(source: Path, dest: Path) -> None:
    """Copy a program folder or .app: hard links where the file system allows (fast, no extra
    space), symbolic links kept as links (the Linux reflector, a macOS app's Frameworks)."""

    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, dest, symlinks=True, copy_function=link_or_copy)


def stop(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def _isolate(argv: list[str]) -> None:
    """Linux as root: run again inside a new network namespace with only loopback (up)."""
    if (not LINUX or os.environ.get("SMOKE_ISOLATED") or os.geteuid() != 0
            or shutil.which("unshare") is None
            or subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0):
        return
    script = "ip link set lo up && exec \"$@\""
    os.execvpe("unshare", ["unshare", "--net", "sh", "-c", script, "sh", sys.executable,
                           str(Path(__file__).resolve()), *argv],
               {**os.environ, "SMOKE_ISOLATED": "1"})


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", default=str(buildinfo.ROOT / "dist" / buildinfo.DIST_NAME),
                        help="the program folder or .app (default: dist/sipalg-wizard)")
    parser.add_argument("--work", default=str(buildinfo.ROOT / "build" / "smoke"),
                        help="where logs, the JSON and the screenshot go (default: build/smoke)")
    parser.add_argument("--relocate", nargs="?", const=str(Path(tempfile.gettempdir()) / UNUSUAL_DIR),
                        metavar="DIR", help="test a copy of TARGET in DIR (default: a folder in the "
                        f"temporary directory named {UNUSUAL_DIR!r}, like a customer's user folder)")
    parser.add_argument("--native-gui", action="store_true",
                        help="also open the GUI with the desktop's own platform plugin (Windows, "
                        "macOS: the CI runners have a desktop session; Linux needs a display)")
    args = parser.parse_args(argv)
    # The log must never die on a path it prints (a Windows console's code page lacks most letters).
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="backslashreplace")
    layout = Layout(Path(args.target).absolute())
    if not layout.cli.is_file():
        print(f"smoke_test: no frozen program at {layout.cli} (build it first)", file=sys.stderr)
        return 2
    if args.relocate and not os.environ.get("SMOKE_RELOCATED"):
        copy = Path(args.relocate).absolute() / layout.target.name
        shutil.rmtree(copy, ignore_errors=True)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy_tree(layout.target, copy)
        os.environ["SMOKE_RELOCATED"] = str(copy)
        argv = [str(copy), "--work", str(Path(args.work).absolute()),
                *(["--native-gui"] if args.native_gui else [])]
        layout = Layout(copy)
    _isolate(argv)
    work = Path(args.work).absolute()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return Smoke(layout, work, isolated=os.environ.get("SMOKE_ISOLATED") == "1",
                 native_gui=args.native_gui).run_all()


if __name__ == "__main__":
    sys.exit(main())
