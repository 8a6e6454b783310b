"""Who is who: organisations (อบต., เทศบาล), their divisions, the people who hold a role in them,
and the chain of superiors who review an organisation's documents.

These models were first part of `measures`; they keep their tables (see migrations/0001)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from solo.models import SingletonModel

from .images import validate_emblem


class Role(models.TextChoices):
    STAFF = "staff", "เจ้าหน้าที่ส่วนราชการ"
    ANALYST = "analyst", "นักวิเคราะห์นโยบายและแผน"
    HEAD_OF_OFFICE = "head_of_office", "หัวหน้าสำนักปลัด"
    CHIEF_ADMINISTRATOR = "chief_administrator", "ปลัด"
    CHIEF_EXECUTIVE = "chief_executive", "นายก"
    SITE_ADMIN = "site_admin", "ผู้ดูแลระบบ"


class StepKind(models.TextChoices):
    """What a superior does at their step of the review chain."""

    COMMENT = "comment", "ให้ความเห็น"
    APPROVE = "approve", "พิจารณาอนุมัติหรือส่งกลับ"
    ACKNOWLEDGE = "acknowledge", "รับทราบ"


class OrganisationKind(models.TextChoices):
    """The kind of local government (องค์กรปกครองส่วนท้องถิ่น)."""

    SAO = "sao", "องค์การบริหารส่วนตำบล (อบต.)"
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", "เทศบาลตำบล"
    TOWN_MUNICIPALITY = "town_municipality", "เทศบาลเมือง"
    CITY_MUNICIPALITY = "city_municipality", "เทศบาลนคร"
    PAO = "pao", "องค์การบริหารส่วนจังหวัด (อบจ.)"
    OTHER = "other", "หน่วยงานอื่น"


class Organisation(models.Model):
    """A local government. Where it is (province, district) is data (organisations/areas.py);
    an organisation moved from the free text of earlier versions that named no known area keeps
    that text in `location_as_typed` until the operator sets its area in the admin."""

    organisation_lookup = "pk"
    Kind = OrganisationKind

    name = models.CharField("ชื่อหน่วยงาน", max_length=200, unique=True)
    short_name = models.CharField("ชื่อย่อ", max_length=60, unique=True, help_text="เช่น อบต.เกียร์")
    kind = models.CharField("ประเภทหน่วยงาน", max_length=30, choices=OrganisationKind.choices)
    province = models.ForeignKey(
        "organisations.Province",
        on_delete=models.PROTECT,
        null=True,
        related_name="organisations",
        verbose_name="จังหวัด",
    )
    district = models.ForeignKey(
        "organisations.District",
        on_delete=models.PROTECT,
        null=True,
        related_name="organisations",
        verbose_name="อำเภอ",
    )
    location_as_typed = models.CharField(
        "ที่ตั้งที่พิมพ์ไว้เดิม",
        max_length=250,
        blank=True,
        editable=False,
        help_text="อำเภอและจังหวัดที่พิมพ์ไว้ก่อนมีข้อมูลพื้นที่ ซึ่งไม่ตรงกับชื่อใด กรุณาเลือกอำเภอและจังหวัด",
    )
    phone = models.CharField("โทรศัพท์", max_length=60, blank=True)
    document_prefix = models.CharField(
        "รหัสหนังสือ (ที่)", max_length=60, blank=True, help_text="เช่น นธ ๗๔๙๐๑.๑"
    )
    emblem = models.ImageField(
        "ตราครุฑของหน่วยงาน",
        upload_to="emblems/",
        blank=True,
        help_text="ไม่ต้องตั้ง ถ้าใช้ตราครุฑที่ผู้ดูแลระบบทั้งหมดตั้งไว้ให้ทุกหน่วยงาน (PNG หรือ JPEG)",
        validators=[validate_emblem],
    )
    slug = models.SlugField(
        "ชื่อในที่อยู่เว็บ",
        max_length=60,
        blank=True,
        help_text="ส่วนท้ายของที่อยู่หน้าเผยแพร่ ITA ใช้อักษรอังกฤษตัวเล็ก ตัวเลข และ - เช่น kiar",
    )

    class Meta:
        db_table = "measures_organisation"
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=~Q(slug=""),
                name="organisation_slug_unique",
                violation_error_message="ชื่อในที่อยู่เว็บนี้มีหน่วยงานอื่นใช้แล้ว",
            ),
        ]

    def __str__(self):
        return self.short_name

    @property
    def location(self) -> str:
        """ "อำเภอสุคิริน จังหวัดนราธิวาส", as documents and pages write where it is."""
        if self.district_id is None or self.province_id is None:
            return self.location_as_typed
        return f"{self.district.label} {self.province.label}"

    def clean(self):
        if self.district_id and self.province_id and self.district.province_id != self.province_id:
            raise ValidationError(
                {"district": f"{self.district.label} ไม่อยู่ใน{self.province.label}"}
            )
        if self.district_id:
            self.location_as_typed = ""  # placed now: the old text has done its work


class Division(models.Model):
    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="divisions", verbose_name="หน่วยงาน"
    )
    name = models.CharField("ชื่อส่วนราชการ", max_length=200)
    short_name = models.CharField(
        "ชื่อย่อ", max_length=100, blank=True, help_text="เช่น กองการศึกษาฯ (ใช้ในตารางรายงาน)"
    )
    order = models.PositiveSmallIntegerField("ลำดับ", default=0)

    class Meta:
        db_table = "measures_division"
        verbose_name = "ส่วนราชการ"
        verbose_name_plural = "ส่วนราชการ"
        ordering = ["organisation", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="division_name_unique_per_organisation",
                violation_error_message="หน่วยงานนี้มีส่วนราชการชื่อนี้แล้ว",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.short_name or self.name


class Membership(models.Model):
    """A person's role in one organisation. Its name and position are what documents print."""

    organisation_lookup = "organisation"
    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="ผู้ใช้",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name="หน่วยงาน"
    )
    role = models.CharField("บทบาท", max_length=30, choices=Role.choices)
    divisions = models.ManyToManyField(
        Division,
        blank=True,
        verbose_name="สังกัดส่วนราชการ",
        related_name="memberships",
    )
    display_name = models.CharField("ชื่อ-สกุล", max_length=200, help_text="เช่น นางรอซึลา บินมะนอร์")
    position_title = models.CharField("ตำแหน่ง", max_length=200, help_text="ตามที่พิมพ์ใต้ลายมือชื่อ")

    class Meta:
        db_table = "measures_membership"
        verbose_name = "บทบาทผู้ใช้"
        verbose_name_plural = "บทบาทผู้ใช้"
        ordering = ["organisation", "role", "display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique_role",
                violation_error_message="ผู้ใช้นี้มีบทบาทนี้ในหน่วยงานนี้แล้ว",
            ),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_valid",
                violation_error_message="บทบาทไม่ถูกต้อง",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()}, {self.organisation})"


