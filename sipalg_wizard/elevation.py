"""The deeper test: only the TTL witness runs with administrator rights, never the wizard.

Why: on Windows and macOS an ordinary program cannot read the ICMP Time Exceeded answers the TTL
witness rests on (Linux hands them to any program through the socket's error queue). Running the
whole wizard as administrator would put a GUI, a web-page reader and a report writer behind the
prompt for the sake of one short measurement. Instead, when the customer presses "Run the deeper
test", this module starts our own program once more, elevated, with the non-GUI subcommand
``witness ttl TARGET --output FILE``. That process sends the bounded TTL-limited probe (see
``probe/ttl.py``: never past the second public router), writes what it observed as JSON into a
fresh private folder of the unelevated user and exits; this side reads the file and analyses it.

How it is started:

* Windows: ``ShellExecuteExW`` with the verb ``runas`` (the UAC prompt) on our own executable —
  the frozen program itself, or ``python.exe -m sipalg_wizard`` from a source install — with a
  hidden window; the handle is waited on with a bound. ``ERROR_CANCELLED`` (1223) means the
  customer said No. The elevated helper receives ICMP on a raw ICMP socket (administrator rights,
  no extra driver); Npcap is only its fallback.
* macOS: ``osascript`` running ``do shell script "…" with administrator privileges`` (the
  system's own administrator prompt; ``AuthorizationExecuteWithPrivileges`` has been deprecated
  since 10.7). Error -128 ("User canceled") means No. The helper uses a raw ICMP socket as root.

A refusal is an outcome ("refused"), not an error: the wizard says so in its own words. Nothing
here imports Qt; the wizard calls :func:`elevated_ttl_probe` from a worker thread. The OS calls
sit behind two small launchers (:func:`launch_windows`, :func:`launch_macos`) whose system
boundary (``WinApi``, ``Popen``) tests replace.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ELEVATABLE = ("win32", "darwin")
ERROR_CANCELLED = 1223  # Windows: the user declined the UAC prompt
MACOS_USER_CANCELED = "-128"
# The customer may take a while to answer the prompt; after that, the helper's own run (start-up
# plus the probe's timeout) is short.
PROMPT_WAIT = 180.0
START_UP = 20.0
OUTPUT_NAME = "witness.json"
MAX_OUTPUT = 256 * 1024


@dataclass(frozen=True)
class Launch:
    """How starting the elevated helper went: ``ok`` (it ran; ``exit_code``), ``refused`` (the
    customer declined the prompt), ``cancelled`` (our Cancel), ``failed`` (``detail`` says why)."""

    status: str
    exit_code: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Elevated:
    """The deeper test's outcome: ``status`` as :class:`Launch`, plus ``unsupported`` (not Windows
    or macOS); ``result`` (a ``TtlResult``) when it ran."""

    status: str
    result: object | None = None
    detail: str = ""


Launcher = Callable[[list[str], float, threading.Event], Launch]


def can_elevate(platform: str | None = None) -> bool:
    """Whether this system offers the deeper test (a prompt that runs the helper elevated)."""
    return (platform or sys.platform) in ELEVATABLE


# -- the command line ---------------------------------------------------------------------------
def own_command(args: list[str], *, frozen: bool | None = None,
                executable: str | None = None) -> list[str]:
    """``argv`` that runs this very program with ``args``: the frozen executable itself
    (PyInstaller sets ``sys.frozen``), else the interpreter with ``-m sipalg_wizard``."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    executable = executable or sys.executable
    return [executable, *args] if frozen else [executable, "-m", "sipalg_wizard", *args]


def witness_args(target: str, *, timeout: float, output: str,
                 local_hint: str | None = None) -> list[str]:
    """The non-GUI subcommand the elevated helper runs (``sipalg-wizard witness ttl ...``)."""
    args = ["witness", "ttl", target, "--timeout", f"{timeout:g}", "--output", output]
    return [*args, "--local-hint", local_hint] if local_hint else args


