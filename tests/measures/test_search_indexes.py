"""On PostgreSQL the admin's searches are answered by trigram indexes, Thai text included
(pg_trgm makes trigrams of Thai letters under the database's C.UTF-8 or Thai locale)."""

import pytest
from django.db import connection

from measures.models import Measure, MeasureStep, ProgressEntry
from organisations.models import Organisation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]


def plan_of(queryset) -> str:
    # Tables this small are read whole, or walked by their primary key: rule both out, so the
    # plan shows whether an index answers the condition.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    return queryset.order_by().explain()


@pytest.mark.parametrize(
    "queryset, index",
    [
        (lambda: Measure.objects.filter(title__icontains="เผยแพร่"), "measure_title_trgm"),
        (lambda: MeasureStep.objects.filter(text__icontains="บัตรคิว"), "measure_step_text_trgm"),
        (
            lambda: ProgressEntry.objects.filter(result__icontains="ความก้าวหน้า"),
            "progress_result_trgm",
        ),
        (lambda: Organisation.objects.filter(name__icontains="เกียร์"), "organisation_name_trgm"),
    ],
)
def test_thai_searches_use_the_trigram_indexes(demo, queryset, index):
    assert queryset().exists()
    assert index in plan_of(queryset())


def test_the_index_finds_what_a_full_scan_finds(demo):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    found = set(Measure.objects.filter(title__icontains="ข้อมูล").values_list("number", flat=True))
    expected = {m.number for m in Measure.objects.all() if "ข้อมูล" in m.title}
    assert found == expected and found
