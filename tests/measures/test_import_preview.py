"""What the import preview says, row by row, before anything is written: what goes to the plan
and to the period's progress, what is not read, and what the person must still choose."""

import pytest

from measures.models import FiscalYear, Measure, ProgressEntry
from measures.plans import plan_export
from tests.conftest import database_state
from tests.measures.test_plan_import import HEADER, csv_bytes, xlsx
from tests.measures.test_plan_import import run as import_table

pytestmark = pytest.mark.django_db


def run(demo, content, filename="plan.csv", *, confirm=False, **kwargs):
    """A preview unless asked to write."""
    return import_table(demo, content, filename, confirm=confirm, **kwargs)


def test_each_row_says_what_it_writes_to_the_plan_and_the_progress(demo):
    rows = [
        HEADER,
        ["๑) จัดทำคู่มือ", "๑. ร่าง ๒. ประกาศ", "สำนักปลัด/กองคลัง", "ดำเนินการแล้ว", "ควรเผยแพร่"],
    ]
    outcome = run(demo, csv_bytes(rows))
    row = outcome.rows[0].parsed
    assert (row.label, row.title, row.steps, row.responsible) == (
        "1", "จัดทำคู่มือ", ["ร่าง", "ประกาศ"], "สำนักปลัด/กองคลัง",
    )  # fmt: skip
    assert (row.result, row.status_label, row.status_source, row.follow_up) == (
        "ดำเนินการแล้ว", "ดำเนินการแล้ว", "อ่านจากถ้อยคำของผล", "ควรเผยแพร่",
    )  # fmt: skip


def test_not_importing_results_ignores_their_columns(demo):
    """Issue 17, item 2: a plan exported with results goes in as a plan."""
    content = plan_export(demo.fiscal_year, period=1)
    before = ProgressEntry.objects.count()
    outcome = run(demo, content, "plan.xlsx", period=None, confirm=True)
    assert outcome.ok and outcome.written, outcome.errors
    assert outcome.count("new") == 17
    assert any("ไม่ได้นำเข้าคอลัมน์ ผลการดำเนินการ การกำกับติดตาม" in n for n in outcome.notes)
    assert ProgressEntry.objects.count() == before
    assert not ProgressEntry.objects.filter(measure__fiscal_year__year=2567).exists()
    assert all(row.parsed.result == "" for row in outcome.rows)


def test_wording_that_says_no_status_waits_for_a_choice(demo):
    rows = [
        HEADER,
        ["๑) ประชุมชี้แจง", "ประชุม", "สำนักปลัด", "จัดประชุม ๒ ครั้ง มีผู้เข้าร่วม ๔๐ คน", ""],
        ["๒) จัดอบรม", "อบรม", "สำนักปลัด", "ดำเนินการแล้ว", ""],
    ]
    preview = run(demo, csv_bytes(rows))
    assert preview.ok
    assert [row.label for row in preview.choices_needed] == ["1"]
    before = database_state()
    unchosen = run(demo, csv_bytes(rows), confirm=True)
    assert not unchosen.written
    assert unchosen.errors == [
        "แถวที่ ๒ ข้อ ๑ “ประชุมชี้แจง”: ถ้อยคำ “จัดประชุม ๒ ครั้ง มีผู้เข้าร่วม ๔๐ คน” ไม่บอกสถานะ "
        "กรุณาเลือกสถานะเมื่อนำเข้าทางหน้า แผน หรือเพิ่มคอลัมน์ สถานะ ในไฟล์"
    ]
    assert database_state() == before
    chosen = run(demo, csv_bytes(rows), confirm=True, statuses={2: "in_progress"})
    assert chosen.written, chosen.errors
    entry = ProgressEntry.objects.get(measure__fiscal_year__year=2567, measure__number=1)
    assert (entry.status, entry.result) == ("in_progress", "จัดประชุม ๒ ครั้ง มีผู้เข้าร่วม ๔๐ คน")


