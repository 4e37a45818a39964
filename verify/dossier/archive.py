"""Safe extraction of an untrusted dossier ZIP into a private temporary folder.

A ZIP sent by a commune is untrusted input: it may try to write outside the
extraction folder (``../../etc/cron.d/x``, ``/tmp/x``, ``C:\\x``: zip-slip),
smuggle a symbolic link that a later step would follow, or expand from
kilobytes to terabytes (zip bomb). Each entry is checked before a byte is
written, and bytes are counted while writing, because the sizes in the
central directory are the attacker's claims, not facts.

What happens to what:

* zip-slip names, symbolic links, duplicate names, encrypted entries: the
  entry is *not extracted* and is reported (:class:`EntryIssue`), the rest
  of the dossier is still checked;
* too many files, too much in total once extracted, a compression ratio no
  document has (for one entry, or for the archive as a whole: two thousand
  1 MiB entries of zeros are each "only" 1 MiB): the whole archive is
  refused (:class:`ArchiveBombError`) before a byte is written, because
  nothing in it can be trusted to be what it says.

Nothing is ever written next to the ZIP: the folder is created with
``tempfile.mkdtemp`` (in the caller's work folder when given) and removed by
the context manager on every path.
"""

from __future__ import annotations

import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from verify.dossier.errors import ArchiveBombError, ArchiveError
from verify.dossier.names import decode_name

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds on what one dossier ZIP may expand to.

    ``max_ratio`` applies to entries above ``ratio_floor`` bytes: a small
    text file may compress 500:1 harmlessly, a large one that does is a bomb.
    """

    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024**3
    max_ratio: float = 200.0
    ratio_floor: int = 1024 * 1024


@dataclass(frozen=True)
class EntryIssue:
    """An entry that was not extracted, and why."""

    name: str
    code: str
    message: str


@dataclass
class Extracted:
    """The extraction folder and the entries left out."""

    root: Path
    issues: list[EntryIssue] = field(default_factory=list)


def _unsafe_path(name: str) -> str | None:
    """Why the decoded name would land outside the folder, or ``None`` when it is safe."""
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "đường dẫn tuyệt đối"
    parts = PurePosixPath(name).parts
    if any(part == ".." for part in parts):
        return "chứa “..” để thoát ra ngoài thư mục hồ sơ"
    if "\x00" in name:
        return "tên chứa ký tự rỗng"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _check_bomb(infos: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    files = sum(1 for info in infos if not info.is_dir())
    if len(infos) > limits.max_entries or files > limits.max_entries:
        raise ArchiveBombError(
            f"Tệp nén có {files} tệp, vượt giới hạn {limits.max_entries} tệp của một hồ sơ: "
            "hãy chia hồ sơ thành nhiều phần hoặc bỏ các tệp không phải minh chứng."
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_bytes:
        raise ArchiveBombError(
            f"Tệp nén giải nén ra {total // 1024**2} MB, vượt giới hạn "
            f"{limits.max_total_bytes // 1024**2} MB của một hồ sơ: hãy chia hồ sơ thành "
            "nhiều phần hoặc bỏ các tệp không phải minh chứng."
        )
    packed = sum(info.compress_size for info in infos)
    if total >= limits.ratio_floor and total / max(packed, 1) > limits.max_ratio:
        raise ArchiveBombError(
            f"Tệp nén {packed // 1024} KB giải nén ra {total // 1024**2} MB (tỷ lệ "
            f"{total / max(packed, 1):.0f}:1, giới hạn {limits.max_ratio:.0f}:1): tệp nén có "
            "dấu hiệu “bom nén”, không giải nén."
        )
    for info in infos:
        if info.file_size >= limits.ratio_floor:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ArchiveBombError(
                    f"Mục “{decode_name(info)}” nén với tỷ lệ {ratio:.0f}:1 (giới hạn "
                    f"{limits.max_ratio:.0f}:1): tệp nén có dấu hiệu “bom nén”, không giải nén."
                )


def _copy_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int
) -> int:
    """Write one entry, refusing to go past its declared size or the remaining budget."""
    written = 0
    limit = min(info.file_size, budget)
    with archive.open(info) as source, target.open("xb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise ArchiveBombError(
                    f"Mục “{decode_name(info)}” giải nén ra nhiều hơn kích thước khai báo: "
                    "tệp nén bị sửa hoặc là “bom nén”, không giải nén."
                )
            out.write(chunk)
    return written


def extract_zip(path: Path, into: Path, limits: ArchiveLimits | None = None) -> Extracted:
    """Extract the safe entries of ``path`` into the empty folder ``into``."""
    limits = limits or ArchiveLimits()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError(
            f"Không đọc được tệp nén {path.name}: tệp không phải ZIP hoặc đã hỏng. "
            "Hãy nén lại thư mục hồ sơ thành .zip."
        ) from exc
    result = Extracted(into)
    seen: set[str] = set()
    with archive:
        infos = archive.infolist()
        _check_bomb(infos, limits)
        budget = limits.max_total_bytes
        root = into.resolve()
        for info in infos:
            name = decode_name(info)
            issue = _entry_issue(info, name, seen)
            if issue is not None:
                result.issues.append(issue)
                continue
            target = (into / name).resolve()
            if root not in target.parents and target != root:
                result.issues.append(EntryIssue(name, "ARCHIVE_ENTRY_OUTSIDE", _outside(name)))
                continue
            if info.is_dir() or name.endswith("/"):
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                budget -= _copy_bounded(archive, info, target, budget)
            except NotImplementedError:  # zipfile: a compression method it cannot read
                target.unlink(missing_ok=True)
                result.issues.append(EntryIssue(name, "ARCHIVE_ENTRY_CORRUPT", _unsupported(name)))
            except (zipfile.BadZipFile, OSError, EOFError):
                target.unlink(missing_ok=True)
                result.issues.append(EntryIssue(name, "ARCHIVE_ENTRY_CORRUPT", _corrupt(name)))
    return result


def _corrupt(name: str) -> str:
    return f"Mục “{name}” trong tệp nén bị hỏng: hãy nén lại hồ sơ và nộp lại."


def _unsupported(name: str) -> str:
    return (
        f"Mục “{name}” dùng kiểu nén không đọc được: hãy nén lại hồ sơ bằng ZIP thông thường "
        "(Deflate)."
    )


def _outside(name: str) -> str:
    return f"Mục “{name}” trỏ ra ngoài thư mục hồ sơ (zip-slip): không giải nén."


def _entry_issue(info: zipfile.ZipInfo, name: str, seen: set[str]) -> EntryIssue | None:
    unsafe = _unsafe_path(name)
    if unsafe is not None:
        return EntryIssue(
            name,
            "ARCHIVE_ENTRY_OUTSIDE",
            f"Mục “{name}” có {unsafe} (zip-slip): không giải nén, hãy nén lại hồ sơ.",
        )
    if _is_symlink(info):
        return EntryIssue(
            name,
            "ARCHIVE_SYMLINK",
            f"Mục “{name}” là liên kết tượng trưng (symlink): không được chấp nhận, "
            "hãy đưa tệp thật vào hồ sơ.",
        )
    if info.flag_bits & 0x1:
        return EntryIssue(
            name,
            "ARCHIVE_ENTRY_ENCRYPTED",
            f"Mục “{name}” được đặt mật khẩu: không đọc được, hãy nén lại không đặt mật khẩu.",
        )
    key = name.rstrip("/").casefold()
    if key in seen:
        return EntryIssue(
            name, "ARCHIVE_ENTRY_DUPLICATE", f"Mục “{name}” trùng tên với mục khác: bỏ qua."
        )
    seen.add(key)
    return None


@contextmanager
def opened_dossier(
    path: Path, limits: ArchiveLimits | None = None, work_dir: Path | None = None
) -> Iterator[Extracted]:
    """The dossier as a folder: the folder itself, or a ZIP extracted into a temporary one."""
    if path.is_dir():
        yield Extracted(path)
        return
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="hoso-dossier-", dir=work_dir))
    try:
        yield extract_zip(path, folder, limits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
