"""Who may do what: the one place for permission rules. Views, the admin and services ask here.

Every rule starts from the person's memberships in the object's organisation; a person of
another organisation may do nothing with it. Django superusers run the deployment and may do
everything.
"""

from .models import Membership, Role


def memberships(user, organisation) -> list[Membership]:
    if not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault("_ita_memberships", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = list(
            Membership.objects.filter(user=user, organisation=organisation).prefetch_related(
                "divisions"
            )
        )
    return cache[organisation.pk]


def roles(user, organisation) -> set[str]:
    return {membership.role for membership in memberships(user, organisation)}


def is_member(user, organisation) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(memberships(user, organisation)))


def can_view_report(user, report) -> bool:
    return is_member(user, report.organisation)


def can_export_report(user, report) -> bool:
    return can_view_report(user, report)


def has_role(user, organisation, *wanted: Role) -> bool:
    return user.is_superuser or bool(roles(user, organisation) & set(wanted))
