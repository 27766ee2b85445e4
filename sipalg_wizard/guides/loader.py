"""Find and load guides: the built-in ones and ISP guide packs, which override them.

A guide is a folder holding ``guide.toml`` and its step pictures. A *guide pack* is a folder of
such guide folders (optionally with a ``pack.toml`` naming it), shipped by an ISP with real
screenshots of the gateways it hands out. Packs come from the user's data directory
(``<user_data_dir>/guide-packs/<pack>/``) and from the profile's ``guide_packs`` (a name looked up
there and under ``resources/guide-packs/``, or a path). A pack with any broken guide is reported
and skipped as a whole — a half-loaded pack could send the customer to the wrong page — and the
built-in guides carry on.

Translations (``guide.<lang>.toml`` beside ``guide.toml``, e.g. ``guide.es.toml``) hold only the
customer's words. A broken one is reported and left out: the English guide still works, in a
pack too (a pack is only skipped for broken *guides*, which could show the wrong page).
``common.<lang>.toml`` in the built-in folder translates the guides' fixed sentences.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from platformdirs import user_data_dir

from sipalg_wizard.guides.model import (
    COMMON_TEXTS,
    ENGLISH,
    Guide,
    GuideSet,
    GuideTexts,
    LoadProblem,
    hidpi_name,
)
from sipalg_wizard.guides.schema import LANGUAGE, GuideError, parse_common, parse_guide, parse_translation
from sipalg_wizard.paths import resource

APP_NAME = "sipalg-wizard"
GUIDE_FILE = "guide.toml"
PACK_FILE = "pack.toml"
MAX_GUIDE_BYTES = 256 * 1024  # a guide is a few kB; refuse anything absurd from a pack
MAX_GUIDES_PER_PACK = 500
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TRANSLATIONS = 64
_TRANSLATION_FILE = re.compile(r"^guide\.([A-Za-z0-9_-]{2,12})\.toml$")
_COMMON_FILE = re.compile(r"^common\.([A-Za-z0-9_-]{2,12})\.toml$")


def user_packs_dir() -> Path:
    """Where an ISP's installer (or the user) drops guide packs."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "guide-packs"


def builtin_guides_dir() -> Path:
    return resource("guides")


def _read_toml(path: Path) -> dict:
    try:
        size = path.stat().st_size
        if size > MAX_GUIDE_BYTES:
            raise GuideError(str(path), [f"file is {size} bytes, more than {MAX_GUIDE_BYTES}"])
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise GuideError(str(path), [f"cannot read: {exc.strerror or exc}"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise GuideError(str(path), [f"not valid TOML: {exc}"]) from exc


def _png_head(picture: Path) -> bytes | None:
    try:
        with picture.open("rb") as f:
            return f.read(len(PNG_SIGNATURE))
    except OSError:
        return None


def _check_pictures(guide: Guide, folder: Path) -> list[str]:
    """Every step's picture exists and is a PNG; an optional ``@2x`` one, where present, too."""
    errors = []
    for number, step in enumerate(guide.steps, start=1):
        picture = folder / step.picture
        head = _png_head(picture)
        if head is None:
            errors.append(f"steps[{number - 1}].picture: {step.picture} is missing")
        elif head != PNG_SIGNATURE:
            errors.append(f"steps[{number - 1}].picture: {step.picture} is not a PNG file")
        sharp = hidpi_name(picture)
        if sharp.exists() and _png_head(sharp) != PNG_SIGNATURE:
            errors.append(f"steps[{number - 1}].picture: {sharp.name} is not a PNG file")
    return errors


def translation_files(folder: Path) -> list[tuple[str, Path]]:
    """(language, path) of each ``guide.<lang>.toml`` in ``folder``, sorted by language."""
    found = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            m = _TRANSLATION_FILE.match(path.name)
            if m and path.is_file():
                found.append((m.group(1).replace("_", "-").lower(), path))
    return sorted(found)


def load_translation(guide: Guide, language: str, path: Path) -> GuideTexts:
    """Load one translation of ``guide``; raise GuideError when it does not fit the guide."""
    if not LANGUAGE.match(language) or language == ENGLISH:
        raise GuideError(str(path), [f"{language!r} is not a language code like 'es' or 'pt-br' "
                                     "(English is guide.toml itself)"])
    texts = parse_translation(_read_toml(path), guide, language, where=str(path))
    return replace(texts, path=path)


def load_translations(guide: Guide, folder: Path, problems: list[LoadProblem] | None = None) -> None:
    """Attach every valid translation in ``folder`` to ``guide``; report the others."""
    for number, (language, path) in enumerate(translation_files(folder)):
        try:
            if number >= MAX_TRANSLATIONS:
                raise GuideError(str(path), [f"more than {MAX_TRANSLATIONS} translations"])
            guide.translations[language] = load_translation(guide, language, path)
        except GuideError as exc:
            if problems is not None:
                problems.append(LoadProblem(exc.where, "translation ignored (English is used): "
                                            + "; ".join(exc.errors)))


def load_guide(folder: Path, *, origin: str = "built-in", priority: int = 0,
               check_pictures: bool = True, problems: list[LoadProblem] | None = None) -> Guide:
    """Load and validate one guide folder and its translations; raise GuideError on any problem
    with the guide itself. A broken translation is appended to ``problems`` and left out."""
    path = folder / GUIDE_FILE
    guide = parse_guide(_read_toml(path), where=str(path))
    errors = []
    if guide.id != folder.name:
        errors.append(f"id: {guide.id!r} must equal the folder name {folder.name!r}")
    if check_pictures:
        errors += _check_pictures(guide, folder)
    if errors:
        raise GuideError(str(path), errors)
    guide.directory = folder
    guide.origin = origin
    guide.priority = priority
    load_translations(guide, folder, problems)
    return guide


def load_common(root: Path, problems: list[LoadProblem] | None = None) -> None:
    """Read ``common.<lang>.toml`` (the fixed sentences of every guide) into ``COMMON_TEXTS``."""
    with contextlib.suppress(OSError):
        for path in sorted(root.iterdir()):
            m = _COMMON_FILE.match(path.name)
            if not m or not path.is_file():
                continue
            language = m.group(1).replace("_", "-").lower()
            try:
                if not LANGUAGE.match(language) or language == ENGLISH:
                    raise GuideError(str(path), [f"{language!r} is not a language code like 'es'"])
                COMMON_TEXTS[language] = parse_common(_read_toml(path), str(path))
            except GuideError as exc:
                if problems is not None:
                    problems.append(LoadProblem(exc.where, "; ".join(exc.errors)))


def _guide_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / GUIDE_FILE).is_file())


