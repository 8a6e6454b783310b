"""What management commands share: reading an organisation and a number as people write them,
and refusing an import with its errors."""

from django.core.management.base import CommandError

from organisations import selectors
from organisations.models import Organisation
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
