"""Shared fixtures of the signature tests: one test PKI and one signed document per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.admin_pdf import make_admin_pdf
from tests.support.pki import VALIDATION_TIME, SamplePKI, build_pki
from tests.support.signing import sign_pdf
from verify import EvidenceReport, VerifyOptions, verify_pdf


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
