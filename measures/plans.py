"""A plan in and out of files.

Import is always previewed first and writes only when the whole file is valid, in one
transaction, through the plan's and the progress's writers; the page, the admin, the command and
the benchmark all come here. A new year copied from an earlier one is measures.services.plan."""

from dataclasses import dataclass, field

from django.db import transaction

from organisations.refusals import refuse
from thai.digits import thai_digits
from thai.fiscal import Period

from . import period_lock, permissions
from .models import FiscalYear
from .plan_files import ROW_COLUMN, PlanFileError, dataset_bytes, read_plan_table
from .plan_workbook import printable_workbook
from .resources import MeasureTableResource


@dataclass
class RowPreview:
    row: int
    number: int | None
    title: str
    action: str  # "new", "update", "unchanged", "error"
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def action_label(self):
        return {
            "new": "สร้างใหม่",
            "update": "แก้ไข",
            "unchanged": "ไม่เปลี่ยนแปลง",
            "error": "ผิดพลาด",
        }[self.action]


@dataclass
class ImportOutcome:
    rows: list[RowPreview] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [
            f"แถวที่ {thai_digits(row.row)}: {message}" for row in self.rows for message in row.errors
        ]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> str:
        return (
            f"สร้างใหม่ {thai_digits(self.count('new'))} แก้ไข {thai_digits(self.count('update'))} "
            f"ไม่เปลี่ยนแปลง {thai_digits(self.count('unchanged'))}"
        )


def plan_import(
    *, organisation, year, period, content, filename, by, confirm=False
) -> ImportOutcome:
    """Preview (confirm=False) or write (confirm=True) the table into the organisation's plan of
    `year`, creating the plan if there is none. Nothing is written unless every row is valid."""
    refuse(permissions.plan_refusal(by, organisation))
    try:
        dataset = read_plan_table(content, filename)
    except PlanFileError as error:
        return ImportOutcome(file_errors=str(error).split("\n"))
    with transaction.atomic():
        fiscal_year, _ = FiscalYear.objects.get_or_create(organisation=organisation, year=year)
        reason = period is not None and period_lock.closed_reason(fiscal_year, period)
        if reason:
            transaction.set_rollback(True)
            return ImportOutcome(file_errors=[f"{reason} จึงนำเข้าผลการดำเนินการของรอบนี้ไม่ได้"])
        resource = MeasureTableResource(fiscal_year=fiscal_year, period=period, by=by)
        # A preview writes every row and rolls back; confirming writes the same way and keeps
        # it only if every row went in.
        result = resource.import_data(
            dataset,
            dry_run=not confirm,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        outcome = _outcome(result, dataset)
        outcome.written = confirm and outcome.ok
        if not outcome.written:
            transaction.set_rollback(True)
    return outcome


def _outcome(result, dataset) -> ImportOutcome:
    outcome = ImportOutcome()
    file_rows = dataset[ROW_COLUMN]  # the file's row number of each dataset row (1-based index)
    for row_result in result.rows:
        parsed = getattr(row_result, "parsed", None)
        if parsed is None:
            continue
        action = {"new": "new", "update": "update", "skip": "unchanged"}.get(
            row_result.import_type, "error"
        )
        outcome.rows.append(
            RowPreview(parsed.row, parsed.number, parsed.title, action, row_result.changes)
        )
    for invalid in result.invalid_rows:
        messages = [message for messages in invalid.error_dict.values() for message in messages]
        row = int(file_rows[invalid.number - 1])
        outcome.rows.append(RowPreview(row, None, "", "error", errors=messages))
    for number, errors in result.row_errors():
        row = int(file_rows[number - 1])
        outcome.rows.append(
            RowPreview(row, None, "", "error", errors=[str(error.error) for error in errors])
        )
    outcome.rows.sort(key=lambda row: row.row)
    return outcome


def plan_export(fiscal_year, *, period=None, file_format="xlsx", thai_digits=False) -> bytes:
    """The plan and the period's progress in the document's own columns; as Excel, set up to
    read and print like the document's table (measures/plan_workbook.py)."""
    resource = MeasureTableResource(fiscal_year=fiscal_year, period=period, thai=thai_digits)
    dataset = resource.export(resource.get_queryset().order_by("number"))
    dataset.title = f"มาตรการ {fiscal_year.year}"
    content = dataset_bytes(dataset, file_format)
    if file_format != "xlsx":
        return content
    return printable_workbook(content, heading=export_heading(fiscal_year, period))


def export_heading(fiscal_year, period) -> str:
    """What the printed sheet says at the top of every page, as the document's title does."""
    year = thai_digits(fiscal_year.year)
    heading = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}"
    if period is not None:
        heading += f" {Period(period).label}"
    return f"{heading} {fiscal_year.organisation.name}"
