"""Render the app icon (resources/icons/*.svg) to a PNG that PyInstaller turns into .ico / .icns.

Windows and macOS executables need a bitmap icon; the project keeps one SVG. Qt (already a build
dependency) renders it at 1024 px; PyInstaller converts that PNG with Pillow
(packaging/requirements.txt). Runs offscreen, writes build/icons/NAME.png, prints the path.

    python packaging/make_icons.py [SVG] [OUT_DIR]
    python packaging/make_icons.py --window     # resources/icons/window/*.png, after editing the SVG

``--window`` renders the sizes the running wizard uses (window icon, the header's logo at 1x-3x)
as PNGs: drawing the SVG at start-up loads Qt's SVG plugin and costs ~17 ms before the first page
shows, a PNG costs well under 1 ms. The SVG stays the one source.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 1024
WINDOW_SIZES = (16, 24, 32, 48, 56, 64, 112, 128, 168, 256)
WINDOW_DIR = ROOT / "resources" / "icons" / "window"


def render(svg: Path, out_dir: Path, size: int = SIZE, name: str | None = None) -> Path:
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
    target = out_dir / (name or svg.stem + ".png")
    if not image.save(str(target), "PNG"):
        raise OSError(f"cannot write {target}")
    return target


def render_window_sizes(svg: Path, out_dir: Path = WINDOW_DIR) -> list[Path]:
    return [render(svg, out_dir, size, f"{svg.stem}-{size}.png") for size in WINDOW_SIZES]


def main(argv: list[str]) -> int:
    svgs = sorted((ROOT / "resources" / "icons").glob("*.svg"))
    if argv[:1] == ["--window"]:
        for path in render_window_sizes(svgs[0], Path(argv[1]) if len(argv) > 1 else WINDOW_DIR):
            print(path)
        return 0
    svg = Path(argv[0]) if argv else (svgs[0] if svgs else None)
    if svg is None:
        print("make_icons: no SVG icon in resources/icons", file=sys.stderr)
        return 1
    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "icons"
    print(render(svg, out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