@pytest.mark.parametrize(
    "wording, status",
    [
        ("ดำเนินการแล้วบางส่วน", "in_progress"),
        ("มิได้ดำเนินการเนื่องจากไม่ได้รับงบประมาณ", "not_started"),
        ("ไม่มีการจัดอบรมในรอบนี้", "not_started"),
        ("อยู่ ใน ระหว่าง ดำเนินการ", "in_progress"),
        ("จัดทำประกาศแล้ว", "done"),
        ("ยังดำเนินการไม่แล้วเสร็จ", "in_progress"),
        ("ดำเนินการเสร็จเรียบร้อย", "done"),
        ("กองคลังได้ตรวจสอบรายงานและเผยแพร่ทางเว็บไซต์", "done"),
        ("ไม่สามารถดำเนินการได้ เนื่องจากงบประมาณไม่เพียงพอ", "not_started"),
        ("จัดประชุม ๒ ครั้ง มีผู้เข้าร่วม ๔๐ คน", None),
    ],
)
def test_more_of_the_ways_offices_word_a_status(wording, status):
    from measures.status_wording import status_of

    assert status_of(wording) == status


def test_a_tick_alone_is_not_a_result(demo):
    rows = [HEADER, ["๑) จัดอบรม", "อบรม", "สำนักปลัด", "✓", ""]]
    outcome = run(demo, csv_bytes(rows))
    row = outcome.rows[0]
    assert row.parsed.result == "" and row.status_needed
    assert "ช่องผลการดำเนินการมีเพียงเครื่องหมาย “✓” จึงไม่นำมาเป็นผลการดำเนินการ" in row.parsed.notes
    written = run(demo, csv_bytes(rows), confirm=True, statuses={2: "done"})
    assert written.written
    entry = ProgressEntry.objects.get(measure__fiscal_year__year=2567)
    assert (entry.status, entry.result) == ("done", "")


def test_a_column_only_some_tables_have_is_read_by_its_name(demo):
    """Two tables of one sheet: the second has a budget column before the results; nothing is
    read by position, and what is not read is named."""
    rows = [
        ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "หมายเหตุ"],
        ["๑) หนึ่ง", "ขั้น", "สำนักปลัด", "ดำเนินการแล้ว", "ควรรายงาน"],
        ["มาตรการ", "ขั้นตอนหรือวิธีการ", "งบประมาณ (บาท)", "ผู้รับผิดชอบ", "ผลการดำเนินการ"],
        ["๒) สอง", "ขั้น", "๕๐,๐๐๐", "กองคลัง", "อยู่ระหว่างดำเนินการ", "ดูภาคผนวก"],
    ]
    outcome = run(demo, xlsx(rows), "plan.xlsx", confirm=True)
    assert outcome.written, outcome.errors
    second = Measure.objects.get(fiscal_year__year=2567, number=2)
    assert [d.name for d in second.divisions.all()] == ["กองคลัง"]
    entry = second.progress_entries.get(period=1)
    assert (entry.result, entry.follow_up) == ("อยู่ระหว่างดำเนินการ", "")
    assert "ไม่ได้นำเข้าคอลัมน์ “งบประมาณ (บาท)”" in outcome.notes
    assert outcome.rows[1].parsed.notes == [
        "ข้อความนอกคอลัมน์ของตาราง (คอลัมน์ที่ ๖) “ดูภาคผนวก” ไม่ได้นำเข้า"
    ]


def test_remarks_of_a_plan_without_results_are_not_a_follow_up(demo):
    rows = [
        ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "หมายเหตุ"],
        ["๑) หนึ่ง", "ขั้น", "สำนักปลัด", "โครงการต่อเนื่อง"],
    ]
    outcome = run(demo, csv_bytes(rows), confirm=True)
    assert outcome.written, outcome.errors
    assert not ProgressEntry.objects.filter(measure__fiscal_year__year=2567).exists()
    assert any(note.startswith("ไม่ได้นำเข้าคอลัมน์ “หมายเหตุ”") for note in outcome.notes)


