"""Plain data for a fix guide: how to turn SIP ALG off on one vendor or product line.

A guide is data, not code: ``resources/guides/<id>/guide.toml`` plus one picture per step. The
fields mirror what a customer (and the agent on the phone) needs: where to log in, the menu path,
the exact labels the router shows, which control to change and to what, and how sure we are.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

# What the guide can do for the customer.
KINDS = {
    "gui": "turn it off in the router's web page",
    "cli": "turn it off with commands (SSH or console)",
    "nothing_to_disable": "the router has no SIP ALG to turn off; adjust NAT instead",
    "cannot_disable": "the router cannot turn it off; bypass it (bridge mode / IP passthrough)",
}

# How sure we are that the steps match the real router.
CONFIDENCES = {
    "verified": "a vendor manual or knowledge-base page states these steps",
    "community": "VoIP providers' or users' published instructions, not the vendor's own",
    "unverified": "our best inference; labels may differ on your router",
}

# Controls on the router page and the states each may be set to.
CONTROL_STATES: dict[str, frozenset[str]] = {
    "checkbox": frozenset({"ticked", "unticked"}),
    "toggle": frozenset({"on", "off"}),
    # dropdown and radio take the option text exactly as the router shows it (any text)
    "dropdown": frozenset(),
    "radio": frozenset(),
    "button": frozenset({"click"}),
    "link": frozenset({"click"}),
    "field": frozenset(),  # a text/number field; ``set`` is the value to type
}

LAYOUTS = ("left", "top", "tabs", "app", "terminal")

# Tracked SIP flows outlive the setting change (nf_conntrack_sip's SIP_TIMEOUT is 3600 s).
DEFAULT_REBOOT = (
    "Restart the router after saving, then restart (or unplug and re-plug) your phones. The router "
    "keeps following phone connections it has already seen for up to an hour (3600 seconds), so "
    "without a restart the old behaviour can continue until they time out."
)

UNVERIFIED_NOTICE = (
    "We could not confirm these steps in the maker's own documentation. The names on your "
    "router's pages may differ slightly; look for the closest match, or ask your internet "
    "provider."
)
COMMUNITY_NOTICE = (
    "These steps come from VoIP providers' published instructions rather than the "
    "maker's manual; labels can differ between firmware versions."
)
ENGLISH = "en"

# The guides' own fixed sentences (default reboot advice, confidence notices) per language, read
# from ``resources/guides/common.<lang>.toml`` by the loader; English is the built-in default.
# The labels are for pages that show a guide outside the wizard (HTML report, agent page).
COMMON_KEYS = ("reboot", "unverified_notice", "community_notice", "steps_heading", "step_label",
               "where_label", "login_label", "afterwards_label", "picture_label")
COMMON_TEXTS: dict[str, dict[str, str]] = {
    ENGLISH: {"reboot": DEFAULT_REBOOT, "unverified_notice": UNVERIFIED_NOTICE,
              "community_notice": COMMUNITY_NOTICE,
              "steps_heading": "How to turn SIP ALG off: {title}",
              "step_label": "Step {number} of {total}",
              "where_label": "Where:",
              "login_label": "Log in:",
              "afterwards_label": "Afterwards:",
              "picture_label": "Picture of step {number}"},
}


def normalise_language(code: str | None) -> str:
    """``es_ES.UTF-8`` / ``es-es`` / ``ES`` -> ``es-es`` / ``es``; "" for C/POSIX/empty."""
    if not code:
        return ""
    code = code.split(".", 1)[0].split("@", 1)[0].replace("_", "-").strip().lower()
    return "" if code in ("c", "posix", "*") else code


def language_candidates(languages: Iterable[str] | str | None) -> list[str]:
    """Preference list -> the codes to try, in order: each exact code, then its base language.

    ``["es-MX", "en-US"]`` -> ``["es-mx", "es", "en-us", "en"]``. A guide stops at the first
    candidate it has, and English is the guide itself, so English (or nothing) means English.
    """
    if isinstance(languages, str):
        languages = [languages]
    out: list[str] = []
    for code in languages or ():
        code = normalise_language(code)
        for candidate in (code, code.split("-", 1)[0]):
            if candidate and candidate not in out:
                out.append(candidate)
    return out


LANGUAGE_ENV = ("SIPALG_WIZARD_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The user's languages without Qt (the command line): ``SIPALG_WIZARD_LANG`` (the same
    variable the wizard reads), then the POSIX locale variables (``LANGUAGE`` is a colon list),
    then the platform's default locale. English ends the list."""
    import locale
    import os

    environ = os.environ if environ is None else environ
    found: list[str] = []
    for name in LANGUAGE_ENV:
        for code in (environ.get(name) or "").split(":"):
            code = normalise_language(code)
            if code and code not in found:
                found.append(code)
    if not found and environ is os.environ:
        with contextlib.suppress(ValueError, TypeError):
            code = normalise_language(locale.getlocale()[0])
            if code:
                found.append(code)
    return [*found, ENGLISH]


