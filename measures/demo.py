"""The demo organisation, plan and users, from the readable fixture in fixtures/demo/."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from organisations.access import SYSTEM
from organisations.area_names import ensure_areas, place
from organisations.emblems import mark_demo
from organisations.models import Division, Membership, Organisation

from . import period_lock
from .models import ALL_DIVISIONS_LABEL, FiscalYear, Measure
from .services.plan import measure_delete, measure_save, measure_set_divisions, measure_set_steps
from .services.progress import progress_save

DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "kiar-2566.toml"


@dataclass
class DemoLogin:
    username: str
    password: str
    role_label: str
    display_name: str
    divisions: list[str] = field(default_factory=list)


@dataclass
class DemoResult:
    organisation: Organisation
    fiscal_year: FiscalYear
    logins: list[DemoLogin]
    created: bool


def read_demo_fixture(path: Path = DEMO_FIXTURE) -> dict:
    with open(path, "rb") as fixture:
        return tomllib.load(fixture)


def demo_logins(data: dict) -> list[DemoLogin]:
    password = data["people"]["password"]
    return [
        DemoLogin(
            username=person["username"],
            password=password,
            role_label=Membership.Role(person["role"]).label,
            display_name=person["display_name"],
            divisions=person.get("divisions", []),
        )
        for person in data["people"]["users"]
    ]


@transaction.atomic
def load_demo(data: dict, *, keep_existing: bool = False) -> DemoResult:
    """Create or reset the demo organisation to exactly what the fixture says."""
    # The deployment holds the demo: its documents may be finished without the Garuda,
    # printing a ring that says so (organisations/emblems.py).
    mark_demo()
    existing = Organisation.objects.filter(short_name=data["organisation"]["short_name"]).first()
    if existing and keep_existing:
        fiscal_year = existing.fiscal_years.get(year=data["plan"]["year"])
        return DemoResult(existing, fiscal_year, demo_logins(data), created=False)

    fields = {key: value for key, value in data["organisation"].items() if key != "short_name"}
    ensure_areas()
    fields["province"], fields["district"] = place(fields.pop("province"), fields.pop("district"))
    organisation, _ = Organisation.objects.update_or_create(
        short_name=data["organisation"]["short_name"], defaults=fields
    )
    divisions = _load_divisions(organisation, data["divisions"])
    _load_people(organisation, divisions, data["people"])
    fiscal_year, _ = FiscalYear.objects.get_or_create(
        organisation=organisation, year=data["plan"]["year"]
    )
    _load_measures(fiscal_year, divisions, data["plan"])
    return DemoResult(organisation, fiscal_year, demo_logins(data), created=existing is None)


def _load_divisions(organisation, rows) -> dict[str, Division]:
    divisions = {}
    for order, row in enumerate(rows, start=1):
        division, _ = Division.objects.update_or_create(
            organisation=organisation,
            name=row["name"],
            defaults={"short_name": row.get("short_name", ""), "order": order},
        )
        divisions[division.name] = division
    organisation.divisions.exclude(pk__in=[d.pk for d in divisions.values()]).delete()
    return divisions


def _load_people(organisation, divisions, people):
    User = get_user_model()
    for person in people["users"]:
        user, _ = User.objects.get_or_create(username=person["username"])
        user.set_password(people["password"])
        user.first_name = person["display_name"]
        user.email = f"{person['username']}@example.org"
        user.is_superuser = person.get("superuser", False)
        # The analyst and the site admin keep the plan and the people in the admin.
        user.is_staff = user.is_superuser or person["role"] in ("analyst", "site_admin")
        user.save()
        membership, _ = Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            role=person["role"],
            defaults={
                "display_name": person["display_name"],
                "position_title": person["position_title"],
            },
        )
        membership.divisions.set([divisions[name] for name in person.get("divisions", [])])


def _load_measures(fiscal_year, divisions, plan):
    """The fixture's plan and progress, written as everything is: through the writers."""
    for lock in fiscal_year.period_locks.all():
        period_lock.unlock(fiscal_year=fiscal_year, period=lock.period)
    existing = {measure.number: measure for measure in fiscal_year.measures.all()}
    numbers = {row["number"] for row in plan["measures"]}
    for number, measure in existing.items():
        if number not in numbers:
            measure_delete(measure=measure, by=SYSTEM)
    for row in plan["measures"]:
        measure = existing.get(row["number"]) or Measure(
            fiscal_year=fiscal_year, number=row["number"]
        )
        measure.title = row["title"]
        measure_save(measure=measure, by=SYSTEM)
        every_division = row["divisions"] == [ALL_DIVISIONS_LABEL]
        measure_set_divisions(
            measure=measure,
            divisions=[] if every_division else [divisions[name] for name in row["divisions"]],
            all_divisions=every_division,
            by=SYSTEM,
        )
        measure_set_steps(measure=measure, texts=row["steps"], by=SYSTEM)
        progress_save(
            measure=measure,
            period=plan["period"],
            by=SYSTEM,
            version=None,
            status=row["status"],
            result=row["result"],
            follow_up=row["follow_up"],
        )
