"""Access control: ``Authorization: Bearer KEY`` and what each role may do.

The whole policy is the ``PERMISSIONS`` table; routes declare the permission
they need through an alias (``Reviewer``, ``Submitter`` ...), so who may do
what is read in one place. The key itself is checked from the headers before
any body is read (``api.access``, which also lists what is open without a
key). No key or an unknown/revoked key → 401; a known
key whose role lacks the permission → 403. Resources owned by a submitter are
hidden from other submitters with 404 (``can_see_all``), so their existence
does not leak.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.access import STATE_KEY, key_from_header
from api.db.models import ApiKey
from api.deps import RuntimeDep
from api.errors import Forbidden

PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset({"submitter", "reviewer", "admin"}),
    "render": frozenset({"submitter", "reviewer", "admin"}),
    "submit_dossier": frozenset({"submitter", "reviewer", "admin"}),
    "verify": frozenset({"reviewer", "admin"}),
    "see_all": frozenset({"reviewer", "admin"}),
    "manage_keys": frozenset({"admin"}),
}

ROLE_LABELS = {"submitter": "đơn vị nộp hồ sơ", "reviewer": "người thẩm định", "admin": "quản trị"}


bearer = HTTPBearer(auto_error=False, description="Khóa API: Authorization: Bearer KHÓA")
"""Declares the scheme in the OpenAPI description (the "Authorize" button of ``/docs``)."""


def current_key(
    request: Request,
    runtime: RuntimeDep,
    _declared: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
) -> ApiKey:
    """The key ``access.AuthenticateFirst`` found from the headers, before the body was read."""
    key: ApiKey | None = getattr(request.state, STATE_KEY, None)
    if key is None:  # a route reached without the middleware (never in the app itself)
        key = key_from_header(runtime.db, request.headers.get("authorization"))
    return key


CurrentKey = Annotated[ApiKey, Depends(current_key)]


def can(key: ApiKey, permission: str) -> bool:
    return key.role in PERMISSIONS[permission]


def require(permission: str) -> Callable[[ApiKey], ApiKey]:
    allowed = PERMISSIONS[permission]

    def dependency(key: CurrentKey) -> ApiKey:
        if key.role not in allowed:
            roles = ", ".join(ROLE_LABELS[r] for r in sorted(allowed))
            raise Forbidden(
                f"Khóa API vai trò '{ROLE_LABELS[key.role]}' không được phép; cần: {roles}.",
                {"role": key.role, "allowed_roles": sorted(allowed)},
            )
        return key

    return dependency


Reader = Annotated[ApiKey, Depends(require("read"))]
Renderer = Annotated[ApiKey, Depends(require("render"))]
DossierSubmitter = Annotated[ApiKey, Depends(require("submit_dossier"))]
Reviewer = Annotated[ApiKey, Depends(require("verify"))]
Admin = Annotated[ApiKey, Depends(require("manage_keys"))]
