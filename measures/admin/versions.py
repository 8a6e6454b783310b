"""The admin's forms of versioned rows (progress entries, divisions' parts) carry the version
they were opened at, as the staff page does: a save of a row someone changed since is refused
with a Thai message, and what was typed stays in the form."""

from django import forms

CONFLICT = (
    "มีผู้อื่นบันทึกผลของมาตรการนี้หลังจากที่ท่านเปิดหน้านี้ กรุณาเปิดหน้านี้ใหม่เพื่อดูข้อความล่าสุด "
    "(ข้อความที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม คัดลอกไว้ก่อนได้)"
)


class OpenedVersionForm(forms.ModelForm):
    # Not `version`: the admin refuses a form field named like a non-editable model field.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # What a saved row keeps, and what the person is told who changes it ({field: message}).
    fixed: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        row = self.instance
        if row.pk and self.has_changed():
            current = type(row).objects.filter(pk=row.pk).values_list("version", flat=True)
            if cleaned.get("opened_version") != current.first():
                raise forms.ValidationError(CONFLICT)
            for name, message in self.fixed.items():
                if cleaned.get(name, getattr(row, name)) != getattr(row, name):
                    self.add_error(name, message)
        return cleaned
