"""Every recorded OS output is either exercised by a parser test or listed here with the reason
discovery does not use that command, so a new fixture cannot be silently ignored."""

from __future__ import annotations

from pathlib import Path

NOT_USED = {
    # net-tools and name-resolving forms: discovery reads /proc and iproute2 on Linux instead.
    "linux/arp-a__1.txt", "linux/netstat-rn__1.txt", "linux/route__1.txt",
    "linux/route-6-n__1.txt", "linux/route-ee__1.txt",
    *(f"linux/route-n__{i}.txt" for i in range(1, 9)),
}


def test_every_fixture_is_tested_or_explained(os_outputs: Path):
    here = Path(__file__).parent
    tests = {name: (here / f"test_{name}.py").read_text() for name in ("linux", "macos", "windows")}
    missing = []
    for path in sorted(os_outputs.glob("*/*.txt")):
        name = f"{path.parent.name}/{path.name}"
        if name in NOT_USED:
            continue
        if f'"{path.name}"' not in tests[path.parent.name]:
            missing.append(name)
    assert missing == []
