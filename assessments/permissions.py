"""Who may read and write an organisation's ITA results.

Everyone of the organisation reads them (they are the ground of the year's analysis and
measures); those who keep its plan and documents (the planning analyst, the site admin) type or
import them; the deployment's operator does so for every organisation, and alone loads a table
of many organisations at once. The supervisors of the organisation's area read them (and write
nothing: their roles are read-only).
"""

from organisations import access


def can_view_results(user, organisation) -> bool:
    return access.is_member(user, organisation) or access.supervises(user, organisation)


def can_see_who_recorded(user, organisation) -> bool:
    """Who typed or imported the results is the organisation's own business (supervisors read
    the figures, never people's details)."""
    return access.is_member(user, organisation)


def can_edit_results(user, organisation) -> bool:
    return access.manages(user, organisation)


def can_import_many(user) -> bool:
    """Load one table holding the results of many organisations (an organisation column)."""
    return access.is_operator(user)
