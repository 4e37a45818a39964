"""Hostile ZIPs: zip-slip, symlinks, bombs, encrypted entries, Vietnamese names in every encoding."""

from __future__ import annotations

import stat
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.verify.dossier.fakes import spec
from verify.dossier import ArchiveBombError, ArchiveError, check_dossier
from verify.dossier.archive import ArchiveLimits, extract_zip
from verify.dossier.names import decode_name

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: vowels precomposed, tone marks combining."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder).as_posix())
    return target


def _raw_zip(target: Path, entries: list[tuple[bytes, bytes, int, bytes]]) -> Path:
    """A ZIP whose names are stored as exactly the given bytes, with the given flag bits.

    ``zipfile`` always writes non-ASCII names as UTF-8 with the flag set, so the
    entries are written under ASCII placeholders of the same length and the
    headers patched afterwards, as an old archiver would have written them.
    """
    with zipfile.ZipFile(target, "w") as archive:
        for index, (raw, data, _flags, extra) in enumerate(entries):
            info = zipfile.ZipInfo(_placeholder(index, len(raw)))
            info.extra = extra
            archive.writestr(info, data)
    content = bytearray(target.read_bytes())
    for index, (raw, _data, flags, _extra) in enumerate(entries):
        placeholder = _placeholder(index, len(raw)).encode()
        for header, name_at, flags_at in ((b"PK\x03\x04", 30, 6), (b"PK\x01\x02", 46, 8)):
            position = content.find(header + b"")
            while position != -1:
                if content[position + name_at : position + name_at + len(raw)] == placeholder:
                    content[position + name_at : position + name_at + len(raw)] = raw
                    struct.pack_into("<H", content, position + flags_at, flags)
                position = content.find(header, position + 1)
    target.write_bytes(bytes(content))
    return target


def _placeholder(index: int, length: int) -> str:
    return (f"{index:03d}" + "a" * length)[:length]


def test_zip_dossier_checks_like_the_folder(make_dossier, options, tmp_path):
    """A zipped dossier gives the same verdicts, and nothing is written next to the ZIP."""
    root = make_dossier({"I.1. Kế hoạch CĐS": {"a.pdf": spec()}})
    (tmp_path / "zip").mkdir()
    archive = _zip_folder(root, tmp_path / "zip" / "ho-so.zip")
    result = check_dossier(archive, options)
    assert result.passed
    assert result.appraisal.criterion("I.1").folder == "I.1. Kế hoạch CĐS"
    assert [p.name for p in (tmp_path / "zip").iterdir()] == ["ho-so.zip"]


def test_zip_slip_and_absolute_names_are_refused(tmp_path):
    """``../x`` and ``/x`` never land outside the extraction folder; the rest is extracted."""
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../escape.txt", "x")
        z.writestr("/abs.txt", "x")
        z.writestr("I.1/..\\..\\win.txt", "x")
        z.writestr("I.1/ok.pdf", "x")
    out = tmp_path / "out"
    out.mkdir()
    result = extract_zip(archive, out)
    assert {i.code for i in result.issues} == {"ARCHIVE_ENTRY_OUTSIDE"}
    assert len(result.issues) == 3
    assert (out / "I.1" / "ok.pdf").is_file()
    assert not (tmp_path / "escape.txt").exists() and not Path("/abs.txt").exists()
    assert not (tmp_path / "win.txt").exists()


def test_symlink_entries_are_refused(tmp_path):
    """A symbolic link stored in the ZIP is reported, never created."""
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as z:
        info = zipfile.ZipInfo("I.1/passwd.pdf")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    out = tmp_path / "out"
    out.mkdir()
    result = extract_zip(archive, out)
    assert [i.code for i in result.issues] == ["ARCHIVE_SYMLINK"]
    assert not (out / "I.1" / "passwd.pdf").exists()


