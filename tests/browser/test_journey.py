"""The whole journey in Chromium, with the demo users, from recording results to the signed PDF:
one superior draws a signature on the screen, the analyst uploads one, every act is confirmed
with the person's password, and the final PDF carries the signatures and a valid digital
signature."""

import io
import subprocess

import pypdfium2
import pytest

from measures.models import Measure
from reports.models import ReportState
from tests.reports.conftest import pdftotext, squash
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PASSWORD = "ita-demo-2566"


def signature_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 90), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 70), (90, 15), (170, 80), (290, 20)], fill="navy", width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def draw_signature(person, artifacts):
    """A signature drawn with the mouse on the signature pad."""
    page = person.go("/accounts/signature/")
    box = page.locator(".signature-pad canvas").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(
            box["x"] + 20 + step * box["width"] * 0.07,
            box["y"] + box["height"] * (0.3 if step % 2 else 0.7),
            steps=4,
        )
    page.mouse.up()
    shot(page, artifacts, "00-chief-admin-draws-signature")
    page.click("button:has-text('บันทึกลายมือชื่อ')")
    assert "บันทึกลายมือชื่อแล้ว" in page.content()


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def record(person, measure, status, result, artifacts, name, evidence=None):
    page = person.go("/measures/")
    page.click(f"text=บันทึกผล ข้อ {measure}")
    page.check(f"input[name=status][value={status}]")
    page.fill("#id_result", result)
    if evidence:
        page.set_input_files("#id_evidence_file", files=[evidence])
        page.fill("#id_evidence_description", "หลักฐานการเผยแพร่")
    shot(page, artifacts, name)
    page.click("button.primary")
    page.wait_for_url("**/measures/")
    assert "บันทึกผลมาตรการข้อ" in page.content()


