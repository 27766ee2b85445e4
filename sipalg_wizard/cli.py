"""Command-line entry points: the GUI (default), ``diagnose``, ``decode``.

Exit status of ``diagnose``: 0 no ALG interference seen, 3 ALG interference detected,
4 inconclusive, 2 usage error (argparse's own convention).
"""

from __future__ import annotations

import argparse
import json
import sys

from sipalg_wizard import __version__

EXIT_USAGE = 2


def _reflector(value: str) -> str:
    """Validate HOST[:PORT] (IPv6 as ``[addr]:port``) early, with a clear message."""
    from sipalg_wizard.netaddr_util import parse_host_port

    try:
        parse_host_port(value, default_port=5060)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return value


def _timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0.5 <= seconds <= 300:
        raise argparse.ArgumentTypeError("the timeout must be between 0.5 and 300 seconds")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sipalg-wizard",
        description="Find out whether your router's SIP ALG breaks VoIP calls, and turn it off. "
        "Without a command, the wizard opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--reflector", type=_reflector, metavar="HOST[:PORT]",
                        help="test server to probe through the router (default: the profile's)")
    parser.add_argument("--profile", metavar="FILE", help="a profile (TOML) to brand and configure")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    diag = sub.add_parser("diagnose", help="run the whole diagnosis without a window")
    diag.add_argument("--reflector", type=_reflector, metavar="HOST[:PORT]", dest="sub_reflector",
                      help="test server to probe through the router (default: the profile's)")
    diag.add_argument("--profile", metavar="FILE", dest="sub_profile")
    diag.add_argument("--json", action="store_true", help="print exactly one JSON document")
    diag.add_argument("--timeout", type=_timeout, default=10.0, metavar="SECONDS",
                      help="upper bound for the probe (default 10)")
    diag.add_argument("--no-identify", action="store_true",
                      help="skip router identification (no contact with the router's web page)")
    diag.add_argument("--redact", action="store_true",
                      help="mask the public address and MAC addresses in the output")

    dec = sub.add_parser("decode", help="explain a support code (for the support agent)")
    dec.add_argument("code", help="the code the customer reads out, e.g. K7Q-M2X-D9R")
    return parser


def _run_diagnose(args: argparse.Namespace) -> int:
    from sipalg_wizard import pipeline
    from sipalg_wizard.diagnosis import EXIT_CODES
    from sipalg_wizard.profile import ProfileError, load_profile

    try:
        profile = load_profile(args.sub_profile or args.profile)
    except ProfileError as exc:
        print(f"sipalg-wizard: {exc}", file=sys.stderr)
        return EXIT_USAGE
    reflector = args.sub_reflector or args.reflector or (profile.reflectors or [None])[0]
    options = pipeline.Options(reflector=reflector, timeout=args.timeout,
                               identify=not args.no_identify)
    progress = None if args.json else (lambda step, msg: print(f"… {msg}", file=sys.stderr))
    try:
        result = pipeline.run_diagnosis(options, progress=progress)
    except KeyboardInterrupt:
        print("sipalg-wizard: interrupted", file=sys.stderr)
        return 130
    if args.json:
        print(result.to_json(redact=args.redact))
    else:
        from sipalg_wizard.textreport import render_text

        print(render_text(result.to_dict() if not args.redact else json.loads(
            result.to_json(redact=True))))
    return EXIT_CODES[result.verdict]


def _run_decode(args: argparse.Namespace) -> int:
    from sipalg_wizard import supportcode
    from sipalg_wizard.findings import BY_CODE

    try:
        decoded = supportcode.decode(args.code)
    except supportcode.SupportCodeError as exc:
        print(f"sipalg-wizard: {args.code!r} is not a valid support code: {exc}", file=sys.stderr)
        return 1
    print(f"Verdict:  {decoded.verdict}")
    print(f"Router:   {decoded.vendor}")
    print("Findings:" + ("" if decoded.findings else "  none"))
    for code in decoded.findings:
        print(f"  - {code}: {BY_CODE[code].meaning}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "diagnose":
        return _run_diagnose(args)
    if args.command == "decode":
        return _run_decode(args)
    from sipalg_wizard.ui.app import run_gui

    return run_gui(reflector=args.reflector, profile_path=args.profile)


if __name__ == "__main__":
    sys.exit(main())