def test_a_separate_number_column_and_section_rows(demo):
    rows = [
        ["ที่", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "หน่วยงานที่รับผิดชอบ", "ผลการดำเนินงาน"],
        ["๑", "มิติที่ ๑ การเปิดเผยข้อมูล", "", "", ""],
        ["๑.๑", "เผยแพร่ข้อมูล", "๑. จัดทำ ๒. เผยแพร่", "สำนักปลัด", "ดำเนินการแล้ว"],
        ["1.2", "1.2 ประกาศเจตนารมณ์", "ประกาศ", "สำนักปลัด", ""],
        ["", "มิติที่ ๒ การป้องกันการทุจริต", "", "", ""],
        ["2.1", "5 ส. ในสำนักงาน", "จัดกิจกรรม", "กองช่าง", ""],
    ]
    outcome = run(demo, csv_bytes(rows), confirm=True)
    assert outcome.written, outcome.errors
    plan = [(m.item_label, m.title) for m in FiscalYear.objects.get(year=2567).measures.all()]
    assert plan == [("1.1", "เผยแพร่ข้อมูล"), ("1.2", "ประกาศเจตนารมณ์"), ("2.1", "5 ส. ในสำนักงาน")]
    assert "แถวที่ ๒: “มิติที่ ๑ การเปิดเผยข้อมูล” เป็นหัวข้อ ไม่ได้นำเข้าเป็นมาตรการ" in outcome.notes
    assert "แถวที่ ๕: “มิติที่ ๒ การป้องกันการทุจริต” เป็นหัวข้อ ไม่ได้นำเข้าเป็นมาตรการ" in outcome.notes


@pytest.mark.parametrize(
    "number, message",
    [
        ("๑.๒.๓.๔.๕", "เลขข้อ “๑.๒.๓.๔.๕” มีหลายระดับเกินไป (รับได้ไม่เกิน ๔ ระดับ เช่น ๑.๒.๓.๔)"),
        ("1.0", "เลขข้อ “1.0” ต้องเป็นเลข ๑ ถึง ๙๙๙ ในแต่ละระดับ"),
        ("ก.", "“ก.” ไม่ใช่เลขข้อ"),
    ],
)
def test_a_number_that_cannot_be_a_measures_is_refused_with_its_row(demo, number, message):
    rows = [["ที่", "มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ"], [number, "ชื่อ", "ขั้น", "กองคลัง"]]
    outcome = run(demo, csv_bytes(rows), confirm=True)
    assert not outcome.written
    assert outcome.errors[0].startswith("แถวที่ ๒") and message in outcome.errors[0]


def test_a_measure_between_others_takes_its_place(demo):
    first = [
        ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ"],
        ["1.1 หนึ่ง", "ขั้น", "สำนักปลัด", "ดำเนินการแล้ว"],
        ["2.1 สอง", "ขั้น", "สำนักปลัด", "อยู่ระหว่างดำเนินการ"],
    ]
    assert run(demo, csv_bytes(first), confirm=True).written
    second = [first[0], ["1.2 ใหม่", "ขั้น", "กองคลัง", ""]]
    outcome = run(demo, csv_bytes(second), confirm=True)
    assert outcome.written, outcome.errors
    measures = FiscalYear.objects.get(year=2567).measures.order_by("number")
    assert [(m.number, m.item_label, m.title) for m in measures] == [
        (1, "1.1", "หนึ่ง"), (2, "1.2", "ใหม่"), (3, "2.1", "สอง"),
    ]  # fmt: skip
    # 2.1's result went with it.
    assert measures[2].progress_entries.get(period=1).result == "อยู่ระหว่างดำเนินการ"


