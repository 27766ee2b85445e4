"""The ALG zoo in CI: every case of ``sipalg_wizard.lab.profiles`` diagnosed for real in its own lab.

Same expectations and same runner as ``benchmarks/accuracy.py``. The selected cases run two at a
time (each in its own namespaces) once per module, then each parametrized test checks its own
case: the verdict, every key finding, and no ALG finding that is neither true nor tolerated.
Cases the probe is known to get wrong carry ``xfail(strict=True)`` with the reason.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from sipalg_wizard.lab.netns import kernel_sip_helper_available, lab_available
from sipalg_wizard.lab.profiles import BY_NAME, CASES
from sipalg_wizard.lab.zoo import ZooLab, score

pytestmark = [pytest.mark.lab, pytest.mark.slow, pytest.mark.timeout(400)]
PARALLEL = 2  # two cores: more labs at a time only add scheduling noise to the probe
PROBE_TIMEOUT = 4.0


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case.gap)] if case.gap else []
        yield pytest.param(case.name, id=case.name, marks=marks)


def _run(name: str):
    if BY_NAME[name].kernel_alg and not kernel_sip_helper_available():
        return None
    with ZooLab(BY_NAME[name]) as zoo:
        outcome = zoo.diagnose(PROBE_TIMEOUT)
        return outcome, zoo.logs()


@pytest.fixture(scope="module")
def zoo_results(request):
    """Run every zoo case selected in this session, in parallel, once."""
    ok, why = lab_available()
    if not ok:
        pytest.skip(why)
    names = [item.callspec.params["case_name"] for item in request.session.items
             if item.module.__name__ == request.module.__name__ and hasattr(item, "callspec")
             and "case_name" in item.callspec.params]
    with ThreadPoolExecutor(PARALLEL) as pool:
        return dict(zip(names, pool.map(_run, names), strict=True))


@pytest.mark.parametrize("case_name", list(_params()))
def test_zoo_case_gets_its_expected_diagnosis(case_name, zoo_results):
    case = BY_NAME[case_name]
    if zoo_results[case_name] is None:
        pytest.skip("this kernel has no SIP helper (/sys/module/nf_conntrack_sip)")
    outcome, logs = zoo_results[case_name]
    result = score(case, outcome)
    assert result.passed, (
        f"{case.name}: expected {case.verdict} with {sorted(case.key)}, got {outcome.verdict} "
        f"with {sorted(outcome.findings)}; missing {sorted(result.missing_key)}, unexpected "
        f"{sorted(result.unexpected)} {outcome.error}\n{logs}")


def test_every_case_names_real_findings_and_behaviours():
    from sipalg_wizard.findings import BY_CODE
    from sipalg_wizard.lab.mangle import BEHAVIOURS

    for case in CASES:
        assert not (case.key | case.also | case.tolerated) - set(BY_CODE), case.name
        assert case.emulator is None or case.emulator in BEHAVIOURS, case.name
        assert case.verdict == "alg_detected" or not case.key, case.name
    used = {case.emulator for case in CASES}
    assert set(BEHAVIOURS) <= used, f"profiles without a zoo case: {set(BEHAVIOURS) - used}"
