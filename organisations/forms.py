"""Forms for a person's role: the admin's and the site admin's own page (เพิ่มบุคลากร). Both check
what the writer (organisations/services.py: membership_save) checks, with its own rules, so that
a refusal shows on its field with what was typed kept. And a person's own signature image."""

from django import forms
from django.core.exceptions import ValidationError

from thai.widgets import FilePicker

from .models import Membership
from .services import check_divisions, check_named_account, check_new_account
from .signature_images import MAX_BYTES, check_signature_image, drawing_bytes
from .widgets import SignaturePad


class MembershipForm(forms.ModelForm):
    """A person is named by their username: an existing account, or a new one with a first
    password. Nobody picks from a list of every account in the deployment."""

    username = forms.RegexField(
        label="ชื่อผู้ใช้ (สำหรับเข้าสู่ระบบ)",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . @ + - _"},
    )
    password = forms.CharField(
        label="รหัสผ่านเริ่มต้น (เฉพาะผู้ใช้ใหม่)",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="ผู้ใช้ใหม่ต้องเปลี่ยนรหัสผ่านนี้เมื่อเข้าสู่ระบบครั้งแรก",
    )
    email = forms.EmailField(label="อีเมล (เฉพาะผู้ใช้ใหม่)", required=False)
    # Who adds the person (the page and the admin set it): whose existing accounts they may name.
    by = None

    class Meta:
        model = Membership
        fields = ["organisation", "role", "display_name", "position_title", "divisions"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["username"].initial = self.instance.user.username
            self.fields["username"].disabled = True

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation", getattr(self.instance, "organisation", None))
        checks = [
            lambda: check_divisions(
                organisation=organisation,
                role=cleaned.get("role"),
                divisions=list(cleaned.get("divisions") or []),
            )
        ]
        if not self.instance.pk:
            checks.append(
                lambda: check_new_account(
                    username=cleaned.get("username", ""),
                    password=cleaned.get("password", ""),
                    email=cleaned.get("email", ""),
                )
            )
            if self.by is not None:
                checks.append(
                    lambda: check_named_account(username=cleaned.get("username", ""), by=self.by)
                )
        for check in checks:
            try:
                check()
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class PersonForm(MembershipForm):
    """เพิ่มบุคลากร: a new person (or a new role of an existing account) in one organisation, its
    divisions as a checkbox list."""

    class Meta(MembershipForm.Meta):
        fields = ["display_name", "position_title", "role", "divisions"]
        widgets = {"divisions": forms.CheckboxSelectMultiple}

    field_order = [
        "username",
        "password",
        "email",
        "display_name",
        "position_title",
        "role",
        "divisions",
    ]

    def __init__(self, *args, organisation, by, **kwargs):
        membership = Membership(organisation=organisation, role=Membership.Role.STAFF)
        super().__init__(*args, instance=membership, **kwargs)
        self.by = by
        self.fields["divisions"].queryset = organisation.divisions.order_by("order", "id")
        self.fields["divisions"].help_text = "เลือกได้มากกว่าหนึ่งส่วนราชการ"
        self.fields["role"].choices = Membership.Role.choices
        self.fields["password"].label = "รหัสผ่านเริ่มต้น"
        self.fields[
            "password"
        ].help_text = "ผู้ใช้ต้องเปลี่ยนรหัสผ่านนี้เมื่อเข้าสู่ระบบครั้งแรก (ไม่ต้องกรอก ถ้าเป็นบัญชีที่มีอยู่แล้ว)"
        self.fields["email"].label = "อีเมล (ไม่บังคับ ใช้เมื่อลืมรหัสผ่าน)"


class SignatureForm(forms.Form):
    """A signature image uploaded, or drawn on the screen (the pad sends a PNG data URL)."""

    image = forms.FileField(
        label="อัปโหลดภาพลายมือชื่อ (PNG หรือ JPEG)",
        required=False,
        widget=FilePicker,
        help_text="ภาพพื้นหลังโปร่งใสหรือสีขาว ขนาดไม่เกิน ๕๐๐ KB",
    )
    # Its size is checked by drawing_bytes, which says it is too large (the request's own limit
    # bounds what is read).
    drawing = forms.CharField(required=False, widget=SignaturePad)

    def clean(self):
        cleaned = super().clean()
        upload, drawing = cleaned.get("image"), cleaned.get("drawing")
        if not upload and not drawing:
            raise forms.ValidationError("กรุณาอัปโหลดภาพ หรือวาดลายมือชื่อในช่องวาด")
        try:
            content = upload.read(MAX_BYTES + 1) if upload else drawing_bytes(drawing)
            cleaned["checked"] = check_signature_image(content)
        except ValidationError as error:
            self.add_error("image" if upload else None, error)
        cleaned["content"] = content if not self.errors else b""
        return cleaned
