"""Copies of a dossier whose PDFs have bytes of their own, so each copy is really verified.

The report cache keys files by their SHA-256: checking the same dossier twice
verifies nothing the second time. Load and scale runs need every job to do
the work, so each copy's PDFs get a trailing comment of their own (the
signatures then no longer cover the whole file, which the verification
reports like any other finding — the cost of verifying is the same).
"""

from __future__ import annotations

import io
import zipfile


def unique_copy(pdf: bytes, n: int) -> bytes:
    """The same PDF with bytes of its own (a trailing comment)."""
    return pdf + f"\n%hoso-copy-{n}\n".encode()


def distinct_dossier(zip_bytes: bytes, n: int) -> bytes:
    """The dossier ZIP with every PDF made unique to copy ``n``; everything else as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.lower().endswith(".pdf"):
                data = unique_copy(data, n)
            target.writestr(info, data)
    return out.getvalue()
