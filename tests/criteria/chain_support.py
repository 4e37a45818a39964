"""Builders for the chain tests: an example assessment checked with chosen evidence, and actors."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from criteria import evaluate, load_catalog
from criteria.actors import Actor
from criteria.appraisal import appraise
from criteria.engine import parse_assessment
from criteria.evidence import CriterionEvidence, EvidenceReason
from criteria.workflow import RoundFacts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "assessments"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def facts(data: dict[str, Any], unevidenced: Iterable[str] = ()) -> RoundFacts:
    """The assessment checked as if every criterion's evidence held, except ``unevidenced``."""
    assessment = parse_assessment(data)
    evaluated = evaluate(assessment)
    missing = set(unevidenced)
    evidence = {
        r.id: CriterionEvidence(evidenced=True, documents=[f"Báo cáo tiêu chí {r.id}"])
        if r.id not in missing
        else CriterionEvidence(
            evidenced=False,
            reasons=[EvidenceReason(code="NO_FOLDER", message=f"Không có thư mục {r.id}.")],
        )
        for r in evaluated.criteria
    }
    appraisal = appraise(assessment, evaluated, evidence)
    return RoundFacts(load_catalog(assessment.catalog), assessment, appraisal)


def unit_actor(data: dict[str, Any], kind: str = "xa") -> Actor:
    unit = data["unit"]
    return Actor(kind, unit["name"], unit["province"], parent=unit.get("parent"))


def district(data: dict[str, Any]) -> Actor:
    return Actor("huyen", data["unit"]["parent"], data["unit"]["province"])


def province_actor(data: dict[str, Any], kind: str, unit: str = "") -> Actor:
    default = {
        "so_tttt": "Sở Thông tin và Truyền thông",
        "ubnd_tinh": f"Ủy ban nhân dân tỉnh {data['unit']['province']}",
    }
    return Actor(kind, unit or default.get(kind, kind), data["unit"]["province"])
