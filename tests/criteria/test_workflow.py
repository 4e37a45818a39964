"""The state machine of the appraisal chains, without a database or HTTP.

Each test reads like the seed's procedure: who acts, in which order, what a
return for supplement does, when a dossier stops, and who may not act.
"""

from __future__ import annotations

import datetime as dt

import pytest

from criteria.actors import Actor
from criteria.chain import all_chains, chain_for
from criteria.deadlines import VIETNAM, stage_status, submission_status
from criteria.dossier_events import WorkflowError
from criteria.workflow import Workflow
from tests.criteria.chain_support import district, example, facts, province_actor, unit_actor

T0 = dt.datetime(2024, 11, 1, 9, 0, tzinfo=VIETNAM)
MEETING = {
    "date": "2024-11-20",
    "start": "08:00",
    "end": "10:30",
    "place": "Hội trường",
    "chair": {"name": "Hoàng Văn Nam", "position": "Chủ tịch Hội đồng"},
    "secretary": {"name": "Đỗ Thu Trang", "position": "Thư ký"},
    "vote": {"total": 9, "yes": 9},
}


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def decide_all(flow: Workflow, actor: Actor, stage: str, when: dt.datetime, **special: str) -> None:
    """Đạt for every criterion the actor holds (with a reason where the check disagrees)."""
    for criterion in flow.missing(flow.chain.stage(stage), actor):  # type: ignore[arg-type]
        verdict = special.get(criterion, "dat")
        reason = "" if verdict == "dat" and flow.facts.advice(criterion) == "dat" else "Lý do."
        flow.decide(actor, stage, criterion, verdict, reason, when)


def test_every_chain_reads_and_names_real_forms_and_catalogs() -> None:
    """The chains load, cover the recognition catalogs, and name forms docgen has."""
    import docgen
    from criteria import load_catalog

    known = {f.id for f in docgen.all_forms()}
    covered = {c for chain in all_chains() for c in chain.catalogs}
    assert covered == {
        "thanhhoa-2023-xa",
        "yenbai-2024-xa",
        "yenbai-2024-huyen",
        "yenbai-2024-so",
        "daknong-2023-xa",
    }
    for chain in all_chains():
        for catalog_id in chain.catalogs:
            assert load_catalog(catalog_id).province == chain.province
        for stage in chain.stages:
            assert {f.id for f in stage.forms} <= known


def test_thanh_hoa_return_for_supplement_resubmission_and_recognition() -> None:
    """xã → huyện (asks for 1.6) → xã adds → huyện → BCĐ → Sở → công nhận."""
    data = example("thanhhoa-xa")
    chain = chain_for("thanhhoa-2023-xa")
    commune, huyen = unit_actor(data), district(data)
    flow = Workflow(chain, facts(data, unevidenced=["1.6"]))
    flow.submit(commune, at(0), {"job": "j1"})
    assert flow.state.stage == "huyen" and flow.awaits(huyen) and not flow.awaits(commune)

    with pytest.raises(WorkflowError) as missing_reason:
        flow.decide(huyen, "huyen", "1.6", "dat", "", at(1))
    assert missing_reason.value.code == "REASON_REQUIRED"
    assert "Không đạt" in missing_reason.value.message  # the check's advice is named

    decide_all(flow, huyen, "huyen", at(1), **{"1.6": "yeu_cau_bo_sung"})
    with pytest.raises(WorkflowError) as early:
        flow.conclude(commune, "huyen", at(2))
    assert early.value.code == "NOT_IN_CHARGE"
    flow.conclude(huyen, "huyen", at(2))
    assert flow.state.status == "tra_lai" and flow.state.returned_from == "huyen"
    assert [(r.criterion, r.reason) for r in flow.state.requests] == [("1.6", "Lý do.")]
    assert flow.awaits(commune) and not flow.awaits(huyen)

    flow.facts = facts(data)  # the new dossier's check: 1.6 evidenced now
    flow.submit(commune, at(3), {"job": "j2"})
    assert flow.state.round == 2 and flow.state.stage == "huyen"
    assert flow.missing(chain.stages[0]) == ["1.6"]  # only the asked criterion is open again
    flow.decide(huyen, "huyen", "1.6", "dat", "", at(4))
    flow.conclude(huyen, "huyen", at(4))
    assert flow.state.stage == "bcd"

    member = Actor("bcd", "Sở Nông nghiệp và PTNT", "Thanh Hóa", areas=("thành phố Thanh Hóa",))
    stranger = Actor("bcd", "Sở Y tế", "Thanh Hóa", areas=("huyện Quảng Xương",))
    assert flow.awaits(member) and not flow.awaits(stranger)
    with pytest.raises(WorkflowError) as wrong_area:
        flow.decide(stranger, "bcd", "1.1", "dat", "", at(5))
    assert wrong_area.value.code == "NOT_IN_CHARGE"
    decide_all(flow, member, "bcd", at(5))
    flow.conclude(member, "bcd", at(5))

    so = province_actor(data, "so_tttt")
    decide_all(flow, so, "so", at(6))
    with pytest.raises(WorkflowError):
        flow.conclude(so, "huyen", at(6))  # not the current stage
    flow.conclude(so, "so", at(6))
    rule = flow.state.stages["so"].conclusion.data["rule"]  # type: ignore[union-attr]
    assert flow.state.stage == "cong_nhan" and rule["passed"] is True
    with pytest.raises(WorkflowError) as no_reason:
        flow.conclude(
            province_actor(data, "ubnd_tinh"), "cong_nhan", at(7), outcome="khong_cong_nhan"
        )
    assert no_reason.value.code == "REASON_REQUIRED"
    flow.conclude(province_actor(data, "ubnd_tinh"), "cong_nhan", at(7), outcome="cong_nhan")
    assert flow.state.status == "cong_nhan" and flow.state.final
    with pytest.raises(WorkflowError) as closed:
        flow.decide(so, "so", "1.1", "dat", "", at(8))
    assert closed.value.code == "DOSSIER_CLOSED"


