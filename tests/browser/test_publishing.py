"""In Chromium: the analyst publishes the demo's final report; a visitor without an account finds
it from /ita/, downloads the very file that was stored, scans the QR code printed on a page and
checks a copy of the file on the verification page. The public pages pass axe-core at a phone's
and a desktop's width."""

import subprocess
from pathlib import Path

import pytest

from reports.models import RenderedPdf
from tests.browser.test_staff_pages import fits, serious
from tests.cast import advance
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.browser


def finished(report):
    """The demo report up the chain; the journey test walks these steps in the browser."""
    advance(report)
    run_queued_tasks()  # the worker signs and stores the final PDF
    report.refresh_from_db()
    return report


def scanned(pdf_path, folder):
    """The addresses in the QR codes of the first page, as a phone camera would read them."""
    image = folder / "page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf_path), str(image)], check=True)  # fmt: skip
    result = subprocess.run(["zbarimg", "-q", "--raw", f"{image}.png"], capture_output=True,
                            text=True)  # fmt: skip
    return result.stdout.split()


def test_published_report_is_found_downloaded_and_verified(
    browser, sign_in, live_demo, artifacts, settings
):
    base_url, report = live_demo
    settings.SITE_URL = base_url  # the QR code points at this server
    report = finished(report)
    final = RenderedPdf.objects.get(report=report, is_final=True)

    analyst = sign_in("analyst")
    page = analyst.go(f"/reports/{report.pk}/")
    page.click("text=การเผยแพร่บนหน้า ITA")
    page.screenshot(path=str(artifacts / "01-analyst-publishes.png"), full_page=True)
    page.click("button:has-text('เผยแพร่')")
    assert "เผยแพร่อยู่" in page.content()
    permanent = page.input_value("#permanent-link")
    assert permanent == f"{base_url}/ita/kiar/2566/report-1/"

    visitor = browser.new_context(viewport={"width": 375, "height": 800}, locale="th-TH",
                                  accept_downloads=True)  # fmt: skip
    page = visitor.new_page()
    page.goto(f"{base_url}/ita/")
    page.click("text=องค์การบริหารส่วนตำบลเกียร์")
    page.click("text=รายงานรอบ ๖ เดือน")
    assert page.url == permanent
    assert "O43" in page.content() and final.sha256 in page.content()
    with page.expect_download() as download:
        page.click("text=ดาวน์โหลด PDF")
    downloaded = artifacts / "downloaded.pdf"
    download.value.save_as(downloaded)
    assert downloaded.read_bytes() == final.read()

    code = report.verification_code
    assert scanned(downloaded, artifacts) == [f"{base_url}/verify/{code}/"]
    page.goto(scanned(downloaded, artifacts)[0])
    assert "เผยแพร่อยู่" in page.content() and "องค์การบริหารส่วนตำบลเกียร์" in page.content()
    page.set_input_files("#id_file", str(downloaded))
    page.click("button:has-text('ตรวจไฟล์')")
    page.screenshot(path=str(artifacts / "02-same-file-verifies.png"), full_page=True)
    assert "ตรงกับเอกสารที่เผยแพร่ทุกไบต์ และลายมือชื่อดิจิทัลถูกต้อง" in page.content()

    changed = bytearray(downloaded.read_bytes())
    changed[len(changed) // 2] ^= 0x01
    page.set_input_files(
        "#id_file",
        files=[{"name": "สำเนา.pdf", "mimeType": "application/pdf", "buffer": bytes(changed)}],
    )
    page.click("button:has-text('ตรวจไฟล์')")
    page.screenshot(path=str(artifacts / "03-changed-copy-fails.png"), full_page=True)
    assert "ไฟล์นี้ไม่ตรงกับเอกสารที่เผยแพร่" in page.content()
    assert "ทุกไบต์ และลายมือชื่อดิจิทัลถูกต้อง" not in page.content()

    public_pages = {
        "index": "/ita/",
        "organisation": "/ita/kiar/",
        "by-item": "/ita/kiar/?by=item",
        "document": "/ita/kiar/2566/report-1/",
        "verify": f"/verify/{code}/",
    }
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in public_pages.items():
            page.goto(f"{base_url}{path}")
            page.screenshot(path=str(artifacts / f"public-{name}-{width}.png"), full_page=True)
            assert fits(page), f"{name} scrolls sideways at {width} px"
            assert serious(page) == [], (name, width)
    assert page.evaluate("document.fonts.check('16px Laksaman', 'ดำเนินการ')")
    visitor.close()

    # Reading, downloading and verifying need no JavaScript (an old office PC, a strict browser).
    plain = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="th-TH")
    page = plain.new_page()
    page.goto(f"{base_url}/ita/")
    page.click("text=องค์การบริหารส่วนตำบลเกียร์")
    page.click("text=รายงานรอบ ๖ เดือน")
    assert final.sha256 in page.content()
    with page.expect_download() as download:
        page.click("text=ดาวน์โหลด PDF")
    assert Path(download.value.path()).read_bytes() == final.read()
    page.goto(f"{base_url}/verify/{code}/")
    page.set_input_files("#id_file", str(downloaded))
    page.click("button:has-text('ตรวจไฟล์')")
    assert "ตรงกับเอกสารที่เผยแพร่ทุกไบต์ และลายมือชื่อดิจิทัลถูกต้อง" in page.content()
    plain.close()
