"""The reflector under load and under floods: one command, bounded in count and time, loopback only.

    sudo .venv/bin/python benchmarks/reflector_load.py [--quick] [--max-rate N]

Load: sipp (Debian ``sip-tester``, an independent SIP client) sends OPTIONS and the probe's INVITE
pattern (a padded INVITE with SDP -> 200 with the reflection -> ACK) at rising rates, 3 s per step,
until calls fail; the reflector is pinned to CPU 0 and sipp to CPU 1 (``taskset``). Reported: the
highest rate with 0 % failed calls and sipp's p50/p99 response time there, for the standard event
loop and uvloop, for ``--workers 2`` (both cores, shared with sipp), and for kamailio's stateless
``sl_send_reply`` when kamailio is installed (the reference: our rate as a ratio of it).

Flood (root: raw sockets): 100 000 junk and valid datagrams from ~100 000 loopback source addresses
(127.64.0.0/10) with a legitimate probe in the middle; RSS before/after; a spoofed-source run
(bytes to the victim / bytes forged).

Every datagram goes to 127.0.0.1; every step has a call count and a wall-clock timeout.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector.loadgen import RawSender, flood, many_sources, read_metrics, rss_kib, wait_quiet
from sipalg_wizard.reflector.process import ReflectorProcess, free_ports

HOST = "127.0.0.1"
STEP_SECONDS = 3
RATES = (1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12500, 15000, 20000, 25000, 30000,
         40000, 50000)

HEADERS = """      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:probe@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:reflector@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
"""
OPTIONS = f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="options">
  <send><![CDATA[

      OPTIONS sip:reflector@[remote_ip]:[remote_port] SIP/2.0
{HEADERS}      CSeq: 1 OPTIONS
      Contact: <sip:probe@[local_ip]:[local_port];transport=udp>
      Max-Forwards: 70
      X-Pad: {"x" * 420}
      Content-Length: 0

  ]]></send>
  <recv response="200" rtd="true"/>
</scenario>
"""
# The probe's INVITE: private address everywhere, SDP, padded so the reflection and the two
# pinhole datagrams fit (amplification <= 1); then the ACK that completes the transaction.
INVITE = f"""<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="invite">
  <send><![CDATA[

      INVITE sip:reflector@[remote_ip]:[remote_port] SIP/2.0
{HEADERS}      CSeq: 1 INVITE
      Contact: <sip:probe@[local_ip]:[local_port];transport=udp>
      Max-Forwards: 70
      Content-Type: application/sdp
      X-Pad: {"x" * 620}
      Content-Length: [len]

      v=0
      o=probe 1 1 IN IP4 [local_ip]
      s=sipalg-wizard probe
      c=IN IP4 [local_ip]
      t=0 0
      m=audio 49170 RTP/AVP 0 8 101
      a=rtcp:49171 IN IP4 [local_ip]
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=rtpmap:101 telephone-event/8000
      a=sendrecv

  ]]></send>
  <recv response="200" rtd="true"/>
  <send><![CDATA[

      ACK sip:reflector@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
      From: <sip:probe@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:reflector@[remote_ip]:[remote_port]>[peer_tag_param]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0

  ]]></send>
</scenario>
"""
KAMAILIO_CFG = """#!KAMAILIO
debug=0
log_stderror=yes
children={children}
disable_tcp=yes
auto_aliases=no
listen=udp:127.0.0.1:{port}
mpath="{mpath}"
loadmodule "sl.so"
request_route {{
    sl_send_reply("200", "OK");
    exit;
}}
"""


@dataclass
class Step:
    rate: int
    calls: int
    ok: int
    failed: int
    achieved: float
    p50: float | None
    p99: float | None

    @property
    def clean(self) -> bool:
        # clean: nothing failed, and sipp really offered the rate (it can be the bottleneck)
        return self.failed == 0 and self.ok == self.calls and self.achieved >= 0.9 * self.rate


def taskset(cpu: str | None) -> list[str]:
    return ["taskset", "-c", cpu] if cpu is not None and shutil.which("taskset") else []