def test_a_gate_stops_a_dossier_whose_decisions_fail_the_rule() -> None:
    """Yên Bái's huyện council: a mandatory criterion Không đạt → the dossier is not sent on."""
    data = example("yenbai-xa-dat")
    flow = Workflow(chain_for("yenbai-2024-xa"), facts(data))
    huyen = district(data)
    flow.submit(unit_actor(data), at(0), {})
    decide_all(flow, huyen, "huyen", at(1), **{"I.1": "khong_dat"})
    with pytest.raises(WorkflowError) as no_minutes:
        flow.conclude(huyen, "huyen", at(1))
    assert no_minutes.value.code == "MEETING_INVALID"
    flow.conclude(huyen, "huyen", at(1), data={"meeting": MEETING})
    assert flow.state.status == "khong_dat" and flow.state.final
    assert "I.1" in flow.state.stages["huyen"].conclusion.data["rule"]["explanation"]  # type: ignore[union-attr]


def test_council_members_see_and_decide_only_their_criteria() -> None:
    """Yên Bái provincial council: Sở Y tế decides its 4 criteria; Sở TT&TT takes the rest."""
    data = example("yenbai-xa-dat")
    chain = chain_for("yenbai-2024-xa")
    flow = Workflow(chain, facts(data), members=["Sở Y tế"])
    huyen, so = district(data), province_actor(data, "so_tttt")
    health = province_actor(data, "thanh_vien", "Sở Y tế")
    flow.submit(unit_actor(data), at(0), {})
    decide_all(flow, huyen, "huyen", at(1))
    flow.conclude(huyen, "huyen", at(1), data={"meeting": MEETING})
    assert flow.state.stage == "tiep_nhan"
    flow.conclude(so, "tiep_nhan", at(2), outcome="day_du")

    mine = flow.visible_criteria(health)
    assert mine and len(mine) < len(flow.facts.scope())
    scope = flow.facts.scope()
    assert all("Sở Y tế" in flow.facts.criterion(i).appraisers[0] for i in mine)
    other = next(i for i in scope if i not in mine)
    with pytest.raises(WorkflowError) as not_mine:
        flow.decide(health, "thanh_vien", other, "dat", "", at(3))
    assert not_mine.value.code == "NOT_IN_CHARGE"
    assert "Sở Thông tin và Truyền thông" in not_mine.value.message
    with pytest.raises(WorkflowError):
        flow.decide(so, "thanh_vien", mine[0], "dat", "", at(3))  # the member's, not the Sở's

    decide_all(flow, health, "thanh_vien", at(3))
    assert not flow.awaits(health) and flow.awaits(so)
    with pytest.raises(WorkflowError):
        flow.conclude(health, "thanh_vien", at(3))  # the standing body compiles and concludes
    decide_all(flow, so, "thanh_vien", at(4))
    flow.conclude(so, "thanh_vien", at(4))
    assert flow.state.stage == "hoi_dong"
    flow.conclude(so, "hoi_dong", at(5), outcome="de_nghi", data={"meeting": MEETING})
    flow.conclude(province_actor(data, "ubnd_tinh"), "cong_nhan", at(6), outcome="cong_nhan")
    assert flow.state.status == "cong_nhan"


