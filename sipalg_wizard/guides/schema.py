"""Validate a parsed ``guide.toml`` and build a :class:`Guide`, with errors that say where.

Every problem in a file is collected before failing, so a guide author (or an ISP building a guide
pack) fixes them in one pass: ``steps[2].controls[0].set: 'yes' is not one of ticked, unticked``.
"""

from __future__ import annotations

import re
from typing import Any

from sipalg_wizard.guides.model import (
    COMMON_KEYS,
    COMMON_TEXTS,
    CONFIDENCES,
    CONTROL_STATES,
    DEFAULT_REBOOT,
    ENGLISH,
    KINDS,
    LAYOUTS,
    Control,
    Guide,
    GuideTexts,
    Look,
    Source,
    Step,
    StepTexts,
)

SCHEMA_VERSION = 1
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
_VENDOR = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PICTURE = re.compile(r"^[A-Za-z0-9_.-]+\.png$")
_SOURCE_KINDS = ("vendor", "provider", "community")

_TOP_KEYS = {
    "schema", "id", "title", "vendors", "product_lines", "models", "strict", "kind", "confidence",
    "summary", "admin_urls", "login_hint", "reboot", "quirks", "labels", "look", "steps", "sources",
}
_STEP_KEYS = {"text", "menu_path", "page", "controls", "context", "commands", "picture", "warning"}
_CONTROL_KEYS = {"label", "type", "set", "change", "note", "options"}
_SOURCE_KEYS = {"title", "url", "kind", "note"}
_LOOK_KEYS = {
    "logo", "header", "header_text", "accent", "background", "layout", "menu", "save_label", "font",
    "prompt",
}


