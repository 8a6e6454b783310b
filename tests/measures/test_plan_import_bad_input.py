"""Bad input gets a clear Thai message, and a failed import leaves the database as it was."""

import io

import pytest
from openpyxl import Workbook

from measures.plans import plan_import
from organisations.access import SYSTEM
from tests.conftest import database_state
from tests.measures.test_plan_import import HEADER, csv_bytes, xlsx

pytestmark = pytest.mark.django_db

GOOD_ROW = ["๑) การเผยแพร่ข้อมูล", "๑. จัดทำ ๒. เผยแพร่", "กองคลัง", "ดำเนินการแล้ว", ""]


def refused(demo, content, filename, message, *, year=2566):
    """Importing fails with `message`, and nothing in the database changed."""
    before = database_state()
    outcome = plan_import(
        organisation=demo.organisation, year=year, period=1, content=content,
        filename=filename, by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert not outcome.ok and not outcome.written
    assert any(message in error for error in outcome.errors), outcome.errors
    assert database_state() == before
    return outcome


def merged_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(GOOD_ROW)
    sheet.append(["๒) มาตรการ", "ขั้นตอน", "", "", ""])
    sheet.merge_cells("B3:C3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def formula_xlsx():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(GOOD_ROW)
    sheet.append(["๒) มาตรการ", "=SUM(A1:A2)", "กองคลัง", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_file_that_is_not_what_its_name_says(demo):
    png = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
    refused(demo, png, "plan.xlsx", "ไม่ใช่ไฟล์ Excel")
    refused(demo, png + b"\x00" * 100, "plan.csv", "ไม่ใช่ไฟล์ CSV")
    refused(demo, b"hello", "plan.docx", "ไฟล์นี้ไม่ใช่ไฟล์ Word (.docx)")
    refused(demo, b"%PDF-1.7", "plan.pdf", "รับเฉพาะไฟล์ Excel (.xlsx), CSV (.csv) หรือ Word (.docx)")


def test_an_empty_file(demo):
    refused(demo, b"", "plan.csv", "ไฟล์ว่างเปล่า")
    refused(demo, csv_bytes([HEADER]), "plan.csv", "ไม่พบมาตรการในไฟล์")


def test_a_header_row_missing_a_column(demo):
    rows = [["มาตรการ", "ผลการดำเนินการ"], ["๑) ทดสอบ", "ดำเนินการแล้ว"]]
    refused(demo, csv_bytes(rows), "plan.csv", "หัวตารางขาดคอลัมน์: ขั้นตอนหรือวิธีการ, ผู้รับผิดชอบ")
    refused(demo, csv_bytes([["ชื่อ", "ค่า"], ["ก", "ข"]]), "plan.csv", "ไม่พบหัวตาราง")


def test_a_ten_megabyte_file(demo):
    big = csv_bytes([HEADER, GOOD_ROW]) + b" " * (10 * 1024 * 1024)
    refused(demo, big, "plan.csv", "ไฟล์ใหญ่เกินไป (๑๐ MB) รับได้ไม่เกิน ๕ MB")


def test_five_thousand_rows_stop_the_reading(demo):
    rows = [HEADER] + [[f"{n}) มาตรการที่ {n}", "ขั้นตอน", "กองคลัง", "", ""] for n in range(1, 5001)]
    refused(
        demo,
        csv_bytes(rows),
        "plan.csv",
        "ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน ๓๐๐ มาตรการ)",
    )


def test_one_measure_more_than_a_plan_holds(demo):
    rows = [HEADER] + [[f"{n}) มาตรการที่ {n}", "ขั้นตอน", "กองคลัง", "", ""] for n in range(1, 302)]
    refused(
        demo,
        csv_bytes(rows),
        "plan.csv",
        "ไฟล์มีมาตรการ ๓๐๑ แถว เกินกว่าที่นำเข้าได้ในครั้งเดียว (๓๐๐ แถว)",
    )


def test_formulas_in_cells(demo):
    refused(
        demo, formula_xlsx(), "plan.xlsx",
        "แถวที่ ๓ ข้อ ๒ “มาตรการ”: คอลัมน์ ขั้นตอนหรือวิธีการ เป็นสูตร",
    )  # fmt: skip
    rows = [HEADER, ['=HYPERLINK("http://x")', "ขั้นตอน", "กองคลัง", "", ""]]
    refused(demo, csv_bytes(rows), "plan.csv", "แถวที่ ๒: คอลัมน์ มาตรการ เป็นสูตร")


def test_merged_cells(demo):
    refused(demo, merged_xlsx(), "plan.xlsx", "เซลล์ B3:C3 (แถวที่ ๓) ผสานกันอยู่")


def test_a_division_of_another_organisation(demo, other_organisation):
    rows = [HEADER, ["๑) ทดสอบ", "ขั้นตอน", "สำนักปลัด/กองคลัง", "", ""]]
    # สำนักปลัด exists in both; กองคลัง only in the demo: importing into the other one fails.
    before = database_state()
    outcome = plan_import(
        organisation=other_organisation, year=2566, period=1, content=csv_bytes(rows),
        filename="plan.csv", by=SYSTEM, confirm=True,
    )  # fmt: skip
    assert outcome.errors == [
        "แถวที่ ๒ ข้อ ๑ “ทดสอบ”: ไม่พบส่วนราชการ “กองคลัง” ใน ทต.ตัวอย่าง "
        "(ใช้ชื่อหรือชื่อย่อของส่วนราชการ หรือ ทุกกอง)"
    ]
    assert database_state() == before


def test_duplicate_measure_numbers(demo):
    rows = [
        HEADER,
        GOOD_ROW,
        ["๒) สอง", "ขั้นตอน", "กองคลัง", "", ""],
        ["1) ซ้ำ", "ขั้น", "กองคลัง", "", ""],
    ]
    refused(demo, csv_bytes(rows), "plan.csv", "แถวที่ ๔ ข้อ ๑ “ซ้ำ”: ข้อ ๑ ซ้ำกับแถวที่ ๒", year=2567)


def test_a_title_longer_than_the_field_allows(demo):
    rows = [HEADER, ["๑) " + "ก" * 1001, "ขั้นตอน", "กองคลัง", "", ""]]
    refused(demo, csv_bytes(rows), "plan.csv", "ชื่อมาตรการยาว ๑,๐๐๑ ตัวอักษร เกินที่รับได้ (๑,๐๐๐ ตัวอักษร)")


def test_a_csv_in_an_encoding_that_cannot_be_decoded(demo):
    utf16 = "มาตรการ,ขั้นตอนหรือวิธีการ,ผู้รับผิดชอบ\n".encode("utf-16")
    refused(demo, utf16, "plan.csv", "กรุณาบันทึกเป็น CSV UTF-8")
    undecodable = "มาตรการ,ขั้นตอนหรือวิธีการ,ผู้รับผิดชอบ\n".encode()[:-10] + b"\xdb\xfc\x80\x81\n"
    refused(demo, undecodable, "plan.csv", "ไม่ใช่ UTF-8 หรือ TIS-620/Windows-874")


def test_one_bad_row_keeps_every_good_row_out(demo):
    rows = [HEADER, GOOD_ROW, ["๒) สอง", "ขั้นตอน", "กองที่ไม่มี", "", ""]]
    outcome = refused(demo, xlsx(rows), "plan.xlsx", "ไม่พบส่วนราชการ “กองที่ไม่มี”", year=2599)
    assert [row.action for row in outcome.rows] == ["new", "error"]


def test_a_million_rows_in_a_small_workbook(demo):
    from tests.measures.crafted_files import xlsx_with_rows

    content = xlsx_with_rows(1_000_000, numbered=False)
    assert len(content) < 1024 * 1024  # small on disk, as the report found it (781 KB)
    refused(demo, content, "plan.xlsx", "ไฟล์ Excel นี้มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้")


def test_rows_beyond_a_plan_stop_the_reading_of_a_workbook(demo):
    from tests.measures.crafted_files import xlsx_with_rows

    refused(
        demo, xlsx_with_rows(50_000, numbered=False), "plan.xlsx",
        "ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน ๓๐๐ มาตรการ)",
    )  # fmt: skip


def test_a_workbook_that_inflates_to_gigabytes(demo):
    from tests.measures.crafted_files import xlsx_bomb

    refused(demo, xlsx_bomb(100), "plan.xlsx", "มีข้อมูลภายในมากเกินกว่าตารางมาตรการจะมีได้")


def test_a_crafted_workbook_of_a_few_rows_is_read(demo):
    from tests.measures.crafted_files import xlsx_with_rows

    outcome = plan_import(
        organisation=demo.organisation, year=2570, period=None, content=xlsx_with_rows(3),
        filename="plan.xlsx", by=SYSTEM,
    )  # fmt: skip
    assert outcome.ok, outcome.errors
    assert [row.number for row in outcome.rows] == [1, 2, 3]


def test_a_nul_byte_anywhere_in_a_csv(demo):
    rows = [HEADER] + [[f"{n}) มาตรการที่ {n}", "ขั้นตอน", "กองคลัง", "", ""] for n in range(1, 200)]
    content = csv_bytes(rows)
    content = content[:-10] + b"\x00" + content[-10:]
    refused(demo, content, "plan.csv", "ไฟล์นี้ไม่ใช่ไฟล์ CSV ที่อ่านได้")


def test_more_spaced_text_than_a_plan_holds_is_refused_before_it_is_read(demo):
    """Each space between Thai words is judged against the dictionary (measures/table_text.py):
    a file's table holds at most 20,000 of them, six times the seed's share for every measure
    of a plan (bench/bad_inputs.py: what more costs)."""
    from tests.measures.crafted_files import xlsx_spaced_rows

    refused(
        demo, xlsx_spaced_rows(100, 250), "plan.xlsx",
        "ข้อความในตารางยาวเกินกว่าที่นำเข้าได้ในครั้งเดียว (มีช่องว่างระหว่างคำภาษาไทยเกิน ๒๐,๐๐๐ แห่ง) "
        "กรุณาแบ่งตารางนำเข้าเป็นหลายไฟล์",
    )  # fmt: skip


def test_a_cell_far_longer_than_its_field_is_refused_by_its_row(demo):
    from tests.measures.crafted_files import docx_spaced_cell

    outcome = refused(demo, docx_spaced_cell(60_000), "plan.docx", "")
    assert outcome.errors == [
        "ตารางที่ ๑ แถวที่ ๒ ข้อ ๑ “มาตรการ”: ผลการดำเนินการยาวเกินไป รับได้ไม่เกิน ๒,๐๐๐ ตัวอักษร"
    ]
