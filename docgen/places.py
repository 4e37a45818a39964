"""The place name (địa danh) a document's date line starts with, from an agency's name.

Nghị định 30/2020 writes the date line with the administrative unit's proper
name, without its kind: "Ủy ban nhân dân thành phố Thanh Hóa" dates its
documents "Thanh Hóa, ngày …", "UBND huyện Quảng Xương" "Quảng Xương, ngày …".
"""

from __future__ import annotations

import re

_AGENCY = re.compile(r"^\s*(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", re.IGNORECASE)
_UNIT_KIND = re.compile(r"^(thành phố|thị xã|thị trấn|huyện|quận|xã|phường|tỉnh)\s+", re.IGNORECASE)


def local_name(agency: str) -> str:
    """``Ủy ban nhân dân xã Quảng Tâm`` → ``xã Quảng Tâm``: the locality written after UBND."""
    return _AGENCY.sub("", agency).strip()


def place_name(agency: str) -> str:
    """``Ủy ban nhân dân thành phố Thanh Hóa`` → ``Thanh Hóa``; unknown shapes unchanged."""
    proper = _UNIT_KIND.sub("", local_name(agency)).strip()
    return proper or agency.strip()
