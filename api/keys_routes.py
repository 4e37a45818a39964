"""``/keys``: the admin's key management over HTTP (same functions as ``hoso keys``),
and ``GET /keys/me`` — who the calling key is (the appraisers' page signs in with it)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from api import audit
from api.auth import ROLE_LABELS, Admin, CurrentKey, can
from api.deps import SessionDep
from api.errors import ApiError, Conflict, NotFound
from api.key_actors import ActorBinding, actor_json
from api.keys import ActorInvalid, KeyInfo, LastAdminKey, create_key, list_keys, revoke_key

router = APIRouter(prefix="/keys", tags=["keys"])


class NewKeyRequest(BaseModel):
    role: Literal["submitter", "reviewer", "admin"]
    label: str = Field("", max_length=200)
    actor: ActorBinding | None = Field(
        None,
        description="Đơn vị hoặc thành viên hội đồng mà khóa đại diện trong trình tự thẩm định "
        "(xã nộp hồ sơ: vai trò submitter; huyện, sở, thành viên, tỉnh: reviewer)",
    )


def key_json(info: KeyInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "prefix": info.prefix,
        "role": info.role,
        "label": info.label,
        "created_at": info.created_at,
        "revoked_at": info.revoked_at,
        "actor": info.actor.model_dump() if info.actor else None,
    }


@router.get("/me")
def get_me(key: CurrentKey) -> dict[str, Any]:
    """The calling key: its role, label and who it stands for in the appraisal chain.

    The reviewers' page checks a key with it when the key is saved (no secret is returned).
    """
    return {
        "id": key.id,
        "role": key.role,
        "role_label": ROLE_LABELS.get(key.role, key.role),
        "label": key.label,
        "actor": actor_json(key),
        "can_verify": can(key, "verify"),
    }


@router.get("")
def get_keys(_admin: Admin, session: SessionDep) -> list[dict[str, Any]]:
    return [key_json(info) for info in list_keys(session)]


@router.post("", status_code=status.HTTP_201_CREATED)
def post_key(request: NewKeyRequest, admin: Admin, session: SessionDep) -> dict[str, Any]:
    """The new key is in ``key``: shown this once, stored only as a hash."""
    try:
        new = create_key(session, request.role, request.label, request.actor)
    except ActorInvalid as exc:
        raise ApiError(str(exc), code="VALIDATION_FAILED") from exc
    binding = request.actor.model_dump() if request.actor else None
    audit.record(
        session, admin, "create_key", "api_key", str(new.id), role=new.role, chain_actor=binding
    )
    session.commit()
    return {"id": new.id, "role": new.role, "label": new.label, "key": new.secret}


@router.delete("/{key_id}")
def delete_key(key_id: int, admin: Admin, session: SessionDep) -> dict[str, Any]:
    try:
        info = revoke_key(session, key_id)
    except LastAdminKey as exc:
        raise Conflict(exc.message, {"key_id": key_id}) from exc
    if info is None:
        raise NotFound(f"Không có khóa API số {key_id}.")
    audit.record(session, admin, "revoke_key", "api_key", str(key_id))
    session.commit()
    return key_json(info)
