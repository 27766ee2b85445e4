"""``sipalg-reflector``: run the reflector server (see ``sipalg_wizard.reflector.server``)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from sipalg_wizard import __version__
from sipalg_wizard.reflector.server import Config, Server


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
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
    p.add_argument("--rate-limit", type=float, default=20.0, metavar="N",
                   help="requests per second per source address (default 20; 0 = off)")
    p.add_argument("--no-pinhole", action="store_true",
                   help="do not send media pinhole test packets after an INVITE")
    p.add_argument("--log-messages", action="store_true",
                   help="also log each request's full text (off by default)")
    p.add_argument("--quiet", action="store_true", help="log warnings only")
    return p


def config_from_args(args: argparse.Namespace) -> Config:
    if args.tls_key and not args.tls_cert:
        raise SystemExit("sipalg-reflector: --tls-key needs --tls-cert")
    if args.rate_limit < 0:
        raise SystemExit("sipalg-reflector: --rate-limit must be 0 or more")
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
        pinhole=not args.no_pinhole,
        log_messages=args.log_messages,
    )


async def serve(config: Config) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows
            loop.add_signal_handler(sig, stop.set)
    async with Server(config):
        print("sipalg-reflector: ready", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(message)s", stream=sys.stderr)
    config = config_from_args(args)
    try:
        asyncio.run(serve(config))
    except OSError as exc:
        print(f"sipalg-reflector: cannot listen: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
