"""Whether a criterion is evidenced: its required documents against the files filed for it.

Each criterion of a catalog lists the documents its evidence needs
(``Criterion.documents``: kinds, issuer, period, transcribed from the
seeds). A filed PDF *counts* when the verifier accepted it (valid signature;
number, date, type and agency present) and it is one of those documents:
of a kind asked, issued by whom the catalog says, dated or written for the
right year or period. The criterion is *evidenced* when every required
document has a counting file of its own — one file never stands for two
documents (Thanh Hóa 1.1 needs a period plan, a yearly plan and a report).

Everything here is a function of (the criterion's requirements, the files
with their verification reports, the assessment year, the unit): the
dossier checker gathers the files, the appraisal chain can call it again on
stored reports. Each failed condition is its own reason, in Vietnamese,
naming the file or the missing document, so a commune fixes everything in
one round.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from criteria.assessment import Unit
from criteria.catalog import Criterion, RequiredDocument
from criteria.document_kinds import describe_kinds, kind_label, kind_of, kind_satisfies
from criteria.filed import DocumentReport, FiledFile, describe_document, report_reasons
from criteria.issuers import issuer_problem, issuer_text, signer_problem
from criteria.periods import period_problem, period_text


class EvidenceReason(BaseModel):
    """Why (part of) a criterion's evidence does not count, in words a commune can act on."""

    code: str = Field(description="Mã ổn định, ví dụ NO_FOLDER, SIGNATURE_INVALID")
    message: str = Field(description="Mô tả bằng tiếng Việt, nói rõ cần sửa gì")
    file: str | None = Field(None, description="Tệp liên quan (đường dẫn trong hồ sơ)")


class RequirementCheck(BaseModel):
    """One required document of the criterion, and the file that provides it (if any)."""

    name: str = Field(description="Tên tài liệu theo văn bản nguồn")
    description: str = Field(description="Loại, cơ quan ban hành, thời gian, cho đơn vị và năm này")
    met: bool
    file: str | None = Field(None, description="Tệp đáp ứng tài liệu này")
    document: str | None = Field(None, description="Số, ký hiệu, ngày, trích yếu của văn bản đó")


class FileVerdict(BaseModel):
    """One filed file judged against the criterion: does it count, and if not, why."""

    path: str
    counts: bool = False
    document: str | None = None
    reasons: list[EvidenceReason] = Field(default_factory=list)
    explanation: bool = Field(
        False, description="Tệp giải trình của đơn vị (không phải minh chứng)"
    )


class CriterionEvidence(BaseModel):
    """What the files filed for one criterion prove: the input of ``criteria.appraisal``."""

    evidenced: bool
    documents: list[str] = Field(
        default_factory=list,
        description="Văn bản minh chứng được chấp nhận: số, ký hiệu, ngày, trích yếu",
    )
    reasons: list[EvidenceReason] = Field(default_factory=list)
    folder: str | None = Field(None, description="Thư mục của tiêu chí trong hồ sơ")
    requirements: list[RequirementCheck] = Field(default_factory=list)
    explanation_file: str | None = Field(None, description="Tệp giải trình tìm thấy trong hồ sơ")


def describe_requirement(required: RequiredDocument, unit: Unit, year: int) -> str:
    """``Kế hoạch của Ủy ban nhân dân xã Tân Thịnh, của giai đoạn bao gồm năm 2024``."""
    text = f"{describe_kinds(required.kinds)} {issuer_text(required, unit)}, "
    text += period_text(required, year)
    if required.illustrations:
        text += " (hoặc hình ảnh minh chứng)"
    return text


def _requirement_problems(
    report: DocumentReport, required: RequiredDocument, unit: Unit, year: int
) -> list[tuple[str, str]]:
    """Why this accepted-or-not document is not ``required``: issuer, signer, period."""
    found: list[tuple[str, str]] = []
    issuer = issuer_problem(report, required, unit)
    if issuer is not None:
        found.append(("WRONG_ISSUER", issuer))
    signer = signer_problem(report, unit)
    if signer is not None:
        found.append(("SIGNER_NOT_ISSUER", signer))
    period = period_problem(report, required, year)
    if period is not None:
        found.append(period)
    return found


