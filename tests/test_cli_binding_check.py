"""``diagnose --binding-check SECONDS``: validated (0..120), off by default, passed to the probe."""

from __future__ import annotations

import pytest

from sipalg_wizard import cli
from sipalg_wizard.diagnosis import pipeline


def test_binding_check_is_off_by_default_and_bounded(capsys):
    parser = cli.build_parser()
    assert parser.parse_args(["diagnose"]).binding_check == 0.0
    assert parser.parse_args(["diagnose", "--binding-check", "3"]).binding_check == 3.0
    assert parser.parse_args(["diagnose", "--binding-check", "120"]).binding_check == 120.0
    for bad in ("-1", "121", "soon"):
        with pytest.raises(SystemExit) as exc:
            parser.parse_args(["diagnose", "--binding-check", bad])
        assert exc.value.code == 2
    assert "binding check" in capsys.readouterr().err


def test_pipeline_passes_it_only_when_asked(monkeypatch):
    seen = []

    def fake(reflector, **kw):
        seen.append(kw)
        from sipalg_wizard.probe.models import ProbeResult

        return ProbeResult(reflector=reflector)

    import threading

    for check in (0.0, 2.5):
        options = pipeline.Options(reflector="127.0.0.1:5060", method="reflector",
                                   binding_check=check)
        pipeline.run_probes(options, None, lambda *a: None, threading.Event(),
                            runners={"reflector": fake})
    assert "binding_check" not in seen[0] and seen[1]["binding_check"] == 2.5
