"""The demo organisation's first-half report, as the seed document has it."""

from django.contrib.auth import get_user_model
from django.db import transaction

from .services import report_create


@transaction.atomic
def load_demo_report(data: dict, fiscal_year):
    """Create or reset the demo report to the fixture's memo and comments."""
    spec = data["report"]
    fiscal_year.reports.filter(period=spec["period"]).delete()
    author = get_user_model().objects.get(username=spec["author"])
    fields = {
        key: spec[key]
        for key in ("department", "phone", "document_number", "memo_date", "subject", "addressee")
    }
    report = report_create(
        fiscal_year=fiscal_year,
        period=spec["period"],
        author=author,
        body=spec["body"].strip(),
        closing=spec["closing"],
        **fields,
    )
    for step, review in zip(report.review_steps.order_by("order"), spec["reviews"], strict=True):
        assert step.role == review["role"], "the fixture's reviews follow the default chain"
        step.comment = review["comment"]
        step.save(update_fields=["comment"])
    return report
