"""The evidence report: what ``verify_pdf`` returns and ``hoso verify --json`` prints.

A bad signature is a result, not an exception: everything a reviewer needs to
decide is in this report, in the vocabulary of ETSI EN 319 102-1.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["valid", "invalid", "indeterminate", "unsigned", "unreadable"]
Indication = Literal["TOTAL_PASSED", "TOTAL_FAILED", "INDETERMINATE"]
Coverage = Literal["entire_file", "entire_revision", "partial", "unclear"]
ModifiedAfter = Literal[
    "none", "signatures_or_validation_data", "form_filling", "annotations", "other"
]
Revocation = Literal["good", "revoked", "unknown"]
TimeKind = Literal["timestamp", "claimed", "placeholder", "none"]
FieldSource = Literal["text", "ocr"]
Severity = Literal["error", "warning"]


class Signer(BaseModel):
    common_name: str | None = None
    organization: str | None = None
    subject: str | None = None
    issuer: str | None = None
    serial: str | None = None


class PolicyRef(BaseModel):
    """The validation policy a report was made under."""

    id: str
    version: str


class MissingIssuer(BaseModel):
    """The certificate that would complete the chain, as far as the certificates name it."""

    kind: Literal["issuer", "root"] = Field(
        description="issuer: an issuing CA is missing; root: the chain ends at a root not installed"
    )
    name: str = Field(description="Tên (CN) của chứng thư còn thiếu")
    subject: str
    urls: list[str] = Field(default_factory=list, description="Địa chỉ AIA caIssuers để tải")
    named_by: str | None = Field(None, description="Chứng thư ghi tên CA này là nơi cấp")
    other_key_installed: bool = Field(
        False, description="A certificate of that name is installed, with another key (re-keyed CA)"
    )


class SignatureSummary(BaseModel):
    """The answer a reviewer can act on, in Vietnamese, first line first.

    ``lines`` is the whole answer as text (the CLI prints it, the reviewers'
    page shows it); the other fields are the same facts, structured.
    """

    headline: str
    signer: str
    issuer: str | None = None
    time: datetime | None = Field(None, description="Giờ Việt Nam (+07:00)")
    time_kind: TimeKind = "none"
    time_note: str | None = None
    intact: bool
    revision: int | None = Field(None, description="Phiên bản tệp được ký (1 = bản đầu)")
    revisions: int | None = None
    trust: str
    revocation: str
    next_step: str
    warnings: list[str] = Field(default_factory=list)
    lines: list[str] = Field(default_factory=list)


class SignatureReport(BaseModel):
    """One signature dictionary of the file, with every check's outcome."""

    field: str | None = None
    subfilter: str | None = None
    signer: Signer = Field(default_factory=Signer)
    signing_time: datetime | None = Field(
        None, description="The moment the checks used, in +07:00 (None when unknown)"
    )
    signing_time_source: Literal["timestamp", "claimed"] | None = None
    claimed_time: datetime | None = Field(
        None, description="The time the signer's software wrote, in +07:00, even a placeholder"
    )
    claimed_time_placeholder: bool = False
    intact: bool = False
    coverage: Coverage = "unclear"
    modified_after: ModifiedAfter = "none"
    signed_revision: int | None = Field(None, description="1-based revision the signature covers")
    revisions: int | None = None
    trusted: bool = False
    chain: list[str] = Field(default_factory=list, description="CN from the signer to the anchor")
    missing_issuer: MissingIssuer | None = None
    revocation: Revocation = "unknown"
    online: Literal["not_used", "used", "unreachable"] = "not_used"
    indication: Indication = "INDETERMINATE"
    sub_indication: str | None = None
    messages: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(
        default_factory=list, description="Policy WARN-level findings (indication unaffected)"
    )
    summary: SignatureSummary | None = None


class AdministrativeFields(BaseModel):
    """The thể thức fields of Nghị định 30/2020/NĐ-CP found on the document."""

    agency: str | None = None
    parent_agency: str | None = None
    number: str | None = None
    type_code: str | None = None
    type: str | None = None
    date: dt.date | None = None
    place: str | None = None
    subject: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    source: FieldSource | None = None


class FieldDetail(BaseModel):
    """Where one value of ``fields`` came from, for the reviewer to weigh it.

    ``source``: the PDF's text layer (exact) or OCR of a scan. ``confidence``:
    for OCR, the lowest confidence Tesseract gave a word of the value (0–1);
    None for the text layer. ``page``: 1-based page it was read on.
    ``uncertain``: the value should be checked by a person (low OCR
    confidence, or punctuation restored by hoso); ``note`` says why.
    """

    source: FieldSource
    confidence: float | None = None
    page: int
    uncertain: bool = False
    note: str | None = None


class Problem(BaseModel):
    code: str
    severity: Severity
    message: str


class EvidenceReport(BaseModel):
    file: str
    sha256: str
    verdict: Verdict
    accepted: bool
    policy: PolicyRef | None = Field(None, description="The validation policy: id and version")
    signatures: list[SignatureReport] = Field(default_factory=list)
    fields: AdministrativeFields = Field(default_factory=AdministrativeFields)
    fields_detail: dict[str, FieldDetail] = Field(default_factory=dict)
    """Per value of ``fields`` (same names): where it was read and how sure the reading is."""
    administrative: bool | None = None
    """Whether the document is an administrative document (NĐ 30 header: agency, number,
    type...); None when its text could not be read or the fields were not checked."""
    missing_fields: list[str] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    ca_certificates: list[str] = Field(
        default_factory=list,
        description="Base64 DER of the issuing-CA certificates embedded in the file "
        "(offered to other files of a dossier, and kept by the service, as intermediates)",
    )
