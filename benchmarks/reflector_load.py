"""The reflector under load and under floods: one command, bounded in count and time, loopback only.

    sudo .venv/bin/python benchmarks/reflector_load.py [--quick] [--max-rate N] [--sipp-clients N]

Load: sipp (Debian ``sip-tester``, an independent SIP client) sends OPTIONS and the probe's INVITE
pattern (a padded INVITE with SDP -> 200 with the reflection -> ACK) at rising rates until a step
loses requests; the server is pinned to CPU 0 and sipp to CPU 1 (``taskset``). Reported per step:
sipp's p50/p99, and the server's own CPU time per request it counted (its /metrics; kamailio's
core:rcv_requests), i.e. a per-core capacity that does not depend on the generator. One sipp costs
about as much CPU per call as the server spends per request, so where a step fails while the
server's core still idles (or the generator's core is the busy one), an own generator
(loadgen.paced_udp_load, labelled "own generator") continues the OPTIONS ladder from that rate.
Configurations: OPTIONS with uvloop with the C fast path on and off (``--no-fast-path``, when the
reflector has it), INVITE+ACK, the standard loop, ``--workers 1/2`` with 4 sipp (both cores, shared),
and kamailio's stateless ``sl_send_reply`` as the reference (ratio by rate and by CPU per request).

Flood (root: raw sockets): 100 000 junk and valid datagrams from ~100 000 loopback source addresses
(127.64.0.0/10) with a legitimate probe in the middle; RSS before/after; a spoofed-source run
(bytes to the victim / bytes forged).

Every datagram goes to 127.0.0.1; every step has a request count and a wall-clock timeout.
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
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sipalg_wizard.probe.messages import Dialog, build_request, padded_request
from sipalg_wizard.reflector.loadgen import (
    SEQ_MARK,
    RawSender,
    flood,
    many_sources,
    paced_udp_load,
    read_metrics,
    rss_kib,
    wait_quiet,
)
from sipalg_wizard.reflector.process import ReflectorProcess, free_ports

HOST = "127.0.0.1"
STEP_SECONDS = 3
RATES = (1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12500, 15000, 20000, 25000, 30000,
         40000, 50000, 60000)
QUICK_SECONDS = 2
QUICK_RATES = (5000, 10000, 20000, 30000)
# A failed step was the generator's limit when the server's core idled this much of the time,
# or when the generator's core was this busy (and busier than the server's).
IDLE_FOR_OWN = 0.15
GENERATOR_BUSY = 0.85

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
loadmodule "kex.so"
loadmodule "ctl.so"
modparam("ctl", "binrpc", "unix:{ctl}")
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
    p50: float | None  # ms
    p99: float | None
    generator: str = "sipp"
    cpu_us: float | None = None  # the server's CPU time per request it handled (whole step)
    # In the middle of the sending phase: the server's CPU seconds per second (1.0 = a full core),
    # the share of its core nobody used, and how busy the generator's core was.
    server_load: float = 0.0
    idle: float = 0.0
    generator_core: float = 0.0

    @property
    def clean(self) -> bool:
        # clean: nothing failed, and the generator really offered the rate (it can be the bottleneck)
        return self.failed == 0 and self.ok == self.calls and self.achieved >= 0.9 * self.rate

    @property
    def capacity(self) -> float | None:
        """Requests per second one core would handle at this CPU cost per request."""
        return 1e6 / self.cpu_us if self.cpu_us else None


@dataclass
class Server:
    """What a step measures on the server side: its process tree's CPU time and the requests it
    counted itself (the reflector's /metrics, kamailio's core:rcv_requests)."""

    pid: int
    cpu: str | None
    requests: Callable[[], float]
    template: bytes | None = None  # an OPTIONS numbered for the own generator (None: sipp only)


@dataclass
class Result:
    best: Step | None = None  # highest clean sipp step
    quick: Step | None = None  # highest clean sipp step with p99 <= 50 ms
    own: Step | None = None  # highest clean step of the own generator, above what sipp offered
    busiest: Step | None = None  # the step where the server used the most CPU (near saturation)

    @property
    def top(self) -> Step | None:
        return self.own or self.best


def taskset(cpu: str | None) -> list[str]:
    return ["taskset", "-c", cpu] if cpu is not None and shutil.which("taskset") else []


def process_tree(root: int) -> list[int]:
    """``root`` and its descendants (a /proc scan: this kernel has no /proc/PID/task/TID/children)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents.setdefault(_stat_fields(int(entry))[1], []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += parents.get(pid, [])
    return tree


def _stat_fields(pid: int) -> list[int]:
    """/proc/PID/stat from field 3 (state) on; the command name may hold spaces, so split after ')'."""
    with open(f"/proc/{pid}/stat") as stat:
        rest = stat.read().rsplit(")", 1)[1].split()
    return [0, *(int(x) for x in rest[1:])]  # [state placeholder, ppid, pgrp, ...]


def tree_cpu_seconds(root: int) -> float:
    """utime + stime of a process and its children (the reflector's workers, kamailio's children)."""
    ticks = 0
    for pid in process_tree(root):
        with contextlib.suppress(OSError, IndexError):
            fields = _stat_fields(pid)
            ticks += fields[11] + fields[12]  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def core_busy_seconds(cpu: str | None) -> float:
    """Busy time of one CPU (all processes and interrupts), to tell an idle core from a shared one."""
    if cpu is None:
        return 0.0
    with open("/proc/stat") as stat:
        for line in stat:
            name, *values = line.split()
            if name == f"cpu{cpu}":
                user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in values[:8])
                return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    return 0.0


