"""Oracle: our own rules against Rapid7 Recog's router examples (BSD-2, read from ../shared).

The project does not copy Recog's data; this test only measures how many router-related examples
(http_servers, http_wwwauth, html_title, x509_subjects) of vendors we cover get the right vendor.
"""

from __future__ import annotations

import pytest
from recog_oracle import measure

from sipalg_wizard.identify.fingerprints import database


def test_recog_router_examples_identified(shared_dir, capsys):
    recog = shared_dir / "recog"
    if not (recog / "http_servers.xml").is_file():
        pytest.skip("../shared/recog is missing")
    right, total, misses = measure(database(), recog)
    share = right / total
    with capsys.disabled():
        print(f"\nRecog oracle: {right}/{total} router examples identified with the right vendor "
              f"({share:.1%})")
        for case, got in misses:
            print(f"  miss: {case.file}: {case.example!r} -> {got} (expected {case.expected})")
    assert total >= 100  # the oracle really measured something
    assert share >= 0.90
