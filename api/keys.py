"""API keys: creation, listing, revocation and lookup (shared by the CLI and the API).

A key is 32 random bytes (``hoso_`` + URL-safe base64); only its SHA-256 is
stored. A plain hash is enough because the key is random and long — unlike a
password there is nothing to guess — and it lets a request find its key by
an indexed equality lookup. The key itself is printed once, at creation.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.db.models import ROLES, ApiKey, as_utc, utcnow
from api.key_actors import ActorBinding, bind, binding_of

KEY_PREFIX = "hoso_"


@dataclass(frozen=True)
class NewKey:
    """A freshly created key: ``secret`` exists only in this object."""

    id: int
    role: str
    label: str
    secret: str


@dataclass(frozen=True)
class KeyInfo:
    id: int
    prefix: str
    role: str
    label: str
    created_at: datetime | None
    revoked_at: datetime | None
    actor: ActorBinding | None = None


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ActorInvalid(ValueError):
    """The chain identity given for a key lacks what its kind needs."""

    code = "ACTOR_INVALID"


def create_key(
    session: Session, role: str, label: str = "", actor: ActorBinding | None = None
) -> NewKey:
    """A new key; ``actor``: the unit or council member it stands for in the appraisal chain."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if actor is not None and actor.problems():
        raise ActorInvalid("; ".join(actor.problems()))
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(prefix=secret[:12], key_hash=hash_key(secret), role=role, label=label)
    if actor is not None:
        bind(row, actor)
    session.add(row)
    session.flush()
    return NewKey(row.id, role, label, secret)


def _info(row: ApiKey) -> KeyInfo:
    return KeyInfo(
        row.id,
        row.prefix,
        row.role,
        row.label,
        as_utc(row.created_at),
        as_utc(row.revoked_at),
        binding_of(row),
    )


def list_keys(session: Session) -> list[KeyInfo]:
    return [_info(row) for row in session.scalars(select(ApiKey).order_by(ApiKey.id))]


class LastAdminKey(Exception):
    """Revoking this key would leave the service with no active admin key."""

    code = "LAST_ADMIN_KEY"
    message = (
        "Không thể thu hồi khóa quản trị cuối cùng: sẽ không còn ai quản lý được khóa. "
        "Hãy tạo một khóa quản trị mới trước (hoso keys create --role admin), rồi thu hồi khóa này."
    )


def revoke_key(session: Session, key_id: int) -> KeyInfo | None:
    """Mark the key revoked (kept for the audit log); ``None`` when there is no such key.

    The last active admin key cannot be revoked (``LastAdminKey``): the
    active admin rows are read ``FOR UPDATE``, so two admins revoking each
    other at the same moment on PostgreSQL cannot both succeed.
    """
    row = session.get(ApiKey, key_id)
    if row is None:
        return None
    if row.revoked_at is None:
        if row.role == "admin":
            admins = session.scalars(
                select(ApiKey.id)
                .where(ApiKey.role == "admin", ApiKey.revoked_at.is_(None))
                .with_for_update()
            ).all()
            if set(admins) <= {row.id}:
                raise LastAdminKey(LastAdminKey.message)
        row.revoked_at = utcnow()
    return _info(row)


def find_active(session: Session, secret: str) -> ApiKey | None:
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(secret))).first()
    if row is None or row.revoked_at is not None:
        return None
    return row


def has_active_admin(session: Session) -> bool:
    query = select(ApiKey.id).where(ApiKey.role == "admin", ApiKey.revoked_at.is_(None))
    return session.scalars(query).first() is not None
