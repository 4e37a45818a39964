"""The tables of the service (SQLAlchemy 2 declarative models).

Why these rows: nothing the service was given or produced may be lost. Files
live as blobs named by their SHA-256 (``api.blobs``); every row that concerns a
file references its blob, so a report can always be traced back to the exact
bytes. Verification results carry the verifier's policy version and the trust
store's fingerprint because a stored result is reused only while both are the
same. Dossier jobs are rows with a state, so a restart loses none of them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every moment we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(timezone=True),
    }


ROLES = ("submitter", "reviewer", "admin")
ACTOR_KINDS = ("xa", "huyen", "so_nganh", "so_tttt", "bcd", "thanh_vien", "ubnd_tinh")
"""What a key stands for in an appraisal chain (``criteria.chain.ActorKind``); none: no chain."""
JOB_STATES = ("queued", "running", "done", "failed")


class ApiKey(Base):
    """An API key: only its SHA-256 is kept; the key itself is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    # Who the key stands for in the appraisal chain (``api.actors``): a unit or a council member.
    actor_kind: Mapped[str | None] = mapped_column(String(16), default=None)
    actor_unit: Mapped[str | None] = mapped_column(String(200), default=None)
    actor_province: Mapped[str | None] = mapped_column(String(100), default=None)
    actor_parent: Mapped[str | None] = mapped_column(String(200), default=None)
    actor_areas: Mapped[list[Any] | None] = mapped_column(default=None)
    actor_person: Mapped[str | None] = mapped_column(String(200), default=None)


class Blob(Base):
    """A stored file (upload or generated document), named by its SHA-256."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def max_length(column: InstrumentedAttribute[Any]) -> int:
    """The size of a string column: request fields are validated against it before any work."""
    length = getattr(column.property.columns[0].type, "length", None)
    assert isinstance(length, int), column
    return length


class EvidenceReport(Base):
    """The report of one file's bytes under one policy and trust store — stored once.

    The unique key is what makes reuse atomic: however many uploads of the
    same bytes arrive at once, on however many servers, one report row exists
    for them (the losers of the insert race read the winner's row).
    """

    __tablename__ = "evidence_reports"
    __table_args__ = (
        UniqueConstraint(
            "blob_sha256", "policy_version", "trust_fingerprint", name="uq_evidence_reports_key"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    policy_version: Mapped[str] = mapped_column(String(50))
    trust_fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))
    accepted: Mapped[bool] = mapped_column(default=False)
    report: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Verification(Base):
    """One upload of an evidence PDF: its own file name and criterion, and its report."""

    __tablename__ = "verifications"
    __table_args__ = (
        Index("ix_verifications_reuse", "blob_sha256", "policy_version", "trust_fingerprint"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    report_id: Mapped[str | None] = mapped_column(ForeignKey("evidence_reports.id"), default=None)
    reused: Mapped[bool] = mapped_column(default=False)
    file_name: Mapped[str] = mapped_column(String(500))
    catalog: Mapped[str | None] = mapped_column(String(100), default=None)
    criterion: Mapped[str | None] = mapped_column(String(50), default=None)
    policy_version: Mapped[str] = mapped_column(String(50))
    trust_fingerprint: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))
    accepted: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DossierJob(Base):
    """A dossier check: queued → running → done | failed, with its progress."""

    __tablename__ = "dossier_jobs"
    __table_args__ = (Index("ix_dossier_jobs_state", "state"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    file_name: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(100), default=None)
    policy_version: Mapped[str | None] = mapped_column(String(50), default=None)
    trust_fingerprint: Mapped[str | None] = mapped_column(String(64), default=None)
    result: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    error: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class CachedReport(Base):
    """A dossier check's per-file report, kept for the next check of the same bytes.

    ``verify.dossier``'s report cache, in the service's database so that
    every worker on every machine shares it: a job resumed elsewhere skips
    the files already verified. The key is the checker's own
    (``verify.dossier.cache.cache_key``).
    """

    __tablename__ = "report_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    report: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Document(Base):
    """A generated document (form render), kept as a blob."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    form_id: Mapped[str] = mapped_column(String(50))
    format: Mapped[str] = mapped_column(String(10))
    blob_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    job_id: Mapped[str | None] = mapped_column(ForeignKey("dossier_jobs.id"), default=None)
    appraisal_id: Mapped[str | None] = mapped_column(
        ForeignKey("appraisal_dossiers.id"), default=None
    )
    stage: Mapped[str | None] = mapped_column(String(30), default=None)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppraisalDossier(Base):
    """A unit's dossier in its appraisal chain (hồ sơ đề nghị công nhận).

    The truth is its events (``appraisal_events``); the columns here are the
    state they add up to, kept for listing and filtering (a district's
    communes, what is overdue) and rewritten with every event.
    """

    __tablename__ = "appraisal_dossiers"
    __table_args__ = (
        Index("ix_appraisal_dossiers_parent", "province_key", "parent_key"),
        Index("ix_appraisal_dossiers_unit", "province_key", "unit_key"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    chain_id: Mapped[str] = mapped_column(String(50))
    catalog: Mapped[str] = mapped_column(String(100))
    tier: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    unit_name: Mapped[str] = mapped_column(String(300))
    unit_key: Mapped[str] = mapped_column(String(300))
    parent_name: Mapped[str | None] = mapped_column(String(300), default=None)
    parent_key: Mapped[str | None] = mapped_column(String(300), default=None)
    province: Mapped[str] = mapped_column(String(100))
    province_key: Mapped[str] = mapped_column(String(100))
    job_id: Mapped[str] = mapped_column(ForeignKey("dossier_jobs.id"))
    status: Mapped[str] = mapped_column(String(20))
    stage: Mapped[str | None] = mapped_column(String(30), default=None)
    round: Mapped[int] = mapped_column(Integer, default=1)
    late: Mapped[bool] = mapped_column(default=False)
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    waiting: Mapped[list[Any]] = mapped_column(default=list)
    """Whom the dossier waits for: ``[{"kind": "huyen"}, {"kind": "thanh_vien", "unit": …}]``."""
    created_by: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AppraisalEvent(Base):
    """One fact of a dossier's history (``criteria.dossier_events.Event``), never changed.

    ``seq`` numbers a dossier's events; the unique key makes two people acting
    on one dossier at the same instant safe: the second insert fails and is
    answered 409, to reload and act on the new state.
    """

    __tablename__ = "appraisal_events"
    __table_args__ = (UniqueConstraint("dossier_id", "seq", name="uq_appraisal_events_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("appraisal_dossiers.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20))
    round: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str | None] = mapped_column(String(30), default=None)
    criterion: Mapped[str | None] = mapped_column(String(50), default=None)
    verdict: Mapped[str | None] = mapped_column(String(20), default=None)
    outcome: Mapped[str | None] = mapped_column(String(30), default=None)
    reason: Mapped[str] = mapped_column(String(2000), default="")
    advice: Mapped[str | None] = mapped_column(String(20), default=None)
    job_id: Mapped[str | None] = mapped_column(ForeignKey("dossier_jobs.id"), default=None)
    actor_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_unit: Mapped[str] = mapped_column(String(300))
    actor_label: Mapped[str] = mapped_column(String(500))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AuditEntry(Base):
    """Who did what to which file or job, and when."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id"), default=None)
    actor_role: Mapped[str | None] = mapped_column(String(16), default=None)
    action: Mapped[str] = mapped_column(String(50))
    target_type: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[str | None] = mapped_column(String(64), default=None)
    blob_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
