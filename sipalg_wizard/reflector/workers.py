"""``--workers N``: N reflector processes sharing the same ports through SO_REUSEPORT.

The kernel spreads datagrams and connections over the processes by a hash of the source
address and port, so one client always meets the same worker (its rate limit stays coherent) and N
clients use N cores. Each worker is the ordinary single-process reflector started with a hidden
``--worker-index``; this supervisor waits for all of them to be ready (bounded), then prints its own
``ready`` line, forwards SIGTERM/SIGINT, and exits when they have — or stops them all when one dies,
so a service manager sees the failure and restarts the whole set.
"""

from __future__ import annotations

import contextlib
import selectors
import signal
import subprocess
import sys
import time

READY_TIMEOUT = 15.0


def _strip_workers(argv: list[str]) -> list[str]:
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--workers":
            skip = True
            continue
        if arg.startswith("--workers="):
            continue
        out.append(arg)
    return out


def supervise(argv: list[str], count: int) -> int:
    base = [sys.executable, "-m", "sipalg_wizard.reflector.cli", *_strip_workers(argv)]
    children = [subprocess.Popen([*base, "--worker-index", str(i)], stdout=subprocess.PIPE,
                                 stdin=subprocess.DEVNULL) for i in range(count)]
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        if not _all_ready(children):
            print("sipalg-reflector: a worker did not start", file=sys.stderr)
            return 1
        print(f"sipalg-reflector: ready ({count} workers)", flush=True)
        while not stopping:
            if any(child.poll() is not None for child in children):
                print("sipalg-reflector: a worker exited; stopping the others", file=sys.stderr)
                return 1
            time.sleep(0.2)
        return 0
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait(5)
            with contextlib.suppress(Exception):
                child.stdout.close()


def _all_ready(children: list[subprocess.Popen]) -> bool:
    pending = {child.stdout: b"" for child in children}
    end = time.monotonic() + READY_TIMEOUT
    with selectors.DefaultSelector() as sel:
        for stream in pending:
            sel.register(stream, selectors.EVENT_READ)
        while pending and time.monotonic() < end:
            for key, _ in sel.select(timeout=max(0.0, end - time.monotonic())):
                chunk = key.fileobj.read1(256)
                if not chunk:
                    return False
                pending[key.fileobj] += chunk
                if b"ready" in pending[key.fileobj]:
                    sel.unregister(key.fileobj)
                    del pending[key.fileobj]
    return not pending
