from django import forms


class SignaturePad(forms.HiddenInput):
    """A box to sign in with a finger, a pen or a mouse; it sends the drawing as a PNG data URL
    in a hidden field. Without JavaScript the box is hidden and the upload remains."""

    template_name = "widgets/signature_pad.html"

    class Media:
        js = ["js/signature-pad.js"]
        css = {"all": ["css/signature-pad.css"]}