def windows_command(argv: list[str]) -> tuple[str, str]:
    """``(lpFile, lpParameters)`` for ShellExecuteExW: the program and its arguments quoted the
    way the Microsoft C runtime splits them again (``subprocess.list2cmdline``)."""
    return argv[0], subprocess.list2cmdline(argv[1:])


def _applescript_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def macos_script(argv: list[str], prompt: str, directory: str | None = None) -> str:
    """The AppleScript that runs ``argv`` as root after the system's administrator prompt. Each
    argument is shell-quoted, then the whole command is an AppleScript string."""
    command = " ".join(shlex.quote(a) for a in argv)
    if directory:
        command = f"cd {shlex.quote(directory)} && {command}"
    return (f"do shell script {_applescript_string(command)} with prompt "
            f"{_applescript_string(prompt)} with administrator privileges")


def _source_directory() -> str | None:
    """Where ``python -m sipalg_wizard`` finds the package when it is not installed."""
    if getattr(sys, "frozen", False):
        return None
    return str(Path(__file__).resolve().parent.parent)


# -- Windows ------------------------------------------------------------------------------------
class WinApi:
    """The four Windows calls the launcher needs, through ctypes (Windows only)."""

    SEE_MASK_NOCLOSEPROCESS = 0x00000040
    SEE_MASK_NOASYNC = 0x00000100
    SEE_MASK_FLAG_NO_UI = 0x00000400
    SW_HIDE = 0
    WAIT_OBJECT_0 = 0

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        class ShellExecuteInfo(ctypes.Structure):
            _fields_ = [("cbSize", wintypes.DWORD), ("fMask", wintypes.ULONG),
                        ("hwnd", wintypes.HWND), ("lpVerb", wintypes.LPCWSTR),
                        ("lpFile", wintypes.LPCWSTR), ("lpParameters", wintypes.LPCWSTR),
                        ("lpDirectory", wintypes.LPCWSTR), ("nShow", ctypes.c_int),
                        ("hInstApp", wintypes.HINSTANCE), ("lpIDList", ctypes.c_void_p),
                        ("lpClass", wintypes.LPCWSTR), ("hkeyClass", wintypes.HKEY),
                        ("dwHotKey", wintypes.DWORD), ("hIconOrMonitor", wintypes.HANDLE),
                        ("hProcess", wintypes.HANDLE)]

        self._ctypes, self._info = ctypes, ShellExecuteInfo
        self.shell32 = ctypes.WinDLL("shell32", use_last_error=True)  # type: ignore[attr-defined]
        self.kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        self.shell32.ShellExecuteExW.argtypes = [ctypes.POINTER(ShellExecuteInfo)]
        self.shell32.ShellExecuteExW.restype = wintypes.BOOL
        self.kernel32.WaitForSingleObject.argtypes = [wintypes.HANDLE, wintypes.DWORD]
        self.kernel32.WaitForSingleObject.restype = wintypes.DWORD
        self.kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE,
                                                     ctypes.POINTER(wintypes.DWORD)]
        self.kernel32.TerminateProcess.argtypes = [wintypes.HANDLE, wintypes.UINT]
        self.kernel32.CloseHandle.argtypes = [wintypes.HANDLE]

    def shell_execute_runas(self, file: str, parameters: str,
                            directory: str | None) -> tuple[int | None, int]:
        """``(process handle, 0)``, or ``(None, GetLastError())`` when it did not start. Blocks
        while the UAC prompt is shown."""
        info = self._info()
        info.cbSize = self._ctypes.sizeof(info)
        info.fMask = self.SEE_MASK_NOCLOSEPROCESS | self.SEE_MASK_NOASYNC | self.SEE_MASK_FLAG_NO_UI
        info.lpVerb, info.lpFile, info.lpParameters = "runas", file, parameters
        info.lpDirectory, info.nShow = directory, self.SW_HIDE
        if not self.shell32.ShellExecuteExW(self._ctypes.byref(info)):
            return None, self._ctypes.get_last_error()
        return info.hProcess, 0

    def wait(self, handle: int, milliseconds: int) -> bool:
        return self.kernel32.WaitForSingleObject(handle, milliseconds) == self.WAIT_OBJECT_0

    def exit_code(self, handle: int) -> int | None:
        from ctypes import wintypes

        code = wintypes.DWORD()
        ok = self.kernel32.GetExitCodeProcess(handle, self._ctypes.byref(code))
        return int(code.value) if ok else None

    def terminate(self, handle: int) -> None:
        self.kernel32.TerminateProcess(handle, 1)  # may be refused for an elevated process

    def close(self, handle: int) -> None:
        self.kernel32.CloseHandle(handle)


