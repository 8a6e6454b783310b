"""Reads about organisations: who holds a role, the chain of superiors, an organisation named
as people name it."""

from django.db.models import Q

from thai.digits import parse_int

from .models import Membership, Organisation, ReviewChainStep, Role, StepKind

DEFAULT_REVIEW_CHAIN = [
    (Role.HEAD_OF_OFFICE, StepKind.COMMENT),
    (Role.CHIEF_ADMINISTRATOR, StepKind.APPROVE),
    (Role.CHIEF_EXECUTIVE, StepKind.ACKNOWLEDGE),
]


def review_chain(organisation) -> list[tuple[str, str]]:
    """The organisation's configured chain of superiors, or the default one."""
    configured = ReviewChainStep.objects.filter(organisation=organisation).order_by("order")
    return [(step.role, step.kind) for step in configured] or list(DEFAULT_REVIEW_CHAIN)


def member_of(organisation, role) -> Membership | None:
    """The (first) person holding the role, whose name and position documents print."""
    return (
        Membership.objects.filter(organisation=organisation, role=role)
        .order_by("pk")
        .select_related("user")
        .first()
    )


def membership_of(user, organisation, role=None) -> Membership | None:
    """The person's membership (in that role, if given) whose name and position they sign with."""
    from .access import memberships

    found = [m for m in memberships(user, organisation) if role is None or m.role == role]
    return found[0] if found else None


def signing_name(user, organisation, role=None) -> tuple[str, str]:
    """The name and position the person signs with: those of their membership in that role, else
    of any of theirs in the organisation, else their account's name (an operator)."""
    membership = membership_of(user, organisation, role) or membership_of(user, organisation)
    if membership is None:
        return user.get_full_name(), ""
    return membership.display_name, membership.position_title


def find_organisation(reference: str) -> Organisation:
    """An organisation by short name, full name or id; LookupError with a Thai message."""
    query = Q(short_name=reference) | Q(name=reference)
    try:
        query |= Q(pk=parse_int(reference))
    except ValueError:
        pass
    found = list(Organisation.objects.filter(query)[:2])
    if len(found) != 1:
        raise LookupError(f"ไม่พบหน่วยงาน “{reference}” (ใช้ชื่อย่อ ชื่อเต็ม หรือรหัสหน่วยงาน)")
    return found[0]