def guide_phrase(key: str, language: str = ENGLISH) -> str:
    """A fixed guide sentence in ``language`` (English when that language lacks it)."""
    for candidate in (*language_candidates(language), ENGLISH):
        text = COMMON_TEXTS.get(candidate, {}).get(key)
        if text:
            return text
    return ""


@dataclass(frozen=True)
class Control:
    """One control on a router page: its label as shown, its type, and the state to set."""

    label: str
    type: str
    set: str
    change: bool = True  # False: shown for context only (not circled)
    note: str = ""  # the callout beside the circle, e.g. "TICK = SIP ALG OFF"
    options: tuple[str, ...] = ()  # dropdown/radio choices, for the picture


@dataclass(frozen=True)
class Step:
    text: str
    menu_path: tuple[str, ...] = ()
    page: str = ""  # the heading on the router's page; defaults to the last menu item
    controls: tuple[Control, ...] = ()
    context: tuple[str, ...] = ()  # other labels on the same page, for recognition
    commands: tuple[str, ...] = ()  # copyable CLI lines, in order
    picture: str = ""  # file name beside guide.toml
    warning: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    kind: str = "community"  # vendor | provider | community
    note: str = ""


@dataclass(frozen=True)
class Look:
    """How the router's admin page looks, for the schematic screenshots."""

    logo: str
    header: str = "#1f4e79"  # header bar colour
    header_text: str = "#ffffff"
    accent: str = "#1f77b4"  # selected menu item
    background: str = "#f3f4f6"
    layout: str = "left"
    menu: tuple[str, ...] = ()  # top-level menu items, for realism
    save_label: str = "Apply"
    font: str = "sans"
    prompt: str = "router#"  # the CLI prompt, for terminal pictures


@dataclass(frozen=True)
class StepTexts:
    """A step's customer-facing words in one language (``None`` = keep the English)."""

    text: str | None = None
    warning: str | None = None
    notes: tuple[str | None, ...] | None = None  # one per control, in the English order


@dataclass(frozen=True)
class GuideTexts:
    """One translation of a guide (``guide.<lang>.toml``): only words, never structure.

    Router labels (control labels, options, menu paths, page headings, the save button) are not
    here: they must match what the router shows, usually English, as the pictures do.
    """

    language: str
    title: str | None = None
    summary: str | None = None
    login_hint: str | None = None
    reboot: str | None = None
    quirks: tuple[str, ...] | None = None
    steps: tuple[StepTexts, ...] | None = None
    path: Path | None = None


