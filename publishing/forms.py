from django import forms

from .models import AssessmentItem
from .selectors import default_item

VERIFY_MAX_BYTES = 30 * 1024 * 1024


class PublishForm(forms.Form):
    item = forms.ModelChoiceField(
        label="ข้อการประเมิน ITA ที่ใช้เอกสารนี้ตอบ",
        queryset=AssessmentItem.objects.none(),
        required=False,
        empty_label="(ไม่ระบุ)",
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AssessmentItem.objects.filter(
            assessment_year__year=document.fiscal_year.year
        )
        self.fields["item"].initial = default_item(document)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="เหตุผลที่ถอนการเผยแพร่ (แสดงต่อสาธารณะ)",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ PDF ที่ต้องการตรวจ",
        error_messages={"required": "กรุณาเลือกไฟล์", "empty": "ไฟล์ว่างเปล่า"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError("ไฟล์ใหญ่เกินกว่าเอกสารของระบบจะเป็นได้")
        return upload