def launch_windows(argv: list[str], wait: float, cancel: threading.Event, *,
                   api: WinApi | None = None, directory: str | None = None) -> Launch:
    """Start ``argv`` through the UAC prompt and wait for it (at most ``wait`` seconds after the
    prompt was answered; Cancel is looked at every 0.1 s)."""
    api = api or WinApi()
    file, parameters = windows_command(argv)
    handle, error = api.shell_execute_runas(file, parameters, directory)
    if handle is None:
        if error == ERROR_CANCELLED:
            return Launch("refused", detail="the permission prompt was declined")
        return Launch("failed", detail=f"the deeper test could not start (Windows error {error})")
    try:
        deadline = time.monotonic() + wait
        while not api.wait(handle, 100):
            if cancel.is_set() or time.monotonic() > deadline:
                with contextlib.suppress(OSError):
                    api.terminate(handle)
                return (Launch("cancelled") if cancel.is_set()
                        else Launch("failed", detail=f"the deeper test took longer than {wait:g} s"))
        return Launch("ok", api.exit_code(handle))
    finally:
        api.close(handle)


# -- macOS --------------------------------------------------------------------------------------
def launch_macos(argv: list[str], wait: float, cancel: threading.Event, *,
                 popen: Callable[..., subprocess.Popen] = subprocess.Popen,
                 prompt: str = "", directory: str | None = None) -> Launch:
    """Run ``argv`` as root after the system's administrator prompt (osascript), bounded by
    ``PROMPT_WAIT`` + ``wait`` seconds; Cancel ends osascript (the helper's own timeout ends it)."""
    script = macos_script(argv, prompt or "SIP ALG Wizard: the deeper test needs your permission "
                          "to read the answers of the routers past yours.", directory)
    try:
        process = popen(["/usr/bin/osascript", "-e", script], stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except OSError as exc:
        return Launch("failed", detail=f"osascript could not start: {exc}")
    deadline = time.monotonic() + PROMPT_WAIT + wait
    while True:
        try:
            process.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            if cancel.is_set() or time.monotonic() > deadline:
                process.kill()
                process.wait()
                with contextlib.suppress(OSError, ValueError):
                    process.stderr.close()
                return (Launch("cancelled") if cancel.is_set()
                        else Launch("failed", detail="no answer from the permission prompt"))
    error = (process.stderr.read() if process.stderr else "")[-2000:]
    with contextlib.suppress(OSError, ValueError):
        process.stderr.close()
    if process.returncode != 0 and MACOS_USER_CANCELED in error:
        return Launch("refused", detail="the permission prompt was declined")
    if process.returncode != 0:
        return Launch("failed", process.returncode, error.strip() or "osascript failed")
    return Launch("ok", 0)


# -- the deeper test ----------------------------------------------------------------------------
def default_launcher(platform: str) -> Launcher | None:
    directory = _source_directory()
    if platform == "win32":
        return lambda argv, wait, cancel: launch_windows(argv, wait, cancel, directory=directory)
    if platform == "darwin":
        return lambda argv, wait, cancel: launch_macos(argv, wait, cancel, directory=directory)
    return None


def read_output(path: Path, public_ip: str | None = None):
    """The helper's JSON file as an analysed ``TtlResult`` (size-capped, strictly checked)."""
    from sipalg_wizard.probe.ttl import from_json_dict

    with path.open("rb") as f:
        data = f.read(MAX_OUTPUT + 1)
    if len(data) > MAX_OUTPUT:
        raise ValueError(f"{path.name} is larger than {MAX_OUTPUT} bytes")
    return from_json_dict(json.loads(data.decode("utf-8")), public_ip)


def run_elevated_ttl(target: str, *, timeout: float, cancel: threading.Event,
                     local_hint: str | None = None, platform: str | None = None,
                     launcher: Launcher | None = None, command: Callable[[list[str]], list[str]]
                     = own_command) -> Elevated:
    """Run the TTL witness through the system's permission prompt and read its answer."""
    platform = platform or sys.platform
    launcher = launcher or default_launcher(platform)
    if launcher is None:
        return Elevated("unsupported", detail=f"no permission prompt on {platform}")
    folder = Path(tempfile.mkdtemp(prefix="sipalg-witness-"))
    output = folder / OUTPUT_NAME
    try:
        argv = command(witness_args(target, timeout=timeout, output=str(output),
                                    local_hint=local_hint))
        launch = launcher(argv, timeout + START_UP, cancel)
        if launch.status != "ok":
            return Elevated(launch.status, detail=launch.detail)
        if not output.is_file():
            return Elevated("failed", detail=f"the deeper test wrote no answer (exit status "
                            f"{launch.exit_code})")
        try:
            return Elevated("ok", read_output(output))
        except (OSError, ValueError) as exc:
            return Elevated("failed", detail=f"the deeper test's answer could not be read: {exc}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def elevated_ttl_probe(target: str, *, timeout: float, cancel: threading.Event,
                       local_hint: str | None = None, platform: str | None = None,
                       launcher: Launcher | None = None):
    """:func:`run_elevated_ttl` with the signature of ``run_ttl_probe`` (a ``pipeline.run_probes``
    runner): every outcome is a ``TtlResult``; one that did not run carries ``available=False``
    and a reason code: ``refused``, ``cancelled``, ``elevation_failed``, ``needs_admin``."""
    from sipalg_wizard.probe.ttl import TtlResult

    started = time.monotonic()
    outcome = run_elevated_ttl(target, timeout=timeout, cancel=cancel, local_hint=local_hint,
                               platform=platform, launcher=launcher)
    if outcome.status == "ok":
        return outcome.result
    reason = {"refused": "refused", "cancelled": "cancelled",
              "unsupported": "needs_admin"}.get(outcome.status, "elevation_failed")
    notes = {"refused": "unavailable: permission for the deeper test was not given",
             "cancelled": "unavailable: the deeper test was stopped"}
    result = TtlResult(target=target, available=False, reason=reason,
                       note=notes.get(outcome.status, f"unavailable: {outcome.detail}"))
    result.duration_ms = round((time.monotonic() - started) * 1000, 1)
    return result


# -- the helper's side: ``sipalg-wizard witness ttl`` --------------------------------------------
def write_output(path: str | None, doc: dict) -> None:
    """Write the answer to a new file (never over an existing one, never through a link), or to
    standard output when no file is named."""
    text = json.dumps(doc)
    if not path:
        print(text)
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)  # the unelevated user reads what root wrote (macOS)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def run_witness(kind: str, target: str, *, timeout: float, output: str | None,
                local_hint: str | None = None) -> int:
    """The ``witness`` subcommand: run one witness, write its raw observations as JSON."""
    if kind != "ttl":
        raise ValueError(f"unknown witness {kind!r}")
    from sipalg_wizard.probe.ttl import run_ttl_probe, to_json_dict

    result = run_ttl_probe(target, timeout=timeout, local_hint=local_hint)
    write_output(output, to_json_dict(result))
    return 0
