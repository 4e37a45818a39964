"""What happens to a dossier in the chain, as facts: events, and the state they add up to.

A dossier's history is a list of events, each one a fact with who, when and
why — the unit submitted (round 1, 2 … after a return), an appraiser decided
a criterion, an actor concluded a stage with an outcome. The state (where the
dossier stands, each stage's decisions, what the unit must add) is never
stored on its own: :mod:`criteria.workflow` computes it from the events, so
the record and the state cannot disagree, and nothing is ever overwritten —
a changed decision is a new event next to the old one.

Errors of the chain (an action out of turn, a decision without its reason, a
criterion not in the actor's charge) are ``WorkflowError`` with a stable
code, under ``CriteriaError``::

    CriteriaError
    └── WorkflowError       code: NOT_IN_CHARGE (403), STAGE_NOT_CURRENT,
                            DOSSIER_CLOSED, STAGE_INCOMPLETE (409),
                            DECISION_INVALID, REASON_REQUIRED, OUTCOME_INVALID,
                            MEETING_INVALID, RESUBMISSION_INVALID (422)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from criteria.errors import CriteriaError

Verdict = Literal["dat", "khong_dat", "yeu_cau_bo_sung"]
VERDICT_LABELS: dict[str, str] = {
    "dat": "Đạt",
    "khong_dat": "Không đạt",
    "yeu_cau_bo_sung": "Yêu cầu bổ sung",
}

DossierStatus = Literal["dang_xu_ly", "tra_lai", "khong_dat", "cong_nhan", "khong_cong_nhan"]
STATUS_LABELS: dict[str, str] = {
    "dang_xu_ly": "Đang thẩm định",
    "tra_lai": "Trả lại đơn vị để bổ sung",
    "khong_dat": "Không đạt (dừng ở bước thẩm định)",
    "cong_nhan": "Đã được công nhận",
    "khong_cong_nhan": "Không được công nhận",
}
FINAL_STATUSES = frozenset({"khong_dat", "cong_nhan", "khong_cong_nhan"})

OUTCOME_LABELS: dict[str, str] = {
    "chuyen_tiep": "Chuyển bước tiếp theo",
    "tra_lai": "Trả lại để bổ sung",
    "khong_dat": "Không đạt, dừng hồ sơ",
    "day_du": "Hồ sơ đầy đủ, gửi thành viên Hội đồng",
    "bo_sung": "Hồ sơ chưa đầy đủ, trả lại để bổ sung",
    "de_nghi": "Hội đồng đề nghị công nhận",
    "khong_de_nghi": "Hội đồng không đề nghị công nhận",
    "cong_nhan": "Công nhận",
    "khong_cong_nhan": "Không công nhận",
}
CHOSEN_OUTCOMES: dict[str, tuple[str, ...]] = {
    "receive": ("day_du", "bo_sung"),
    "meeting": ("de_nghi", "khong_de_nghi"),
    "decide": ("cong_nhan", "khong_cong_nhan"),
}
"""Outcomes the concluding actor chooses; an appraise stage's outcome follows its decisions."""

MOVES_ON = frozenset({"chuyen_tiep", "day_du", "de_nghi"})
RETURNS = frozenset({"tra_lai", "bo_sung"})
STOPS = frozenset({"khong_dat", "khong_de_nghi"})

REASON_MAX = 2000


class WorkflowError(CriteriaError):
    """An action the chain does not allow now, or from this actor, or in this shape."""

    def __init__(self, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


class ActorRecord(BaseModel):
    """Who acted, as recorded with the event (a key's id and what it stood for then)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    unit: str
    label: str
    key_id: int | None = None


class Event(BaseModel):
    """One fact of a dossier's history."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["submitted", "decided", "concluded"]
    at: dt.datetime
    round: int = Field(ge=1)
    actor: ActorRecord
    stage: str | None = None
    criterion: str | None = None
    verdict: Verdict | None = None
    outcome: str | None = None
    reason: str = ""
    advice: str | None = Field(None, description="Kết quả kiểm tra tự động lúc quyết định")
    data: dict[str, Any] = Field(default_factory=dict)


@dataclass
class RecordedDecision:
    """A criterion's decision at a stage, with its reason and the machine's advice beside it."""

    criterion: str
    verdict: str
    reason: str
    advice: str | None
    actor: ActorRecord
    at: dt.datetime
    round: int

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def differs_from_advice(self) -> bool:
        """Decided against the check of the evidence (shown in the forms, never hidden).

        Đạt where the check found the evidence wanting, or Không đạt where it
        found it sound. A criterion the unit explained (``cho_tham_dinh``)
        awaits the appraiser: either decision follows the advice; asking for
        more never contradicts it.
        """
        return differs(self.verdict, self.advice)


def differs(verdict: str, advice: str | None) -> bool:
    if advice is None:
        return False
    if verdict == "dat":
        return advice not in ("dat", "cho_tham_dinh")
    return verdict == "khong_dat" and advice == "dat"


@dataclass
class Arrival:
    """One stay of the dossier at a stage: when it came, when and how it left."""

    round: int
    at: dt.datetime
    concluded_at: dt.datetime | None = None
    outcome: str | None = None


@dataclass
class StageState:
    id: str
    decisions: dict[str, RecordedDecision] = field(default_factory=dict)
    history: list[RecordedDecision] = field(default_factory=list)
    arrivals: list[Arrival] = field(default_factory=list)
    conclusion: Event | None = None

    @property
    def reached(self) -> bool:
        return bool(self.arrivals)

    @property
    def open(self) -> bool:
        return bool(self.arrivals) and self.arrivals[-1].concluded_at is None


@dataclass(frozen=True)
class SupplementRequest:
    """What the unit must add: per criterion (an appraise stage) or for the dossier (receive)."""

    stage: str
    criterion: str | None
    reason: str
    actor: ActorRecord
    at: dt.datetime


@dataclass
class DossierState:
    """Where a dossier stands, computed from its events."""

    status: DossierStatus = "dang_xu_ly"
    stage: str | None = None
    round: int = 0
    submitted_at: dt.datetime | None = None
    last_submitted_at: dt.datetime | None = None
    stages: dict[str, StageState] = field(default_factory=dict)
    returned_from: str | None = None
    requests: list[SupplementRequest] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class Person(BaseModel):
    """One member of a meeting: name and ``chức vụ, đơn vị công tác``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, description="Họ và tên")
    position: str = Field(min_length=1, max_length=300, description="Chức vụ, đơn vị công tác")


class Vote(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: int = Field(ge=1, le=1000, description="Số thành viên tham dự")
    yes: int = Field(ge=0, le=1000, description="Số thành viên nhất trí đề nghị công nhận")


class MeetingRecord(BaseModel):
    """A council's meeting as its Biên bản (Biểu 02) records it: when, where, who, the vote."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    date: dt.date = Field(description="Ngày họp")
    start: dt.time = Field(description="Giờ bắt đầu (HH:MM)")
    end: dt.time = Field(description="Giờ kết thúc (HH:MM)")
    place: str = Field(min_length=1, max_length=300, description="Địa điểm họp")
    chair: Person = Field(description="Chủ trì cuộc họp")
    secretary: Person = Field(description="Thư ký cuộc họp")
    members: list[Person] = Field(default_factory=list, max_length=100)
    presenter: str | None = Field(
        None, max_length=300, description="Người trình bày báo cáo (mặc định: chủ trì)"
    )
    vote: Vote
