from django import forms
from django.forms.widgets import SelectDateWidget

from thai.dates import THAI_MONTHS, buddhist_year
from thai.digits import thai_digits

from .models import Report
from .workflow import DEFAULT_ACKNOWLEDGEMENT


class BuddhistEraDateWidget(SelectDateWidget):
    """Day, Thai month and Buddhist-era year; the value stays a Gregorian date."""

    def __init__(self, **kwargs):
        from django.utils import timezone

        this_year = timezone.localdate().year
        super().__init__(years=range(this_year - 6, this_year + 2), months=THAI_MONTHS, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget in context["widget"]["subwidgets"]:
            for _, options, _ in subwidget["optgroups"]:
                for option in options:
                    if option["value"] == "":
                        continue
                    if subwidget["name"].endswith("_year"):
                        option["label"] = thai_digits(buddhist_year(int(option["value"])))
                    elif subwidget["name"].endswith("_day"):
                        option["label"] = thai_digits(option["label"])
        return context


class MemoForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "department", "phone", "document_number", "memo_date", "subject", "addressee",
            "body", "closing", "author_name", "author_position",
        ]  # fmt: skip
        widgets = {
            "memo_date": BuddhistEraDateWidget(),
            "body": forms.Textarea(attrs={"rows": 12}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "department": forms.Textarea(attrs={"rows": 2}),
        }


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="ความเห็น", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label="ความเห็น", initial=DEFAULT_ACKNOWLEDGEMENT, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveForm(forms.Form):
    """The chief administrator's comment, one follow-up direction per measure, and the decision."""

    comment = forms.CharField(
        label="ความเห็น", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label="เหตุผลที่ส่งกลับ (เมื่อส่งกลับให้แก้ไข)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"follow_up_{row['number']}"] = forms.CharField(
                label=f"การกำกับติดตาม ข้อ {thai_digits(row['number'])}",
                required=False,
                initial=row.get("follow_up", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def follow_ups(self) -> dict[int, str]:
        return {row["number"]: self.cleaned_data[f"follow_up_{row['number']}"] for row in self.rows}

    def follow_up_fields(self):
        return [(row, self[f"follow_up_{row['number']}"]) for row in self.rows]
