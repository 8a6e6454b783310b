"""django-import-export resources: the measure table in the document's own shape, and a plain
resource for every model (the admin's machine-friendly export)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from thai.digits import thai_digits

from .limits import STEP_MAX, TITLE_MAX
from .models import ALL_DIVISIONS_LABEL, Measure, Status
from .plan_files import COLUMNS, ROW_COLUMN, STATUS_COLUMN
from .selectors import period_entry, with_period_entry
from .services.plan import measure_save, measure_set_divisions, measure_set_steps
from .services.progress import progress_save
from .table_text import parse_heading, repair_spaces, split_divisions, split_steps

STATUS_BY_LABEL = {label: value for value, label in Status.choices} | {v: v for v in Status.values}


@dataclass
class ParsedRow:
    row: int
    number: int | None = None
    title: str = ""
    steps: list[str] = field(default_factory=list)
    all_divisions: bool = False
    divisions: list = field(default_factory=list)
    result: str = ""
    follow_up: str = ""
    status: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def has_progress(self):
        return bool(self.result or self.follow_up or self.status)


def derived_status(result: str) -> str:
    """What a result written in words says about the status."""
    text = result.replace(" ", "")
    if not text or text.startswith("ยังไม่"):
        return Status.NOT_STARTED
    if "อยู่ระหว่าง" in text or "อยู่ในระหว่าง" in text:
        return Status.IN_PROGRESS
    if "ดำเนินการแล้ว" in text:
        return Status.DONE
    return Status.IN_PROGRESS


class MeasureTableResource(resources.ModelResource):
    """One row per measure: มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ | ผลการดำเนินการ |
    การกำกับติดตาม (| สถานะ), for one organisation's fiscal year and one reporting period.

    Rows are read and checked whole in `before_import`; each row is then written by the plan's
    and the progress's writers (measures/services), as the person `by`."""

    number = fields.Field(attribute="number", column_name="ข้อ", widget=widgets.IntegerWidget())
    measure = fields.Field(column_name=COLUMNS[0])
    steps = fields.Field(column_name=COLUMNS[1])
    responsible = fields.Field(column_name=COLUMNS[2])
    result = fields.Field(column_name=COLUMNS[3])
    follow_up = fields.Field(column_name=COLUMNS[4])
    status = fields.Field(column_name=STATUS_COLUMN)

    class Meta:
        model = Measure
        fields = ("number", "measure", "steps", "responsible", "result", "follow_up", "status")
        export_order = ("measure", "steps", "responsible", "result", "follow_up", "status")
        import_id_fields = ("number",)
        instance_loader_class = CachedInstanceLoader
        skip_diff = True
        use_transactions = True

    def __init__(self, *, fiscal_year, period=None, thai=False, by=None, **kwargs):
        super().__init__(**kwargs)
        self.fiscal_year = fiscal_year
        self.period = period
        self.thai = thai
        self.by = by
        self.parsed: dict[int, ParsedRow] = {}

    def get_queryset(self):
        return with_period_entry(Measure.objects.filter(fiscal_year=self.fiscal_year), self.period)

    # Export ------------------------------------------------------------------------------------

    def get_export_headers(self, selected_fields=None):
        return [*COLUMNS, STATUS_COLUMN]

    def get_export_fields(self, selected_fields=None):
        return [self.fields[name] for name in self._meta.export_order]

    def _digits(self, text):
        return thai_digits(text) if self.thai else text

    def _entry(self, measure):
        return period_entry(measure) if measure.pk else None

    def dehydrate_measure(self, measure):
        return self._digits(f"{measure.number}) {measure.title}")

    def dehydrate_steps(self, measure):
        steps = sorted(measure.steps.all(), key=lambda step: step.position)
        return self._digits("\n".join(f"{step.position}. {step.text}" for step in steps))

    def dehydrate_responsible(self, measure):
        return measure.responsible_label

    def dehydrate_result(self, measure):
        entry = self._entry(measure)
        return self._digits(entry.result) if entry else ""

    def dehydrate_follow_up(self, measure):
        entry = self._entry(measure)
        return self._digits(entry.follow_up) if entry else ""

    def dehydrate_status(self, measure):
        entry = self._entry(measure)
        return entry.get_status_display() if entry else ""

    # Import ------------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        """Read every row, and what only the whole file shows (a number used twice)."""
        divisions = list(self.fiscal_year.organisation.divisions.all())
        by_name = {}
        for division in divisions:
            for name in (division.name, division.short_name):
                if name:
                    by_name["".join(name.split())] = division
        for values in dataset.dict:
            parsed = self._parse(values, by_name)
            self.parsed[parsed.row] = parsed
        first_row = {}
        for parsed in self.parsed.values():
            if parsed.number is None:
                continue
            if parsed.number in first_row:
                parsed.errors.append(
                    f"ข้อ {thai_digits(parsed.number)} ซ้ำกับแถวที่ "
                    f"{thai_digits(first_row[parsed.number])}"
                )
            else:
                first_row[parsed.number] = parsed.row
        # Rows that could not be read get 0: no measure has it, and they fail before loading.
        dataset.append_col([p.number or 0 for p in self.parsed.values()], header="ข้อ")

    def _parse(self, values, by_name) -> ParsedRow:
        parsed = ParsedRow(row=int(values[ROW_COLUMN]))
        try:
            parsed.number, parsed.title = parse_heading(values[COLUMNS[0]])
        except ValueError as error:
            parsed.errors.append(str(error))
        if len(parsed.title) > TITLE_MAX:
            parsed.errors.append(
                f"ชื่อมาตรการยาว {thai_digits(f'{len(parsed.title):,}')} ตัวอักษร "
                f"เกินที่รับได้ ({thai_digits(f'{TITLE_MAX:,}')} ตัวอักษร)"
            )
        parsed.steps = split_steps(values[COLUMNS[1]])
        for position, step in enumerate(parsed.steps, start=1):
            if len(step) > STEP_MAX:
                parsed.errors.append(
                    f"ขั้นตอนที่ {thai_digits(position)} ยาวเกิน {thai_digits(f'{STEP_MAX:,}')} ตัวอักษร"
                )
        names = split_divisions(values[COLUMNS[2]])
        if not names:
            parsed.errors.append("ไม่ได้ระบุผู้รับผิดชอบ")
        for name in names:
            key = "".join(name.split())
            if key == ALL_DIVISIONS_LABEL:
                parsed.all_divisions = True
            elif key in by_name:
                if by_name[key] not in parsed.divisions:
                    parsed.divisions.append(by_name[key])
            else:
                parsed.errors.append(
                    f"ไม่พบส่วนราชการ “{name}” ใน {self.fiscal_year.organisation} "
                    "(ใช้ชื่อหรือชื่อย่อของส่วนราชการ หรือ ทุกกอง)"
                )
        if parsed.all_divisions:
            parsed.divisions = []
        parsed.result = repair_spaces(values.get(COLUMNS[3], ""))
        parsed.follow_up = repair_spaces(values.get(COLUMNS[4], ""))
        status = "".join((values.get(STATUS_COLUMN) or "").split())
        if status:
            labels = {"".join(k.split()): v for k, v in STATUS_BY_LABEL.items()}
            if status not in labels:
                parsed.errors.append(
                    f"สถานะ “{status}” ไม่รู้จัก ใช้ ยังไม่ดำเนินการ อยู่ระหว่างดำเนินการ หรือ ดำเนินการแล้ว"
                )
            else:
                parsed.status = labels[status]
        if parsed.has_progress and self.period is None:
            parsed.errors.append("ไฟล์มีผลการดำเนินการ กรุณาเลือกรอบการรายงานที่จะนำเข้า")
        return parsed

    def before_import_row(self, row, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        if parsed.errors:
            raise ValidationError(parsed.errors)

    def import_instance(self, instance, row, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        self.changes = self._changes(instance, parsed)
        instance.fiscal_year = self.fiscal_year
        instance.number = parsed.number
        instance.title = parsed.title
        instance.all_divisions = parsed.all_divisions

    def _changes(self, measure, parsed) -> list[str]:
        self.creating = measure.pk is None
        if self.creating:
            return ["มาตรการใหม่"]
        changes = []
        if measure.title != parsed.title:
            changes.append("ชื่อมาตรการ")
        if [s.text for s in sorted(measure.steps.all(), key=lambda s: s.position)] != parsed.steps:
            changes.append("ขั้นตอนหรือวิธีการ")
        current = {d.pk for d in measure.divisions.all()}
        if measure.all_divisions != parsed.all_divisions or current != {
            d.pk for d in parsed.divisions
        }:
            changes.append("ผู้รับผิดชอบ")
        if parsed.has_progress:
            entry = self._entry(measure)
            status = parsed.status or derived_status(parsed.result)
            if (
                entry is None
                or entry.result != parsed.result
                or entry.follow_up != parsed.follow_up
                or entry.status != status
            ):
                changes.append("ผลการดำเนินการ")
        return changes

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return not import_validation_errors and instance.pk is not None and not self.changes

    def do_instance_save(self, instance, is_create):
        measure_save(measure=instance, by=self.by)

    def save_m2m(self, instance, row, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        measure_set_divisions(
            measure=instance,
            divisions=parsed.divisions,
            all_divisions=parsed.all_divisions,
            by=self.by,
        )
        measure_set_steps(measure=instance, texts=parsed.steps, by=self.by)
        if parsed.has_progress:
            progress_save(
                measure=instance,
                period=self.period,
                by=self.by,
                version=None,
                status=parsed.status or derived_status(parsed.result),
                result=parsed.result,
                follow_up=parsed.follow_up,
            )

    def after_import_row(self, row, row_result, **kwargs):
        row_result.file_row = int(row[ROW_COLUMN])
        parsed = self.parsed[row_result.file_row]
        row_result.parsed = parsed
        row_result.changes = getattr(self, "changes", []) if not parsed.errors else []


class MeasureExportResource(resources.ModelResource):
    """Every field of a measure, for machines: ids, not labels."""

    class Meta:
        model = Measure
        fields = ("id", "fiscal_year", "fiscal_year__year", "number", "title", "all_divisions",
                  "divisions")  # fmt: skip
