"""Writes to reports other than the review's transitions (reports/workflow.py): a new draft
with the memo's defaults, and the analyst's edits of the memo."""

from django.db import transaction
from django.utils import timezone

from organisations.models import Role
from organisations.refusals import refuse, validated
from organisations.selectors import member_of, review_chain, signing_name
from thai.digits import thai_digits
from thai.fiscal import Period

from . import permissions
from .models import MEMO_FIELDS, Report, ReviewStep

DEFAULT_SUBJECT = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในหน่วยงาน"
PERIOD_PHRASE = {
    Period.FIRST_HALF: "ในช่วงครึ่งปีแรก",
    Period.FULL_YEAR: "ในรอบ ๑๒ เดือน",
}


def memo_header_fields(organisation) -> dict:
    """A memo's header as the planning unit writes it: its department, telephone, the
    document number's prefix, today's date and the chief executive as addressee."""
    chief_executive = member_of(organisation, Role.CHIEF_EXECUTIVE)
    prefix = organisation.document_prefix
    return {
        "department": f"งานนโยบายและแผน สำนักปลัด {organisation.name}",
        "phone": organisation.phone,
        "document_number": f"{prefix}/" if prefix else "",
        "memo_date": timezone.localdate(),
        "addressee": (
            chief_executive.position_title if chief_executive else f"นายก{organisation.name}"
        ),
    }


def default_memo_fields(fiscal_year, period) -> dict:
    """What the analyst would type, generated from the plan, to edit rather than write."""
    organisation = fiscal_year.organisation
    year = thai_digits(fiscal_year.year)
    previous_year = thai_digits(fiscal_year.year - 1)
    header = memo_header_fields(organisation)
    department = header["department"]
    body = "\n\n".join(
        [
            "๑. เรื่องเดิม",
            f"ตามที่{organisation.name} ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
            "ในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : ITA) "
            f"ประจำปีงบประมาณ พ.ศ. {previous_year} และได้กำหนดมาตรการ/แนวทางในการส่งเสริม"
            "คุณธรรมและความโปร่งใสของหน่วยงาน สำหรับการปฏิบัติงานในปีงบประมาณ "
            f"พ.ศ. {year} นั้น",
            f"ในการนี้ ส่วนราชการต่าง ๆ {organisation.name}ได้ดำเนินการนำมาตรการ/ข้อเสนอแนะ/"
            "วิธีการแก้ไข/ปรับปรุงการดำเนินงานมาถือปฏิบัติ เพื่อพัฒนาคุณธรรมและความโปร่งใส"
            f"ภายในหน่วยงานในปีงบประมาณ พ.ศ. {year} แล้ว {department} "
            f"จึงขอรายงานผลการดำเนินการตามมาตรการข้อเสนอแนะ{PERIOD_PHRASE[Period(period)]} "
            f"ปีงบประมาณ พ.ศ. {year} รายละเอียดตามเอกสารที่แนบมาพร้อมนี้",
        ]
    )
    return {**header, "subject": DEFAULT_SUBJECT, "body": body}


@transaction.atomic
def report_create(*, fiscal_year, period, author, **fields) -> Report:
    """A draft report with the memo's defaults and the organisation's chain of superiors."""
    refuse(permissions.create_refusal(author, fiscal_year))
    values = default_memo_fields(fiscal_year, period)
    values.update(fields)
    return _new_document(fiscal_year, author, kind=Report.Kind.REPORT, period=period, **values)


PLAN_CLOSING = "จึงประกาศมาเพื่อทราบโดยทั่วกัน"


def default_announcement_fields(fiscal_year) -> dict:
    """The plan's announcement (ประกาศ), as an analyst would start it."""
    organisation = fiscal_year.organisation
    year = thai_digits(fiscal_year.year)
    return {
        "subject": f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
        "body": (
            "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติได้กำหนดให้มีการประเมิน"
            "คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency "
            f"Assessment : ITA) {organisation.name} ได้วิเคราะห์ผลการประเมินประจำปีงบประมาณ "
            f"พ.ศ. {thai_digits(fiscal_year.year - 1)} แล้ว จึงกำหนดมาตรการส่งเสริมคุณธรรม"
            f"และความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year} ดังนี้"
        ),
        "closing": PLAN_CLOSING,
        "memo_date": timezone.localdate(),
    }


@transaction.atomic
def plan_document_create(*, fiscal_year, author) -> Report:
    """A draft of the plan's announcement, for the organisation's chain of superiors."""
    refuse(permissions.create_refusal(author, fiscal_year))
    fields = default_announcement_fields(fiscal_year)
    return _new_document(fiscal_year, author, kind=Report.Kind.PLAN, period=None, **fields)


def _new_document(fiscal_year, author, **fields) -> Report:
    """A draft signed by its author as they are named in the organisation, with its chain."""
    author_name, author_position = signing_name(author, fiscal_year.organisation, Role.ANALYST)
    report = Report(
        fiscal_year=fiscal_year,
        author=author,
        author_name=author_name,
        author_position=author_position,
        **fields,
    )
    validated(report)
    report.save()
    _create_review_steps(report)
    return report


def _create_review_steps(report):
    organisation = report.organisation
    for order, (role, kind) in enumerate(review_chain(organisation), start=1):
        signer = member_of(organisation, role)
        ReviewStep.objects.create(
            report=report,
            order=order,
            role=role,
            kind=kind,
            signer_name=signer.display_name if signer else "",
            signer_position=signer.position_title if signer else Role(role).label,
        )


@transaction.atomic
def report_update_memo(*, report, by, fields: dict) -> Report:
    """The analyst edits the memo while the report is a draft or was returned; only the fields
    given change."""
    report = (
        Report.objects.select_for_update()
        .select_related("fiscal_year__organisation")
        .get(pk=report.pk)
    )
    refuse(permissions.memo_refusal(by, report))
    for name in MEMO_FIELDS:
        if name in fields:
            setattr(report, name, fields[name])
    validated(report)
    report.save()
    return report
