"""The audit log: who did what to which file or job, and when.

Written in the same transaction as the action it records, so an action and
its audit entry are stored together or not at all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.db.models import ApiKey, AuditEntry


def record(
    session: Session,
    actor: ApiKey | None,
    action: str,
    target_type: str,
    target_id: str | None = None,
    *,
    blob_sha256: str | None = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEntry(
            actor_key_id=actor.id if actor else None,
            actor_role=actor.role if actor else None,
            action=action,
            target_type=target_type,
            target_id=target_id,
            blob_sha256=blob_sha256,
            detail=detail,
        )
    )
