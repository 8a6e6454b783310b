from django import forms

from assessments.models import AssessmentItem
from thai.digits import thai_digits

from .selectors import default_item, items_for

VERIFY_MAX_BYTES = 30 * 1024 * 1024


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"ITA {thai_digits(item.assessment_year.year)} – {item}"


class PublishForm(forms.Form):
    """The item the document answers: those its kind, fiscal year and period answer are offered
    (assessments.rules), the first preselected. A posted item outside them still goes to the
    publishing service, whose refusal says what the item asks for."""

    item = ItemChoiceField(
        label="ข้อการประเมิน ITA ที่ใช้เอกสารนี้ตอบ",
        queryset=AssessmentItem.objects.none(),
        required=False,
        empty_label="(ไม่ระบุ)",
    )

    def __init__(self, *args, document, publication=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        if self.is_bound:
            field.queryset = AssessmentItem.objects.select_related("assessment_year")
        elif publication is not None:  # filing a published document under another item
            field.queryset = items_for(document) | AssessmentItem.objects.filter(
                pk=publication.item_id
            )
            field.initial = publication.item_id
        else:
            field.queryset = items_for(document)
            field.initial = default_item(document)
        if not self.is_bound and not field.initial:
            field.help_text = (
                "ยังไม่มีข้อการประเมินที่ใช้เอกสารชนิดนี้ ปีงบประมาณนี้ และรอบนี้ตอบ "
                "เผยแพร่แบบไม่ระบุข้อได้ แล้วเลือกข้อภายหลังเมื่อผู้ดูแลระบบเพิ่มข้อของปีการประเมินแล้ว"
            )


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
