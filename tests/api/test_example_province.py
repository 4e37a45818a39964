"""``examples/province/setup.py`` leaves a newcomer a province to click through.

The script signs and checks three communes' dossiers for real (about half a
minute), so this runs once, on SQLite: the point is the example, not the
database.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings, get_settings

SCRIPT = Path(__file__).resolve().parents[2] / "examples" / "province" / "setup.py"

pytestmark = pytest.mark.slow


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("HOSO_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("HOSO_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path / "var"
    get_settings.cache_clear()


def test_the_example_province(data_dir: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("province_setup", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["province_setup"] = module
    spec.loader.exec_module(module)
    build = tmp_path / "build"
    assert module.main(["--build", str(build)]) == 0
    assert module.main(["--build", str(build)]) == 2  # once per database
    keys = dict(
        (line[:22].strip(), line.split()[-1])
        for line in (build / "keys.txt").read_text(encoding="utf-8").splitlines()
    )
    assert (build / "Quảng Hòa - bổ sung.zip").is_file() and (build / "trust").is_dir()

    settings = Settings(data_dir=data_dir, start_converter=False, workers=0)
    with TestClient(create_app(settings)) as client:

        def waiting(who: str) -> dict[str, dict[str, object]]:
            answer = client.get(
                "/appraisals?view=cho_toi", headers={"Authorization": f"Bearer {keys[who]}"}
            )
            return {i["unit_name"]: i for i in answer.json()["items"]}

        district = waiting("huyện Quảng Xương")
        assert list(district) == ["Ủy ban nhân dân xã Quảng Định"]
        assert district["Ủy ban nhân dân xã Quảng Định"]["late"] is True
        assert list(waiting("Sở TT&TT")) == ["Ủy ban nhân dân xã Quảng Nhân"]
        assert list(waiting("xã Quảng Hòa")) == ["Ủy ban nhân dân xã Quảng Hòa"]
        assert waiting("xã Quảng Nhân") == {}
        dossier = client.get(
            "/appraisals", headers={"Authorization": f"Bearer {keys['Sở TT&TT']}"}
        ).json()["items"]
        nhan = next(d for d in dossier if d["unit_name"].endswith("Quảng Nhân"))
        view = client.get(
            nhan["links"]["self"], headers={"Authorization": f"Bearer {keys['Sở TT&TT']}"}
        ).json()
        advice = {c["advice"]["status"] for c in view["criteria"]}
        assert advice == {"dat", "khong_ap_dung"}  # real signed evidence, every document there
