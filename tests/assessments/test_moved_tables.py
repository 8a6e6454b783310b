"""Assessment years and items moved from publishing to assessments with their tables: a
database where a document was published under ๒๕๖๖'s O43 moves forward with the publication
still filed under the same row, which now carries its rule, and permissions stay attached."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assessments.models import AssessmentItem
from publishing.models import Publication

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("publishing", "0002_items_of_2566"), ("assessments", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def test_a_publication_keeps_its_item_through_the_move():
    ContentType.objects.clear_cache()
    old_type = ContentType.objects.get_for_model(AssessmentItem)
    permissions = set(
        Permission.objects.filter(content_type=old_type).values_list("pk", "codename")
    )
    executor = migrate(BEFORE)
    others = [
        n for n in executor.loader.graph.leaf_nodes() if n[0] not in ("assessments", "publishing")
    ]
    apps = executor.loader.project_state([*others, BEFORE[0]]).apps
    # The rows 0002 wrote, again: a test before this one may have emptied every table.
    import_module("publishing.migrations.0002_items_of_2566").add_items(apps, None)
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=old_type.pk).app_label == "publishing"
    organisation = apps.get_model("organisations", "Organisation").objects.create(
        name="องค์การบริหารส่วนตำบลย้าย", short_name="อบต.ย้าย", slug="yai"
    )
    plan = apps.get_model("measures", "FiscalYear").objects.create(
        organisation=organisation, year=2566
    )
    report = apps.get_model("reports", "Report").objects.create(
        fiscal_year=plan, period=1, state="acknowledged", subject="รายงาน", body="ข้อความ",
        author_name="ผู้จัดทำ", author_position="นักวิเคราะห์",
    )  # fmt: skip
    o43 = apps.get_model("publishing", "AssessmentItem").objects.get(
        assessment_year__year=2566, code="O43"
    )
    apps.get_model("publishing", "Publication").objects.create(
        document=report, path="yai/2566/report-1", item=o43, published_at=timezone.now()
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    publication = Publication.objects.get(path="yai/2566/report-1")
    assert publication.item.pk == o43.pk
    assert (publication.item.code, publication.item.document_kind) == ("O43", "report")
    assert publication.item.period == 1 and publication.item.fiscal_year == 2566
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(AssessmentItem).pk == old_type.pk
    assert (
        set(Permission.objects.filter(content_type=old_type).values_list("pk", "codename"))
        == permissions
    )
