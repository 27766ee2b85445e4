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
    assert len(first) == 2 * len(list(folder.glob("*@2x.png")))
    for path, data in first:
        assert second[path] == data, f"{path.name} differs between two runs"
        sharp = path.stem.endswith("@2x")
        assert struct.unpack(">II", data[16:24]) == ((1800, 1120) if sharp else (900, 560))
        assert data[25] == 3, "palette PNG (colour type 3)"
        assert len(data) < (100 if sharp else 40) * 1024


def test_the_1x_picture_does_not_depend_on_the_2x_one(renderer, tmp_path, copy_guide):
    """Rendering 1x alone gives the same bytes as rendering both: re-rendered 1x pictures from
    another branch merge without conflicts with the 2x ones."""
    folder = copy_guide("tp-link", tmp_path)
    alone = {p: p.read_bytes() for p, _ in renderer.render_guide(folder, scales=(1,))}
    both = {p: p.read_bytes() for p, _ in renderer.render_guide(folder)}
    assert all(both[p] == data for p, data in alone.items())


def test_every_builtin_step_has_a_sharp_picture():
    from sipalg_wizard.guides import GuideLibrary

    for guide in GuideLibrary.load().guides:
        for index, step in enumerate(guide.steps):
            sharp = guide.picture_path(index, scale=2)
            assert sharp.name == step.picture.replace(".png", "@2x.png"), (guide.id, step.picture)
            assert struct.unpack(">II", sharp.read_bytes()[16:24]) == (1800, 1120)


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
