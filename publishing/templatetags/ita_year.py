"""The start page's ITA items due soon or overdue: what the person still owes for them
(publishing/due_work.py), and, for those who keep the plan, the way to the year at a glance."""

from django import template
from django.utils import timezone

from organisations import access

from ..due_work import due_statuses, owed_work
from ..permissions import can_see_year

register = template.Library()


@register.inclusion_tag("publishing/_due_work.html", takes_context=True)
def due_work(context):
    user = context["request"].user
    organisations = access.member_organisations(user)
    today = timezone.localdate()
    statuses = due_statuses(organisations, today) if organisations else []
    return {
        "owed": owed_work(statuses, today, user=user) if statuses else [],
        "today": today,
        "sees_year": any(can_see_year(user, organisation) for organisation in organisations),
    }
