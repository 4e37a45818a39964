"""Storing an upload: blob first (bounded, type-checked), then its row and audit entry.

Every route that takes a file goes through ``store_upload`` so that "stored by
SHA-256 before any processing" holds everywhere.
"""

from __future__ import annotations

from fastapi import UploadFile
from sqlalchemy.orm import Session

from api.blobs import Kind, StoredBlob
from api.db.models import Blob
from api.runtime import Runtime


def store_upload(runtime: Runtime, session: Session, upload: UploadFile, kind: Kind) -> StoredBlob:
    blob = runtime.blobs.store_stream(
        upload.file, max_bytes=runtime.settings.max_upload_bytes, kind=kind
    )
    if session.get(Blob, blob.sha256) is None:
        session.add(Blob(sha256=blob.sha256, size=blob.size, media_type=blob.media_type))
        session.flush()
    return blob


def upload_name(upload: UploadFile, default: str) -> str:
    """The client's file name without any folder part (never used as a path)."""
    name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:300] or default
