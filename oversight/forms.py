"""The overview's filters, read from the address (GET): each value checked, a bad one ignored
with the field's error shown, never a 500."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from assessments.models import AssessmentYear
from organisations.models import OrganisationKind
from thai.digits import thai_digits

from .overview import BANDS, SORTS, Filters


class PlainSelect(forms.Select):
    """A select written in one pass: Django's widget templates render a template per option,
    and the provinces' 77 options then cost more than the overview's queries."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class OverviewForm(forms.Form):
    year = forms.TypedChoiceField(label="ปีการประเมิน ITA", coerce=int, required=False)
    province = forms.ChoiceField(label="จังหวัด", required=False, widget=PlainSelect)
    district = forms.ChoiceField(label="อำเภอ", required=False, widget=PlainSelect)
    kind = forms.ChoiceField(
        label="ประเภทหน่วยงาน", required=False, choices=[("", "ทุกประเภท"), *OrganisationKind.choices]
    )
    overdue = forms.BooleanField(label="เฉพาะที่เกินกำหนด", required=False)
    band = forms.ChoiceField(
        label="ผลคะแนน", required=False, choices=[("", "ทุกระดับคะแนน"), *BANDS.items()]
    )
    sort = forms.ChoiceField(label="เรียงตาม", required=False, choices=list(SORTS.items()))
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data, *, provinces, districts):
        super().__init__(data)
        self.fields["year"].choices = [
            (year, f"ITA {thai_digits(year)}")
            for year in AssessmentYear.objects.values_list("year", flat=True)
        ]
        self.fields["province"].choices = [("", "ทุกจังหวัดในพื้นที่")] + [
            (p.code, p.name) for p in provinces
        ]
        self.fields["district"].choices = [("", "ทุกอำเภอ")] + [(d.code, d.name) for d in districts]

    def filters(self) -> Filters:
        self.is_valid()  # the fields that are valid keep their values; the others are ignored
        data = self.cleaned_data
        return Filters(
            province=data.get("province") or "",
            district=data.get("district") or "",
            kind=data.get("kind") or "",
            overdue=bool(data.get("overdue")),
            band=data.get("band") or "",
            sort=data.get("sort") or "name",
            page=data.get("page") or 1,
        )
