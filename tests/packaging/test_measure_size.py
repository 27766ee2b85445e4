"""packaging/measure_size.py on a small made-up bundle: real archives, real numbers."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sipalg_measure_size", ROOT / "packaging" / "measure_size.py")
measure_size = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(measure_size)


def _bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "sipalg-wizard"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "random.bin").write_bytes(os.urandom(200_000))  # incompressible
    (bundle / "_internal" / "text.txt").write_text("SIP ALG " * 50_000)  # 400 kB, compresses well
    os.symlink(os.path.join("_internal", "text.txt"), bundle / "link.txt")  # counted once, as its target
    return bundle


def test_measures_unpacked_and_compressed(tmp_path: Path):
    result = measure_size.measure(_bundle(tmp_path))
    assert result["files"] == 2
    assert result["unpacked_bytes"] == 600_000
    assert 200_000 < result["zip9_bytes"] < 260_000
    assert 200_000 < result["tar_xz_bytes"] < 260_000
    assert result["largest"][0] == ("_internal/text.txt", 400_000)


def test_cli_json_and_check(tmp_path: Path, capsys):
    bundle = _bundle(tmp_path)
    assert measure_size.main([str(bundle), "--json", "--no-xz", "--check"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["within_targets"] is True and report["tar_xz_bytes"] is None
    assert measure_size.main([str(tmp_path / "missing")]) == 2
