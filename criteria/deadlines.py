"""Deadlines of a chain, computed from the dates a dossier moved.

Two kinds come from the seeds (``criteria.chain.Deadline``):

* ``before_date`` — Thanh Hóa's submission "trước 15/11 hàng năm": due at
  00:00 of 15/11 of the assessment year, Vietnamese time; a first submission
  at or after that moment is *late* — flagged, never refused (the province
  decides);
* ``days_after_arrival`` — Yên Bái's "trong vòng 15 ngày sau khi nhận được
  hồ sơ … đầy đủ": due ``days`` calendar days after the dossier reached the
  stage. It is met when the stage is concluded in time, and *overdue* while
  the stage is still open after it. A return for supplement ends that clock
  (the dossier was not complete); the resubmitted dossier starts a new one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from criteria.chain import Chain, Deadline
from criteria.dossier_events import RETURNS, DossierState

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")

DeadlineState = Literal["con_han", "qua_han", "dung_han", "tre_han", "dung"]
DEADLINE_LABELS: dict[str, str] = {
    "con_han": "Còn hạn",
    "qua_han": "Quá hạn",
    "dung_han": "Đúng hạn",
    "tre_han": "Trễ hạn",
    "dung": "Dừng (hồ sơ trả lại để bổ sung)",
}


@dataclass(frozen=True)
class DeadlineStatus:
    """One deadline of one dossier: what is due when, and how it stands."""

    stage: str
    """``submission`` or the stage id."""
    label: str
    basis: str
    due: dt.datetime
    state: DeadlineState
    started: dt.datetime | None = None
    done: dt.datetime | None = None

    @property
    def state_label(self) -> str:
        return DEADLINE_LABELS[self.state]

    @property
    def open(self) -> bool:
        return self.state in ("con_han", "qua_han")


def submission_due(deadline: Deadline, year: int) -> dt.datetime:
    """00:00 of the deadline day of the assessment year, Vietnamese time (``trước 15/11``)."""
    assert deadline.month is not None and deadline.day is not None
    return dt.datetime(year, deadline.month, deadline.day, tzinfo=VIETNAM)


def submission_status(deadline: Deadline, year: int, submitted: dt.datetime) -> DeadlineStatus:
    due = submission_due(deadline, year)
    return DeadlineStatus(
        "submission",
        deadline.label,
        deadline.basis,
        due,
        "tre_han" if submitted >= due else "dung_han",
        done=submitted,
    )


def stage_status(
    stage_id: str,
    deadline: Deadline,
    arrived: dt.datetime,
    concluded: dt.datetime | None,
    returned: bool,
    now: dt.datetime,
) -> DeadlineStatus:
    """The clock of one arrival at a stage (``returned``: it ended in a return for supplement)."""
    assert deadline.days is not None
    due = arrived + dt.timedelta(days=deadline.days)
    if returned:
        state: DeadlineState = "dung"
    elif concluded is not None:
        state = "dung_han" if concluded <= due else "tre_han"
    else:
        state = "qua_han" if now > due else "con_han"
    return DeadlineStatus(
        stage_id, deadline.label, deadline.basis, due, state, started=arrived, done=concluded
    )


def vietnam_date(moment: dt.datetime) -> str:
    """``15/11/2024``: a moment as the date a Vietnamese official reads."""
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y")


def dossier_deadlines(
    chain: Chain, state: DossierState, year: int, now: dt.datetime
) -> list[DeadlineStatus]:
    """Every deadline the dossier met so far: its submission, and each arrival at a timed stage."""
    found: list[DeadlineStatus] = []
    if chain.submission.deadline is not None and state.submitted_at is not None:
        found.append(submission_status(chain.submission.deadline, year, state.submitted_at))
    for stage in chain.stages:
        if stage.deadline is None:
            continue
        for arrival in state.stages[stage.id].arrivals:
            returned = arrival.outcome in RETURNS
            found.append(
                stage_status(
                    stage.id, stage.deadline, arrival.at, arrival.concluded_at, returned, now
                )
            )
    return found
