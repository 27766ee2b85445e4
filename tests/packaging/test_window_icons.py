"""The wizard draws its icon from PNG renderings of the SVG (start-up time): they must exist for
every size it asks for and still match the SVG, so an edited SVG cannot ship a stale icon."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# In a subprocess: a QGuiApplication here would break the widget tests that come later.
COMPARE = """
import sys
from pathlib import Path
sys.path.insert(0, {packaging!r})
import make_icons
from PySide6 import QtGui
fresh = make_icons.render_window_sizes(sorted(Path({icons!r}).glob("*.svg"))[0], Path({tmp!r}))
worst = 0
for new in fresh:
    old = QtGui.QImage(str(make_icons.WINDOW_DIR / new.name))
    img = QtGui.QImage(str(new))
    assert not old.isNull(), f"missing {{new.name}}: run packaging/make_icons.py --window"
    assert old.size() == img.size(), new.name
    a = old.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    b = img.convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    worst = max(worst, max(abs(x - y) for x, y in zip(bytes(a.constBits()), bytes(b.constBits()))))
print(len(fresh), worst)
"""


def test_the_window_icon_pngs_are_the_svg_rendered(tmp_path: Path):
    code = COMPARE.format(packaging=str(ROOT / "packaging"), icons=str(ROOT / "resources" / "icons"),
                          tmp=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    count, worst = map(int, result.stdout.split())
    assert count >= 8
    assert worst <= 16, "resources/icons/window is stale: run packaging/make_icons.py --window"