def reflector_requests(metrics: Sequence[int]) -> float:
    """Requests received by all workers (worker i serves /metrics on the first port + i)."""
    return sum(read_metrics(port)["requests_total"] for port in metrics)


def kamailio_requests(ctl: Path) -> float:
    out = subprocess.run(["kamcmd", "-s", f"unix:{ctl}", "stats.get_statistics", "rcv_requests"],
                         capture_output=True, text=True, timeout=5).stdout
    return float(out.rsplit("=", 1)[1])


def measured(server: Server, run: Callable[[], Step], seconds: float, gen_cpu: str | None) -> Step:
    """Run one step and add the server's CPU figures: CPU per request does not depend on the
    generator, so it gives the per-core capacity even where sipp is the bottleneck. The loads are
    sampled inside the sending phase, away from start-up and the drain at the end."""
    requests = server.requests()
    cpu = tree_cpu_seconds(server.pid)
    window: list[tuple[float, float, float, float]] = []

    def sample() -> None:
        window.append((time.monotonic(), tree_cpu_seconds(server.pid), core_busy_seconds(server.cpu),
                       core_busy_seconds(gen_cpu)))

    timers = [threading.Timer(at, sample) for at in (0.4 * seconds, 0.9 * seconds)]
    for timer in timers:
        timer.start()
    step = run()
    for timer in timers:
        timer.cancel()
        timer.join()
    handled = server.requests() - requests
    step.cpu_us = 1e6 * (tree_cpu_seconds(server.pid) - cpu) / handled if handled > 0 else None
    if len(window) == 2:
        (t0, s0, b0, g0), (t1, s1, b1, g1) = window
        step.server_load = (s1 - s0) / (t1 - t0)
        step.idle = max(0.0, 1 - (b1 - b0) / (t1 - t0)) if server.cpu else 0.0
        step.generator_core = (g1 - g0) / (t1 - t0)
    return step


