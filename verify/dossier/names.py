"""Decoding the file names stored in a ZIP: UTF-8, mangled UTF-8, CP1258 or CP437.

Why this is needed: a ZIP entry's name is bytes. Only when general-purpose
flag bit 11 is set are they declared UTF-8; otherwise the format says CP437,
and Python's ``zipfile`` decodes them so. Vietnamese dossiers are zipped by
Windows Explorer, 7-Zip, WinRAR and macOS, and the same folder
``1.1. Kế hoạch CĐS`` comes back in several shapes:

* UTF-8 with the flag: already right;
* UTF-8 bytes without the flag (macOS Archive Utility, old 7-Zip): shows as
  ``Kß║┐ hoß║ích`` — re-encode as CP437 to get the bytes back, decode UTF-8;
* Info-ZIP's Unicode Path extra field (0x7075) carrying the UTF-8 name next
  to a legacy one: use it when its CRC matches the legacy name;
* Windows-1258 bytes (Vietnamese Windows' code page): decode CP1258, whose
  tone marks are combining characters, then compose (NFC);
* anything else: the CP437 reading, the format's own default.

Names are always returned in NFC so that folder names compare equal to the
catalog's ids and titles whatever the archiver did.
"""

from __future__ import annotations

import struct
import unicodedata
import zipfile
import zlib

UTF8_FLAG = 0x800
UNICODE_PATH_EXTRA = 0x7075


def _unicode_path_extra(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """The UTF-8 name of Info-ZIP's 0x7075 extra field, when it matches the stored name."""
    extra = info.extra
    offset = 0
    while offset + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, offset)
        body = extra[offset + 4 : offset + 4 + size]
        offset += 4 + size
        if tag != UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        (crc,) = struct.unpack_from("<I", body, 1)
        if crc != zlib.crc32(raw):
            continue  # the name was changed by a tool that ignored the extra field
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def raw_name(info: zipfile.ZipInfo) -> bytes:
    """The name's bytes as stored (undoing ``zipfile``'s CP437 decoding)."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename.encode("utf-8")
    try:
        return info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename.encode("utf-8", "surrogateescape")


def decode_name(info: zipfile.ZipInfo) -> str:
    """The entry's real name, NFC, with ``/`` separators."""
    if info.flag_bits & UTF8_FLAG:
        name = info.filename
    else:
        raw = raw_name(info)
        name = _unicode_path_extra(info, raw) or _guess(raw)
    return unicodedata.normalize("NFC", name.replace("\\", "/"))


def _guess(raw: bytes) -> str:
    if raw.isascii():
        return raw.decode("ascii")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258")
    except UnicodeDecodeError:
        return raw.decode("cp437")
