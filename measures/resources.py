"""django-import-export resources: the measure table in the document's own shape, and a plain
resource for every model (the admin's machine-friendly export)."""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from assessments.models import Indicator
from assessments.rules import results_year_of
from thai.digits import thai_digits

from .models import Measure
from .plan_files import COLUMNS, INDICATORS_COLUMN, ROW_COLUMN, STATUS_COLUMN
from .plan_rows import ParsedRow, parse_row, plan_numbers
from .selectors import period_entry, previous_entry, reported_entry, with_period_entry
from .services.plan import (
    measure_save,
    measure_set_divisions,
    measure_set_indicators,
    measure_set_steps,
    measures_renumber,
)
from .services.progress import progress_save

RESULTS_NOT_IMPORTED = (
    "เลือก “ไม่นำเข้าผลการดำเนินการ” ไว้ จึงไม่ได้นำเข้าคอลัมน์ ผลการดำเนินการ การกำกับติดตาม "
    "และสถานะ ในไฟล์ (ผลเดิมในระบบไม่เปลี่ยน)"
)
NEW_MEASURE, PROGRESS_CHANGE = "มาตรการใหม่", "ผลการดำเนินการ"


class MeasureTableResource(resources.ModelResource):
    """One row per measure: มาตรการ | ขั้นตอนหรือวิธีการ | ผู้รับผิดชอบ | ผลการดำเนินการ |
    การกำกับติดตาม (| สถานะ) (| ตัวชี้วัด: exported when a measure of the plan answers an ITA
    indicator), for one organisation's fiscal year and one reporting period.

    Rows are read and checked whole in `before_import`; each row is then written by the plan's
    and the progress's writers (measures/services), as the person `by`."""

    number = fields.Field(attribute="number", column_name="ข้อ", widget=widgets.IntegerWidget())
    measure = fields.Field(column_name=COLUMNS[0])
    steps = fields.Field(column_name=COLUMNS[1])
    responsible = fields.Field(column_name=COLUMNS[2])
    result = fields.Field(column_name=COLUMNS[3])
    follow_up = fields.Field(column_name=COLUMNS[4])
    status = fields.Field(column_name=STATUS_COLUMN)
    indicators = fields.Field(column_name=INDICATORS_COLUMN)

    class Meta:
        model = Measure
        fields = (
            "number", "measure", "steps", "responsible", "result", "follow_up", "status",
            "indicators",
        )  # fmt: skip
        export_order = ("measure", "steps", "responsible", "result", "follow_up", "status")
        import_id_fields = ("number",)
        instance_loader_class = CachedInstanceLoader
        skip_diff = True
        use_transactions = True

    def __init__(
        self,
        *,
        fiscal_year,
        period=None,
        thai=False,
        by=None,
        statuses=None,
        choosing=False,
        **kwargs,
    ):
        """`statuses`: {row key: Status value} chosen in the preview; `choosing`: whether the
        person can still choose (a preview of the plan page): otherwise a row whose wording says
        no status is an error."""
        super().__init__(**kwargs)
        self.fiscal_year = fiscal_year
        self.period = period
        self.thai = thai
        self.by = by
        self.statuses = statuses or {}
        self.choosing = choosing
        self.parsed: dict[int, ParsedRow] = {}
        self.with_indicators = fiscal_year is not None and (
            Measure.indicators.through.objects.filter(measure__fiscal_year=fiscal_year).exists()
        )

    def get_queryset(self):
        measures = Measure.objects.filter(fiscal_year=self.fiscal_year)
        return with_period_entry(measures, self.period).prefetch_related("indicators")

    # Export ------------------------------------------------------------------------------------

    def get_export_headers(self, selected_fields=None):
        return [*COLUMNS, STATUS_COLUMN] + ([INDICATORS_COLUMN] if self.with_indicators else [])

    def get_export_fields(self, selected_fields=None):
        names = [*self._meta.export_order] + (["indicators"] if self.with_indicators else [])
        return [self.fields[name] for name in names]

    def _digits(self, text):
        return thai_digits(text) if self.thai else text

    def _entry(self, measure):
        return period_entry(measure) if measure.pk else None

    def _reported(self, measure):
        """The entry whose result and status the period's report prints: for the 12-month
        period the 6-month one until the period's own is recorded (selectors.reported_entry)."""
        return reported_entry(self._entry(measure), previous_entry(measure)) if measure.pk else None

    def dehydrate_measure(self, measure):
        return self._digits(measure.heading)

    def dehydrate_steps(self, measure):
        steps = sorted(measure.steps.all(), key=lambda step: step.position)
        return self._digits("\n".join(f"{step.position}. {step.text}" for step in steps))

    def dehydrate_responsible(self, measure):
        return measure.responsible_label

    def dehydrate_result(self, measure):
        entry = self._reported(measure)
        return self._digits(entry.result) if entry else ""

    def dehydrate_follow_up(self, measure):
        entry = self._entry(measure)
        return self._digits(entry.follow_up) if entry else ""

    def dehydrate_indicators(self, measure):
        """Their codes, as the import reads them back: "9, 10"."""
        return self._digits(", ".join(indicator.code for indicator in measure.indicators.all()))

    def dehydrate_status(self, measure):
        entry = self._reported(measure)
        return entry.get_status_display() if entry else ""

    # Import ------------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        """Read every row, and what only the whole file shows: a number used twice, the place
        of each measure in the plan. Measures of the plan whose place changes are moved now, so
        that no two ever hold the same number on the way."""
        organisation = self.fiscal_year.organisation
        by_name = {}
        for division in organisation.divisions.all():
            for name in (division.name, division.short_name):
                if name:
                    by_name["".join(name.split())] = division
        indicators = None
        if INDICATORS_COLUMN in getattr(dataset, "columns", ()):
            year = results_year_of(self.fiscal_year.year)
            found = Indicator.objects.filter(assessment_year__year=year).select_related(
                "assessment_year"
            )
            indicators = (list(found.order_by("order", "code")), year)
        for values in dataset.dict:
            parsed = parse_row(
                values,
                divisions_by_name=by_name,
                organisation=organisation,
                period=self.period,
                chosen=self.statuses.get(int(values[ROW_COLUMN])),
                indicators=indicators,
            )
            if parsed.status_needed and not self.choosing:
                said = f"ถ้อยคำ “{parsed.result}”" if parsed.result else "เครื่องหมายในช่องผล"
                parsed.errors.append(
                    f"{said} ไม่บอกสถานะ กรุณาเลือกสถานะเมื่อนำเข้าทางหน้า แผน หรือเพิ่มคอลัมน์ สถานะ ในไฟล์"
                )
            self.parsed[parsed.key] = parsed
        self.file_notes = list(getattr(dataset, "notes", []))
        if self.period is None and {COLUMNS[3], COLUMNS[4], STATUS_COLUMN} & set(
            getattr(dataset, "columns", ())
        ):
            self.file_notes.insert(0, RESULTS_NOT_IMPORTED)
        first_row = {}
        for parsed in self.parsed.values():
            if not parsed.label:
                continue
            if parsed.label in first_row:
                parsed.errors.append(
                    f"ข้อ {thai_digits(parsed.label)} ซ้ำกับ{first_row[parsed.label].where}"
                )
            else:
                first_row[parsed.label] = parsed
        existing = list(self.fiscal_year.measures.all())
        self.original = {m.pk: (m.number, m.label) for m in existing}
        places, _ = plan_numbers(list(first_row.values()), existing)
        for parsed in self.parsed.values():
            if parsed.label and not parsed.errors:
                parsed.number = places[parsed.label][0]
        moves = {
            m.pk: places[m.item_label]
            for m in existing
            if m.item_label in places and (m.number, m.label) != places[m.item_label]
        }
        if moves:
            measures_renumber(fiscal_year=self.fiscal_year, places=moves, by=self.by)
        self.places = places
        # Rows that could not be read get 0: no measure has it, and they fail before loading.
        dataset.append_col([p.number or 0 for p in self.parsed.values()], header="ข้อ")

    def before_import_row(self, row, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        if parsed.errors:
            raise ValidationError(parsed.errors)

    def import_instance(self, instance, row, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        self.changes = self._changes(instance, parsed)
        instance.fiscal_year = self.fiscal_year
        instance.number, instance.label = self.places[parsed.label]
        instance.title = parsed.title
        instance.all_divisions = parsed.all_divisions

    def _changes(self, measure, parsed) -> list[str]:
        if measure.pk is None:
            return [NEW_MEASURE]
        changes = []
        if self.original.get(measure.pk) != self.places[parsed.label]:
            changes.append("เลขข้อหรือลำดับ")
        if measure.title != parsed.title:
            changes.append("ชื่อมาตรการ")
        if [s.text for s in sorted(measure.steps.all(), key=lambda s: s.position)] != parsed.steps:
            changes.append("ขั้นตอนหรือวิธีการ")
        current = {d.pk for d in measure.divisions.all()}
        if measure.all_divisions != parsed.all_divisions or current != {
            d.pk for d in parsed.divisions
        }:
            changes.append("ผู้รับผิดชอบ")
        if parsed.indicators is not None and {i.pk for i in measure.indicators.all()} != {
            i.pk for i in parsed.indicators
        }:
            changes.append("ตัวชี้วัด")
        if parsed.has_progress:
            # Compared with what the export wrote: a 6-month result carried into the 12-month
            # file and brought back as it was is not recorded for the 12-month period.
            entry, shown = self._entry(measure), self._reported(measure)
            if (
                shown is None
                or shown.result != parsed.result
                or (entry.follow_up if entry else "") != parsed.follow_up
                or shown.status != (parsed.status or shown.status)
            ):
                changes.append(PROGRESS_CHANGE)
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
        if parsed.indicators is not None:
            measure_set_indicators(measure=instance, indicators=parsed.indicators, by=self.by)
        new_or_changed = self.changes == [NEW_MEASURE] or PROGRESS_CHANGE in self.changes
        if parsed.has_progress and parsed.status and new_or_changed:
            progress_save(
                measure=instance,
                period=self.period,
                by=self.by,
                version=None,
                status=parsed.status,
                result=parsed.result,
                follow_up=parsed.follow_up,
            )

    def after_import_row(self, row, row_result, **kwargs):
        parsed = self.parsed[int(row[ROW_COLUMN])]
        row_result.parsed = parsed
        row_result.changes = getattr(self, "changes", []) if not parsed.errors else []

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        # What the preview shows (measures.plans.import_outcome), whichever page imported.
        result.plan_rows = list(self.parsed.values())
        result.plan_notes = getattr(self, "file_notes", [])
        result.plan_keys = [int(key) for key in dataset[ROW_COLUMN]]


class MeasureExportResource(resources.ModelResource):
    """Every field of a measure, for machines: ids, not labels."""

    class Meta:
        model = Measure
        fields = (
            "id",
            "fiscal_year",
            "fiscal_year__year",
            "number",
            "title",
            "all_divisions",
            "divisions",
        )
