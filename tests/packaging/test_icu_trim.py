"""packaging/icu_trim.py: the ICU data package is read and rebuilt exactly, the keep rules, and a
trimmed library that Qt really loads (collation, case mapping, dates, time-zone names)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("sipalg_icu_trim", ROOT / "packaging" / "icu_trim.py")
icu_trim = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icu_trim)


def _package(items: list[tuple[str, bytes]]) -> bytes:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0)
    header += b"CmnD" + bytes([1, 0, 0, 0]) + bytes(4)
    header += b"\xaa" * (32 - len(header))
    return icu_trim.write_package(header, items)


def test_package_round_trip():
    items = [("icudt73l/coll/es.res", b"E" * 32), ("icudt73l/en.res", b"N" * 48),
             ("icudt73l/zoneinfo64.res", b"Z" * 16)]
    blob = _package(items)
    header, parsed = icu_trim.read_package(blob)
    assert parsed == items and len(header) == 32
    assert icu_trim.write_package(header, parsed) == blob


def test_not_icu_data_is_refused():
    with pytest.raises(icu_trim.NotIcuData):
        icu_trim.read_package(b"\x20\x00\x00\x00" + bytes(60))


@pytest.mark.parametrize(("name", "size", "kept"), [
    ("icudt73l/root.res", 100, True),
    ("icudt73l/es_MX.res", 100, True),
    ("icudt73l/en.res", 100, True),
    ("icudt73l/zh_Hant_TW.res", 100, False),
    ("icudt73l/coll/ucadata.icu", 500_000, True),
    ("icudt73l/coll/de__PHONEBOOK.res", 100, False),
    ("icudt73l/coll/zh.res", 700_000, False),
    ("icudt73l/zone/pool.res", 100, True),
    ("icudt73l/brkitr/cjdict.dict", 2_000_000, False),
    ("icudt73l/brkitr/line.brk", 60_000, True),
    ("icudt73l/translit/root.res", 1_000_000, False),
    ("icudt73l/ibm-5348_P100-1997.cnv", 1_500, True),  # windows-1252
    ("icudt73l/gb18030.cnv", 230_000, False),
    ("icudt73l/supplementalData.res", 240_000, True),
    ("icudt73l/unames.icu", 300_000, False),
    ("icudt73l/confusables.cfu", 45_000, False),
    ("icudt73l/curr/pool.res", 190_000, False),
    ("icudt73l/lang/es.res", 20_000, False),
    ("icudt73l/unit/pool.res", 140_000, False),
    ("icudt73l/zone/es.res", 20_000, True),
    ("icudt73l/coll/root.res", 300_000, True),
])
def test_keep_rules(name: str, size: int, kept: bool):
    assert icu_trim.keep(name, size) is kept


def _qt_icu_library() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    found = sorted((Path(spec.origin).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


QT_CHECK = """
from PySide6 import QtCore
L = QtCore.QLocale
c = QtCore.QCollator(L("es_ES"))
print(sorted(["zorro", "ñandú", "nube", "árbol", "oso"], key=c.sortKey))
print(L("es_ES").toUpper("ñandú"), L("tr_TR").toUpper("i"))
tz = QtCore.QTimeZone(b"Europe/Madrid")
print(tz.displayName(QtCore.QTimeZone.TimeType.StandardTime, QtCore.QTimeZone.NameType.LongName,
                     L("es_ES")))
print(L("es_ES").toString(QtCore.QDate(2026, 11, 25), QtCore.QLocale.FormatType.LongFormat))
print(QtCore.QStringDecoder("windows-1252").isValid())
for name in ("es_ES", "en_US", "es_MX"):
    loc = L(name)
    print(loc.currencySymbol(L.CurrencySymbolFormat.CurrencyDisplayName), loc.toCurrencyString(1234.5),
          loc.nativeLanguageName(), loc.nativeTerritoryName(), L.languageToString(loc.language()),
          loc.toString(QtCore.QDateTime(QtCore.QDate(2026, 7, 1), QtCore.QTime(12, 0),
                                        QtCore.QTimeZone(b"America/Mexico_City")),
                       "dddd d MMMM yyyy HH:mm t"))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("gcc") is None
                    or _qt_icu_library() is None, reason="needs Linux, gcc and Qt's own ICU")
def test_trimmed_library_serves_qt_the_same_answers(tmp_path: Path):
    original = _qt_icu_library()
    trimmed = tmp_path / original.name
    shutil.copyfile(original, trimmed)
    before, after = icu_trim.trim(trimmed)
    assert after < before / 4

    def qt_output(library_dir: str | None) -> str:
        env = dict(os.environ)
        if library_dir:
            env["LD_LIBRARY_PATH"] = library_dir  # searched before Qt's RUNPATH
        return subprocess.run([sys.executable, "-c", QT_CHECK], env=env, capture_output=True,
                              text=True, timeout=60, check=True).stdout

    expected = qt_output(None)
    assert "ÑANDÚ" in expected and "noviembre" in expected
    assert qt_output(str(tmp_path)) == expected
