"""The profile: product name, support number, reflector addresses, preferred guide packs.

An ISP brands the wizard with a TOML file instead of code. Order of precedence: a file given on
the command line, then ``profile.toml`` in the user's config directory, then the bundled default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from sipalg_wizard.paths import resource

APP_NAME = "sipalg-wizard"


class ProfileError(ValueError):
    """The profile file cannot be read or has a wrong value; the message says which and where."""


@dataclass
class Profile:
    product_name: str = "SIP ALG Wizard"
    support_phone: str = ""
    support_name: str = "your VoIP provider"
    reflectors: list[str] = field(default_factory=list)
    guide_packs: list[str] = field(default_factory=list)
    source: str = "built-in"


def user_profile_path() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "profile.toml"


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ProfileError(f"cannot read profile {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"profile {path} is not valid TOML: {exc}") from exc


def _apply(profile: Profile, data: dict, path: Path) -> None:
    for key in ("product_name", "support_phone", "support_name"):
        if key in data:
            if not isinstance(data[key], str):
                raise ProfileError(f"profile {path}: '{key}' must be text")
            setattr(profile, key, data[key])
    for key in ("reflectors", "guide_packs"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProfileError(f"profile {path}: '{key}' must be a list of text")
            setattr(profile, key, list(value))
    profile.source = str(path)


def load_profile(path: str | Path | None = None) -> Profile:
    """Load the effective profile; ``path`` (from ``--profile``) must exist if given."""
    profile = Profile()
    _apply(profile, _read(resource("profiles", "default.toml")), Path("built-in"))
    profile.source = "built-in"
    user = user_profile_path()
    if path is not None:
        _apply(profile, _read(Path(path)), Path(path))
    elif user.is_file():
        _apply(profile, _read(user), user)
    return profile
