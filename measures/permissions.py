"""Who may do what: the one place for permission rules. Views, the admin and services ask here.

Every rule starts from the person's memberships in the object's organisation: a person of another
organisation may do nothing with it. Django superusers run the deployment: they may administer
everything, but the acts of a role in the review (submitting, commenting, approving, returning,
acknowledging) belong to the people who hold that role.
"""

from .models import Membership, Role

MANAGERS = (Role.ANALYST, Role.SITE_ADMIN)
SUPERIORS = (Role.HEAD_OF_OFFICE, Role.CHIEF_ADMINISTRATOR, Role.CHIEF_EXECUTIVE)


def memberships(user, organisation) -> list[Membership]:
    """The person's roles in the organisation, read once per request (cached on the user)."""
    if not user.is_authenticated or organisation is None:
        return []
    cache = user.__dict__.setdefault("_ita_memberships", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = list(
            Membership.objects.filter(user=user, organisation=organisation).prefetch_related(
                "divisions"
            )
        )
    return cache[organisation.pk]


def organisations(user, rule=None) -> list:
    """The organisations the person belongs to (and where `rule(user, organisation)` holds)."""
    if not user.is_authenticated:
        return []
    found = {
        membership.organisation
        for membership in Membership.objects.filter(user=user).select_related("organisation")
    }
    if rule is not None:
        found = {organisation for organisation in found if rule(user, organisation)}
    return sorted(found, key=lambda organisation: organisation.name)


def roles(user, organisation) -> set[str]:
    return {membership.role for membership in memberships(user, organisation)}


def has_role(user, organisation, *wanted) -> bool:
    return bool(roles(user, organisation) & set(wanted))


def division_ids(user, organisation) -> set[int]:
    return {
        division.pk
        for membership in memberships(user, organisation)
        if membership.role == Role.STAFF
        for division in membership.divisions.all()
    }


def is_member(user, organisation) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(memberships(user, organisation)))


def manages(user, organisation) -> bool:
    """Keeps the organisation's plan and reports: the planning analyst and the site admin."""
    return user.is_authenticated and (user.is_superuser or has_role(user, organisation, *MANAGERS))


def administers(user, organisation) -> bool:
    """Runs the organisation's site: divisions, people and roles, the review chain."""
    return user.is_authenticated and (
        user.is_superuser or has_role(user, organisation, Role.SITE_ADMIN)
    )


def answers_for(user, measure) -> bool:
    """The person is staff of a division responsible for the measure."""
    organisation = measure.organisation
    own = division_ids(user, organisation)
    if not own:
        return False
    if measure.all_divisions:
        return True
    return bool(own & {division.pk for division in measure.divisions.all()})


# Progress ------------------------------------------------------------------------------------


def can_view_progress(user, measure) -> bool:
    return is_member(user, measure.organisation)


def can_edit_progress(user, measure, period) -> bool:
    """Staff of a responsible division, the analyst and the site admin, while the period's report
    has not been submitted."""
    if not progress_is_open(measure.fiscal_year, period):
        return False
    return manages(user, measure.organisation) or answers_for(user, measure)


def progress_is_open(fiscal_year, period) -> bool:
    """Progress of a period may change until its report is submitted; a returned report or a new
    revision opens it again."""
    from reports.models import LOCKED_STATES

    latest = fiscal_year.reports.filter(period=period).order_by("-revision").first()
    return latest is None or latest.state not in LOCKED_STATES


# The plan ------------------------------------------------------------------------------------


def can_edit_plan(user, fiscal_year) -> bool:
    return manages(user, fiscal_year.organisation)


def can_import_plan(user, organisation) -> bool:
    return manages(user, organisation)


def can_export_plan(user, organisation) -> bool:
    """Everyone of the organisation may take its plan and progress out; they see all of it."""
    return is_member(user, organisation)


def can_see_audit_trail(user, measure=None, organisation=None) -> bool:
    """The analyst, the superiors and the site admin see every change; staff see the changes to
    the measures their divisions answer for."""
    organisation = organisation or measure.organisation
    if user.is_authenticated and user.is_superuser:
        return True
    if has_role(user, organisation, *MANAGERS, *SUPERIORS):
        return True
    return measure is not None and answers_for(user, measure)


# Reports -------------------------------------------------------------------------------------


def can_view_report(user, report) -> bool:
    return is_member(user, report.organisation)


def can_export_report(user, report) -> bool:
    return can_view_report(user, report)


def can_create_report(user, fiscal_year) -> bool:
    return manages(user, fiscal_year.organisation)


def can_edit_memo(user, report) -> bool:
    from reports.models import ReportState

    editable = report.state in (ReportState.DRAFT, ReportState.RETURNED)
    return editable and manages(user, report.organisation)


def can_submit(user, report) -> bool:
    from reports.models import ReportState

    ready = report.state in (ReportState.DRAFT, ReportState.RETURNED)
    return ready and has_role(user, report.organisation, Role.ANALYST)


def can_revise(user, report) -> bool:
    from reports.models import ReportState

    final = report.state == ReportState.ACKNOWLEDGED and not hasattr(report, "next_revision")
    return final and has_role(user, report.organisation, Role.ANALYST)


def current_step_for(user, report):
    """The review step waiting for this person, or None."""
    from reports.models import ReportState

    if report.state not in (ReportState.IN_REVIEW, ReportState.APPROVED):
        return None
    step = next((s for s in report.review_steps.all() if s.order == report.current_step), None)
    if step is not None and has_role(user, report.organisation, step.role):
        return step
    return None


def can_act(user, report, kind) -> bool:
    """Comment, approve (and return) or acknowledge: the holder of the current step's role."""
    step = current_step_for(user, report)
    return step is not None and step.kind == kind


def can_comment(user, report) -> bool:
    from reports.models import StepKind

    return can_act(user, report, StepKind.COMMENT)


def can_approve(user, report) -> bool:
    from reports.models import StepKind

    return can_act(user, report, StepKind.APPROVE)


def can_return(user, report) -> bool:
    return can_approve(user, report)


def can_acknowledge(user, report) -> bool:
    from reports.models import StepKind

    return can_act(user, report, StepKind.ACKNOWLEDGE)


# Files ---------------------------------------------------------------------------------------


def can_download_evidence(user, evidence) -> bool:
    return can_view_progress(user, evidence.entry.measure)


def can_delete_evidence(user, evidence) -> bool:
    entry = evidence.entry
    return can_edit_progress(user, entry.measure, entry.period)
