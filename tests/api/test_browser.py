"""The reviewers' page in a real browser (Debian's chromium, driven by Playwright),
as a reviewer works with it, on a laptop (1366×768) and on a phone (360×740).

One live server for the module; each case is run at both sizes: a valid file
(its panel: chain, time source, validation time), an annotation added after
signing (the page named, the signed revision downloaded and equal to the
signed byte range, the difference picture shown), an untrusted file (an
administrator's action, in words, never a command), a scan (OCR marked),
a wrong key (checked when saved, one error by the field), keyboard-only use,
a new upload clearing the previous result, and a dossier opened from its URL
after a reload (filter, failing ids as links, every folder). Every page is
checked for horizontal scrolling, Content-Security-Policy errors and, with
axe-core, serious accessibility violations.
"""

from __future__ import annotations

import importlib.resources
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from api.settings import Settings
from tests.api.conftest import SampleDossier
from tests.api.live import live_server as running_live
from tests.support import tamper
from tests.support.admin_pdf import make_admin_pdf, make_scanned_pdf
from tests.support.pki import CRL_URL, PARENT, Identity, SamplePKI, issue, key, name
from tests.support.signing import sign_pdf

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = {"laptop": (1366, 768), "phone": (360, 740)}
UNKNOWN_CA = "Hoso Test CA chưa cài"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@dataclass
class Files:
    valid: Path
    annotated: Path
    signed: bytes
    untrusted: Path
    scan: Path
    dossier: Path
    not_pdf: Path


@dataclass
class Live:
    base: str
    key: str
    files: Files


