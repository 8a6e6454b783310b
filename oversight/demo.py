"""The demo's neighbours, so that the supervisors' overview shows something: a few more
organisations in the demo's district (สุคิริน) and province (นราธิวาส), each with a small
plan of fiscal year ๒๕๖๖, ITA ๒๕๖๖ results (demo figures, not the real ones) and its plan
announcement and 6-month report in a different state (one organisation with both published,
others final, in review, draft or not started); due dates for ITA ๒๕๖๖'s items (demo dates,
so that some are overdue); and two supervisors who sign in: the province's and the
district's.

Everything goes through the writers and the review's workflow, acted by four shared demo
officials of the neighbours (accounts that cannot sign in). Only the published documents'
final PDFs are rendered (three), so the demo stays quick to load.
"""

import time
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from assessments.models import AssessmentItem, AssessmentYear
from assessments.services import ResultValues, results_write
from measures.models import FiscalYear, Measure
from measures.services.plan import measure_save, measure_set_divisions, measure_set_steps
from measures.services.progress import progress_save
from organisations.access import SYSTEM, PasswordConfirmation
from organisations.area_names import ensure_areas, place
from organisations.models import Division, Membership, Organisation, Role, Supervision
from organisations.services import membership_save
from organisations.supervision import supervision_grant, supervision_revoke
from publishing.services import document_publish
from reports import workflow
from reports.services import plan_document_create, report_create
from reports.stored_pdfs import stored_report_pdf

YEAR = 2566
PASSWORD = "ita-demo-2566"
# name, short name, slug, kind, district, ITA 2566 score, plan announcement's and 6-month
# report's state, the measures' statuses.
NEIGHBOURS = [
    (
        "องค์การบริหารส่วนตำบลมาโมง",
        "อบต.มาโมง",
        "mamong",
        "sao",
        "สุคิริน",
        "91.20",
        "published",
        "published",
        ["done", "done", "in_progress"],
    ),
    (
        "องค์การบริหารส่วนตำบลภูเขาทอง",
        "อบต.ภูเขาทอง",
        "phukhaothong",
        "sao",
        "สุคิริน",
        "84.10",
        "final",
        "in_review",
        ["done", "in_progress", "not_started"],
    ),
    (
        "องค์การบริหารส่วนตำบลร่มไทร",
        "อบต.ร่มไทร",
        "romsai",
        "sao",
        "สุคิริน",
        "72.50",
        "in_review",
        "draft",
        ["in_progress", "not_started", "not_started"],
    ),
    (
        "องค์การบริหารส่วนตำบลสุคิริน",
        "อบต.สุคิริน",
        "sukhirin",
        "sao",
        "สุคิริน",
        None,
        "draft",
        None,
        ["not_started", "not_started", "not_started"],
    ),
    (
        "เทศบาลตำบลตากใบ",
        "ทต.ตากใบ",
        "takbai",
        "subdistrict_municipality",
        "ตากใบ",
        "88.75",
        "in_review",
        "published",
        ["done", "done", "done"],
    ),
    (
        "องค์การบริหารส่วนตำบลไพรวัน",
        "อบต.ไพรวัน",
        "phraiwan",
        "sao",
        "ตากใบ",
        "66.00",
        None,
        None,
        ["in_progress", "in_progress", "not_started"],
    ),
]
OFFICIALS = [
    ("demo-n-analyst", Role.ANALYST, "นักวิเคราะห์นโยบายและแผน (ตัวอย่าง)"),
    ("demo-n-head", Role.HEAD_OF_OFFICE, "หัวหน้าสำนักปลัด (ตัวอย่าง)"),
    ("demo-n-chief", Role.CHIEF_ADMINISTRATOR, "ปลัด (ตัวอย่าง)"),
    ("demo-n-exec", Role.CHIEF_EXECUTIVE, "นายก (ตัวอย่าง)"),
]
DUE_DATES = {"plan": date(2023, 4, 30), "report": date(2023, 6, 30)}  # 30 เม.ย., 30 มิ.ย. 2566
SUPERVISORS = [
    ("supervisor-province", Supervision.Level.PROVINCE, "นางสาวปรียา กำกับดี", "ท้องถิ่นจังหวัดนราธิวาส"),
    ("supervisor-district", Supervision.Level.DISTRICT, "นายอดุล ดูแลถิ่น", "ท้องถิ่นอำเภอสุคิริน"),
]


