"""Certificate files: reading PEM, DER and PKCS#7 bundles, writing one PEM per certificate.

CAs publish their certificates in every shape: a single ``.cer`` in DER, a
PEM chain, or a PKCS#7 "certs-only" bundle (``.p7b``/``.p7c``, DER or PEM
armoured). All of them load here through asn1crypto, so ``hoso trust add``,
``--trust`` folders and fetched issuers accept the same files.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from asn1crypto import cms, pem, x509

from verify.errors import TrustFileInvalidError, TrustStoreError

CERT_SUFFIXES = frozenset({".pem", ".crt", ".cer", ".der", ".p7b", ".p7c"})
MAX_CERT_FILE_BYTES = 1_000_000


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER encoding, upper-case hex (as publishers print it)."""
    return hashlib.sha256(cert.dump()).hexdigest().upper()


def _pkcs7_certificates(der: bytes) -> list[x509.Certificate] | None:
    """The certificates of a PKCS#7 SignedData, or ``None`` when ``der`` is not one."""
    try:
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            return None
        choices = info["content"]["certificates"] or []
    except (ValueError, TypeError, KeyError):
        return None
    return [c.chosen for c in choices if c.name == "certificate"]


def _from_der(der: bytes) -> list[x509.Certificate]:
    bundle = _pkcs7_certificates(der)
    return bundle if bundle is not None else [x509.Certificate.load(der)]


def load_certificates(data: bytes, source: str) -> list[x509.Certificate]:
    """Every certificate of a PEM file, a DER certificate or a PKCS#7 bundle."""
    try:
        if pem.detect(data):
            certs: list[x509.Certificate] = []
            for kind, _headers, der in pem.unarmor(data, multiple=True):
                if kind == "CERTIFICATE":
                    certs.append(x509.Certificate.load(der))
                elif kind in ("PKCS7", "CMS"):
                    certs.extend(_pkcs7_certificates(der) or [])
        else:
            certs = _from_der(data)
        for cert in certs:
            _ = cert.subject.native, cert.public_key.algorithm  # force parsing now
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustFileInvalidError(
            f"Tệp {source} không phải chứng thư số X.509 (PEM, DER hoặc bộ PKCS#7 .p7b/.p7c)."
        ) from exc
    if not certs:
        raise TrustFileInvalidError(f"Tệp {source} không chứa chứng thư số nào.")
    return certs


def read_cert_file(path: Path) -> list[x509.Certificate]:
    """The certificates of one file, with a Vietnamese error when it cannot be used."""
    try:
        if path.stat().st_size > MAX_CERT_FILE_BYTES:
            raise TrustFileInvalidError(f"Tệp {path} quá lớn để là một chứng thư số.")
        data = path.read_bytes()
    except OSError as exc:
        raise TrustStoreError(f"Không đọc được tệp tin cậy {path}: {exc.strerror}") from exc
    return load_certificates(data, str(path))


def cert_files_in(path: Path) -> list[Path]:
    """The certificate files of a folder (not its subfolders), or the file itself."""
    if path.is_dir():
        return sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CERT_SUFFIXES
        )
    if path.is_file():
        return [path]
    raise TrustStoreError(f"Không tìm thấy tệp hoặc thư mục tin cậy: {path}")


def write_pem(folder: Path, cert: x509.Certificate) -> Path:
    """``<folder>/<fingerprint>.pem``, written atomically; the path."""
    target = folder / f"{fingerprint(cert)[:16]}.pem"
    tmp = target.with_suffix(f".{os.getpid()}.tmp")  # workers of a pool may write the same CA
    tmp.write_bytes(pem.armor("CERTIFICATE", cert.dump()))
    shutil.move(tmp, target)
    return target
