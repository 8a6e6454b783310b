"""Bringing the measure table in from the Word document the office already has."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from measures.admin.plan import MeasureAdmin
from measures.models import FiscalYear, ProgressEntry
from tests.measures import crafted_files
from tests.measures.seed_table import seed_xlsx
from tests.measures.test_plan_import import plan_of
from tests.measures.test_plan_import import run as import_table
from tests.measures.test_plan_import_bad_input import refused
from tests.measures.word_tables import (
    TWO_TABLES_TITLE,
    numbered_and_merged_docx,
    seed_docx,
    two_tables_docx,
)

pytestmark = pytest.mark.django_db


def run(demo, content, filename="plan.docx", **kwargs):
    return import_table(demo, content, filename, **kwargs)


def progress_of(fiscal_year):
    entries = ProgressEntry.objects.filter(measure__fiscal_year=fiscal_year, period=1)
    return [
        (e.measure.number, e.status, e.result, e.follow_up)
        for e in entries.select_related("measure").order_by("measure__number")
    ]


def test_the_seeds_word_document_yields_the_plan_of_its_spreadsheet(demo):
    from_word = run(demo, seed_docx(), "รายงาน.docx", year=2567)
    assert from_word.ok and from_word.written, from_word.errors
    from_excel = run(demo, seed_xlsx(), "seed.xlsx", year=2568)
    assert from_excel.written, from_excel.errors
    word, excel = (FiscalYear.objects.get(year=year) for year in (2567, 2568))
    assert plan_of(word) == plan_of(excel) == plan_of(demo.fiscal_year)
    assert progress_of(word) == progress_of(excel) == progress_of(demo.fiscal_year)
    # Each of the seed's six pages is a table with its header typed again.
    assert [row.where for row in from_word.rows][:5] == [
        "ตารางที่ ๑ แถวที่ ๒", "ตารางที่ ๑ แถวที่ ๓", "ตารางที่ ๑ แถวที่ ๔",
        "ตารางที่ ๒ แถวที่ ๒", "ตารางที่ ๒ แถวที่ ๓",
    ]  # fmt: skip


def test_two_tables_with_a_merged_title_row(demo):
    preview = run(demo, two_tables_docx(), confirm=False)
    assert preview.ok, preview.errors
    assert preview.notes == [
        f"ตารางที่ ๑ แถวที่ ๑: ข้อความก่อนหัวตาราง “{TWO_TABLES_TITLE[:60]}…” ไม่ได้นำเข้า",
        "ไม่ได้นำเข้าคอลัมน์ “งบประมาณ” (ตารางที่ ๒)",
    ]
    assert [row.where for row in preview.choices_needed] == ["ตารางที่ ๒ แถวที่ ๓"]
    key = preview.choices_needed[0].key
    outcome = run(demo, two_tables_docx(), statuses={key: "done"})
    assert outcome.written, outcome.errors
    fiscal_year = FiscalYear.objects.get(year=2567)
    assert plan_of(fiscal_year) == [
        (1, "เผยแพร่แผนการใช้จ่ายงบประมาณ",
         ["จัดทำแผน", "เผยแพร่ทางเว็บไซต์ www.kiar.go.th/plan-2568"], False, ["กองคลัง"]),
        (2, "ประเมินความพึงพอใจผู้รับบริการ",
         ["สำรวจความพึงพอใจ", "รายงานผลให้ผู้บริหารทราบ"], False, ["สำนักปลัด"]),
        (3, "อบรมคุณธรรมจริยธรรม", ["จัดอบรม", "ประเมินผล"], False, ["กองคลัง", "สำนักปลัด"]),
        (4, "ปรับปรุงช่องทางร้องเรียน", ["ปรับปรุงแบบฟอร์มออนไลน์"], True, []),
    ]  # fmt: skip
    assert progress_of(fiscal_year) == [
        (1, "done", "ดำเนินการแล้ว เผยแพร่ที่ https://www.kiar.go.th/news?id=2568",
         "ควรรายงานผลทุกไตรมาส"),
        (2, "in_progress", "อยู่ระหว่างดำเนินการ", ""),
        # The budget column is not the divisions; หมายเหตุ of a table with results is the
        # follow-up.
        (3, "not_started", "ยังไม่ได้ดำเนินการ", "ควรเร่งรัด"),
        # A tick is no result: the status is the one chosen.
        (4, "done", "", ""),
    ]  # fmt: skip


def test_word_list_numbers_and_cells_merged_down(demo):
    outcome = run(demo, numbered_and_merged_docx(), period=None)
    assert outcome.written, outcome.errors
    assert plan_of(FiscalYear.objects.get(year=2567)) == [
        (1, "จัดทำคู่มือการปฏิบัติงาน", ["ร่างคู่มือ", "ประกาศใช้คู่มือ"], False, ["สำนักปลัด"]),
        (2, "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", ["สรุปผลรายเดือน"], False, ["กองคลัง"]),
        (3, "ตรวจสอบพัสดุประจำปี", ["แต่งตั้งกรรมการ"], False, ["กองคลัง"]),
    ]


def test_the_plan_page_the_admin_and_the_command_read_word(client, demo, tmp_path, capsys):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="analyst"))
    preview = client.post(
        reverse("measures:plan_import", args=[demo.organisation.pk]),
        {"file": SimpleUploadedFile("รายงาน.docx", seed_docx()), "year": "๒๕๖๗", "period": "1"},
    )
    assert "สร้างใหม่ ๑๗ แก้ไข ๐ ไม่เปลี่ยนแปลง ๐" in preview.content.decode()
    client.post(
        reverse("measures:plan_import_confirm", args=[demo.organisation.pk]),
        {"token": preview.context["token"]},
    )
    assert plan_of(FiscalYear.objects.get(year=2567)) == plan_of(demo.fiscal_year)

    target = FiscalYear.objects.create(organisation=demo.organisation, year=2569)
    formats = [file_format().get_title() for file_format in MeasureAdmin.import_formats]
    response = client.post(
        reverse("admin:measures_measure_import"),
        {"import_file": SimpleUploadedFile("plan.docx", seed_docx()),
         "format": formats.index("docx"), "fiscal_year": target.pk, "period": 1, "resource": 0},
    )  # fmt: skip
    confirm = response.context["confirm_form"]
    client.post(reverse("admin:measures_measure_process_import"), confirm.initial)
    assert plan_of(target) == plan_of(demo.fiscal_year)

    path = tmp_path / "plan.docx"
    path.write_bytes(seed_docx())
    call_command("import_measures", str(path), org="อบต.เกียร์", year="2570", period="1")
    assert "นำเข้าแล้ว: สร้างใหม่ ๑๗" in capsys.readouterr().out
    assert plan_of(FiscalYear.objects.get(year=2570)) == plan_of(demo.fiscal_year)


# What a .docx may make the portal do --------------------------------------------------------


def test_an_old_word_file_or_not_a_word_file(demo):
    old_word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    refused(demo, old_word, "plan.docx", "Word รุ่นเก่า (.doc)")
    refused(demo, b"PK\x03\x04 broken", "plan.docx", "เปิดไฟล์ Word นี้ไม่ได้ ไฟล์อาจเสียหาย")
    refused(demo, seed_xlsx(), "plan.docx", "เปิดไฟล์ Word นี้ไม่ได้")


def test_a_document_that_inflates_to_gigabytes(demo):
    content = crafted_files.docx_bomb(200)
    assert len(content) < 1024 * 1024
    refused(demo, content, "plan.docx", "ไฟล์ Word นี้มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้")


def test_more_rows_than_a_plan_holds_stop_the_reading(demo):
    refused(
        demo, crafted_files.docx_with_rows(20_000), "plan.docx",
        "ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน ๓๐๐ มาตรการ)",
    )  # fmt: skip


def test_too_many_tables_or_columns(demo):
    refused(demo, crafted_files.docx_with_tables(201), "plan.docx", "มีข้อมูลภายในมากเกินกว่า")
    refused(demo, crafted_files.docx_wide_table(31), "plan.docx", "ตารางที่ ๑ มีคอลัมน์มากเกินกว่า")


def test_a_document_without_a_measure_table_says_so(demo):
    outcome = refused(demo, crafted_files.docx_with_tables(3), "plan.docx", "ไม่พบหัวตาราง")
    assert len(outcome.errors) == 1


def test_tracked_changes_read_as_accepted(demo):
    def body(stream):
        header = "".join(crafted_files._word_cell(text) for text in crafted_files.HEADER[:3])
        changed = (
            "<w:tc><w:p><w:r><w:t>๑) การ</w:t></w:r>"
            "<w:del><w:r><w:delText>ลบออก</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>เผยแพร่ข้อมูล</w:t></w:r></w:ins></w:p></w:tc>"
        )
        row = changed + crafted_files._word_cell("ขั้นตอน") + crafted_files._word_cell("กองคลัง")
        stream.write(f"<w:tbl><w:tr>{header}</w:tr><w:tr>{row}</w:tr></w:tbl>".encode())

    outcome = run(demo, crafted_files.docx_streamed(body), period=None)
    assert outcome.written, outcome.errors
    assert FiscalYear.objects.get(year=2567).measures.get().title == "การเผยแพร่ข้อมูล"


def test_a_document_of_too_many_xml_tags_is_refused_before_it_is_parsed(demo):
    content = crafted_files.docx_streamed(lambda stream: stream.write(b"<w:p/>" * 700_000))
    assert len(content) < 10 * 1024
    refused(demo, content, "plan.docx", "ไฟล์ Word นี้มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้")
