"""The Vietnamese PKI roots we know by fingerprint, kept as data in the package.

Used by ``hoso trust add`` to refuse a certificate that claims one of these
subjects but is not byte-identical to the published certificate: that is
either a mistake (a wrong file) or an impersonation attempt. Fingerprints
come from ``shared/trust/vn/README.md`` (each seen byte-identical in two
independent sources); a deployment must still compare them with the
official publishers (rootca.gov.vn, ca.gov.vn).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownRoot:
    """A published certificate: its common name and SHA-256 (DER) fingerprint."""

    common_name: str
    description: str
    sha256: str
    valid_until: str


KNOWN_VN_CERTIFICATES: tuple[KnownRoot, ...] = (
    KnownRoot(
        "Vietnam National Root CA",
        "Root CA quốc gia (Bộ TT&TT, NEAC) — gốc của các CA công cộng",
        "BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7",
        "2039-04-15",
    ),
    KnownRoot(
        "Vietnam National Root CA G3",
        "Root CA quốc gia G3",
        "7B3269E7D79AEBBFAE5095F45BBB7074771E690CB7DF02B441062B12F7690ECE",
        "2049-06-20",
    ),
    KnownRoot(
        "RootCA chuyên dùng Chính phủ G2",
        "Root CA chuyên dùng Chính phủ G2 (Ban Cơ yếu Chính phủ)",
        "F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8",
        "2048-08-14",
    ),
    KnownRoot(
        "CA phục vụ các cơ quan Nhà nước G2",
        "CA trung gian cấp chứng thư cho cơ quan nhà nước (Ban Cơ yếu Chính phủ)",
        "D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B",
        "2048-08-14",
    ),
)
