"""PDFs are rendered by the worker, never by a request that could have had them ready.

The review queues a rendering when a report is submitted, at each step and at the
acknowledgement (the final, signed PDF); a request for a PDF that is not ready queues one and
answers at once. The task row is written in the transaction that queued it (django-tasks'
database backend), so it commits or rolls back with the change. A failed rendering is tried
again after `PDF_RETRY_SECONDS`, then given up and shown as failed until someone retries; a
rendering cut off with its worker is queued again after `PDF_RUNNING_TIMEOUT_SECONDS`."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import PdfJob, Report

logger = logging.getLogger(__name__)
State = PdfJob.State


def queue(report: Report, *, changed: bool = True) -> None:
    """Queue the rendering of what the report needs now (its final PDF once acknowledged), unless
    one is already waiting. After a change (`changed`: a step of the review), a rendering running
    meanwhile may show the report as it was (a draft while the chief executive signs): another is
    queued after it, and the earlier one's end does not mark the job done. A request for the file
    (`changed=False`) waits for a running rendering unless it has stalled."""
    from .tasks import render_pdf

    with transaction.atomic():
        job, created = PdfJob.objects.select_for_update().get_or_create(
            report=report, defaults={"state": State.QUEUED, "queued_at": timezone.now()}
        )
        if not created:
            running = job.state == State.RUNNING and not _stalled(job)
            if job.state == State.QUEUED or (running and not changed):
                return
            job.state, job.attempts, job.error = State.QUEUED, 0, ""
            job.queued_at, job.started_at, job.finished_at = timezone.now(), None, None
            job.save()
        render_pdf.enqueue(report.pk)


def status(report: Report) -> PdfJob | None:
    return PdfJob.objects.filter(report=report).first()


def _stalled(job) -> bool:
    limit = timedelta(seconds=settings.PDF_RUNNING_TIMEOUT_SECONDS)
    return job.started_at is not None and timezone.now() - job.started_at > limit


def run(report_pk: int) -> None:
    """The worker's part: render and keep the PDF, or record the failure and try again later."""
    from .stored_pdfs import stored_report_pdf
    from .tasks import render_pdf

    started = timezone.now()
    PdfJob.objects.filter(report_id=report_pk).update(
        state=State.RUNNING, attempts=F("attempts") + 1, started_at=started, error=""
    )
    # Only this run's own job: a rendering queued meanwhile is left waiting (see `queue`).
    jobs = PdfJob.objects.filter(report_id=report_pk, state=State.RUNNING, started_at=started)
    try:
        report = Report.objects.select_related("fiscal_year__organisation").get(pk=report_pk)
        stored_report_pdf(report)
    except Exception as error:
        job = jobs.first()
        if job is None:  # queued again meanwhile: that rendering comes next
            raise
        attempts = job.attempts
        delays = settings.PDF_RETRY_SECONDS
        again = attempts <= len(delays)
        logger.exception(
            "rendering the PDF of report %s failed (attempt %s%s)",
            report_pk,
            attempts,
            ", will retry" if again else ", giving up",
        )
        message = f"{type(error).__name__}: {error}"[:500]
        with transaction.atomic():
            if again:
                jobs.update(state=State.QUEUED, error=message, finished_at=None)
                later = timezone.now() + timedelta(seconds=delays[attempts - 1])
                render_pdf.using(run_after=later).enqueue(report_pk)
            else:
                jobs.update(state=State.FAILED, error=message, finished_at=timezone.now())
        raise
    jobs.update(state=State.DONE, finished_at=timezone.now())
