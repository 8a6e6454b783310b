"""A measure of several divisions (here ทุกกอง: คลัง and ช่าง) has one cell in the report, but
each division records its own part: nobody's text replaces another's, the cell shows them
together, and the analyst may write the cell themselves before submitting (issue 17, item 5)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from measures.audit import measure_audit_trail
from measures.models import DivisionResult, ProgressEntry
from measures.services import progress as writer
from organisations.models import Role
from organisations.refusals import Refusal
from reports import workflow
from reports.selectors import completeness
from tests.cast import person
from tests.signing import confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(cast):
    return cast.measures[3]


def url(measure, period=1):
    return reverse("measures:progress", args=[measure.pk, period])


def entry_of(measure, period=1) -> ProgressEntry:
    return measure.progress_entries.get(period=period)


def record(client, user, measure, status, result, period=1):
    client.force_login(user)
    form = client.get(url(measure, period)).context["form"]
    return client.post(
        url(measure, period),
        {"status": status, "result": result, "version": form.initial["version"]},
    )


def test_two_divisions_record_their_parts_and_neither_replaces_the_other(cast, client, shared):
    assert record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว").status_code == 302
    assert record(client, cast.carol, shared, "in_progress", "ช่างกำลังจัดทำ").status_code == 302
    entry = entry_of(shared)
    assert entry.result == "คลัง: คลังติดประกาศแล้ว\nช่าง: ช่างกำลังจัดทำ"
    assert entry.status == "in_progress"
    parts = {part.division.name: (part.status, part.result) for part in entry.parts.all()}
    assert parts == {"คลัง": ("done", "คลังติดประกาศแล้ว"), "ช่าง": ("in_progress", "ช่างกำลังจัดทำ")}
    # Each division edits its own part again; the other's stays.
    record(client, cast.bob, shared, "done", "คลังติดประกาศและเผยแพร่ทางเว็บไซต์แล้ว")
    entry.refresh_from_db()
    assert entry.result == "คลัง: คลังติดประกาศและเผยแพร่ทางเว็บไซต์แล้ว\nช่าง: ช่างกำลังจัดทำ"


def test_one_text_from_every_division_is_printed_once_as_the_seed_does(cast, client, shared):
    text = "ดำเนินการแล้วในห้วง ๖ เดือนแรกของปีงบประมาณ ๒๕๖๖"
    record(client, cast.bob, shared, "done", text)
    assert entry_of(shared).result == f"คลัง: {text}"
    record(client, cast.carol, shared, "done", text)
    entry = entry_of(shared)
    assert (entry.status, entry.result) == ("done", text)


def test_staff_cannot_write_the_whole_cell_of_a_shared_measure(cast, shared):
    with pytest.raises(Refusal) as refused:
        writer.progress_save(
            measure=shared, period=1, by=cast.bob, version=None, status="done", result="ทับของทุกกอง"
        )
    assert str(refused.value) == "มาตรการนี้มีหลายส่วนราชการรับผิดชอบ แต่ละส่วนราชการบันทึกผลในส่วนของตน"
    with pytest.raises(Refusal) as refused:
        writer.division_result_save(
            measure=shared,
            period=1,
            division=cast.home.divisions.get(name="ช่าง"),
            by=cast.bob,
            version=None,
            status="done",
            result="แทนกองช่าง",
        )
    assert str(refused.value) == "ท่านไม่ได้อยู่ในช่าง จึงบันทึกผลในส่วนของช่างไม่ได้"
    assert entry_of(shared).result == "ผลของข้อ 3"


def test_the_analyst_edits_the_combined_text_and_is_told_of_later_parts(cast, client, shared):
    record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว")
    record(client, cast.carol, shared, "done", "ช่างติดประกาศแล้ว")
    client.force_login(cast.alice)
    page = client.get(url(shared))
    assert page.context["form"].initial["result"] == "คลัง: คลังติดประกาศแล้ว\nช่าง: ช่างติดประกาศแล้ว"
    assert "ผลการดำเนินการในรายงาน (รวมทุกส่วนราชการ)" in page.content.decode()
    combined = "ทุกส่วนราชการติดประกาศขั้นตอนการให้บริการแล้ว"
    version = page.context["form"].initial["version"]
    response = client.post(url(shared), {"status": "done", "result": combined, "version": version})
    assert response.status_code == 302
    entry = entry_of(shared)
    assert entry.result == combined and entry.result_edited_at is not None

    # ช่าง changes its part afterwards: the analyst's text stays, and the analyst is told.
    record(client, cast.carol, shared, "done", "ช่างติดประกาศและเผยแพร่ทางเว็บไซต์แล้ว")
    assert entry_of(shared).result == combined
    client.force_login(cast.alice)
    text = client.get(url(shared)).content.decode()
    assert "ท่านแก้ไขข้อความรวมเองเมื่อ" in text
    assert "หลังจากนั้นช่างแก้ไขส่วนของตน กรุณาตรวจข้อความรวมอีกครั้ง" in text

    client.post(reverse("measures:recompose", args=[shared.pk, 1]))
    entry = entry_of(shared)
    assert entry.result_edited_at is None
    assert entry.result == "คลัง: คลังติดประกาศแล้ว\nช่าง: ช่างติดประกาศและเผยแพร่ทางเว็บไซต์แล้ว"


def test_two_people_of_one_division_see_each_others_text(cast, client, shared):
    betty = person(cast.home, "betty", Role.STAFF, [cast.home.divisions.get(name="คลัง")])
    client.force_login(cast.bob)
    version = client.get(url(shared)).context["form"].initial["version"]
    record(client, betty, shared, "done", "ข้อความของเบตตี้")
    client.force_login(cast.bob)
    page = client.post(
        url(shared), {"status": "done", "result": "ข้อความของบ็อบ", "version": version}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข" in text
    assert "ข้อความของเบตตี้" in text and "ข้อความของบ็อบ" in text
    assert entry_of(shared).parts.get().result == "ข้อความของเบตตี้"


def test_a_part_saved_meanwhile_is_shown_to_the_analyst_editing_the_cell(cast, client, shared):
    client.force_login(cast.alice)
    version = client.get(url(shared)).context["form"].initial["version"]
    record(client, cast.carol, shared, "done", "ช่างติดประกาศแล้ว")
    client.force_login(cast.alice)
    page = client.post(url(shared), {"status": "done", "result": "ข้อความรวมของนักวิเคราะห์",
                                     "version": version})  # fmt: skip
    assert "มีผู้อื่นบันทึกผลของมาตรการนี้ระหว่างที่ท่านแก้ไข" in page.content.decode()
    assert entry_of(shared).result == "ช่าง: ช่างติดประกาศแล้ว"


def test_a_combined_text_longer_than_a_cell_is_refused_and_nothing_is_saved(cast, client, shared):
    record(client, cast.bob, shared, "done", "ก" * 1500)
    page = record(client, cast.carol, shared, "done", "ข" * 1500)
    assert page.status_code == 200
    assert "ผลรวมของทุกส่วนราชการยาวเกิน ๒,๐๐๐ ตัวอักษร" in page.content.decode()
    assert "ข" * 1500 in page.content.decode()  # what was typed is still in the form
    entry = entry_of(shared)
    assert entry.result == "คลัง: " + "ก" * 1500
    assert [part.division.name for part in entry.parts.all()] == ["คลัง"]


def test_parts_are_kept_in_the_history_and_shown_in_the_audit_trail(cast, client, shared):
    record(client, cast.bob, shared, "in_progress", "เริ่มแล้ว")
    record(client, cast.bob, shared, "done", "เสร็จแล้ว")
    part = entry_of(shared).parts.get()
    assert [h.result for h in part.history.order_by("history_date")] == ["เริ่มแล้ว", "เสร็จแล้ว"]
    trail = measure_audit_trail(shared)
    changes = [
        (item.what, change.old, change.new)
        for item in trail
        for change in item.changes
        if item.what.startswith("ผลของคลัง")
    ]
    assert ("ผลของคลัง รอบ ๖ เดือน (ต.ค. – มี.ค.)", "เริ่มแล้ว", "เสร็จแล้ว") in changes


def test_the_submitted_report_keeps_the_combined_text_and_each_part(cast, client, shared):
    record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว")
    record(client, cast.carol, shared, "in_progress", "ช่างกำลังจัดทำ")
    report = cast.draft()
    workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    report.refresh_from_db()
    row = next(row for row in report.snapshot["table"]["rows"] if row["number"] == 3)
    assert row["result"] == "คลัง: คลังติดประกาศแล้ว\nช่าง: ช่างกำลังจัดทำ"
    assert report.snapshot["parts"]["3"] == [
        {"division": "คลัง", "status": "done", "result": "คลังติดประกาศแล้ว"},
        {"division": "ช่าง", "status": "in_progress", "result": "ช่างกำลังจัดทำ"},
    ]
    # Counted per division by its own part.
    klang, chang = completeness(report)["per_division"]
    assert {s["status"]: s["count"] for s in klang["statuses"]}["done"] == 1
    assert {s["status"]: s["count"] for s in chang["statuses"]}["in_progress"] == 2

    # Locked: no writer and no direct write changes a part of the period.
    with pytest.raises(Refusal, match="^รายงานรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๖ เสนอผู้บังคับบัญชาแล้ว "):
        writer.division_result_save(
            measure=shared, period=1, division=cast.home.divisions.get(name="คลัง"),
            by=cast.alice, version=None, status="done", result="หลังเสนอ",
        )  # fmt: skip
    part = DivisionResult.objects.get(division__name="คลัง")
    part.result = "แก้ตรงในฐานข้อมูล"
    with pytest.raises(IntegrityError), transaction.atomic():
        part.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        DivisionResult.objects.filter(pk=part.pk).update(result="แก้ทั้งชุด")
    assert DivisionResult.objects.get(pk=part.pk).result == "คลังติดประกาศแล้ว"


def test_the_database_refuses_a_part_of_another_organisations_division(cast, shared):
    entry = entry_of(shared)
    foreign = cast.away.divisions.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        DivisionResult.objects.create(entry=entry, division=foreign, result="ของหน่วยงานอื่น")


def test_the_analysts_import_writes_the_cell_over_the_parts(cast, client, shared):
    record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว")
    writer.progress_save(measure=shared, period=1, by=cast.alice, version=None, status="done",
                         result="ผลจากไฟล์ที่นำเข้า")  # fmt: skip
    entry = entry_of(shared)
    assert entry.result == "ผลจากไฟล์ที่นำเข้า" and entry.result_edited_at is not None
    assert entry.parts.get().result == "คลังติดประกาศแล้ว"  # the division's part is kept


def test_the_admin_writes_a_part_through_the_writer(cast, client, shared):
    record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว")
    entry = entry_of(shared)
    part = entry.parts.get()
    chang = cast.home.divisions.get(name="ช่าง")
    client.force_login(cast.alice)
    change = reverse("admin:measures_progressentry_change", args=[entry.pk])
    assert "ผลของแต่ละส่วนราชการ" in client.get(change).content.decode()
    response = client.post(change, {
        "status": entry.status, "result": entry.result, "follow_up": "",
        "opened_version": entry.version,
        "parts-TOTAL_FORMS": 2, "parts-INITIAL_FORMS": 1,
        "parts-0-id": part.pk, "parts-0-entry": entry.pk, "parts-0-division": part.division_id,
        "parts-0-status": "done", "parts-0-result": "คลังติดประกาศแล้ว",
        "parts-0-opened_version": part.version,
        "parts-1-entry": entry.pk, "parts-1-division": chang.pk, "parts-1-status": "done",
        "parts-1-result": "ช่างเพิ่มผ่านหน้าผู้ดูแล",
        "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0,
        "evidence-2-TOTAL_FORMS": 0, "evidence-2-INITIAL_FORMS": 0,
    })  # fmt: skip
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.result == "คลัง: คลังติดประกาศแล้ว\nช่าง: ช่างเพิ่มผ่านหน้าผู้ดูแล"
    assert entry.parts.get(division=chang).updated_by == cast.alice


def test_a_composed_cell_too_long_is_refused_by_the_writer(cast, shared):
    klang, chang = cast.home.divisions.order_by("order")
    writer.division_result_save(measure=shared, period=1, division=klang, by=cast.bob,
                                version=None, status="done", result="ก" * 1900)  # fmt: skip
    with pytest.raises(Refusal):
        writer.division_result_save(measure=shared, period=1, division=chang, by=cast.carol,
                                    version=None, status="done", result="ข" * 200)  # fmt: skip


def test_the_report_page_leads_the_analyst_to_the_combined_text(cast, client, shared):
    record(client, cast.bob, shared, "done", "คลังติดประกาศแล้ว")
    report = cast.draft()
    client.force_login(cast.alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "มาตรการที่หลายส่วนราชการร่วมรับผิดชอบ" in page
    assert f'<a href="{url(shared)}">ข้อ ๓</a>' in page
    assert "(บันทึกแล้ว ๑ จาก ๒ ส่วนราชการ)" in page


def test_a_division_removes_its_own_evidence_not_another_divisions(cast, client, shared):
    """Evidence of a shared measure is attached by each division for its part: the staff of
    another division cannot remove it (the analyst can, as with the combined text)."""
    client.force_login(cast.carol)
    form = client.get(url(shared)).context["form"]
    client.post(
        url(shared),
        {"status": "done", "result": "ช่างติดประกาศแล้ว", "version": form.initial["version"],
         "evidence_link": "https://example.org/chang", "evidence_description": "ประกาศของช่าง"},
    )  # fmt: skip
    evidence = entry_of(shared).evidence.get()
    delete = reverse("measures:evidence_delete", args=[evidence.pk])

    client.force_login(cast.bob)
    page = client.get(url(shared)).content.decode()
    assert "ประกาศของช่าง" in page and f'form="delete-{evidence.pk}"' not in page
    response = client.post(delete, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "หลักฐานนี้ช่างแนบไว้ ลบได้เฉพาะส่วนราชการที่แนบหรือนักวิเคราะห์นโยบายและแผน"
    ]
    assert entry_of(shared).evidence.filter(pk=evidence.pk).exists()
    with pytest.raises(Refusal):
        from measures.services.evidence import evidence_remove

        evidence_remove(evidence=evidence, by=cast.bob)

    client.force_login(cast.carol)
    assert f'form="delete-{evidence.pk}"' in client.get(url(shared)).content.decode()
    client.force_login(cast.alice)
    client.post(delete)
    assert not entry_of(shared).evidence.exists()
