import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from measures.models import Measure, MeasureStep, ProgressEntry
from organisations.models import Membership, Organisation
from oversight.demo import NEIGHBOURS

pytestmark = pytest.mark.django_db


def plan_as_in_database(organisation):
    measures = Measure.objects.filter(fiscal_year__organisation=organisation).prefetch_related(
        "divisions", "steps", "progress_entries"
    )
    return [
        {
            "number": measure.number,
            "title": measure.title,
            "steps": [step.text for step in measure.steps.all()],
            "divisions": (
                ["ทุกกอง"] if measure.all_divisions else [d.name for d in measure.divisions.all()]
            ),
            "status": measure.progress_entries.get(period=1).status,
            "result": measure.progress_entries.get(period=1).result,
            "follow_up": measure.progress_entries.get(period=1).follow_up,
        }
        for measure in measures.order_by("number")
    ]


def test_load_demo_twice_leaves_exactly_the_seed(demo_data, capsys):
    call_command("load_demo")
    call_command("load_demo")

    # The seed once, beside the neighbours the supervisors' overview shows (oversight/demo.py).
    assert Organisation.objects.count() == 1 + len(NEIGHBOURS)
    organisation = Organisation.objects.get(short_name="อบต.เกียร์")
    assert organisation.name == "องค์การบริหารส่วนตำบลเกียร์"
    assert organisation.district.name == "สุคิริน"
    assert organisation.location == "อำเภอสุคิริน จังหวัดนราธิวาส"
    assert [d.name for d in organisation.divisions.all()] == [
        "สำนักปลัด",
        "กองคลัง",
        "กองช่าง",
        "กองการศึกษา ศาสนาและวัฒนธรรม",
    ]
    assert Measure.objects.filter(fiscal_year__organisation=organisation).count() == 17
    assert MeasureStep.objects.filter(
        measure__fiscal_year__organisation=organisation
    ).count() == sum(len(m["steps"]) for m in demo_data["plan"]["measures"])
    assert (
        ProgressEntry.objects.filter(measure__fiscal_year__organisation=organisation).count() == 17
    )
    expected = [
        {
            key: row[key]
            for key in ("number", "title", "steps", "divisions", "status", "result", "follow_up")
        }
        for row in demo_data["plan"]["measures"]
    ]
    assert plan_as_in_database(organisation) == expected


def test_the_seed_is_repaired_of_its_ocr_damage(demo):
    every_text = " ".join(
        [m.title for m in Measure.objects.all()]
        + [s.text for s in MeasureStep.objects.all()]
        + [e.result + e.follow_up for e in ProgressEntry.objects.all()]
    )
    for damage in ["เกี๋ย", "อยู่ ใน ระหว่าง", "๑ ๒ ๓ ๔ ๕", "พิจารณาดี ความชอบ", "<p>", "สุคริน"]:
        assert damage not in every_text
    assert Measure.objects.get(number=15).responsible_label == "สำนักปลัด/กองคลัง/กองช่าง/กองการศึกษาฯ"
    assert Measure.objects.get(number=3).responsible_label == "ทุกกอง"
    assert Measure.objects.get(number=9).steps.count() == 10


def test_load_demo_resets_changes_to_the_seed(demo):
    measure = Measure.objects.get(number=1)
    measure.title = "แก้ไขแล้ว"
    measure.save()
    measure.steps.get(position=1).delete()
    call_command("load_demo")
    measure.refresh_from_db()
    assert measure.title.startswith("การเผยแพร่ข้อมูล")
    assert measure.steps.count() == 2


def test_keep_existing_leaves_the_users_work_alone(demo):
    entry = ProgressEntry.objects.get(measure__number=1, period=1)
    entry.result = "งานที่ผู้ใช้บันทึกไว้"
    entry.save()
    call_command("load_demo", keep_existing=True)
    entry.refresh_from_db()
    assert entry.result == "งานที่ผู้ใช้บันทึกไว้"


def test_it_creates_one_demo_user_for_every_role_and_prints_the_logins(demo_data, capsys):
    call_command("load_demo")
    output = capsys.readouterr().out
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    staff_divisions = {
        division.name
        for membership in Membership.objects.filter(role=Membership.Role.STAFF)
        for division in membership.divisions.all()
    }
    assert len(staff_divisions) == 4
    password = demo_data["people"]["password"]
    for person in demo_data["people"]["users"]:
        assert person["username"] in output
        assert get_user_model().objects.get(username=person["username"]).check_password(password)
    assert password in output
    assert "ทดลองใช้เท่านั้น" in output
