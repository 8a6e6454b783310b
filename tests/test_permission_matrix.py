"""Every role × every action, and a second organisation that sees nothing of the first."""

import pytest
from django.urls import reverse

from measures import permissions
from measures.models import Measure
from reports import permissions as report_permissions
from reports import workflow
from tests.conftest import make_member

pytestmark = pytest.mark.django_db

ACTIONS = [
    "view own progress", "view other progress", "edit own progress", "edit other progress",
    "edit plan", "edit memo", "submit", "comment", "approve", "return", "acknowledge",
    "export", "audit trail",
]  # fmt: skip
Y, N = True, False
# staff-klang answers for measure 1 (กองคลัง); measure 2 belongs to สำนักปลัด.
EXPECTED = {
    "staff-klang":  [Y, Y, Y, N, N, N, N, N, N, N, N, Y, Y],
    "staff-palad":  [Y, Y, N, Y, N, N, N, N, N, N, N, Y, N],
    "analyst":      [Y, Y, Y, Y, Y, Y, Y, N, N, N, N, Y, Y],
    "head-office":  [Y, Y, N, N, N, N, N, Y, N, N, N, Y, Y],
    "chief-admin":  [Y, Y, N, N, N, N, N, N, Y, Y, N, Y, Y],
    "chief-exec":   [Y, Y, N, N, N, N, N, N, N, N, Y, Y, Y],
    "site-admin":   [Y, Y, Y, Y, Y, Y, N, N, N, N, N, Y, Y],
    "outsider-analyst":     [N] * 13,
    "outsider-chief-admin": [N] * 13,
    "outsider-staff":       [N] * 13,
}  # fmt: skip


@pytest.fixture
def world(demo, demo_report, other_organisation, django_user_model):
    organisation = demo.organisation
    make_member(organisation, "site-admin", "site_admin")
    make_member(other_organisation, "outsider-analyst", "analyst")
    make_member(other_organisation, "outsider-chief-admin", "chief_administrator")
    make_member(other_organisation, "outsider-staff", "staff", other_organisation.divisions.all())
    users = {user.username: user for user in django_user_model.objects.all()}
    measures = {m.number: m for m in Measure.objects.filter(fiscal_year=demo.fiscal_year)}
    return users, measures, demo_report


def decide(action, user, measures, report, cast):
    own, other = measures[1], measures[2]
    if action in ("comment", "approve", "return", "acknowledge"):
        # Bring the report to the step where this action belongs.
        workflow.report_submit(report, by=cast["analyst"])
        if action != "comment":
            workflow.report_comment(report, by=cast["head-office"], text="")
        if action == "acknowledge":
            workflow.report_approve(report, by=cast["chief-admin"])
        report.refresh_from_db()
    checks = {
        "view own progress": lambda: permissions.can_view_progress(user, own),
        "view other progress": lambda: permissions.can_view_progress(user, other),
        "edit own progress": lambda: permissions.can_edit_progress(user, own, 1),
        "edit other progress": lambda: permissions.can_edit_progress(user, other, 1),
        "edit plan": lambda: permissions.can_edit_plan(user, own.fiscal_year),
        "edit memo": lambda: report_permissions.can_edit_memo(user, report),
        "submit": lambda: report_permissions.can_submit(user, report),
        "comment": lambda: report_permissions.can_comment(user, report),
        "approve": lambda: report_permissions.can_approve(user, report),
        "return": lambda: report_permissions.can_return(user, report),
        "acknowledge": lambda: report_permissions.can_acknowledge(user, report),
        "export": lambda: report_permissions.can_export_report(user, report),
        "audit trail": lambda: permissions.can_see_audit_trail(user, own),
    }
    return checks[action]()


@pytest.mark.parametrize("username", EXPECTED)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(world, username, action):
    users, measures, report = world
    expected = EXPECTED[username][ACTIONS.index(action)]
    assert decide(action, users[username], measures, report, users) is expected


def test_an_outsider_gets_not_found_on_every_page(client, world):
    users, measures, report = world
    client.force_login(users["outsider-analyst"])
    urls = [
        reverse("measures:detail", args=[measures[1].pk]),
        reverse("measures:progress", args=[measures[1].pk, 1]),
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:preview", args=[report.pk]),
        reverse("reports:pdf", args=[report.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for name in ["reports:memo", "reports:submit", "reports:review", "reports:revise"]:
        assert client.post(reverse(name, args=[report.pk])).status_code == 404, name
    mine = client.get(reverse("measures:mine")).content.decode()
    assert "เกียร์" not in mine
    assert "เกียร์" not in client.get(reverse("reports:list")).content.decode()


def test_an_outsider_analyst_sees_nothing_of_it_in_the_admin(client, world):
    users, measures, report = world
    outsider = users["outsider-analyst"]
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)
    listing = client.get(reverse("admin:measures_measure_changelist"))
    assert listing.status_code == 200
    assert "การเผยแพร่ข้อมูล" not in listing.content.decode()
    assert "มาตรการของหน่วยงานอื่น" in listing.content.decode()
    change = client.get(reverse("admin:measures_measure_change", args=[measures[1].pk]))
    assert change.status_code in (302, 403, 404)
    assert (
        client.get(reverse("admin:reports_report_changelist")).content.decode().count("อบต.เกียร์")
        == 0
    )


def test_staff_of_another_division_cannot_save_progress_through_the_page(client, world):
    users, measures, report = world
    client.force_login(users["staff-palad"])
    response = client.post(
        reverse("measures:progress", args=[measures[1].pk, 1]),
        {"status": "done", "result": "แอบแก้", "version": 1},
    )
    assert response.status_code == 302
    assert "แอบแก้" not in measures[1].progress_entries.get(period=1).result
