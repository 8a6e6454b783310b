"""Writes to who is who: a person's role in an organisation, with their account when they have
none yet (the site admin's admin page, and the onboarding of a new organisation)."""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from . import access
from .models import Membership, Organisation, PasswordChangeDue, Role, SignatureImage
from .refusals import Refusal, refuse, refused_if_invalid, validated
from .signature_images import check_signature_image

STAFF_WITHOUT_DIVISION = (
    "เจ้าหน้าที่ส่วนราชการต้องสังกัดอย่างน้อยหนึ่งส่วนราชการ จึงจะเห็นและบันทึกผลมาตรการของส่วนราชการนั้นได้"
)


def check_divisions(*, organisation, role, divisions) -> None:
    """A role's divisions: of its own organisation, and at least one for staff (who would
    otherwise see every measure and could record none). ValidationError on `divisions`."""
    foreign = [d for d in divisions if d.organisation_id != getattr(organisation, "pk", None)]
    if organisation is not None and foreign:
        raise ValidationError(
            {"divisions": f"ส่วนราชการต่อไปนี้ไม่ได้อยู่ใน {organisation}: {', '.join(map(str, foreign))}"}
        )
    if role == Role.STAFF and not divisions:
        raise ValidationError({"divisions": STAFF_WITHOUT_DIVISION})


USERNAME_TAKEN = (
    "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว ถ้าเป็นบุคลากรใหม่ กรุณาตั้งชื่อผู้ใช้อื่น "
    "(ถ้าจะเพิ่มบทบาทให้บุคลากรของหน่วยงานที่มีบัญชีอยู่แล้ว ให้เว้นรหัสผ่านเริ่มต้นว่างไว้)"
)


def check_new_account(*, username: str, password: str, email: str = "") -> None:
    """A username nobody has yet needs a first password that passes the validators
    (AUTH_PASSWORD_VALIDATORS); a first password typed for a username someone has is refused
    (it was meant for a new person: it would neither be set nor create one). ValidationError
    on `password` or `username`."""
    User = get_user_model()
    if not username:
        return
    if User.objects.filter(username=username).exists():
        if password:
            raise ValidationError({"username": USERNAME_TAKEN})
        return
    if not password:
        raise ValidationError({"password": "ผู้ใช้ใหม่ต้องมีรหัสผ่านเริ่มต้น"})
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


def check_named_account(*, username: str, by) -> None:
    """An existing account is given a new role by the deployment's operator, or by the site
    admin of an organisation it already belongs to: never another organisation's person, who
    to this site admin is a username taken. ValidationError on `username`."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None or access.is_operator(by):
        return
    theirs = access.member_organisations(user)
    if not any(access.administers(by, organisation) for organisation in theirs):
        raise ValidationError({"username": USERNAME_TAKEN})


@transaction.atomic
def membership_save(
    *,
    membership: Membership,
    username: str,
    password: str = "",
    email: str = "",
    divisions,
    by,
    password_change_due: bool = True,
) -> Membership:
    """Give the person named `username` the membership's role, creating their account with
    `password` if there is none; such a person changes that password at their first sign-in
    unless `password_change_due` is False (nobody knows it: they set theirs from a link). An
    existing account is named exactly, without a password, never chosen from a list of
    everyone in the deployment, and only of an organisation `by` administers.
    Refused when the person is not this organisation's site admin, and by field."""
    organisation: Organisation = membership.organisation
    refuse(access.people_refusal(by, organisation))
    divisions = list(divisions)
    with refused_if_invalid():
        check_divisions(organisation=organisation, role=membership.role, divisions=divisions)
        check_new_account(username=username, password=password, email=email)
        if not membership.pk:
            check_named_account(username=username, by=by)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=membership.display_name)
        user.set_password(password)
        validated(user)
        user.save()
        if password_change_due:
            PasswordChangeDue.objects.create(user=user)
    elif membership.pk and membership.user_id != user.pk:
        raise Refusal(fields={"username": "เปลี่ยนผู้ใช้ของบทบาทที่มีอยู่ไม่ได้ ให้เพิ่มบทบาทใหม่แทน"})
    if membership.role in access.MANAGERS and not user.is_staff:
        # The analyst and the site admin keep the plan and the people in the admin.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    membership.user = user
    validated(membership)
    membership.save()
    membership.divisions.set(divisions)
    return membership


@transaction.atomic
def signature_image_set(*, user, by, content: bytes) -> SignatureImage:
    """A person sets their own signature image; nobody sets another's."""
    refuse(access.signature_image_refusal(by, user))
    with refused_if_invalid():
        checked = check_signature_image(content)
    image, _ = SignatureImage.objects.update_or_create(
        user=user,
        defaults={
            "png": checked.png,
            "width": checked.width,
            "height": checked.height,
            "sha256": hashlib.sha256(checked.png).hexdigest(),
        },
    )
    return image


@transaction.atomic
def signature_image_remove(*, user, by) -> None:
    """Its owner, or an administrator of an organisation the person belongs to, removes it."""
    refuse(access.signature_removal_refusal(by, user))
    SignatureImage.objects.filter(user=user).delete()


@transaction.atomic
def organisation_create(
    *, by, admin_username: str, admin_email: str, admin_name: str, admin_position: str, **fields
) -> Membership:
    """A new organisation with its site admin, who sets their own password from a reset link
    (`organisations.onboarding`); only the deployment's operator creates organisations."""
    if not access.is_operator(by):
        raise Refusal("เฉพาะผู้ดูแลระบบทั้งหมดสร้างหน่วยงานได้")
    organisation = Organisation(**fields)
    validated(organisation)
    organisation.save()
    membership = Membership(
        organisation=organisation,
        role=Role.SITE_ADMIN,
        display_name=admin_name,
        position_title=admin_position,
    )
    # An unguessable first password nobody knows; the site admin sets theirs from the link.
    return membership_save(
        membership=membership,
        username=admin_username,
        email=admin_email,
        password=secrets.token_urlsafe(32),
        divisions=[],
        by=by,
        password_change_due=False,
    )
