"""The analyst's plan page: bring a table in (preview, then confirm), take a plan out, and start
a new fiscal year from an earlier one."""

import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thai.digits import parse_int, thai_digits
from thai.fiscal import fiscal_year_of

from . import permissions
from .forms import ResultsPeriodField
from .models import FiscalYear, Organisation
from .plans import PlanNotEmpty, copy_plan, export_plan, import_plan

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PENDING_KEY = "pending_plan_import"


class YearField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year = parse_int(value)
        except ValueError:
            raise forms.ValidationError("ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น ๒๕๖๘") from None
        if not 2500 <= year <= 2800:
            raise forms.ValidationError("ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น ๒๕๖๘")
        return year


class ImportForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ตารางมาตรการ (.xlsx หรือ .csv)",
        help_text="หัวตาราง: มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ | ผลการดำเนินการ | หมายเหตุ",
        error_messages={"empty": "ไฟล์ว่างเปล่า", "required": "กรุณาเลือกไฟล์"},
    )
    year = YearField(label="นำเข้าเป็นแผนปีงบประมาณ (พ.ศ.)")
    period = ResultsPeriodField()


def _organisation(request, pk, rule) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rule(request.user, organisation):
        raise Http404("ไม่พบหน่วยงาน")
    return organisation


@login_required
def plans(request):
    sections = []
    for organisation in permissions.organisations(request.user, permissions.can_export_plan):
        sections.append(
            {
                "organisation": organisation,
                "years": organisation.fiscal_years.order_by("-year"),
                "can_import": permissions.can_import_plan(request.user, organisation),
                "import_form": ImportForm(
                    initial={"year": thai_digits(fiscal_year_of(timezone.localdate()))}
                ),
            }
        )
    return render(request, "measures/plans.html", {"sections": sections})


@login_required
def plan_export(request, pk):
    fiscal_year = get_object_or_404(FiscalYear.objects.select_related("organisation"), pk=pk)
    if not permissions.can_export_plan(request.user, fiscal_year.organisation):
        raise Http404("ไม่พบแผน")
    file_format = request.GET.get("format", "xlsx")
    if file_format not in CONTENT_TYPES:
        raise Http404("ไม่มีรูปแบบนี้")
    period = request.GET.get("period")
    content = export_plan(
        fiscal_year,
        period=int(period) if period in ("1", "2") else None,
        file_format=file_format,
        thai_digits=request.GET.get("digits") == "thai",
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = f"measures-{fiscal_year.organisation.pk}-{fiscal_year.year}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def plan_import(request, organisation_pk):
    organisation = _organisation(request, organisation_pk, permissions.can_import_plan)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "กรุณาตรวจสอบข้อมูลการนำเข้า")
        return render(
            request,
            "measures/plans.html",
            {"sections": [{"organisation": organisation, "can_import": True, "import_form": form}]},
        )
    upload = form.cleaned_data["file"]
    content = upload.read()
    outcome = import_plan(
        organisation=organisation,
        year=form.cleaned_data["year"],
        period=form.cleaned_data["period"],
        content=content,
        filename=upload.name,
    )
    token = None
    if outcome.ok:
        token = uuid.uuid4().hex
        _pending_path(token).write_bytes(content)
        request.session[PENDING_KEY] = {
            "token": token,
            "organisation": organisation.pk,
            "year": form.cleaned_data["year"],
            "period": form.cleaned_data["period"],
            "filename": upload.name,
        }
    return render(
        request,
        "measures/plan_import_preview.html",
        {
            "organisation": organisation,
            "outcome": outcome,
            "token": token,
            "year": form.cleaned_data["year"],
            "filename": upload.name,
        },
    )


@login_required
@require_POST
def plan_import_confirm(request, organisation_pk):
    organisation = _organisation(request, organisation_pk, permissions.can_import_plan)
    pending = request.session.get(PENDING_KEY) or {}
    token = request.POST.get("token", "")
    if pending.get("token") != token or pending.get("organisation") != organisation.pk:
        messages.error(request, "ไม่พบไฟล์ที่ตรวจแล้ว กรุณาเลือกไฟล์และตรวจสอบใหม่")
        return redirect("measures:plans")
    path = _pending_path(token)
    outcome = import_plan(
        organisation=organisation,
        year=pending["year"],
        period=pending["period"],
        content=path.read_bytes(),
        filename=pending["filename"],
        confirm=True,
    )
    path.unlink(missing_ok=True)
    del request.session[PENDING_KEY]
    if not outcome.written:
        messages.error(request, "ไม่ได้นำเข้า: ข้อมูลเปลี่ยนไประหว่างตรวจสอบ กรุณาตรวจสอบใหม่")
        return render(
            request,
            "measures/plan_import_preview.html",
            {"organisation": organisation, "outcome": outcome, "year": pending["year"]},
        )
    messages.success(
        request, f"นำเข้าแผนปีงบประมาณ {thai_digits(pending['year'])} แล้ว: {outcome.summary}"
    )
    return redirect("measures:plans")


def _pending_path(token) -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{token}.upload"


@login_required
@require_POST
def plan_copy(request, pk):
    source = get_object_or_404(FiscalYear.objects.select_related("organisation"), pk=pk)
    if not permissions.can_edit_plan(request.user, source):
        raise Http404("ไม่พบแผน")
    try:
        year = YearField().clean(request.POST.get("year", ""))
        target = copy_plan(source=source, year=year)
    except forms.ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PlanNotEmpty as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            f"เริ่มแผนปีงบประมาณ {thai_digits(target.year)} จากปี {thai_digits(source.year)} แล้ว "
            f"({thai_digits(target.measures.count())} มาตรการ)",
        )
    return redirect("measures:plans")
