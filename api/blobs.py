"""Files stored by SHA-256 under ``<data>/blobs/``, before anything reads them.

Why content addressing: the same evidence uploaded twice is stored once, a
report names the exact bytes it judged, and a stored file can never be
overwritten with other content. Writes go to a temporary file in the same
folder and are renamed into place (atomic on POSIX), so a crash leaves either
nothing or the whole file — never half a blob under a real name.

Uploads are bounded while they are copied (``UploadTooLarge``: the temporary
file is deleted, nothing is stored) and their type is checked by magic bytes
before the rename (``UnsupportedFileType``: nothing is stored either).

A file is stored before its row is written; if the row's transaction then
fails, the file stays without a row. It is not deleted on the spot — another
request may be storing the same bytes at that moment and about to write its
row — but found later by ``hoso gc`` (``api.gc``), which removes files
without a row once they are older than a grace period.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from api.errors import UnsupportedFileType, UploadTooLarge

Kind = Literal["pdf", "zip", "any"]

CHUNK = 1024 * 1024
PDF_HEADER_WINDOW = 1024
"""The PDF header may follow some junk bytes; readers look at the first KiB."""

MEDIA_TYPES = {"pdf": "application/pdf", "zip": "application/zip"}
KIND_NAMES = {"pdf": "PDF", "zip": "ZIP"}


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    media_type: str


def sniff(head: bytes) -> Kind | None:
    """The kind of file these first bytes start, by magic number."""
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return "pdf"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "zip"
    return None


class BlobStore:
    """The blob folder: ``<root>/<2 hex>/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def store_stream(
        self, source: BinaryIO, *, max_bytes: int | None = None, kind: Kind = "any"
    ) -> StoredBlob:
        """Copy ``source`` into the store; raise before renaming if too large or wrong type."""
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="up-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise UploadTooLarge(
                            f"Tệp vượt quá giới hạn {max_bytes // (1024 * 1024)} MB.",
                            {"max_bytes": max_bytes},
                        )
                    if len(head) < PDF_HEADER_WINDOW:
                        head += chunk[: PDF_HEADER_WINDOW - len(head)]
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            detected = sniff(head)
            if kind != "any" and detected != kind:
                raise UnsupportedFileType(
                    f"Tệp không phải {KIND_NAMES[kind]}: cần tải lên một tệp {KIND_NAMES[kind]}.",
                    {"expected": MEDIA_TYPES[kind], "detected": detected},
                )
            sha = digest.hexdigest()
            target = self.path_of(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                tmp.unlink()
                os.utime(target)  # fresh again: `hoso gc` spares recent files without a row yet
            else:
                os.replace(tmp, target)
            media = MEDIA_TYPES.get(detected or "", "application/octet-stream")
            return StoredBlob(sha, size, target, media)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise

    def store_bytes(self, data: bytes, media_type: str) -> StoredBlob:
        """A generated document; same atomic path as uploads."""
        blob = self.store_stream(io.BytesIO(data))
        return StoredBlob(blob.sha256, blob.size, blob.path, media_type)

    def read(self, sha256: str) -> bytes:
        return self.path_of(sha256).read_bytes()

    def files(self) -> list[Path]:
        """Every stored blob file (the temporary folder excluded)."""
        return [p for p in self.root.glob("??/*") if p.is_file()]

    def count(self) -> int:
        """Stored blobs: tests check nothing was kept."""
        return len(self.files())
