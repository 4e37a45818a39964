"""Each province's appraisal chain end to end through HTTP, with the forms read back.

A commune's dossier is checked by the real checker (fake evidence files, so
a check takes a moment), submitted into its chain, appraised stage by stage
by keys of each actor — with a return for supplement and a resubmission —
until the final state; every form a stage produces is rendered from the
recorded decisions and read back from the DOCX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from api.db.models import AuditEntry
from api.settings import Settings
from criteria.deadlines import VIETNAM
from tests.api.chain_helpers import MEETING, Chain, table_rows
from tests.api.conftest import running
from tests.support.chain_dossiers import FakeCheckRunner, dossier_zip, example
from tests.support.docx_helpers import docx_text, squash


@pytest.fixture
def chain(settings: Settings) -> Iterator[Chain]:
    with running(settings, runner=FakeCheckRunner()) as service:
        made = Chain(service)
        made.at(made.moment)
        yield made


def thanh_hoa_keys(chain: Chain) -> None:
    province = "Thanh Hóa"
    city = "Ủy ban nhân dân thành phố Thanh Hóa"
    chain.add("xa", "submitter", kind="xa", unit="Ủy ban nhân dân xã Quảng Tâm", parent=city,
              province=province, person="Lê Văn Hòa, Chủ tịch UBND xã")  # fmt: skip
    chain.add("xa_khac", "submitter", kind="xa", unit="Ủy ban nhân dân xã Quảng Đông",
              parent="UBND huyện Quảng Xương", province=province)  # fmt: skip
    chain.add("huyen", "reviewer", kind="huyen", unit=city, province=province)
    chain.add("huyen_khac", "reviewer", kind="huyen", unit="UBND huyện Quảng Xương",
              province=province)  # fmt: skip
    chain.add("bcd", "reviewer", kind="bcd", unit="Sở Nông nghiệp và Phát triển nông thôn",
              province=province, areas=["thành phố Thanh Hóa"])  # fmt: skip
    chain.add("so", "reviewer", kind="so_tttt", unit="Sở Thông tin và Truyền thông",
              province=province)  # fmt: skip
    chain.add("tinh", "reviewer", kind="ubnd_tinh", unit="Ủy ban nhân dân tỉnh Thanh Hóa",
              province=province)  # fmt: skip


def test_thanh_hoa_chain_from_commune_to_recognition(chain: Chain) -> None:
    """xã (late) → huyện returns 1.6 → xã resubmits → huyện (Mẫu 02) → BCĐ (Mẫu 03) →
    Sở TT&TT (Mẫu 04, both columns) → UBND tỉnh recognises."""
    thanh_hoa_keys(chain)
    data = example("thanhhoa-xa-khong-ap-dung-4.8-dat")
    first = chain.upload("xa", dossier_zip(data, broken=["1.6"]))

    chain.at(dt.datetime(2024, 11, 20, 9, 0, tzinfo=VIETNAM))  # after 15/11: late, not refused
    other = chain.service.client.post(
        "/appraisals", json={"job_id": first}, headers=chain.h("xa_khac")
    )
    assert other.status_code == 404  # another commune cannot submit this commune's check
    dossier = chain.submit("xa", first)
    did = dossier["id"]
    assert dossier["status"] == "dang_xu_ly" and dossier["stage"] == "huyen"
    assert dossier["late"] is True
    submission = next(d for d in dossier["deadlines"] if d["stage"] == "submission")
    assert submission["state"] == "tre_han" and submission["due"].startswith("2024-11-15T00:00")
    again = chain.service.client.post("/appraisals", json={"job_id": first}, headers=chain.h("xa"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "DOSSIER_ALREADY_OPEN"

    # Who sees it: its huyện, not another; the commune sees its own.
    assert chain.get("huyen_khac", f"/appraisals/{did}").status_code == 404
    assert chain.get("huyen_khac", "/appraisals").json()["count"] == 0
    queue = chain.get("huyen", "/appraisals?view=cho_toi").json()
    assert [i["id"] for i in queue["items"]] == [did] and queue["items"][0]["late"]
    assert chain.get("xa", "/appraisals?view=cho_toi").json()["count"] == 0

    # The huyện: advice shown, reasons required, 1.6 returned for supplement.
    view = chain.get("huyen", f"/appraisals/{did}").json()
    row16 = next(c for c in view["criteria"] if c["id"] == "1.6")
    assert row16["advice"]["status"] == "khong_dat" and row16["files"]
    assert row16["files"][0]["verdict"] == "invalid"
    refused = chain.decide("huyen", did, "huyen", "1.6", "dat")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "REASON_REQUIRED"
    intruder = chain.decide("huyen_khac", did, "huyen", "1.1", "dat")
    assert intruder.status_code == 404
    commune_tries = chain.decide("xa", did, "huyen", "1.1", "dat")
    assert (
        commune_tries.status_code == 403
        and commune_tries.json()["error"]["code"] == "NOT_IN_CHARGE"
    )
    ask = "Bổ sung báo cáo ký số hợp lệ (tệp hiện có bị sửa sau khi ký)."
    chain.decide_mine("huyen", did, "huyen", {"1.6": ("yeu_cau_bo_sung", ask)})
    early = chain.render("huyen", did, "huyen", "mau-02")
    assert early.status_code == 409 and early.json()["error"]["code"] == "FORM_NOT_READY"
    returned = chain.conclude("huyen", did, "huyen")
    assert returned.status_code == 200, returned.text
    returned = returned.json()
    assert returned["status"] == "tra_lai" and returned["returned_from"] == "huyen"
    assert [(r["criterion"], r["reason"]) for r in returned["requests"]] == [("1.6", ask)]
    commune = chain.get("xa", f"/appraisals/{did}").json()
    assert commune["may_resubmit"] and commune["awaits_you"]

    # The commune adds what was asked (4.4 still broken: the huyện will judge it itself).
    second = chain.upload("xa", dossier_zip(data, broken=["4.4"]))
    resubmitted = chain.resubmit("xa", did, second)
    assert resubmitted["round"] == 2 and resubmitted["stage"] == "huyen"
    huyen_stage = next(s for s in resubmitted["stages"] if s["id"] == "huyen")
    assert huyen_stage["missing"] == ["1.6"]  # the other decisions stay
    chain.decide("huyen", did, "huyen", "4.4", "dat", "Đã kiểm tra bản giấy có dấu, có biên bản.")
    chain.decide_mine("huyen", did, "huyen")
    mau02 = chain.render("huyen", did, "huyen", "mau-02")
    assert mau02.status_code == 200, mau02.text
    rows = table_rows(mau02.content)
    # Phụ lục 02: … | Kết quả tự đánh giá | Kết quả thẩm định của UBND cấp huyện | Đánh giá | …
    assert rows["1.6"][6] == "Đạt"
    assert "Đã kiểm tra bản giấy có dấu" in rows["4.4"][5]
    assert "kết quả kiểm tra minh chứng tự động: Không đạt" in rows["4.4"][5]
    text = squash(docx_text(mau02.content))
    assert "kết quả: đạt" in text and "thành phố thanh hóa" in text
    assert chain.conclude("huyen", did, "huyen").json()["stage"] == "bcd"

    # The steering-committee member in charge of the area gives an opinion (Mẫu 03).
    chain.decide_mine("bcd", did, "bcd", {"3.5": ("dat", "Số liệu khớp báo cáo của Trạm y tế.")})
    mau03 = chain.render("so", did, "bcd", "mau-03")
    assert mau03.status_code == 200, mau03.text
    mau03_text = squash(docx_text(mau03.content))
    assert "đạt yêu cầu" in mau03_text
    assert "số liệu khớp báo cáo của trạm y tế" in mau03_text
    assert "sở nông nghiệp và phát triển nông thôn" in mau03_text
    assert chain.conclude("bcd", did, "bcd").json()["stage"] == "so"

    # The Sở TT&TT examines: Mẫu 04 carries the huyện's and the Sở's results side by side.
    chain.decide_mine("so", did, "so", {"4.4": ("dat", "Sở đối chiếu hệ thống, đạt.")})
    mau04 = chain.render("so", did, "so", "mau-04")
    assert mau04.status_code == 200, mau04.text
    rows = table_rows(mau04.content)
    assert "Đã kiểm tra bản giấy có dấu" in rows["4.4"][4]  # Kết quả thẩm định của UBND cấp huyện
    assert "Sở đối chiếu hệ thống, đạt" in rows["4.4"][5]  # Kết quả thẩm tra của Sở TTTT
    headers = squash(docx_text(mau04.content))
    assert "kết quả thẩm định của ubnd cấp huyện" in headers
    assert "kết quả thẩm tra của sở tttt" in headers
    assert chain.conclude("so", did, "so").json()["stage"] == "cong_nhan"

    no_outcome = chain.conclude("tinh", did, "cong_nhan")
    assert no_outcome.status_code == 422 and no_outcome.json()["error"]["code"] == "OUTCOME_INVALID"
    final = chain.conclude(
        "tinh", did, "cong_nhan", outcome="cong_nhan", decision_number="125/QĐ-UBND"
    )
    assert final.status_code == 200, final.text
    final = final.json()
    assert final["status"] == "cong_nhan" and final["stage"] is None
    closed = chain.decide("so", did, "so", "1.1", "dat")
    assert closed.status_code == 409 and closed.json()["error"]["code"] == "DOSSIER_CLOSED"
    kinds = [
        (e["kind"], e["stage"], e["outcome"]) for e in final["timeline"] if e["kind"] != "decided"
    ]
    assert kinds == [
        ("submitted", None, None),
        ("concluded", "huyen", "tra_lai"),
        ("submitted", None, None),
        ("concluded", "huyen", "chuyen_tiep"),
        ("concluded", "bcd", "chuyen_tiep"),
        ("concluded", "so", "chuyen_tiep"),
        ("concluded", "cong_nhan", "cong_nhan"),
    ]

    # Every decision is in the audit log: who, when, why.
    with chain.service.runtime.db.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "appraisal_decide")
        ).all()
        asked = [e for e in entries if e.detail.get("verdict") == "yeu_cau_bo_sung"]
        assert len(asked) == 1 and asked[0].detail["reason"] == ask
        assert asked[0].detail["criterion"] == "1.6" and asked[0].actor_key_id is not None
        assert asked[0].at is not None and "thành phố Thanh Hóa" in asked[0].detail["by"]
        overridden = [e for e in entries if e.detail.get("differs_from_advice")]
        assert {e.detail["criterion"] for e in overridden} == {"4.4"}


def yen_bai_keys(chain: Chain) -> None:
    province = "Yên Bái"
    district = "Ủy ban nhân dân huyện Văn Chấn"
    chain.add("xa", "submitter", kind="xa", unit="Ủy ban nhân dân xã Tân Thịnh",
              parent=district, province=province)  # fmt: skip
    chain.add("huyen", "reviewer", kind="huyen", unit=district, province=province)
    chain.add("so", "reviewer", kind="so_tttt", unit="Sở Thông tin và Truyền thông",
              province=province)  # fmt: skip
    chain.add("yte", "reviewer", kind="thanh_vien", unit="Sở Y tế", province=province,
              person="Phó Giám đốc Sở Y tế")  # fmt: skip
    chain.add("vp", "reviewer", kind="thanh_vien", unit="Văn phòng UBND tỉnh", province=province)
    chain.add("tinh", "reviewer", kind="ubnd_tinh", unit="Ủy ban nhân dân tỉnh Yên Bái",
              province=province)  # fmt: skip


def test_yen_bai_chain_with_council_members_and_the_15_day_deadline(chain: Chain) -> None:
    """xã → huyện council (Biểu 02/01) → Sở receives, returns, receives again (15 days) →
    members each their criteria (Biểu 03) → council meets (Biểu 02/01) → UBND tỉnh."""
    yen_bai_keys(chain)
    data = example("yenbai-xa-dat")
    did = chain.submit("xa", chain.upload("xa", dossier_zip(data)))["id"]

    chain.decide_mine("huyen", did, "huyen", {"I.4": ("dat", "Đạt theo báo cáo của xã.")})
    no_minutes = chain.conclude("huyen", did, "huyen")
    assert no_minutes.status_code == 422 and no_minutes.json()["error"]["code"] == "MEETING_INVALID"
    moved = chain.conclude("huyen", did, "huyen", meeting=MEETING)
    assert moved.status_code == 200, moved.text
    assert moved.json()["stage"] == "tiep_nhan"
    minutes = chain.render("huyen", did, "huyen", "bieu-02")
    assert minutes.status_code == 200, minutes.text
    minutes_text = squash(docx_text(minutes.content))
    assert "tiêu chí i.4" in minutes_text and "đạt theo báo cáo của xã" in minutes_text
    assert "là 3/tổng số 3 thành viên" in minutes_text
    proposal = chain.render("huyen", did, "huyen", "bieu-01")
    assert proposal.status_code == 200 and "xã tân thịnh" in squash(docx_text(proposal.content))

    # The Sở: 15 days from arrival; overdue is listed; a return stops the clock.
    arrived = chain.get("so", f"/appraisals/{did}").json()
    clock = next(d for d in arrived["deadlines"] if d["stage"] == "tiep_nhan")
    assert clock["state"] == "con_han"
    chain.at(chain.moment + dt.timedelta(days=16))
    assert [i["id"] for i in chain.get("so", "/appraisals?view=qua_han").json()["items"]] == [did]
    back = chain.conclude(
        "so", did, "tiep_nhan", outcome="bo_sung", reason="Thiếu Tờ trình của UBND huyện."
    )
    assert back.status_code == 200 and back.json()["status"] == "tra_lai"
    assert chain.get("so", "/appraisals?view=qua_han").json()["count"] == 0
    did_round2 = chain.resubmit("xa", did, chain.upload("xa", dossier_zip(data)))
    assert did_round2["stage"] == "tiep_nhan" and did_round2["round"] == 2
    clocks = [d for d in did_round2["deadlines"] if d["stage"] == "tiep_nhan"]
    assert [c["state"] for c in clocks] == ["dung", "con_han"]
    assert chain.conclude("so", did, "tiep_nhan", outcome="day_du").json()["stage"] == "thanh_vien"

    # Members see and decide only the criteria in their charge.
    health = chain.get("yte", f"/appraisals/{did}").json()
    mine = [c["id"] for c in health["criteria"]]
    assert mine and all(c["keeper"] == "Sở Y tế" for c in health["criteria"])
    assert len(mine) < len(chain.get("so", f"/appraisals/{did}").json()["criteria"])
    assert [i["id"] for i in chain.get("yte", "/appraisals?view=cho_toi").json()["items"]] == [did]
    others = [
        c for c in chain.get("so", f"/appraisals/{did}").json()["criteria"] if c["id"] not in mine
    ]
    not_mine = chain.decide("yte", did, "thanh_vien", others[0]["id"], "dat")
    assert not_mine.status_code == 403 and not_mine.json()["error"]["code"] == "NOT_IN_CHARGE"
    assert chain.render("yte", did, "thanh_vien", "bieu-03").status_code == 403
    first_mine = mine[0]
    chain.decide_mine(
        "yte", did, "thanh_vien", {first_mine: ("khong_dat", "Chưa có danh sách trạm y tế.")}
    )
    assert chain.get("yte", "/appraisals?view=cho_toi").json()["count"] == 0
    chain.decide_mine("vp", did, "thanh_vien")
    chain.decide_mine("so", did, "thanh_vien")
    compiled = chain.render("so", did, "thanh_vien", "bieu-03")
    assert compiled.status_code == 200, compiled.text
    compiled_text = squash(docx_text(compiled.content))
    assert "thẩm định: không đạt (chưa có danh sách trạm y tế.)" in compiled_text
    moved = chain.conclude("so", did, "thanh_vien").json()
    rule = next(s for s in moved["stages"] if s["id"] == "thanh_vien")["rule"]
    assert moved["stage"] == "hoi_dong", rule  # an extended criterion missed: 30% still met
    council = dict(MEETING, date="2024-12-10", vote={"total": 9, "yes": 8})
    council["members"] = [{"name": f"Thành viên {i}", "position": "Ủy viên"} for i in range(1, 8)]
    chain.conclude("so", did, "hoi_dong", outcome="de_nghi", meeting=council)
    council_minutes = squash(docx_text(chain.render("so", did, "hoi_dong", "bieu-02").content))
    assert "hội đồng thẩm định tỉnh" in council_minutes
    assert "chưa có danh sách trạm y tế" in council_minutes
    assert "là 8/tổng số 9 thành viên" in council_minutes
    done = chain.conclude("tinh", did, "cong_nhan", outcome="cong_nhan").json()
    assert done["status"] == "cong_nhan"


def test_dak_nong_chain_and_a_gate_that_stops(chain: Chain) -> None:
    """Đắk Nông: xã → huyện → Sở TT&TT → UBND tỉnh (QĐ 151 gives no forms); a Không đạt stops."""
    province = "Đắk Nông"
    city = "Ủy ban nhân dân thành phố Gia Nghĩa"
    chain.add("xa", "submitter", kind="xa", unit="Ủy ban nhân dân xã Đắk Nia", parent=city,
              province=province)  # fmt: skip
    chain.add("huyen", "reviewer", kind="huyen", unit=city, province=province)
    chain.add(
        "so", "reviewer", kind="so_tttt", unit="Sở Thông tin và Truyền thông", province=province
    )
    data = example("daknong-xa-dat")
    did = chain.submit("xa", chain.upload("xa", dossier_zip(data)))["id"]
    view = chain.get("huyen", f"/appraisals/{did}").json()
    assert "không quy định" in view["chain"]["reading"]
    assert all(not s["forms"] for s in view["stages"])
    chain.decide_mine("huyen", did, "huyen")
    assert chain.conclude("huyen", did, "huyen").json()["stage"] == "so"
    chain.decide_mine(
        "so", did, "so", {"I.1": ("khong_dat", "Số liệu điện thoại thông minh chưa đủ.")}
    )
    stopped = chain.conclude("so", did, "so").json()
    assert stopped["status"] == "khong_dat" and stopped["stage"] is None
    so_stage = next(s for s in stopped["stages"] if s["id"] == "so")
    assert so_stage["state"] == "dung" and "I.1" in so_stage["rule"]["explanation"]


def test_a_key_without_a_unit_takes_no_part(chain: Chain) -> None:
    """Today's reviewer keys have no unit: 403 on acting, nothing listed; admins may look."""
    reviewer = chain.service.as_role("reviewer")
    listed = chain.service.client.get("/appraisals", headers=reviewer).json()
    assert listed["count"] == 0
    me = chain.service.client.get("/keys/me", headers=reviewer).json()
    assert me["actor"] is None and me["role"] == "reviewer"
    answer = chain.service.client.post("/appraisals", json={"job_id": "x"}, headers=reviewer)
    assert answer.status_code == 403
    assert "chưa gắn với đơn vị" in answer.json()["error"]["message"]


