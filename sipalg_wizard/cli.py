"""Command-line entry points: the GUI (default), ``diagnose``, ``decode``, ``agent-page``.

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
    from sipalg_wizard.hostport import parse_host_port

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


def _binding_check(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 <= seconds <= 120:
        raise argparse.ArgumentTypeError("the binding check must be between 0 and 120 seconds")
    return seconds


def _ipv4_literal(value: str) -> str:
    import ipaddress

    try:
        return str(ipaddress.IPv4Address(value))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an IPv4 address: {value!r}") from None


def _witness_timeout(value: str) -> float:
    seconds = _timeout(value)
    if seconds > 10:
        raise argparse.ArgumentTypeError("the witness's timeout must be between 0.5 and 10 seconds")
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
    diag.add_argument("--method", choices=("auto", "reflector", "ttl", "provider"), default="auto",
                      help="which witness probes the router: the reflector; 'ttl', a SIP message "
                      "whose TTL runs out one hop past the router, read back from that hop's ICMP "
                      "quote (towards the reflector's or SIP server's address, else the "
                      "profile's ttl_target); 'provider', your SIP provider's server echoing what "
                      "it got; 'auto' (default) runs every one "
                      "that has a target, so the others stand in when the reflector does not answer")
    diag.add_argument("--sip-server", type=_reflector, metavar="HOST[:PORT]",
                      help="your VoIP provider's SIP server, asked with OPTIONS and an "
                      "unauthenticated REGISTER (no password is ever sent)")

    diag.add_argument("--binding-check", type=_binding_check, default=0.0, metavar="SECONDS",
                      help="also check that the router keeps the SIP port open for incoming calls "
                      "after SECONDS of quiet (the reflector calls back; the run takes that much "
                      "longer; 0..120, default 0 = off)")

    dec = sub.add_parser("decode", help="explain a support code (for the support agent)")
    dec.add_argument("code", help="the code the customer reads out, e.g. K7Q-M2X-D9R")

    wit = sub.add_parser(
        "witness", help="run one witness alone and print what it observed as JSON (the deeper "
        "test runs this with administrator rights; the wizard itself never does)")
    wit.add_argument("kind", choices=("ttl",), help="ttl: the TTL-limited probe")
    wit.add_argument("target", type=_ipv4_literal, metavar="IPV4",
                     help="a literal IPv4 address to aim at (no names: no DNS look-up)")
    wit.add_argument("--timeout", type=_witness_timeout, default=2.5, metavar="SECONDS",
                     help="upper bound for the probe (0.5..10, default 2.5)")
    wit.add_argument("--local-hint", type=_ipv4_literal, metavar="IPV4",
                     help="this computer's address when the route does not tell it")
    wit.add_argument("--output", metavar="FILE",
                     help="write the JSON to this new file (it must not exist) instead of "
                     "standard output")

    page = sub.add_parser("agent-page", help="write the support agent's page: one HTML file that "
                          "decodes support codes in the browser and shows the guides")
    page.add_argument("--output", required=True, metavar="FILE", help="the HTML file to write")
    page.add_argument("--profile", metavar="FILE", dest="sub_profile",
                      help="a profile (TOML): product and support name, guide packs")

    from sipalg_wizard.lab.cli import add_lab_parser

    add_lab_parser(sub)  # sipalg-wizard lab: the namespace lab with a chosen ALG (Linux, root)
    return parser


def _profile_or_none(args: argparse.Namespace):
    """The profile named on the command line (after or before the sub-command), else the usual
    one; None, with the reason on standard error, when it cannot be used."""
    from sipalg_wizard.profile import ProfileError, load_profile

    try:
        return load_profile(args.sub_profile or args.profile)
    except ProfileError as exc:
        print(f"sipalg-wizard: {exc}", file=sys.stderr)
        return None


def _run_diagnose(args: argparse.Namespace) -> int:
    from sipalg_wizard.diagnosis import pipeline
    from sipalg_wizard.diagnosis.verdict import EXIT_CODES

    profile = _profile_or_none(args)
    if profile is None:
        return EXIT_USAGE
    reflector = args.sub_reflector or args.reflector or (profile.reflectors or [None])[0]
    options = pipeline.Options(reflector=reflector, timeout=args.timeout,
                               identify=not args.no_identify, method=args.method,
                               sip_server=args.sip_server or profile.sip_server or None,
                               ttl_target=profile.ttl_target or None,
                               guide_packs=tuple(profile.guide_packs),
                               binding_check=args.binding_check)
    progress = None if args.json else (lambda step, msg: print(f"… {msg}", file=sys.stderr))
    try:
        result = pipeline.run_diagnosis(options, progress=progress)
    except KeyboardInterrupt:
        print("sipalg-wizard: interrupted", file=sys.stderr)
        return 130
    if args.json:
        print(result.to_json(redact=args.redact))
    else:
        from sipalg_wizard.report.text import render_text

        print(render_text(result.to_dict() if not args.redact else json.loads(
            result.to_json(redact=True)), guide=result.guide and result.fix_guide))
    return EXIT_CODES[result.verdict]


def _run_decode(args: argparse.Namespace) -> int:
    """Tell the agent what a support code means: verdict, stage, router, guide, findings, advice.

    The words and decisions live in ``decodeview`` (shared with the agent's browser page).
    """
    from sipalg_wizard import decodeview
    from sipalg_wizard.diagnosis import supportcode

    guides = {}
    try:  # the guides only add names; a broken guide folder must not stop the decoding
        from sipalg_wizard.guides.loader import load_all

        guides = decodeview.known_guides(load_all().guides)
    except Exception:
        guides = {}
    try:
        view = decodeview.describe(args.code, guides)
    except supportcode.SupportCodeError as exc:
        print(f"sipalg-wizard: {args.code!r} is not a valid support code: {exc}.\n"
              f"{decodeview.hint()}", file=sys.stderr)
        return 1
    print("\n".join(view.lines()))
    return 0


def _run_agent_page(args: argparse.Namespace) -> int:
    """Write the support agent's self-contained HTML page (decoder + guides), branded by the profile."""
    from sipalg_wizard.agentpage import write_page

    profile = _profile_or_none(args)
    if profile is None:
        return EXIT_USAGE
    try:
        written = write_page(args.output, profile)
    except OSError as exc:
        print(f"sipalg-wizard: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for problem in written.problems:
        print(f"sipalg-wizard: warning: {problem}", file=sys.stderr)
    print(f"Wrote {args.output} ({written.size} bytes, {written.guides} guides). Open it in a "
          "browser; add #CODE to the address to decode a code directly.", file=sys.stderr)
    return 0


def _safe_streams(json_out: bool) -> None:
    """Never die on a character the output's code page lacks, and write JSON as UTF-8.

    On Windows a redirected or piped stdout/stderr is encoded in the ANSI code page (cp1252, ...):
    a router's Japanese page title or a Cyrillic adapter name would raise UnicodeEncodeError after
    the whole diagnosis, and a JSON document must be UTF-8 for whatever reads it. A real console
    is unaffected (Python writes it as UTF-16); the windowed executable has no streams at all.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if json_out and stream is sys.stdout and not stream.isatty():
                reconfigure(encoding="utf-8", errors="strict")
            else:
                reconfigure(errors="backslashreplace")
        except (OSError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # a double-click: straight to the window, without building every sub-command
        from sipalg_wizard.ui.app import run_gui

        return run_gui()
    parser = build_parser()
    args = parser.parse_args(argv)
    _safe_streams(json_out=getattr(args, "json", False))
    if args.command == "diagnose":
        return _run_diagnose(args)
    if args.command == "decode":
        return _run_decode(args)
    if args.command == "witness":
        from sipalg_wizard.elevation import run_witness

        try:
            return run_witness(args.kind, args.target, timeout=args.timeout, output=args.output,
                               local_hint=args.local_hint)
        except OSError as exc:
            print(f"sipalg-wizard: cannot write {args.output}: {exc}", file=sys.stderr)
            return 1

    if args.command == "agent-page":
        return _run_agent_page(args)
    if args.command == "lab":
        from sipalg_wizard.lab.cli import run_lab

        return run_lab(args)
    from sipalg_wizard.ui.app import run_gui

    return run_gui(reflector=args.reflector, profile_path=args.profile)


if __name__ == "__main__":
    sys.exit(main())
