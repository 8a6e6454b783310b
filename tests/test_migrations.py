"""A database holding the demo, made by the migrations that were live before the organisations
app existed, moves forward intact: every row and text where it was, the people's permissions
still attached, and the period of a submitted report locked."""

import hashlib

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from measures.demo import read_demo_fixture
from measures.models import FiscalYear, Measure, PeriodLock, ProgressEntry
from organisations.models import Division, Membership, Organisation, ReviewChainStep
from reports.models import RenderedPdf

pytestmark = pytest.mark.django_db(transaction=True)

STORED_PDF = b"%PDF-1.7\n% a final rendering kept in its row\n%%EOF\n"
BEFORE = [("measures", "0002_integrity_triggers"), ("reports", "0002_final_pdf_never_changes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def fill_the_old_schema(apps, data):
    """The demo as the old models held it: organisations and people in `measures`, the review
    chain in `reports`, and the first-half report in review."""
    organisation = apps.get_model("measures", "Organisation").objects.create(
        **{key: value for key, value in data["organisation"].items() if key not in ("slug", "kind")}
    )
    Division = apps.get_model("measures", "Division")
    divisions = {
        row["name"]: Division.objects.create(
            organisation=organisation, name=row["name"], short_name=row.get("short_name", ""),
            order=order,
        )
        for order, row in enumerate(data["divisions"], start=1)
    }  # fmt: skip
    User = apps.get_model("auth", "User")
    Membership = apps.get_model("measures", "Membership")
    for person in data["people"]["users"]:
        user = User.objects.create(username=person["username"])
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=person["role"],
            display_name=person["display_name"], position_title=person["position_title"],
        )  # fmt: skip
        membership.divisions.set([divisions[name] for name in person.get("divisions", [])])
    fiscal_year = apps.get_model("measures", "FiscalYear").objects.create(
        organisation=organisation, year=data["plan"]["year"]
    )
    for row in data["plan"]["measures"]:
        measure = apps.get_model("measures", "Measure").objects.create(
            fiscal_year=fiscal_year, number=row["number"], title=row["title"],
            all_divisions=row["divisions"] == ["ทุกกอง"],
        )  # fmt: skip
        measure.divisions.set([divisions[n] for n in row["divisions"] if n in divisions])
        for position, text in enumerate(row["steps"], start=1):
            apps.get_model("measures", "MeasureStep").objects.create(
                measure=measure, position=position, text=text
            )
        apps.get_model("measures", "ProgressEntry").objects.create(
            measure=measure, period=1, status=row["status"], result=row["result"],
            follow_up=row["follow_up"],
        )  # fmt: skip
    ReviewChainStep = apps.get_model("reports", "ReviewChainStep")
    for order, (role, kind) in enumerate(
        [("head_of_office", "comment"), ("chief_administrator", "approve"),
         ("chief_executive", "acknowledge")], start=1,
    ):  # fmt: skip
        ReviewChainStep.objects.create(organisation=organisation, order=order, role=role, kind=kind)
    spec = data["report"]
    report = apps.get_model("reports", "Report").objects.create(
        fiscal_year=fiscal_year, period=1, state="in_review", round=1, current_step=1,
        department=spec["department"], subject=spec["subject"], addressee=spec["addressee"],
        body=spec["body"], author_name="นางรอซึลา บินมะนอร์", author_position="นักวิเคราะห์",
    )  # fmt: skip
    apps.get_model("reports", "RenderedPdf").objects.create(
        report=report, html_sha256="content", sha256=hashlib.sha256(STORED_PDF).hexdigest(),
        pdf=STORED_PDF, page_count=1, is_final=True,
    )  # fmt: skip


def test_a_database_holding_the_demo_moves_forward_intact():
    data = read_demo_fixture()
    division_type = ContentType.objects.get_for_model(Division)
    permissions_before = set(
        Permission.objects.filter(content_type=division_type).values_list("pk", "codename")
    )
    executor = migrate(BEFORE)
    fill_the_old_schema(executor.loader.project_state(BEFORE).apps, data)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    organisation = Organisation.objects.get()
    assert organisation.name == data["organisation"]["name"]
    assert [d.label for d in organisation.divisions.order_by("order")] == [
        row.get("short_name") or row["name"] for row in data["divisions"]
    ]
    assert Membership.objects.count() == len(data["people"]["users"])
    klang = Membership.objects.get(user__username="staff-klang")
    assert [d.name for d in klang.divisions.all()] == ["กองคลัง"]
    assert ReviewChainStep.objects.filter(organisation=organisation).count() == 3
    fiscal_year = FiscalYear.objects.get()
    measures = Measure.objects.filter(fiscal_year=fiscal_year).order_by("number")
    assert [m.title for m in measures] == [row["title"] for row in data["plan"]["measures"]]
    assert [[step.text for step in measure.steps.order_by("position")] for measure in measures] == [
        row["steps"] for row in data["plan"]["measures"]
    ]
    assert [m.responsible_labels for m in measures][0] == ["กองคลัง"]
    assert [
        e.result for e in ProgressEntry.objects.filter(period=1).order_by("measure__number")
    ] == [row["result"] for row in data["plan"]["measures"]]
    # The people's permissions on moved models stayed attached to the same content type.
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Division).pk == division_type.pk
    assert (
        set(Permission.objects.filter(content_type=division_type).values_list("pk", "codename"))
        == permissions_before
    )
    # The report in review locks its period from now on.
    assert PeriodLock.objects.get(fiscal_year=fiscal_year, period=1).stage == "review"
    # The stored PDF moved from its row into the documents storage, and still never changes.
    final = RenderedPdf.objects.get()
    assert final.read() == STORED_PDF
    assert final.sha256 == hashlib.sha256(STORED_PDF).hexdigest()
    with pytest.raises(IntegrityError), transaction.atomic():
        RenderedPdf.objects.filter(pk=final.pk).update(page_count=2)
