"""Report the frozen bundle's size: unpacked on disk, and compressed as users download it.

    .venv/bin/python packaging/measure_size.py [dist/sipalg-wizard] [--json] [--check]

Compressed sizes are measured, not estimated: the folder is packed with zip -9 (what the Windows
portable download is) and with tar + xz -6 (close to the LZMA2 of the Windows installer and the
Linux download; xz -9 saves ~3 % more for 3x the time). Symbolic links (PyInstaller adds some on
Linux and macOS) are counted once, as the target file. ``--no-xz`` skips the slow xz step.
``--check`` exits 1 when the bundle is over the targets (100 MB unpacked, 45 MB compressed).
The largest files are listed so the next exclude is easy to find.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

MB = 1_000_000
TARGET_UNPACKED_MB = 100
TARGET_COMPRESSED_MB = 45
DEFAULT_BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "sipalg-wizard"


def files_of(bundle: Path) -> list[Path]:
    """Regular files; a symlink is left out (its target is inside the bundle and counted there)."""
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def unpacked_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in files_of(bundle))


def zip_size(bundle: Path, workdir: Path) -> int:
    target = workdir / "bundle.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files_of(bundle):
            archive.write(path, Path(bundle.name) / path.relative_to(bundle))
    return target.stat().st_size


def tar_xz_size(bundle: Path, workdir: Path) -> int:
    target = workdir / "bundle.tar.xz"
    if shutil.which("xz") and shutil.which("tar"):  # multi-threaded, much faster than lzma
        with target.open("wb") as out:
            tar = subprocess.Popen(["tar", "-C", str(bundle.parent), "-cf", "-", bundle.name],
                                   stdout=subprocess.PIPE)
            subprocess.run(["xz", "-6", "-T0", "-c"], stdin=tar.stdout, stdout=out, check=True)
            tar.stdout.close()
            if tar.wait() != 0:
                raise RuntimeError("tar failed")
    else:
        with tarfile.open(target, "w:xz", preset=6) as archive:
            archive.add(bundle, arcname=bundle.name)
    return target.stat().st_size


def largest(bundle: Path, count: int = 15) -> list[tuple[str, int]]:
    # forward slashes on every OS, so the report reads the same everywhere
    sized = [(p.relative_to(bundle).as_posix(), p.stat().st_size) for p in files_of(bundle)]
    return sorted(sized, key=lambda item: item[1], reverse=True)[:count]


def measure(bundle: Path, xz: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix="sipalg-size-") as tmp:
        work = Path(tmp)
        return {
            "bundle": str(bundle),
            "files": len(files_of(bundle)),
            "unpacked_bytes": unpacked_size(bundle),
            "zip9_bytes": zip_size(bundle, work),
            "tar_xz_bytes": tar_xz_size(bundle, work) if xz else None,
            "largest": largest(bundle),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=DEFAULT_BUNDLE)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--check", action="store_true", help="exit 1 when over the size targets")
    parser.add_argument("--no-xz", action="store_true", help="skip the (slow) tar.xz measurement")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"measure_size: no bundle at {args.bundle} (build it first)", file=sys.stderr)
        return 2
    result = measure(args.bundle, xz=not args.no_xz)
    compressed = min(size for size in (result["zip9_bytes"], result["tar_xz_bytes"]) if size)
    over = (result["unpacked_bytes"] > TARGET_UNPACKED_MB * MB
            or compressed > TARGET_COMPRESSED_MB * MB)
    result["within_targets"] = not over
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"bundle:     {result['bundle']} ({result['files']} files)")
        print(f"unpacked:   {result['unpacked_bytes'] / MB:6.1f} MB  (target <= {TARGET_UNPACKED_MB} MB)")
        print(f"zip -9:     {result['zip9_bytes'] / MB:6.1f} MB  (target <= {TARGET_COMPRESSED_MB} MB)")
        if result["tar_xz_bytes"] is not None:
            print(f"tar.xz -6:  {result['tar_xz_bytes'] / MB:6.1f} MB  (target <= {TARGET_COMPRESSED_MB} MB)")
        print("largest files:")
        for name, size in result["largest"]:
            print(f"  {size / MB:6.1f} MB  {name}")
    return 1 if args.check and over else 0


if __name__ == "__main__":
    sys.exit(main())