def test_receipt_returns_an_incomplete_dossier_and_the_clock_restarts() -> None:
    """Yên Bái: 15 days from arrival at the Sở; a return stops the clock, resubmission restarts it."""
    data = example("yenbai-huyen-dat")
    chain = chain_for("yenbai-2024-huyen")
    deadline = chain.stage("tiep_nhan").deadline  # type: ignore[union-attr]
    assert deadline is not None and deadline.days == 15
    flow = Workflow(chain, facts(data))
    unit, so = unit_actor(data, "huyen"), province_actor(data, "so_tttt")
    flow.submit(unit, at(0), {})
    with pytest.raises(WorkflowError) as silent:
        flow.conclude(so, "tiep_nhan", at(3), outcome="bo_sung")
    assert silent.value.code == "REASON_REQUIRED"
    flow.conclude(so, "tiep_nhan", at(3), outcome="bo_sung", reason="Thiếu Biên bản cuộc họp.")
    assert flow.state.requests[0].criterion is None
    assert flow.state.requests[0].reason == "Thiếu Biên bản cuộc họp."
    first = flow.state.stages["tiep_nhan"].arrivals[0]
    assert stage_status(
        "tiep_nhan", deadline, first.at, first.concluded_at, True, at(40)
    ).state == ("dung")
    flow.submit(unit, at(10), {})
    again = flow.state.stages["tiep_nhan"].arrivals[-1]
    assert again.at == at(10) and flow.state.round == 2
    late = stage_status("tiep_nhan", deadline, again.at, None, False, at(26))
    assert late.state == "qua_han" and late.due == at(25)
    assert stage_status("tiep_nhan", deadline, again.at, None, False, at(24)).state == "con_han"
    flow.conclude(so, "tiep_nhan", at(20), outcome="day_du")
    assert stage_status("tiep_nhan", deadline, again.at, at(20), False, at(40)).state == "dung_han"


def test_the_15_11_deadline_flags_a_late_submission() -> None:
    deadline = chain_for("thanhhoa-2023-xa").submission.deadline
    assert deadline is not None
    on_time = submission_status(deadline, 2024, dt.datetime(2024, 11, 14, 23, 59, tzinfo=VIETNAM))
    late = submission_status(deadline, 2024, dt.datetime(2024, 11, 15, 0, 0, tzinfo=VIETNAM))
    assert on_time.state == "dung_han" and late.state == "tre_han"
    assert late.due.isoformat() == "2024-11-15T00:00:00+07:00"


def test_dak_nong_chain_is_what_its_decision_gives() -> None:
    """QĐ 151 gives no procedure: xã reports, huyện and Sở check, UBND tỉnh decides; no forms."""
    chain = chain_for("daknong-2023-xa")
    assert [s.actor for s in chain.stages] == ["huyen", "so_tttt", "ubnd_tinh"]
    assert all(not s.forms and s.deadline is None for s in chain.stages)
    assert chain.submission.deadline is None and "không quy định" in (chain.reading or "")
    data = example("daknong-xa-dat")
    flow = Workflow(chain, facts(data))
    flow.submit(unit_actor(data), at(0), {})
    decide_all(flow, district(data), "huyen", at(1))
    flow.conclude(district(data), "huyen", at(1))
    so = province_actor(data, "so_tttt")
    decide_all(flow, so, "so", at(2), **{"I.1": "khong_dat"})
    flow.conclude(so, "so", at(2))
    assert flow.state.status == "khong_dat"  # "đạt toàn bộ chỉ tiêu" (Điều 2)


def test_who_may_submit_and_see() -> None:
    data = example("thanhhoa-xa")
    flow = Workflow(chain_for("thanhhoa-2023-xa"), facts(data))
    other = Actor("xa", "Ủy ban nhân dân xã Quảng Đông", "Thanh Hóa")
    with pytest.raises(WorkflowError) as foreign:
        flow.submit(other, at(0), {})
    assert foreign.value.code == "NOT_IN_CHARGE"
    same = Actor("xa", "UBND xã Quảng Tâm", "Thanh Hóa")  # abbreviation: the same commune
    flow.submit(same, at(0), {})
    with pytest.raises(WorkflowError) as twice:
        flow.submit(same, at(1), {})
    assert twice.value.code == "STAGE_NOT_CURRENT"
    wrong_province = Actor("huyen", "Ủy ban nhân dân thành phố Thanh Hóa", "Yên Bái")
    assert not flow.awaits(wrong_province)