def test_from_results_to_the_signed_pdf(sign_in, live_demo, artifacts):
    _, report = live_demo
    report_path = f"/reports/{report.pk}/"

    klang = sign_in("staff-klang", width=390)
    record(
        klang, "๑", "done", "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบทางเว็บไซต์แล้ว",
        artifacts, "01-klang-records",
        evidence={"name": "แผนการใช้จ่าย.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )  # fmt: skip
    chang = sign_in("staff-chang", width=390)
    record(chang, "๓", "done", "กองช่างจัดทำแผนผังขั้นตอนงานขออนุญาตก่อสร้างแล้ว", artifacts,
           "02-chang-records")  # fmt: skip
    measure = Measure.objects.get(number=1)
    assert measure.progress_entries.get(period=1).evidence.count() == 1

    analyst = sign_in("analyst")
    page = analyst.go("/accounts/signature/")
    page.set_input_files(
        "#id_image", files=[{"name": "ลายมือชื่อ.png", "mimeType": "image/png",
                             "buffer": signature_png()}]
    )  # fmt: skip
    page.click("button:has-text('บันทึกลายมือชื่อ')")
    assert "บันทึกลายมือชื่อแล้ว" in page.content()
    page = analyst.go(report_path)
    shot(page, artifacts, "03-analyst-report-page")
    page.fill("#id_password", "ผิด")
    page.click("button:has-text('ลงนามและเสนอรายงาน')")
    assert "รหัสผ่านไม่ถูกต้อง" in page.content()
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ลงนามและเสนอรายงาน')")
    assert "ลงนามและเสนอรายงานแล้ว" in page.content()

    head = sign_in("head-office")
    page = head.go("/")
    page.click("text=รอให้ความเห็นจากท่าน")
    page.fill("#id_comment", "เห็นควรเสนอปลัดองค์การบริหารส่วนตำบลพิจารณา")
    page.fill("#id_password", PASSWORD)
    shot(page, artifacts, "04-head-comments")
    page.click("text=ลงนามความเห็นและเสนอต่อ")

    chief = sign_in("chief-admin")
    draw_signature(chief, artifacts)
    page = chief.go(report_path)
    page.fill("#id_follow_up_10", "ควรเร่งรัดจัดชุดบริการเคลื่อนที่ให้แล้วเสร็จในไตรมาสที่ ๓")
    page.fill("#id_reason", "ข้อ ๑๑ ยังไม่ระบุกำหนดการฝึกอบรม ขอให้ตรวจสอบ")
    shot(page, artifacts, "05-chief-admin-returns")
    page.click("button[value=return]")
    assert "ส่งกลับให้แก้ไขแล้ว" in page.content()
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED

    page = analyst.go("/")
    page.click("text=ถูกส่งกลับให้แก้ไข")
    shot(page, artifacts, "06-analyst-sees-return")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ลงนามและเสนอรายงาน')")

    page = head.go(report_path)
    page.fill("#id_comment", "เห็นควรเสนอปลัดองค์การบริหารส่วนตำบลพิจารณา")
    page.fill("#id_password", PASSWORD)
    page.click("text=ลงนามความเห็นและเสนอต่อ")

    page = chief.go(report_path)
    assert "ควรเร่งรัดจัดชุดบริการเคลื่อนที่" in page.input_value("#id_follow_up_10")
    page.fill("#id_comment", "อนุมัติ ให้ส่วนราชการดำเนินการตามที่สั่งการ")
    page.fill("#id_password", PASSWORD)
    shot(page, artifacts, "07-chief-admin-approves")
    page.click("button[value=approve]")
    assert "ลงนามอนุมัติแล้ว" in page.content()

    executive = sign_in("chief-exec")
    page = executive.go(report_path)
    assert page.input_value("#id_comment") == "ทราบ"
    page.fill("#id_password", PASSWORD)
    shot(page, artifacts, "08-chief-executive-acknowledges")
    page.click("button:has-text('ลงนามรับทราบ')")
    assert "รายงานเป็นฉบับสมบูรณ์" in page.content()

    # The signed PDF is the worker's: the page says it is being made, then offers it.
    page = analyst.go(report_path)
    assert "กำลังสร้างไฟล์ PDFฉบับสมบูรณ์ที่ลงนามแล้ว" in page.content()
    run_queued_tasks()
    page = analyst.go(report_path)
    assert "ฉบับสมบูรณ์ (ลงนามดิจิทัล) SHA-256" in page.content()
    shot(page, artifacts, "09-analyst-final")
    response = analyst.context.request.get(f"{analyst.base_url}/reports/{report.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    (artifacts / "report.pdf").write_bytes(pdf)
    text = squash(pdftotext(pdf))
    for expected in [
        "ความเห็นหัวหน้าสำนักปลัดเห็นควรเสนอปลัดองค์การบริหารส่วนตำบลพิจารณา",
        "อนุมัติให้ส่วนราชการดำเนินการตามที่สั่งการ",
        "ควรเร่งรัดจัดชุดบริการเคลื่อนที่ให้แล้วเสร็จในไตรมาสที่๓",
        "ความเห็นนายกองค์การบริหารส่วนตำบลเกียร์ทราบ",
        "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบทางเว็บไซต์แล้ว",
        "กองช่างจัดทำแผนผังขั้นตอนงานขออนุญาตก่อสร้างแล้ว",
    ]:
        assert squash(expected) in text, expected
    assert "ข้อ๑๑ยังไม่ระบุ" not in text  # the reason for returning is not in the memo
    # Signed: the analyst's uploaded and the chief administrator's drawn signatures are drawn in
    # the memo, the two others sign electronically, and the file's digital signature is valid.
    memo = squash(pdftotext(pdf, first=1, last=2))
    assert memo.count("(ลงนามอิเล็กทรอนิกส์)") == 2
    document = pypdfium2.PdfDocument(pdf)
    images = [
        item
        for index in range(2)
        for item in document[index].get_objects()
        if item.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
    ]
    assert len(images) == 2
    signature = subprocess.run(
        ["pdfsig", str(artifacts / "report.pdf")], capture_output=True, text=True
    ).stdout
    assert "Signature is Valid." in signature and "Total document signed" in signature
    pages = artifacts / "final"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-l", "3", str(artifacts / "report.pdf"),
                    str(pages)], check=True)  # fmt: skip
