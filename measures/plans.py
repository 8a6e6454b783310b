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
from .models import FiscalYear, Status
from .plan_files import PlanFileError, dataset_bytes, read_plan_table
from .plan_rows import ParsedRow
from .plan_workbook import printable_workbook
from .resources import MeasureTableResource


@dataclass
class RowPreview:
    """One row of the file as the preview shows it: what it writes to the plan and to the
    period's progress, and why not."""

    key: int
    where: str
    label: str
    title: str
    action: str  # "new", "update", "unchanged", "error"
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    parsed: ParsedRow | None = None

    @property
    def action_label(self):
        return {
            "new": "สร้างใหม่",
            "update": "แก้ไข",
            "unchanged": "ไม่เปลี่ยนแปลง",
            "error": "ผิดพลาด",
        }[self.action]

    @property
    def row(self) -> int:
        return self.key

    @property
    def number(self) -> int | None:
        return self.parsed.number if self.parsed else None

    @property
    def status_needed(self) -> bool:
        return bool(self.parsed and self.parsed.status_needed)

    @property
    def named(self) -> str:
        return self.parsed.named if self.parsed else self.where


@dataclass
class ImportOutcome:
    rows: list[RowPreview] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the file holds that is not read
    period: int | None = None
    written: bool = False

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [
            f"{row.named}: {message}" for row in self.rows for message in row.errors
        ]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def period_label(self) -> str:
        return Period(self.period).label if self.period else ""

    @property
    def choices_needed(self) -> list[RowPreview]:
        """Rows whose result's wording says no status: the person chooses before confirming."""
        return [row for row in self.rows if row.status_needed and not row.errors]

    def count(self, action) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> str:
        return (
            f"สร้างใหม่ {thai_digits(self.count('new'))} แก้ไข {thai_digits(self.count('update'))} "
            f"ไม่เปลี่ยนแปลง {thai_digits(self.count('unchanged'))}"
        )


def plan_import(
    *, organisation, year, period, content, filename, by, confirm=False, statuses=None
) -> ImportOutcome:
    """Preview (confirm=False) or write (confirm=True) the table into the organisation's plan of
    `year`, creating the plan if there is none. Nothing is written unless every row is valid.
    `statuses`: {row key: Status value} chosen in the preview for rows whose result's wording
    says no status; when writing, every such row needs one."""
    refuse(permissions.plan_refusal(by, organisation))
    statuses = {key: value for key, value in (statuses or {}).items() if value in Status.values}
    try:
        dataset = read_plan_table(content, filename)
    except PlanFileError as error:
        return ImportOutcome(file_errors=str(error).split("\n"), period=period)
    with transaction.atomic():
        fiscal_year, _ = FiscalYear.objects.get_or_create(organisation=organisation, year=year)
        reason = period is not None and period_lock.closed_reason(fiscal_year, period)
        if reason:
            transaction.set_rollback(True)
            return ImportOutcome(
                file_errors=[f"{reason} จึงนำเข้าผลการดำเนินการของรอบนี้ไม่ได้"], period=period
            )
        resource = MeasureTableResource(
            fiscal_year=fiscal_year, period=period, by=by, statuses=statuses, choosing=not confirm
        )
        # A preview writes every row and rolls back; confirming writes the same way and keeps
        # it only if every row went in.
        result = resource.import_data(
            dataset,
            dry_run=not confirm,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        outcome = import_outcome(result)
        outcome.period = period
        outcome.written = confirm and outcome.ok
        if not outcome.written:
            transaction.set_rollback(True)
    return outcome


def import_outcome(result) -> ImportOutcome:
    """The preview of an import's result (a django-import-export Result of
    MeasureTableResource): every row of the file in order, with what it writes and its errors;
    the file's notes."""
    outcome = ImportOutcome(notes=list(getattr(result, "plan_notes", [])))
    outcome.file_errors = [str(error.error) for error in result.base_errors]
    parsed_rows = {row.key: row for row in getattr(result, "plan_rows", [])}
    keys = getattr(result, "plan_keys", [])
    actions = {}
    for row_result in result.rows:
        parsed = getattr(row_result, "parsed", None)
        if parsed is not None:
            action = {"new": "new", "update": "update", "skip": "unchanged"}.get(
                row_result.import_type, "error"
            )
            actions[parsed.key] = (action, row_result.changes, [])
    for invalid in result.invalid_rows:
        messages = [message for messages in invalid.error_dict.values() for message in messages]
        actions[keys[invalid.number - 1]] = ("error", [], messages)
    for number, errors in result.row_errors():
        actions[keys[number - 1]] = ("error", [], [str(error.error) for error in errors])
    for key, parsed in parsed_rows.items():
        action, changes, errors = actions.get(key, ("error", [], parsed.errors))
        outcome.rows.append(
            RowPreview(
                key, parsed.where, parsed.label, parsed.title, action, changes, errors, parsed
            )
        )
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
