"""The trust store: certificates loaded from files and folders given with ``--trust``.

Self-signed certificates are anchors; the others are known intermediates
(real Vietnamese signatures often embed only the signer's certificate, so the
intermediates must come from somewhere). The operating system's TLS store is
never consulted: TLS roots say nothing about who may sign official documents.

``add_to_folder`` is the write path behind ``hoso trust add``: it refuses a
certificate that claims a known Vietnamese root's name with another
fingerprint (``known_roots.py``).
"""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509

from verify.errors import TrustFileInvalidError, TrustRootImpersonationError, TrustStoreError
from verify.known_roots import KNOWN_VN_CERTIFICATES, KnownRoot

CERT_SUFFIXES = frozenset({".pem", ".crt", ".cer", ".der"})
MAX_CERT_FILE_BYTES = 1_000_000


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER encoding, upper-case hex (as publishers print it)."""
    return hashlib.sha256(cert.dump()).hexdigest().upper()


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form: 'Chính phủ' == 'CHINH PHU'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def common_name(cert: x509.Certificate) -> str | None:
    """The subject's common name, or ``None``."""
    value = cert.subject.native.get("common_name")
    if isinstance(value, list):
        value = value[-1] if value else None
    return value


def is_self_signed(cert: x509.Certificate) -> bool:
    """Self-issued with a matching key (asn1crypto checks names and key ids)."""
    return cert.self_signed in ("maybe", "yes")


def load_certificates(data: bytes, source: str) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle or a single DER blob."""
    try:
        if pem.detect(data):
            certs = [
                x509.Certificate.load(der)
                for kind, _headers, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"
            ]
        else:
            certs = [x509.Certificate.load(data)]
        for cert in certs:
            _ = cert.subject.native, cert.public_key.algorithm  # force parsing now
    except (ValueError, TypeError, KeyError) as exc:
        raise TrustFileInvalidError(
            f"Tệp {source} không phải chứng thư số X.509 (PEM hoặc DER)."
        ) from exc
    if not certs:
        raise TrustFileInvalidError(f"Tệp {source} không chứa chứng thư số nào.")
    return certs


def _read_cert_file(path: Path) -> list[x509.Certificate]:
    try:
        if path.stat().st_size > MAX_CERT_FILE_BYTES:
            raise TrustFileInvalidError(f"Tệp {path} quá lớn để là một chứng thư số.")
        data = path.read_bytes()
    except OSError as exc:
        raise TrustStoreError(f"Không đọc được tệp tin cậy {path}: {exc.strerror}") from exc
    return load_certificates(data, str(path))


def _files_in(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CERT_SUFFIXES
        )
    if path.is_file():
        return [path]
    raise TrustStoreError(f"Không tìm thấy tệp hoặc thư mục tin cậy: {path}")


@dataclass
class TrustStore:
    """Anchors (self-signed) and intermediates, deduplicated by fingerprint."""

    anchors: list[x509.Certificate] = field(default_factory=list)
    intermediates: list[x509.Certificate] = field(default_factory=list)
    _trust_manager: Any = field(default=None, init=False, repr=False, compare=False)

    def add(self, cert: x509.Certificate) -> None:
        known = {fingerprint(c) for c in (*self.anchors, *self.intermediates)}
        if fingerprint(cert) in known:
            return
        (self.anchors if is_self_signed(cert) else self.intermediates).append(cert)
        self._trust_manager = None

    def trust_manager(self) -> Any:
        """The certvalidator trust manager of the anchors, built once per store.

        The store itself is cached per set of trust files (``load_trust_store``),
        so every file of a batch shares one manager instead of rebuilding it
        for each validation context.
        """
        if self._trust_manager is None:
            from pyhanko_certvalidator.registry import SimpleTrustManager

            self._trust_manager = SimpleTrustManager.build(trust_roots=list(self.anchors))
        return self._trust_manager

    @classmethod
    def from_paths(cls, paths: Iterable[Path]) -> TrustStore:
        store = cls()
        for path in paths:
            for file in _files_in(Path(path)):
                for cert in _read_cert_file(file):
                    store.add(cert)
        return store

    def __len__(self) -> int:
        return len(self.anchors) + len(self.intermediates)


def _signature_of(paths: tuple[Path, ...]) -> tuple[tuple[str, float, int], ...]:
    out = []
    for path in paths:
        for file in _files_in(path):
            st = file.stat()
            out.append((str(file), st.st_mtime, st.st_size))
    return tuple(out)


@lru_cache(maxsize=8)
def _cached_store(
    paths: tuple[Path, ...], _stamp: tuple[tuple[str, float, int], ...]
) -> TrustStore:
    return TrustStore.from_paths(paths)


def load_trust_store(paths: tuple[Path, ...]) -> TrustStore:
    """The store for these paths, re-read only when a file changed (batch runs)."""
    return _cached_store(tuple(paths), _signature_of(tuple(paths)))


def impersonated_root(cert: x509.Certificate) -> KnownRoot | None:
    """The known root whose name this certificate claims with another fingerprint."""
    name = common_name(cert)
    if not name:
        return None
    for known in KNOWN_VN_CERTIFICATES:
        if fold(known.common_name) == fold(name) and fingerprint(cert) != known.sha256:
            return known
    return None


def add_to_folder(source: Path, folder: Path) -> list[tuple[Path, x509.Certificate]]:
    """Copy every certificate of ``source`` into ``folder`` as ``<fingerprint>.pem``.

    All certificates are checked before anything is written, so a refused
    bundle leaves the folder untouched.
    """
    certs = _read_cert_file(source)
    for cert in certs:
        known = impersonated_root(cert)
        if known is not None:
            raise TrustRootImpersonationError(
                f"Chứng thư trong {source} mang tên '{known.common_name}' nhưng dấu vân tay "
                f"SHA-256 {fingerprint(cert)} khác với chứng thư gốc đã công bố "
                f"({known.sha256}). Hãy tải lại chứng thư từ nơi công bố chính thức "
                "(rootca.gov.vn hoặc ca.gov.vn) và so sánh dấu vân tay."
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrustStoreError(f"Không tạo được thư mục tin cậy {folder}: {exc.strerror}") from exc
    written = []
    for cert in certs:
        target = folder / f"{fingerprint(cert)[:16]}.pem"
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(pem.armor("CERTIFICATE", cert.dump()))
        shutil.move(tmp, target)
        written.append((target, cert))
    return written


def list_folder(folder: Path) -> list[tuple[Path, x509.Certificate]]:
    """Every certificate of the trust folder with the file holding it."""
    out: list[tuple[Path, x509.Certificate]] = []
    for file in _files_in(folder):
        out.extend((file, cert) for cert in _read_cert_file(file))
    return out
