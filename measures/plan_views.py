"""The analyst's plan page: bring a table in (preview, then confirm), take a plan out, and start
a new fiscal year from an earlier one."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisations import access
from organisations.models import Organisation
from organisations.pending_uploads import ConfirmForm, keep_pending, take_pending
from organisations.refusals import Refusal, show_refusal
from organisations.table_files import size_refusal
from thai.digits import parse_int, thai_digits
from thai.fiscal import Period, fiscal_year_of
from thai.widgets import FilePicker

from . import permissions
from .forms import ResultsPeriodField
from .models import FiscalYear
from .plans import plan_export, plan_import
from .services.plan import plan_copy

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
        if len(value) > 10:
            raise forms.ValidationError("ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น ๒๕๖๘")
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
        widget=FilePicker,
        help_text="หัวตาราง: มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ | ผลการดำเนินการ | หมายเหตุ",
        error_messages={"empty": "ไฟล์ว่างเปล่า", "required": "กรุณาเลือกไฟล์"},
    )
    year = YearField(label="นำเข้าเป็นแผนปีงบประมาณ (พ.ศ.)")
    period = ResultsPeriodField()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if too_large := size_refusal(upload.size, settings.PLAN_IMPORT_MAX_BYTES):
            raise forms.ValidationError(too_large)
        return upload


class ExportForm(forms.Form):
    """What to take out; the file's format is the button pressed (`format`)."""

    format = forms.ChoiceField(choices=[("xlsx", "Excel"), ("csv", "CSV")], required=False)
    period = forms.TypedChoiceField(
        label="ผลการดำเนินการของ",
        choices=[*Period.choices, ("", "ไม่รวมผล")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    digits = forms.BooleanField(label="ใช้เลขไทย", required=False)


class CopyForm(forms.Form):
    year = YearField(
        label="เริ่มแผนปีงบประมาณใหม่จากปีนี้ (คัดลอกมาตรการ ขั้นตอน ผู้รับผิดชอบ ไม่รวมผล)",
        error_messages={"required": "กรุณาระบุปีงบประมาณ"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def _organisation(request, pk, rule) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not rule(request.user, organisation):
        raise Http404("ไม่พบหน่วยงาน")
    return organisation


@login_required
def plans(request):
    sections = []
    for organisation in access.member_organisations(request.user, permissions.can_export_plan):
        years = [
            {
                "fiscal_year": fiscal_year,
                "export_form": ExportForm(auto_id=f"export-{fiscal_year.pk}-%s"),
                "copy_form": CopyForm(
                    auto_id=f"copy-{fiscal_year.pk}-%s",
                    initial={"year": thai_digits(fiscal_year.year + 1)},
                ),
            }
            for fiscal_year in organisation.fiscal_years.annotate(
                measure_total=Count("measures")
            ).order_by("-year")
        ]
        sections.append(
            {
                "organisation": organisation,
                "years": years,
                "can_import": permissions.can_edit_plan(request.user, organisation),
                "import_form": ImportForm(
                    initial={"year": thai_digits(fiscal_year_of(timezone.localdate()))}
                ),
            }
        )
    return render(request, "measures/plans.html", {"sections": sections})


@login_required
def plan_export_view(request, pk):
    fiscal_year = get_object_or_404(FiscalYear.objects.select_related("organisation"), pk=pk)
    if not permissions.can_export_plan(request.user, fiscal_year.organisation):
        raise Http404("ไม่พบแผน")
    form = ExportForm(request.GET)
    if not form.is_valid():
        raise Http404("ไม่มีรูปแบบนี้")
    file_format = form.cleaned_data["format"] or "xlsx"
    content = plan_export(
        fiscal_year,
        period=form.cleaned_data["period"],
        file_format=file_format,
        thai_digits=form.cleaned_data["digits"],
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    name = f"measures-{fiscal_year.organisation.pk}-{fiscal_year.year}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def plan_import_view(request, organisation_pk):
    organisation = _organisation(request, organisation_pk, permissions.can_edit_plan)
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
    outcome = plan_import(
        organisation=organisation,
        year=form.cleaned_data["year"],
        period=form.cleaned_data["period"],
        content=content,
        filename=upload.name,
        by=request.user,
    )
    token = None
    if outcome.ok:
        token = keep_pending(content)
        request.session[PENDING_KEY] = {
            "token": token,
            "organisation": organisation.pk,
            "year": form.cleaned_data["year"],
            "period": form.cleaned_data["period"],
            "filename": upload.name[-200:],
        }
    return render(
        request,
        "measures/plan_import_preview.html",
        {
            "organisation": organisation,
            "outcome": outcome,
            "token": token,
            "confirm_form": ConfirmForm(initial={"token": token}) if token else None,
            "year": form.cleaned_data["year"],
            "filename": upload.name,
        },
    )


@login_required
@require_POST
def plan_import_confirm(request, organisation_pk):
    organisation = _organisation(request, organisation_pk, permissions.can_edit_plan)
    pending = request.session.get(PENDING_KEY) or {}
    form = ConfirmForm(request.POST)
    content = None
    if (
        form.is_valid()
        and pending.get("token") == form.cleaned_data["token"]
        and pending.get("organisation") == organisation.pk
    ):
        content = take_pending(pending["token"])
    if content is None:
        messages.error(request, "ไม่พบไฟล์ที่ตรวจแล้ว (หรือเกินเวลายืนยัน) กรุณาเลือกไฟล์และตรวจสอบใหม่")
        return redirect("measures:plans")
    del request.session[PENDING_KEY]
    try:
        outcome = plan_import(
            organisation=organisation,
            year=pending["year"],
            period=pending["period"],
            content=content,
            filename=pending["filename"],
            by=request.user,
            confirm=True,
        )
    except Refusal as refusal:
        show_refusal(request, refusal)
        return redirect("measures:plans")
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


@login_required
@require_POST
def plan_copy_view(request, pk):
    source = get_object_or_404(FiscalYear.objects.select_related("organisation"), pk=pk)
    if not permissions.can_edit_plan(request.user, source.organisation):
        raise Http404("ไม่พบแผน")
    form = CopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["year"]))
        return redirect("measures:plans")
    try:
        target = plan_copy(source=source, year=form.cleaned_data["year"], by=request.user)
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(
            request,
            f"เริ่มแผนปีงบประมาณ {thai_digits(target.year)} จากปี {thai_digits(source.year)} แล้ว "
            f"({thai_digits(target.measures.count())} มาตรการ)",
        )
    return redirect("measures:plans")
