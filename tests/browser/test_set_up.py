"""Setting a deployment up, in Chromium, as the people concerned (issue 17, items 3, 14, 15):
in a real deployment (not a demo) with no Garuda, the analyst and the site admin are told and
the chief executive's signature is refused with the reason; the operator uploads the Garuda in
the admin and the same signature goes through, printing it. The site admin adds a person on
เพิ่มบุคลากร, ticking two divisions; the newcomer signs in with the first password and must
change it before anything else. The sign-in, add-person and password pages are shot and checked
by axe-core at 375 and 1280 px, under the portal's Content-Security-Policy."""

import io

import pypdfium2
import pytest
from PIL import Image, ImageDraw

from organisations.models import Deployment, Membership, PasswordChangeDue, StepKind
from reports.models import RenderedPdf, ReportState
from tests.browser.conftest import PASSWORD
from tests.browser.test_staff_pages import fits, serious
from tests.cast import advance
from tests.worker import run_queued_tasks

pytestmark = pytest.mark.browser

WARNING = "ยังไม่ได้ตั้งตราครุฑ"
REFUSAL = "ยังไม่มีตราครุฑสำหรับเอกสารฉบับสมบูรณ์"
FIRST = "ครูใหม่-2567-เกียร์"
CHOSEN = "สวนยางหลังบ้าน-2568"