@transaction.atomic
def load_demo_area() -> list[tuple[str, str]]:
    """Create the neighbours that are not there yet (those there are kept: their finished
    documents never change, and nobody but the operator can change the rest) and the
    supervisors; returns (username, what) of the supervisors' logins."""
    ensure_areas()
    there = set(Organisation.objects.values_list("short_name", flat=True))
    assessment_year = AssessmentYear.objects.filter(year=YEAR).first()
    if assessment_year is not None:
        for item in assessment_year.items.all():
            if item.document_kind in DUE_DATES and item.due_date is None:
                AssessmentItem.objects.filter(pk=item.pk).update(
                    due_date=DUE_DATES[item.document_kind]
                )
    officials = _officials()
    for row in NEIGHBOURS:
        if row[1] not in there:
            _neighbour(row, officials, assessment_year)
    return _supervisors()


def _officials():
    User = get_user_model()
    officials = {}
    for username, role, name in OFFICIALS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
        user.set_unusable_password()
        user.save()
        officials[role] = (user, name)
    return officials


def _neighbour(row, officials, assessment_year):
    name, short, slug, kind, district, score, plan_state, report_state, statuses = row
    province, district = place("นราธิวาส", district)
    organisation = Organisation.objects.create(
        name=name, short_name=short, slug=slug, kind=kind, province=province, district=district
    )
    for role, (user, position) in officials.items():
        membership = Membership(
            organisation=organisation,
            role=role,
            display_name=user.first_name,
            position_title=position,
        )
        membership_save(membership=membership, username=user.username, divisions=[], by=SYSTEM)
    division = Division.objects.create(organisation=organisation, name="สำนักปลัด", order=1)
    plan = FiscalYear.objects.create(organisation=organisation, year=YEAR)
    for number, status in enumerate(statuses, 1):
        measure = measure_save(
            measure=Measure(
                fiscal_year=plan, number=number, title=f"มาตรการเผยแพร่ข้อมูลต่อสาธารณะ ข้อ {number}"
            ),
            by=SYSTEM,
        )
        measure_set_divisions(measure=measure, divisions=[division], all_divisions=False, by=SYSTEM)
        measure_set_steps(measure=measure, texts=["จัดทำและเผยแพร่ทางเว็บไซต์"], by=SYSTEM)
        result = "" if status == "not_started" else "ดำเนินการตามขั้นตอน (ข้อมูลตัวอย่าง)"
        progress_save(
            measure=measure,
            period=1,
            by=SYSTEM,
            version=None,
            status=status,
            result=result,
            follow_up="",
        )
    if score and assessment_year is not None:
        results_write(
            assessment_year=assessment_year,
            by=SYSTEM,
            values=[
                ResultValues(
                    organisation=organisation,
                    total_score=Decimal(score),
                    level=_level(assessment_year, Decimal(score)),
                )
            ],
        )
    analyst = officials[Role.ANALYST][0]
    if plan_state:
        _bring(plan_document_create(fiscal_year=plan, author=analyst), plan_state, officials)
    if report_state:
        _bring(report_create(fiscal_year=plan, period=1, author=analyst), report_state, officials)


def _level(assessment_year, score) -> str:
    levels = assessment_year.levels.exclude(min_score=None).order_by("-min_score")
    return next((level.label for level in levels if score >= level.min_score), "")


def _bring(document, state, officials):
    """The document up the chain as far as `state`, acted by the demo officials (the demo
    loader stands in for their password, as it does for every demo act)."""
    if state == "draft":
        return
    steps = [(Role.ANALYST, workflow.report_submit, {})]
    if state in ("final", "published"):
        steps += [
            (Role.HEAD_OF_OFFICE, workflow.report_comment, {"text": "เห็นควรอนุมัติ"}),
            (Role.CHIEF_ADMINISTRATOR, workflow.report_approve, {"text": "อนุมัติ"}),
            (Role.CHIEF_EXECUTIVE, workflow.report_acknowledge, {}),
        ]
    for role, act, extra in steps:
        user = officials[role][0]
        act(document, by=user, confirmation=PasswordConfirmation(user.pk, time.time()), **extra)
        document.refresh_from_db()
    if state == "published":
        stored_report_pdf(document)  # what the worker does after the acknowledgement
        document_publish(document=document, by=officials[Role.ANALYST][0])


def _supervisors():
    kiar_district = place("นราธิวาส", "สุคิริน")
    logins = []
    for username, level, name, position in SUPERVISORS:
        for held in Supervision.objects.filter(user__username=username):
            supervision_revoke(by=SYSTEM, supervision=held)  # granted again below
        area = (
            {"province": kiar_district[0]}
            if level == Supervision.Level.PROVINCE
            else {"district": kiar_district[1]}
        )
        user = supervision_grant(
            by=SYSTEM,
            username=username,
            level=level,
            display_name=name,
            position_title=position,
            **area,
        ).user
        user.set_password(PASSWORD)
        user.save()
        logins.append((username, f"{position} ({name})"))
    return logins