class ReviewChainStep(models.Model):
    """An organisation's chain of superiors for its documents, in order. Without one, documents
    use the default: head of office comments, chief administrator approves, chief executive
    acknowledges."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="review_chain",
        verbose_name="หน่วยงาน",
    )
    order = models.PositiveSmallIntegerField("ลำดับ")
    role = models.CharField("บทบาท", max_length=30, choices=Role.choices)
    kind = models.CharField("หน้าที่", max_length=20, choices=StepKind.choices)

    class Meta:
        db_table = "reports_reviewchainstep"
        verbose_name = "ลำดับการเสนอรายงาน"
        verbose_name_plural = "ลำดับการเสนอรายงาน"
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "order"],
                name="review_chain_unique_order",
                violation_error_message="ลำดับการเสนอซ้ำกัน",
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.get_role_display()} – {self.get_kind_display()}"


class SignatureImage(models.Model):
    """A person's handwritten signature, uploaded or drawn once, for the documents they sign.

    Kept in the database, not with public media: it is shown to its owner and placed only into
    the documents of the organisations they sign for (reports/rendering.py). Always a PNG,
    re-encoded from what was sent (organisations/signature_images.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signature_image",
        verbose_name="ผู้ใช้",
    )
    png = models.BinaryField("ภาพลายมือชื่อ (PNG)")
    width = models.PositiveSmallIntegerField("กว้าง (พิกเซล)")
    height = models.PositiveSmallIntegerField("สูง (พิกเซล)")
    # Which image it was, for the audit trail (which leaves the image itself out).
    sha256 = models.CharField("SHA-256", max_length=64)
    updated_at = models.DateTimeField("แก้ไขล่าสุดเมื่อ", auto_now=True)
    history = HistoricalRecords(verbose_name="ประวัติลายมือชื่อ", excluded_fields=["png"])

    class Meta:
        verbose_name = "ลายมือชื่อ"
        verbose_name_plural = "ลายมือชื่อ"

    def __str__(self):
        return f"ลายมือชื่อของ {self.user}"


class PasswordChangeDue(models.Model):
    """The person's password was chosen by someone else (a site admin adding them): they change
    it at their next sign-in before doing anything else (organisations/first_password.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_change_due",
        verbose_name="ผู้ใช้",
    )
    since = models.DateTimeField("ตั้งรหัสผ่านเริ่มต้นเมื่อ", auto_now_add=True)

    class Meta:
        verbose_name = "ต้องเปลี่ยนรหัสผ่าน"
        verbose_name_plural = "ต้องเปลี่ยนรหัสผ่าน"

    def __str__(self):
        return f"{self.user} ต้องเปลี่ยนรหัสผ่าน"


class Deployment(SingletonModel):
    """What holds for the whole deployment, one record set by its operator in the admin: the
    Garuda (ตราครุฑ) documents print where an organisation has no emblem of its own, and whether
    this is a demo (organisations/emblems.py says what each means)."""

    emblem = models.ImageField(
        "ตราครุฑสำหรับทุกหน่วยงาน",
        upload_to="emblems/",
        blank=True,
        help_text="ภาพตราครุฑฉบับทางราชการ PNG หรือ JPEG ใช้กับเอกสารของทุกหน่วยงานที่ไม่ได้ตั้งตราของตนเอง",
    )
    is_demo = models.BooleanField(
        "ระบบทดลองใช้",
        default=False,
        help_text="load_demo ตั้งให้: เอกสารที่ไม่มีตราครุฑลงนามได้ และพิมพ์วงกลม “ตราครุฑ (ตัวอย่าง)” "
        "แทนตรา ห้ามเปิดในระบบที่ใช้งานจริง",
    )

    class Meta:
        verbose_name = "การตั้งค่าระบบ"
        verbose_name_plural = "การตั้งค่าระบบ"

    def __str__(self):
        return "การตั้งค่าระบบ"


# Models of this app kept in their own module (this one is long enough).
from .areas import District, Province, Supervision  # noqa: E402, F401
