"""The database itself refuses bad data, whatever path it comes by."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from measures.models import Evidence, FiscalYear, Measure, MeasureStep, ProgressEntry
from measures.services.plan import measure_set_steps
from organisations.access import SYSTEM
from organisations.models import Division, Membership, Organisation
from tests.cast import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    organisation = Organisation.objects.create(
        name="องค์การบริหารส่วนตำบลทดสอบ", short_name="อบต.ทดสอบ"
    )
    return FiscalYear.objects.create(organisation=organisation, year=2566)


def refused(message_part=None):
    return pytest.raises(IntegrityError, match=message_part)


def test_it_refuses_two_measures_with_one_number_in_a_plan(plan):
    Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    with refused(), transaction.atomic():
        Measure.objects.create(fiscal_year=plan, number=1, title="ข")


def test_the_same_number_is_fine_in_another_year(plan):
    next_year = FiscalYear.objects.create(organisation=plan.organisation, year=2567)
    Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    Measure.objects.create(fiscal_year=next_year, number=1, title="ก")
    assert Measure.objects.filter(number=1).count() == 2


def test_it_refuses_measure_number_zero(plan):
    with refused(), transaction.atomic():
        Measure.objects.create(fiscal_year=plan, number=0, title="ก")


def test_it_refuses_a_progress_entry_without_a_period(plan):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    with refused(), transaction.atomic():
        ProgressEntry.objects.create(measure=measure, period=None)


def test_it_refuses_a_period_that_does_not_exist(plan):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    with refused(), transaction.atomic():
        ProgressEntry.objects.create(measure=measure, period=3)


def test_it_refuses_a_second_entry_for_the_same_measure_and_period(plan):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    ProgressEntry.objects.create(measure=measure, period=1)
    ProgressEntry.objects.create(measure=measure, period=2)
    with refused(), transaction.atomic():
        ProgressEntry.objects.create(measure=measure, period=1)


def test_it_refuses_an_unknown_status(plan):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    with refused(), transaction.atomic():
        ProgressEntry.objects.create(measure=measure, period=1, status="finished")


def test_it_refuses_a_division_of_another_organisation_on_a_measure(plan, other_organisation):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    foreign = other_organisation.divisions.get()
    with refused("measure_division_same_organisation"), transaction.atomic():
        measure.divisions.add(foreign)
    assert measure.divisions.count() == 0


def test_a_division_of_the_same_organisation_is_accepted(plan):
    division = Division.objects.create(organisation=plan.organisation, name="กองคลัง")
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    measure.divisions.add(division)
    assert list(measure.divisions.all()) == [division]


def test_a_division_cannot_move_to_another_organisation(plan, other_organisation):
    division = Division.objects.create(organisation=plan.organisation, name="กองคลัง")
    division.organisation = other_organisation
    with refused("organisation_cannot_change"), transaction.atomic():
        division.save()


def test_a_measure_cannot_move_to_another_organisations_plan(plan, other_organisation):
    measure = Measure.objects.create(fiscal_year=plan, number=5, title="ก")
    measure.fiscal_year = other_organisation.fiscal_years.get()
    with refused("organisation_cannot_change"), transaction.atomic():
        measure.save()


def test_staff_cannot_belong_to_a_division_of_another_organisation(plan, other_organisation):
    user = person(plan.organisation, "somchai", Membership.Role.STAFF)
    membership = user.memberships.get()
    with refused("membership_division_same_organisation"), transaction.atomic():
        membership.divisions.add(other_organisation.divisions.get())


class TestStepPositions:
    @pytest.fixture
    def measure(self, plan):
        measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
        for position, text in enumerate(["หนึ่ง", "สอง", "สาม"], start=1):
            MeasureStep.objects.create(measure=measure, position=position, text=text)
        return measure

    def steps(self, measure):
        return list(measure.steps.order_by("position").values_list("position", "text"))

    def test_it_refuses_a_step_that_leaves_a_gap(self, measure):
        with refused("step_positions_without_gaps"), transaction.atomic():
            MeasureStep.objects.create(measure=measure, position=5, text="ห้า")

    def test_it_refuses_moving_a_step_past_the_end(self, measure):
        step = measure.steps.get(position=1)
        step.position = 4
        with refused("step_positions_without_gaps"), transaction.atomic():
            step.save()

    def test_it_refuses_two_steps_in_one_position(self, measure):
        with refused(), transaction.atomic():
            MeasureStep.objects.create(measure=measure, position=2, text="ซ้ำ")

    def test_deleting_a_middle_step_closes_the_gap(self, measure):
        measure.steps.get(position=2).delete()
        assert self.steps(measure) == [(1, "หนึ่ง"), (2, "สาม")]

    def test_deleting_several_steps_at_once_closes_every_gap(self, measure):
        MeasureStep.objects.create(measure=measure, position=4, text="สี่")
        measure.steps.filter(position__in=[1, 3]).delete()
        assert self.steps(measure) == [(1, "สอง"), (2, "สี่")]

    def test_deleting_the_measure_deletes_its_steps(self, measure):
        measure.delete()
        assert MeasureStep.objects.count() == 0

    def test_setting_steps_rewrites_them_in_order(self, measure):
        assert measure_set_steps(measure=measure, texts=["ใหม่", "สาม"], by=SYSTEM)
        assert self.steps(measure) == [(1, "ใหม่"), (2, "สาม")]
        assert not measure_set_steps(measure=measure, texts=["ใหม่", "สาม"], by=SYSTEM)


def test_evidence_must_be_a_file_or_a_link(plan):
    measure = Measure.objects.create(fiscal_year=plan, number=1, title="ก")
    entry = ProgressEntry.objects.create(measure=measure, period=1)
    with refused(), transaction.atomic():
        Evidence.objects.create(entry=entry, description="ว่างเปล่า")
    evidence = Evidence(entry=entry)
    with pytest.raises(ValidationError, match="ไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง"):
        evidence.full_clean()
    Evidence.objects.create(entry=entry, url="https://example.go.th/ita/o43")
    assert entry.evidence.count() == 1


def test_fiscal_year_must_be_buddhist_era(plan):
    with refused(), transaction.atomic():
        FiscalYear.objects.create(organisation=plan.organisation, year=2023)