def sipp_step(port: int, scenario: str, rate: int, work: Path, cpu: str | None,
              clients: int = 1) -> Step:
    """``clients`` sipp processes (each its own source port, so SO_REUSEPORT spreads them over
    the workers) share ``rate``; their counts and response times are added up."""
    procs = []
    for i in range(clients):
        sub = work / f"c{i}"
        sub.mkdir(exist_ok=True)
        (sub / "scenario.xml").write_text(scenario)
        for old in (*sub.glob("*_rtt.csv"), *sub.glob("stat.csv")):
            old.unlink()
        (local,) = free_ports(1)
        share = max(1, rate // clients)
        cmd = [*taskset(cpu), "sipp", f"{HOST}:{port}", "-sf", str(sub / "scenario.xml"), "-i", HOST,
               "-p", str(local), "-t", "u1", "-r", str(share), "-m", str(share * STEP_SECONDS),
               "-l", "20000", "-recv_timeout", "1000", "-nostdin", "-trace_rtt", "-rtt_freq", "1",
               "-trace_stat", "-stf", str(sub / "stat.csv"), "-fd", "1",
               "-max_recv_loops", "10000", "-max_sched_loops", "10000"]
        procs.append(subprocess.Popen(cmd, cwd=sub, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL))
    for proc in procs:
        try:
            proc.wait(STEP_SECONDS * 4 + 20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    ok = failed = created = 0
    elapsed = 0.0
    rtts: list[float] = []
    for i in range(clients):
        sub = work / f"c{i}"
        lines = (sub / "stat.csv").read_text().strip().splitlines()
        row = dict(zip(lines[0].split(";"), lines[-1].split(";"), strict=False))
        ok += int(row["SuccessfulCall(C)"])
        failed += int(row["FailedCall(C)"])
        created += int(row.get("TotalCallCreated") or 0)
        elapsed = max(elapsed, _seconds(row["ElapsedTime(C)"]))
        for path in sub.glob("*_rtt.csv"):
            for line in path.read_text().splitlines()[1:]:
                parts = line.split(";")
                with contextlib.suppress(IndexError, ValueError):
                    rtts.append(float(parts[1]))
    p50 = statistics.median(rtts) if rtts else None
    p99 = sorted(rtts)[int(0.99 * (len(rtts) - 1))] if rtts else None
    return Step(rate, created, ok, failed, (ok + failed) / max(elapsed, 1e-3), p50, p99)


def _seconds(text: str) -> float:
    parts = text.split(":")
    value = 0.0
    for part in parts[:3]:
        value = value * 60 + float(part)
    return value + (float(parts[3]) / 1e6 if len(parts) > 3 else 0.0)


def ladder(name: str, port: int, scenario: str, cpu: str | None, max_rate: int,
           clients: int = 1) -> tuple[Step | None, Step | None]:
    """(highest rate with no failed call, highest such rate with p99 <= 50 ms)."""
    best = quick = None
    with tempfile.TemporaryDirectory() as tmp:
        for rate in (r for r in RATES if r <= max_rate):
            step = sipp_step(port, scenario, rate, Path(tmp), cpu, clients)
            print(f"  {name:<34} {rate:>6}/s offered {step.achieved:>8.0f}/s ok {step.ok:>6} "
                  f"failed {step.failed:>5}  p50 {_ms(step.p50)} p99 {_ms(step.p99)}", flush=True)
            if not step.clean:
                break
            best = step
            if step.p99 is not None and step.p99 <= 50:
                quick = step
            time.sleep(0.5)
    return best, quick


def _ms(value: float | None) -> str:
    return f"{value:6.2f} ms" if value is not None else "   -   "


@contextlib.contextmanager
def reflector(*extra: str, cpu: str | None = None):
    sip, ctl, metrics = free_ports(3)
    process = ReflectorProcess(args=[
        "--host", HOST, "--udp-port", str(sip), "--tcp-port", str(sip), "--control-udp-port",
        str(ctl), "--control-tcp-port", str(ctl), "--tls-port", "0", "--quiet",
        "--metrics-port", str(metrics), *extra], prefix=taskset(cpu), ready_timeout=20).start()
    try:
        yield sip, metrics, process
    finally:
        process.stop()


@contextlib.contextmanager
def kamailio(cpu: str | None, children: int = 1):
    (port,) = free_ports(1)
    mpath = next((p for p in ("/usr/lib/x86_64-linux-gnu/kamailio/modules/",
                              "/usr/lib/kamailio/modules/") if os.path.isdir(p)), None)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "kamailio.cfg"
        cfg.write_text(KAMAILIO_CFG.format(children=children, port=port, mpath=mpath))
        proc = subprocess.Popen([*taskset(cpu), "kamailio", "-f", str(cfg), "-DD", "-E", "-m", "64",
                                 "-M", "8", "-Y", tmp, "-P", str(Path(tmp) / "k.pid")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not _udp_answers(port):
                raise RuntimeError("kamailio did not answer")
            yield port
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)


def _udp_answers(port: int, timeout: float = 10.0) -> bool:
    dialog = Dialog("bench", "udp", HOST, 40000, HOST, port)
    request = padded_request(dialog, "OPTIONS")
    end = time.monotonic() + timeout
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(0.3)
        while time.monotonic() < end:
            sock.sendto(request, (HOST, port))
            with contextlib.suppress(TimeoutError, ConnectionRefusedError):
                if sock.recv(70000).startswith(b"SIP/2.0 200"):
                    return True
    return False


def settle(port: int, timeout: float = 20.0) -> dict[str, float]:
    return wait_quiet(port, timeout, poll=0.5)


def flood_figures(count: int) -> None:
    if os.geteuid() != 0:
        print("  (skipped: raw sockets need root)")
        return
    with reflector() as (sip, mport, process):  # the default limits, as in production
        pid = process.process.pid
        valid = padded_request(Dialog("f", "udp", HOST, 40000, HOST, sip), "OPTIONS")
        with RawSender() as sender:  # warm-up fills the bounded tables
            flood(sender, (HOST, sip), many_sources(25000, seed=7), valid, valid_share=1.0)
        warm = settle(mport)
        before = rss_kib(pid)
        started = time.monotonic()
        answered_probe = False
        with RawSender() as sender:
            flood(sender, (HOST, sip), many_sources(count // 2), valid)
            probe = padded_request(Dialog("p", "udp", HOST, 40001, HOST, sip), "INVITE")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.bind((HOST, 0))
                sock.settimeout(1.0)
                for _ in range(5):  # retransmits, as any SIP client does
                    sock.sendto(probe, (HOST, sip))
                    with contextlib.suppress(TimeoutError):
                        answered_probe = sock.recv(70000).startswith(b"SIP/2.0 200")
                        break
            flood(sender, (HOST, sip), many_sources(count - count // 2, seed=5), valid)
            sent = sender.sent
        elapsed = time.monotonic() - started
        seen = settle(mport)
        after = rss_kib(pid)
        received = seen["requests_total"] - warm["requests_total"]
        print(f"  {sent} datagrams (half valid, half junk) from {sent} loopback sources in "
              f"{elapsed:.1f} s: received {received:.0f} (rest dropped by the kernel "
              f"at the full socket buffer), errors {seen['errors_total']:.0f}")
        print(f"  RSS before {before / 1024:.1f} MiB, after {after / 1024:.1f} MiB "
              f"(+{(after - before) / 1024:.1f} MiB); rate-limit tables {seen['rate_limit_addresses']:.0f}"
              f" addresses / {seen['rate_limit_address_ports']:.0f} address:ports (cap 10000 each)")
        print(f"  legitimate probe from another source during the flood: "
              f"{'answered' if answered_probe else 'NOT answered'}")
    with reflector("--rate-limit", "0", "--port-rate-limit", "0") as (sip, _, _):
        victim = ("127.66.0.1", 40000)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
        sock.bind(victim)
        sock.setblocking(False)
        media = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        media.bind((victim[0], 49170))
        media.setblocking(False)
        dialog = Dialog("s", "udp", victim[0], victim[1], HOST, sip, media_port=49170)
        forged = [padded_request(dialog, "INVITE", pinhole=True), build_request(dialog, "OPTIONS"),
                  build_request(dialog, "INVITE", pad=5000)]
        with RawSender() as sender:
            for i in range(3000):
                sender.send(victim, (HOST, sip), forged[i % 3])
            forged_bytes = sender.bytes
        received, end = 0, time.monotonic() + 3
        while time.monotonic() < end:
            got = False
            for s in (sock, media):
                with contextlib.suppress(BlockingIOError):
                    received += len(s.recv(70000))
                    got = True
            if not got:
                time.sleep(0.05)
        sock.close()
        media.close()
        print(f"  spoofed source (limits off): forged {forged_bytes} B as the victim, the victim "
              f"received {received} B (answers + pinholes): ratio {received / forged_bytes:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer configurations, 10 000 flood")
    parser.add_argument("--max-rate", type=int, default=50000, help="stop the ladder here")
    parser.add_argument("--flood", type=int, default=100000, help="flood datagrams")
    args = parser.parse_args()
    if shutil.which("sipp") is None:
        print("sipp is not installed (apt-get install sip-tester)")
        return 2
    cores = os.cpu_count() or 1
    one, other = ("0", "1") if cores >= 2 else (None, None)
    results: dict[str, tuple[Step | None, Step | None]] = {}
    print(f"load (sipp, UDP, {STEP_SECONDS} s per step, reflector on CPU {one}, sipp on CPU {other}; "
          f"rate limits off; load average {os.getloadavg()[0]:.1f})")
    configs = [("reflector OPTIONS, uvloop", OPTIONS, ("--event-loop", "uvloop")),
               ("reflector INVITE+ACK, uvloop", INVITE, ("--event-loop", "uvloop")),
               ("reflector OPTIONS, asyncio", OPTIONS, ("--event-loop", "asyncio"))]
    if args.quick:
        configs = configs[:1]
    for name, scenario, extra in configs:
        try:
            with reflector("--rate-limit", "0", "--port-rate-limit", "0", *extra, cpu=one) as (sip, m, _):
                results[name] = ladder(name, sip, scenario, other, args.max_rate)
                seen = read_metrics(m)
                mean = 1e6 * seen["handle_seconds_sum"] / max(1, seen["handle_seconds_count"])
                print(f"    reflector: {seen['probes_total']:.0f} full reflections, "
                      f"{seen['pad_answers_total']:.0f} pad answers, mean handle time {mean:.0f} µs")
        except SystemExit as exc:  # uvloop missing
            print(f"  {name}: skipped ({exc})")
    if not args.quick and cores >= 2:
        # Like with like: 4 sipp clients, nothing pinned, 1 worker then 2 (sipp shares the cores).
        for workers in (1, 2):
            name = f"reflector OPTIONS, --workers {workers}, 4 sipp"
            with reflector("--rate-limit", "0", "--port-rate-limit", "0",
                           "--workers", str(workers)) as (sip, _, _):
                results[name] = ladder(name, sip, OPTIONS, None, args.max_rate, clients=4)
    if shutil.which("kamailio"):
        name = "kamailio sl_send_reply OPTIONS"
        try:
            with kamailio(one) as port:
                results[name] = ladder(name, port, OPTIONS, other, args.max_rate)
        except RuntimeError as exc:
            print(f"  kamailio: {exc}")
    else:
        print("  kamailio: not installed (apt-get install kamailio) — no reference")
    print("\nsummary: highest rate with 0 % failed calls (p50 / p99 there) | highest with p99 <= 50 ms")
    for name, (best, quick) in results.items():
        left = (f"{best.rate:>6}/s p50 {_ms(best.p50)} p99 {_ms(best.p99)}" if best
                else f"below {RATES[0]}/s")
        right = f"{quick.rate:>6}/s p50 {_ms(quick.p50)} p99 {_ms(quick.p99)}" if quick else "-"
        print(f"  {name:<38} {left} | {right}")
    print("  (sipp measures response times in whole milliseconds; an INVITE+ACK call is 2 requests)")
    ours = results.get("reflector OPTIONS, uvloop", (None, None))[0]
    ref = results.get("kamailio sl_send_reply OPTIONS", (None, None))[0]
    if ours and ref:
        capped = " (kamailio reached the top of the ladder: a lower bound)" if ref.rate == max(
            r for r in RATES if r <= args.max_rate) else ""
        print(f"  ratio reflector/kamailio (OPTIONS, one core): {ours.rate / ref.rate:.2f}{capped}; "
              f"kamailio's figure is where one sipp stops keeping up, so the true ratio is lower")
    one_worker = results.get("reflector OPTIONS, --workers 1, 4 sipp", (None, None))[0]
    two = results.get("reflector OPTIONS, --workers 2, 4 sipp", (None, None))[0]
    if one_worker and two:
        print(f"  scaling 1 -> 2 workers: x{two.rate / one_worker.rate:.2f} (sipp shares the 2 cores)")
    print(f"\nflood ({args.flood if not args.quick else 10000} datagrams, default rate limits)")
    flood_figures(10000 if args.quick else args.flood)
    return 0


if __name__ == "__main__":
    sys.exit(main())
