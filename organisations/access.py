"""Who belongs where, in which role: the ground every permission rule stands on.

A person acts in an organisation through their memberships (roles). Django superusers run the
deployment: `is_operator` is the one rule for them. Operators may read and administer every
organisation, but the acts of a role (recording progress as staff, submitting, commenting,
approving, acknowledging) belong to the people who hold that role.

Supervisors (organisations/areas.py: Supervision) oversee the organisations of a district, a
province or the whole deployment, read-only, without being members of any: `supervises` and
`overseen_organisations` are their rule. They read aggregates (the oversight app), the ITA
results and the finished documents of those organisations, and nothing a member reads through
`is_member` (drafts, evidence, people).
"""

import time
from dataclasses import dataclass

from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import authenticate
from django.db.models import Q, QuerySet

from .models import Membership, Organisation, Role, Supervision
from .refusals import Refusal

MANAGERS = (Role.ANALYST, Role.SITE_ADMIN)
SUPERIORS = (Role.HEAD_OF_OFFICE, Role.CHIEF_ADMINISTRATOR, Role.CHIEF_EXECUTIVE)


class System:
    """The operator of the deployment acting from the command line (management commands, the
    demo loader): an operator with no account. Writes by it record no user."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = None
    username = "ระบบ"

    def __str__(self):
        return self.username


SYSTEM = System()


def user_or_none(user):
    """What a `...by` foreign key records: the person, or nobody for the system."""
    return None if user is SYSTEM or user is None or user.pk is None else user


def is_operator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def memberships(user, organisation) -> list[Membership]:
    """The person's roles in the organisation, read once per request (cached on the user)."""
    if not user.is_authenticated or not user.is_active or user.pk is None or organisation is None:
        return []
    cache = user.__dict__.setdefault("_ita_memberships", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = list(
            Membership.objects.filter(user=user, organisation=organisation).prefetch_related(
                "divisions"
            )
        )
    return cache[organisation.pk]


def member_organisations(user, rule=None) -> list[Organisation]:
    """The organisations where the person holds a role (and where `rule(user, organisation)`
    holds), by name. Operators are not members of anything by being operators."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return []
    # Read once per request. Kept in the given object's own __dict__ (request.user is a lazy
    # proxy: an attribute set through it lands on the user behind it, where a check of the
    # proxy's __dict__ never finds it).
    cache = user.__dict__
    if "_ita_organisations" not in cache:
        cache["_ita_organisations"] = list(
            Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
        )
    found = cache["_ita_organisations"]
    return [organisation for organisation in found if rule is None or rule(user, organisation)]


def readable_organisations(user) -> QuerySet:
    """Every organisation whose data the person may read: operators read all."""
    if is_operator(user):
        return Organisation.objects.all()
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def roles(user, organisation) -> set[str]:
    return {membership.role for membership in memberships(user, organisation)}


def has_role(user, organisation, *wanted) -> bool:
    return bool(roles(user, organisation) & set(wanted))


def division_ids(user, organisation) -> set[int]:
    """The divisions the person works in as staff."""
    return {
        division.pk
        for membership in memberships(user, organisation)
        if membership.role == Role.STAFF
        for division in membership.divisions.all()
    }


def is_member(user, organisation) -> bool:
    """May read the organisation's plan, progress and documents."""
    return is_operator(user) or bool(memberships(user, organisation))


def manages(user, organisation) -> bool:
    """Keeps the organisation's plan and documents: the planning analyst and the site admin."""
    return is_operator(user) or has_role(user, organisation, *MANAGERS)


def administers(user, organisation) -> bool:
    """Runs the organisation's site: divisions, people and roles, the review chain."""
    return is_operator(user) or has_role(user, organisation, Role.SITE_ADMIN)


def supervisors_refusal(user) -> str | None:
    """Granting and revoking a supervisor role: the deployment's operator alone."""
    if is_operator(user):
        return None
    return "เฉพาะผู้ดูแลระบบทั้งหมดให้หรือถอนสิทธิ์ผู้กำกับดูแลพื้นที่ได้"


def people_refusal(user, organisation) -> str | None:
    """Adding people and giving them roles: the organisation's site admin."""
    if administers(user, organisation):
        return None
    return "เฉพาะผู้ดูแลระบบของหน่วยงานเพิ่มบุคลากรและกำหนดบทบาทได้"


# Supervisors of an area.


def supervisions(user) -> list[Supervision]:
    """The areas the person oversees, read once per request (cached on the user)."""
    if not user.is_authenticated or not user.is_active or user.pk is None:
        return []
    cache = user.__dict__
    if "_ita_supervisions" not in cache:
        cache["_ita_supervisions"] = list(
            Supervision.objects.filter(user=user).select_related("province", "district__province")
        )
    return cache["_ita_supervisions"]


def area_query(user) -> Q | None:
    """The organisations the person oversees, as a filter on Organisation; None: none at all.
    Operators oversee every organisation, as a national supervisor does."""
    if is_operator(user):
        return Q()
    found = supervisions(user)
    if not found:
        return None
    if any(s.level == Supervision.Level.NATION for s in found):
        return Q()
    provinces = [s.province_id for s in found if s.level == Supervision.Level.PROVINCE]
    districts = [s.district_id for s in found if s.level == Supervision.Level.DISTRICT]
    return Q(province_id__in=provinces) | Q(district_id__in=districts)


def can_oversee(user) -> bool:
    """May open the oversight pages: a supervisor of some area, or an operator."""
    return area_query(user) is not None


def overseen_organisations(user) -> QuerySet:
    query = area_query(user)
    if query is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(query)


def supervises(user, organisation) -> bool:
    """The organisation is in an area the person oversees (operators: every organisation)."""
    if organisation is None:
        return False
    if is_operator(user):
        return True
    for supervision in supervisions(user):
        if (
            supervision.level == Supervision.Level.NATION
            or (supervision.province_id and supervision.province_id == organisation.province_id)
            or (supervision.district_id and supervision.district_id == organisation.district_id)
        ):
            return True
    return False


# Signature images.


def signature_image_refusal(by, user) -> str | None:
    """Only its owner sets a person's signature image."""
    if by.is_authenticated and by.pk is not None and by.pk == user.pk:
        return None
    return "ลายมือชื่อตั้งได้โดยเจ้าของเท่านั้น"


def signature_removal_refusal(by, user) -> str | None:
    """Its owner, an operator, or a site admin of an organisation the person belongs to."""
    if signature_image_refusal(by, user) is None or is_operator(by):
        return None
    if any(administers(by, organisation) for organisation in member_organisations(user)):
        return None
    return "ลายมือชื่อของผู้ใช้ลบได้โดยเจ้าของ หรือผู้ดูแลระบบของหน่วยงานที่ผู้ใช้สังกัด"


def can_remove_signature_image(by, user) -> bool:
    return signature_removal_refusal(by, user) is None


# Signing: an act that signs a document is confirmed with the person's password, just before.

CONFIRMATION_SECONDS = 5 * 60


@dataclass(frozen=True)
class PasswordConfirmation:
    """Proof that the person typed their own password just now (confirm_password)."""

    user_pk: int
    at: float


LOCKED_OUT = "ใส่รหัสผ่านผิดหลายครั้ง ระบบระงับการเข้าสู่ระบบและการลงนามของบัญชีนี้ไว้ชั่วคราว ๓๐ นาที"


def is_own_password(request, password: str) -> bool:
    """Whether `password` is the signed-in person's, checked as a sign-in is: a wrong one
    counts towards the same lock-out (django-axes), so a password cannot be guessed by signing
    or by changing it. Refused on `password` (LOCKED_OUT) while the account is locked out."""
    user = request.user
    try:
        checked = authenticate(request, username=user.get_username(), password=password or "")
    except AxesBackendPermissionDenied:
        raise Refusal(fields={"password": LOCKED_OUT}) from None
    return checked is not None and checked.pk == user.pk


def confirm_password(request, password: str) -> PasswordConfirmation:
    """The signed-in person's password confirming a signing act (see is_own_password). Refused
    on `password`."""
    if not is_own_password(request, password):
        raise Refusal(fields={"password": "รหัสผ่านไม่ถูกต้อง ยังไม่ได้ลงนาม"})
    return PasswordConfirmation(request.user.pk, time.time())


def require_confirmation(user, confirmation) -> None:
    fresh = (
        isinstance(confirmation, PasswordConfirmation)
        and confirmation.user_pk == user.pk
        and time.time() - confirmation.at <= CONFIRMATION_SECONDS
    )
    if not fresh:
        raise Refusal("กรุณายืนยันด้วยรหัสผ่านของท่านเพื่อลงนาม")
