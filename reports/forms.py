from django import forms

from measures.limits import FOLLOW_UP_MAX
from measures.models import FiscalYear
from organisations import access
from thai.digits import thai_digits
from thai.fiscal import Period
from thai.widgets import BuddhistEraDateWidget

from .models import COMMENT_MAX, MEMO_FIELDS, Report
from .workflow import DEFAULT_ACKNOWLEDGEMENT


class NewReportForm(forms.Form):
    """A new draft for a plan the person keeps: the report of one of its periods, or the plan's
    own announcement."""

    fiscal_year = forms.ModelChoiceField(
        queryset=FiscalYear.objects.none(), widget=forms.HiddenInput
    )
    kind = forms.ChoiceField(
        # The analysis starts from the results it reads (reports/views/analysis.py).
        choices=[(Report.Kind.REPORT, ""), (Report.Kind.PLAN, "")],
        initial=Report.Kind.REPORT,
        widget=forms.HiddenInput,
        required=False,
    )
    period = forms.TypedChoiceField(
        choices=Period.choices,
        coerce=int,
        widget=forms.HiddenInput,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Plans of other organisations are not found; who may create is the writer's question.
        plans = FiscalYear.objects.filter(organisation__in=access.readable_organisations(user))
        self.fields["fiscal_year"].queryset = plans.select_related("organisation")

    def clean(self):
        cleaned = super().clean()
        cleaned["kind"] = cleaned.get("kind") or Report.Kind.REPORT
        if cleaned["kind"] == Report.Kind.REPORT and cleaned.get("period") is None:
            self.add_error("period", "กรุณาเลือกรอบการรายงาน")
        return cleaned


class MemoForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = MEMO_FIELDS
        widgets = {
            "memo_date": BuddhistEraDateWidget(),
            "body": forms.Textarea(attrs={"rows": 12}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "department": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A memo has them; the plan's announcement does not (the model allows both).
        self.fields["department"].required = True
        self.fields["addressee"].required = True


class AnnouncementForm(forms.ModelForm):
    """The plan's announcement (ประกาศ): its subject, text, closing line and date."""

    class Meta:
        model = Report
        fields = ["subject", "body", "closing", "memo_date"]
        labels = {"memo_date": "ประกาศ ณ วันที่"}
        widgets = {
            "memo_date": BuddhistEraDateWidget(),
            "body": forms.Textarea(attrs={"rows": 10}),
            "subject": forms.Textarea(attrs={"rows": 2}),
        }


def memo_form_class(report):
    return AnnouncementForm if report.is_plan else MemoForm


def comment_field(label, *, required=False, initial=None, rows=3):
    return forms.CharField(
        label=label,
        required=required,
        initial=initial,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def password_field(*, required=True):
    return forms.CharField(
        label="รหัสผ่านของท่าน (ยืนยันการลงนาม)",
        required=required,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="การลงนามในระบบใช้รหัสผ่านเดียวกับการเข้าสู่ระบบ",
    )


class SignForm(forms.Form):
    """A signing act with nothing to write: submitting, and signing an announcement."""

    password = password_field()


class CommentForm(forms.Form):
    action = "ลงนามความเห็น"
    comment = comment_field("ความเห็น")
    password = password_field()


class AcknowledgeForm(forms.Form):
    action = "ลงนามรับทราบ"
    comment = comment_field("ความเห็น", required=True, initial=DEFAULT_ACKNOWLEDGEMENT, rows=2)
    password = password_field()


class ApproveForm(forms.Form):
    """The chief administrator's comment, one follow-up direction per measure (and a mark for
    the measures to be corrected when returning), and the decision. Only the directions the
    form sends change (a form without them, or showing only some measures, changes the rest
    of none)."""

    decision = forms.ChoiceField(
        choices=[("approve", "อนุมัติ"), ("return", "ส่งกลับให้แก้ไข")], required=False
    )
    comment = comment_field("ความเห็น")
    reason = comment_field("เหตุผลที่ส่งกลับ (เมื่อส่งกลับให้แก้ไข)")
    password = password_field(required=False)

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            written = thai_digits(row.get("label") or row["number"])
            self.fields[self._name(row)] = forms.CharField(
                label=f"การกำกับติดตาม ข้อ {written}",
                required=False,
                max_length=FOLLOW_UP_MAX,
                initial=row.get("follow_up", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[self._mark(row)] = forms.BooleanField(
                label=f"ให้ส่วนราชการแก้ไขข้อ {written} (เมื่อส่งกลับ)",
                required=False,
            )

    @staticmethod
    def _name(row):
        return f"follow_up_{row['number']}"

    @staticmethod
    def _mark(row):
        return f"mark_{row['number']}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "กรุณาระบุเหตุผลที่ส่งกลับ")
        if cleaned.get("decision") != "return":
            if not cleaned.get("password"):
                self.add_error("password", "กรุณาใส่รหัสผ่านเพื่อลงนามอนุมัติ")
            if self.marked():
                self.add_error(
                    None,
                    "มาตรการที่ทำเครื่องหมายให้แก้ไขใช้เมื่อส่งกลับเท่านั้น ถ้าจะอนุมัติ กรุณาเอาเครื่องหมายออก",
                )
        return cleaned

    @property
    def action(self) -> str:
        """What the person meant to do, for the message when it did not happen."""
        return "ส่งกลับ" if self.data.get(self.add_prefix("decision")) == "return" else "ลงนามอนุมัติ"

    def marked(self) -> list[int]:
        """The numbers of the measures marked for correction."""
        return [row["number"] for row in self.rows if self.cleaned_data.get(self._mark(row))]

    @property
    def signs(self) -> bool:
        return self.cleaned_data.get("decision") != "return"

    def follow_ups(self) -> dict[int, str]:
        return {
            row["number"]: self.cleaned_data[self._name(row)]
            for row in self.rows
            if self.add_prefix(self._name(row)) in self.data
        }

    def measure_fields(self):
        """Each measure's row with its direction and its mark."""
        return [(row, self[self._name(row)], self[self._mark(row)]) for row in self.rows]
