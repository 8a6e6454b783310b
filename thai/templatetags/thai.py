"""Template filters for Thai dates and digits; loaded as builtins in every template.

{{ report.date|thai_date }}          ๓ เมษายน ๒๕๖๖
{{ report.date|thai_date:"พ.ศ." }}   ๓ เมษายน พ.ศ. ๒๕๖๖
{{ report.date|thai_date:"arabic" }} 3 เมษายน 2566
{{ entry.updated_at|thai_datetime }} ๓ เมษายน ๒๕๖๖ เวลา ๑๓:๐๕ น.
{{ year|thai_digits }}               ๒๕๖๖
"""

from django import template

from thai import dates, digits

register = template.Library()


@register.filter
def thai_digits(value):
    return digits.thai_digits(value)


@register.filter
def thai_date(value, options=""):
    return dates.thai_date(value, era_prefix="พ.ศ." in options, digits="arabic" not in options)


@register.filter
def thai_datetime(value, options=""):
    return dates.thai_datetime(value, digits="arabic" not in options)


@register.filter
def thai_short_date(value, options=""):
    return dates.thai_short_date(value, digits="arabic" not in options)
