"""Diagnosis accuracy over the ALG zoo: every case, the real diagnosis, one table.

Run as root on Linux (it builds network namespaces and tears them down)::

    .venv/bin/python benchmarks/accuracy.py               # every case, one after the other
    .venv/bin/python benchmarks/accuracy.py --jobs 3      # three labs at a time (faster, noisier times)
    .venv/bin/python benchmarks/accuracy.py --case full --case kernel_alg --markdown

For each case of ``sipalg_wizard/lab/profiles.py`` (the one place the expectations live, shared with
``tests/lab/test_zoo.py``) it builds the lab, starts the reflector and the ALG, runs
``sipalg-wizard diagnose --json --timeout 4`` in the LAN namespace as a real process and scores the
answer. Then one line per class of behaviour (``ZooCase.family``). Columns: expected verdict and
key findings; actual verdict and ALG findings (``+x`` a finding
that is neither true nor tolerated, ``-x`` a missing key finding); the time of the diagnose process
(interpreter start-up included) and of the lab set-up. Totals: correct verdicts, false positives
(an ALG reported where there is none), false negatives (an ALG missed), and finding-level precision
and recall against everything each router really does (``key`` + ``also``). Exit status 0 when every
case without a known gap passed, 1 otherwise, 2 when the lab cannot run here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sipalg_wizard.lab.netns import kernel_sip_helper_available, lab_available
from sipalg_wizard.lab.profiles import BY_NAME, CASES, ZooCase
from sipalg_wizard.lab.zoo import Outcome, Score, ZooLab, score

SHORT_VERDICT = {"alg_detected": "ALG", "no_alg_detected": "no ALG", "inconclusive": "inconcl.",
                 None: "ERROR"}


def short(code: str) -> str:
    return code.removesuffix("_rewritten")


def run_one(case: ZooCase, timeout: float) -> tuple[Score, float]:
    try:
        with ZooLab(case) as zoo:
            outcome = zoo.diagnose(timeout)
            setup = zoo.setup_seconds
    except Exception as exc:  # a case that cannot even be built is a failed case, not a crash
        outcome, setup = Outcome(case.name, error=f"{type(exc).__name__}: {exc}"), 0.0
    return score(case, outcome), setup


def describe_actual(s: Score) -> str:
    parts = [SHORT_VERDICT.get(s.outcome.verdict, str(s.outcome.verdict))]
    parts += [("+" if code in s.unexpected else "") + short(code) for code in sorted(s.found)]
    parts += ["-" + short(code) for code in sorted(s.missing_key)]
    if s.outcome.error:
        parts.append(f"[{s.outcome.error.splitlines()[0][:60]}]")
    return " ".join(parts)


def status(s: Score) -> str:
    if s.passed:
        return "ok" if not s.case.gap else "ok (gap fixed?)"
    return "known gap" if s.case.gap else "FAIL"


def print_classes(scores: list[Score], markdown: bool) -> None:
    """One line per class of behaviour (``ZooCase.family``): cases, passed, false positives and
    false negatives, so a regression in one kind of router stands out."""
    families: dict[str, list[Score]] = {}
    for s in scores:
        families.setdefault(s.case.family, []).append(s)
    header = ("class", "cases", "passed", "false pos.", "false neg.")
    rows = [(name, str(len(group)), str(sum(s.passed for s in group)),
             str(sum(s.false_positive for s in group)), str(sum(s.false_negative for s in group)))
            for name, group in sorted(families.items())]
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(BY_NAME), metavar="NAME",
                        help="run only this case (repeatable; default: all)")
    parser.add_argument("--timeout", type=float, default=4.0, help="diagnose --timeout (default 4)")
    parser.add_argument("--jobs", type=int, default=1, help="labs at a time (default 1)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    ok, why = lab_available()
    if not ok:
        print(f"accuracy: cannot build the lab here: {why}", file=sys.stderr)
        return 2
    cases = [BY_NAME[name] for name in args.case] if args.case else list(CASES)
    if not kernel_sip_helper_available():
        skipped = [c.name for c in cases if c.kernel_alg]
        cases = [c for c in cases if not c.kernel_alg]
        print(f"accuracy: no kernel SIP helper here; skipping {', '.join(skipped)}", file=sys.stderr)
    started = time.perf_counter()
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: run_one(c, args.timeout), cases))
    wall = time.perf_counter() - started

    header = ("case", "expected", "actual", "result", "diag s", "setup s")
    rows = [(s.case.name,
             " ".join([SHORT_VERDICT[s.case.verdict], *map(short, sorted(s.case.key))]),
             describe_actual(s), status(s), f"{s.outcome.seconds:.1f}", f"{setup:.1f}")
            for s, setup in results]
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())

    scores = [s for s, _ in results]
    print()
    print_classes(scores, args.markdown)
    n = len(scores)
    correct = sum(s.verdict_ok for s in scores)
    fps = [s.case.name for s in scores if s.false_positive]
    fns = [s.case.name for s in scores if s.false_negative]
    tp = sum(len(s.true_fields) for s in scores)
    fp = sum(len(s.false_fields) for s in scores)
    fn = sum(len(s.case.truth - s.found) for s in scores)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    diag_times = [s.outcome.seconds for s in scores if s.outcome.seconds]
    passed = sum(s.passed for s in scores)
    unexpected_failures = [s.case.name for s in scores if not s.passed and not s.case.gap]
    print()
    print(f"cases: {n}   passed (verdict + key findings, nothing false): {passed}/{n}   "
          f"failed with a known probe gap: {sum(1 for s in scores if not s.passed and s.case.gap)}")
    print(f"correct verdicts: {correct}/{n}")
    print(f"false positives (ALG reported, none there): {len(fps)} {fps if fps else ''}".rstrip())
    print(f"false negatives (ALG there, not reported): {len(fns)} {fns if fns else ''}".rstrip())
    print(f"finding-level precision: {precision:.3f} ({tp} true / {tp + fp} reported)   "
          f"recall: {recall:.3f} ({tp} found / {tp + fn} true)")
    if diag_times:
        print(f"diagnose time: median {statistics.median(diag_times):.2f} s, "
              f"max {max(diag_times):.2f} s   whole zoo: {wall:.1f} s with --jobs {args.jobs}")
    if unexpected_failures:
        print(f"UNEXPECTED FAILURES: {', '.join(unexpected_failures)}")
    return 1 if unexpected_failures else 0


if __name__ == "__main__":
    sys.exit(main())
