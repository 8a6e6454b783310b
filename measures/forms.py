from django import forms

from thai.digits import thai_digits
from thai.fiscal import Period
from thai.widgets import FilePicker

from . import limits
from .models import ProgressEntry
from .uploads import KINDS, check_evidence_file


class MineFilterForm(forms.Form):
    """Which measures the list shows: a year and period picked (else every period open for
    recording), and all of them or only the person's divisions'."""

    year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False, empty_value=None)
    period = forms.TypedChoiceField(
        label="รอบ",
        choices=[("", "ทุกรอบที่เปิดบันทึก"), *Period.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    all = forms.BooleanField(required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [
            ("", "ที่เปิดบันทึกอยู่"),
            *[(year, f"พ.ศ. {thai_digits(year)}") for year in years],
        ]


class EvidenceFileField(forms.FileField):
    """A file that may be evidence: checked by its content (measures/uploads.py)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_evidence_file(upload)
        return upload


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="สถานะ", choices=ProgressEntry.Status.choices, widget=forms.RadioSelect
    )
    result = forms.CharField(
        label="ผลการดำเนินการ",
        required=False,
        max_length=limits.RESULT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="สิ่งที่ทำไปแล้วในรอบนี้ ตามที่จะพิมพ์ในตารางรายงาน",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    evidence_file = EvidenceFileField(
        label="แนบไฟล์หลักฐาน",
        required=False,
        widget=FilePicker,
        help_text=f"{KINDS} ขนาดไม่เกิน ๑๐ MB",
        error_messages={
            "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่",
            "invalid": "ไม่ได้รับไฟล์ กรุณาเลือกไฟล์ใหม่",
        },
    )
    evidence_link = forms.URLField(
        label="หรือลิงก์หลักฐาน",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="เช่น หน้าเว็บไซต์ของหน่วยงานที่เผยแพร่ข้อมูล",
    )
    evidence_description = forms.CharField(label="คำอธิบายหลักฐาน", required=False, max_length=300)

    @classmethod
    def keeping_text(cls, data, *, version):
        """The person's own text again, to save over someone else's change (version)."""
        data = data.copy()
        data["version"] = version
        form = cls(data)
        form.is_valid()
        return form

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == ProgressEntry.Status.DONE
            and "result" in cleaned
            and not cleaned["result"].strip()
        ):
            self.add_error("result", "มาตรการที่ดำเนินการแล้ว กรุณาบันทึกผลการดำเนินการด้วย")
        return cleaned


class ResultsPeriodField(forms.TypedChoiceField):
    """Which reporting period the results in an imported table belong to, if any."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "ผลการดำเนินการในไฟล์เป็นของรอบ")
        super().__init__(
            choices=[("", "ไม่นำเข้าผลการดำเนินการ"), *Period.choices],
            coerce=int,
            empty_value=None,
            required=False,
            **kwargs,
        )
