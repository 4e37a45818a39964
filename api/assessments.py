"""``POST /assessments/evaluate``: the evaluated assessment of ``criteria.evaluate``.

The body is taken as plain JSON and handed to the engine, which validates it
and lists every problem with its JSON path (422 with the envelope).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body

from api.auth import Reader
from criteria import assessment_json_schema, evaluate

router = APIRouter(prefix="/assessments", tags=["assessments"])


@router.get("/schema")
def assessment_schema(_key: Reader) -> dict[str, Any]:
    """The JSON Schema an assessment posted to ``/assessments/evaluate`` must follow."""
    return assessment_json_schema()


@router.post("/evaluate")
def evaluate_assessment(_key: Reader, assessment: dict[str, Any] = Body(...)) -> dict[str, Any]:
    result: dict[str, Any] = evaluate(assessment).model_dump(mode="json")
    return result
