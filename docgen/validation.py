"""Input validation: one answer listing every problem, each with its JSON path.

pydantic stops nothing at the first error, which is what callers need
(DESIGN: "errors tell the user everything at once"). Its errors become
problems with JSON paths (``attendees.members[2].name``,
``assessment.criteria["I.1"].a``) and Vietnamese messages through
:mod:`criteria.problems`, the same translation the assessment and the API use;
this module adds the problems of the form's own checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from criteria.problems import ROOT, problems_from_pydantic
from docgen.errors import FormInputError, Problem
from docgen.normalize import normalize_data
from docgen.registry import FormSpec


def validate(spec: FormSpec, data: Any) -> BaseModel:
    """The form's input model built from ``data``; raises FormInputError with every problem."""
    if isinstance(data, spec.model):
        data = data.model_dump(mode="json")
    if not isinstance(data, Mapping):
        raise FormInputError(
            spec.id, [Problem("DICT_TYPE", ROOT, "Dữ liệu phải là một đối tượng JSON.")]
        )
    data = normalize_data(dict(data))
    problems: list[Problem] = []
    model: BaseModel | None = None
    try:
        model = spec.model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from_pydantic(exc))
    seen = {p.path for p in problems}
    for check in spec.checks:
        for problem in check(data):
            if problem.path not in seen:
                problems.append(problem)
                seen.add(problem.path)
    if problems or model is None:
        raise FormInputError(spec.id, problems)
    return model


def input_warnings(form_id: str, data: Any) -> list[Problem]:
    """Facts in valid input that contradict each other (each with its JSON path), for the
    caller to check; raises FormInputError when the input is not valid at all."""
    from docgen.registry import get_form

    spec = get_form(form_id)
    model = validate(spec, data)
    return [problem for warn in spec.warnings for problem in warn(model)]
