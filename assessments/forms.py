"""The results page's forms: the result typed by hand, and a table file to preview."""

from django import forms
from django.conf import settings

from organisations.table_files import size_refusal
from thai.digits import thai_digits
from thai.widgets import FilePicker

from .models import LEVEL_MAX, AssessmentYear
from .scores import check_level, parse_score

TABLE_HELP = (
    "หัวตาราง ตัวชี้วัด | คะแนน พร้อมแถว คะแนนรวม และ ระดับ "
    "(หรือ หน่วยงาน | คะแนนรวม | ระดับ | คอลัมน์ละหนึ่งตัวชี้วัด) เลขไทยหรือเลขอารบิกก็ได้"
)


class ScoreField(forms.CharField):
    """A score in Thai or Arabic digits, 0–100 with at most two decimals."""

    def __init__(self, **kwargs):
        # parse_score bounds the length; a max_length validator would see the Decimal.
        attrs = {"inputmode": "decimal", "size": 6, "maxlength": 12}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_score(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def shown(score) -> str:
    return thai_digits(score) if score is not None else ""


class ResultForm(forms.Form):
    """The total, the level (the year's levels, or free text while it names none) and one
    field per indicator of the year; an emptied indicator field removes its score."""

    total_score = ScoreField(label="คะแนนรวม", error_messages={"required": "กรุณากรอกคะแนนรวม"})

    def __init__(self, *args, indicators, levels, result=None, **kwargs):
        super().__init__(*args, **kwargs)
        held = {s.indicator_id: s.score for s in result.scores.all()} if result else {}
        if levels:
            choices = [("", "— เลือกระดับ —"), *[(label, label) for label in levels]]
            self.fields["level"] = forms.ChoiceField(
                label="ระดับผลการประเมิน",
                choices=choices,
                error_messages={"invalid_choice": "ไม่มีระดับ “%(value)s” ในปีการประเมินนี้"},
            )
        else:
            self.fields["level"] = forms.CharField(label="ระดับผลการประเมิน", max_length=LEVEL_MAX)
        self.fields["level"].error_messages["required"] = "กรุณาระบุระดับผลการประเมิน"
        self.levels = levels
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"score_{indicator.pk}"] = ScoreField(label=str(indicator), required=False)
        if result is not None and not self.is_bound:
            self.initial = {
                "total_score": shown(result.total_score),
                "level": result.level,
                **{f"score_{pk}": shown(score) for pk, score in held.items()},
            }

    def clean_level(self):
        try:
            return check_level(self.cleaned_data["level"], self.levels)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def indicator_fields(self):
        return [(indicator, self[f"score_{indicator.pk}"]) for indicator in self.indicators]

    def scores(self) -> dict:
        return {i: self.cleaned_data[f"score_{i.pk}"] for i in self.indicators}


class ResultsFileForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ผลการประเมิน (.xlsx หรือ .csv)",
        widget=FilePicker,
        help_text=TABLE_HELP,
        error_messages={"empty": "ไฟล์ว่างเปล่า", "required": "กรุณาเลือกไฟล์"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if too_large := size_refusal(upload.size, settings.PLAN_IMPORT_MAX_BYTES):
            raise forms.ValidationError(too_large)
        return upload


class ManyResultsFileForm(ResultsFileForm):
    """The operator's table of many organisations (an organisation column), for one year."""

    assessment_year = forms.ModelChoiceField(
        label="ปีการประเมิน", queryset=AssessmentYear.objects.all(), empty_label=None
    )
    field_order = ["assessment_year", "file"]
