"""ETSI EN 319 102-1 outcomes: findings, their precedence, and the file's verdict.

Every check of a signature yields zero or more findings; the signature's
indication is the worst one, where a failure outranks an indeterminate
result (a file that is both untrusted and modified after signing is
``invalid``, not ``indeterminate``). Among findings of equal rank the first
one recorded names the sub-indication, so checks are recorded in the order
of the standard: format, hash, signature value, modifications, then trust,
time, revocation, constraints.
"""

from __future__ import annotations

from dataclasses import dataclass

from verify.report import AdministrativeFields, Indication, SignatureReport, Verdict

_RANK: dict[Indication, int] = {"TOTAL_PASSED": 0, "INDETERMINATE": 1, "TOTAL_FAILED": 2}

REQUIRED_FIELDS = ("number", "date", "type", "agency")
"""Fields without which a document does not count as evidence (issue 4)."""


@dataclass(frozen=True)
class Finding:
    """One check's non-passing outcome, in ETSI vocabulary, with the reason in Vietnamese.

    ``check`` names the policy check that produced it (``verify.policy``
    reads its level there); ``None`` marks integrity findings, which no
    policy can relax. ``topic``: the row of the reviewer's table of checks
    (``verify.checks``) when the sub-indication alone does not say it (a
    FORMAT_FAILURE may be about coverage, changes or the signature itself).
    """

    indication: Indication
    sub_indication: str | None
    message: str
    check: str | None = None
    topic: str | None = None


def failed(sub: str, message: str, check: str | None = None, topic: str | None = None) -> Finding:
    return Finding("TOTAL_FAILED", sub, message, check, topic)


def indeterminate(sub: str, message: str, check: str | None = None) -> Finding:
    return Finding("INDETERMINATE", sub, message, check)


def combine(findings: list[Finding]) -> tuple[Indication, str | None]:
    """The worst finding's indication and sub-indication; TOTAL_PASSED when none."""
    worst: Finding | None = None
    for finding in findings:
        if worst is None or _RANK[finding.indication] > _RANK[worst.indication]:
            worst = finding
    if worst is None:
        return "TOTAL_PASSED", None
    return worst.indication, worst.sub_indication


def file_verdict(signatures: list[SignatureReport]) -> Verdict:
    """``valid`` only when every signature passed; any failure makes it ``invalid``."""
    if not signatures:
        return "unsigned"
    indications = {s.indication for s in signatures}
    if "TOTAL_FAILED" in indications:
        return "invalid"
    if indications == {"TOTAL_PASSED"}:
        return "valid"
    return "indeterminate"


def missing_fields(fields: AdministrativeFields) -> list[str]:
    """Required administrative fields that were not found."""
    return [name for name in REQUIRED_FIELDS if getattr(fields, name) in (None, "")]


def is_accepted(
    verdict: Verdict,
    missing: list[str],
    fields_checked: bool,
    *,
    administrative: bool | None = True,
) -> bool:
    """Counts as evidence: a valid signature, an administrative document, its required fields.

    When the fields were not checked we cannot say the document is a proper
    administrative document, so it does not count; nor does a contract or a
    form (``administrative`` False).
    """
    if verdict != "valid" or not fields_checked or administrative is False:
        return False
    return not any(name in REQUIRED_FIELDS for name in missing)
