"""The audit trail: who changed what and when, read from django-simple-history."""

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from organisations.models import Membership
from thai.dates import thai_date, thai_datetime
from thai.digits import thai_digits
from thai.fiscal import Period

from .models import DivisionResult, Evidence, Measure, MeasureStep, ProgressEntry

KIND = {"+": "สร้าง", "~": "แก้ไข", "-": "ลบ"}
# A page shows the latest changes; the whole history stays in the database (and the admin).
TRAIL_MAX = 50
HIDDEN_FIELDS = {
    "version",
    "updated_at",
    "updated_by",
    "id",
    "measure",
    "entry",
    "file",
    "snapshot",
    "acted_by",
    "author",
    "current_step",
    "round",
    "result_edited_at",
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    when: datetime
    who: str
    what: str
    kind: str
    changes: list[Change] = field(default_factory=list)


def measure_audit_trail(measure: Measure) -> list[AuditEntry]:
    entries = ProgressEntry.history.filter(measure_id=measure.pk)
    periods = dict(entries.values_list("id", "period").distinct())
    entry_ids = set(periods)
    divisions = {division.pk: division.label for division in measure.organisation.divisions.all()}
    groups = [
        (measure.history.all(), lambda record: "มาตรการ"),
        (
            MeasureStep.history.filter(measure_id=measure.pk),
            lambda record: f"ขั้นตอนที่ {thai_digits(record.position)}",
        ),
        (entries, lambda record: f"ผลการดำเนินการ {record.get_period_display()}"),
        (
            DivisionResult.history.filter(entry_id__in=entry_ids),
            lambda record: (
                f"ผลของ{divisions.get(record.division_id, 'ส่วนราชการ')} "
                f"{Period(periods[record.entry_id]).label}"
            ),
        ),
        (
            Evidence.history.filter(entry_id__in=entry_ids),
            lambda record: f"หลักฐาน {record.description or record.original_name or record.url}",
        ),
    ]
    trail = []
    for records, describe in groups:
        trail.extend(audit_entries(records, describe, organisation=measure.organisation))
    return latest(trail)


def latest(trail: list[AuditEntry]) -> list[AuditEntry]:
    return sorted(trail, key=lambda entry: entry.when, reverse=True)[:TRAIL_MAX]


def audit_entries(
    records, describe, *, organisation, fields=None, act=None, acts_alone=False
) -> list[AuditEntry]:
    """One entry per historical record among the latest TRAIL_MAX, with the fields that changed
    since the one before (an edit whose earlier version is older than that is left out).

    `fields`: only these fields' changes are shown, and an edit of nothing else is left out
    (unless `acts_alone`: an act is shown whatever changed, as a signing without a word).
    `act(before, after)`: the verb for a record that is a person's act ("ลงนาม"), or None to
    leave out a step the system took (`before` is None for the first record of an object)."""
    window = records.select_related("history_user").order_by("-history_date", "-history_id")
    # In the order they were written (the id), whatever the clock said.
    records = sorted(window[: TRAIL_MAX + 1], key=lambda record: (record.id, record.history_id))
    names = _display_names(organisation, {r.history_user_id for r in records})
    act = act or _kind
    trail = []
    by_object = {}
    for record in records:
        by_object.setdefault(record.id, []).append(record)
    for versions in by_object.values():
        first = versions[0]
        if first.history_type != "~" and (kind := act(None, first)):
            trail.append(_entry(first, describe, names, [], kind))
        for before, after in pairwise(versions):
            changes = [] if after.history_type == "-" else _changes(before, after, fields)
            shown = changes or acts_alone or after.history_type != "~"
            if shown and (kind := act(before, after)):
                trail.append(_entry(after, describe, names, changes, kind))
    return trail


def _kind(before, after) -> str:
    return KIND[after.history_type]


def _entry(record, describe, names, changes, kind) -> AuditEntry:
    user = record.history_user
    who = names.get(record.history_user_id) or (user and (user.first_name or user.username))
    return AuditEntry(
        when=record.history_date,
        who=who or "ระบบ",
        what=describe(record),
        kind=kind,
        changes=changes,
    )


def _changes(before, after, fields=None) -> list[Change]:
    delta = after.diff_against(before)
    model = after.instance_type
    changes = []
    for change in delta.changes:
        if change.field in HIDDEN_FIELDS or (fields is not None and change.field not in fields):
            continue
        field = model._meta.get_field(change.field)
        changes.append(
            Change(str(field.verbose_name), _shown(field, change.old), _shown(field, change.new))
        )
    return changes


def _shown(field, value) -> str:
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int):
        return thai_digits(value)
    if isinstance(value, datetime):
        return thai_datetime(value)
    if isinstance(value, date):
        return thai_date(value)
    return "" if value is None else str(value)


def _display_names(organisation, user_ids) -> dict[int, str]:
    names = {}
    memberships = Membership.objects.filter(organisation=organisation, user_id__in=user_ids)
    for membership in memberships.select_related("user"):
        names.setdefault(membership.user_id, membership.display_name)
    return names
