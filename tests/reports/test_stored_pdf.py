import hashlib

import pytest

from measures.models import ProgressEntry
from reports import rendering
from reports.models import RenderedPdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts how often the report is actually laid out."""
    calls = []
    real = rendering.html_to_pdf

    def counting(*args, **kwargs):
        calls.append("".join(arg for arg in args if isinstance(arg, str)))
        return real(*args, **kwargs)

    monkeypatch.setattr(rendering, "html_to_pdf", counting)
    return calls


def test_an_unchanged_report_is_served_again_without_rendering(demo_report, renders):
    first = rendering.stored_report_pdf(demo_report)
    second = rendering.stored_report_pdf(demo_report)
    assert len(renders) == 1
    assert second.pk == first.pk
    assert bytes(second.pdf) == bytes(first.pdf)
    assert first.sha256 == hashlib.sha256(bytes(first.pdf)).hexdigest()
    assert first.page_count == 9


def test_saving_without_changing_what_it_shows_renders_nothing(demo_report, renders):
    rendering.stored_report_pdf(demo_report)
    demo_report.save()
    ProgressEntry.objects.get(measure__number=1, period=1).save()
    rendering.stored_report_pdf(demo_report)
    assert len(renders) == 1


def test_any_change_to_what_the_report_shows_renders_it_again(demo_report, renders):
    first = rendering.stored_report_pdf(demo_report)
    entry = ProgressEntry.objects.get(measure__number=1, period=1)
    entry.result = "ดำเนินการแล้ว ครบทุกขั้นตอน"
    entry.save()
    second = rendering.stored_report_pdf(demo_report)
    assert len(renders) == 2
    assert second.sha256 != first.sha256
    assert "ครบทุกขั้นตอน" in renders[-1]
    # Only the rendering of what the report shows now is kept.
    assert list(RenderedPdf.objects.values_list("pk", flat=True)) == [second.pk]

    step = demo_report.review_steps.get(order=1)
    step.comment = "เห็นควรเสนอ"
    step.save()
    rendering.stored_report_pdf(demo_report)
    assert len(renders) == 3