def test_encrypted_entries_are_reported(tmp_path):
    """An entry flagged encrypted is reported and not extracted."""
    archive = tmp_path / "enc.zip"
    _raw_zip(archive, [(b"I.1/secret.pdf", b"x", 0x1, b"")])
    out = tmp_path / "out"
    out.mkdir()
    result = extract_zip(archive, out)
    assert [i.code for i in result.issues] == ["ARCHIVE_ENTRY_ENCRYPTED"]


def test_zip_bomb_by_ratio_and_by_total_size(tmp_path):
    """A highly compressed large entry, or too much in total, refuses the whole archive."""
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("I.1/zeros.pdf", b"\0" * (8 * 1024 * 1024))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ArchiveBombError, match="bom nén"):
        extract_zip(archive, out)
    with pytest.raises(ArchiveBombError, match="vượt giới hạn"):
        extract_zip(archive, out, ArchiveLimits(max_total_bytes=1024 * 1024, max_ratio=1e9))
    assert not any(out.rglob("*.pdf"))


def test_lying_sizes_are_caught_while_writing(tmp_path):
    """An entry whose data disagrees with its declared size is reported, never half-written."""
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("I.1/a.pdf", b"A" * 5000)
    data = bytearray(archive.read_bytes())
    # patch the uncompressed size in the central directory to 10 bytes
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 10)
    archive.write_bytes(bytes(data))
    out = tmp_path / "out"
    out.mkdir()
    result = extract_zip(archive, out)
    assert [i.code for i in result.issues] == ["ARCHIVE_ENTRY_CORRUPT"]
    assert not (out / "I.1" / "a.pdf").exists()


def test_too_many_entries(tmp_path):
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for i in range(20):
            z.writestr(f"I.1/{i}.jpg", "x")
    with pytest.raises(ArchiveBombError):
        extract_zip(archive, tmp_path, ArchiveLimits(max_entries=10))


@pytest.mark.parametrize(
    ("raw", "flags", "extra_name"),
    [
        ("1.1. Kế hoạch CĐS/Báo cáo.pdf".encode(), 0, None),  # UTF-8 bytes, no flag
        ("1.1. Kế hoạch CĐS/Báo cáo.pdf".encode(), 0x800, None),  # UTF-8 with the flag
        (_cp1258("1.1. Kế hoạch CĐS/Báo cáo.pdf"), 0, None),  # Vietnamese Windows
        (b"1.1. Ke hoach/Bao cao.pdf", 0, "1.1. Kế hoạch CĐS/Báo cáo.pdf"),  # Info-ZIP 0x7075
    ],
    ids=["utf8-no-flag", "utf8-flag", "cp1258", "unicode-path-extra"],
)
def test_vietnamese_names_decode(tmp_path, raw, flags, extra_name):
    """Every way archivers store ``Kế hoạch`` comes back as the same NFC name."""
    archive = tmp_path / "names.zip"
    extra = b""
    if extra_name is not None:
        body = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + extra_name.encode()
        extra = struct.pack("<HH", 0x7075, len(body)) + body
    _raw_zip(archive, [(raw, b"x", flags, extra)])
    with zipfile.ZipFile(archive) as z:
        (info,) = z.infolist()
        assert decode_name(info) == "1.1. Kế hoạch CĐS/Báo cáo.pdf"


def test_cp437_names_stay_cp437(tmp_path):
    """Bytes that are neither UTF-8 nor CP1258 keep the format's own CP437 reading."""
    archive = tmp_path / "dos.zip"
    _raw_zip(archive, [(b"caf\x82\x81.pdf", b"x", 0, b"")])  # CP437 é ü; 0x81 is not CP1258
    with zipfile.ZipFile(archive) as z:
        name = decode_name(z.infolist()[0])
    assert name == "caféü.pdf"


def test_not_a_zip_and_missing_dossier(tmp_path, options):
    """Bad input raises (the CLI's exit 2), never a half result."""
    bogus = tmp_path / "x.zip"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(ArchiveError):
        check_dossier(bogus, options)
    from verify.dossier import DossierNotFoundError

    with pytest.raises(DossierNotFoundError):
        check_dossier(tmp_path / "nowhere", options)
