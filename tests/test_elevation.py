"""The deeper test's helper: its command lines, the JSON round trip, refusals and failures.

The OS calls are simulated at the boundary (``WinApi``, ``Popen``); where the simulation "grants"
the prompt, it runs the real ``witness ttl`` subcommand as an ordinary child process, aimed at
loopback only. The lab version (the helper through the kernel SIP ALG) is in
``tests/probe/test_default_target_lab.py``.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sipalg_wizard import elevation
from sipalg_wizard.probe import ttl
from sipalg_wizard.probe.icmp_quote import IcmpQuote


def split_windows(command: str) -> list[str]:
    """How the Microsoft C runtime splits a command line (CommandLineToArgvW's rules)."""
    args, current, quoted, started, i = [], [], False, False, 0
    while i < len(command):
        c = command[i]
        if c == "\\":
            n = 0
            while i < len(command) and command[i] == "\\":
                n, i = n + 1, i + 1
            if i < len(command) and command[i] == '"':
                current.append("\\" * (n // 2))
                if n % 2:
                    current.append('"')
                    i += 1
            else:
                current.append("\\" * n)
            started = True
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c in " \t" and not quoted:
            if started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(c)
            started = True
        i += 1
    if started:
        args.append("".join(current))
    return args


def script_command(script: str) -> str:
    """The shell command inside ``do shell script "..."`` (AppleScript string unescaped)."""
    match = re.match(r'do shell script "((?:[^"\\]|\\.)*)" with prompt "((?:[^"\\]|\\.)*)" '
                     r"with administrator privileges$", script)
    assert match, script
    return re.sub(r"\\(.)", r"\1", match.group(1))


AWKWARD = ["C:\\Program Files\\SIP ALG Wizard\\sipalg-wizard.exe", "witness", "ttl", "8.8.8.8",
           "--output", 'C:\\Users\\Zoë O"Brien\\AppData\\Local\\Temp\\a b\\', "--timeout", "2.5"]


def test_own_command_frozen_and_from_source():
    assert elevation.own_command(["witness"], frozen=True, executable="C:\\app\\w.exe") == \
        ["C:\\app\\w.exe", "witness"]
    assert elevation.own_command(["witness"], frozen=False, executable="/venv/bin/python") == \
        ["/venv/bin/python", "-m", "sipalg_wizard", "witness"]


def test_witness_args_name_everything_the_helper_needs():
    args = elevation.witness_args("8.8.8.8", timeout=2.5, output="/tmp/x/witness.json",
                                  local_hint="192.168.1.23")
    assert args == ["witness", "ttl", "8.8.8.8", "--timeout", "2.5", "--output",
                    "/tmp/x/witness.json", "--local-hint", "192.168.1.23"]
    from sipalg_wizard.cli import build_parser

    parsed = build_parser().parse_args(args)
    assert (parsed.kind, parsed.target, parsed.timeout, parsed.local_hint) == \
        ("ttl", "8.8.8.8", 2.5, "192.168.1.23")


@pytest.mark.parametrize("bad", [["witness", "ttl", "dns.google"], ["witness", "ttl", "::1"],
                                 ["witness", "ttl", "8.8.8.8", "--timeout", "60"]])
def test_the_helper_takes_only_a_literal_ipv4_and_a_short_timeout(bad, capsys):
    from sipalg_wizard.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(bad)


def test_windows_command_line_survives_the_c_runtime_split():
    file, parameters = elevation.windows_command(AWKWARD)
    assert file == AWKWARD[0]
    assert split_windows(parameters) == AWKWARD[1:]


def test_macos_script_survives_applescript_and_the_shell():
    script = elevation.macos_script(AWKWARD, 'Say "yes"', directory="/Applications/A b")
    command = script_command(script)
    assert shlex.split(command) == ["cd", "/Applications/A b", "&&", *AWKWARD]


# -- Windows, simulated at the API ----------------------------------------------------------------
class FakeWinApi:
    """Answers the UAC prompt as told; "granted" runs the command line as an ordinary child."""

    def __init__(self, answer: str, error: int = 0) -> None:
        self.answer, self.error = answer, error
        self.calls: list[tuple[str, str, str | None]] = []
        self.terminated = self.closed = False
        self.process: subprocess.Popen | None = None

    def shell_execute_runas(self, file, parameters, directory):
        self.calls.append((file, parameters, directory))
        if self.answer == "refuse":
            return None, elevation.ERROR_CANCELLED
        if self.answer == "fail":
            return None, self.error
        if self.answer == "hang":
            return 1234, 0
        self.process = subprocess.Popen([file, *split_windows(parameters)], cwd=directory)
        return 1234, 0

    def wait(self, handle, milliseconds):
        if self.process is None:
            threading.Event().wait(milliseconds / 1000)
            return False
        try:
            self.process.wait(milliseconds / 1000)
            return True
        except subprocess.TimeoutExpired:
            return False

    def exit_code(self, handle):
        return self.process.returncode if self.process else None

    def terminate(self, handle):
        self.terminated = True

    def close(self, handle):
        self.closed = True


def windows_launcher(api):
    return lambda argv, wait, cancel: elevation.launch_windows(argv, wait, cancel, api=api)


def test_windows_refusal_is_an_outcome_with_its_own_words():
    api = FakeWinApi("refuse")
    result = elevation.elevated_ttl_probe("8.8.8.8", timeout=1, cancel=threading.Event(),
                                          platform="win32", launcher=windows_launcher(api))
    assert (result.available, result.reason) == (False, "refused")
    assert "permission" in result.note
    file, parameters, _ = api.calls[0]
    assert split_windows(parameters)[:5] == ["-m", "sipalg_wizard", "witness", "ttl", "8.8.8.8"]
    assert file == sys.executable


def test_windows_other_errors_and_cancel():
    failed = elevation.run_elevated_ttl("8.8.8.8", timeout=1, cancel=threading.Event(),
                                        platform="win32",
                                        launcher=windows_launcher(FakeWinApi("fail", error=2)))
    assert failed.status == "failed" and "Windows error 2" in failed.detail
    api, cancel = FakeWinApi("hang"), threading.Event()
    threading.Timer(0.2, cancel.set).start()
    cancelled = elevation.run_elevated_ttl("8.8.8.8", timeout=1, cancel=cancel, platform="win32",
                                           launcher=windows_launcher(api))
    assert cancelled.status == "cancelled" and api.terminated and api.closed


def test_windows_granted_runs_the_real_helper_and_reads_its_json():
    """The prompt "granted": the real subcommand runs (unelevated, towards loopback only)."""
    api = FakeWinApi("grant")
    result = elevation.elevated_ttl_probe("127.0.0.1", timeout=1, cancel=threading.Event(),
                                          platform="win32", launcher=windows_launcher(api))
    assert result.available and result.target == "127.0.0.1", result.note
    assert result.hops and result.hops[0].ttl == 1 and result.hops[0].sent.startswith(b"INVITE ")
    assert not result.findings and api.closed


# -- macOS, simulated at Popen --------------------------------------------------------------------
class FakeOsascript:
    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.argv: list[str] | None = None

    def __call__(self, argv, **kwargs):
        self.argv = argv
        assert argv[:2] == ["/usr/bin/osascript", "-e"]
        if self.answer == "refuse":
            return subprocess.Popen([sys.executable, "-c", "import sys; sys.stderr.write("
                                     "'0:87: execution error: User canceled. (-128)'); "
                                     "sys.exit(1)"], **kwargs)
        return subprocess.Popen(["/bin/sh", "-c", script_command(argv[2])], **kwargs)


def test_macos_refusal_and_grant():
    refuse = FakeOsascript("refuse")
    result = elevation.elevated_ttl_probe(
        "8.8.8.8", timeout=1, cancel=threading.Event(), platform="darwin",
        launcher=lambda argv, wait, cancel: elevation.launch_macos(argv, wait, cancel, popen=refuse))
    assert (result.available, result.reason) == (False, "refused")
    assert "with administrator privileges" in refuse.argv[2]
    grant = FakeOsascript("grant")
    result = elevation.elevated_ttl_probe(
        "127.0.0.1", timeout=1, cancel=threading.Event(), platform="darwin",
        launcher=lambda argv, wait, cancel: elevation.launch_macos(
            argv, wait, cancel, popen=grant, directory=str(Path(elevation.__file__).parents[1])))
    assert result.available and result.hops, result.note


def test_no_prompt_on_linux():
    assert not elevation.can_elevate("linux") and elevation.can_elevate("win32")
    result = elevation.elevated_ttl_probe("8.8.8.8", timeout=1, cancel=threading.Event(),
                                          platform="linux")
    assert (result.available, result.reason) == (False, "needs_admin")


# -- the JSON -------------------------------------------------------------------------------------
def sample_result() -> ttl.TtlResult:
    sent = b"INVITE sip:a@203.0.113.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.23:5062\r\n\r\n"
    quote = IcmpQuote("100.64.0.2", 11, 0, sent.replace(b"192.168.1.23", b"198.51.100.7"),
                      udp_length=8 + len(sent), udp_checksum=0x1234,
                      inner_src=("192.168.1.23", 5062), inner_dst=("8.8.8.8", 5060), source="raw")
    home = IcmpQuote("192.168.1.1", 11, 0, sent)
    return ttl.TtlResult(target="8.8.8.8", reason="", duration_ms=12.5, hops=[
        ttl.Hop(1, 5061, sent, home, sends=1, waited_ms=0.4),
        ttl.Hop(2, 5062, sent, quote, sends=1, waited_ms=9.0),
        ttl.Hop(3, 5063, sent, None, sends=0)])


def test_json_round_trip_keeps_every_observation_and_is_analysed_again():
    original = sample_result()
    doc = json.loads(json.dumps(ttl.to_json_dict(original)))
    back = ttl.from_json_dict(doc)
    assert back.hops == original.hops and back.target == "8.8.8.8"
    assert back.witness_ttl == 2 and "via_rewritten" in {f.code for f in back.findings}
    assert all(f.method == "ttl" for f in back.findings)


@pytest.mark.parametrize("damage", [
    lambda d: d.update(schema="other/1"),
    lambda d: d.update(available="yes"),
    lambda d: d["hops"][0].update(ttl="1"),
    lambda d: d["hops"][0].update(sent="not base64!"),
    lambda d: d["hops"][1]["quote"].update(inner_src=["a"]),
    lambda d: d.update(hops=d["hops"] * 4),
    lambda d: d["hops"][0].update(sent="QUFB" * 2000),
])
def test_a_damaged_answer_is_refused_not_trusted(damage):
    doc = ttl.to_json_dict(sample_result())
    damage(doc)
    with pytest.raises(ttl.WitnessJsonError):
        ttl.from_json_dict(doc)


def test_an_unreadable_answer_is_a_failure_with_a_reason(tmp_path):
    def launcher(argv, wait, cancel):
        Path(argv[argv.index("--output") + 1]).write_text("{not json")
        return elevation.Launch("ok", 0)

    outcome = elevation.run_elevated_ttl("8.8.8.8", timeout=1, cancel=threading.Event(),
                                         platform="win32", launcher=launcher)
    assert outcome.status == "failed" and "could not be read" in outcome.detail

    def silent(argv, wait, cancel):
        return elevation.Launch("ok", 1)

    outcome = elevation.run_elevated_ttl("8.8.8.8", timeout=1, cancel=threading.Event(),
                                         platform="win32", launcher=silent)
    assert outcome.status == "failed" and "exit status 1" in outcome.detail


def test_the_helper_never_overwrites_a_file(tmp_path):
    target = tmp_path / "witness.json"
    target.write_text("keep")
    with pytest.raises(FileExistsError):
        elevation.write_output(str(target), {"a": 1})
    assert target.read_text() == "keep"