class _Judged:
    """A file's judgement while the criterion is being decided."""

    def __init__(self, file: FiledFile) -> None:
        self.file = file
        self.reasons: list[tuple[str, str]] = []
        self.satisfies: list[int] = []
        self.document: str | None = None


def _judge_pdf(
    judged: _Judged, criterion: Criterion, report: DocumentReport, unit: Unit, year: int
) -> None:
    judged.reasons.extend(report_reasons(report))
    if report.verdict != "unreadable":
        judged.document = describe_document(report)
    fields = report.fields
    kind = kind_of(fields.type_code, fields.type)
    if kind is None and fields.type is None:
        return  # no type read: TYPE_MISSING already says so
    candidates = [
        index
        for index, required in enumerate(criterion.documents)
        if not required.kinds or kind_satisfies(kind, fields.subject, required.kinds)
    ]
    if not candidates:
        asked = [k for r in criterion.documents for k in r.kinds]
        shown = kind_label(kind) if kind else (fields.type or "").capitalize()
        judged.reasons.append(
            (
                "WRONG_DOCUMENT_TYPE",
                f"văn bản là {shown}, tiêu chí {criterion.id} cần "
                f"{describe_kinds(list(dict.fromkeys(asked)))}",
            )
        )
        return
    problems = {
        i: _requirement_problems(report, criterion.documents[i], unit, year) for i in candidates
    }
    fitting = [i for i in candidates if not problems[i]]
    if fitting:
        if report.accepted and not judged.reasons:
            judged.satisfies = fitting
        return
    closest = min(candidates, key=lambda i: len(problems[i]))
    judged.reasons.extend(problems[closest])


def _judge(
    file: FiledFile, criterion: Criterion, unit: Unit, year: int, explanation: str | None
) -> _Judged:
    judged = _Judged(file)
    if explanation is not None and file.path == explanation:
        if file.report is not None:
            judged.reasons.extend(report_reasons(file.report))
            judged.document = describe_document(file.report)
        return judged
    if file.kind == "pdf":
        if file.report is None:
            judged.reasons.append(("NOT_VERIFIED", "tệp chưa được kiểm tra"))
        else:
            _judge_pdf(judged, criterion, file.report, unit, year)
    elif file.kind == "illustration":
        judged.satisfies = [i for i, r in enumerate(criterion.documents) if r.illustrations]
        if judged.satisfies:
            judged.document = f"Hình ảnh minh chứng: {file.path}"
    elif file.kind == "refused":
        judged.reasons.append(("FILE_REFUSED", "là liên kết tượng trưng (symlink), không được đọc"))
    elif file.kind == "other":
        judged.reasons.append(
            (
                "FORMAT_NOT_ACCEPTED",
                "định dạng không được chấp nhận; chỉ nộp PDF đã ký số, "
                "hoặc ảnh, video, âm thanh minh họa",
            )
        )
    return judged


def _assign(judged: list[_Judged], needed: int) -> dict[int, int]:
    """Requirement index → index of a distinct file providing it (a maximum matching)."""
    owner: dict[int, int] = {}

    def place(file_index: int, seen: set[int]) -> bool:
        for requirement in judged[file_index].satisfies:
            if requirement in seen:
                continue
            seen.add(requirement)
            if requirement not in owner or place(owner[requirement], seen):
                owner[requirement] = file_index
                return True
        return False

    for index in range(len(judged)):
        if len(owner) == needed:
            break
        place(index, set())
    return owner


def _reason(code: str, text: str, path: str | None = None) -> EvidenceReason:
    if path is None:
        return EvidenceReason(code=code, message=text)
    return EvidenceReason(code=code, message=f"{path}: {text}.", file=path)


