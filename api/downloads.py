"""Document responses with a Vietnamese file name (RFC 6266 / RFC 5987).

Browsers and curl read ``filename*=UTF-8''...`` and keep the diacritics
(``Mẫu 02 - Báo cáo thẩm định.pdf``); the plain ``filename=`` is an ASCII
fallback without diacritics for old clients. Both are always sent.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from fastapi import Response
from fastapi.responses import FileResponse

from api.headers import REPORT_CSP

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(name: str) -> str:
    """NFC, no path separators or control characters, no runs of spaces."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub(" ", name.replace("—", "-"))
    return " ".join(name.split())[:150] or "tai-lieu"


def ascii_fallback(name: str) -> str:
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.encode("ascii", "ignore").decode() or "tai-lieu"


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    name = safe_name(filename)
    fallback = ascii_fallback(name).replace("\\", "").replace('"', "")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def document_response(content: bytes, fmt: str, base_name: str) -> Response:
    return Response(
        content=content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": content_disposition(f"{base_name}.{fmt}")},
    )


def file_response(path: Path, fmt: str, base_name: str) -> FileResponse:
    """A stored document streamed from disk under its Vietnamese name."""
    headers = {"Content-Disposition": content_disposition(f"{base_name}.{fmt}")}
    if fmt == "html":  # the report carries its own inline stylesheet and nothing that runs
        headers["Content-Security-Policy"] = REPORT_CSP
    return FileResponse(path, media_type=MEDIA_TYPES[fmt], headers=headers)
