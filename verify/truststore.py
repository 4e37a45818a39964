"""The trust store: the anchors, and the intermediates that may complete a chain to them.

Anchors are the self-signed certificates of the trust paths (``--trust``,
the installation's trust folder). Everything else is an *intermediate*,
offered to the path builder but never trusted by itself: the non-self-signed
certificates of the trust paths, a trust folder's ``intermediates/``
subfolder (where ``hoso trust add`` puts the issuing CAs), and the extra
intermediate folders a caller names (the service's certificates seen in
earlier uploads, issuers fetched with ``--online``). Real Vietnamese
signatures often embed only the signer's certificate, so the issuing CA
must come from one of these. The operating system's TLS store is never
consulted: TLS roots say nothing about who may sign official documents.

``add_to_folder`` is the write path behind ``hoso trust add``: it refuses a
certificate that claims a known Vietnamese root's name with another
fingerprint (``known_roots.py``), and adds a self-signed root from a bundle
only when it is a published Vietnamese root or the administrator says so.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from asn1crypto import x509

from verify.certfiles import cert_files_in, fingerprint, read_cert_file, write_pem
from verify.errors import TrustFileInvalidError, TrustRootImpersonationError, TrustStoreError
from verify.known_roots import KNOWN_VN_CERTIFICATES, KnownRoot

INTERMEDIATES = "intermediates"
"""The subfolder of a trust folder that holds untrusted intermediates."""

__all__ = [
    "INTERMEDIATES",
    "Added",
    "TrustStore",
    "add_to_folder",
    "common_name",
    "fingerprint",
    "is_ca",
    "is_self_signed",
    "list_folder",
    "load_trust_store",
    "store_intermediates",
]


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


def is_ca(cert: x509.Certificate) -> bool:
    """A CA certificate (basicConstraints cA), i.e. one that can issue others."""
    return bool(cert.ca)


def known_root(cert: x509.Certificate) -> KnownRoot | None:
    """The published Vietnamese certificate this one is, byte for byte."""
    print_ = fingerprint(cert)
    return next((k for k in KNOWN_VN_CERTIFICATES if k.sha256 == print_), None)


@dataclass
class TrustStore:
    """Anchors (self-signed, from trust paths) and intermediates, deduplicated by fingerprint."""

    anchors: list[x509.Certificate] = field(default_factory=list)
    intermediates: list[x509.Certificate] = field(default_factory=list)
    _trust_manager: Any = field(default=None, init=False, repr=False, compare=False)

    def _known(self) -> set[str]:
        return {fingerprint(c) for c in (*self.anchors, *self.intermediates)}

    def add(self, cert: x509.Certificate) -> None:
        """A certificate of a trust path: self-signed ones become anchors."""
        if fingerprint(cert) in self._known():
            return
        (self.anchors if is_self_signed(cert) else self.intermediates).append(cert)
        self._trust_manager = None

    def add_intermediate(self, cert: x509.Certificate) -> None:
        """A certificate that may complete a chain but is never trusted by itself."""
        if is_self_signed(cert) or fingerprint(cert) in self._known():
            return
        self.intermediates.append(cert)

    def fingerprint(self) -> str:
        """SHA-256 over the sorted fingerprints of every certificate (caches key on it)."""
        prints = sorted(fingerprint(c) for c in (*self.anchors, *self.intermediates))
        return hashlib.sha256("\n".join(prints).encode()).hexdigest()

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
    def from_paths(cls, paths: Iterable[Path], intermediates: Iterable[Path] = ()) -> TrustStore:
        store = cls()
        for path in paths:
            path = Path(path)
            for file in cert_files_in(path):
                for cert in read_cert_file(file):
                    store.add(cert)
            if path.is_dir() and (path / INTERMEDIATES).is_dir():
                for file in cert_files_in(path / INTERMEDIATES):
                    for cert in read_cert_file(file):
                        store.add_intermediate(cert)
        for folder in intermediates:
            if not Path(folder).exists():
                continue  # a cache folder not created yet
            for file in cert_files_in(Path(folder)):
                for cert in read_cert_file(file):
                    store.add_intermediate(cert)
        return store

    def __len__(self) -> int:
        return len(self.anchors) + len(self.intermediates)


def _stamp_of(paths: Iterable[Path]) -> tuple[tuple[str, float, int], ...]:
    out = []
    for path in paths:
        if not path.exists():
            out.append((str(path), 0.0, -1))
            continue
        folders = [path]
        if path.is_dir() and (path / INTERMEDIATES).is_dir():
            folders.append(path / INTERMEDIATES)
        for folder in folders:
            for file in cert_files_in(folder):
                st = file.stat()
                out.append((str(file), st.st_mtime, st.st_size))
    return tuple(out)


@lru_cache(maxsize=8)
def _cached_store(
    paths: tuple[Path, ...], intermediates: tuple[Path, ...], _stamp: tuple[Any, ...]
) -> TrustStore:
    return TrustStore.from_paths(paths, intermediates)


def load_trust_store(paths: tuple[Path, ...], intermediates: tuple[Path, ...] = ()) -> TrustStore:
    """The store for these paths, re-read only when a file changed (batch runs)."""
    for path in paths:
        if not Path(path).exists():
            raise TrustStoreError(f"Không tìm thấy tệp hoặc thư mục tin cậy: {path}")
    stamp = (_stamp_of(Path(p) for p in paths), _stamp_of(Path(p) for p in intermediates))
    return _cached_store(tuple(paths), tuple(intermediates), stamp)


def impersonated_root(cert: x509.Certificate) -> KnownRoot | None:
    """The known root whose name this certificate claims with another fingerprint."""
    name = common_name(cert)
    if not name:
        return None
    for known in KNOWN_VN_CERTIFICATES:
        if fold(known.common_name) == fold(name) and fingerprint(cert) != known.sha256:
            return known
    return None


Role = Literal["anchor", "intermediate", "skipped"]


@dataclass
class Added:
    """What ``hoso trust add`` did with one certificate of the file."""

    cert: x509.Certificate
    role: Role
    path: Path | None = None
    note: str | None = None


def _role(cert: x509.Certificate, alone: bool, anchor: bool) -> tuple[Role, str | None]:
    if is_self_signed(cert):
        if known_root(cert) is not None or alone or anchor:
            return "anchor", None
        return "skipped", (
            "chứng thư gốc tự ký không thuộc danh sách Root CA Việt Nam đã công bố; nếu đúng "
            "là chứng thư gốc bạn tin cậy, thêm riêng tệp của nó hoặc dùng --anchor"
        )
    if not is_ca(cert):
        return "skipped", "không phải chứng thư của CA (chứng thư người dùng cuối), không cần cài"
    return "intermediate", None


def add_to_folder(source: Path, folder: Path, *, anchor: bool = False) -> list[Added]:
    """Install every usable certificate of ``source`` (PEM, DER or PKCS#7) into ``folder``.

    Self-signed roots go to ``folder`` as anchors; issuing CAs go to
    ``folder/intermediates`` and are never trusted by themselves. Every
    certificate is checked before anything is written, so a refused file
    leaves the folder untouched.
    """
    certs = read_cert_file(source)
    for cert in certs:
        known = impersonated_root(cert)
        if known is not None:
            raise TrustRootImpersonationError(
                f"Chứng thư trong {source} mang tên '{known.common_name}' nhưng dấu vân tay "
                f"SHA-256 {fingerprint(cert)} khác với chứng thư gốc đã công bố "
                f"({known.sha256}). Hãy tải lại chứng thư từ nơi công bố chính thức "
                "(rootca.gov.vn hoặc ca.gov.vn) và so sánh dấu vân tay."
            )
    plan = []
    for cert in certs:
        role, note = _role(cert, len(certs) == 1, anchor)
        plan.append(Added(cert, role, note=note))
    if all(item.role == "skipped" for item in plan):
        reasons = "; ".join(f"'{common_name(i.cert)}': {i.note}" for i in plan)
        raise TrustFileInvalidError(f"Không có chứng thư nào trong {source} được cài: {reasons}.")
    try:
        for item in plan:
            if item.role == "skipped":
                continue
            target = folder if item.role == "anchor" else folder / INTERMEDIATES
            target.mkdir(parents=True, exist_ok=True)
            item.path = write_pem(target, item.cert)
    except OSError as exc:
        raise TrustStoreError(
            f"Không ghi được vào thư mục tin cậy {folder}: {exc.strerror}"
        ) from exc
    return plan


def store_intermediates(folder: Path, certs: Iterable[x509.Certificate]) -> int:
    """Keep the CA certificates not seen before in ``folder``; how many were new.

    The service stores the issuing CAs embedded in uploads and fetched
    through AIA here, and offers them as intermediates afterwards. A
    failure to write only loses the help, never a verification.
    """
    wanted = [c for c in certs if is_ca(c) and not is_self_signed(c)]
    if not wanted:
        return 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        present = {p.stem for p in folder.glob("*.pem")}
        new = 0
        for cert in wanted:
            if fingerprint(cert)[:16] not in present:
                write_pem(folder, cert)
                present.add(fingerprint(cert)[:16])
                new += 1
    except OSError:
        return 0
    return new


def list_folder(folder: Path) -> list[tuple[Path, x509.Certificate, bool]]:
    """Every certificate of the trust folder: file, certificate, whether it is an anchor."""
    out: list[tuple[Path, x509.Certificate, bool]] = []
    for file in cert_files_in(folder):
        out.extend((file, cert, is_self_signed(cert)) for cert in read_cert_file(file))
    if (folder / INTERMEDIATES).is_dir():
        for file in cert_files_in(folder / INTERMEDIATES):
            out.extend((file, cert, False) for cert in read_cert_file(file))
    return out
