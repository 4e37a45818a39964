"""Fixtures of the API tests: a service per test on SQLite, and on PostgreSQL
when ``HOSO_TEST_DATABASE_URL`` is set (tests marked ``postgres``).

Each test gets its own data folder (blobs, SQLite file); on PostgreSQL the
schema is dropped and recreated before each test, so tests never see each
other's rows. The converter is off unless a test asks for it (it costs
seconds to start); the signature PKI and the validation moment are pinned.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.jobs import DossierRunner
from api.keys import create_key
from api.settings import Settings
from tests.support.admin_pdf import make_admin_pdf
from tests.support.pki import VALIDATION_TIME, SamplePKI, build_pki
from tests.support.postgres import reset_postgres
from tests.support.signing import sign_pdf

PG_URL = os.environ.get("HOSO_TEST_DATABASE_URL")


@pytest.fixture(
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """``None`` = the default SQLite file in the data folder."""
    if request.param == "sqlite":
        return None
    if not PG_URL:
        pytest.skip("HOSO_TEST_DATABASE_URL is not set (scripts/start-postgres.sh prints one)")
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture(scope="session")
def pki() -> SamplePKI:
    return build_pki()


@pytest.fixture(scope="session")
def trust_dir(pki: SamplePKI, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return pki.write_trust(tmp_path_factory.mktemp("api-trust"))


@pytest.fixture(scope="session")
def signed_pdf(pki: SamplePKI) -> bytes:
    return sign_pdf(make_admin_pdf(), pki.good, crls=[pki.crl_der])


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None, trust_dir: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "var",
        database_url=database_url,
        trust=str(trust_dir),
        validation_time=VALIDATION_TIME,
        start_converter=False,
        workers=1,
        verifiers=1,
        converters=1,
        max_upload_mb=5,
        worker_heartbeat_s=0.5,
        stalled_after_s=3,
    )


@dataclass
class Service:
    """A running app with one key per role."""

    client: TestClient
    keys: dict[str, str]

    def as_role(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[role]}"}

    @property
    def runtime(self) -> Any:
        return self.client.app.state.runtime  # type: ignore[attr-defined]

    def new_key(self, role: str) -> str:
        with self.runtime.db.session() as session:
            return create_key(session, role).secret


@contextmanager
def running(settings: Settings, runner: DossierRunner | None = None) -> Iterator[Service]:
    app = create_app(settings, runner=runner)
    with TestClient(app, raise_server_exceptions=False) as client:
        runtime = app.state.runtime
        with runtime.db.session() as session:
            keys = {
                role: create_key(session, role).secret
                for role in ("submitter", "reviewer", "admin")
            }
        yield Service(client, keys)


@pytest.fixture
def service(settings: Settings) -> Iterator[Service]:
    with running(settings) as svc:
        yield svc


ServiceFactory = Callable[..., Any]


@dataclass(frozen=True)
class SampleDossier:
    zip_bytes: bytes
    trust: Path


@pytest.fixture(scope="session")
def sample_dossier(tmp_path_factory: pytest.TempPathFactory) -> SampleDossier:
    """The example dossier of examples/dossier (some criteria evidenced, some not)."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "examples" / "dossier" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sample"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    built = module.build(tmp_path_factory.mktemp("sample-dossier"))
    return SampleDossier(built["zip"].read_bytes(), built["trust"])


def wait_for_job(
    service: Service, job_id: str, role: str = "submitter", timeout: float = 90
) -> dict[str, Any]:
    """Poll ``GET /dossiers/{id}`` until the job is done or failed."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = service.client.get(
            f"/dossiers/{job_id}", headers=service.as_role(role)
        ).json()
        if body["state"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")
