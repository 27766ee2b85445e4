"""Every text file the program reads or writes names its encoding.

Without ``encoding=``, Python uses the locale's: UTF-8 on Linux and macOS, but the ANSI code page
(cp1252, cp1251, cp932, ...) on Windows, where a Spanish guide, a profile with an accented ISP
name or a saved report would be read or written wrongly. The tests on Linux cannot see that,
so this test reads the code for it (binary modes are fine).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sipalg_wizard"
TEXT_METHODS = {"read_text", "write_text"}
# (module, reason): text opened without an encoding where the locale's is right or irrelevant.
EXEMPT = {
    "lab/cli.py": "the namespace lab: Linux only",
    "lab/zoo.py": "the namespace lab: Linux only",
    "reflector/loadgen.py": "reads /proc/PID/status (Linux, ASCII)",
    "reflector/process.py": "a log file the child writes in the locale's encoding itself",
}


def _mode(call: ast.Call, position: int) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    return None


def _unspecified(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or any(k.arg == "encoding" for k in node.keywords):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            mode = _mode(node, 1) or "r"
        elif isinstance(func, ast.Attribute) and func.attr == "open":
            # Path.open(mode): only with a literal mode, so Qt's dialog.open() and other objects'
            # open(...) methods are not taken for files (a bare Path.open() is missed; rare).
            mode = _mode(node, 0)
            if mode is None:
                continue
        elif isinstance(func, ast.Attribute) and func.attr in TEXT_METHODS:
            mode = "t"
        else:
            continue
        if "b" not in mode:
            yield node.lineno


def test_text_files_name_their_encoding():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in EXEMPT:
            continue
        offenders += [f"{rel}:{line}" for line in _unspecified(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == [], "add encoding='utf-8' (or a binary mode)"


def test_the_check_sees_what_it_should():
    code = ("open(p)\nopen(p, 'rb')\nPath(p).read_text()\nPath(p).read_text(encoding='utf-8')\n"
            "Path(p).open('w')\nPath(p).open('rb')\nopen(p, mode='wt')\ndialog.open()\n"
            "Pump.open(reflector, host)\n")
    assert list(_unspecified(ast.parse(code))) == [1, 3, 5, 7]
