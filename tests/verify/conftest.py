"""Shared fixtures of the signature tests: one test PKI, one signed document, one 2021-style CA."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.support.admin_pdf import make_admin_pdf
from tests.support.legacy import CHECKED_AT, CRL_ISSUED, REVOKED_ON, LegacyCA, legacy_ca
from tests.support.pki import VALIDATION_TIME, Identity, SamplePKI, build_pki
from tests.support.responder import Authority, CaServer, ca_server
from tests.support.signing import sign_pdf
from verify import EvidenceReport, VerifyOptions, load_policy, verify_pdf


@pytest.fixture(scope="session")
def pki() -> SamplePKI:
    return build_pki()


@pytest.fixture(scope="session")
def trust_dir(pki: SamplePKI, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pki.write_trust(tmp_path_factory.mktemp("trust"))


@pytest.fixture(scope="session")
def admin_pdf() -> bytes:
    return make_admin_pdf()


@pytest.fixture(scope="session")
def signed_good(admin_pdf: bytes, pki: SamplePKI) -> bytes:
    return sign_pdf(admin_pdf, pki.good, crls=[pki.crl_der])


@pytest.fixture
def check(tmp_path: Path, trust_dir: Path) -> Callable[..., EvidenceReport]:
    """Write ``data`` to a file and verify it in-process at the pinned validation time."""

    def run(data: bytes, name: str = "minh-chung.pdf", **overrides: object) -> EvidenceReport:
        path = tmp_path / name
        path.write_bytes(data)
        settings: dict[str, object] = {
            "trust": (trust_dir,),
            "validation_time": VALIDATION_TIME,
            "isolate": False,
            "check_fields": False,
        }
        settings.update(overrides)
        return verify_pdf(path, VerifyOptions(**settings))  # type: ignore[arg-type]

    return run


@dataclass
class LegacyEra:
    """The test CA of the SHA-1/RSA-1024 era, its web endpoints, and its signers."""

    ca: LegacyCA
    web: CaServer
    signer_2021: Identity
    signer_2025: Identity
    revoked_before: Identity
    revoked_after: Identity

    def ca_file(self, folder: Path) -> Path:
        """The CA certificate as a CA publishes it (DER ``.cer``)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "newtel-ca-v2.cer"
        path.write_bytes(self.ca.ca.cert.public_bytes(serialization.Encoding.DER))
        return path


@pytest.fixture(scope="session")
def legacy(pki: SamplePKI) -> Iterator[LegacyEra]:
    """A 2021-style CA under the test root, serving its certificate, CRL and OCSP on 127.0.0.1."""
    with ca_server() as web:
        ca = legacy_ca(pki.root, web.base)
        era = LegacyEra(
            ca=ca,
            web=web,
            signer_2021=ca.leaf(),
            signer_2025=ca.leaf(
                not_before=datetime(2024, 1, 1, tzinfo=UTC),
                not_after=datetime(2026, 6, 1, tzinfo=UTC),
            ),
            revoked_before=ca.leaf(),
            revoked_after=ca.leaf(),
        )
        revoked = {
            era.revoked_before.cert.serial_number: REVOKED_ON,
            era.revoked_after.cert.serial_number: datetime(2022, 1, 5, tzinfo=UTC),
        }
        web.authority = Authority(
            ca.ca.cert, ca.ca.key, crl_der=ca.crl(revoked), revoked=revoked, produced_at=CRL_ISSUED
        )
        yield era


@pytest.fixture
def legacy_check(check: Callable[..., EvidenceReport]) -> Callable[..., EvidenceReport]:
    """``check`` at ``CHECKED_AT`` (2025) under a policy (vn-legacy by default), root-only trust."""

    def run(
        data: bytes, policy: str = "vn-legacy", name: str = "van-ban.pdf", **overrides: object
    ) -> EvidenceReport:
        overrides.setdefault("validation_time", CHECKED_AT)
        return check(data, name, policy=load_policy(policy), **overrides)

    return run
