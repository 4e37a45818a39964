"""Signed PDFs from other projects' test suites get the verdicts their authors expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verify import VerifyOptions, verify_pdf

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "external"
EXPECTED = json.loads((CORPUS / "expected.json").read_text()) if CORPUS.is_dir() else {}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/external is absent")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_external_file_verdict(name: str) -> None:
    """Verdict within ``verdict_in``; signature count and integrity as given."""
    expected = EXPECTED[name]
    report = verify_pdf(CORPUS / name, VerifyOptions(isolate=False, check_fields=False))
    assert report.verdict in expected["verdict_in"], expected["why"]
    if "signatures" in expected:
        assert len(report.signatures) == expected["signatures"]
    if "intact" in expected:
        assert all(s.intact == expected["intact"] for s in report.signatures)
