"""``POST /verifications`` (multipart ``file``, optional ``catalog``, ``criterion``,
``policy``) and ``GET /verifications/{id}``: the evidence report of ``verify``.

Every upload gets its own row, with its own file name, catalog and criterion.
The report itself is stored once per file content, policy version and trust
store fingerprint (``evidence_reports``, a unique key): the first upload of
some bytes is verified (201), later ones — even twenty at the same moment —
get the stored report (200, ``reused: true``) under their own name. Within a
server, uploads of the same bytes wait for the one verification in progress
instead of each starting their own; across servers the unique key keeps one
stored report whoever wins. When the policy (``Policy.cache_key``: id, version,
content) or the trust store changed, the file is verified again and a new
report stored.

The issuing CAs an upload carries are kept (``Settings.intermediates_dir``)
and offered, as intermediates only, to later verifications. A report whose
signature lacked its issuing CA is stored under the trust fingerprint *and*
the state of those kept CAs, so it is reused only until a later upload
brings new ones; a complete report is reused whatever arrives later.

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
from api.policies import request_policy
from api.runtime import Runtime
from api.trust import trust_fingerprint, with_seen_intermediates
from api.uploads import store_upload, upload_name
from criteria import load_catalog
from verify import Policy, VerifyOptions
from verify.carried import carried_certificates
from verify.truststore import store_intermediates

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
        "policy": (report.report or {}).get("policy"),
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


def _stored_report(
    session: Session, sha256: str, policy: Policy, fingerprint: str
) -> EvidenceReport | None:
    return session.scalars(
        select(EvidenceReport).where(
            EvidenceReport.blob_sha256 == sha256,
            EvidenceReport.policy_version == policy.cache_key,
            EvidenceReport.trust_fingerprint == fingerprint,
        )
    ).first()


def _missing_issuer(report: dict[str, Any] | None) -> bool:
    """A signature of the report lacked its issuing CA (a later upload may bring it)."""
    signatures = (report or {}).get("signatures") or []
    return any((s.get("missing_issuer") or {}).get("kind") == "issuer" for s in signatures)


def _reusable(
    session: Session, sha256: str, policy: Policy, fingerprint: str, seen: str
) -> EvidenceReport | None:
    """A complete stored report, else one that lacked a CA while the kept CAs are the same."""
    stored = _stored_report(session, sha256, policy, fingerprint)
    if stored is not None and not _missing_issuer(stored.report):
        return stored
    return _stored_report(session, sha256, policy, seen)


def _verify_and_store(
    runtime: Runtime, session: Session, sha256: str, policy: Policy, fingerprint: str, seen: str
) -> EvidenceReport:
    """Verify the blob and store its report; if another server stored one first, use that."""
    session.commit()  # no transaction (nor connection) held while the file is verified
    settings = runtime.settings
    options = VerifyOptions(
        trust=settings.trust_paths,
        intermediates=(settings.intermediates_dir,),
        policy=policy,
        validation_time=settings.validation_time,
        time_limit_s=settings.verify_time_limit_s,
    )
    report = runtime.verifiers.verify(runtime.blobs.path_of(sha256), options)
    report.file = ""
    store_intermediates(settings.intermediates_dir, carried_certificates(report))
    data = report.model_dump(mode="json")
    key = seen if _missing_issuer(data) else fingerprint
    row = EvidenceReport(
        id=str(uuid.uuid4()),
        blob_sha256=sha256,
        policy_version=policy.cache_key,
        trust_fingerprint=key,
        verdict=report.verdict,
        accepted=report.accepted,
        report=data,
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        stored = _stored_report(session, sha256, policy, key)
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
    policy: Annotated[
        str | None,
        Form(description="Chính sách kiểm tra: strict (mặc định của máy chủ), vn-legacy…"),
    ] = None,
) -> dict[str, Any]:
    _check_criterion(catalog, criterion)
    chosen = request_policy(runtime.settings, policy)
    blob = store_upload(runtime, session, file, "pdf")
    name = upload_name(file, "minh-chung.pdf")
    audit.record(session, key, "upload", "blob", blob.sha256, blob_sha256=blob.sha256, name=name)
    session.commit()

    fingerprint = trust_fingerprint(runtime.settings.trust_paths)
    with in_progress.hold((blob.sha256, chosen.cache_key, fingerprint)):
        seen = with_seen_intermediates(fingerprint, runtime.settings.intermediates_dir)
        report = _reusable(session, blob.sha256, chosen, fingerprint, seen)
        reused = report is not None
        if report is None:
            report = _verify_and_store(runtime, session, blob.sha256, chosen, fingerprint, seen)
    row = Verification(
        id=str(uuid.uuid4()),
        blob_sha256=blob.sha256,
        report_id=report.id,
        reused=reused,
        file_name=name,
        catalog=catalog,
        criterion=criterion,
        policy_version=chosen.cache_key,
        trust_fingerprint=report.trust_fingerprint,
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
