"""How a page finds the object its address names: one lookup, and one answer (404) whether the
object does not exist or the person may not see it, so that another organisation's records are
not even known to exist."""

from django.http import Http404


def visible_or_404(queryset, user, rule, **lookup):
    """The object `lookup` finds in `queryset` when `rule(user, obj)` lets the person see it."""
    found = queryset.filter(**lookup).first()
    if found is None or not rule(user, found):
        raise Http404("ไม่พบข้อมูล")
    return found
