"""Rendered PDFs kept in the "documents" storage, one row each with its hashes.

A draft's rendering is kept while what the report shows is unchanged (`html_sha256` names the
content); the final one, once made, never changes. Requests only read what is ready
(`ready_pdf`); rendering is the worker's (reports/pdf_jobs.py), or a command's."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction

from . import rendering
from .models import RenderedPdf, Report, ReportState
from .selectors import final_rendering

logger = logging.getLogger(__name__)


def ready_pdf(report: Report) -> RenderedPdf | None:
    """The rendering to serve now, without rendering anything: the final one of a finished
    report, else the one of what the report shows now, if either was made."""
    if report.state == ReportState.ACKNOWLEDGED:
        return final_rendering(report)
    key = rendering.report_key(report)
    return report.renderings.filter(html_sha256=key, is_final=False).first()


class MissingDocument(Exception):
    """A finished document's file is not in the storage (lost, or a restore without files)."""


def stored_bytes(rendering: RenderedPdf) -> bytes | None:
    """The rendering's bytes from the storage. A draft's rendering whose file is gone is only a
    cache: it is forgotten (None), to be made again. A final one cannot be made again (it is
    signed, and its hash is published): that is an error for the administrator."""
    try:
        return rendering.read()
    except FileNotFoundError:
        if rendering.is_final:
            logger.error(
                "the final PDF of report %s is missing: %s",
                rendering.report_id,
                rendering.file_name,
            )
            raise MissingDocument(rendering.file_name) from None
        logger.warning("a draft PDF's file is missing, made again: %s", rendering.file_name)
        rendering.delete()
        return None


def stored_report_pdf(report: Report) -> RenderedPdf:
    """The report's PDF as `ready_pdf` finds it, rendered (reports/rendering.py: report_pdf) and
    kept first if there is none."""
    final = final_rendering(report)
    if final:
        return final
    if report.state != ReportState.ACKNOWLEDGED:
        stored = ready_pdf(report)
        if stored:
            return stored
    # A finished report is rendered once, signed, and kept: it never changes (a database
    # trigger refuses any update).
    made = rendering.report_pdf(report)
    return _store(report, made, is_final=report.state == ReportState.ACKNOWLEDGED)


def _store(report, made: rendering.RenderedReport, *, is_final: bool) -> RenderedPdf:
    key, pdf, page_count = made.key, made.pdf, made.page_count
    digest = hashlib.sha256(pdf).hexdigest()
    storage = storages["documents"]
    name = storage.save(f"{report.organisation.pk}/{report.pk}/{digest}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            # Older renderings show what the report no longer shows.
            outdated = list(report.renderings.filter(is_final=False))
            report.renderings.filter(pk__in=[old.pk for old in outdated]).delete()
            rendering = RenderedPdf.objects.create(
                report=report,
                html_sha256=key,
                sha256=digest,
                file_name=name,
                page_count=page_count,
                is_final=is_final,
            )
        _delete_files([old.file_name for old in outdated if old.file_name != name])
        return rendering
    except IntegrityError:
        # Someone else stored the same rendering meanwhile.
        _delete_files([name])
        return report.renderings.get(html_sha256=key)


def _delete_files(names) -> None:
    storage = storages["documents"]
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 - whatever the storage raised (S3's errors are no OSError)
            logger.warning("an outdated rendering's file was not deleted: %s", name)
