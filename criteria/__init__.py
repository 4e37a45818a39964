"""The rules: catalogs of criteria (data files) and the evaluation engine.

Depends on nothing else of hoso. Public API::

    from criteria import evaluate, load_catalog, catalog_ids
    evaluated = evaluate(assessment_json)   # raises AssessmentError on bad input
"""

from criteria.assessment import Assessment, assessment_json_schema
from criteria.catalog import Catalog, Criterion
from criteria.engine import evaluate, parse_assessment
from criteria.errors import (
    AssessmentError,
    CatalogError,
    CatalogNotFoundError,
    CriteriaError,
    Problem,
)
from criteria.loader import all_catalogs, catalog_ids, load_catalog
from criteria.results import CriterionResult, EvaluatedAssessment

__all__ = [
    "Assessment",
    "AssessmentError",
    "Catalog",
    "CatalogError",
    "CatalogNotFoundError",
    "CriteriaError",
    "Criterion",
    "CriterionResult",
    "EvaluatedAssessment",
    "Problem",
    "all_catalogs",
    "assessment_json_schema",
    "catalog_ids",
    "evaluate",
    "load_catalog",
    "parse_assessment",
]
