"""What management commands share: reading an organisation and a number as people write them."""

from django.core.management.base import CommandError

from organisations import selectors
from organisations.models import Organisation
from thai.digits import parse_int


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