def _folder_reasons(
    criterion: Criterion,
    folders: list[str],
    listed: list[_Judged],
    needed: str,
    explained: bool,
) -> list[EvidenceReason]:
    folder = "; ".join(folders)
    if not folders:
        return [
            _reason(
                "NO_FOLDER",
                f"Không có thư mục minh chứng cho tiêu chí {criterion.id}: tạo thư mục "
                f"“{criterion.id}” và đặt vào đó {needed}.",
            )
        ]
    if not listed and explained:
        return [
            _reason(
                "ONLY_EXPLANATION",
                f"Thư mục “{folder}” chỉ có văn bản giải trình, chưa có tài liệu kiểm chứng "
                f"({needed}).",
            )
        ]
    if not listed:
        return [
            _reason(
                "EMPTY_FOLDER",
                f"Thư mục “{folder}” không có tệp nào: hãy nộp {needed}.",
            )
        ]
    unsigned = all(
        j.file.kind in ("illustration", "other")
        or (
            j.file.kind == "pdf"
            and j.file.report is not None
            and j.file.report.verdict == "unsigned"
        )
        for j in listed
    )
    if unsigned and not any(j.satisfies for j in listed):
        return [
            _reason(
                "ONLY_UNSIGNED",
                f"Thư mục “{folder}” chỉ có tệp chưa ký số (ảnh, video, âm thanh chỉ là minh "
                f"họa): cần {needed}, là văn bản PDF đã ký số.",
            )
        ]
    return []


def criterion_evidence(
    criterion: Criterion,
    files: Sequence[FiledFile],
    *,
    unit: Unit,
    year: int,
    folders: Sequence[str] = (),
    explanation_file: str | None = None,
) -> tuple[CriterionEvidence, list[FileVerdict]]:
    """The criterion's verdict, and each file's, from the files filed for it.

    ``folders``: the dossier folders the files came from (none: the dossier
    has no folder for this criterion). ``explanation_file``: the path of the
    unit's written explanation (``explanation.file`` of the assessment); it is
    verified and shown, never counted as evidence.
    """
    listed = [
        j
        for j in (_judge(f, criterion, unit, year, explanation_file) for f in files)
        if j.file.kind != "ignored"
    ]
    owner = _assign(listed, len(criterion.documents))
    checks: list[RequirementCheck] = []
    for index, required in enumerate(criterion.documents):
        provider = listed[owner[index]] if index in owner else None
        checks.append(
            RequirementCheck(
                name=required.name,
                description=describe_requirement(required, unit, year),
                met=provider is not None,
                file=provider.file.path if provider else None,
                document=provider.document if provider else None,
            )
        )
    verdicts = [
        FileVerdict(
            path=j.file.path,
            counts=bool(j.satisfies),
            document=j.document,
            reasons=[_reason(code, text, j.file.path) for code, text in j.reasons],
            explanation=j.file.path == explanation_file,
        )
        for j in listed
    ]
    evidenced = all(check.met for check in checks)
    documents = [v.document for v in verdicts if v.counts and v.document]
    needed = "; ".join(f"“{c.name}” ({c.description})" for c in checks)
    evidence_listed = [j for j in listed if j.file.path != explanation_file]
    folder_reasons = (
        _folder_reasons(
            criterion,
            list(folders),
            evidence_listed,
            needed,
            len(evidence_listed) < len(listed),
        )
        if not evidenced
        else []
    )
    # The folder first, then what is wrong with each file, then what is still missing.
    reasons = folder_reasons + [r for v in verdicts for r in v.reasons]
    if not evidenced and not folder_reasons:
        reasons.extend(
            _reason(
                "REQUIRED_DOCUMENT_MISSING",
                f"Tiêu chí {criterion.id} còn thiếu “{c.name}”: {c.description}.",
            )
            for c in checks
            if not c.met
        )
    found_explanation = explanation_file if any(v.explanation for v in verdicts) else None
    if explanation_file is not None and found_explanation is None:
        reasons.append(
            _reason(
                "EXPLANATION_FILE_MISSING",
                f"Không tìm thấy tệp giải trình “{explanation_file}” của tiêu chí {criterion.id} "
                "trong hồ sơ: nộp kèm tệp đó hoặc sửa đường dẫn (explanation.file) trong "
                "assessment.json.",
            )
        )
    evidence = CriterionEvidence(
        evidenced=evidenced,
        documents=documents,
        reasons=reasons,
        folder="; ".join(folders) if folders else None,
        requirements=checks,
        explanation_file=found_explanation,
    )
    return evidence, verdicts
