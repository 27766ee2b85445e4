"""Render the app icon (resources/icons/*.svg) to a PNG that PyInstaller turns into .ico / .icns.

Windows and macOS executables need a bitmap icon; the project keeps one SVG. Qt (already a build
dependency) renders it at 1024 px; PyInstaller converts that PNG with Pillow
(packaging/requirements.txt). Runs offscreen, writes build/icons/NAME.png, prints the path.

    python packaging/make_icons.py [SVG] [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 1024


def render(svg: Path, out_dir: Path, size: int = SIZE) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtGui, QtSvg

    _app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication([])
    renderer = QtSvg.QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QtGui.QImage(size, size, QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / (svg.stem + ".png")
    if not image.save(str(target), "PNG"):
        raise OSError(f"cannot write {target}")
    return target


def main(argv: list[str]) -> int:
    svgs = sorted((ROOT / "resources" / "icons").glob("*.svg"))
    svg = Path(argv[0]) if argv else (svgs[0] if svgs else None)
    if svg is None:
        print("make_icons: no SVG icon in resources/icons", file=sys.stderr)
        return 1
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
    print(render(svg, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
