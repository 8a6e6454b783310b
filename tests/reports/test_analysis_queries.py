"""The analysis's page reads its rows, their measures and the plan's choices in a fixed number
of queries: writing every row and answering the weaknesses with every measure of the plan
costs the page nothing more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Indicator
from measures.services.plan import measure_set_indicators, plan_copy
from organisations.access import SYSTEM
from reports.analysis import RowText, analysis_rows_save
from tests.reports.analysis_scene import analysis_2567

pytestmark = pytest.mark.django_db


def test_the_analysis_page_costs_the_same_with_every_row_written_and_answered(cast, client):
    plan = plan_copy(source=cast.plan, year=2567, by=SYSTEM)
    analysis = analysis_2567(cast)
    client.force_login(cast.alice)

    def counted():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/reports/{analysis.pk}/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    before, _ = counted()
    indicators = list(Indicator.objects.filter(assessment_year__year=2566))
    analysis_rows_save(
        report=analysis,
        texts={i.pk: RowText(weakness=f"จุดอ่อน {i.code}", approach=f"แนวทาง {i.code}")
               for i in indicators},
        by=cast.alice,
    )  # fmt: skip
    for measure in plan.measures.all():
        measure_set_indicators(measure=measure, indicators=indicators, by=cast.alice)
    after, page = counted()
    assert "จุดอ่อน 10" in page and plan.measures.count() >= 2
    assert after <= before, (before, after)
