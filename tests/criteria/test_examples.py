"""Every example assessment under examples/ evaluates, with the outcome its name promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from criteria import catalog_ids, evaluate

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "assessments").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_evaluates(path: Path) -> None:
    evaluated = evaluate(json.loads(path.read_text(encoding="utf-8")))
    if "khong-dat" in path.stem:
        assert not evaluated.decision.passed
    elif path.stem.endswith("-dat"):
        assert evaluated.decision.passed


def test_every_catalog_has_an_example() -> None:
    used = {json.loads(p.read_text(encoding="utf-8"))["catalog"] for p in EXAMPLES}
    assert used == set(catalog_ids())
