from django import forms
from django.forms.widgets import SelectDateWidget
from django.utils import timezone

from .dates import THAI_MONTHS, buddhist_year
from .digits import thai_digits


class FilePicker(forms.FileInput):
    """A file input that speaks Thai: the browser's own button speaks the browser's language, so
    the input is hidden behind a Thai button that shows the chosen file's name."""

    template_name = "widgets/file_picker.html"

    class Media:
        js = ["js/file-picker.js"]

    def __init__(self, attrs=None):
        super().__init__({"class": "visually-hidden file-input", **(attrs or {})})


class BuddhistEraDateWidget(SelectDateWidget):
    """Day, Thai month and Buddhist-era year; the value stays a Gregorian date. Each select is
    named (aria-label): the field's legend names the group, not the three selects in it."""

    PART_NAMES = {"day": "วันที่", "month": "เดือน", "year": "ปี พ.ศ."}

    def __init__(self, **kwargs):
        this_year = timezone.localdate().year
        super().__init__(years=range(this_year - 6, this_year + 2), months=THAI_MONTHS, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget in context["widget"]["subwidgets"]:
            part = subwidget["name"].rsplit("_", 1)[-1]
            subwidget["attrs"]["aria-label"] = self.PART_NAMES[part]
            for _, options, _ in subwidget["optgroups"]:
                for option in options:
                    if option["value"] == "":
                        continue
                    if subwidget["name"].endswith("_year"):
                        option["label"] = thai_digits(buddhist_year(int(option["value"])))
                    elif subwidget["name"].endswith("_day"):
                        option["label"] = thai_digits(option["label"])
        return context
