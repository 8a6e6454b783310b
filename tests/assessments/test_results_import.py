"""Last year's ITA results from a table (ตัวชี้วัด | คะแนน, with total and level rows; or a sheet
of organisations): previewed first, written only whole, every refused row named by its number,
Thai or Arabic digits, many organisations at once for the deployment's operator."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from assessments import imports, services
from assessments.imports import results_import
from assessments.models import AssessmentResult, AssessmentYear, IndicatorScore
from organisations.access import SYSTEM
from organisations.models import Organisation
from organisations.refusals import Refusal

pytestmark = pytest.mark.django_db

ONE_ORGANISATION = """ตัวชี้วัด,คะแนน
ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่,๙๘.๐๔
ตัวชี้วัดที่ ๒ การใช้งบประมาณ,๙๕.๕๐
3. การใช้อำนาจ,96
๔,๙๔.๒๕
การแก้ไขปัญหาการทุจริต,๙๐
ตัวชี้วัดที่ ๖ คุณภาพการดำเนินงาน,๘๙.๗๕
ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร,๘๘
ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน,๘๗.๑๒
ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล,๘๒.๕๐
ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต,๖๗.๒๕
คะแนนรวม,๘๗.๓๐
ระดับ,A
"""


@pytest.fixture
def ita_2566():
    return AssessmentYear.objects.get(year=2566)


def run(
    cast, content, *, organisation="home", by=None, confirm=False, name="results.csv", year=None
):
    return results_import(
        content=content.encode() if isinstance(content, str) else content,
        filename=name,
        assessment_year=year or AssessmentYear.objects.get(year=2566),
        organisation=getattr(cast, organisation) if organisation else None,
        by=by or cast.alice,
        confirm=confirm,
    )


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_previewed_table_writes_nothing_and_confirming_writes_it_whole(cast, ita_2566):
    preview = run(cast, ONE_ORGANISATION)
    assert preview.ok and not preview.written, preview.errors
    assert AssessmentResult.objects.count() == 0
    [result] = preview.results
    assert (result.total, result.level, result.action) == (Decimal("87.30"), "A", "new")
    assert [str(line.score) for line in result.lines] == [
        "98.04", "95.50", "96.00", "94.25", "90.00", "89.75", "88.00", "87.12", "82.50", "67.25"
    ]  # fmt: skip
    assert run(cast, ONE_ORGANISATION, confirm=True).written
    saved = AssessmentResult.objects.get(organisation=cast.home, assessment_year=ita_2566)
    assert (saved.total_score, saved.level, saved.updated_by) == (Decimal("87.30"), "A", cast.alice)
    weakest = saved.scores.order_by("score").first()
    assert (weakest.indicator.code, weakest.score) == ("10", Decimal("67.25"))
    assert saved.history.count() == 1 and IndicatorScore.history.count() == 10


def test_bad_rows_are_refused_each_by_its_row_and_nothing_is_written(cast):
    table = """ตัวชี้วัด,คะแนน
ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่,๙๘
ตัวชี้วัดที่ ๑๑ ความพึงพอใจ,๙๐
ตัวชี้วัดที่ ๒,๑๐๕
ตัวชี้วัดที่ ๓,
ตัวชี้วัดที่ ๑,๙๗
๙ การป้องกันการทุจริต,๘๐
,๘๘
ตัวชี้วัดที่ ๔,๘๕.๑๒๕
ระดับ,A+
"""
    outcome = run(cast, table, confirm=True)
    assert not outcome.written
    assert outcome.errors == [
        "แถวที่ ๒: ไม่มีคะแนนรวม",
        "แถวที่ ๓: ไม่พบตัวชี้วัด “ตัวชี้วัดที่ ๑๑ ความพึงพอใจ” ในปีการประเมินนี้ "
        "(ตัวชี้วัดของปีนี้: ๑, ๒, ๓, ๔, ๕, ๖, ๗, ๘, ๙, ๑๐)",
        "แถวที่ ๔: คะแนน ๑๐๕ อยู่นอกช่วง: คะแนนต้องเป็นตัวเลข ๐ ถึง ๑๐๐ ทศนิยมไม่เกิน ๒ ตำแหน่ง เช่น ๘๕.๕๐",
        "แถวที่ ๕: ตัวชี้วัดที่ ๓ การใช้อำนาจ ไม่มีค่าในคอลัมน์คะแนน",
        "แถวที่ ๖: ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ ซ้ำกับแถวที่ ๒ ระบบไม่เลือกให้",
        "แถวที่ ๗: “๙ การป้องกันการทุจริต”: รหัสตัวชี้วัด ๙ ไม่ตรงกับชื่อ การป้องกันการทุจริต กรุณาแก้ให้ตรงกัน",
        "แถวที่ ๘: มีคะแนน “๘๘” แต่ไม่ระบุตัวชี้วัด",
        "แถวที่ ๙: คะแนน ๘๕.๑๒๕ มีทศนิยมเกิน ๒ ตำแหน่ง",
        "แถวที่ ๑๐: ไม่มีระดับ “A+” ในปีการประเมินนี้ (มี AA, A, B, C, D, E, F)",
    ]
    assert AssessmentResult.objects.count() == 0


def test_a_formula_or_a_merged_cell_is_refused_with_its_row(cast):
    content = xlsx([["ตัวชี้วัด", "คะแนน"], ["1", "90"], ["คะแนนรวม", "=AVERAGE(B2:B2)"]])
    outcome = run(cast, content, name="r.xlsx")
    assert outcome.errors == [
        "แถวที่ ๓ มีสูตร (ขึ้นต้นด้วย =) ระบบรับเฉพาะค่า กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) แล้วนำเข้าใหม่"
    ]


def test_many_organisations_in_one_table_for_the_operator(cast, django_user_model):
    table = """หน่วยงาน,ตัวชี้วัด,คะแนน
