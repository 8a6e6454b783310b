"""The plan import's optional ตัวชี้วัด column (issue 18, item 4): the ITA indicators each
measure answers, by code or name, Thai or Arabic digits, of the assessment year whose results
the plan answers (FY ๒๕๖๗'s plan: ITA ๒๕๖๖'s); what names no indicator is refused with the row,
and a file without the column leaves them as they are. Export and import give back the same."""

import pytest
from django.core.management import call_command

from measures.models import Measure
from measures.plans import plan_export, plan_import
from organisations.access import SYSTEM
from tests.conftest import database_state
from tests.measures.test_plan_import import csv_bytes, xlsx

pytestmark = pytest.mark.django_db
HEADER = ["ที่", "มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ตัวชี้วัด"]


def run(demo, content, filename="plan.csv", *, year=2567, confirm=True):
    return plan_import(
        organisation=demo.organisation, year=year, period=None, content=content,
        filename=filename, by=SYSTEM, confirm=confirm,
    )  # fmt: skip


def rows(*cells):
    return [HEADER] + [
        [str(number), f"มาตรการ{'กขคงจฉ'[number - 1]}", "๑. ขั้นตอนเดียว", "กองคลัง", cell]
        for number, cell in enumerate(cells, start=1)
    ]


def answered(demo, year=2567):
    measures = Measure.objects.filter(fiscal_year__organisation=demo.organisation,
                                      fiscal_year__year=year).order_by("number")  # fmt: skip
    return [[i.code for i in m.indicators.all()] for m in measures.prefetch_related("indicators")]


def test_codes_or_names_in_thai_or_arabic_digits(demo):
    outcome = run(
        demo,
        csv_bytes(rows("๙", "9, 10", "ตัวชี้วัดที่ ๙ และ ๑๐", "การเปิดเผยข้อมูล / ๑๐", "", "๖ ๗")),
    )
    assert outcome.ok, outcome.errors
    assert answered(demo) == [["9"], ["9", "10"], ["9", "10"], ["9", "10"], [], ["6", "7"]]
    indicator = Measure.objects.get(fiscal_year__year=2567, number=1).indicators.get()
    assert indicator.assessment_year.year == 2566  # the results FY ๒๕๖๗'s plan answers


def test_an_unknown_indicator_is_refused_naming_the_row_and_nothing_is_written(demo):
    before = database_state()
    outcome = run(demo, xlsx(rows("๙", "๑๒", "ร้อยละ ๘๐ ของประชาชนพึงพอใจ")), "plan.xlsx")
    assert not outcome.written
    assert outcome.errors == [
        "แถวที่ ๓ ข้อ ๒ “มาตรการข”: ไม่พบตัวชี้วัด “๑๒” ในการประเมิน ITA ปี ๒๕๖๖ "
        "(ใช้รหัสหรือชื่อตัวชี้วัด: ๑, ๒, ๓, ๔, ๕, ๖, ๗, ๘, ๙, ๑๐) ถ้าคอลัมน์ ตัวชี้วัด นี้เป็นตัวชี้วัด"
        "ของมาตรการเอง ไม่ใช่ของ ITA ให้เปลี่ยนชื่อหัวคอลัมน์ก่อนนำเข้า",
        "แถวที่ ๔ ข้อ ๓ “มาตรการค”: ไม่พบตัวชี้วัด “ร้อยละ ๘๐ ของประชาชนพึงพอใจ” ในการประเมิน "
        "ITA ปี ๒๕๖๖ (ใช้รหัสหรือชื่อตัวชี้วัด: ๑, ๒, ๓, ๔, ๕, ๖, ๗, ๘, ๙, ๑๐) ถ้าคอลัมน์ ตัวชี้วัด "
        "นี้เป็นตัวชี้วัดของมาตรการเอง ไม่ใช่ของ ITA ให้เปลี่ยนชื่อหัวคอลัมน์ก่อนนำเข้า",
    ]
    assert database_state() == before


def test_a_year_whose_assessment_has_no_indicators_refuses_the_column(demo):
    # FY ๒๕๖๙'s plan answers ITA ๒๕๖๘, whose reworked indicators are not typed in yet.
    outcome = run(demo, csv_bytes(rows("๙")), year=2569)
    assert outcome.errors == [
        "แถวที่ ๒ ข้อ ๑ “มาตรการก”: การประเมิน ITA ปี ๒๕๖๘ ยังไม่มีรายการตัวชี้วัด จึงอ่านคอลัมน์ "
        "ตัวชี้วัด ไม่ได้ (ให้ผู้ดูแลระบบของระบบเพิ่มตัวชี้วัดของปีนั้น หรือลบคอลัมน์นี้ออก)"
    ]
    assert run(demo, csv_bytes(rows("")), year=2569).ok  # an empty column says nothing


def test_without_the_column_the_indicators_stay_and_an_empty_cell_clears_them(demo):
    run(demo, csv_bytes(rows("๙", "๑๐")))
    without = [row[:4] for row in rows("", "")]
    outcome = run(demo, csv_bytes([[*without[0]], *without[1:]]))
    assert outcome.ok and answered(demo) == [["9"], ["10"]]
    outcome = run(demo, csv_bytes(rows("๙", "")), confirm=False)
    assert [row.changes for row in outcome.rows] == [[], ["ตัวชี้วัด"]]
    run(demo, csv_bytes(rows("๙", "")))
    assert answered(demo) == [["9"], []]


def test_the_exported_plan_imports_again_with_its_indicators(demo):
    run(demo, csv_bytes(rows("๙, ๑๐", "๓")))
    fiscal_year = demo.organisation.fiscal_years.get(year=2567)
    for thai in (False, True):
        exported = plan_export(fiscal_year, file_format="xlsx", thai_digits=thai)
        outcome = run(demo, exported, "plan.xlsx", confirm=False)
        assert outcome.ok, outcome.errors
        assert [row.changes for row in outcome.rows] == [[], []]
    # A plan whose measures answer none exports no such column.
    assert b"\xe0\xb8\x95\xe0\xb8\xb1\xe0\xb8\xa7\xe0\xb8\x8a" not in plan_export(
        demo.fiscal_year, file_format="csv"
    )


def test_the_command_reads_the_column(demo, tmp_path, capsys):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes(rows("๑๐")))
    call_command("import_measures", str(path), "--org", "อบต.เกียร์", "--year", "2567")
    assert answered(demo) == [["10"]]
    path.write_bytes(csv_bytes(rows("๑๑")))
    with pytest.raises(Exception, match="ไม่ได้นำเข้า|ข้อผิดพลาด"):
        call_command("import_measures", str(path), "--org", "อบต.เกียร์", "--year", "2567")
    said = capsys.readouterr()
    assert "ไม่พบตัวชี้วัด “๑๑”" in said.out + said.err
