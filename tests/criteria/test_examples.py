"""Every example assessment under examples/ evaluates, with the outcome its name promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria import catalog_ids, evaluate

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "assessments").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_evaluates(path: Path) -> None:
    """``-dat`` passes, ``khong-dat`` fails, ``cho-tham-dinh`` awaits, the monitoring set only monitors."""
    evaluated = evaluate(json.loads(path.read_text(encoding="utf-8")))
    outcome = evaluated.decision.outcome
    if "khong-dat" in path.stem:
        assert outcome == "khong_dat"
    elif path.stem.endswith("-dat"):
        assert outcome == "dat"
    elif path.stem.endswith("cho-tham-dinh"):
        assert outcome == "cho_tham_dinh"
    elif evaluated.catalog_id == "yenbai-chitieu-tinh":
        assert outcome == "theo_doi" and evaluated.decision.passed is None


def test_every_catalog_has_an_example() -> None:
    used = {json.loads(p.read_text(encoding="utf-8"))["catalog"] for p in EXAMPLES}
    assert used == set(catalog_ids())
