"""The dossier's layout: where assessment.json is, which folder is which criterion, what each file is.

Seed 003 says evidence is filed "theo số thứ tự các tiêu chí; lưu các tài liệu
theo thư mục tên các tiêu chí": one folder per criterion, named by its id and
often its title (``1.1``, ``1.1. Kế hoạch CĐS``, ``I.3``, ``II.12 - Camera``,
``Tiêu chí 1.1``). Folder names are matched to the ids of the assessment's
catalog *and tier* (Đắk Nông reuses ids between tiers). Everything that fits
nowhere is listed, never silently dropped: a folder no criterion has, a file
outside any folder, a format that is neither a PDF nor an illustration.

Symbolic links inside a folder dossier are never followed: a link could make
the check read (and a report quote) a file outside the dossier.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from verify.dossier.errors import DossierLayoutError

ASSESSMENT_FILE = "assessment.json"
MAX_ASSESSMENT_BYTES = 5 * 1024 * 1024

FileKind = Literal["pdf", "illustration", "other", "ignored", "refused"]

ILLUSTRATION_SUFFIXES = frozenset(
    {
        # images
        ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif",
        # video
        ".mp4", ".mov", ".avi", ".mkv", ".wmv", ".webm", ".3gp", ".m4v", ".mpg", ".mpeg", ".flv",
        # audio
        ".mp3", ".wav", ".m4a", ".aac", ".ogg", ".oga", ".flac", ".wma", ".amr",
    }
)  # fmt: skip
"""Seed 003: evidence is signed electronically "trừ video, hình ảnh, âm thanh"."""

SYSTEM_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "__macosx"})
"""Files archivers and file managers add by themselves; listed as ignored."""

_ID_PREFIX = re.compile(r"^\s*(?:tiêu\s*chí|tc)\s*", re.IGNORECASE)
_ID_TOKEN = re.compile(
    r"^([A-Za-z]{0,4}\.?\d+(?:\.\d+)*|[IVXLivxl]+\.\d+(?:\.\d+)*)\.?(?=$|[\s\-–—:_.)])"
)


@dataclass(frozen=True)
class DossierFile:
    """One file of the dossier, its path relative to the root (``/`` separators)."""

    path: Path
    relative: str
    kind: FileKind
    criterion_id: str | None
    size: int


@dataclass
class Layout:
    """The dossier read as folders per criterion."""

    root: Path
    assessment_data: dict[str, Any]
    folders: dict[str, list[str]] = field(default_factory=dict)
    files: list[DossierFile] = field(default_factory=list)
    unmatched_folders: list[str] = field(default_factory=list)


def find_root(folder: Path) -> Path:
    """The folder holding assessment.json: the given one, or its single subfolder."""
    if (folder / ASSESSMENT_FILE).is_file():
        return folder
    children = [p for p in folder.iterdir() if p.name.casefold() not in SYSTEM_NAMES]
    subfolders = [p for p in children if p.is_dir() and not p.is_symlink()]
    if len(children) == 1 and len(subfolders) == 1 and (subfolders[0] / ASSESSMENT_FILE).is_file():
        return subfolders[0]
    raise DossierLayoutError(
        f"Hồ sơ không có tệp {ASSESSMENT_FILE} ở thư mục gốc: hãy đặt tệp kết quả tự đánh giá "
        "(assessment.json) cạnh các thư mục tiêu chí."
    )


def read_assessment(root: Path) -> dict[str, Any]:
    """The raw assessment JSON (validated later by ``criteria``)."""
    path = root / ASSESSMENT_FILE
    if path.is_symlink() or path.stat().st_size > MAX_ASSESSMENT_BYTES:
        raise DossierLayoutError(f"Tệp {ASSESSMENT_FILE} không hợp lệ (liên kết hoặc quá lớn).")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DossierLayoutError(
            f"Tệp {ASSESSMENT_FILE} không phải văn bản UTF-8. Hãy xuất lại kết quả tự đánh giá."
        ) from exc
    except json.JSONDecodeError as exc:
        raise DossierLayoutError(
            f"Tệp {ASSESSMENT_FILE} không phải JSON hợp lệ: lỗi cú pháp ở dòng {exc.lineno}, "
            f"cột {exc.colno}. Hãy xuất lại kết quả tự đánh giá."
        ) from exc
    if not isinstance(data, dict):
        raise DossierLayoutError(f"Tệp {ASSESSMENT_FILE} phải là một đối tượng JSON.")
    return data


def criterion_of_folder(name: str, ids: set[str]) -> str | None:
    """The criterion id a folder name starts with (``1.1. Kế hoạch`` → ``1.1``), or ``None``."""
    text = unicodedata.normalize("NFC", name)
    text = _ID_PREFIX.sub("", text, count=1)
    match = _ID_TOKEN.match(text)
    if match is None:
        return None
    token = match.group(1).rstrip(".")
    by_fold = {i.casefold(): i for i in ids}
    return by_fold.get(token.casefold())


def classify(path: Path) -> FileKind:
    """What a file is by its name: a PDF to verify, an illustration, or something else."""
    name = path.name.casefold()
    if name in SYSTEM_NAMES or name.startswith("._") or name.startswith("~$"):
        return "ignored"
    if path.is_symlink():
        return "refused"
    suffix = path.suffix.casefold()
    if suffix == ".pdf":
        return "pdf"
    if suffix in ILLUSTRATION_SUFFIXES:
        return "illustration"
    return "other"


def _walk(folder: Path) -> list[Path]:
    """Every entry below ``folder``, sorted, without following symbolic links."""
    out: list[Path] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_symlink() or entry.is_file():
            out.append(entry)
        elif entry.is_dir():
            if entry.name.casefold() in SYSTEM_NAMES:
                continue
            out.extend(_walk(entry))
    return out


def _relative(path: Path, root: Path) -> str:
    return unicodedata.normalize("NFC", path.relative_to(root).as_posix())


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def read_layout(folder: Path, criterion_ids: set[str] | None = None) -> Layout:
    """Find the root and the assessment; with ``criterion_ids``, sort the files by criterion."""
    root = find_root(folder)
    layout = Layout(root=root, assessment_data=read_assessment(root))
    if criterion_ids is None:
        return layout
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        name = unicodedata.normalize("NFC", entry.name)
        if entry.name == ASSESSMENT_FILE:
            continue
        if entry.is_dir() and not entry.is_symlink():
            if name.casefold() in SYSTEM_NAMES:
                continue
            criterion_id = criterion_of_folder(name, criterion_ids)
            if criterion_id is None:
                layout.unmatched_folders.append(name)
            else:
                layout.folders.setdefault(criterion_id, []).append(name)
            for path in _walk(entry):
                layout.files.append(
                    DossierFile(
                        path, _relative(path, root), classify(path), criterion_id, _size(path)
                    )
                )
        else:
            layout.files.append(
                DossierFile(entry, _relative(entry, root), classify(entry), None, _size(entry))
            )
    return layout
