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

    from sipalg_wizard.lab.cli import add_lab_parser

    add_lab_parser(sub)  # sipalg-wizard lab: the namespace lab with a chosen ALG (Linux, root)
    return parser


def _run_diagnose(args: argparse.Namespace) -> int:
    from sipalg_wizard.diagnosis import pipeline
    from sipalg_wizard.diagnosis.verdict import EXIT_CODES
    from sipalg_wizard.profile import ProfileError, load_profile

    try:
        profile = load_profile(args.sub_profile or args.profile)
    except ProfileError as exc:
        print(f"sipalg-wizard: {exc}", file=sys.stderr)
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
    """Tell the agent what a support code means: verdict, stage, router, guide, findings, advice."""
    from sipalg_wizard.diagnosis import supportcode
    from sipalg_wizard.diagnosis.explain import explain_codes
    from sipalg_wizard.diagnosis.verify import told_at_stage
    from sipalg_wizard.findings import BY_CODE, SYMPTOMS

    titles: dict[str, str] = {}
    try:  # the guides only add names; a broken guide folder must not stop the decoding
        from sipalg_wizard.guides.loader import load_all

        titles = {g.id: g.title for g in load_all().guides}
    except Exception:
        titles = {}
    try:
        decoded = supportcode.decode(args.code, known_guides=titles)
    except supportcode.SupportCodeError as exc:
        print(f"sipalg-wizard: {args.code!r} is not a valid support code: {exc}.\n"
              "Ask the customer to read it again, one character at a time "
              f"(a code has {supportcode.LENGTH} characters, for example C000-0040-89C0).",
              file=sys.stderr)
        return 1
    verdicts = {"alg_detected": "SIP ALG interference detected",
                "no_alg_detected": "no SIP ALG interference seen",
                "inconclusive": "inconclusive (the test could not finish)"}
    stages = {"diagnosis": "first diagnosis",
              "verify": "re-test after the fix (router not yet restarted)",
              "verify_after_restart": "re-test after the fix and a router restart"}
    if decoded.guide:
        guide = f"{decoded.guide} — {titles[decoded.guide]}"
    elif decoded.guide_candidates:
        guide = "one of " + ", ".join(decoded.guide_candidates)
    elif decoded.guide_hash:
        guide = f"not in this copy's guides (#{decoded.guide_hash}; an ISP guide pack?)"
    else:
        guide = "none chosen yet"
    out = [f"Support code {args.code.strip().upper()}",
           f"Verdict:   {verdicts.get(decoded.verdict, decoded.verdict)}",
           f"Stage:     {stages.get(decoded.stage, decoded.stage)}",
           f"Router:    {decoded.vendor}",
           f"Guide:     {guide}",
           "Findings:" + ("  none" if not decoded.findings else "")]
    out += [f"  - {code}: {BY_CODE[code].meaning}" for code in decoded.findings]
    symptoms = sorted({s for code in decoded.findings for s in BY_CODE[code].symptoms},
                      key=list(SYMPTOMS).index)
    if symptoms:
        out.append("Explains:  " + "; ".join(SYMPTOMS[s] for s in symptoms))
    told = explain_codes(decoded.verdict, decoded.findings, decoded.vendor,
                         guide={"id": decoded.guide, "title": titles[decoded.guide]}
                         if decoded.guide else None)
    headline, steps = told.headline, [step.text for step in told.next_steps]
    at_verify = told_at_stage(decoded.verdict, decoded.stage)
    if at_verify is not None:  # the Verify page's words, not the first diagnosis's
        headline, said = at_verify
        steps = said or steps
    out += ["", "What the customer was told:", f"  {headline}"]
    out += [f"  {i}. {step}" for i, step in enumerate(steps, 1)]
    print("\n".join(out))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # a double-click: straight to the window, without building every sub-command
        from sipalg_wizard.ui.app import run_gui

        return run_gui()
    parser = build_parser()
    args = parser.parse_args(argv)
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
    if args.command == "lab":
        from sipalg_wizard.lab.cli import run_lab

        return run_lab(args)
    from sipalg_wizard.ui.app import run_gui

    return run_gui(reflector=args.reflector, profile_path=args.profile)


if __name__ == "__main__":
    sys.exit(main())