class GuideError(ValueError):
    """A guide file is invalid; ``errors`` lists every problem found."""

    def __init__(self, where: str, errors: list[str]):
        self.where = where
        self.errors = errors
        super().__init__(f"{where}: " + "; ".join(errors))


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def unknown_keys(self, data: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(data) - allowed):
            self.fail(f"{path}{key}" if path else key, "unknown key (typo?)")

    def text(self, data: dict, key: str, path: str, *, required: bool = True, default: str = "") -> str:
        where = f"{path}{key}"
        if key not in data:
            if required:
                self.fail(where, "is required")
            return default
        value = data[key]
        if not isinstance(value, str):
            self.fail(where, f"must be text, not {type(value).__name__}")
            return default
        if required and not value.strip():
            self.fail(where, "must not be empty")
        return value.strip()

    def text_list(self, data: dict, key: str, path: str, *, required: bool = False) -> tuple[str, ...]:
        where = f"{path}{key}"
        if key not in data:
            if required:
                self.fail(where, "is required")
            return ()
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where, "must be a list of non-empty texts")
            return ()
        if required and not value:
            self.fail(where, "must not be empty")
        return tuple(v.strip() for v in value)

    def boolean(self, data: dict, key: str, path: str, default: bool) -> bool:
        if key not in data:
            return default
        if not isinstance(data[key], bool):
            self.fail(f"{path}{key}", "must be true or false")
            return default
        return data[key]

    def choice(self, data: dict, key: str, path: str, choices, *, default: str | None = None) -> str:
        value = self.text(data, key, path, required=default is None, default=default or "")
        if value and value not in choices:
            self.fail(f"{path}{key}", f"{value!r} is not one of {', '.join(choices)}")
        return value

    def tables(self, data: dict, key: str, path: str) -> list[tuple[str, dict]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(f"{path}{key}", "must be a list of tables ([[...]] blocks)")
            return []
        return [(f"{path}{key}[{i}].", v) for i, v in enumerate(value)]


def _control(c: _Checker, data: dict, path: str) -> Control:
    c.unknown_keys(data, _CONTROL_KEYS, path)
    label = c.text(data, "label", path)
    kind = c.choice(data, "type", path, tuple(CONTROL_STATES))
    state = c.text(data, "set", path)
    allowed = CONTROL_STATES.get(kind)
    if allowed and state and state not in allowed:
        c.fail(f"{path}set", f"{state!r} is not one of {', '.join(sorted(allowed))} for a {kind}")
    options = c.text_list(data, "options", path)
    if kind in ("dropdown", "radio") and options and state and state not in options:
        c.fail(f"{path}set", f"{state!r} is not among the options {list(options)}")
    return Control(
        label=label,
        type=kind,
        set=state,
        change=c.boolean(data, "change", path, True),
        note=c.text(data, "note", path, required=False),
        options=options,
    )


def _step(c: _Checker, data: dict, path: str, number: int, kind: str) -> Step:
    c.unknown_keys(data, _STEP_KEYS, path)
    controls = tuple(_control(c, d, p) for p, d in c.tables(data, "controls", path))
    commands = c.text_list(data, "commands", path)
    picture = c.text(data, "picture", path, required=False, default=f"step-{number}.png")
    if picture and not _PICTURE.match(picture):
        c.fail(f"{path}picture", f"{picture!r} must be a plain file name ending in .png")
    menu_path = c.text_list(data, "menu_path", path)
    if kind == "cli" and not commands and not menu_path and not controls:
        c.fail(path.rstrip("."), "a CLI step needs commands (or a menu path / control)")
    return Step(
        text=c.text(data, "text", path),
        menu_path=menu_path,
        page=c.text(data, "page", path, required=False),
        controls=controls,
        context=c.text_list(data, "context", path),
        commands=commands,
        picture=picture,
        warning=c.text(data, "warning", path, required=False),
    )


def _look(c: _Checker, data: Any) -> Look:
    if not isinstance(data, dict):
        c.fail("look", "is required (a [look] table with at least logo)")
        return Look(logo="?")
    c.unknown_keys(data, _LOOK_KEYS, "look.")
    values: dict[str, Any] = {"logo": c.text(data, "logo", "look.")}
    for key in ("header", "header_text", "accent", "background"):
        if key in data:
            colour = c.text(data, key, "look.", required=False)
            if not _COLOUR.match(colour):
                c.fail(f"look.{key}", f"{colour!r} is not a #rrggbb colour")
            else:
                values[key] = colour
    if "layout" in data:
        values["layout"] = c.choice(data, "layout", "look.", LAYOUTS)
    if "menu" in data:
        values["menu"] = c.text_list(data, "menu", "look.")
    for key in ("save_label", "font", "prompt"):
        if key in data:
            values[key] = c.text(data, key, "look.")
    return Look(**values)


def parse_guide(data: dict, where: str = "guide.toml") -> Guide:
    """Check ``data`` (a parsed guide.toml) against the schema; raise GuideError listing every fault."""
    c = _Checker()
    if not isinstance(data, dict):
        raise GuideError(where, ["the file must be a TOML table"])
    c.unknown_keys(data, _TOP_KEYS, "")
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        c.fail("schema", f"this program reads guide schema {SCHEMA_VERSION}, not {data.get('schema')!r}")
    guide_id = c.text(data, "id", "")
    if guide_id and not _ID.match(guide_id):
        c.fail("id", f"{guide_id!r} must be lower-case letters, digits and '-'")
    vendors = c.text_list(data, "vendors", "", required=True)
    for vendor in vendors:
        if not _VENDOR.match(vendor):
            c.fail("vendors", f"{vendor!r} must be a lower-case vendor key like 'tp-link'")
    kind = c.choice(data, "kind", "", tuple(KINDS))
    confidence = c.choice(data, "confidence", "", tuple(CONFIDENCES))
    step_tables = c.tables(data, "steps", "")
    if not step_tables:
        c.fail("steps", "at least one step is required")
    steps = tuple(_step(c, d, p, i + 1, kind) for i, (p, d) in enumerate(step_tables))
    pictures = [s.picture for s in steps]
    if len(set(pictures)) != len(pictures):
        c.fail("steps", "two steps use the same picture file")
    sources = []
    for path, d in c.tables(data, "sources", ""):
        c.unknown_keys(d, _SOURCE_KEYS, path)
        url = c.text(d, "url", path)
        if url and not url.startswith(("https://", "http://")):
            c.fail(f"{path}url", f"{url!r} is not an http(s) address")
        sources.append(
            Source(
                title=c.text(d, "title", path),
                url=url,
                kind=c.choice(d, "kind", path, _SOURCE_KINDS, default="community"),
                note=c.text(d, "note", path, required=False),
            )
        )
    if confidence in ("verified", "community") and not sources:
        c.fail("sources", f"a {confidence!r} guide must name its sources")
    if confidence == "verified" and not any(s.kind == "vendor" for s in sources):
        c.fail("confidence", "'verified' needs at least one source of kind 'vendor'")
    look = _look(c, data.get("look"))
    # strict = true (all its vendors) or a list of vendor keys: match only on product line/model
    strict_value = data.get("strict", False)
    if isinstance(strict_value, bool):
        strict = vendors if strict_value else ()
    else:
        strict = c.text_list(data, "strict", "")
        for vendor in set(strict) - set(vendors):
            c.fail("strict", f"{vendor!r} is not one of this guide's vendors")
    product_lines = c.text_list(data, "product_lines", "")
    models = c.text_list(data, "models", "")
    if strict and not (product_lines or models):
        c.fail("strict", "a strict guide must list product_lines or models")
    reboot = c.text(data, "reboot", "", required=False) or DEFAULT_REBOOT
    guide = Guide(
        id=guide_id,
        title=c.text(data, "title", ""),
        vendors=vendors,
        kind=kind,
        confidence=confidence,
        summary=c.text(data, "summary", ""),
        steps=steps,
        sources=tuple(sources),
        look=look,
        product_lines=product_lines,
        models=models,
        strict=strict,
        admin_urls=c.text_list(data, "admin_urls", ""),
        login_hint=c.text(data, "login_hint", "", required=False),
        reboot=reboot,
        quirks=c.text_list(data, "quirks", ""),
        labels=c.text_list(data, "labels", ""),
    )
    if c.errors:
        raise GuideError(where, c.errors)
    return guide


# --- translations (``guide.<lang>.toml``) -----------------------------------------------------
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
_TRANSLATION_KEYS = {"schema", "lang", "title", "summary", "login_hint", "reboot", "quirks", "steps"}
_TRANSLATION_STEP_KEYS = {"text", "warning", "controls"}
_TRANSLATION_CONTROL_KEYS = {"note"}
# What a translator might try to translate but must not: the router shows these words itself.
_ROUTER_WORDS = {"label", "set", "options", "menu_path", "page", "context", "save_label", "type",
                 "change", "commands", "picture"}


def parse_translation(data: dict, guide: Guide, language: str,
                      where: str = "guide.xx.toml") -> GuideTexts:
    """Check a translation against its English guide; raise GuideError listing every fault.

    Only words may be translated, and the lists must line up with the English ones one to one
    (same number of quirks, steps and controls, a warning only where English has one), because a
    step's text must stay beside its own picture: a shifted list would tell the customer to click
    something the picture does not show.
    """
    c = _Checker()
    if not isinstance(data, dict):
        raise GuideError(where, ["the file must be a TOML table"])

    def unknown(table: dict, allowed: set[str], path: str) -> None:
        for key in sorted(set(table) - allowed):
            hint = ("router labels are not translated: they must match the router (and the "
                    "pictures)" if key in _ROUTER_WORDS else "unknown key (typo?)")
            c.fail(f"{path}{key}", hint)

    unknown(data, _TRANSLATION_KEYS, "")
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        c.fail("schema", f"this program reads guide schema {SCHEMA_VERSION}, not {data.get('schema')!r}")
    lang = c.text(data, "lang", "")
    if lang and lang.lower() != language:
        c.fail("lang", f"{lang!r} does not match the file name's language {language!r}")

    def optional(table: dict, key: str, path: str) -> str | None:
        return c.text(table, key, path, required=True) if key in table else None

    quirks = None
    if "quirks" in data:
        quirks = c.text_list(data, "quirks", "")
        if len(quirks) != len(guide.quirks):
            c.fail("quirks", f"has {len(quirks)} entries, the English guide {len(guide.quirks)}")
    steps = None
    if "steps" in data:
        tables = c.tables(data, "steps", "")
        if len(tables) != len(guide.steps):
            c.fail("steps", f"has {len(tables)} [[steps]], the English guide {len(guide.steps)}")
        built = []
        for (path, table), english in zip(tables, guide.steps, strict=False):
            unknown(table, _TRANSLATION_STEP_KEYS, path)
            warning = optional(table, "warning", path)
            if warning and not english.warning:
                c.fail(f"{path}warning", "the English step has no warning")
            notes = None
            if "controls" in table:
                controls = c.tables(table, "controls", path)
                if len(controls) != len(english.controls):
                    c.fail(f"{path}controls", f"has {len(controls)} entries, the English step "
                                              f"{len(english.controls)}")
                for cpath, control in controls:
                    unknown(control, _TRANSLATION_CONTROL_KEYS, cpath)
                for (cpath, control), english_control in zip(controls, english.controls,
                                                             strict=False):
                    if "note" in control and not english_control.note:
                        c.fail(f"{cpath}note", "the English control has no note")
                notes = tuple(optional(control, "note", cpath) for cpath, control in controls)
            built.append(StepTexts(text=optional(table, "text", path), warning=warning, notes=notes))
        steps = tuple(built)
    texts = GuideTexts(
        language=language,
        title=optional(data, "title", ""),
        summary=optional(data, "summary", ""),
        login_hint=optional(data, "login_hint", ""),
        reboot=optional(data, "reboot", ""),
        quirks=quirks,
        steps=steps,
    )
    if c.errors:
        raise GuideError(where, c.errors)
    return texts


def parse_common(data: dict, where: str) -> dict[str, str]:
    """``common.<lang>.toml``: the guides' fixed sentences (default reboot advice, notices)."""
    c = _Checker()
    if not isinstance(data, dict):
        raise GuideError(where, ["the file must be a TOML table"])
    c.unknown_keys(data, {"schema", "lang", *COMMON_KEYS}, "")
    texts = {key: c.text(data, key, "") for key in COMMON_KEYS if key in data}
    for key, value in texts.items():  # a lost or invented {placeholder} would break format()
        english = set(re.findall(r"\{(\w*)\}", COMMON_TEXTS[ENGLISH][key]))
        if set(re.findall(r"\{(\w*)\}", value)) != english:
            c.fail(key, f"must use exactly the placeholders {sorted(english)}")
    if c.errors:
        raise GuideError(where, c.errors)
    return texts
