"""A small cast for the rules: two organisations and a handful of people, each named for what
they do, so that a test reads as a story.

อบต.ทดลอง (home): divisions คลัง and ช่าง; a plan of 2566 with three measures:
  1 answered for by คลัง, 2 by ช่าง, 3 by every division (ทุกกอง), each with a result.
  bob     staff of คลัง           carol  staff of ช่าง
  alice   planning analyst         sam    site admin (may open the admin)
  henry   head of the office       chief  chief administrator (ปลัด)
  mayor   chief executive (นายก)
ทต.อื่น (away): olivia its planning analyst, oscar its staff and otto its chief administrator,
who must see nothing of home.
home is in อำเภอเมืองยะลา จังหวัดยะลา, away in อำเภอเมืองปัตตานี จังหวัดปัตตานี. Supervisors, who
hold no role in any organisation and only read: dina oversees home's district, paul home's
province, nora the whole deployment; pita oversees ปัตตานี (away's province, not home's).
"""

import io
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from measures.models import FiscalYear, Measure
from measures.services.plan import measure_save, measure_set_divisions, measure_set_steps
from measures.services.progress import progress_save
from organisations.access import SYSTEM
from organisations.area_names import ensure_areas, place
from organisations.models import (
    Deployment,
    Division,
    Membership,
    Organisation,
    Role,
    StepKind,
    Supervision,
)
from reports.services import report_create

PASSWORD = "pw-for-tests-only"


@dataclass
class Cast:
    home: Organisation
    away: Organisation
    plan: FiscalYear
    measures: dict
    people: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["people"][name]
        except KeyError:
            raise AttributeError(name) from None

    def draft(self, period=1):
        return report_create(fiscal_year=self.plan, period=period, author=self.people["alice"])

    def finish(self, report=None, **texts):
        """The document (a new draft of the first half's report if none) up the whole chain:
        alice submits, henry comments, chief approves, mayor acknowledges."""
        return advance(report or self.draft(), **texts)


def holder(organisation, role):
    """The person who holds the role in the organisation (the first, if several do)."""
    membership = Membership.objects.filter(organisation=organisation, role=role).order_by("pk")
    return membership.select_related("user").first().user


def advance(
    report, through=StepKind.ACKNOWLEDGE, *, comment="เห็นควรอนุมัติ", approval="อนุมัติ", follow_ups=None
):
    """The document taken on from where it is, as its people would: the analyst submits a draft
    (or a returned one), then the holder of each step it waits for comments, approves (with
    `follow_ups`) or acknowledges, until the step of kind `through` is done ("submit": only
    submitted). Works for any cast (tests/cast.py's, the demo's)."""
    from reports import workflow
    from reports.models import ReportState
    from reports.permissions import waiting_step
    from tests.signing import confirmed

    organisation = report.organisation
    report.refresh_from_db()
    if report.state in (ReportState.DRAFT, ReportState.RETURNED):
        analyst = holder(organisation, Role.ANALYST)
        workflow.report_submit(report, by=analyst, confirmation=confirmed(analyst))
    acts = {
        StepKind.COMMENT: partial(workflow.report_comment, text=comment),
        StepKind.APPROVE: partial(workflow.report_approve, text=approval, follow_ups=follow_ups),
        StepKind.ACKNOWLEDGE: workflow.report_acknowledge,
    }
    done = "submit"
    while done != through:
        report.refresh_from_db()
        step = waiting_step(report)
        if step is None:
            break
        person = holder(organisation, step.role)
        acts[step.kind](report, by=person, confirmation=confirmed(person))
        done = step.kind
    report.refresh_from_db()
    return report


def person(organisation, username, role, divisions=(), *, staff_status=False):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username, is_staff=staff_status
    )
    membership = Membership.objects.create(
        user=user,
        organisation=organisation,
        role=role,
        display_name=f"{username} ทดสอบ",
        position_title=f"ตำแหน่งของ {username}",
    )
    membership.divisions.set(divisions)
    return user


def supervisor(username, level, **area):
    """A person who oversees an area, granted as the operator grants it."""
    from organisations.supervision import supervision_grant

    supervision = supervision_grant(
        by=SYSTEM, username=username, level=level, display_name=f"{username} ผู้กำกับดูแล",
        position_title="ท้องถิ่นจังหวัด", **area,
    )  # fmt: skip
    user = supervision.user
    user.set_password(PASSWORD)
    user.save()
    return user


def garuda_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 140), (160, 30, 30, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def build_cast() -> Cast:
    # The deployment's operator has set the Garuda for every organisation.
    deployment = Deployment.get_solo()
    deployment.emblem = SimpleUploadedFile("garuda.png", garuda_png())
    deployment.save()
    ensure_areas()
    yala, mueang_yala = place("ยะลา", "เมือง")
    pattani, mueang_pattani = place("ปัตตานี", "เมือง")
    home = Organisation.objects.create(
        name="องค์การบริหารส่วนตำบลทดลอง",
        short_name="อบต.ทดลอง",
        kind=Organisation.Kind.SAO,
        province=yala,
        district=mueang_yala,
        slug="thodlong",
    )
    klang = Division.objects.create(organisation=home, name="คลัง", order=1)
    chang = Division.objects.create(organisation=home, name="ช่าง", order=2)
    away = Organisation.objects.create(
        name="เทศบาลตำบลอื่น",
        short_name="ทต.อื่น",
        kind=Organisation.Kind.SUBDISTRICT_MUNICIPALITY,
        province=pattani,
        district=mueang_pattani,
        slug="uen",
    )
    away_division = Division.objects.create(organisation=away, name="สำนักปลัด", order=1)
    people = {
        "bob": person(home, "bob", Role.STAFF, [klang]),
        "carol": person(home, "carol", Role.STAFF, [chang]),
        "alice": person(home, "alice", Role.ANALYST, staff_status=True),
        "sam": person(home, "sam", Role.SITE_ADMIN, staff_status=True),
        "henry": person(home, "henry", Role.HEAD_OF_OFFICE),
        "chief": person(home, "chief", Role.CHIEF_ADMINISTRATOR),
        "mayor": person(home, "mayor", Role.CHIEF_EXECUTIVE),
        "olivia": person(away, "olivia", Role.ANALYST, staff_status=True),
        "oscar": person(away, "oscar", Role.STAFF, [away_division]),
        "otto": person(away, "otto", Role.CHIEF_ADMINISTRATOR),
        "dina": supervisor("dina", Supervision.Level.DISTRICT, district=mueang_yala),
        "paul": supervisor("paul", Supervision.Level.PROVINCE, province=yala),
        "nora": supervisor("nora", Supervision.Level.NATION),
        "pita": supervisor("pita", Supervision.Level.PROVINCE, province=pattani),
    }
    plan = FiscalYear.objects.create(organisation=home, year=2566)
    measures = {}
    for number, (divisions, every) in enumerate(
        [([klang], False), ([chang], False), ([], True)], 1
    ):
        measure = measure_save(
            measure=Measure(fiscal_year=plan, number=number, title=f"มาตรการทดลองข้อ {number}"),
            by=SYSTEM,
        )
        measure_set_divisions(measure=measure, divisions=divisions, all_divisions=every, by=SYSTEM)
        measure_set_steps(measure=measure, texts=[f"ขั้นตอนของข้อ {number}"], by=SYSTEM)
        progress_save(
            measure=measure,
            period=1,
            by=SYSTEM,
            version=None,
            status="in_progress",
            result=f"ผลของข้อ {number}",
            follow_up="",
        )
        measures[number] = measure
    return Cast(home=home, away=away, plan=plan, measures=measures, people=people)
