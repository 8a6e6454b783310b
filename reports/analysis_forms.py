"""The analysis page's forms: what the analyst writes of each indicator, a measure made from a
weakness, and which measures of the plan answer an indicator."""

from django import forms

from measures.limits import STEP_MAX, STEPS_PER_MEASURE_MAX, TITLE_MAX, too_long_message
from thai.digits import thai_digits

from .analysis import RowText
from .analysis_row import ANALYSIS_TEXT_MAX


def _text(label, rows=3):
    return forms.CharField(
        label=label,
        required=False,
        max_length=ANALYSIS_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"max_length": too_long_message(label, ANALYSIS_TEXT_MAX)},
    )


class AnalysisRowsForm(forms.Form):
    """Two texts per row of the table: the weakness found and the approach."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            name = f"ตัวชี้วัดที่ {thai_digits(row['code'])}"
            self.fields[f"weakness_{row['indicator_id']}"] = _text(f"จุดอ่อนที่พบ ({name})")
            self.fields[f"approach_{row['indicator_id']}"] = _text(f"แนวทางการพัฒนา ({name})")
            self.initial.setdefault(f"weakness_{row['indicator_id']}", row["weakness"])
            self.initial.setdefault(f"approach_{row['indicator_id']}", row["approach"])

    def row_fields(self):
        return [
            (row, self[f"weakness_{row['indicator_id']}"], self[f"approach_{row['indicator_id']}"])
            for row in self.rows
        ]

    def texts(self) -> dict[int, RowText]:
        return {
            row["indicator_id"]: RowText(
                self.cleaned_data[f"weakness_{row['indicator_id']}"],
                self.cleaned_data[f"approach_{row['indicator_id']}"],
            )
            for row in self.rows
        }


class MeasureFromWeaknessForm(forms.Form):
    """A new measure of the plan, answering the weakness's indicator (named beside the form,
    outside its prefix)."""

    title = forms.CharField(
        label="มาตรการ",
        max_length=TITLE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "กรุณาระบุชื่อมาตรการ",
            "max_length": too_long_message("ชื่อมาตรการ", TITLE_MAX),
        },
    )
    steps = forms.CharField(
        label="ขั้นตอนหรือวิธีการ (บรรทัดละหนึ่งขั้นตอน)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=STEPS_PER_MEASURE_MAX * (STEP_MAX + 1),
        error_messages={"required": "กรุณาระบุขั้นตอนอย่างน้อยหนึ่งขั้นตอน"},
    )
    divisions = forms.TypedMultipleChoiceField(
        label="ผู้รับผิดชอบ", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    all_divisions = forms.BooleanField(label="ทุกกอง", required=False)

    def __init__(self, *args, divisions, **kwargs):
        """`divisions`: the organisation's, read once for every row of the page."""
        super().__init__(*args, **kwargs)
        self.divisions = {division.pk: division for division in divisions}
        self.fields["divisions"].choices = [(d.pk, d.label) for d in divisions]

    def chosen_divisions(self) -> list:
        return [self.divisions[pk] for pk in self.cleaned_data["divisions"]]

    def clean_steps(self):
        lines = [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]
        if len(lines) > STEPS_PER_MEASURE_MAX:
            raise forms.ValidationError(
                f"มาตรการหนึ่งข้อมีขั้นตอนได้ไม่เกิน {thai_digits(STEPS_PER_MEASURE_MAX)} ขั้นตอน"
            )
        for position, line in enumerate(lines, start=1):
            if len(line) > STEP_MAX:
                raise forms.ValidationError(
                    too_long_message(f"ขั้นตอนที่ {thai_digits(position)} ", STEP_MAX)
                )
        return lines

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("all_divisions") and not cleaned.get("divisions"):
            self.add_error("divisions", "กรุณาเลือกส่วนราชการผู้รับผิดชอบ หรือเลือก “ทุกกอง”")
        return cleaned


class AnswersForm(forms.Form):
    """Which measures of the plan answer an indicator (ticked: they do). `measures`: the plan's,
    read once for every row of the page."""

    measures = forms.TypedMultipleChoiceField(
        label="มาตรการในแผนที่ตอบตัวชี้วัดนี้",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].choices = [(measure.pk, str(measure)) for measure in measures]
