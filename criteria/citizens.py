"""Công dân số (QĐ 590/QĐ-UBND Yên Bái): who qualifies, and the rate over a list.

A citizen qualifies when every criterion that applies to them is met; the
sixth criterion of the first group applies only to party members. Yên Bái's
sở criterion II.8 (civil servants who are digital citizens) is computed from
such a list, so this module is used by the engine for that criterion too.
"""

from __future__ import annotations

from criteria.assessment import Citizen
from criteria.catalog import Catalog
from criteria.errors import Problem
from criteria.results import CitizenResult

CONGDANSO_CATALOG = "yenbai-2023-congdanso"


def evaluate_citizens(
    catalog: Catalog, people: list[Citizen], path: str, problems: list[Problem]
) -> list[CitizenResult]:
    """Each person's qualification; unknown or missing answers become problems."""
    known = {c.id for c in catalog.criteria}
    results: list[CitizenResult] = []
    for index, person in enumerate(people):
        person_path = f"{path}[{index}]"
        for criterion_id in sorted(set(person.criteria) - known):
            problems.append(
                Problem(
                    "UNKNOWN_CRITERION",
                    f"{person_path}.criteria.{criterion_id}",
                    f"Không có tiêu chí công dân số '{criterion_id}' "
                    f"(các mã hợp lệ: {', '.join(c.id for c in catalog.criteria)}).",
                )
            )
        unmet: list[str] = []
        for criterion in catalog.criteria:
            if criterion.applies_to == "party_members" and not person.party_member:
                continue
            answer = person.criteria.get(criterion.id)
            if answer is None:
                problems.append(
                    Problem(
                        "MISSING_ANSWER",
                        f"{person_path}.criteria.{criterion.id}",
                        f"Thiếu kết quả tiêu chí {criterion.id} ({criterion.name[:60]}…).",
                    )
                )
                continue
            if not answer:
                unmet.append(criterion.id)
        results.append(
            CitizenResult(
                name=person.name,
                party_member=person.party_member,
                qualified=not unmet,
                unmet=unmet,
            )
        )
    return results