อบต.ทดลอง,๙,๘๒.๕
อบต.ทดลอง,คะแนนรวม,๘๗.๓
อบต.ทดลอง,ระดับ,A
เทศบาลตำบลอื่น,๙,๙๙
uen,๑๐,๑๐๐
ทต.อื่น,คะแนนรวม,๙๖
ทต.อื่น,ระดับ,AA
"""
    with pytest.raises(Refusal):
        run(cast, table, organisation=None)  # an analyst loads only their own
    operator = django_user_model.objects.create_superuser("province", password="x")
    outcome = run(cast, table, organisation=None, by=operator, confirm=True)
    # Three spellings of one organisation are three results, which the import never merges.
    assert outcome.errors == [
        "แถวที่ ๕: เทศบาลตำบลอื่น ไม่มีคะแนนรวม",
        "แถวที่ ๕: เทศบาลตำบลอื่น ไม่มีระดับ",
        "แถวที่ ๖: เทศบาลตำบลอื่น ซ้ำกับแถวที่ ๕ (เขียนชื่อต่างกัน)",
        "แถวที่ ๗: เทศบาลตำบลอื่น ซ้ำกับแถวที่ ๕ (เขียนชื่อต่างกัน)",
    ]
    table = table.replace("uen,", "เทศบาลตำบลอื่น,").replace("ทต.อื่น,", "เทศบาลตำบลอื่น,")
    outcome = run(cast, table, organisation=None, by=operator, confirm=True)
    assert outcome.written, outcome.errors
    scores = {
        (r.organisation.short_name, r.total_score, r.level, r.scores.count())
        for r in AssessmentResult.objects.all()
    }
    assert scores == {("อบต.ทดลอง", Decimal("87.30"), "A", 1), ("ทต.อื่น", Decimal("96"), "AA", 2)}


def test_a_sheet_of_organisations_and_an_unknown_one(cast, django_user_model):
    operator = django_user_model.objects.create_superuser("province", password="x")
    rows = [
        ["สรุปผลการประเมิน ITA ๒๕๖๖ จังหวัดยะลา"],
        ["ลำดับ", "หน่วยงาน", "คะแนน", "ระดับ", "ตัวชี้วัดที่ ๙", "ตัวชี้วัดที่ ๑๐"],
        ["๑", "อบต.ทดลอง", "๘๗.๓๐", "A", "๘๒.๕๐", 67.25],
        ["๒", "อบต.ไม่มี", "๙๐", "A", "", ""],
        ["๓", "thodlong", "๙๐", "A", "", ""],
    ]
    outcome = run(cast, xlsx(rows), organisation=None, by=operator, name="province.xlsx")
    assert outcome.errors == [
        "แถวที่ ๔: ไม่พบหน่วยงาน “อบต.ไม่มี” (ใช้ชื่อเต็ม ชื่อย่อ หรือชื่อในที่อยู่เว็บ)",
        "แถวที่ ๕: องค์การบริหารส่วนตำบลทดลอง ซ้ำกับแถวที่ ๓ (เขียนชื่อต่างกัน)",
    ]
    assert outcome.notes == ["คอลัมน์ที่ไม่ได้นำเข้า: ลำดับ"]
    outcome = run(cast, xlsx(rows[:3]), organisation=None, by=operator, name="p.xlsx", confirm=True)
    assert outcome.written
    result = AssessmentResult.objects.get()
    assert result.total_score == Decimal("87.30")
    assert sorted(str(s.score) for s in result.scores.all()) == ["67.25", "82.50"]


def test_the_organisation_column_must_name_the_organisation_being_imported(cast):
    table = "หน่วยงาน,ตัวชี้วัด,คะแนน\nทต.อื่น,คะแนนรวม,๙๐\nทต.อื่น,ระดับ,A\n"
    outcome = run(cast, table)
    assert outcome.errors == [
        "แถวที่ ๒: แถวนี้เป็นของเทศบาลตำบลอื่น ไม่ใช่องค์การบริหารส่วนตำบลทดลอง ที่กำลังนำเข้า"
    ]
    with pytest.raises(Refusal):
        run(cast, ONE_ORGANISATION, by=cast.olivia)  # another organisation's analyst
    with pytest.raises(Refusal):
        run(cast, ONE_ORGANISATION, by=cast.bob)  # staff read results, do not write them


def test_a_second_import_updates_and_keeps_indicators_it_does_not_name(cast):
    run(cast, ONE_ORGANISATION, confirm=True)
    again = "ตัวชี้วัด,คะแนน\n๙,๘๕\nคะแนนรวม,๘๗.๓๐\nระดับ,a\n"
    outcome = run(cast, again, confirm=True)
    assert [r.action for r in outcome.results] == ["update"]
    result = AssessmentResult.objects.get()
    assert result.level == "A"  # the year's own spelling
    assert {s.indicator.code: str(s.score) for s in result.scores.all()}["9"] == "85.00"
    assert result.scores.count() == 10
    assert [r.action for r in run(cast, again).results] == ["unchanged"]
    assert result.history.count() == 2


def test_a_year_without_indicators_or_levels_yet(cast):
    ita_2569 = AssessmentYear.objects.get(year=2569)
    outcome = run(cast, "ตัวชี้วัด,คะแนน\nคะแนนรวม,91.5\nระดับ,ผ่านดีเยี่ยม\n", year=ita_2569)
    assert outcome.ok and outcome.results[0].level == "ผ่านดีเยี่ยม"
    outcome = run(cast, "ตัวชี้วัด,คะแนน\n1,90\nคะแนนรวม,91.5\nระดับ,A\n", year=ita_2569)
    assert outcome.errors[0].startswith("การประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ ยังไม่มีรายการตัวชี้วัด")


def test_bounded_rows_and_organisations(cast, django_user_model, monkeypatch):
    operator = django_user_model.objects.create_superuser("province", password="x")
    monkeypatch.setattr(services, "ORGANISATIONS_PER_WRITE_MAX", 1)
    monkeypatch.setattr(imports, "ORGANISATIONS_PER_WRITE_MAX", 1)
    table = "หน่วยงาน,คะแนนรวม,ระดับ\nอบต.ทดลอง,90,A\nทต.อื่น,90,A\n"
    outcome = run(cast, table, organisation=None, by=operator)
    assert outcome.errors == ["ไฟล์มีผลของ ๒ หน่วยงาน เกินกว่าที่นำเข้าได้ในครั้งเดียว (๑ หน่วยงาน)"]
    huge = "ตัวชี้วัด,คะแนน\n" + "๑,๙๐\n" * 13_000
    assert run(cast, huge).errors == ["ไฟล์มีแถวมากเกินกว่าที่นำเข้าได้ในครั้งเดียว (รับได้ไม่เกิน ๑๒,๐๐๐ แถว)"]
    assert run(cast, "ชื่อ,ค่า\nก,๑\n").errors[0].startswith("ไม่พบหัวตาราง")


def test_a_province_table_names_each_organisation_once_not_once_per_row(
    cast, django_user_model, monkeypatch
):
    """Finding whose each row is reads every candidate's names once: a table of a few
    hundred organisations (up to 1,000) must not compare every row with every organisation
    (1,000 × 1,000 name comparisons were some 20 seconds for each preview and again to
    confirm)."""
    operator = django_user_model.objects.create_superuser("province", password="x")
    count = 60
    Organisation.objects.bulk_create(
        Organisation(
            name=f"องค์การบริหารส่วนตำบลที่{n}", short_name=f"อบต.ที่{n}", slug=f"t{n}",
            kind=cast.home.kind, province=cast.home.province, district=cast.home.district,
        )
        for n in range(count)
    )  # fmt: skip
    table = "หน่วยงาน,คะแนนรวม,ระดับ\n" + "".join(f"อบต.ที่{n},90,A\n" for n in range(count))
    calls = []
    names = imports._names
    monkeypatch.setattr(imports, "_names", lambda o: calls.append(o.pk) or names(o))
    outcome = run(cast, table, organisation=None, by=operator)
    assert outcome.ok, outcome.errors
    assert len(outcome.results) == count
    assert outcome.results[7].organisation.slug == "t7"
    assert len(calls) == count  # each organisation's names read once


def test_a_wide_table_is_read_by_its_filled_cells_and_a_too_wide_one_refused(cast, monkeypatch):
    """Looking for the header costs what the filled cells are, not the width a file claims
    (50 rows of 20,000 empty cells before the header were a million name look-ups, some
    40 seconds for one preview of a 1 MB file); a row with more filled cells than any
    results table has is refused with its row."""
    from assessments import result_files

    looked_up = []
    normalised = result_files.normalised
    monkeypatch.setattr(
        result_files, "normalised", lambda text: looked_up.append(text) or normalised(text)
    )
    padding = "," * 20_000 + "\n"
    outcome = run(cast, padding * 40 + ONE_ORGANISATION)
    assert outcome.ok, outcome.errors
    assert outcome.results[0].total == Decimal("87.30")
    assert outcome.results[0].first_row == 42
    assert len(looked_up) < 1_000
    wide = "หน่วยงาน," + ",".join(f"ค{n}" for n in range(400)) + "\n"
    assert run(cast, wide + ONE_ORGANISATION, organisation=None, by=SYSTEM).errors == [
        "แถวที่ ๑ มีข้อมูล ๔๐๑ คอลัมน์ เกินกว่าที่ตารางผลการประเมินมีได้ (ไม่เกิน ๓๐๐ คอลัมน์)"
    ]


def test_an_xlsx_cell_far_right_is_refused_not_read_as_thousands_of_columns(cast):
    """A cell in column XFD made every row 16,384 cells wide (2,000 rows of a 27 KB file: 40
    seconds and 360 MB for one preview); a row reaching past 1,000 columns is refused with
    its row, and a stray cell far right of one row no longer widens the others."""
    rows = [["ตัวชี้วัด", "คะแนน"], ["๙", "๘๒.๕๐"], ["คะแนนรวม", "๘๗.๓๐"], ["ระดับ", "A"]]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active.cell(row=3, column=16_384, value="x")
    buffer = io.BytesIO()
    book.save(buffer)
    assert run(cast, buffer.getvalue(), name="far.xlsx").errors == [
        "แถวที่ ๓ มีเซลล์ถึงคอลัมน์ที่ ๑๖,๓๘๔ เกินกว่าที่ระบบอ่านได้ (ไม่เกิน ๑,๐๐๐ คอลัมน์) "
        "กรุณาลบคอลัมน์ที่อยู่ท้ายตารางออกแล้วนำเข้าใหม่"
    ]
    rows[2] = rows[2] + [""] * 897 + ["หมายเหตุ"]  # column 900
    outcome = run(cast, xlsx(rows), name="near.xlsx")
    assert outcome.ok, outcome.errors
    assert outcome.results[0].total == Decimal("87.30")


def test_the_command_previews_with_dry_run_and_writes_without(cast, tmp_path, capsys):
    path = tmp_path / "results.csv"
    path.write_text(ONE_ORGANISATION, encoding="utf-8-sig")
    call_command("import_ita_results", str(path), "--org", "อบต.ทดลอง", "--assessment-year", "๒๕๖๖",
                 "--dry-run")  # fmt: skip
    assert "ตัวอย่าง (ยังไม่ได้บันทึก)" in capsys.readouterr().out
    assert AssessmentResult.objects.count() == 0
    call_command("import_ita_results", str(path), "--org", "อบต.ทดลอง", "--assessment-year", "2566")
    assert "นำเข้าแล้ว" in capsys.readouterr().out
    assert AssessmentResult.objects.get().total_score == Decimal("87.30")
    with pytest.raises(CommandError, match="ไม่พบปีการประเมิน ๒๕๖๐"):
        call_command("import_ita_results", str(path), "--org", "1", "--assessment-year", "2560")
    with pytest.raises(CommandError, match="พบข้อผิดพลาด ๑ รายการ"):
        call_command("import_ita_results", str(path), "--assessment-year", "2566")
    assert "ไฟล์ไม่มีคอลัมน์หน่วยงาน" in capsys.readouterr().err


def test_the_command_loads_many_organisations_without_org(cast, tmp_path, capsys):
    path = tmp_path / "province.csv"
    path.write_text(
        "หน่วยงาน,ตัวชี้วัด,คะแนน\nอบต.ทดลอง,คะแนนรวม,๘๐\nอบต.ทดลอง,ระดับ,B\n"
        "thodlong,๙,๗๐\nuen,คะแนนรวม,๙๕\nuen,ระดับ,AA\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="พบข้อผิดพลาด ๑ รายการ"):
        call_command("import_ita_results", str(path), "--assessment-year", "2566")
    assert "แถวที่ ๔: องค์การบริหารส่วนตำบลทดลอง ซ้ำกับแถวที่ ๒" in capsys.readouterr().err
    path.write_text(path.read_text().replace("thodlong,", "อบต.ทดลอง,"), encoding="utf-8")
    call_command("import_ita_results", str(path), "--assessment-year", "2566")
    assert AssessmentResult.objects.count() == 2
    assert SYSTEM.is_superuser


def test_two_people_saving_the_same_new_result_at_once_is_said_and_nothing_is_half_saved(
    cast, monkeypatch
):
    real = services.bulk_create_with_history
    year = AssessmentYear.objects.get(year=2566)

    def someone_else_first(objs, model, **kwargs):
        if model is AssessmentResult:  # the other request's row lands between read and write
            AssessmentResult.objects.create(organisation=cast.home, assessment_year=year)
        return real(objs, model, **kwargs)

    monkeypatch.setattr(services, "bulk_create_with_history", someone_else_first)
    with pytest.raises(Refusal, match="มีผู้อื่นบันทึกผลการประเมินนี้พร้อมกัน"):
        run(cast, ONE_ORGANISATION, confirm=True)
    assert AssessmentResult.objects.count() == 0 and IndicatorScore.objects.count() == 0
