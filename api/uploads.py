"""Storing an upload: blob first (bounded, type-checked), then its row and audit entry.

Every route that takes a file goes through ``store_upload`` so that "stored by
SHA-256 before any processing" holds everywhere.
"""

from __future__ import annotations

from fastapi import UploadFile
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.blobs import Kind, StoredBlob
from api.db.models import Blob
from api.runtime import Runtime


def store_upload(runtime: Runtime, session: Session, upload: UploadFile, kind: Kind) -> StoredBlob:
    blob = runtime.blobs.store_stream(
        upload.file, max_bytes=runtime.settings.max_upload_bytes, kind=kind
    )
    ensure_blob_row(session, blob)
    return blob


def ensure_blob_row(session: Session, blob: StoredBlob) -> None:
    """The ``blobs`` row of a stored file, inserted once even when two requests race.

    Two uploads of the same bytes at the same moment both find no row; the
    loser's insert fails on the primary key inside a savepoint, which is
    rolled back alone (the row the winner wrote is what we wanted).
    """
    if session.get(Blob, blob.sha256) is not None:
        return
    try:
        with session.begin_nested():
            session.add(Blob(sha256=blob.sha256, size=blob.size, media_type=blob.media_type))
    except IntegrityError:
        pass


def upload_name(upload: UploadFile, default: str) -> str:
    """The client's file name without any folder part (never used as a path)."""
    name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:300] or default
