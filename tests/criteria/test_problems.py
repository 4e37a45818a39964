"""pydantic's errors become one kind of problem, in Vietnamese, wherever the JSON came in."""

from __future__ import annotations

from typing import Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from criteria.problems import ROOT, json_path, problems_from_pydantic, under


class _Row(BaseModel):
    kind: Literal["a", "b"]
    count: int = Field(ge=0)


class _Doc(BaseModel):
    rows: list[_Row]
    criteria: dict[str, int]


def test_paths_quote_criterion_ids_and_index_lists() -> None:
    """Criterion ids are quoted with or without a dot; list indexes are bracketed."""
    assert json_path(("criteria", "I.1", "a")) == 'criteria["I.1"].a'
    assert json_path(("criteria", "1", "a")) == 'criteria["1"].a'
    assert json_path(("rows", 2, "kind")) == "rows[2].kind"
    assert json_path(()) == ROOT
    assert under("assessment", "year") == "assessment.year"
    assert under("assessment", ROOT) == "assessment"


def test_every_pydantic_error_is_translated_with_its_path() -> None:
    """No English message of pydantic survives; limits and choices are named."""
    with pytest.raises(ValidationError) as caught:
        _Doc.model_validate({"rows": [{"kind": "c", "count": -1}], "criteria": {"I.1": "x"}})
    problems = {p.path: p.message for p in problems_from_pydantic(caught.value)}
    assert problems == {
        "rows[0].kind": "Giá trị không hợp lệ. Giá trị cho phép: 'a' hoặc 'b'.",
        "rows[0].count": "Giá trị quá nhỏ. Giá trị nhỏ nhất: 0.",
        'criteria["I.1"]': "Phải là số nguyên.",
    }
