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
CheckName = Literal["integrity", "coverage", "changes", "chain", "revocation", "algorithms", "time"]
CheckState = Literal["passed", "info", "warning", "unknown", "failed", "not_checked"]
ChangeKind = Literal[
    "page_added",
    "page_removed",
    "page_content",
    "annotation_added",
    "annotation_changed",
    "annotation_removed",
    "form_field",
    "signature_added",
    "validation_data",
    "document",
    "object_replaced",
    "signed_bytes",
]
CertificateRole = Literal["signer", "issuer", "root", "missing"]
ActionKind = Literal[
    "none",
    "accept",
    "accept_with_warnings",
    "resubmit",
    "resign",
    "confirm_time",
    "install_issuer",
    "install_root",
    "check_online",
    "check_vn_legacy",
    "report_forgery",
]


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


class CertificateInfo(BaseModel):
    """One certificate of the signer's chain, as a reviewer reads it (Acrobat's "Certificate
    Viewer", DSS's certificate chain): who, issued by whom, serial, validity in +07:00."""

    role: CertificateRole = Field(
        description="signer: của người ký; issuer: CA trung gian; root: chứng thư gốc; "
        "missing: CA cần có nhưng không tìm thấy (chỉ có tên)"
    )
    name: str = Field(description="Tên (CN) hoặc chủ thể")
    subject: str | None = None
    issuer: str | None = None
    serial: str | None = Field(None, description="Số hiệu (hệ 16)")
    not_before: datetime | None = Field(None, description="Hiệu lực từ (+07:00)")
    not_after: datetime | None = Field(None, description="Hiệu lực đến (+07:00)")
    valid_at_signing: bool | None = Field(
        None, description="Còn hiệu lực tại thời điểm ký (None: không biết thời điểm ký)"
    )
    trusted_anchor: bool = Field(False, description="Là chứng thư gốc đã cài trong kho tin cậy")
    sha256: str | None = Field(None, description="Dấu vân tay SHA-256 (hệ 16)")


class CheckOutcome(BaseModel):
    """One check of a signature with its own state, so a reviewer never reads a
    missing revocation check under a green "hợp lệ" (one row per check on the page)."""

    name: CheckName
    label: str = Field(description="Tên kiểm tra bằng tiếng Việt")
    state: CheckState
    text: str = Field(description="Kết quả, bằng tiếng Việt")


class Change(BaseModel):
    """One change made to the file after a signature, and where it is.

    ``page``: 1-based page in the file as it is now (None: not on a page);
    ``signed_page``: the same page in the signed revision (None: the page is
    not there). ``area``: [left, top, right, bottom] as fractions of the page
    (annotations), for marking it on a picture. ``revision``: the 1-based
    revision of the file that made the change.
    """

    kind: ChangeKind
    text: str
    permitted: bool = False
    revision: int | None = None
    page: int | None = None
    signed_page: int | None = None
    area: list[float] | None = None
    objects: list[str] = Field(default_factory=list, description="Số đối tượng PDF liên quan")


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
    action: ActionKind = Field(
        "none",
        description="Loại việc cần làm (để giao diện hoặc dòng lệnh gợi ý cách làm riêng)",
    )
    action_by: Literal["reviewer", "administrator", "issuer"] | None = Field(
        None, description="Ai làm: người thẩm định, quản trị hệ thống hay cơ quan ban hành"
    )
    warnings: list[str] = Field(default_factory=list)
    lines: list[str] = Field(default_factory=list)


class SignatureReport(BaseModel):
    """One signature dictionary of the file, with every check's outcome."""

    field: str | None = None
    subfilter: str | None = None
    page: int | None = Field(None, description="Trang có ô chữ ký (1 = trang đầu; None: ẩn)")
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
    signed_length: int | None = Field(
        None,
        description="Bytes of the file the signature covers, from the start (the end of its "
        "/ByteRange): the signed revision is the file cut there",
    )
    changes: list[Change] = Field(
        default_factory=list, description="Thay đổi sau khi ký: loại, trang, phiên bản"
    )
    trusted: bool = False
    chain: list[str] = Field(default_factory=list, description="CN from the signer to the anchor")
    certificates: list[CertificateInfo] = Field(
        default_factory=list,
        description="The chain from the signer's certificate up, as far as it is known",
    )
    digest_algorithm: str | None = None
    key: str | None = Field(None, description="Khoá của người ký, ví dụ 'RSA 2048 bit'")
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
    checks: list[CheckOutcome] = Field(
        default_factory=list, description="One row per check, each with its own state"
    )
    validation_time: datetime | None = Field(None, description="Thời điểm kiểm tra (+07:00)")


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
    garbled: bool = Field(
        False,
        description="Chữ đọc được không phải tiếng Việt có nghĩa (lỗi phông, OCR vụn, chữ "
        "nước ngoài): không được hiển thị như một giá trị đã đọc",
    )


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
    fields_reliable: bool = True
    """False when the fields were read from a file modified after signing (or whose signature
    does not match it): they may show what was added, not what was signed."""
    checked_at: datetime | None = Field(None, description="Thời điểm kiểm tra (+07:00)")
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
