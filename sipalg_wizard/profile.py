"""The profile: product name, support number, reflector addresses, the customer's SIP server,
preferred guide packs.

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
    # The customer's VoIP provider's SIP server (HOST[:PORT]): asked as a mirror, and the TTL
    # probe's target when no reflector is set. "" = none.
    sip_server: str = ""
    # A literal public IPv4 address the TTL-limited probe is aimed at when neither a reflector nor
    # a SIP server is set: the probe dies one or two routers into the ISP (see probe/ttl.py), so
    # this host never receives it; the address only picks the route. "" = no default target. The
    # bundled default profile sets it; a Profile() made in code has none (tests, screenshots).
    ttl_target: str = ""
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


def _host_port(value: object, key: str, path: Path) -> str:
    """``HOST[:PORT]`` (IPv6 as ``[addr]:port``), or "" for none; a wrong value names the key."""
    from sipalg_wizard.hostport import parse_host_port

    if not isinstance(value, str):
        raise ProfileError(f"profile {path}: '{key}' must be text (HOST or HOST:PORT)")
    if not value.strip():
        return ""
    try:
        parse_host_port(value, 5060)
    except ValueError as exc:
        raise ProfileError(f"profile {path}: '{key}' is not HOST or HOST:PORT: {exc}") from exc
    return value.strip()


def _ttl_target(value: object, path: Path) -> str:
    """A literal public IPv4 address, or "" for none. No names: a DNS look-up would be traffic of
    its own, and the TTL probe must work when name resolution is broken."""
    import ipaddress

    if not isinstance(value, str):
        raise ProfileError(f"profile {path}: 'ttl_target' must be text (an IPv4 address)")
    if not value.strip():
        return ""
    try:
        address = ipaddress.IPv4Address(value.strip())
    except ValueError:
        raise ProfileError(f"profile {path}: 'ttl_target' must be a literal IPv4 address "
                           f"(no host name), not {value!r}") from None
    if not address.is_global:
        raise ProfileError(f"profile {path}: 'ttl_target' {address} is not a public address; "
                           "the probe must take the same route out as a phone call")
    return str(address)


def default_ttl_target() -> str:
    """The bundled default profile's ``ttl_target`` (the lab assigns it to its WAN host, so that
    tests aim only at hosts inside their own namespaces)."""
    return _ttl_target(_read(resource("profiles", "default.toml")).get("ttl_target", ""),
                       Path("built-in"))


def _apply(profile: Profile, data: dict, path: Path) -> None:
    for key in ("product_name", "support_phone", "support_name"):
        if key in data:
            if not isinstance(data[key], str):
                raise ProfileError(f"profile {path}: '{key}' must be text")
            setattr(profile, key, data[key])
    if "sip_server" in data:
        profile.sip_server = _host_port(data["sip_server"], "sip_server", path)
    if "ttl_target" in data:
        profile.ttl_target = _ttl_target(data["ttl_target"], path)
    for key in ("reflectors", "guide_packs"):
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProfileError(f"profile {path}: '{key}' must be a list of text")
            setattr(profile, key, list(value))
    profile.source = str(path)


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file; a folder this user may not search counts as "no file" (an
    unreadable config directory must not keep the wizard from starting)."""
    try:
        return path.is_file()
    except OSError:
        return False


def load_profile(path: str | Path | None = None) -> Profile:
    """Load the effective profile; ``path`` (from ``--profile``) must exist if given."""
    profile = Profile()
    _apply(profile, _read(resource("profiles", "default.toml")), Path("built-in"))
    profile.source = "built-in"
    user = user_profile_path()
    if path is not None:
        _apply(profile, _read(Path(path)), Path(path))
    elif _is_file(user):
        _apply(profile, _read(user), user)
    return profile
