"""What a signature vouched for, from a stored verification: the signed revision and a picture.

``GET /verifications/{id}/revisions/{n}``: the file as it was when signed —
the bytes the signature's ``/ByteRange`` ends at, i.e. revision *n* cut
from the stored blob. Only a revision some signature covers, and only while
its content still matches that signature (after a HASH_FAILURE the bytes
are not what was signed, and the answer says so).

``GET /verifications/{id}/difference?signature=K&page=P&side=signed|current``:
page *P* as signed beside the same page now, the changes outlined
(``verify.difference``). Both pictures come from one rendering in a guarded
verifier worker and are kept in a small in-process cache, so the second
side of a pair costs nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse

from api.auth import Reviewer
from api.db.models import EvidenceReport, Verification
from api.deps import RuntimeDep, SessionDep
from api.downloads import content_disposition
from api.errors import ApiError, NotFound
from verify.difference import Difference, page_difference
from verify.guard import GuardedTaskError

router = APIRouter(prefix="/verifications", tags=["verifications"])

PICTURE_TIME_LIMIT_S = 30.0
CACHE_SIZE = 24
CHUNK = 256 * 1024


class RevisionNotSigned(ApiError):
    code = "REVISION_NOT_SIGNED"


class PictureUnavailable(ApiError):
    code = "PICTURE_UNAVAILABLE"


def _stored(session: Any, verification_id: str) -> tuple[Verification, dict[str, Any]]:
    row = session.get(Verification, verification_id[:64])
    report = session.get(EvidenceReport, row.report_id) if row and row.report_id else None
    if row is None or report is None:
        raise NotFound(f"Không có kết quả kiểm tra '{verification_id[:64]}'.")
    return row, report.report or {}


def _covering(report: dict[str, Any], revision: int) -> dict[str, Any]:
    """The signature whose byte range ends revision ``revision``; an explanation otherwise."""
    signatures = report.get("signatures") or []
    for signature in signatures:
        if signature.get("signed_revision") == revision and signature.get("signed_length"):
            return signature
    total = max((s.get("revisions") or 0 for s in signatures), default=0)
    signed = sorted({s["signed_revision"] for s in signatures if s.get("signed_revision")})
    listed = ", ".join(str(n) for n in signed) or "không có"
    raise RevisionNotSigned(
        f"Phiên bản {revision} không được chữ ký nào bao phủ (tệp có {total} phiên bản; "
        f"phiên bản được ký: {listed}).",
        {"revision": revision, "signed_revisions": signed},
    )


def _slice(path: Any, length: int) -> Any:
    with path.open("rb") as stream:
        left = length
        while left > 0 and (chunk := stream.read(min(CHUNK, left))):
            left -= len(chunk)
            yield chunk


@router.get("/{verification_id}/revisions/{revision}", response_class=Response)
def signed_revision(
    verification_id: str, revision: int, _key: Reviewer, runtime: RuntimeDep, session: SessionDep
) -> StreamingResponse:
    """The revision exactly as signed (the file up to the end of the signature's byte range)."""
    row, report = _stored(session, verification_id)
    signature = _covering(report, revision)
    if not signature.get("intact"):
        raise RevisionNotSigned(
            f"Không tải được phiên bản {revision} như khi ký: nội dung trong phạm vi ký đã bị "
            "thay đổi (giá trị băm không khớp), tệp không còn giữ bản đã ký.",
            {"revision": revision},
        )
    length = int(signature["signed_length"])
    base = row.file_name.rsplit(".", 1)[0]
    name = f"{base} - phiên bản {revision} (bản đã ký).pdf"
    return StreamingResponse(
        _slice(runtime.blobs.path_of(row.blob_sha256), length),
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(name), "Content-Length": str(length)},
    )


class _Pictures:
    """Both sides of recent differences, least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], Difference] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Difference | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: Difference) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


pictures = _Pictures(CACHE_SIZE)


def _page_pair(signature: dict[str, Any], page: int) -> tuple[int | None, list[list[float]]]:
    """The page's number in the signed revision and the areas located on it."""
    changes = [c for c in signature.get("changes") or [] if c.get("page") == page]
    if any(c.get("kind") == "page_added" for c in changes):
        return None, []
    signed_page = next((c["signed_page"] for c in changes if c.get("signed_page")), page)
    areas = [c["area"] for c in changes if c.get("area") and not c.get("permitted")]
    return signed_page, areas


@router.get("/{verification_id}/difference", response_class=Response)
def difference_picture(
    verification_id: str,
    _key: Reviewer,
    runtime: RuntimeDep,
    session: SessionDep,
    signature: Annotated[int, Query(ge=1, description="Chữ ký thứ mấy (1 = đầu tiên)")] = 1,
    page: Annotated[int, Query(ge=1, le=100_000, description="Trang (theo tệp hiện tại)")] = 1,
    side: Annotated[Literal["signed", "current"], Query()] = "current",
) -> Response:
    """Page ``page`` as signed (``side=signed``) or as it is now, the changes outlined in red."""
    row, report = _stored(session, verification_id)
    signatures = report.get("signatures") or []
    if signature > len(signatures):
        raise NotFound(f"Tệp chỉ có {len(signatures)} chữ ký.", {"signature": signature})
    chosen = signatures[signature - 1]
    length = chosen.get("signed_length")
    if not length or not chosen.get("intact"):
        raise PictureUnavailable(
            "Không dựng được hình so sánh: chữ ký này không còn giữ được bản đã ký "
            "(phạm vi ký không đọc được hoặc nội dung trong phạm vi ký đã bị thay đổi).",
            {"signature": signature},
        )
    signed_page, areas = _page_pair(chosen, page)
    key = (row.blob_sha256, length, page, signed_page, tuple(map(tuple, areas)))
    found = pictures.get(key)
    if found is None:
        try:
            found = runtime.verifiers.call(
                page_difference,
                runtime.blobs.path_of(row.blob_sha256),
                int(length),
                page,
                signed_page,
                areas,
                time_limit_s=PICTURE_TIME_LIMIT_S,
            )
        except GuardedTaskError as exc:
            raise PictureUnavailable(
                "Không dựng được hình so sánh của trang này (tệp có cấu trúc bất thường "
                "hoặc quá lớn).",
                {"reason": exc.reason},
            ) from exc
        pictures.put(key, found)
    png = found.signed_png if side == "signed" else found.current_png
    if png is None:
        where = "bản đã ký" if side == "signed" else "tệp hiện tại"
        raise NotFound(f"Trang {page} không có trong {where}.", {"page": page, "side": side})
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})
