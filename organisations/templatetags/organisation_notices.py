"""What the start page and a document's page tell about how the organisation is set up: the
Garuda missing (organisations/emblems.py), staff without a division, where to add a person."""

from django import template

from .. import access
from ..emblems import deployment, emblem_missing
from ..models import Membership, Role

register = template.Library()

LISTED_AT_MOST = 20


def _told_about_the_emblem(user, organisation) -> bool:
    return access.has_role(user, organisation, Role.ANALYST, Role.SITE_ADMIN)


@register.inclusion_tag("organisations/_start_notices.html", takes_context=True)
def start_notices(context):
    """For the start page: the site admin's and the analyst's set-up to do."""
    user = context["request"].user
    settings = deployment()
    administered = access.member_organisations(user, access.administers)
    told = access.member_organisations(user, _told_about_the_emblem)
    without_division = (
        Membership.objects.filter(organisation__in=administered, role=Role.STAFF, divisions=None)
        .select_related("organisation")
        .order_by("organisation__name", "display_name")[:LISTED_AT_MOST]
        if administered
        else []
    )
    return {
        "administered": administered,
        "emblem_missing_in": [
            organisation for organisation in told if emblem_missing(organisation, settings)
        ],
        "operator_sets_emblem": access.is_operator(user)
        and not settings.emblem
        and not settings.is_demo,
        "without_division": without_division,
        "user": user,
    }


@register.inclusion_tag("organisations/_emblem_notice.html", takes_context=True)
def emblem_notice(context, organisation):
    """For a document's page: it cannot be finished while the Garuda is missing."""
    settings = deployment()
    return {
        "organisation": organisation,
        "missing": emblem_missing(organisation, settings),
        "demo": settings.is_demo and not organisation.emblem and not settings.emblem,
        "administers": access.administers(context["request"].user, organisation),
    }


@register.simple_tag
def works_in_an_organisation(user) -> bool:
    """Whether the top bar links to an organisation's own pages (measures, reports, plans,
    results): a member of some organisation, or the operator; a pure supervisor has none."""
    return access.is_operator(user) or bool(access.member_organisations(user))


@register.simple_tag
def oversees(user) -> bool:
    """Whether the top bar links to the overview of an area (supervisors, the operator)."""
    return access.can_oversee(user)
