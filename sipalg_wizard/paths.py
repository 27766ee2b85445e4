"""Where the program finds its bundled resources, in a source checkout and in a frozen bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside the bundle when frozen."""
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    candidates.append(Path(sys.prefix) / "share" / "sipalg-wizard" / "resources")
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(
        "The program's resources folder is missing; looked in: "
        + ", ".join(str(p) for p in candidates)
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
