"""What management commands share: reading an organisation and a number as people write them,
a writer's refusal as the command's error, and refusing an import with its errors."""

from contextlib import contextmanager

from django.core.management.base import CommandError

from organisations import selectors
from organisations.models import Organisation
from organisations.refusals import Refusal
from thai.digits import parse_int, thai_digits


def organisation_argument(text) -> Organisation:
    try:
        return selectors.find_organisation(text)
    except LookupError as error:
        raise CommandError(str(error)) from None


def number_argument(text, option) -> int:
    try:
        return parse_int(text)
    except ValueError:
        raise CommandError(f"{option} ต้องเป็นตัวเลข (เลขไทยหรือเลขอารบิก): {text}") from None


def refuse_import(command, errors) -> None:
    """An import's errors on standard error, then the command fails (nothing was written)."""
    if errors:
        for message in errors:
            command.stderr.write(message)
        raise CommandError(f"ไม่ได้นำเข้า: พบข้อผิดพลาด {thai_digits(len(errors))} รายการ")


@contextmanager
def refusals_as_errors(heading: str = ""):
    """A writer's refusal ends the command with its reasons (a field's reason after its name)."""
    try:
        yield
    except Refusal as refusal:
        named = {reason for reasons in refusal.fields.values() for reason in reasons}
        lines = [reason for reason in refusal.messages if reason not in named]
        lines += [f"{field}: {' '.join(reasons)}" for field, reasons in refusal.fields.items()]
        raise CommandError("\n".join([heading, *lines] if heading else lines)) from None