def test_the_plan_page_asks_for_the_status_and_keeps_the_choice(client, demo, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    rows = [
        HEADER,
        ["๑) ประชุมชี้แจง", "ประชุม", "สำนักปลัด", "จัดประชุม ๒ ครั้ง", ""],
        ["๒) จัดอบรม", "อบรม", "สำนักปลัด", "ดำเนินการแล้ว", ""],
    ]
    client.force_login(django_user_model.objects.get(username="analyst"))
    url = reverse("measures:plan_import", args=[demo.organisation.pk])
    preview = client.post(
        url, {"file": SimpleUploadedFile("t.csv", csv_bytes(rows)), "year": "2567", "period": "1"}
    )
    page = preview.content.decode()
    assert "กรุณาเลือกสถานะของแถวนั้น (กรอบสีเหลือง) ก่อนกดยืนยันท้ายหน้า" in page
    assert 'name="status_2"' in page and "อ่านจากถ้อยคำของผล" in page
    token = preview.context["token"]
    confirm_url = reverse("measures:plan_import_confirm", args=[demo.organisation.pk])
    unchosen = client.post(confirm_url, {"token": token})
    assert unchosen.status_code == 200
    assert '<span class="error-text"> กรุณาเลือกสถานะ</span>' in unchosen.content.decode()
    assert not FiscalYear.objects.filter(year=2567).exists()
    # The page shown again carries the file under a new token (a kept file is taken once).
    token = unchosen.context["token"]
    done = client.post(confirm_url, {"token": token, "status_2": "in_progress"})
    assert done.status_code == 302
    entry = ProgressEntry.objects.get(measure__fiscal_year__year=2567, measure__number=1)
    assert entry.status == "in_progress"


def test_the_command_takes_the_status_of_a_measure(demo, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    rows = [HEADER, ["๓) ประชุมชี้แจง", "ประชุม", "สำนักปลัด", "จัดประชุม ๒ ครั้ง", ""]]
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="ไม่ได้นำเข้า"):
        call_command("import_measures", str(path), org="อบต.เกียร์", year="2567", period="1")
    assert "ต้องเลือกสถานะด้วย --status 3=…" in capsys.readouterr().out
    call_command("import_measures", str(path), "--org", "อบต.เกียร์", "--year", "2567",
                 "--period", "1", "--status", "๓=ดำเนินการแล้ว")  # fmt: skip
    assert ProgressEntry.objects.get(measure__fiscal_year__year=2567).status == "done"


def test_a_result_too_long_is_named_even_while_its_status_waits(demo):
    rows = [HEADER, ["๑) ประชุม", "ประชุม", "สำนักปลัด", "ผ" * 2001, ""]]
    outcome = run(demo, csv_bytes(rows))
    assert outcome.errors == ["แถวที่ ๒ ข้อ ๑ “ประชุม”: ผลการดำเนินการยาวเกินไป รับได้ไม่เกิน ๒,๐๐๐ ตัวอักษร"]


def test_the_command_says_row_by_row_what_it_writes_and_what_it_leaves(demo, tmp_path, capsys):
    """Issue 15, item 2, on `import_measures`: the same as the page says (steps, divisions,
    result, follow-up, and the cells of the row that are not read), not only the title."""
    from django.core.management import call_command

    rows = [
        HEADER,
        ["๑) จัดทำคู่มือ", "๑. ร่าง\n๒. ประกาศ", "สำนักปลัด/กองคลัง", "ดำเนินการแล้ว\nเผยแพร่แล้ว",
         "ควรเผยแพร่", "งบ ๕,๐๐๐"],
        ["๒) ประชุม", "ประชุม", "กองช่าง", "✓", ""],
    ]  # fmt: skip
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes(rows))
    call_command("import_measures", str(path), "--org", "อบต.เกียร์", "--year", "2567",
                 "--period", "1", "--status", "2=done", "--dry-run")  # fmt: skip
    indent = " " * 21
    assert capsys.readouterr().out.splitlines() == [
        "แถวที่ ๒             สร้างใหม่      ข้อ ๑ จัดทำคู่มือ",
        f"{indent}ขั้นตอนหรือวิธีการ: (๑) ร่าง (๒) ประกาศ",
        f"{indent}ผู้รับผิดชอบ: สำนักปลัด/กองคลัง",
        f"{indent}สถานะ ดำเนินการแล้ว (อ่านจากถ้อยคำของผล)",
        f"{indent}ผลการดำเนินการ: ดำเนินการแล้ว เผยแพร่แล้ว",
        f"{indent}การกำกับติดตาม: ควรเผยแพร่",
        f"{indent}ไม่ได้นำเข้า: ข้อความนอกคอลัมน์ของตาราง (คอลัมน์ที่ ๖) “งบ ๕,๐๐๐” ไม่ได้นำเข้า",
        "แถวที่ ๓             สร้างใหม่      ข้อ ๒ ประชุม",
        f"{indent}ขั้นตอนหรือวิธีการ: (๑) ประชุม",
        f"{indent}ผู้รับผิดชอบ: กองช่าง",
        f"{indent}สถานะ ดำเนินการแล้ว (ผู้นำเข้าเลือก)",
        f"{indent}ผลการดำเนินการ: —",
        f"{indent}การกำกับติดตาม: —",
        f"{indent}ไม่ได้นำเข้า: ช่องผลการดำเนินการมีเพียงเครื่องหมาย “✓” จึงไม่นำมาเป็นผลการดำเนินการ",
        "ตัวอย่าง (ยังไม่ได้บันทึก): สร้างใหม่ ๒ แก้ไข ๐ ไม่เปลี่ยนแปลง ๐",
    ]
