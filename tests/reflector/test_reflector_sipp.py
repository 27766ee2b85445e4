"""sipp (an independent SIP implementation) talks to the reflector: it must behave like a SIP stack.

Over UDP a stock SIP client does not pad, so it gets the short "pad to" 200 OK — still a valid
final answer; over TCP it gets the full reflection. Everything stays on loopback.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sipalg_wizard.reflector.process import free_ports

pytestmark = pytest.mark.skipif(shutil.which("sipp") is None,
                                reason="sipp is not installed (Debian package sip-tester)")

SCENARIO = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="{method}">
  <send>
    <![CDATA[

      {method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: sipp <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 {method}
      Contact: <sip:sipp@[local_ip]:[local_port]>
      Max-Forwards: 70
      Expires: 60
      User-Agent: SIPp scenario for the reflector
      Content-Length: 0

    ]]>
  </send>
  <recv response="200" />
</scenario>
"""


def sipp(tmp_path: Path, port: int, *args: str) -> subprocess.CompletedProcess:
    (local,) = free_ports(1)
    return subprocess.run(
        ["sipp", f"127.0.0.1:{port}", "-i", "127.0.0.1", "-p", str(local), "-m", "1", "-l", "1",
         "-timeout", "8s", "-nostdin", "-trace_err", *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("transport", ["u1", "t1"])
@pytest.mark.parametrize("method", ["OPTIONS", "REGISTER"])
def test_sipp_options_and_register(shared_reflector, tmp_path, method, transport):
    scenario = tmp_path / f"{method.lower()}.xml"
    scenario.write_text(SCENARIO.format(method=method))
    result = sipp(tmp_path, shared_reflector.sip, "-sf", str(scenario), "-t", transport)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


@pytest.mark.parametrize("transport", ["u1", "t1"])
def test_sipp_invite_ack_bye(shared_reflector, tmp_path, transport):
    result = sipp(tmp_path, shared_reflector.sip, "-sn", "uac", "-t", transport)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert shared_reflector.process.alive()
