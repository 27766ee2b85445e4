"""``sipalg-reflector``: run the reflector server (``server``: the listeners; ``handler``: the answers)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys

from sipalg_wizard import __version__
from sipalg_wizard.reflector.handler import Config
from sipalg_wizard.reflector.jsonlog import JsonFormatter, TextFormatter
from sipalg_wizard.reflector.metrics import OpsServer
from sipalg_wizard.reflector.server import Server


def _port(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sipalg-reflector",
        description="Answer SIP probes with an exact, encoded copy of what arrived, so the SIP ALG "
        "Wizard can tell what a router changed. Never sends more UDP bytes than it receives.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--host", action="append", metavar="H",
                   help="address to listen on (repeatable; default 0.0.0.0)")
    p.add_argument("--udp-port", action="append", type=_port, metavar="P",
                   help="SIP UDP port (repeatable; default 5060)")
    p.add_argument("--tcp-port", action="append", type=_port, metavar="P",
                   help="SIP TCP port (repeatable; default 5060)")
    p.add_argument("--control-udp-port", action="append", type=_port, metavar="P",
                   help="control UDP port that ALGs do not inspect (repeatable; default 5070)")
    p.add_argument("--control-tcp-port", action="append", type=_port, metavar="P",
                   help="control TCP port (repeatable; default 5070)")
    p.add_argument("--tls-port", type=_port, default=5061, metavar="P",
                   help="TLS control port (default 5061; 0 turns TLS off)")
    p.add_argument("--tls-cert", metavar="FILE", help="PEM certificate (default: self-signed)")
    p.add_argument("--tls-key", metavar="FILE", help="PEM private key for --tls-cert")
    p.add_argument("--rate-limit", type=float, default=200.0, metavar="N",
                   help="requests per second per source address, burst 3 x N (default 200: "
                   "generous, because thousands of customers may share one carrier-grade NAT "
                   "address; 0 = off, e.g. for load tests)")
    p.add_argument("--port-rate-limit", type=float, default=20.0, metavar="N",
                   help="requests per second per source address:port, burst 3 x N (default 20: "
                   "one customer's probe; keeps one customer from spending a shared address's "
                   "budget; 0 = off)")
    p.add_argument("--max-connections", type=int, default=256, metavar="N",
                   help="concurrent TCP/TLS connections per process (default 256)")
    p.add_argument("--idle-timeout", type=float, default=10.0, metavar="S",
                   help="close a TCP/TLS connection silent for S seconds (default 10)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="run N processes sharing the ports with SO_REUSEPORT (Linux; default 1)")
    p.add_argument("--metrics-port", type=_port, default=0, metavar="P",
                   help="HTTP port for /metrics (Prometheus) and /healthz (default 0 = off; "
                   "worker i of --workers uses P+i)")
    p.add_argument("--metrics-host", default="127.0.0.1", metavar="H",
                   help="address of the metrics port (default 127.0.0.1: loopback only)")
    p.add_argument("--log-format", choices=("json", "text"), default="json",
                   help="one JSON object per line (default) or key=value text")
    p.add_argument("--event-loop", choices=("auto", "asyncio", "uvloop"), default="auto",
                   help="uvloop when installed (auto, the default) or the standard loop")
    p.add_argument("--worker-index", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--no-pinhole", action="store_true",
                   help="do not send media pinhole test packets after an INVITE")
    p.add_argument("--no-fast-path", action="store_true",
                   help="answer every request in Python, not with the compiled path (for comparison)")
    p.add_argument("--log-messages", action="store_true",
                   help="also log each request's full text (off by default)")
    p.add_argument("--quiet", action="store_true",
                   help="log warnings only, no line per request (under load: the compiled UDP loop "
                        "serves then)")
    return p


def config_from_args(args: argparse.Namespace) -> Config:
    if args.tls_key and not args.tls_cert:
        raise SystemExit("sipalg-reflector: --tls-key needs --tls-cert")
    if args.rate_limit < 0 or args.port_rate_limit < 0:
        raise SystemExit("sipalg-reflector: --rate-limit must be 0 or more")
    if args.workers < 1 or args.max_connections < 1 or args.idle_timeout <= 0:
        raise SystemExit("sipalg-reflector: --workers, --max-connections and --idle-timeout "
                         "must be positive")
    if args.workers > 1 and not hasattr(socket, "SO_REUSEPORT"):  # Windows
        raise SystemExit("sipalg-reflector: --workers needs SO_REUSEPORT (Linux, macOS); "
                         "run one process here")
    return Config(
        hosts=args.host or ["0.0.0.0"],
        udp_ports=args.udp_port or [5060],
        tcp_ports=args.tcp_port or [5060],
        control_udp_ports=args.control_udp_port or [5070],
        control_tcp_ports=args.control_tcp_port or [5070],
        tls_port=args.tls_port or None,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        rate_limit=args.rate_limit,
        port_rate_limit=args.port_rate_limit,
        max_connections=args.max_connections,
        idle_timeout=args.idle_timeout,
        reuse_port=args.worker_index is not None,
        pinhole=not args.no_pinhole,
        log_messages=args.log_messages,
        fast_path=not args.no_fast_path,
    )


async def serve(config: Config, metrics_host: str = "127.0.0.1", metrics_port: int = 0) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows
            loop.add_signal_handler(sig, stop.set)
    async with Server(config) as server:
        ops = None
        if metrics_port:
            ops = OpsServer(server.metrics, server.healthy)
            await ops.start(metrics_host, metrics_port)
        print("sipalg-reflector: ready", flush=True)
        try:
            await stop.wait()
        finally:
            if ops:
                ops.close()


def _standard_run(main, platform: str | None = None):
    """asyncio's own loop; on Windows the selector loop, not the default proactor one.

    With the proactor loop (Python <= 3.13), one answer to a client that has gone away brings
    back an ICMP port unreachable, WSARecvFrom fails with WSAECONNRESET, and the UDP transport
    stops reading for good: a deaf reflector (CPython gh-91227, gh-127057). The selector loop
    reports the error to the protocol and reads on. Its limit, 512 sockets in select(), is far
    above what a Windows reflector for demos and tests holds. asyncio.Runner wakes the loop on
    Ctrl-C, also under select().
    """
    if (platform or sys.platform) != "win32":
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
        return runner.run(main)


def _runner(choice: str):
    """uvloop's loop when asked for or (auto) when installed; it is an optional dependency."""
    if choice != "asyncio":
        try:
            import uvloop
        except ImportError:
            if choice == "uvloop":
                raise SystemExit("sipalg-reflector: --event-loop uvloop: uvloop is not installed") from None
            return _standard_run
        return uvloop.run
    return _standard_run


def setup_logging(args: argparse.Namespace) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if args.log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if args.quiet else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    config = config_from_args(args)
    setup_logging(args)
    if args.workers > 1 and args.worker_index is None:
        from sipalg_wizard.reflector.workers import supervise

        return supervise(argv, args.workers)
    metrics_port = args.metrics_port + (args.worker_index or 0) if args.metrics_port else 0
    try:
        _runner(args.event_loop)(serve(config, args.metrics_host, metrics_port))
    except OSError as exc:
        print(f"sipalg-reflector: cannot listen: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
