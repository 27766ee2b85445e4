"""Saving the report: the JSON document and the printable HTML page, side by side.

Files go to a folder the customer can find (``Documents/SIP ALG Wizard reports``; the per-user data
folder where there is no Documents folder), named by the time of saving and the verdict, e.g.
``sipalg-report-20261125-143005-alg-detected.json`` and ``.html``. A file is never overwritten:
a second save in the same second gets ``-2``. With ``redact=True`` the public address, MAC
addresses and serial numbers are masked in both files (see ``report.redact_report``).

The JSON is the design brief's contract plus ``explanation`` (customer and agent text),
``guide`` and, after Verify, ``verification``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from platformdirs import user_data_path, user_documents_path

from sipalg_wizard import supportcode
from sipalg_wizard.explain import GuideRef, explain
from sipalg_wizard.htmlreport import render_html
from sipalg_wizard.report import redact_report

APP_NAME = "sipalg-wizard"
FOLDER_NAME = "SIP ALG Wizard reports"
PREFIX = "sipalg-report-"


@dataclass(frozen=True)
class SavedReport:
    json_path: Path
    html_path: Path
    redacted: bool


def default_reports_dir() -> Path:
    """``Documents/SIP ALG Wizard reports``, or the per-user data folder's ``reports``."""
    try:
        documents = user_documents_path()
    except Exception:  # platformdirs falls back internally; be safe on odd desktops
        documents = None
    if documents is not None and documents.is_dir():
        return documents / FOLDER_NAME
    return user_data_path(APP_NAME, appauthor=False) / "reports"


def build_document(report: Any, *, redact: bool = False, guide: Any = None,
                   verified: Any = None) -> dict:
    """The full JSON document that is saved (contract fields plus explanation/guide/verification)."""
    doc = dict(report) if isinstance(report, dict) else report.to_dict()
    guide_ref = GuideRef.from_guide(guide) if guide is not None else None
    also: list[str] = []
    if verified is not None:
        after = getattr(verified, "after", None)
        public = getattr(getattr(after, "probe", None), "public_address", None)
        if public:
            also.append(public)
        doc["verification"] = verified if isinstance(verified, dict) else verified.to_dict()
    if guide_ref is not None:
        doc["guide"] = {"id": guide_ref.id, "title": guide_ref.title, "source": guide_ref.source}
        language = getattr(guide, "language", None)
        if isinstance(language, str):
            doc["guide"]["language"] = language  # the language the customer was shown it in
    if guide_ref is not None or verified is not None:
        # The code the customer reads out also carries the guide used and the Verify stage.
        stage = "diagnosis"
        if verified is not None:
            restarted = doc["verification"].get("after_restart")
            stage = "verify_after_restart" if restarted else "verify"
        doc["support_code"] = supportcode.code_for(doc, guide_ref.id if guide_ref else None, stage)
    if redact:
        doc = redact_report(doc, also=also)
    doc["explanation"] = explain(doc, guide=guide_ref).to_dict()
    return doc


def _stem(doc: dict, when: datetime, redacted: bool) -> str:
    verdict = str(doc.get("verdict", "report")).replace("_", "-")
    verdict = "".join(ch for ch in verdict if ch.isalnum() or ch == "-")[:24] or "report"
    return f"{PREFIX}{when:%Y%m%d-%H%M%S}-{verdict}" + ("-redacted" if redacted else "")


def _write_new(path: Path, data: str) -> None:
    """Write ``data`` to a new file (never replacing one) via a temporary file in the same folder."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    try:
        os.link(tmp, path)  # fails if ``path`` exists: no silent overwrite
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares)
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def save_report(report: Any, *, base_dir: Path | str | None = None, redact: bool = False,
                guide: Any = None, verified: Any = None, product_name: str = "SIP ALG Wizard",
                now: datetime | None = None,
                translate: Callable[[str], str] | None = None, language: str = "en") -> SavedReport:
    """Save ``report`` (a Diagnosis or its JSON document) as JSON and HTML; return both paths.

    A full ``guides.Guide`` as ``guide`` puts its steps and pictures into the HTML page, in the
    language it was localized to; ``translate`` puts the explanation into the UI's language.
    """
    folder = Path(base_dir) if base_dir is not None else default_reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    doc = build_document(report, redact=redact, guide=guide, verified=verified)
    shown = guide if hasattr(guide, "steps") else doc.get("guide") and GuideRef.from_guide(doc["guide"])
    page = render_html(doc, guide=shown, verified=doc.get("verification"), product_name=product_name,
                       translate=translate, language=language)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    stem = _stem(doc, now or datetime.now().astimezone(), redact)
    for n in range(1, 1000):
        name = stem if n == 1 else f"{stem}-{n}"
        json_path, html_path = folder / f"{name}.json", folder / f"{name}.html"
        if json_path.exists() or html_path.exists():
            continue
        try:
            _write_new(json_path, text)
        except FileExistsError:
            continue
        _write_new(html_path, page)
        return SavedReport(json_path, html_path, redact)
    raise FileExistsError(f"too many reports named {stem} in {folder}")


def list_reports(base_dir: Path | str | None = None) -> list[Path]:
    """Saved JSON reports, newest first (by name, which starts with the time of saving)."""
    folder = Path(base_dir) if base_dir is not None else default_reports_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.json"), key=lambda p: p.name, reverse=True)
