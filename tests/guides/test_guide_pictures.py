"""The picture renderer (a developer script, so Qt is allowed here): deterministic, right size."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from sipalg_wizard.paths import resource

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render_guide_pictures.py"


@pytest.fixture(scope="module")
def renderer(qapp):
    """The script as a module; pytest-qt's ``qapp`` provides the (widgets) application it needs."""
    spec = importlib.util.spec_from_file_location("render_guide_pictures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("guide_id", ["netgear", "fortigate", "eero"])
def test_render_is_deterministic_and_small(renderer, tmp_path, copy_guide, guide_id):
    folder = copy_guide(guide_id, tmp_path)
    for png in folder.glob("*.png"):
        png.unlink()
    first = [(p, p.read_bytes()) for p, _ in renderer.render_guide(folder)]
    second = {p: p.read_bytes() for p, _ in renderer.render_guide(folder)}
    for path, data in first:
        assert second[path] == data, f"{path.name} differs between two runs"
        assert struct.unpack(">II", data[16:24]) == (900, 560)
        assert len(data) < 40 * 1024


def test_checked_in_pictures_match_a_fresh_render_in_size(renderer, tmp_path, copy_guide):
    """A guide edited without re-running the script shows up as a missing/changed picture."""
    folder = copy_guide("sonicwall", tmp_path)
    rendered = {p.name: size for p, size in renderer.render_guide(folder, write=False)}
    for name, size in rendered.items():
        committed = resource("guides", "sonicwall", name).stat().st_size
        assert abs(committed - size) < 4096, name


def test_core_guides_package_never_imports_qt():
    code = "import sys, sipalg_wizard.guides; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
