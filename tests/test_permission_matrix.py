"""Every role × every action × two organisations, on the small cast (tests/cast.py): the rules
as measures/permissions.py and reports/permissions.py decide them, and the pages that follow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import permissions as result_permissions
from measures import permissions
from measures.services.evidence import evidence_add_link
from organisations import access
from organisations.access import SYSTEM
from reports import permissions as report_permissions
from reports import workflow
from tests.signing import confirmed

pytestmark = pytest.mark.django_db

ACTIONS = [
    "view own progress", "view other progress", "edit own progress", "edit other progress",
    "download evidence", "change evidence", "edit plan", "import plan", "export plan",
    "create report", "edit memo", "submit", "comment", "approve", "return", "direct follow-up",
    "acknowledge", "revise", "export report", "audit trail", "set own signature image",
    "remove bob's signature image", "edit คลัง's part of ทุกกอง", "edit the combined text",
    "view ITA results", "edit ITA results", "import many organisations' ITA results",
]  # fmt: skip
# What oversight adds: whether the person oversees home, and reads its finished document.
OVERSIGHT = ["oversee the organisation", "read the finished document"]
Y, N = True, False
# bob answers for measure 1 (คลัง); measure 2 belongs to ช่าง (carol); measure 3 to both
# (ทุกกอง): each division writes its own part, those who keep the plan the combined text.
EXPECTED = {
    "bob":    [Y, Y, Y, N, Y, Y, N, N, Y, N, N, N, N, N, N, N, N, N, Y, Y, Y, Y, Y, N, Y, N, N],
    "carol":  [Y, Y, N, Y, Y, N, N, N, Y, N, N, N, N, N, N, N, N, N, Y, N, Y, N, N, N, Y, N, N],
    "alice":  [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N, Y, Y, Y, Y, N, Y, Y, Y, Y, N],
    "sam":    [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N, N, N, N, N, Y, Y, Y, Y, Y, Y, Y, Y, N],
    "henry":  [Y, Y, N, N, Y, N, N, N, Y, N, N, N, Y, N, N, N, N, N, Y, Y, Y, N, N, N, Y, N, N],
    "chief":  [Y, Y, N, N, Y, N, N, N, Y, N, N, N, N, Y, Y, Y, N, N, Y, Y, Y, N, N, N, Y, N, N],
    "mayor":  [Y, Y, N, N, Y, N, N, N, Y, N, N, N, N, N, N, N, Y, N, Y, Y, Y, N, N, N, Y, N, N],
    "olivia": [N] * 20 + [Y, N, N, N, N, N, N],
    "oscar":  [N] * 20 + [Y, N, N, N, N, N, N],
    "otto":   [N] * 20 + [Y, N, N, N, N, N, N],
    # Supervisors read home's results (and, below, its finished documents), nothing else of it.
    "dina":   [N] * 20 + [Y, N, N, N, Y, N, N],
    "paul":   [N] * 20 + [Y, N, N, N, Y, N, N],
    "nora":   [N] * 20 + [Y, N, N, N, Y, N, N],
    "pita":   [N] * 20 + [Y, N, N, N, N, N, N],
}  # fmt: skip
HOME_PEOPLE = ["bob", "carol", "alice", "sam", "henry", "chief", "mayor"]
EXPECTED_OVERSIGHT = {
    **{name: [N, Y] for name in HOME_PEOPLE},
    **{name: [N, N] for name in ["olivia", "oscar", "otto", "pita"]},
    **{name: [Y, Y] for name in ["dina", "paul", "nora"]},
}


def bring_to(report, action, cast):
    """The report where `action` belongs: submitted for the review's steps, finished for a
    revision, a draft otherwise."""
    finished = ("revise", "read the finished document")
    if action in ("comment", "approve", "return", "direct follow-up", "acknowledge", *finished):
        workflow.report_submit(report, by=cast.alice, confirmation=confirmed(cast.alice))
    if action in ("approve", "return", "direct follow-up", "acknowledge", *finished):
        workflow.report_comment(report, by=cast.henry, confirmation=confirmed(cast.henry), text="")
    if action in ("acknowledge", "revise", "read the finished document"):
        workflow.report_approve(report, by=cast.chief, confirmation=confirmed(cast.chief))
    if action in ("revise", "read the finished document"):
        workflow.report_acknowledge(report, by=cast.mayor, confirmation=confirmed(cast.mayor))
    report.refresh_from_db()
    return report


def decide(action, user, cast):
    own, other, shared = cast.measures[1], cast.measures[2], cast.measures[3]
    entry = own.progress_entries.get(period=1)
    evidence = evidence_add_link(entry=entry, by=SYSTEM, url="https://example.org/e")
    report = bring_to(cast.draft(), action, cast)
    checks = {
        "view own progress": lambda: permissions.can_view_progress(user, own),
        "view other progress": lambda: permissions.can_view_progress(user, other),
        "edit own progress": lambda: permissions.can_edit_progress(user, own, 1),
        "edit other progress": lambda: permissions.can_edit_progress(user, other, 1),
        "download evidence": lambda: permissions.can_download_evidence(user, evidence),
        "change evidence": lambda: permissions.can_change_evidence(user, entry),
        "edit plan": lambda: permissions.can_edit_plan(user, cast.plan),
        "import plan": lambda: permissions.can_import_plan(user, cast.home),
        "export plan": lambda: permissions.can_export_plan(user, cast.home),
        "create report": lambda: report_permissions.can_create_report(user, cast.plan),
        "edit memo": lambda: report_permissions.can_edit_memo(user, report),
        "submit": lambda: report_permissions.can_submit(user, report),
        "comment": lambda: report_permissions.can_comment(user, report),
        "approve": lambda: report_permissions.can_approve(user, report),
        "return": lambda: report_permissions.can_return(user, report),
        "direct follow-up": lambda: permissions.can_direct_follow_up(user, own, 1),
        "acknowledge": lambda: report_permissions.can_acknowledge(user, report),
        "revise": lambda: report_permissions.can_revise(user, report),
        "export report": lambda: report_permissions.can_export_report(user, report),
        "audit trail": lambda: permissions.can_see_audit_trail(user, own),
        "set own signature image": lambda: access.can_set_signature_image(user, user),
        "remove bob's signature image": lambda: access.can_remove_signature_image(user, cast.bob),
        "edit คลัง's part of ทุกกอง": lambda: permissions.can_edit_division_result(
            user, shared, 1, cast.home.divisions.get(name="คลัง")
        ),
        "edit the combined text": lambda: permissions.can_edit_combined_result(user, shared),
        "view ITA results": lambda: result_permissions.can_view_results(user, cast.home),
        "edit ITA results": lambda: result_permissions.can_edit_results(user, cast.home),
        "import many organisations' ITA results": lambda: result_permissions.can_import_many(user),
        "oversee the organisation": lambda: access.supervises(user, cast.home),
        "read the finished document": lambda: report_permissions.can_read_final(user, report),
    }
    return checks[action]()


@pytest.mark.parametrize("username", EXPECTED)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(cast, username, action):
    expected = EXPECTED[username][ACTIONS.index(action)]
    assert decide(action, cast.people[username], cast) is expected


@pytest.mark.parametrize("username", EXPECTED_OVERSIGHT)
@pytest.mark.parametrize("action", OVERSIGHT)
def test_oversight_matrix(cast, username, action):
    expected = EXPECTED_OVERSIGHT[username][OVERSIGHT.index(action)]
    assert decide(action, cast.people[username], cast) is expected


@pytest.mark.parametrize("username", ["olivia", "oscar", "otto", "pita"])
def test_an_outsider_gets_not_found_on_every_page(client, cast, username):
    report = cast.draft()
    measure = cast.measures[1]
    client.force_login(cast.people[username])
    for url in [
        reverse("measures:detail", args=[measure.pk]),
        reverse("measures:progress", args=[measure.pk, 1]),
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:preview", args=[report.pk]),
        reverse("reports:pdf", args=[report.pk]),
        reverse("measures:plan_export", args=[cast.plan.pk]),
        reverse("assessments:result", args=[cast.home.pk, 2566]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("assessments:result", args=[cast.home.pk, 2566]),
        reverse("assessments:result_import", args=[cast.home.pk, 2566]),
        reverse("assessments:many_import"),
    ]:
        assert client.post(url).status_code == 404, url
    for name in ["reports:memo", "reports:submit", "reports:review", "reports:revise"]:
        assert client.post(reverse(name, args=[report.pk])).status_code == 404, name
    recompose = reverse("measures:recompose", args=[cast.measures[3].pk, 1])
    assert client.post(recompose).status_code == 404
    assert "ทดลอง" not in client.get(reverse("measures:mine")).content.decode()
    assert "ทดลอง" not in client.get(reverse("reports:list")).content.decode()
    assert "ทดลอง" not in client.get(reverse("home")).content.decode()
    assert "ทดลอง" not in client.get(reverse("assessments:results")).content.decode()


def test_an_outsider_analyst_sees_nothing_of_it_in_the_admin(client, cast):
    client.force_login(cast.olivia)
    listing = client.get(reverse("admin:measures_measure_changelist"))
    assert listing.status_code == 200
    assert "มาตรการทดลอง" not in listing.content.decode()
    change = client.get(reverse("admin:measures_measure_change", args=[cast.measures[1].pk]))
    assert change.status_code in (302, 403, 404)
    assert "ทดลอง" not in client.get(reverse("admin:reports_report_changelist")).content.decode()


def test_staff_of_another_division_cannot_save_progress_through_the_page(client, cast):
    measure = cast.measures[1]
    client.force_login(cast.carol)
    response = client.post(
        reverse("measures:progress", args=[measure.pk, 1]),
        {"status": "done", "result": "แอบแก้", "version": 1},
    )
    assert response.status_code == 302
    assert "แอบแก้" not in measure.progress_entries.get(period=1).result


@pytest.mark.parametrize("username", ["dina", "paul", "nora"])
def test_a_supervisor_of_its_area_reads_only_results_and_finished_documents(client, cast, username):
    """The supervisors of home's district, province and nation: no draft, evidence, plan or
    person of home is theirs to read, and they write nothing."""
    from assessments.models import AssessmentYear
    from assessments.services import ResultValues, results_write

    draft, entry = cast.draft(), cast.measures[1].progress_entries.get(period=1)
    evidence = evidence_add_link(entry=entry, by=SYSTEM, url="https://example.org/secret")
    results_write(assessment_year=AssessmentYear.objects.get(year=2566), by=cast.alice,
                  values=[ResultValues(organisation=cast.home, total_score=Decimal("88"), level="A",
                                       scores={})])  # fmt: skip
    client.force_login(cast.people[username])
    for url in [
        reverse("measures:detail", args=[cast.measures[1].pk]),
        reverse("measures:progress", args=[cast.measures[1].pk, 1]),
        reverse("measures:evidence", args=[evidence.pk]),
        reverse("reports:detail", args=[draft.pk]),
        reverse("reports:preview", args=[draft.pk]),
        reverse("reports:pdf", args=[draft.pk]),
        reverse("measures:plan_export", args=[cast.plan.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("person_add", args=[cast.home.pk])).status_code == 403
    for url in [
        reverse("assessments:result", args=[cast.home.pk, 2566]),
        reverse("assessments:result_import", args=[cast.home.pk, 2566]),
        reverse("assessments:many_import"),
    ]:
        assert client.post(url).status_code == 404, url
    results = client.get(reverse("assessments:result", args=[cast.home.pk, 2566]))
    page = results.content.decode()
    assert results.status_code == 200 and "๘๘" in page
    assert "alice" not in page  # who recorded them is the organisation's own
    for name in ["reports:memo", "reports:submit", "reports:review", "reports:revise"]:
        assert client.post(reverse(name, args=[draft.pk])).status_code == 404, name
    assert "ทดลอง" not in client.get(reverse("measures:mine")).content.decode()
    assert "ทดลอง" not in client.get(reverse("reports:list")).content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # not staff: the sign-in page