def test_an_admin_gives_a_key_its_unit(chain: Chain) -> None:
    """POST /keys with an actor; /keys/me shows it; a commune without its district is refused."""
    admin = chain.service.as_role("admin")
    actor = {"kind": "huyen", "unit": "UBND huyện Quảng Xương", "province": "Thanh Hóa"}
    made = chain.service.client.post(
        "/keys", json={"role": "reviewer", "label": "Phòng VH-TT", "actor": actor}, headers=admin
    )
    assert made.status_code == 201, made.text
    me = chain.service.client.get(
        "/keys/me", headers={"Authorization": f"Bearer {made.json()['key']}"}
    ).json()
    assert me["actor"]["unit"] == "UBND huyện Quảng Xương"
    assert me["actor"]["kind_label"] == "UBND cấp huyện"
    commune = {"kind": "xa", "unit": "UBND xã Quảng Hòa", "province": "Thanh Hóa"}
    refused = chain.service.client.post(
        "/keys", json={"role": "submitter", "actor": commune}, headers=admin
    )
    assert refused.status_code == 422 and "parent" in refused.json()["error"]["message"]
    unknown = dict(actor, kind="chu_tich")
    bad = chain.service.client.post(
        "/keys", json={"role": "reviewer", "actor": unknown}, headers=admin
    )
    assert bad.status_code == 422 and "thanh_vien" in bad.text
