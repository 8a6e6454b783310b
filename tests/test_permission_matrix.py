"""Every role × every act × two organisations, on the small cast (tests/cast.py): each act is
asked the way its page and its writer ask it (the `…_refusal` or `can_…` they call), on the
document at the stage the act belongs to, and the people it lets through are named."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import permissions as results
from assessments.models import AssessmentYear
from assessments.services import ResultValues, results_write
from measures import permissions as measures
from measures.services.evidence import evidence_add_link
from organisations import access
from organisations.access import SYSTEM
from organisations.models import StepKind
from publishing import permissions as publishing
from reports import permissions as reports
from tests.cast import advance

pytestmark = pytest.mark.django_db

HOME = {"bob", "carol", "alice", "sam", "henry", "chief", "mayor"}
# They hold no role anywhere: dina oversees home's district, paul its province, nora the nation;
# pita oversees away's province. Supervisors read home's results and finished documents only.
SUPERVISORS = {"dina", "paul", "nora"}
EVERYONE = HOME | {"olivia", "oscar", "otto"} | SUPERVISORS | {"pita"}


def may(refusal) -> bool:
    return refusal is None


# act: (the stage of the document it belongs to, what the page and the writer ask, who may).
# bob answers for measure 1 (คลัง), carol for measure 2 (ช่าง); measure 3 is every division's
# (ทุกกอง): each division writes its own part, those who keep the plan the combined text.
ACTS = {
    "read a measure and its progress": (
        None,
        lambda u, c, r: measures.can_view_progress(u, c.measures[1]),
        HOME,
    ),
    "record คลัง's measure 1": (
        None,
        lambda u, c, r: may(measures.progress_refusal(u, c.measures[1], 1)),
        {"bob", "alice", "sam"},
    ),
    "record ช่าง's measure 2": (
        None,
        lambda u, c, r: may(measures.progress_refusal(u, c.measures[2], 1)),
        {"carol", "alice", "sam"},
    ),
    "download evidence": (
        None,
        lambda u, c, r: measures.can_download_evidence(u, c.evidence),
        HOME,
    ),
    "add or remove measure 1's evidence": (
        None,
        lambda u, c, r: may(measures.evidence_refusal(u, c.entry)),
        {"bob", "alice", "sam"},
    ),
    "delete measure 1's entry of a period": (
        None,
        lambda u, c, r: may(measures.entry_delete_refusal(u, c.entry)),
        {"alice", "sam"},
    ),
    "keep the plan (edit, import, copy a year)": (
        None,
        lambda u, c, r: may(measures.plan_refusal(u, c.home)),
        {"alice", "sam"},
    ),
    "export the plan": (None, lambda u, c, r: measures.can_export_plan(u, c.home), HOME),
    "see measure 1's audit trail": (
        None,
        lambda u, c, r: measures.can_see_audit_trail(u, c.measures[1]),
        HOME - {"carol"},
    ),
    "record คลัง's part of ทุกกอง": (
        None,
        lambda u, c, r: may(
            measures.division_result_refusal(u, c.measures[3], 1, c.divisions["คลัง"])
        ),
        {"bob", "alice", "sam"},
    ),
    "write ทุกกอง's combined text": (
        None,
        lambda u, c, r: may(measures.entry_refusal(u, c.measures[3], 1)),
        {"alice", "sam"},
    ),
    "read the report, its preview and PDF": (
        "draft",
        lambda u, c, r: reports.can_view_report(u, r),
        HOME,
    ),
    "create a document": (
        None,
        lambda u, c, r: may(reports.create_refusal(u, c.plan)),
        {"alice", "sam"},
    ),
    "edit the memo": ("draft", lambda u, c, r: may(reports.memo_refusal(u, r)), {"alice", "sam"}),
    "submit": ("draft", lambda u, c, r: may(reports.submit_refusal(u, r)), {"alice"}),
    "comment": (
        "submit",
        lambda u, c, r: may(reports.step_refusal(u, r, StepKind.COMMENT)),
        {"henry"},
    ),
    "approve or return": (
        "comment",
        lambda u, c, r: may(reports.step_refusal(u, r, StepKind.APPROVE)),
        {"chief"},
    ),
    "direct follow-up while in review": (
        "comment",
        lambda u, c, r: may(measures.follow_up_refusal(u, c.measures[1], 1)),
        {"chief"},
    ),
    "acknowledge": (
        "approve",
        lambda u, c, r: may(reports.step_refusal(u, r, StepKind.ACKNOWLEDGE)),
        {"mayor"},
    ),
    "revise the finished report": (
        "acknowledge",
        lambda u, c, r: may(reports.revise_refusal(u, r)),
        {"alice"},
    ),
    "publish the finished report": (
        "acknowledge",
        lambda u, c, r: may(publishing.publish_refusal(u, r)),
        {"alice", "sam"},
    ),
    "add a person": (None, lambda u, c, r: may(access.people_refusal(u, c.home)), {"sam"}),
    "set one's own signature image": (
        None,
        lambda u, c, r: may(access.signature_image_refusal(u, u)),
        EVERYONE,
    ),
    "remove bob's signature image": (
        None,
        lambda u, c, r: may(access.signature_removal_refusal(u, c.bob)),
        {"bob", "sam"},
    ),
    "read ITA results": (
        None,
        lambda u, c, r: results.can_view_results(u, c.home),
        HOME | SUPERVISORS,
    ),
    "write ITA results": (
        None,
        lambda u, c, r: may(results.results_refusal(u, c.home)),
        {"alice", "sam"},
    ),
    "import many organisations' ITA results": (
        None,
        lambda u, c, r: may(results.import_many_refusal(u)),
        set(),
    ),
    "oversee the organisation": (None, lambda u, c, r: access.supervises(u, c.home), SUPERVISORS),
    "read the finished document's final PDF": (
        "acknowledge",
        lambda u, c, r: reports.can_read_final(u, r),
        HOME | SUPERVISORS,
    ),
    "grant a supervisor role": (None, lambda u, c, r: may(access.supervisors_refusal(u)), set()),
}


@pytest.mark.parametrize("act", ACTS)
def test_permission_matrix(cast, act):
    stage, asked, expected = ACTS[act]
    cast.entry = cast.measures[1].progress_entries.get(period=1)
    cast.evidence = cast.entry.evidence.create(url="https://example.org/e", added_by=None)
    cast.divisions = {division.name: division for division in cast.home.divisions.all()}
    report = None
    if stage == "draft":
        report = cast.draft()
    elif stage is not None:
        report = advance(cast.draft(), through=stage)
    allowed = {name for name, person in cast.people.items() if asked(person, cast, report)}
    assert allowed == expected


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
        reverse("publishing:manage", args=[report.pk]),
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
    # Another organisation's measure is as unknown as one that does not exist.
    change = client.get(reverse("admin:measures_measure_change", args=[cast.measures[1].pk]))
    assert change.status_code == 302 and change["Location"] == reverse("admin:index")
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


@pytest.mark.parametrize("username", sorted(SUPERVISORS))
def test_a_supervisor_of_its_area_reads_only_results_and_finished_documents(client, cast, username):
    """The supervisors of home's district, province and nation: no draft, evidence, plan or
    person of home is theirs to read, and they write nothing."""
    draft, entry = cast.draft(), cast.measures[1].progress_entries.get(period=1)
    evidence = evidence_add_link(entry=entry, by=SYSTEM, url="https://example.org/secret")
    results_write(
        assessment_year=AssessmentYear.objects.get(year=2566),
        by=cast.alice,
        values=[
            ResultValues(organisation=cast.home, total_score=Decimal("88"), level="A", scores={})
        ],
    )
    client.force_login(cast.people[username])
    for url in [
        reverse("measures:detail", args=[cast.measures[1].pk]),
        reverse("measures:progress", args=[cast.measures[1].pk, 1]),
        reverse("measures:evidence", args=[evidence.pk]),
        reverse("reports:detail", args=[draft.pk]),
        reverse("reports:preview", args=[draft.pk]),
        reverse("reports:pdf", args=[draft.pk]),
        reverse("measures:plan_export", args=[cast.plan.pk]),
        reverse("publishing:manage", args=[draft.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("person_add", args=[cast.home.pk])).status_code == 403
    for url in [
        reverse("assessments:result", args=[cast.home.pk, 2566]),
        reverse("assessments:result_import", args=[cast.home.pk, 2566]),
        reverse("assessments:many_import"),
    ]:
        assert client.post(url).status_code == 404, url
    results_page = client.get(reverse("assessments:result", args=[cast.home.pk, 2566]))
    page = results_page.content.decode()
    assert results_page.status_code == 200 and "๘๘" in page
    assert "alice" not in page  # who recorded them is the organisation's own
    for name in ["reports:memo", "reports:submit", "reports:review", "reports:revise"]:
        assert client.post(reverse(name, args=[draft.pk])).status_code == 404, name
    assert "ทดลอง" not in client.get(reverse("measures:mine")).content.decode()
    assert "ทดลอง" not in client.get(reverse("reports:list")).content.decode()
    assert client.get(reverse("admin:index")).status_code == 302  # not staff: the sign-in page
