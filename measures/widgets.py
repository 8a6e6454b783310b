from django import forms


class FilePicker(forms.FileInput):
    """A file input that speaks Thai: the browser's own button speaks the browser's language, so
    the input is hidden behind a Thai button that shows the chosen file's name."""

    template_name = "widgets/file_picker.html"

    class Media:
        js = ["js/file-picker.js"]

    def __init__(self, attrs=None):
        super().__init__({"class": "visually-hidden file-input", **(attrs or {})})
