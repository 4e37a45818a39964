"""ByteRange structure and coverage: what part of the file a signature vouches for.

A signature covers bytes, not objects. The checks (FORMAT_FAILURE when they
fail): exactly two ranges starting at 0; the gap between them is exactly the
hex ``/Contents`` string, nothing more; ranges inside the file, not
overlapping; and the signed part ends where the file ends or where a clean
incremental update begins — a revision whose cross-reference section is
covered and whose signature dictionary is not overwritten later (the spoofing
of ``/Reason`` or ``/M`` in a later revision shows up here). Bytes after the
last ``%%EOF`` that are not a proper update are a failure too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import BinaryIO

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.reader import PdfFileReader, process_data_at_eof

from verify.discovery import FoundSignature
from verify.report import Coverage

MAX_GAP_BYTES = 4 * 1024 * 1024
TAIL_WINDOW = 2048
TAIL_WHITESPACE = b" \t\r\n\x00\x0c"


@dataclass
class ByteRangeCheck:
    """The outcome of the structural checks of one ``/ByteRange``."""

    ranges: list[int] | None
    coverage: Coverage = "unclear"
    signed_revision: int | None = None
    problems: list[str] = field(default_factory=list)


def file_size(stream: BinaryIO) -> int:
    stream.seek(0, os.SEEK_END)
    return stream.tell()


def tail_is_clean(stream: BinaryIO, size: int) -> bool:
    """Only whitespace after the last ``%%EOF``: no unsigned trailing garbage."""
    window = min(TAIL_WINDOW, size)
    stream.seek(size - window)
    data = stream.read(window)
    idx = data.rfind(b"%%EOF")
    return idx >= 0 and data[idx + 5 :].strip(TAIL_WHITESPACE) == b""


def _ranges(sig_dict: generic.DictionaryObject) -> list[int] | None:
    try:
        raw = sig_dict["/ByteRange"]
    except KeyError:
        return None
    if not isinstance(raw, generic.ArrayObject):
        return None
    values = []
    for item in raw:
        if not isinstance(item, int) or isinstance(item, bool) or item < 0:
            return None
        values.append(int(item))
    return values


def _gap_is_contents(stream: BinaryIO, start: int, end: int, contents: bytes) -> bool:
    """The gap holds exactly ``<hex of /Contents>`` (case-insensitive hex)."""
    if end - start != 2 * len(contents) + 2 or end - start > MAX_GAP_BYTES:
        return False
    stream.seek(start)
    gap = stream.read(end - start)
    return (
        gap[:1] == b"<" and gap[-1:] == b">" and gap[1:-1].lower() == contents.hex().encode("ascii")
    )


def _revision_ending_at(reader: PdfFileReader, offset: int) -> int | None:
    """The revision whose ``startxref``/``%%EOF`` block ends at ``offset``."""
    stream = reader.stream
    stream.seek(offset)
    try:
        startxref = process_data_at_eof(stream)
    except (misc.PdfReadError, ValueError):
        return None
    xrefs = reader.xrefs
    for revision in range(xrefs.total_revisions):
        if xrefs.get_startxref_for_revision(revision) == startxref:
            for earlier in range(revision + 1):
                if xrefs.get_xref_container_info(earlier).end_location > offset:
                    return None
            return revision
    return None


def check_byte_range(
    reader: PdfFileReader, found: FoundSignature, contents: bytes, size: int
) -> ByteRangeCheck:
    """Structural checks and coverage level of one signature's ``/ByteRange``."""
    ranges = _ranges(found.sig_dict)
    check = ByteRangeCheck(ranges=ranges)
    if ranges is None or len(ranges) != 4:
        check.problems.append(
            "/ByteRange không đúng cấu trúc (phải gồm đúng hai đoạn byte): "
            "không xác định được phần nào của tệp đã được ký."
        )
        return check
    off1, len1, off2, len2 = ranges
    if off1 != 0:
        check.problems.append("/ByteRange không bắt đầu từ byte đầu tiên của tệp.")
    if off2 < off1 + len1:
        check.problems.append("Hai đoạn của /ByteRange chồng lên nhau.")
    if off2 + len2 > size:
        check.problems.append("/ByteRange vượt quá kích thước tệp: tệp đã bị cắt hoặc sửa.")
    if check.problems:
        return check
    if not _gap_is_contents(reader.stream, off1 + len1, off2, contents):
        check.problems.append(
            "Khoảng trống giữa hai đoạn /ByteRange không đúng bằng giá trị chữ ký "
            "(/Contents): có dữ liệu không được ký nằm trong khoảng trống."
        )
        return check
    signed_end = off2 + len2
    last_change = None
    if found.sig_ref is not None:
        try:
            last_change = reader.xrefs.get_last_change(found.sig_ref)
        except KeyError:
            last_change = None
    if signed_end == size:
        check.coverage = "entire_file"
        check.signed_revision = reader.xrefs.total_revisions - 1
        return check
    revision = _revision_ending_at(reader, signed_end)
    if revision is None:
        check.coverage = "partial"
        check.problems.append(
            "Phần được ký không kết thúc ở cuối một phiên bản của tệp: phần còn lại "
            "không phải là bản cập nhật hợp lệ."
        )
        return check
    if last_change is not None and last_change != revision:
        check.coverage = "partial"
        check.problems.append(
            "Từ điển chữ ký (/Reason, /M, ...) đã bị ghi đè trong một phiên bản sau khi ký."
        )
        return check
    check.coverage = "entire_revision"
    check.signed_revision = revision
    return check
