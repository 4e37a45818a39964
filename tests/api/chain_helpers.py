"""The chain tests' actors and their HTTP calls: one key per actor, each call as that actor."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import docx

from api.key_actors import ActorBinding
from api.keys import create_key
from criteria.deadlines import VIETNAM
from tests.api.conftest import Service, wait_for_job


def table_rows(content: bytes) -> dict[str, list[str]]:
    """Rows of every table of a DOCX by their first cell (``"1.6"`` → the row's cell texts)."""
    from docgen.typography import plain

    rows: dict[str, list[str]] = {}
    for table in docx.Document(io.BytesIO(content)).tables:
        for row in table.rows:
            cells = [plain(c.text).strip() for c in row.cells]
            if cells and cells[0]:
                rows.setdefault(cells[0], cells)
    return rows


@dataclass
class Chain:
    """A service with keys for a province's actors, and their calls."""

    service: Service
    keys: dict[str, str] = field(default_factory=dict)
    moment: dt.datetime = dt.datetime(2024, 11, 1, 9, 0, tzinfo=VIETNAM)

    def add(self, name: str, role: str, **actor: Any) -> None:
        binding = ActorBinding(**actor)
        with self.service.runtime.db.session() as session:
            self.keys[name] = create_key(session, role, name, binding).secret

    def at(self, moment: dt.datetime) -> None:
        """Move the service's clock (deadlines) to ``moment``."""
        self.moment = moment
        self.service.runtime.clock = lambda: self.moment

    def h(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def get(self, who: str, path: str) -> Any:
        return self.service.client.get(path, headers=self.h(who))

    def upload(self, who: str, zip_bytes: bytes) -> str:
        files = {"file": ("Hồ sơ.zip", zip_bytes, "application/zip")}
        sent = self.service.client.post("/dossiers", files=files, headers=self.h(who))
        assert sent.status_code == 202, sent.text
        job = wait_for_job(self.service, sent.json()["id"], role="admin")
        assert job["state"] == "done", job["error"]
        return str(job["id"])

    def submit(self, who: str, job_id: str) -> dict[str, Any]:
        answer = self.service.client.post(
            "/appraisals", json={"job_id": job_id}, headers=self.h(who)
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    def resubmit(self, who: str, dossier: str, job_id: str) -> dict[str, Any]:
        answer = self.service.client.post(
            f"/appraisals/{dossier}/resubmit", json={"job_id": job_id}, headers=self.h(who)
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def decide(
        self, who: str, dossier: str, stage: str, criterion: str, verdict: str, reason: str = ""
    ) -> Any:
        return self.service.client.put(
            f"/appraisals/{dossier}/stages/{stage}/criteria/{criterion}",
            json={"verdict": verdict, "reason": reason},
            headers=self.h(who),
        )

    def decide_mine(
        self, who: str, dossier: str, stage: str, special: Mapping[str, tuple[str, str]] = {}
    ) -> dict[str, Any]:
        """Decide every criterion still open for ``who`` as the check advises, except ``special``.

        Đạt where the check says Đạt (no reason needed), Không đạt with a
        reason elsewhere; ``special`` gives (verdict, reason) per criterion.
        """
        current = self.get(who, f"/appraisals/{dossier}").json()
        stage_view = next(s for s in current["stages"] if s["id"] == stage)
        advice = {c["id"]: c["advice"]["status"] for c in current["criteria"]}
        answer: dict[str, Any] = current
        for criterion in stage_view["you"]["missing_mine"]:
            agreed = ("dat", "") if advice[criterion] == "dat" else ("khong_dat", "Chưa đạt.")
            verdict, reason = special.get(criterion, agreed)
            sent = self.decide(who, dossier, stage, criterion, verdict, reason)
            assert sent.status_code == 200, sent.text
            answer = sent.json()
        return answer

    def conclude(self, who: str, dossier: str, stage: str, **body: Any) -> Any:
        return self.service.client.post(
            f"/appraisals/{dossier}/stages/{stage}/conclude", json=body, headers=self.h(who)
        )

    def render(self, who: str, dossier: str, stage: str, form: str, fmt: str = "docx") -> Any:
        return self.service.client.post(
            f"/appraisals/{dossier}/stages/{stage}/forms/{form}?format={fmt}",
            headers=self.h(who),
        )


MEETING = {
    "date": "2024-11-25",
    "start": "08:00",
    "end": "10:30",
    "place": "Hội trường Ủy ban nhân dân",
    "chair": {"name": "Hoàng Văn Nam", "position": "Chủ tịch Hội đồng"},
    "secretary": {"name": "Đỗ Thu Trang", "position": "Chuyên viên, Thư ký"},
    "members": [{"name": "Nguyễn Thị Hạnh", "position": "Phó Chủ tịch Hội đồng"}],
    "vote": {"total": 3, "yes": 3},
}
