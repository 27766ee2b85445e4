"""Localised Windows command output as the bytes a pipe really carries, not as UTF-8 text.

``route print``, ``arp -a`` and ``ipconfig`` write in the console's OEM code page (cp850 in
Germany, France and Spain, cp437 in the US, cp866 in Russia) when their output is a pipe; PowerShell
and ``wmic`` can write UTF-16. The recorded outputs are stored as UTF-8 text, so these tests encode
them back into those code pages and check that discovery decodes and parses them exactly as the
text. Only a real localised Windows shows which code page each tool picks: packaging/README.md
says what to watch for.
"""

from __future__ import annotations

import pytest

from sipalg_wizard.net import discover, windows

LOCALISED = [
    # (recorded file, code page a console on that locale uses, a non-ASCII word in it)
    ("windows/netstat-rn__1.txt", 850, "Ständige Routen"),  # German
    ("windows/route-print__2.txt", 850, "vínculo"),  # Spanish
    ("windows/ipconfig-all__3.txt", 850, "Passerelle par défaut"),  # French
    ("windows/ipconfig-all__2.txt", 850, "Physische Adresse"),  # German (Swiss)
    ("windows/arp-a__3.txt", 850, "Adresse physique"),  # French
    ("windows/route-print-4__1.txt", 437, "Active Routes"),  # US English
]


@pytest.mark.parametrize(("name", "codepage", "word"), LOCALISED)
def test_oem_code_page_output_decodes_to_the_recorded_text(recorded, name, codepage, word):
    text = recorded(name)
    assert word in text
    data = text.encode(f"cp{codepage}")
    assert discover._decode(data, oem=codepage) == text


@pytest.mark.parametrize("name", ["windows/ipconfig-all__3.txt", "windows/ipconfig-all__2.txt"])
def test_gateway_found_in_oem_encoded_ipconfig(recorded, name):
    text = recorded(name)
    decoded = discover._decode(text.encode("cp850"), oem=850)
    assert windows.parse_ipconfig(decoded) == windows.parse_ipconfig(text)
    assert any(a.gateways for a in windows.parse_ipconfig(decoded))


@pytest.mark.parametrize("name", ["windows/get-netneighbor__1.txt", "windows/route-print__3.txt"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_output_is_recognised(recorded, name, bom):
    text = recorded(name)
    data = text.encode("utf-16") if bom else text.encode("utf-16-le")
    assert discover._decode(data, oem=850) == text


def test_utf8_wins_and_latin1_never_fails():
    assert discover._decode("Passerelle par défaut".encode(), oem=850) == "Passerelle par défaut"
    assert discover._decode(bytes(range(128, 256)), oem=None) == bytes(range(128, 256)).decode("latin-1")
    assert discover._decode(b"\x84", oem=99999) == "\x84"  # an unknown code page: Latin-1


def test_no_oem_code_page_off_windows():
    import os

    if os.name == "nt":
        assert discover._oem_codepage()
    else:
        assert discover._oem_codepage() is None


def test_run_command_decodes_what_the_child_printed(tmp_path):
    """The whole path: a child that writes cp850 bytes (as a German ``route print`` does)."""
    import sys

    script = tmp_path / "emit.py"
    script.write_text("import sys; sys.stdout.buffer.write('Ständige Routen:'.encode('cp850'))")
    out = discover.run_command([sys.executable, str(script)], timeout=30)
    expected = "Ständige Routen:" if discover._oem_codepage() == 850 else None
    if expected:
        assert out == expected
    else:  # off Windows: not UTF-8, so Latin-1 — readable ASCII, the letter replaced, nothing lost
        assert out is not None and out.startswith("St") and out.endswith("ndige Routen:")
