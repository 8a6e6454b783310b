"""The chief administrator's step changes only what its form sends: approving or returning
without the follow-up fields keeps every follow-up, live and in the submitted table."""

import pytest
from django.urls import reverse

from organisations.models import StepKind
from reports import workflow
from reports.models import Report
from tests.cast import (
    PASSWORD,  # noqa: E402
    advance,
)

pytestmark = pytest.mark.django_db


def in_review_with_follow_ups(cast):
    report = advance(cast.draft(), through=StepKind.COMMENT)
    # A first direction, given earlier in this review.
    workflow.report_return(report, by=cast.chief, reason="เพิ่มผลข้อ ๒", follow_ups={1: "เร่งรัด"})
    advance(report, through=StepKind.COMMENT)
    return Report.objects.get(pk=report.pk)


def follow_ups(cast, report):
    live = {m.number: m.progress_entries.get(period=1).follow_up for m in cast.measures.values()}
    rows = report.snapshot["table"]["rows"] if report.snapshot else []  # none once returned
    return live, {row["number"]: row["follow_up"] for row in rows}


@pytest.mark.parametrize(
    "decision", [{"decision": "approve"}, {"decision": "return", "reason": "ยังไม่ครบ"}]
)
def test_a_decision_without_follow_up_fields_keeps_them(cast, client, decision):
    report = in_review_with_follow_ups(cast)
    live, snapshot = follow_ups(cast, report)
    assert live[1] == snapshot[1] == "เร่งรัด"
    client.force_login(cast.chief)
    client.post(reverse("reports:review", args=[report.pk]), {**decision, "password": PASSWORD})
    report.refresh_from_db()
    assert report.state in ("approved", "returned")
    live, _ = follow_ups(cast, report)
    assert live == {1: "เร่งรัด", 2: "", 3: ""}
    if report.state == "approved":
        assert follow_ups(cast, report)[1][1] == "เร่งรัด"


def test_only_the_directions_sent_change(cast, client):
    report = in_review_with_follow_ups(cast)
    client.force_login(cast.chief)
    client.post(
        reverse("reports:review", args=[report.pk]),
        {"decision": "approve", "follow_up_2": "ให้รายงานผลเพิ่มเติม", "password": PASSWORD},
    )
    report.refresh_from_db()
    live, snapshot = follow_ups(cast, report)
    assert live == snapshot == {1: "เร่งรัด", 2: "ให้รายงานผลเพิ่มเติม", 3: ""}