def sipp_step(port: int, scenario: str, rate: int, work: Path, cpu: str | None,
              clients: int = 1, seconds: float = STEP_SECONDS) -> Step:
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
               "-p", str(local), "-t", "u1", "-r", str(share), "-m", str(int(share * seconds)),
               "-l", "20000", "-recv_timeout", "1000", "-nostdin", "-trace_rtt", "-rtt_freq", "1",
               "-trace_stat", "-stf", str(sub / "stat.csv"), "-fd", "1",
               "-max_recv_loops", "10000", "-max_sched_loops", "10000",
               # sipp's default 64 KiB socket buffers overflow with a burst of ~30 reflections
               "-buff_size", str(4 << 20)]
        procs.append(subprocess.Popen(cmd, cwd=sub, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL))
    for proc in procs:
        try:
            proc.wait(seconds * 4 + 20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    ok = failed = created = 0
    elapsed = 0.0
    rtts: list[float] = []
    for i in range(clients):
        sub = work / f"c{i}"
        lines = (sub / "stat.csv").read_text().strip().splitlines()
        rows = [dict(zip(lines[0].split(";"), line.split(";"), strict=False)) for line in lines[1:]]
        row = rows[-1]
        ok += int(row["SuccessfulCall(C)"])
        failed += int(row["FailedCall(C)"])
        created += int(row.get("TotalCallCreated") or 0)
        elapsed = max(elapsed, _sending_seconds(rows))
        for path in sub.glob("*_rtt.csv"):
            for line in path.read_text().splitlines()[1:]:
                parts = line.split(";")
                with contextlib.suppress(IndexError, ValueError):
                    rtts.append(float(parts[1]))
    p50 = statistics.median(rtts) if rtts else None
    p99 = sorted(rtts)[int(0.99 * (len(rtts) - 1))] if rtts else None
    return Step(rate, created, ok, failed, created / max(elapsed, 1e-3), p50, p99)


def _sending_seconds(rows: list[dict[str, str]]) -> float:
    """When sipp created its last call, interpolated between its once-a-second statistics rows: the
    offered rate is calls over that time, not over the wait for the last answers or timeouts."""
    final = int(rows[-1]["TotalCallCreated"])
    before_t, before_n = 0.0, 0
    for row in rows:
        at, created = _seconds(row["ElapsedTime(C)"]), int(row["TotalCallCreated"])
        if created >= final:
            return before_t + (at - before_t) * (final - before_n) / max(1, created - before_n)
        before_t, before_n = at, created
    return _seconds(rows[-1]["ElapsedTime(C)"])


def own_step(port: int, template: bytes, rate: int, cpu: str | None, seconds: float) -> Step:
    """The own generator (loadgen.paced_udp_load), pinned where sipp runs, as one ladder step."""
    before = os.sched_getaffinity(0)
    if cpu is not None:
        os.sched_setaffinity(0, {int(cpu)})
    try:
        load = paced_udp_load((HOST, port), template, rate, seconds, sockets=8)
    finally:
        os.sched_setaffinity(0, before)
    p50, p99 = load.percentile(0.5), load.percentile(0.99)
    return Step(rate, load.sent, load.answered, load.lost, load.offered,
                p50 * 1e3 if p50 is not None else None, p99 * 1e3 if p99 is not None else None,
                generator="own")


def options_template(port: int) -> bytes:
    """A padded OPTIONS whose branch and Call-ID the own generator numbers."""
    mark = SEQ_MARK.decode()
    return padded_request(Dialog("load", "udp", HOST, 5060, HOST, port, call_id=mark, nonce=mark),
                          "OPTIONS")


def _seconds(text: str) -> float:
    parts = text.split(":")
    value = 0.0
    for part in parts[:3]:
        value = value * 60 + float(part)
    return value + (float(parts[3]) / 1e6 if len(parts) > 3 else 0.0)


def ladder(name: str, port: int, scenario: str, server: Server, gen_cpu: str | None,
           rates: Sequence[int], seconds: float, clients: int = 1) -> Result:
    """Rising rates with sipp until a step fails. When it fails while the server's core still had
    idle time (so the generator, not the server, was the limit) and an OPTIONS template is given,
    the own generator takes over from that rate on."""
    result = Result()
    own = False
    with tempfile.TemporaryDirectory() as tmp:
        for rate in rates:
            while True:
                if own:
                    run = partial(own_step, port, server.template, rate, gen_cpu, seconds)
                else:
                    run = partial(sipp_step, port, scenario, rate, Path(tmp), gen_cpu, clients, seconds)
                step = measured(server, run, seconds, gen_cpu)
                _print_step(name, step)
                if step.cpu_us and (not result.busiest or step.server_load > result.busiest.server_load):
                    result.busiest = step
                if step.clean or own or server.template is None or not generator_limited(step):
                    break
                own = True  # sipp was the limit: the same rate again with the own generator
            if not step.clean:
                break
            if own:
                result.own = step
            else:
                result.best = step
                if step.p99 is not None and step.p99 <= 50:
                    result.quick = step
            time.sleep(0.3)
    return result


def generator_limited(step: Step) -> bool:
    """The generator, not the server, was the limit: the server's core had idle time, or the
    generator's core was busier than the server's."""
    return step.idle >= IDLE_FOR_OWN or step.generator_core >= max(GENERATOR_BUSY, 1 - step.idle)


def _print_step(name: str, step: Step) -> None:
    label = "own generator" if step.generator == "own" else "sipp"
    print(f"  {name:<30} {label:<13} {step.rate:>6}/s offered {step.achieved:>7.0f}/s ok {step.ok:>6} "
          f"lost {step.failed:>6}  p50 {_ms(step.p50)} p99 {_ms(step.p99)}", flush=True)
    per = (f"CPU per request: {step.cpu_us:.1f} µs -> capacity {step.capacity:,.0f} requests/s per core"
           if step.cpu_us else "CPU per request: -")
    others = 1 - step.idle - step.server_load
    shared = f" (other processes {100 * others:.0f} %: a shared machine)" if others > 0.1 else ""
    print(f"  {'':<30} {per}; server {100 * step.server_load:.0f} % of a core, its core idle "
          f"{100 * step.idle:.0f} %{shared}, generator's core busy {100 * step.generator_core:.0f} %",
          flush=True)


def _ms(value: float | None) -> str:
    return f"{value:6.2f} ms" if value is not None else "   -   "


@contextlib.contextmanager
def reflector(*extra: str, cpu: str | None = None):
    sip, ctl, metrics = free_ports(3)
    process = ReflectorProcess(args=[
        "--host", HOST, "--udp-port", str(sip), "--tcp-port", str(sip), "--control-udp-port",
        str(ctl), "--control-tcp-port", str(ctl), "--tls-port", "0", "--quiet",
        "--metrics-port", str(metrics), *extra], prefix=taskset(cpu), ready_timeout=40).start()
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
        ctl = Path(tmp) / "ctl.sock"
        cfg.write_text(KAMAILIO_CFG.format(children=children, port=port, mpath=mpath, ctl=ctl))
        proc = subprocess.Popen([*taskset(cpu), "kamailio", "-f", str(cfg), "-DD", "-E", "-m", "64",
                                 "-M", "8", "-Y", tmp, "-P", str(Path(tmp) / "k.pid")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not _udp_answers(port):
                raise RuntimeError("kamailio did not answer")
            yield port, proc.pid, ctl
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


def has_fast_path_flag() -> bool:
    """``--no-fast-path`` exists once the C fast path has landed; before that there is nothing to compare."""
    out = subprocess.run([sys.executable, "-m", "sipalg_wizard.reflector.cli", "--help"],
                         capture_output=True, text=True, timeout=30).stdout
    return "--no-fast-path" in out


def reflector_configs(quick: bool) -> list[tuple[str, str, tuple[str, ...], bool]]:
    """(name, sipp scenario, reflector arguments, own generator allowed)."""
    uvloop = ("--event-loop", "uvloop")
    if has_fast_path_flag():
        configs = [("OPTIONS uvloop, fast path on", OPTIONS, uvloop, True),
                   ("OPTIONS uvloop, fast path off", OPTIONS, (*uvloop, "--no-fast-path"), True)]
    else:
        print("  (this reflector has no --no-fast-path flag: one OPTIONS configuration)")
        configs = [("OPTIONS uvloop", OPTIONS, uvloop, True)]
    if not quick:
        configs += [("INVITE+ACK uvloop", INVITE, uvloop, False),
                    ("OPTIONS asyncio", OPTIONS, ("--event-loop", "asyncio"), False)]
    return configs


def run_reflector(name: str, scenario: str, extra: tuple[str, ...], own: bool, cpus: tuple,
                  rates: Sequence[int], seconds: float, clients: int, workers: int = 1) -> Result | None:
    one, other = cpus
    try:
        with reflector("--rate-limit", "0", "--port-rate-limit", "0", "--workers", str(workers), *extra,
                       cpu=one) as (sip, metrics, process):
            ports = [metrics + i for i in range(workers)]
            server = Server(process.process.pid, one, partial(reflector_requests, ports),
                            options_template(sip) if own else None)
            result = ladder(name, sip, scenario, server, other, rates, seconds, clients)
            seen: dict[str, float] = {}
            for port in ports:
                for key, value in read_metrics(port).items():
                    seen[key] = seen.get(key, 0.0) + value
            mean = 1e6 * seen["handle_seconds_sum"] / max(1, seen["handle_seconds_count"])
            print(f"    reflector: {seen['requests_total']:.0f} requests, {seen['probes_total']:.0f} full "
                  f"reflections, {seen['pad_answers_total']:.0f} pad answers, mean handle time {mean:.0f} µs")
            return result
    except RuntimeError as exc:  # e.g. uvloop missing
        print(f"  {name}: skipped ({exc})")
        return None


def summary(results: dict[str, Result], reference: str, rates: Sequence[int]) -> None:
    print("\nsummary (UDP, loopback; sipp is the primary measurement, 'own' = the own generator above "
          "what sipp offered)")
    print(f"  {'config':<36} | {'highest 0 %-loss rate (p50 / p99)':<44} | {'CPU µs/req':>10} | "
          f"{'capacity/core':>13} | busiest step: µs/req, capacity")
    for name, result in results.items():
        top = result.top
        if result.best:
            rate = f"{result.best.rate:>6}/s sipp ({_ms(result.best.p50)} / {_ms(result.best.p99)})"
        else:
            rate = f"below {rates[0]}/s with sipp"
        cpu = f"{top.cpu_us:>10.1f}" if top and top.cpu_us else f"{'-':>10}"
        capacity = f"{top.capacity:>11,.0f}/s" if top and top.capacity else f"{'-':>13}"
        busy = result.busiest
        busiest = (f"{busy.cpu_us:.1f} µs, {busy.capacity:,.0f}/s ({busy.rate}/s, server "
                   f"{100 * busy.server_load:.0f} %)" if busy and busy.cpu_us and busy.capacity else "-")
        print(f"  {name:<36} | {rate:<44} | {cpu} | {capacity} | {busiest}")
        if result.own:
            own = f"{result.own.rate:>6}/s own  ({_ms(result.own.p50)} / {_ms(result.own.p99)})"
            print(f"  {'':<36} | {own:<44} |")
        if result.best and result.quick is not result.best:
            fast = f"{result.quick.rate:>6}/s with p99 <= 50 ms" if result.quick else "none with p99 <= 50 ms"
            print(f"  {'':<36} | {fast:<44} |")
    print("  (CPU µs/req: the server's own CPU time per request it counted, at the highest clean step and "
          "at the step where it was busiest;\n   it does not depend on the generator; capacity = 1 s / that. "
          "sipp's times are whole milliseconds)")
    ref = results.get(reference)
    for name, result in results.items():
        if name == reference or not ref or not ref.top or not result.top:
            continue
        capped = " (the reference reached the top of the ladder)" if ref.top.rate == rates[-1] else ""
        line = f"  {name} / kamailio: rate x{result.top.rate / ref.top.rate:.2f}{capped}"
        if result.top.cpu_us and ref.top.cpu_us:
            line += f", CPU per request x{result.top.cpu_us / ref.top.cpu_us:.2f} (capacity per core " \
                    f"x{ref.top.cpu_us / result.top.cpu_us:.2f})"
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"OPTIONS only, {QUICK_SECONDS} s steps from 10 000/s, 10 000 flood (< 1 min)")
    parser.add_argument("--max-rate", type=int, default=RATES[-1], help="stop the ladder here")
    parser.add_argument("--flood", type=int, default=100000, help="flood datagrams")
    parser.add_argument("--sipp-clients", type=int, default=1,
                        help="sipp processes sharing the generator's core (single threaded each)")
    args = parser.parse_args()
    if shutil.which("sipp") is None:
        print("sipp is not installed (apt-get install sip-tester)")
        return 2
    cores = os.cpu_count() or 1
    cpus = ("0", "1") if cores >= 2 else (None, None)
    rates = [r for r in (QUICK_RATES if args.quick else RATES) if r <= args.max_rate]
    seconds = QUICK_SECONDS if args.quick else STEP_SECONDS
    results: dict[str, Result] = {}
    print(f"load (UDP, {seconds} s per step, server on CPU {cpus[0]}, {args.sipp_clients} sipp on CPU "
          f"{cpus[1]}; rate limits off; load average {os.getloadavg()[0]:.1f})")
    for name, scenario, extra, own in reflector_configs(args.quick):
        result = run_reflector(name, scenario, extra, own, cpus, rates, seconds, args.sipp_clients)
        if result:
            results[name] = result
    if not args.quick and cores >= 2:
        # Like with like: 4 sipp clients, nothing pinned, 1 worker then 2 (sipp shares the cores).
        for workers in (1, 2):
            name = f"OPTIONS --workers {workers}, 4 sipp"
            result = run_reflector(name, OPTIONS, (), False, (None, None), rates, seconds, 4, workers)
            if result:
                results[name] = result
    reference = "kamailio sl_send_reply OPTIONS"
    if shutil.which("kamailio"):
        try:
            with kamailio(cpus[0]) as (port, pid, ctl):
                server = Server(pid, cpus[0], partial(kamailio_requests, ctl), options_template(port))
                results[reference] = ladder(reference, port, OPTIONS, server, cpus[1], rates, seconds,
                                            args.sipp_clients)
        except RuntimeError as exc:
            print(f"  kamailio: {exc}")
    else:
        print("  kamailio: not installed (apt-get install kamailio) — no reference")
    summary(results, reference, rates)
    one = results.get("OPTIONS --workers 1, 4 sipp")
    two = results.get("OPTIONS --workers 2, 4 sipp")
    if one and two and one.best and two.best:
        print(f"  scaling 1 -> 2 workers: x{two.best.rate / one.best.rate:.2f} (sipp shares the 2 cores)")
    print(f"\nflood ({args.flood if not args.quick else 10000} datagrams, default rate limits)")
    flood_figures(10000 if args.quick else args.flood)
    return 0


if __name__ == "__main__":
    sys.exit(main())