def stand_in_garuda() -> bytes:
    """A stand-in for the official image the operator uploads (the portal ships none)."""
    image = Image.new("RGBA", (240, 280), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 20, 230, 270), fill=(150, 20, 20, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def approved(report):
    """The report up to the chief executive's step (the journey test walks these in pages)."""
    return advance(report, through=StepKind.APPROVE)


def watched(context, blocked):
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page


def test_the_operator_sets_the_garuda_the_chief_executive_signs(sign_in, live_demo, artifacts):
    _, report = live_demo
    Deployment.objects.update(is_demo=False)  # a real deployment, its Garuda not set yet
    report_path = f"/reports/{report.pk}/"

    analyst = sign_in("analyst")
    page = analyst.go("/")
    assert WARNING in page.content()
    shot(page, artifacts, "01-analyst-warned")
    assert WARNING in analyst.go(report_path).content()

    admin = sign_in("site-admin")
    page = admin.go("/")
    assert WARNING in page.content() and "อัปโหลดตราครุฑของหน่วยงาน" in page.content()
    shot(page, artifacts, "02-site-admin-warned")

    approved(report)
    executive = sign_in("chief-exec")
    page = executive.go(report_path)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ลงนามรับทราบ')")
    assert REFUSAL in page.content()
    shot(page, artifacts, "03-chief-executive-refused")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    operator = sign_in("admin")
    page = operator.go("/")
    assert "ยังไม่ได้ตั้งตราครุฑสำหรับทุกหน่วยงาน" in page.content()
    page.click("text=อัปโหลดตราครุฑฉบับทางราชการ")
    page.set_input_files(
        "#id_emblem", files=[{"name": "ครุฑ.png", "mimeType": "image/png",
                              "buffer": stand_in_garuda()}]
    )  # fmt: skip
    shot(page, artifacts, "04-operator-uploads-garuda")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert Deployment.get_solo().emblem.name.endswith(".png")

    assert WARNING not in admin.go("/").content()
    page = executive.go(report_path)
    assert WARNING not in page.content()
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('ลงนามรับทราบ')")
    assert "รายงานเป็นฉบับสมบูรณ์" in page.content()
    run_queued_tasks()
    final = RenderedPdf.objects.get(report=report, is_final=True).read()
    first_page = pypdfium2.PdfDocument(final)[0]
    images = [o for o in first_page.get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1  # the Garuda (nobody here has a signature image)


def test_a_site_admin_adds_a_person_who_changes_the_first_password(
    browser, sign_in, live_demo, artifacts
):
    base_url, _ = live_demo
    admin = sign_in("site-admin", width=1280)
    page = admin.go("/")
    page.click("text=เพิ่มบุคลากร")
    page.fill("#id_username", "staff-klang2")
    page.fill("#id_password", FIRST)
    page.fill("#id_display_name", "นางสาวจันทร์เพ็ญ ศรีสุข")
    page.fill("#id_position_title", "เจ้าพนักงานการเงินและบัญชี")
    page.select_option("#id_role", value="staff")
    page.click("button:has-text('เพิ่มบุคลากร')")
    assert "เจ้าหน้าที่ส่วนราชการต้องสังกัดอย่างน้อยหนึ่งส่วนราชการ" in page.content()
    assert page.input_value("#id_display_name") == "นางสาวจันทร์เพ็ญ ศรีสุข"
    page.fill("#id_password", FIRST)  # a password field is never filled in again
    page.check("label:has-text('กองคลัง') input")
    page.check("label:has-text('สำนักปลัด') input")
    shot(page, artifacts, "05-add-person-1280")
    assert fits(page) and serious(page) == []
    page.click("button:has-text('เพิ่มบุคลากร')")
    assert "เพิ่ม นางสาวจันทร์เพ็ญ ศรีสุข (เจ้าหน้าที่ส่วนราชการ) แล้ว" in page.content()
    membership = Membership.objects.get(user__username="staff-klang2")
    assert sorted(d.name for d in membership.divisions.all()) == ["กองคลัง", "สำนักปลัด"]

    phone_admin = sign_in("site-admin", width=375)
    page = phone_admin.go(f"/people/{membership.organisation_id}/add/")
    shot(page, artifacts, "06-add-person-375")
    assert fits(page) and serious(page) == []

    blocked = []
    for width in (375, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="th-TH")
        page = watched(context, blocked)
        page.goto(f"{base_url}/accounts/login/")
        assert "ระบบติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in page.content()
        shot(page, artifacts, f"07-login-{width}")
        assert fits(page) and serious(page) == []
        if width == 375:
            context.close()
    # The newcomer, at a desktop's width, signs in with the first password.
    page.fill("#id_username", "staff-klang2")
    page.fill("#id_password", FIRST)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/accounts/password/")
    assert "กรุณาตั้งรหัสผ่านใหม่ของท่านเองก่อนเริ่มใช้งาน" in page.content()
    shot(page, artifacts, "08-password-change-1280")
    assert fits(page) and serious(page) == []
    page.goto(f"{base_url}/measures/")
    assert page.url == f"{base_url}/accounts/password/"  # nothing else before the change
    page.fill("#id_old_password", FIRST)
    page.fill("#id_new_password1", CHOSEN)
    page.fill("#id_new_password2", CHOSEN + "x")
    page.click("button:has-text('บันทึกรหัสผ่านใหม่')")
    assert "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน" in page.content()
    page.fill("#id_old_password", FIRST)
    page.fill("#id_new_password1", CHOSEN)
    page.fill("#id_new_password2", CHOSEN)
    page.click("button:has-text('บันทึกรหัสผ่านใหม่')")
    page.wait_for_url(f"{base_url}/")
    assert "เปลี่ยนรหัสผ่านแล้ว" in page.content()
    page.click("nav >> text=มาตรการ")
    assert "บันทึกผล ข้อ ๑" in page.content()  # กองคลัง's first measure
    assert not PasswordChangeDue.objects.filter(user=membership.user).exists()
    context.close()

    # The same page on a phone, for anyone who changes their password from the top bar.
    staff = sign_in("staff-klang", width=375)
    page = staff.go("/")
    page.click("text=เปลี่ยนรหัสผ่าน")
    page.fill("#id_old_password", "ผิด")
    page.fill("#id_new_password1", CHOSEN)
    page.fill("#id_new_password2", CHOSEN)
    page.click("button:has-text('บันทึกรหัสผ่านใหม่')")
    assert "รหัสผ่านเดิมไม่ถูกต้อง" in page.content()
    shot(page, artifacts, "09-password-change-375")
    assert fits(page) and serious(page) == []
    assert blocked == [], "the Content-Security-Policy blocked what a page needs"
