"""ITA results from a table: always previewed first, written only when the whole file is valid,
in one transaction, through the results' writer (assessments/services.py). The results page,
the operator's page and `manage.py import_ita_results` all come here.

With an organisation given (the results page of one organisation, `--org`), every row is that
organisation's; an organisation column, if the file has one, must name it. Without one (the
deployment's operator), the file's organisation column says whose each row is: by full name,
short name or web address name (slug)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from organisations.models import Organisation
from organisations.refusals import refuse
from organisations.table_files import TableFileError
from thai.digits import thai_digits

from . import permissions
from .models import AssessmentResult
from .result_files import LEVEL, TOTAL, normalised, read_results_table, too_many_organisations
from .services import ORGANISATIONS_PER_WRITE_MAX, ResultValues, results_write


@dataclass
class ScoreLine:
    indicator: object
    score: Decimal | None  # None: not in the file (kept as it is)
    previous: Decimal | None
    row: int | None


@dataclass
class ResultPreview:
    organisation: Organisation
    first_row: int
    total: Decimal | None
    level: str
    total_row: int | None = None
    level_row: int | None = None
    previous_total: Decimal | None = None
    previous_level: str = ""
    lines: list[ScoreLine] = field(default_factory=list)
    action: str = "new"  # "new", "update", "unchanged"

    @property
    def action_label(self) -> str:
        return {"new": "บันทึกใหม่", "update": "แก้ไข", "unchanged": "ไม่เปลี่ยนแปลง"}[self.action]

    @property
    def scores_read(self) -> int:
        return sum(1 for line in self.lines if line.score is not None)


@dataclass
class ResultsImportOutcome:
    assessment_year: object
    results: list[ResultPreview] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    row_errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def errors(self) -> list[str]:
        rows = sorted(self.row_errors, key=lambda error: error[0])
        return self.file_errors + [f"แถวที่ {thai_digits(row)}: {text}" for row, text in rows]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def summary(self) -> str:
        return (
            f"ผลการประเมินของ {thai_digits(len(self.results))} หน่วยงาน: "
            f"บันทึกใหม่ {thai_digits(self.count('new'))} แก้ไข {thai_digits(self.count('update'))} "
            f"ไม่เปลี่ยนแปลง {thai_digits(self.count('unchanged'))}"
        )


def results_import(
    *, content, filename, assessment_year, by, organisation=None, confirm=False
) -> ResultsImportOutcome:
    """Preview (confirm=False) or write (confirm=True) the results in the file for the
    assessment year. Refused when the person may not import for `organisation` (or, without
    one, may not import many organisations' results); every other problem is in the outcome."""
    if organisation is None:
        refuse(permissions.import_many_refusal(by))
    else:
        refuse(permissions.results_refusal(by, organisation))
    outcome = ResultsImportOutcome(assessment_year)
    indicators = list(assessment_year.indicators.order_by("order", "code"))
    levels = list(assessment_year.levels.values_list("label", flat=True))
    try:
        table = read_results_table(
            content,
            filename,
            indicators=indicators,
            levels=levels,
            max_bytes=settings.PLAN_IMPORT_MAX_BYTES,
        )
    except TableFileError as error:
        outcome.file_errors = str(error).split("\n")
        return outcome
    outcome.row_errors, outcome.notes = table.errors, table.notes
    if organisation is None and not table.has_organisation_column:
        outcome.file_errors.append(
            "ไฟล์ไม่มีคอลัมน์หน่วยงาน: ระบุหน่วยงานที่จะนำเข้า (--org) หรือเพิ่มคอลัมน์ หน่วยงาน"
        )
        return outcome
    if len(table.results) > ORGANISATIONS_PER_WRITE_MAX:
        outcome.file_errors.append(
            too_many_organisations(len(table.results), ORGANISATIONS_PER_WRITE_MAX)
        )
        return outcome
    if not indicators and table.errors:
        outcome.file_errors.append(
            f"{assessment_year} ยังไม่มีรายการตัวชี้วัด ให้ผู้ดูแลระบบของระบบเพิ่มก่อนนำเข้าคะแนนรายตัวชี้วัด"
        )

    whose = _organisations(table, organisation, outcome, by)
    reads = [(read, whose[id(read)]) for read in table.results if id(read) in whose]
    for read, _ in reads:
        for what, label in ((TOTAL, "คะแนนรวม"), (LEVEL, "ระดับ")):
            if what not in read.offered:
                outcome.row_errors.append((read.first_row, f"{_who(read)}ไม่มี{label}"))
    outcome.results = _previews(reads, assessment_year, indicators)
    if confirm and outcome.ok:
        values = [
            ResultValues(
                organisation=preview.organisation,
                total_score=preview.total,
                level=preview.level,
                scores={
                    line.indicator: line.score for line in preview.lines if line.score is not None
                },
            )
            for preview in outcome.results
        ]
        results_write(assessment_year=assessment_year, values=values, by=by)
        outcome.written = True
    return outcome


def _who(read) -> str:
    return f"{read.organisation} " if read.organisation else ""


def _organisations(table, organisation, outcome, by) -> dict:
    """Each read result's organisation (keyed by id of the read); errors for the others."""
    if not table.has_organisation_column:
        return {id(read): organisation for read in table.results}
    texts = {read.organisation for read in table.results}
    candidates = list(
        Organisation.objects.filter(
            Q(name__in=texts) | Q(short_name__in=texts) | Q(slug__in=texts)
        ).only("pk", "name", "short_name", "slug")
    )
    named = {}  # each spelling an organisation answers to -> {pk: organisation}
    for candidate in candidates:
        for name in _names(candidate):
            named.setdefault(name, {})[candidate.pk] = candidate
    whose, taken = {}, {}
    for read in table.results:
        found = named.get(normalised(read.organisation), {})
        if len(found) != 1:
            outcome.row_errors.append(
                (
                    read.first_row,
                    f"ไม่พบหน่วยงาน “{read.organisation[:80]}” (ใช้ชื่อเต็ม ชื่อย่อ หรือชื่อในที่อยู่เว็บ)",
                )
            )
            continue
        found = next(iter(found.values()))
        if organisation is not None and found.pk != organisation.pk:
            outcome.row_errors.append(
                (read.first_row, f"แถวนี้เป็นของ{found.name} ไม่ใช่{organisation.name} ที่กำลังนำเข้า")
            )
            continue
        if found.pk in taken:
            outcome.row_errors.append(
                (
                    read.first_row,
                    f"{found.name} ซ้ำกับแถวที่ {thai_digits(taken[found.pk])} (เขียนชื่อต่างกัน)",
                )
            )
            continue
        refusal = organisation is None and permissions.results_refusal(by, found)
        if refusal:
            outcome.row_errors.append((read.first_row, refusal))
            continue
        taken[found.pk] = read.first_row
        whose[id(read)] = found
    return whose


def _names(organisation) -> tuple[str, str, str]:
    return (
        normalised(organisation.name),
        normalised(organisation.short_name),
        organisation.slug.casefold(),
    )


def _previews(reads, assessment_year, indicators) -> list[ResultPreview]:
    """The results as they would be written, beside what is held now (two queries)."""
    held = {
        result.organisation_id: result
        for result in AssessmentResult.objects.filter(
            assessment_year=assessment_year, organisation__in=[o for _, o in reads]
        ).prefetch_related("scores")
    }
    previews = []
    for read, organisation in reads:
        result = held.get(organisation.pk)
        before = {s.indicator_id: s.score for s in result.scores.all()} if result else {}
        preview = ResultPreview(
            organisation=organisation,
            first_row=read.first_row,
            total=read.total.value if read.total else None,
            level=read.level.value if read.level else "",
            total_row=read.total.row if read.total else None,
            level_row=read.level.row if read.level else None,
            previous_total=result.total_score if result else None,
            previous_level=result.level if result else "",
        )
        for indicator in indicators:
            score = read.scores.get(indicator)
            preview.lines.append(
                ScoreLine(
                    indicator,
                    score.value if score else None,
                    before.get(indicator.pk),
                    score.row if score else None,
                )
            )
        if result is None:
            preview.action = "new"
        elif (preview.total, preview.level) != (result.total_score, result.level) or any(
            line.score is not None and line.score != line.previous for line in preview.lines
        ):
            preview.action = "update"
        else:
            preview.action = "unchanged"
        previews.append(preview)
    return previews
