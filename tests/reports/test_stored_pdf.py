import hashlib

import pytest
from django.core.files.storage import storages

from measures.models import ProgressEntry
from reports import rendering, stored_pdfs
from reports.models import RenderedPdf
from tests.reports.conftest import pdftotext, squash

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the report is actually laid out."""
    calls = []
    real = rendering.report_pdf

    def counting(report):
        made = real(report)
        calls.append(squash(pdftotext(made.pdf)))
        return made

    monkeypatch.setattr(rendering, "report_pdf", counting)
    return calls


def test_an_unchanged_report_is_served_again_without_rendering(demo_report, renders):
    first = stored_pdfs.stored_report_pdf(demo_report)
    second = stored_pdfs.stored_report_pdf(demo_report)
    assert len(renders) == 1
    assert second.pk == first.pk
    assert second.read() == first.read()
    assert first.sha256 == hashlib.sha256(first.read()).hexdigest()
    assert first.page_count == 9


def test_saving_without_changing_what_it_shows_renders_nothing(demo_report, renders):
    stored_pdfs.stored_report_pdf(demo_report)
    demo_report.save()
    ProgressEntry.objects.get(measure__number=1, period=1).save()
    stored_pdfs.stored_report_pdf(demo_report)
    assert len(renders) == 1


def test_any_change_to_what_the_report_shows_renders_it_again(demo_report, renders):
    first = stored_pdfs.stored_report_pdf(demo_report)
    entry = ProgressEntry.objects.get(measure__number=1, period=1)
    entry.result = "ดำเนินการแล้ว ครบทุกขั้นตอน"
    entry.save()
    second = stored_pdfs.stored_report_pdf(demo_report)
    assert len(renders) == 2
    assert second.sha256 != first.sha256
    assert "ครบทุกขั้นตอน" in renders[-1]
    # Only the rendering of what the report shows now is kept.
    assert list(RenderedPdf.objects.values_list("pk", flat=True)) == [second.pk]
    documents = storages["documents"]
    assert not documents.exists(first.file_name) and documents.exists(second.file_name)

    step = demo_report.review_steps.get(order=1)
    step.comment = "เห็นควรเสนอ"
    step.save()
    stored_pdfs.stored_report_pdf(demo_report)
    assert len(renders) == 3
