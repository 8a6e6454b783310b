"""A refusal with its reason: the one exception a writer raises when something may not happen,
and the one helper with which the pages and the admin show it.

Each permissions module says why not: `…_refusal(user, obj) -> str | None`, the one sentence
that holds for this person now (None: they may), and `can_…` is derived from it. A writer asks
once and raises the answer with `refuse`; what the writer's own validation refuses (`validated`)
arrives the same way, by field. Pages and the admin catch `Refusal` only and show it with
`show_refusal`: on the form's fields it names, else at the top of the page. An uncaught refusal
is a PermissionDenied: Django answers 403.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


class Refusal(PermissionDenied):
    """Something that may not happen, with the Thai reason(s) the person reads. `fields` names
    the reasons that belong to one field of a form ({"divisions": ["…"]})."""

    def __init__(self, *reasons: str, fields: dict | None = None):
        self.fields = {name: _as_list(said) for name, said in (fields or {}).items()}
        self.messages = [*reasons, *(reason for said in self.fields.values() for reason in said)]
        super().__init__(" ".join(self.messages))

    @classmethod
    def of(cls, error: ValidationError) -> "Refusal":
        """Django's validation of a record (full_clean, a shared check) as a refusal."""
        if hasattr(error, "error_dict"):
            fields = dict(error.message_dict)
            general = fields.pop("__all__", [])
            return cls(*general, fields=fields)
        return cls(*error.messages)


def _as_list(said) -> list[str]:
    return [str(said)] if isinstance(said, str) else [str(reason) for reason in said]


def refuse(reason: str | None) -> None:
    """Raise the reason a permissions module gave, if it gave one."""
    if reason:
        raise Refusal(reason)


@contextmanager
def refused_if_invalid():
    """Within a writer: Django's validation (a record's full_clean, a check the forms share)
    raised as a Refusal by field."""
    try:
        yield
    except ValidationError as error:
        raise Refusal.of(error) from None


def validated(record, **options):
    """`record.full_clean(**options)`, what it refuses raised as a Refusal by field."""
    with refused_if_invalid():
        record.full_clean(**options)
    return record


def show_refusal(request, refusal: Refusal | str, form=None) -> None:
    """Show a refusal (or the reason a permissions module gave): each reason on the form's field
    it names when the form has that field, the rest as one error message at the top of the page
    (the admin's too)."""
    if isinstance(refusal, str):
        refusal = Refusal(refusal)
    general = list(refusal.messages)
    if form is not None:
        for name, reasons in refusal.fields.items():
            if name in form.fields:
                form.add_error(name, reasons)
                general = [reason for reason in general if reason not in reasons]
    if general:
        messages.error(request, " ".join(general))
