"""One writer per kind of record: measures (and the indicators they answer), steps, progress
entries and evidence are written only by their writers in measures/services/, ITA results only
by assessments/services.py, the analysis's rows only by reports/analysis.py, publications only
by publishing/services.py, signature images only by organisations/services.py. Every test runs
under this guard (tests/conftest.py): a save or delete of those rows whose nearest project code
is anything else fails the test.

Tests themselves may write rows directly to set a scene; what they call may not."""

import sys
from contextlib import contextmanager
from pathlib import Path

from django.db.models.signals import m2m_changed, pre_delete, pre_save

from assessments.models import AssessmentResult, IndicatorScore
from measures.models import DivisionResult, Evidence, Measure, MeasureStep, ProgressEntry
from organisations.models import SignatureImage
from publishing.models import Publication
from reports.analysis_row import AnalysisRow

ROOT = Path(__file__).resolve().parent.parent
GUARDED = (
    Measure, MeasureStep, ProgressEntry, DivisionResult, Evidence, AssessmentResult,
    IndicatorScore, AnalysisRow, Publication, SignatureImage,
)  # fmt: skip
WRITERS = {
    ROOT / "measures" / "services" / "plan.py",
    ROOT / "measures" / "services" / "progress.py",
    ROOT / "measures" / "services" / "evidence.py",
    ROOT / "assessments" / "services.py",
    ROOT / "reports" / "analysis.py",
    ROOT / "publishing" / "services.py",
    ROOT / "organisations" / "services.py",
}
TESTS = ROOT / "tests"
OUTSIDE = (ROOT / ".venv",)


def nearest_project_file(frame) -> Path | None:
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.is_relative_to(ROOT) and not any(path.is_relative_to(o) for o in OUTSIDE):
            if path != Path(__file__):
                return path
        frame = frame.f_back
    return None


_active: list[list[str]] = []


def _check(sender, **kwargs):
    if not _active:
        return
    writer = nearest_project_file(sys._getframe(1))
    if writer is None or writer in WRITERS or writer.is_relative_to(TESTS):
        return
    instance = kwargs.get("instance")
    _active[-1].append(f"{sender.__name__} {instance!r} written by {writer.relative_to(ROOT)}")


for _model in GUARDED:
    pre_save.connect(_check, sender=_model, weak=False)
    pre_delete.connect(_check, sender=_model, weak=False)
m2m_changed.connect(_check, sender=Measure.divisions.through, weak=False)
m2m_changed.connect(_check, sender=Measure.indicators.through, weak=False)


@contextmanager
def one_writer_per_record():
    """Yields the list of violations found while it is the innermost guard."""
    violations = []
    _active.append(violations)
    try:
        yield violations
    finally:
        _active.pop()