def load_builtin(root: Path | None = None) -> GuideSet:
    """All built-in guides; a broken one is reported (it is a bug) and the rest still load.

    Their pictures are not opened here: tests/guides checks every one of them (PNG, size, the
    @2x twin) before they ship, and opening ~320 files at every diagnosis costs start-up time
    (an antivirus scans each). A picture missing from a damaged install shows as no picture on
    the Fix page. A pack's pictures are checked (``load_pack``): those come from an ISP."""
    result = GuideSet()
    try:
        root = root or builtin_guides_dir()
    except FileNotFoundError as exc:  # no resources folder at all (a broken install)
        result.problems.append(LoadProblem("resources", str(exc)))
        return result
    if not root.is_dir():
        result.problems.append(LoadProblem(str(root), "the built-in guides folder is missing"))
        return result
    load_common(root, result.problems)
    for folder in _guide_folders(root):
        try:
            result.guides.append(load_guide(folder, check_pictures=False,
                                            problems=result.problems))
        except GuideError as exc:
            result.problems.append(LoadProblem(exc.where, "; ".join(exc.errors)))
    return result


def load_pack(root: Path, *, priority: int = 1) -> GuideSet:
    """One guide pack: every guide in it, or none (with the reasons) if any is broken."""
    result = GuideSet()
    name = root.name
    try:
        if (root / PACK_FILE).is_file():
            meta = _read_toml(root / PACK_FILE)
            if not isinstance(meta.get("name", name), str):
                raise GuideError(str(root / PACK_FILE), ["name: must be text"])
            name = meta.get("name", name)
        folders = _guide_folders(root)
        if not folders:
            raise GuideError(str(root), ["contains no guide folders (each needs a guide.toml)"])
        if len(folders) > MAX_GUIDES_PER_PACK:
            raise GuideError(str(root), [f"more than {MAX_GUIDES_PER_PACK} guides"])
    except (GuideError, OSError) as exc:
        where = getattr(exc, "where", str(root))
        message = "; ".join(getattr(exc, "errors", [str(exc)]))
        result.problems.append(LoadProblem(where, f"guide pack skipped: {message}"))
        return result
    guides, problems = [], []
    for folder in folders:
        try:
            guides.append(load_guide(folder, origin=f"pack:{name}", priority=priority,
                                     problems=result.problems))
        except GuideError as exc:
            problems.append(LoadProblem(exc.where, "; ".join(exc.errors)))
    if problems:
        result.problems.append(
            LoadProblem(str(root), f"guide pack {name!r} skipped: {len(problems)} broken guide(s)")
        )
        result.problems.extend(problems)
        return result
    result.guides = guides
    return result


def _resolve_pack(name: str, search: Iterable[Path]) -> Path | None:
    candidate = Path(name).expanduser()
    if candidate.is_absolute():
        return candidate if candidate.is_dir() else None
    for base in search:
        if (base / name).is_dir():
            return base / name
    return None


def load_all(profile_packs: Iterable[str] = (), *, builtin_root: Path | None = None,
             packs_dir: Path | None = None) -> GuideSet:
    """Built-in guides, then packs: those named by the profile (highest first), then the rest.

    Packs named by the profile outrank packs that are merely present in the data directory, and
    both outrank the built-in guides.
    """
    result = load_builtin(builtin_root)
    packs_dir = packs_dir if packs_dir is not None else user_packs_dir()
    search = [packs_dir]
    with contextlib.suppress(FileNotFoundError):  # no resources folder: data-dir packs still work
        search.append(resource("guide-packs"))
    named = list(profile_packs)
    seen: set[Path] = set()
    for rank, name in enumerate(named):
        root = _resolve_pack(name, search)
        if root is None:
            result.problems.append(LoadProblem(name, "guide pack named by the profile was not found"))
            continue
        seen.add(root.resolve())
        pack = load_pack(root, priority=100 + len(named) - rank)
        result.guides += pack.guides
        result.problems += pack.problems
    try:
        roots = sorted(p for p in packs_dir.iterdir() if p.is_dir()) if packs_dir.is_dir() else []
    except OSError as exc:
        result.problems.append(LoadProblem(str(packs_dir), f"cannot list guide packs: {exc}"))
        roots = []
    for root in roots:
        if root.resolve() in seen:
            continue
        pack = load_pack(root, priority=10)
        result.guides += pack.guides
        result.problems += pack.problems
    return result