@pytest.fixture(scope="module")
def files(
    pki: SamplePKI, signed_pdf: bytes, sample_dossier: SampleDossier, tmp_path_factory: Any
) -> Files:
    folder = tmp_path_factory.mktemp("browser-files")
    ca_key = key()
    unknown_ca = Identity(
        issue(
            name(UNKNOWN_CA),
            ca_key,
            pki.root,
            not_before=datetime(2020, 1, 1, tzinfo=UTC),
            not_after=datetime(2035, 1, 1, tzinfo=UTC),
            ca=True,
        ),
        ca_key,
    )
    leaf_key = key()
    signer = Identity(
        issue(
            name("ỦY BAN NHÂN DÂN XÃ TÂN THỊNH", PARENT),
            leaf_key,
            unknown_ca,
            not_before=datetime(2023, 1, 1, tzinfo=UTC),
            not_after=datetime(2026, 1, 1, tzinfo=UTC),
            crl_url=CRL_URL,
            ca_issuers_url="http://ca.hoso.test/chua-cai.cer",
        ),
        leaf_key,
    )
    paths = {
        "valid": ("Quyết định 15.pdf", signed_pdf),
        "annotated": ("Bị thêm chú thích.pdf", tamper.add_visible_annotation(signed_pdf)),
        "untrusted": (
            "CA chưa cài.pdf",
            sign_pdf(make_admin_pdf(number="16/QĐ-UBND"), signer, embed_chain=False),
        ),
        "scan": ("Bản quét.pdf", sign_pdf(make_scanned_pdf(dpi=150), pki.good)),
        "dossier": ("Hồ sơ.zip", sample_dossier.zip_bytes),
        "not_pdf": ("ghi-chu.txt", b"khong phai PDF"),
    }
    written = {}
    for field, (file_name, data) in paths.items():
        written[field] = folder / file_name
        written[field].write_bytes(data)
    return Files(signed=signed_pdf, **written)


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: Any, trust_dir: Path, sample_dossier: SampleDossier, files: Files
) -> Iterator[Live]:
    """A server running in this process for the whole module, and a reviewer's key."""
    from tests.support.pki import VALIDATION_TIME

    data = tmp_path_factory.mktemp("browser-var")
    settings = Settings(
        data_dir=data,
        trust=os.pathsep.join([str(trust_dir), str(sample_dossier.trust)]),
        validation_time=VALIDATION_TIME,
        start_converter=False,
        workers=1,
        verifiers=1,
        check_workers=2,
    )
    with running_live(settings) as server:
        yield Live(server.base, server.key("reviewer"), files)
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(live: Live) -> Iterator[Any]:
    """Chromium; started after the files and the server (Playwright's sync API runs an event
    loop of its own, and pyHanko's signing needs ``asyncio.run``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser: Any, live: Live) -> Iterator[Any]:
    """A fresh page at one size; fails the test on any CSP violation or script error."""
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.goto(live.base + "/")
    yield page
    assert problems == [], problems
    context.close()


def save_key(page: Any, key: str) -> None:
    page.fill("#api-key", key)
    page.click("text=Kiểm tra và lưu khóa")
    page.wait_for_selector("text=Đã kiểm tra và lưu khóa")


def upload(page: Any, path: Path) -> None:
    page.set_input_files("#file-input", str(path))


def no_horizontal_scroll(page: Any) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


AXE = importlib.resources.files("axe_playwright_python") / "axe.min.js"


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings (WCAG 2 A/AA rules and best practice)."""
    page.evaluate(AXE.read_text("utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def open_all_details(page: Any) -> None:
    page.evaluate("document.querySelectorAll('details').forEach((d) => d.open = true)")


def test_a_valid_file_shows_its_panel(page: Any, live: Live) -> None:
    """Verdict, the signature panel with the chain (serial, validity), the time and its
    source, the validation time and policy, and one row per check with its state."""
    from playwright.sync_api import expect

    save_key(page, live.key)
    upload(page, live.files.valid)
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "valid")
    expect(page.locator(".verdict")).to_contain_text("Được chấp nhận làm minh chứng")
    panel = page.locator(".signature").first
    expect(panel).to_have_attribute("data-indication", "TOTAL_PASSED")
    expect(panel.locator("h3")).to_have_text("Chữ ký 1/1, phiên bản 2/2")
    expect(panel).to_contain_text("Hoso Test CA cơ quan nhà nước")
    expect(panel).to_contain_text("15/03/2024 09:00:00 (giờ Việt Nam, UTC+7)")
    expect(panel).to_contain_text("đồng hồ máy tính của người ký")
    expect(panel).to_contain_text("Kiểm tra lúc01/06/2024 08:00:00 (giờ Việt Nam)")
    expect(panel).to_contain_text("chính sách strict")
    rows = panel.locator("table.checks tbody tr")
    expect(rows).to_have_count(7)
    expect(panel.locator('tr[data-check="integrity"]')).to_have_attribute("data-state", "passed")
    expect(panel.locator('tr[data-check="chain"]')).to_have_attribute("data-state", "passed")
    expect(panel.locator('tr[data-check="time"]')).to_have_attribute("data-state", "info")
    panel.locator("details.chain summary").click()
    certs = panel.locator("li.cert")
    expect(certs).to_have_count(3)
    expect(certs.nth(0)).to_contain_text("Số hiệu")
    expect(certs.nth(0)).to_contain_text("còn hiệu lực lúc ký")
    expect(certs.nth(2)).to_contain_text("đã cài trong kho tin cậy")
    expect(page.locator('tr[data-field="number"]')).to_contain_text("15/QĐ-UBND")
    assert "?verification=" in page.url
    no_horizontal_scroll(page)
    open_all_details(page)
    assert serious_violations(page) == []


def test_an_annotation_added_after_signing(page: Any, live: Live) -> None:
    """The page is named, the signed revision downloads equal to the signed byte range,
    the difference picture is shown, and the fields are labelled unreliable."""
    from playwright.sync_api import expect

    save_key(page, live.key)
    upload(page, live.files.annotated)
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "invalid")
    panel = page.locator(".signature").first
    expect(panel.locator('tr[data-check="changes"]')).to_have_attribute("data-state", "failed")
    change = panel.locator('ul.changes li[data-kind="annotation_added"]')
    expect(change).to_contain_text("trang 1")
    expect(change).to_contain_text("phiên bản 3")
    expect(page.locator('[data-notice="unreliable"]')).to_be_visible()

    with page.expect_download() as info:
        panel.locator("text=Tải bản đã ký (phiên bản 2)").click()
    download = info.value
    assert download.suggested_filename.endswith("phiên bản 2 (bản đã ký).pdf")
    saved = Path(download.path())
    annotated = live.files.annotated.read_bytes()
    assert saved.read_bytes() == live.files.signed == annotated[: len(live.files.signed)]

    panel.locator("text=Xem hình so sánh trang 1").click()
    pictures = panel.locator(".difference img")
    expect(pictures).to_have_count(2)
    for index in range(2):
        picture = pictures.nth(index)
        expect(picture).to_be_visible()
        page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 100", arg=picture.element_handle()
        )
    no_horizontal_scroll(page)
    assert serious_violations(page) == []


def test_an_untrusted_file_names_the_administrators_action(page: Any, live: Live) -> None:
    """No chain to an installed root: the missing CA is named in the chain, the action is the
    administrator's, in words — no command line anywhere on the page."""
    from playwright.sync_api import expect

    save_key(page, live.key)
    upload(page, live.files.untrusted)
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "indeterminate")
    expect(page.locator(".verdict .next-step")).to_contain_text(
        f"Đề nghị quản trị hệ thống cài chứng thư CA '{UNKNOWN_CA}'"
    )
    expect(page.locator(".verdict .next-step")).to_contain_text("Việc của quản trị hệ thống")
    panel = page.locator(".signature").first
    expect(panel.locator('tr[data-check="chain"]')).to_have_attribute("data-state", "unknown")
    expect(panel.locator('li.cert[data-role="missing"]')).to_contain_text(UNKNOWN_CA)
    text = page.locator("main").inner_text()
    for command in ("hoso trust", "--online", "--trust", "--policy"):
        assert command not in text
    no_horizontal_scroll(page)
    assert serious_violations(page) == []


