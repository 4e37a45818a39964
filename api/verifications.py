"""``POST /verifications`` (multipart ``file``, optional ``catalog``, ``criterion``)
and ``GET /verifications/{id}``: the evidence report of ``verify``.

The upload is stored before it is read. A file already verified under the
same policy version and trust store fingerprint gets its stored result back
(``reused: true``) instead of a second verification; when either changed the
file is verified again and a new result stored.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile, status
from sqlalchemy import select

from api import audit
from api.auth import Reviewer
from api.db.models import Verification, as_utc
from api.deps import RuntimeDep, SessionDep
from api.errors import NotFound
from api.trust import trust_fingerprint
from api.uploads import store_upload, upload_name
from criteria import load_catalog
from verify import POLICY_VERSION, VerifyOptions

router = APIRouter(prefix="/verifications", tags=["verifications"])


def verification_json(row: Verification, *, reused: bool = False) -> dict[str, Any]:
    return {
        "id": row.id,
        "file_name": row.file_name,
        "sha256": row.blob_sha256,
        "catalog": row.catalog,
        "criterion": row.criterion,
        "policy_version": row.policy_version,
        "trust_fingerprint": row.trust_fingerprint,
        "created_at": as_utc(row.created_at),
        "reused": reused,
        "report": row.report,
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


@router.post("", status_code=status.HTTP_201_CREATED)
def create_verification(
    key: Reviewer,
    runtime: RuntimeDep,
    session: SessionDep,
    response: Response,
    file: Annotated[UploadFile, File(description="Tệp PDF minh chứng")],
    catalog: Annotated[str | None, Form()] = None,
    criterion: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    _check_criterion(catalog, criterion)
    blob = store_upload(runtime, session, file, "pdf")
    name = upload_name(file, "minh-chung.pdf")
    audit.record(session, key, "upload", "blob", blob.sha256, blob_sha256=blob.sha256, name=name)
    session.commit()

    trust_paths = runtime.settings.trust_paths
    fingerprint = trust_fingerprint(trust_paths)
    previous = session.scalars(
        select(Verification)
        .where(
            Verification.blob_sha256 == blob.sha256,
            Verification.policy_version == POLICY_VERSION,
            Verification.trust_fingerprint == fingerprint,
        )
        .order_by(Verification.created_at.desc())
    ).first()
    if previous is not None:
        audit.record(
            session, key, "verify_reused", "verification", previous.id, blob_sha256=blob.sha256
        )
        session.commit()
        response.status_code = status.HTTP_200_OK
        return verification_json(previous, reused=True)

    options = VerifyOptions(
        trust=trust_paths,
        validation_time=runtime.settings.validation_time,
        time_limit_s=runtime.settings.verify_time_limit_s,
    )
    report = runtime.verifiers.verify(blob.path, options)
    report.file = name
    row = Verification(
        id=str(uuid.uuid4()),
        blob_sha256=blob.sha256,
        file_name=name,
        catalog=catalog,
        criterion=criterion,
        policy_version=POLICY_VERSION,
        trust_fingerprint=fingerprint,
        verdict=report.verdict,
        accepted=report.accepted,
        report=report.model_dump(mode="json"),
        created_by=key.id,
    )
    session.add(row)
    audit.record(
        session, key, "verify", "verification", row.id, blob_sha256=blob.sha256, verdict=row.verdict
    )
    session.commit()
    return verification_json(row)


@router.get("/{verification_id}")
def get_verification(verification_id: str, _key: Reviewer, session: SessionDep) -> dict[str, Any]:
    row = session.get(Verification, verification_id)
    if row is None:
        raise NotFound(f"Không có kết quả kiểm tra '{verification_id}'.")
    return verification_json(row)
