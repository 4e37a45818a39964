"""The reviewers' page in a real browser (Debian's chromium, driven by Playwright).

A live server runs in a thread on loopback; the page gets a key, then a valid
PDF, a tampered PDF and a dossier ZIP, and the test reads what a reviewer
would read: the verdict, the signature marks, the fields, the progress, the
per-criterion table and a downloaded Mẫu 02 with its Vietnamese name.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import Settings
from tests.api.conftest import SampleDossier
from tests.api.live import live_server as running_live
from tests.support import tamper

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]


@pytest.fixture
def live_server(
    tmp_path: Path, trust_dir: Path, sample_dossier: SampleDossier
) -> Iterator[tuple[str, str]]:
    """(base URL, reviewer key) of a server running in this process."""
    from tests.support.pki import VALIDATION_TIME

    settings = Settings(
        data_dir=tmp_path / "var",
        trust=os.pathsep.join([str(trust_dir), str(sample_dossier.trust)]),
        validation_time=VALIDATION_TIME,
        start_converter=False,
        workers=1,
        verifiers=1,
        check_workers=2,
    )
    with running_live(settings) as live:
        yield live.base, live.key("reviewer")


def test_reviewer_page_shows_signatures_fields_and_a_dossier(
    live_server: tuple[str, str],
    signed_pdf: bytes,
    sample_dossier: SampleDossier,
    tmp_path: Path,
) -> None:
    """Valid PDF → green mark and fields; tampered → red mark; ZIP → table and Mẫu 02."""
    from playwright.sync_api import expect, sync_playwright

    base, key = live_server
    valid = tmp_path / "Quyết định 15.pdf"
    valid.write_bytes(signed_pdf)
    tampered = tmp_path / "Bị sửa.pdf"
    tampered.write_bytes(tamper.change_one_byte(signed_pdf))
    dossier = tmp_path / "Hồ sơ.zip"
    dossier.write_bytes(sample_dossier.zip_bytes)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(accept_downloads=True)
            violations: list[str] = []
            page.on(
                "console",
                lambda m: (
                    violations.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )
            page.goto(base + "/")
            expect(page.locator("h1")).to_contain_text("Kiểm tra minh chứng")
            page.fill("#api-key", key)
            page.click("text=Lưu khóa")
            expect(page.locator("#key-status")).to_contain_text("Đã lưu khóa")
            page.reload()  # the key is kept in localStorage
            expect(page.locator("#key-status")).to_contain_text("Đã lưu khóa")

            page.set_input_files("#file-input", str(valid))
            expect(page.locator("#pdf-verdict")).to_have_attribute("data-verdict", "valid")
            card = page.locator(".signature").first
            expect(card).to_have_attribute("data-indication", "TOTAL_PASSED")
            expect(card).to_contain_text("Chữ ký hợp lệ")
            expect(card).to_contain_text("ỦY BAN NHÂN DÂN XÃ TÂN THỊNH")
            expect(page.locator("#fields")).to_contain_text("15/QĐ-UBND")
            expect(page.locator("#pdf-verdict")).to_contain_text("Được chấp nhận")

            page.set_input_files("#file-input", str(tampered))
            expect(page.locator("#pdf-verdict")).to_have_attribute("data-verdict", "invalid")
            expect(page.locator(".signature").first).to_contain_text("Chữ ký không hợp lệ")
            expect(page.locator(".signature .reasons").first).not_to_be_empty()

            page.set_input_files("#file-input", str(dossier))
            expect(page.locator("#dossier-result")).to_have_attribute(
                "data-state", "done", timeout=90_000
            )
            expect(page.locator("#progress-text")).to_contain_text("Đã kiểm tra xong")
            expect(page.locator("#dossier-verdict")).to_contain_text("KHÔNG ĐẠT")
            row = page.locator('tr[data-criterion="1.6"]')
            expect(row).to_contain_text("Không đạt")
            expect(row).to_contain_text("chữ ký số không hợp lệ")
            expect(page.locator('tr[data-criterion="1.1"]')).to_contain_text("Đạt")

            with page.expect_download() as info:
                page.click("text=Mẫu 02 (Word)")
            download = info.value
            assert download.suggested_filename.startswith("Mẫu 02 - ")
            assert download.suggested_filename.endswith(".docx")
            saved = tmp_path / "mau-02.docx"
            download.save_as(saved)
            assert saved.read_bytes()[:2] == b"PK"
            assert violations == [], violations  # the page runs whole under the service's CSP

            page.goto(base + "/docs")  # Swagger UI from this server, no CDN, no inline script
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("hoso")
            expect(page.locator(".opblock").first).to_be_visible()
            assert violations == [], violations
        finally:
            browser.close()
    shutil.rmtree(tmp_path / "var", ignore_errors=True)
