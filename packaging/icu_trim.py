"""Shrink the ICU data library in a Linux bundle from 32 MB to a few MB (Linux only).

Qt's Linux wheels link ICU, whose data library (``libicudataNN``) carries every locale, character
converter, collation and dictionary: 32 MB, a fifth of the bundle. Windows and macOS builds of
Qt use the operating system's ICU, so this step exists only for Linux. The wizard speaks English
and Spanish and Qt uses ICU for little beyond case mapping, collation and time-zone names, so we
keep everything that is not locale data plus the ``root``, ``en*`` and ``es*`` locales and the
single-byte code pages, and drop the multi-byte (CJK) converters, other locales,
transliterators, the CJK/Thai/Khmer/Lao/Burmese word-break dictionaries (Qt has its own
text-boundary code), the display names of currencies/languages/regions/units and the Unicode
character names (Qt has its own CLDR tables for those). Checked with QCollator, QLocale case
mapping, dates, currency and language names, QTimeZone names and a windows-1252 decoder.

How: the library is nothing but one exported symbol ``icudtNN_dat`` holding an ICU "common data"
package (header, a table of contents of named items, the items). This script reads that package
out of the ELF file, writes a new package with the kept items, and links a new shared library that
exports the same symbol with the same soname (``gcc``'s assembler ``.incbin``). ICU finds its data
exactly as before. Without gcc, or if anything looks unfamiliar, it leaves the library untouched.

    python packaging/icu_trim.py dist/sipalg-wizard/_internal/PySide6/Qt/lib/libicudata.so.73
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ALIGN = 16
PAD = b"\xaa"  # what ICU's own tools pad with, so an untouched package is rebuilt byte for byte
KEEP_LOCALES = re.compile(r"^(root|pool|res_index|en(_\w+)?|es(_\w+)?)\.(res|brk|nrm|icu|spp|cfu)$")
LOCALE_NAME = re.compile(r"^[a-z]{2,3}(_+[A-Za-z0-9]+)*\.res$")
# Display names of currencies, languages, regions and units, number spell-out rules,
# transliterators: Qt takes all of these from its own CLDR tables, never from ICU.
DROP_TREES = {"translit", "curr", "lang", "region", "unit", "rbnf"}
# Unicode character names (u_charName) and the spoof checker's confusables: not used by Qt.
DROP_NAMES = {"unames.icu", "confusables.cfu", "confusablesWholeScript.cfu"}
DROP_SUFFIXES = (".dict",)
# Single-byte code pages (windows-1252, ISO-8859-x, ...) are 1-3 kB each and stay; the multi-byte
# CJK tables (100-550 kB each) go.
MAX_CONVERTER_BYTES = 16 * 1024


class NotIcuData(ValueError):
    """The file is not the ICU data library this script understands."""


def _symbol(elf: bytes, path: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol, via ``nm`` and program headers."""
    out = subprocess.run(["nm", "-D", "-S", "--defined-only", str(path)], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    match = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", out, re.MULTILINE)
    if not match or elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise NotIcuData(f"{path}: no icudtNN_dat symbol in a 64-bit little-endian ELF")
    vaddr, size = int(match.group(1), 16), int(match.group(2), 16)
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for i in range(phnum):
        p_type, _flags, offset, p_vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", elf, phoff + i * phentsize)
        if p_type == 1 and p_vaddr <= vaddr and vaddr + size <= p_vaddr + filesz:
            return match.group(3), offset + vaddr - p_vaddr, size
    raise NotIcuData(f"{path}: symbol not inside a loadable segment")


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common-data package into its header and (name, item bytes) pairs."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise NotIcuData("not a little-endian ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        name_start = toc + name_offset
        name = blob[name_start:blob.index(b"\0", name_start)].decode("ascii")
        end = toc + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[toc + data_offset:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The inverse of :func:`read_package` (items keep their order: ICU searches them by name)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    names_start = 4 + 8 * len(items)
    data_start = -(-(names_start + len(names)) // ALIGN) * ALIGN
    toc, body, name_offset, data_offset = [], bytearray(), names_start, data_start
    for name, data in items:
        toc.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        padded = data + PAD * (-len(data) % ALIGN)
        body += padded
        data_offset += len(padded)
    table = struct.pack("<I", len(items)) + b"".join(toc) + names
    return header + table + PAD * (data_start - len(table)) + bytes(body)


def keep(name: str, size: int = 0) -> bool:
    """Whether an item (``icudt73l/coll/es.res``) of ``size`` bytes stays."""
    parts = name.split("/")[1:]
    leaf = parts[-1]
    if leaf.endswith(".cnv"):
        return size <= MAX_CONVERTER_BYTES
    if leaf.endswith(DROP_SUFFIXES) or leaf in DROP_NAMES or (len(parts) > 1 and parts[0] in DROP_TREES):
        return False
    # a kept locale, or shared data (ucadata.icu, zoneinfo64.res, ...)
    return bool(KEEP_LOCALES.match(leaf)) or not LOCALE_NAME.match(leaf)


def trim(path: Path) -> tuple[int, int]:
    """Replace the library at ``path`` with a trimmed one; returns (old size, new size)."""
    elf = path.read_bytes()
    symbol, offset, size = _symbol(elf, path)
    header, items = read_package(elf[offset:offset + size])
    kept = [(name, data) for name, data in items if keep(name, len(data))]
    if not kept or len(kept) == len(items):
        raise NotIcuData("nothing to trim")
    package = write_package(header, kept)
    soname = path.name
    with tempfile.TemporaryDirectory(prefix="icu-trim-") as tmp:
        work = Path(tmp)
        (work / "icudata.dat").write_bytes(package)
        (work / "icudata.S").write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f"\t.balign {ALIGN}\n{symbol}:\n\t.incbin \"icudata.dat\"\n"
            f"\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,\"\",@progbits\n")
        out = work / soname
        subprocess.run(["gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,{soname}",
                        "-o", str(out), "icudata.S"], cwd=work, check=True, timeout=120)
        shutil.copyfile(out, path)
    return len(elf), path.stat().st_size


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    path = Path(argv[0])
    if shutil.which("gcc") is None or shutil.which("nm") is None:
        print("icu_trim: gcc/nm not found - ICU data left as it is")
        return 0
    try:
        before, after = trim(path)
    except (NotIcuData, subprocess.CalledProcessError, OSError) as exc:
        print(f"icu_trim: left {path.name} as it is: {exc}")
        return 0
    print(f"icu_trim: {path.name} {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
