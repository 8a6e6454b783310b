"""Bringing the measure table in from Excel and CSV."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from measures.models import FiscalYear, Measure, ProgressEntry
from measures.plans import plan_import
from organisations.access import SYSTEM
from tests.conftest import database_state
from tests.measures.seed_table import seed_rows, seed_xlsx

pytestmark = pytest.mark.django_db
HEADER = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"]


def plan_of(fiscal_year):
    measures = fiscal_year.measures.order_by("number").prefetch_related("steps", "divisions")
    return [
        (
            m.number,
            m.title,
            [step.text for step in m.steps.all()],
            m.all_divisions,
            sorted(d.name for d in m.divisions.all()),
        )
        for m in measures
    ]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def run(demo, content, filename, *, year=2567, period=1, confirm=True, **kwargs):
    return plan_import(
        organisation=demo.organisation, year=year, period=period, content=content,
        filename=filename, by=SYSTEM, confirm=confirm, **kwargs,
    )  # fmt: skip


def test_the_seed_table_yields_the_demo_plan(demo):
    outcome = run(demo, seed_xlsx(), "seed.xlsx")
    assert outcome.ok, outcome.errors
    assert outcome.written and outcome.count("new") == 17
    imported = FiscalYear.objects.get(organisation=demo.organisation, year=2567)
    assert plan_of(imported) == plan_of(demo.fiscal_year)
    # Results and follow-up came along for the period, their wrapped lines repaired.
    entry = ProgressEntry.objects.get(measure__fiscal_year=imported, measure__number=10, period=1)
    assert entry.result == "อยู่ในระหว่างดำเนินการ" and entry.status == "in_progress"
    entry = ProgressEntry.objects.get(measure__fiscal_year=imported, measure__number=14, period=1)
    assert entry.result == "ดำเนินการแล้วในห้วง ๖ เดือนแรกของปีงบประมาณ ๒๕๖๖"
    assert entry.follow_up.startswith("ควรดำเนินการตามมาตรการที่กำหนด และสรุปผล")


def test_the_preview_writes_nothing_and_names_every_row(demo):
    before = database_state()
    outcome = run(demo, seed_xlsx(), "seed.xlsx", confirm=False)
    assert outcome.ok and not outcome.written
    assert [row.number for row in outcome.rows] == list(range(1, 18))
    assert all(row.action == "new" for row in outcome.rows)
    # File rows, with the title lines and every repeated header row skipped.
    assert outcome.rows[0].row == 5 and outcome.rows[3].row == 9
    assert database_state() == before


def test_importing_the_same_file_again_changes_nothing(demo):
    run(demo, seed_xlsx(), "seed.xlsx")
    before = database_state()
    outcome = run(demo, seed_xlsx(), "seed.xlsx")
    assert outcome.ok and outcome.count("unchanged") == 17 and outcome.count("update") == 0
    assert database_state() == before


def test_a_changed_row_is_reported_as_such(demo):
    run(demo, seed_xlsx(), "seed.xlsx")
    rows = seed_rows()
    rows[1][1] = rows[1][1] + " ๓.ประกาศผลให้ประชาชนทราบ"
    outcome = run(demo, xlsx(rows), "changed.xlsx")
    changed = [row for row in outcome.rows if row.action == "update"]
    assert [(row.number, row.changes) for row in changed] == [(1, ["ขั้นตอนหรือวิธีการ"])]
    assert Measure.objects.get(fiscal_year__year=2567, number=1).steps.count() == 3


@pytest.mark.parametrize(
    "heading, steps, expected_number, expected_steps",
    [
        ("๑.) มาตรการหนึ่ง", "๑. ขั้นแรก ๒. ขั้นสอง", 1, ["ขั้นแรก", "ขั้นสอง"]),
        ("12) มาตรการ", "(๑) ขั้นแรก (๒) ขั้นสอง", 12, ["ขั้นแรก", "ขั้นสอง"]),
        ("(๓) มาตรการ", "1) ขั้นแรก 2) ขั้นสอง 3) ขั้นสาม", 3, ["ขั้นแรก", "ขั้นสอง", "ขั้นสาม"]),
        ("4. มาตรการ", "ขั้นแรก\nขั้นสอง", 4, ["ขั้นแรก", "ขั้นสอง"]),
        ("๕) มาตรการ", "รายงานผลอย่างน้อยปีละ ๒ ครั้ง", 5, ["รายงานผลอย่างน้อยปีละ ๒ ครั้ง"]),
        ("๖) มาตรการ", "๑.จัดทำ ๒.รายงานปีละ ๒ ครั้ง ๓.สรุป", 6, ["จัดทำ", "รายงานปีละ ๒ ครั้ง", "สรุป"]),
    ],
)
def test_numbering_written_in_any_style(demo, heading, steps, expected_number, expected_steps):
    outcome = run(demo, csv_bytes([HEADER, [heading, steps, "กองคลัง", "", ""]]), "t.csv")
    assert outcome.ok, outcome.errors
    measure = Measure.objects.get(fiscal_year__year=2567)
    assert measure.number == expected_number
    assert [step.text for step in measure.steps.all()] == expected_steps


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("สำนักปลัด/กองคลัง", ["กองคลัง", "สำนักปลัด"]),
        ("สำนักปลัด, กองการศึกษาฯ", ["กองการศึกษา ศาสนาและวัฒนธรรม", "สำนักปลัด"]),
        ("กองช่าง\nกองคลัง", ["กองคลัง", "กองช่าง"]),
        ("กอง การศึกษาฯ", ["กองการศึกษา ศาสนาและวัฒนธรรม"]),
    ],
)
def test_divisions_by_name_or_short_name(demo, cell, expected):
    outcome = run(demo, csv_bytes([HEADER, ["๑) ทดสอบ", "ขั้นเดียว", cell, "", ""]]), "t.csv")
    assert outcome.ok, outcome.errors
    measure = Measure.objects.get(fiscal_year__year=2567)
    assert sorted(d.name for d in measure.divisions.all()) == expected


def test_every_division_is_ทุกกอง(demo):
    run(demo, csv_bytes([HEADER, ["๑) ทดสอบ", "ขั้นเดียว", "ทุกกอง", "", ""]]), "t.csv")
    measure = Measure.objects.get(fiscal_year__year=2567)
    assert measure.all_divisions and measure.responsible_label == "ทุกกอง"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp874", "tis-620"])
def test_csv_in_the_encodings_thai_excel_saves(demo, encoding):
    rows = [HEADER, ["๑) การเผยแพร่ข้อมูล", "๑. จัดทำ ๒. เผยแพร่", "กองคลัง", "ดำเนินการแล้ว", ""]]
    outcome = run(demo, csv_bytes(rows, encoding), "thai.csv")
    assert outcome.ok, outcome.errors
    measure = Measure.objects.get(fiscal_year__year=2567)
    assert measure.title == "การเผยแพร่ข้อมูล"
    assert measure.progress_entries.get(period=1).status == "done"


def test_the_command_previews_and_fails_on_errors(demo, tmp_path, capsys):
    good = tmp_path / "seed.xlsx"
    good.write_bytes(seed_xlsx())
    call_command("import_measures", str(good), org="อบต.เกียร์", year="๒๕๖๗", period="1",
                 dry_run=True)  # fmt: skip
    output = capsys.readouterr().out
    assert "สร้างใหม่" in output and "ยังไม่ได้บันทึก" in output
    assert not FiscalYear.objects.filter(year=2567).exists()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, ["๑) ทดสอบ", "ขั้น", "กองที่ไม่มี", "", ""]]))
    # manage.py turns CommandError into exit status 1.
    with pytest.raises(CommandError, match="ไม่ได้นำเข้า"):
        call_command("import_measures", str(bad), org="อบต.เกียร์", year="2567")
    # The row is named by where it is and by the measure it holds.
    assert "แถวที่ ๒ ข้อ ๑ “ทดสอบ”: ไม่พบส่วนราชการ “กองที่ไม่มี”" in capsys.readouterr().err