def test_a_scan_shows_the_check_running_and_marks_ocr(page: Any, live: Live) -> None:
    """A busy state with elapsed time while the scan is read; values marked OCR."""
    from playwright.sync_api import expect

    save_key(page, live.key)
    upload(page, live.files.scan)
    expect(page.locator("#busy")).to_be_visible()
    expect(page.locator("#busy-clock")).to_contain_text("giây")
    expect(page.locator(".verdict")).to_be_visible(timeout=90_000)
    expect(page.locator("#busy")).to_be_hidden()
    expect(page.locator('[data-notice="ocr"]')).to_be_visible()
    number = page.locator('tr[data-field="number"]')
    expect(number).to_contain_text("15/QĐ-UBND")
    expect(number).to_contain_text("OCR")
    no_horizontal_scroll(page)


def test_a_wrong_key_is_refused_by_its_field(page: Any, live: Live) -> None:
    """Checked when saved, not stored, one error beside the field; a new upload then clears."""
    from playwright.sync_api import expect

    page.fill("#api-key", "hoso_khong_dung")
    page.click("text=Kiểm tra và lưu khóa")
    error = page.locator("#key-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Khóa không đúng")
    expect(page.locator("#api-key")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#message")).to_be_hidden()
    assert page.evaluate("localStorage.getItem('hoso.apiKey')") is None
    assert page.get_by_text("Khóa không đúng").count() == 1
    assert serious_violations(page) == []
    save_key(page, live.key)
    expect(error).to_be_hidden()


def choose_with_key(page: Any, key: str, path: Path) -> None:
    """Press ``key`` on the focused button and answer the file chooser it opens.

    The listener is installed before the key is pressed: ``expect_file_chooser`` turns
    interception on asynchronously, and a key press (unlike a click, which Playwright
    first waits on) can beat it, leaving a native dialog nobody sees.
    """
    chosen: list[Any] = []

    def keep(chooser: Any) -> None:
        chosen.append(chooser)

    page.on("filechooser", keep)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(null)))")
    page.keyboard.press(key)
    page.wait_for_function("() => true")
    for _ in range(100):
        if chosen:
            break
        page.wait_for_timeout(100)
    page.remove_listener("filechooser", keep)
    assert chosen, f"no file chooser opened with {key!r}"
    chosen[0].set_files(str(path))


def test_keyboard_only_upload_and_a_new_upload_clears_the_result(page: Any, live: Live) -> None:
    """The key typed and saved with Enter; the file chosen with Tab and Enter; then a wrong
    file chosen with Space: the error shows and the previous green result is gone."""
    from playwright.sync_api import expect

    page.focus("#api-key")
    page.keyboard.type(live.key)
    page.keyboard.press("Enter")
    expect(page.locator("#key-status")).to_contain_text("Đã kiểm tra và lưu khóa")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "choose":
            break
    assert page.evaluate("document.activeElement.id") == "choose"
    choose_with_key(page, "Enter", live.files.valid)
    expect(page.locator(".verdict")).to_have_attribute("data-verdict", "valid")

    page.focus("#choose")
    choose_with_key(page, " ", live.files.not_pdf)
    expect(page.locator("#message")).to_contain_text("Chỉ nhận tệp PDF")
    expect(page.locator("#pdf-result")).to_be_hidden()
    expect(page.locator(".verdict")).to_have_count(0)


def test_a_dossier_opens_from_its_url_after_a_reload(page: Any, live: Live) -> None:
    """The job is in the URL; after a reload: the conclusion with failing ids as links, the
    filter, criteria linked to their files' panels, the folder matching no criterion."""
    from playwright.sync_api import expect

    save_key(page, live.key)
    upload(page, live.files.dossier)
    expect(page.locator("#dossier-result")).to_have_attribute("data-state", "done", timeout=120_000)
    assert "?job=" in page.url
    page.reload()
    result = page.locator("#dossier-result")
    expect(result).to_have_attribute("data-state", "done", timeout=30_000)
    verdict = page.locator("#dossier-verdict")
    expect(verdict).to_contain_text("KHÔNG ĐẠT")
    failing = verdict.locator('a[href="#tieu-chi-1.6"]')
    expect(failing).to_have_count(1)
    row = page.locator('tr[data-criterion="1.6"]')
    expect(row).to_contain_text("Không đạt")
    expect(page.locator('tr[data-criterion="1.1"]')).to_contain_text("Đạt")

    page.locator(".filter").get_by_text("Không đạt").click()
    expect(page.locator('tr[data-criterion="1.1"]')).to_be_hidden()
    expect(row).to_be_visible()
    page.locator(".filter").get_by_text("Chờ thẩm định").click()
    expect(page.locator('tr[data-criterion="3.5"]')).to_be_visible()
    expect(row).to_be_hidden()
    page.locator(".filter").get_by_text("Tất cả").click()

    link = row.locator("ul.file-links a").first
    target = link.get_attribute("data-file")
    link.click()
    details = page.locator(f"details#{target}")
    expect(details).to_have_attribute("open", "")
    expect(details.locator(".signature").first).to_be_visible()
    stray = page.locator("details.folder.stray").first
    expect(stray).to_have_attribute("open", "")
    expect(stray).to_contain_text("Không khớp tiêu chí nào")
    expect(stray).to_contain_text("9.9 Tài liệu khác")
    page_text = page.locator("main").inner_text()
    assert "FOLDER_NOT_A_CRITERION" not in page_text
    no_horizontal_scroll(page)
    assert serious_violations(page) == []