@dataclass
class Guide:
    id: str
    title: str
    vendors: tuple[str, ...]
    kind: str
    confidence: str
    summary: str
    steps: tuple[Step, ...]
    sources: tuple[Source, ...]
    look: Look
    product_lines: tuple[str, ...] = ()
    models: tuple[str, ...] = ()  # glob patterns, case-insensitive
    # vendor keys for which this guide applies only on a product-line/model match (never a default)
    strict: tuple[str, ...] = ()
    admin_urls: tuple[str, ...] = ()
    login_hint: str = ""
    reboot: str = DEFAULT_REBOOT
    quirks: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # names this router gives SIP ALG (for the generic guide/search)
    directory: Path | None = None
    origin: str = "built-in"  # or the guide pack's name
    priority: int = 0  # packs outrank built-ins
    translations: dict[str, GuideTexts] = field(default_factory=dict)  # by normalised code
    language: str = ENGLISH  # the language of the texts in this object (see ``localized``)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language this guide can be shown in, English first."""
        return (ENGLISH, *sorted(self.translations))

    def translation_for(self, languages: Iterable[str] | str | None) -> GuideTexts | None:
        """The translation for the first preferred language that has one; None means English."""
        for candidate in language_candidates(languages):
            if candidate == ENGLISH or candidate.startswith(ENGLISH + "-"):
                return None
            if candidate in self.translations:
                return self.translations[candidate]
        return None

    def localized(self, languages: Iterable[str] | str | None) -> Guide:
        """This guide with its words in the customer's language, English where it has none.

        ``languages`` is a preference list (``["es-MX", "en"]``) or one code. Structure, router
        labels and pictures stay as they are; the result's ``language`` says what was used.
        """
        texts = self.translation_for(languages)
        if texts is None:
            return self if self.language == ENGLISH else replace(self, language=ENGLISH)
        english_reboot = self.reboot == DEFAULT_REBOOT
        steps = self.steps
        if texts.steps is not None:
            steps = tuple(_localized_step(step, words) for step, words in zip(self.steps, texts.steps,
                                                                                strict=True))
        return replace(
            self,
            title=texts.title or self.title,
            summary=texts.summary or self.summary,
            login_hint=texts.login_hint or self.login_hint,
            reboot=texts.reboot or (guide_phrase("reboot", texts.language) if english_reboot
                                    else self.reboot),
            quirks=texts.quirks if texts.quirks is not None else self.quirks,
            steps=steps,
            language=texts.language,
        )

    @property
    def confidence_notice(self) -> str:
        """What the customer must be told about how sure we are ("" when verified)."""
        if self.confidence in ("unverified", "community"):
            return guide_phrase(f"{self.confidence}_notice", self.language)
        return ""

    def reference(self) -> dict:
        """What a report or support note records about the guide that was shown."""
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "confidence": self.confidence,
            "origin": self.origin,
            "sources": [s.url for s in self.sources],
        }

    def picture_path(self, index: int, scale: float = 1) -> Path | None:
        """The picture of step ``index`` (0-based), or None when the guide has no folder.

        With ``scale`` > 1 (a high-DPI screen, or a page that may be zoomed) the ``@2x`` picture
        is returned when the guide has one, so text in it stays sharp; else the plain one.
        """
        if self.directory is None:
            return None
        plain = self.directory / self.steps[index].picture
        if scale > 1:
            sharp = hidpi_name(plain)
            if sharp.is_file():
                return sharp
        return plain


def hidpi_name(picture: Path) -> Path:
    """``step-1.png`` -> ``step-1@2x.png``: Qt's own naming for a picture at twice the pixels."""
    return picture.with_name(f"{picture.stem}@2x{picture.suffix}")


def _localized_step(step: Step, words: StepTexts) -> Step:
    controls = step.controls
    if words.notes is not None:
        controls = tuple(replace(c, note=n) if n else c
                         for c, n in zip(step.controls, words.notes, strict=True))
    return replace(step, text=words.text or step.text, warning=words.warning or step.warning,
                   controls=controls)


@dataclass
class LoadProblem:
    """A guide or guide pack that could not be used, and why (shown to the agent, never fatal)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class GuideSet:
    guides: list[Guide] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
