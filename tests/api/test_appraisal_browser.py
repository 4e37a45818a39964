"""The appraisers' page (/tham-dinh/) in Chromium: a whole Thanh Hóa chain by clicking.

A commune uploads its dossier through the page; the huyện opens a criterion,
sees the check's advice and the evidence beside it, asks for a supplement;
the commune uploads the supplemented dossier; the huyện, the steering-
committee member and the Sở TT&TT decide and conclude, downloading Mẫu 02
and Mẫu 04; the UBND tỉnh recognises the commune. Each actor signs in with
their own key on the same page. Nothing may break the service's CSP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.key_actors import ActorBinding
from api.keys import create_key
from api.settings import Settings
from criteria.deadlines import VIETNAM
from tests.api.chain_helpers import table_rows
from tests.api.live import Live
from tests.api.live import live_server as running_live
from tests.api.test_browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.chain_dossiers import FakeCheckRunner, dossier_zip, example

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

PROVINCE = "Thanh Hóa"
CITY = "Ủy ban nhân dân thành phố Thanh Hóa"
ACTORS: dict[str, tuple[str, dict[str, Any]]] = {
    "xa": ("submitter", {"kind": "xa", "unit": "Ủy ban nhân dân xã Quảng Tâm", "parent": CITY}),
    "huyen": ("reviewer", {"kind": "huyen", "unit": CITY}),
    "bcd": ("reviewer", {"kind": "bcd", "unit": "Sở Y tế", "areas": ["thành phố Thanh Hóa"]}),
    "so": ("reviewer", {"kind": "so_tttt", "unit": "Sở Thông tin và Truyền thông"}),
    "tinh": ("reviewer", {"kind": "ubnd_tinh", "unit": "Ủy ban nhân dân tỉnh Thanh Hóa"}),
}


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Live, dict[str, str]]]:
    settings = Settings(data_dir=tmp_path / "var", start_converter=False, workers=1, verifiers=1)
    with running_live(settings, runner=FakeCheckRunner()) as server:
        runtime = server.app.state.runtime
        runtime.clock = lambda: dt.datetime(2024, 11, 10, 9, 0, tzinfo=VIETNAM)
        keys = {}
        with runtime.db.session() as session:
            for name, (role, actor) in ACTORS.items():
                binding = ActorBinding(province=PROVINCE, **actor)
                keys[name] = create_key(session, role, name, binding).secret
        yield server, keys


def test_a_thanh_hoa_chain_through_the_page(
    live: tuple[Live, dict[str, str]], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, keys = live
    data = example("thanhhoa-xa-khong-ap-dung-4.8-dat")
    first = tmp_path / "Hồ sơ Quảng Tâm.zip"
    first.write_bytes(dossier_zip(data, broken=["1.6"]))
    second = tmp_path / "Hồ sơ bổ sung.zip"
    second.write_bytes(dossier_zip(data))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1366, "height": 768})
            violations: list[str] = []
            page.on(
                "console",
                lambda m: (
                    violations.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )

            def sign_in(who: str) -> None:
                if page.locator("#sign-out").is_visible():
                    page.click("#sign-out")
                page.fill("#key", keys[who])
                page.click("#sign-in-form button")
                expect(page.locator("#who-name")).to_contain_text(ACTORS[who][1]["unit"])

            def open_waiting() -> None:
                expect(page.locator("#dossier")).to_be_hidden()  # signed out: nothing shown
                page.click(".tab[data-view='cho_toi']")
                page.locator(".queue-item").first.click()
                expect(page.locator("#dossier")).to_be_visible()
                expect(page.locator("#d-unit")).to_contain_text("Quảng Tâm")

            def dossier_status(status: str) -> None:
                expect(page.locator("#dossier")).to_have_attribute(
                    "data-status", status, timeout=60_000
                )

            def decide(criterion: str, verdict: str, reason: str = "") -> None:
                page.click(f"tr[data-criterion='{criterion}']")
                expect(page.locator("#panel")).to_have_attribute("data-criterion", criterion)
                page.check(f"#decide-form input[value='{verdict}']")
                page.fill("#reason", reason)
                page.click("#save-decision")
                expect(page.locator("#decide-status")).to_contain_text("Đã lưu")

            def accept_rest_and_conclude() -> None:
                if page.locator("#accept-advised").is_visible():
                    page.click("#accept-advised")
                    expect(page.locator("#accept-advised")).to_be_hidden()
                page.click("#conclude")

            def download(form: str, saved: Path) -> bytes:
                with page.expect_download() as info:
                    page.click(f"#d-form-list button[data-form='{form}'][data-format='docx']")
                assert info.value.suggested_filename.endswith(".docx")
                info.value.save_as(saved)
                return saved.read_bytes()

            page.goto(server.base + "/tham-dinh/")
            expect(page.locator("h1")).to_contain_text("Thẩm định hồ sơ")

            # The commune: its key stays in this tab only; it uploads and submits.
            sign_in("xa")
            assert page.evaluate("sessionStorage.getItem('hoso.thamDinh.key')") == keys["xa"]
            assert page.evaluate("localStorage.length") == 0
            page.set_input_files("#new-file", str(first))
            dossier_status("dang_xu_ly")
            expect(page.locator("#d-stages .stage.dang")).to_contain_text("UBND cấp huyện")

            # The huyện: the advice and the evidence beside it; 1.6 returned for supplement.
            sign_in("huyen")
            open_waiting()
            page.click("tr[data-criterion='1.6']")
            expect(page.locator("#p-advice")).to_contain_text("Không đạt")
            expect(page.locator("#p-files")).to_contain_text("Chữ ký không hợp lệ")
            page.locator("#p-files .view-pdf").first.click()
            expect(page.locator("#p-viewer")).to_be_visible()
            assert (page.get_attribute("#p-frame", "src") or "").startswith("blob:")
            page.check("#decide-form input[value='dat']")
            page.click("#save-decision")
            expect(page.locator("#decide-status")).to_contain_text("cần ghi lý do")
            decide("1.6", "yeu_cau_bo_sung", "Nộp lại báo cáo 1.6 đã ký số hợp lệ.")
            expect(page.locator("tr[data-criterion='1.6']")).to_contain_text("Yêu cầu bổ sung")
            accept_rest_and_conclude()
            dossier_status("tra_lai")

            # The commune reads what to add and resubmits.
            sign_in("xa")
            open_waiting()
            expect(page.locator("#d-requests")).to_contain_text("Nộp lại báo cáo 1.6")
            page.set_input_files("#resubmit-file", str(second))
            dossier_status("dang_xu_ly")
            expect(page.locator("#d-meta")).to_contain_text("lần nộp 2")

            # The huyện decides 1.6 again, concludes, and downloads Mẫu 02.
            sign_in("huyen")
            open_waiting()
            decide("1.6", "dat")
            accept_rest_and_conclude()
            expect(page.locator("#d-stages .stage.dang")).to_contain_text("Ban Chỉ đạo")
            rows = table_rows(download("mau-02", tmp_path / "mau-02.docx"))
            assert rows["1.6"][6] == "Đạt" and rows["1.1"][6] == "Đạt"

            for who, following in (("bcd", "Sở Thông tin"), ("so", "Công nhận")):
                sign_in(who)
                open_waiting()
                accept_rest_and_conclude()
                expect(page.locator("#d-stages .stage.dang")).to_contain_text(following)
            rows = table_rows(download("mau-04", tmp_path / "mau-04.docx"))
            assert rows["1.6"][6] == "Đạt"

            sign_in("tinh")
            open_waiting()
            page.select_option("#outcome", "cong_nhan")
            page.click("#conclude")
            dossier_status("cong_nhan")
            expect(page.locator("#d-status")).to_contain_text("Đã được công nhận")
            page.locator("#d-timeline").evaluate("node => node.parentElement.open = true")
            expect(page.locator("#d-timeline")).to_contain_text("Nộp lại báo cáo 1.6")
            assert violations == [], violations
        finally:
            browser.close()


YB = "Yên Bái"
YB_DISTRICT = "Ủy ban nhân dân huyện Văn Chấn"
YB_ACTORS: dict[str, tuple[str, dict[str, Any]]] = {
    "xa": ("submitter", {"kind": "xa", "unit": "Ủy ban nhân dân xã Tân Thịnh",
                         "parent": YB_DISTRICT}),
    "huyen": ("reviewer", {"kind": "huyen", "unit": YB_DISTRICT}),
    "so": ("reviewer", {"kind": "so_tttt", "unit": "Sở Thông tin và Truyền thông"}),
    "yte": ("reviewer", {"kind": "thanh_vien", "unit": "Sở Y tế"}),
    "tinh": ("reviewer", {"kind": "ubnd_tinh", "unit": "Ủy ban nhân dân tỉnh Yên Bái"}),
}  # fmt: skip


def test_a_yen_bai_chain_with_a_council_member_and_minutes(tmp_path: Path) -> None:
    """Huyện council minutes typed in the page; a council member sees only Sở Y tế's
    criteria; the Sở TT&TT receives, compiles, records the council meeting; UBND tỉnh."""
    from playwright.sync_api import expect, sync_playwright

    settings = Settings(data_dir=tmp_path / "var", start_converter=False, workers=1, verifiers=1)
    with running_live(settings, runner=FakeCheckRunner()) as server:
        runtime = server.app.state.runtime
        keys = {}
        with runtime.db.session() as session:
            for name, (role, actor) in YB_ACTORS.items():
                binding = ActorBinding(province=YB, **actor)
                keys[name] = create_key(session, role, name, binding).secret
        zip_path = tmp_path / "Hồ sơ Tân Thịnh.zip"
        zip_path.write_bytes(dossier_zip(example("yenbai-xa-dat")))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone

                def sign_in(who: str) -> None:
                    if page.locator("#sign-out").is_visible():
                        page.click("#sign-out")
                    page.fill("#key", keys[who])
                    page.click("#sign-in-form button")
                    expect(page.locator("#who-name")).to_contain_text(YB_ACTORS[who][1]["unit"])

                def open_waiting() -> None:
                    page.click(".tab[data-view='cho_toi']")
                    page.locator(".queue-item").first.click()
                    expect(page.locator("#dossier")).to_be_visible()

                def stage_now(name: str) -> None:
                    expect(page.locator("#d-stages .stage.dang")).to_contain_text(name)

                def settle() -> None:
                    """Đạt where the check says Đạt; Không đạt with a reason for the others."""
                    if page.locator("#accept-advised").is_visible():
                        page.click("#accept-advised")
                        expect(page.locator("#accept-advised")).to_be_hidden()
                    for row in page.locator("tr.mine").all():
                        if "Chưa quyết định" not in row.inner_text():
                            continue
                        row.click()
                        page.check("#decide-form input[value='khong_dat']")
                        page.fill("#reason", "Đơn vị tự đánh giá chưa đạt.")
                        page.click("#save-decision")
                        expect(page.locator("#decide-status")).to_contain_text("Đã lưu")

                def minutes(total: int, yes: int) -> None:
                    page.fill("#m-date", "2024-11-25")
                    page.fill("#m-start", "08:00")
                    page.fill("#m-end", "10:30")
                    page.fill("#m-place", "Hội trường")
                    page.fill("#m-chair", "Hoàng Văn Nam")
                    page.fill("#m-chair-pos", "Chủ tịch Hội đồng")
                    page.fill("#m-sec", "Đỗ Thu Trang")
                    page.fill("#m-sec-pos", "Thư ký")
                    page.fill("#m-members", "Nguyễn Thị Hạnh - Phó Chủ tịch")
                    page.fill("#m-total", str(total))
                    page.fill("#m-yes", str(yes))

                page.goto(server.base + "/tham-dinh/")
                sign_in("xa")
                page.set_input_files("#new-file", str(zip_path))
                expect(page.locator("#dossier")).to_have_attribute(
                    "data-status", "dang_xu_ly", timeout=60_000
                )

                sign_in("huyen")
                open_waiting()
                settle()
                expect(page.locator("#meeting")).to_be_visible()
                page.click("#conclude")
                expect(page.locator("#message")).to_contain_text("Biên bản cuộc họp")
                minutes(3, 3)
                page.click("#conclude")
                stage_now("tiếp nhận")

                sign_in("so")
                open_waiting()
                page.select_option("#outcome", "day_du")
                page.click("#conclude")
                stage_now("Thành viên Hội đồng")

                sign_in("yte")
                open_waiting()
                rows = page.locator("#criteria tbody tr")
                assert 0 < rows.count() < 10
                expect(page.locator("#d-forms")).to_be_hidden()
                settle()
                expect(page.locator("#d-action-hint")).to_contain_text("0 tiêu chí của bạn")
                expect(page.locator("#conclude-form")).to_be_hidden()  # the Sở TT&TT compiles

                sign_in("so")
                open_waiting()
                settle()
                page.click("#conclude")
                stage_now("Họp Hội đồng")
                page.select_option("#outcome", "de_nghi")
                minutes(9, 8)
                page.click("#conclude")
                stage_now("Quyết định công nhận")

                sign_in("tinh")
                open_waiting()
                page.select_option("#outcome", "cong_nhan")
                page.click("#conclude")
                expect(page.locator("#dossier")).to_have_attribute("data-status", "cong_nhan")
            finally:
                browser.close()
