"""Who may publish a finished document and withdraw it: those who keep the organisation's plan
and documents (the planning analyst, the site admin)."""

from organisations import access
from reports.models import ReportState


def can_publish(user, document) -> bool:
    return document.state == ReportState.ACKNOWLEDGED and access.manages(
        user, document.organisation
    )


def can_withdraw(user, publication) -> bool:
    return publication.withdrawn_at is None and access.manages(
        user, publication.document.organisation
    )


def can_change_item(user, publication) -> bool:
    """File a current (not withdrawn, not superseded) publication under another item."""
    return publication.is_current and access.manages(user, publication.document.organisation)


def can_see_year(user, organisation) -> bool:
    """The year at a glance (each item, its document, state, due date and address): those who
    keep the organisation's plan and documents."""
    return access.manages(user, organisation)
