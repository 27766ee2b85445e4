"""``sipalg-wizard decode CODE`` run as the agent runs it: a separate process."""

import subprocess
import sys

import pytest

from sipalg_wizard.diagnosis import supportcode


def decode(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sipalg_wizard", "decode", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_valid_code_exits_0_and_reads_like_a_sentence():
    code = supportcode.encode("alg_detected", ["via_rewritten", "sdp_connection_rewritten"],
                              "netgear", "netgear")
    run = decode(code)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Verdict:   SIP ALG interference detected" in out
    assert "Stage:     first diagnosis" in out
    assert "Router:    netgear" in out
    assert "Guide:     netgear" in out  # resolved from the hash against the built-in guides
    assert "via_rewritten: The router changed the Via header" in out
    assert "One-way or no audio" in out
    assert "What the customer was told:" in out and "1. Turn off the SIP ALG" in out
    assert run.stderr == ""


def test_spoken_form_lowercase_spaces_and_lookalikes_are_accepted():
    code = supportcode.encode("no_alg_detected", [], "avm", None, "verify_after_restart")
    spoken = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    run = decode(spoken)
    assert run.returncode == 0, run.stderr
    assert "no SIP ALG interference seen" in run.stdout
    assert "after the fix and a router restart" in run.stdout
    assert "Guide:     none chosen yet" in run.stdout and "Fixed." in run.stdout


def test_verify_stage_with_the_alg_still_there_says_restart_the_router():
    run = decode(supportcode.encode("alg_detected", ["contact_rewritten"], "tp-link", "tp-link", "verify"))
    assert run.returncode == 0
    assert "Restart the router, then test again." in run.stdout


def _one_typo(code: str) -> str:
    plain = code.replace("-", "")
    wrong = next(c for c in supportcode.ALPHABET if c != plain[5])
    return plain[:5] + wrong + plain[6:]


@pytest.mark.parametrize("mangle", [_one_typo, lambda c: c[:-1], lambda c: c.replace(c[0], "U", 1)])
def test_a_mistyped_code_fails_with_a_clear_message(mangle):
    code = supportcode.encode("alg_detected", ["via_rewritten"], "netgear", "netgear")
    run = decode(mangle(code))
    assert run.returncode != 0
    assert "is not a valid support code" in run.stderr
    assert "read it again" in run.stderr
    assert run.stdout == ""


def test_missing_code_is_a_usage_error():
    run = decode()
    assert run.returncode == 2 and "code" in run.stderr
