"""An evidence PDF of a checked dossier, read back from the dossier's stored ZIP.

The check extracts the ZIP into a work folder it removes afterwards; what
stays is the ZIP itself (a blob) and, per file, its SHA-256 and size in the
result. An appraiser opening a criterion's evidence gets exactly the bytes
that were verified: the entry of the stored ZIP whose size and SHA-256 are
the result's — found by content, never by the entry's (untrusted) name, and
read into memory only when its size is the recorded one. The first read is
kept as a blob of its own, so later views stream from disk.
"""

from __future__ import annotations

import hashlib
import zipfile

from api.blobs import BlobStore, StoredBlob
from api.errors import NotFound

CHUNK = 1024 * 1024


def _sha256_of(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def evidence_blob(blobs: BlobStore, zip_sha256: str, sha256: str, size: int) -> StoredBlob:
    """The evidence file's bytes as a stored blob (extracted from the ZIP on first use)."""
    if blobs.exists(sha256):
        return StoredBlob(sha256, size, blobs.path_of(sha256), "application/pdf")
    try:
        with zipfile.ZipFile(blobs.path_of(zip_sha256)) as archive:
            for info in archive.infolist():
                if info.is_dir() or info.file_size != size:
                    continue
                if _sha256_of(archive, info) == sha256:
                    with archive.open(info) as stream:
                        stored = blobs.store_stream(stream)  # type: ignore[arg-type]
                    if stored.sha256 == sha256:
                        return StoredBlob(sha256, size, stored.path, "application/pdf")
    except (OSError, zipfile.BadZipFile) as exc:
        raise NotFound("Không đọc được hồ sơ đã lưu để lấy tệp minh chứng.") from exc
    raise NotFound("Không tìm thấy tệp minh chứng trong hồ sơ đã lưu.")
