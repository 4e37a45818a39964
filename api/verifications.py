"""``POST /verifications`` (multipart ``file``, optional ``catalog``, ``criterion``)
and ``GET /verifications/{id}``: the evidence report of ``verify``.

Every upload gets its own row, with its own file name, catalog and criterion.
The report itself is stored once per file content, policy version and trust
store fingerprint (``evidence_reports``, a unique key): the first upload of
some bytes is verified (201), later ones — even twenty at the same moment —
get the stored report (200, ``reused: true``) under their own name. Within a
server, uploads of the same bytes wait for the one verification in progress
instead of each starting their own; across servers the unique key keeps one
stored report whoever wins. When the policy or the trust store changed, the
file is verified again and a new report stored.

The text fields are checked against their column sizes before anything is
stored or verified (on PostgreSQL an oversize value would otherwise fail the
final insert after the whole verification ran).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile, status
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api import audit
from api.auth import Reviewer
from api.db.models import EvidenceReport, Verification, as_utc, max_length
from api.deps import RuntimeDep, SessionDep
from api.errors import NotFound
from api.locks import KeyedLocks
from api.runtime import Runtime
from api.trust import trust_fingerprint
from api.uploads import store_upload, upload_name
from criteria import load_catalog
from verify import POLICY_VERSION, VerifyOptions

router = APIRouter(prefix="/verifications", tags=["verifications"])

CATALOG_MAX = max_length(Verification.catalog)
CRITERION_MAX = max_length(Verification.criterion)

in_progress = KeyedLocks()
"""One verification per (bytes, policy, trust) at a time in this process."""


def verification_json(row: Verification, report: EvidenceReport) -> dict[str, Any]:
    return {
        "id": row.id,
        "file_name": row.file_name,
        "sha256": row.blob_sha256,
        "catalog": row.catalog,
        "criterion": row.criterion,
        "policy_version": row.policy_version,
        "trust_fingerprint": row.trust_fingerprint,
        "created_at": as_utc(row.created_at),
        "reused": row.reused,
        "report_id": report.id,
        "report": report.report | {"file": row.file_name},
    }


def _check_criterion(catalog: str | None, criterion: str | None) -> None:
    """Unknown catalog → 404 (from criteria); unknown criterion of a known catalog → 404."""
    if catalog is None:
        return
    loaded = load_catalog(catalog)
    if criterion is not None and criterion not in {c.id for c in loaded.criteria}:
        raise NotFound(
            f"Bộ tiêu chí '{catalog}' không có tiêu chí '{criterion}'.",
            {"catalog": catalog, "criterion": criterion},
        )


def _stored_report(session: Session, sha256: str, fingerprint: str) -> EvidenceReport | None:
    return session.scalars(
        select(EvidenceReport).where(
            EvidenceReport.blob_sha256 == sha256,
            EvidenceReport.policy_version == POLICY_VERSION,
            EvidenceReport.trust_fingerprint == fingerprint,
        )
    ).first()


def _verify_and_store(
    runtime: Runtime, session: Session, sha256: str, fingerprint: str
) -> EvidenceReport:
    """Verify the blob and store its report; if another server stored one first, use that."""
    session.commit()  # no transaction (nor connection) held while the file is verified
    options = VerifyOptions(
        trust=runtime.settings.trust_paths,
        validation_time=runtime.settings.validation_time,
        time_limit_s=runtime.settings.verify_time_limit_s,
    )
    report = runtime.verifiers.verify(runtime.blobs.path_of(sha256), options)
    report.file = ""
    row = EvidenceReport(
        id=str(uuid.uuid4()),
        blob_sha256=sha256,
        policy_version=POLICY_VERSION,
        trust_fingerprint=fingerprint,
        verdict=report.verdict,
        accepted=report.accepted,
        report=report.model_dump(mode="json"),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        stored = _stored_report(session, sha256, fingerprint)
        assert stored is not None
        return stored
    session.commit()
    return row


@router.post("", status_code=status.HTTP_201_CREATED)
def create_verification(
    key: Reviewer,
    runtime: RuntimeDep,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Tệp PDF minh chứng")],
    catalog: Annotated[str | None, Form(max_length=CATALOG_MAX)] = None,
    criterion: Annotated[str | None, Form(max_length=CRITERION_MAX)] = None,
) -> dict[str, Any]:
    _check_criterion(catalog, criterion)
    blob = store_upload(runtime, session, file, "pdf")
    name = upload_name(file, "minh-chung.pdf")
    audit.record(session, key, "upload", "blob", blob.sha256, blob_sha256=blob.sha256, name=name)
    session.commit()

    fingerprint = trust_fingerprint(runtime.settings.trust_paths)
    with in_progress.hold((blob.sha256, POLICY_VERSION, fingerprint)):
        report = _stored_report(session, blob.sha256, fingerprint)
        reused = report is not None
        if report is None:
            report = _verify_and_store(runtime, session, blob.sha256, fingerprint)
    row = Verification(
        id=str(uuid.uuid4()),
        blob_sha256=blob.sha256,
        report_id=report.id,
        reused=reused,
        file_name=name,
        catalog=catalog,
        criterion=criterion,
        policy_version=POLICY_VERSION,
        trust_fingerprint=fingerprint,
        verdict=report.verdict,
        accepted=report.accepted,
        created_by=key.id,
    )
    session.add(row)
    action = "verify_reused" if reused else "verify"
    audit.record(
        session, key, action, "verification", row.id, blob_sha256=blob.sha256, verdict=row.verdict
    )
    session.commit()
    if reused:
        response.status_code = status.HTTP_200_OK
    return verification_json(row, report)


@router.get("/{verification_id}")
def get_verification(verification_id: str, _key: Reviewer, session: SessionDep) -> dict[str, Any]:
    row = session.get(Verification, verification_id[:64])
    report = session.get(EvidenceReport, row.report_id) if row and row.report_id else None
    if row is None or report is None:
        raise NotFound(f"Không có kết quả kiểm tra '{verification_id[:64]}'.")
    return verification_json(row, report)
