import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import FiscalYear, Measure, MeasureStep, ProgressEntry
from organisations.models import Organisation

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:organisations_organisation_changelist",
    "admin:organisations_division_changelist",
    "admin:organisations_membership_changelist",
    "admin:measures_fiscalyear_changelist",
    "admin:measures_measure_changelist",
    "admin:measures_progressentry_changelist",
]


@pytest.fixture
def admin_client_demo(client, demo, django_user_model):
    client.force_login(django_user_model.objects.get(username="admin"))
    return client


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


SEARCHES = [
    ("admin:measures_measure_changelist", "?q=ขั้นตอน"),
    ("admin:measures_progressentry_changelist", "?q=ดำเนินการ"),
]


# The deployment's operator ("admin") sees every list; the organisation's site admin those of
# its people; the planning analyst those of the plan.
PAGES = [("admin", name, "") for name in CHANGELISTS] + [("admin", *search) for search in SEARCHES]
PAGES += [("site-admin", name, "") for name in CHANGELISTS[:3]]
PAGES += [("analyst", name, "") for name in CHANGELISTS[3:]]
PAGES += [("analyst", *search) for search in SEARCHES]


@pytest.mark.parametrize("username, name, query", PAGES)
def test_list_pages_do_not_query_once_per_row(client, demo, django_user_model, username, name,
                                              query):  # fmt: skip
    client.force_login(django_user_model.objects.get(username=username))
    url = reverse(name) + query
    few_rows = queries_for(client, url)
    # Another 17 measures with steps, divisions and progress: the page must cost the same.
    fiscal_year = Measure.objects.first().fiscal_year
    divisions = list(fiscal_year.organisation.divisions.all())
    for number in range(18, 35):
        measure = Measure.objects.create(
            fiscal_year=fiscal_year, number=number, title=f"ข้อ {number}"
        )
        measure.divisions.set(divisions[:2])
        MeasureStep.objects.create(measure=measure, position=1, text="ขั้นตอน")
        ProgressEntry.objects.create(measure=measure, period=1, status="done")
    assert queries_for(client, url) == few_rows
    assert few_rows < 15


def test_measure_list_is_in_thai_with_thai_numbers(admin_client_demo):
    page = admin_client_demo.get(reverse("admin:measures_measure_changelist")).content.decode()
    assert "ผู้รับผิดชอบ" in page
    assert "ทุกกอง" in page
    assert "สำนักปลัด/กองคลัง/กองช่าง/กองการศึกษาฯ" in page
    assert ">๑๗<" in page


def test_search_finds_thai_text_in_steps(admin_client_demo):
    response = admin_client_demo.get(reverse("admin:measures_measure_changelist"), {"q": "บัตรคิว"})
    numbers = sorted(m.number for m in response.context["cl"].result_list)
    assert numbers == [4, 9]


@pytest.mark.parametrize(
    "params, numbers",
    [
        ({"status": "in_progress"}, [1, 2, 4, 10, 11]),
        ({"all_divisions__exact": "1"}, [3, 4]),
    ],
)
def test_filters_narrow_the_measures(admin_client_demo, params, numbers):
    response = admin_client_demo.get(reverse("admin:measures_measure_changelist"), params)
    assert sorted(m.number for m in response.context["cl"].result_list) == numbers


def test_filter_by_division(admin_client_demo):
    klang = Measure.objects.get(number=1).divisions.get()
    response = admin_client_demo.get(
        reverse("admin:measures_measure_changelist"), {"division": klang.pk}
    )
    assert sorted(m.number for m in response.context["cl"].result_list) == [1, 15]


def step_form_data(measure, steps, **changes):
    data = {
        "fiscal_year": measure.fiscal_year_id,
        "number": measure.number,
        "title": measure.title,
        "divisions": [d.pk for d in measure.divisions.all()],
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": sum(1 for s in steps if s.get("id")),
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
        "progress_entries-TOTAL_FORMS": 0,
        "progress_entries-INITIAL_FORMS": 0,
        "progress_entries-MIN_NUM_FORMS": 0,
        "progress_entries-MAX_NUM_FORMS": 1000,
    }
    for index, step in enumerate(steps):
        for key, value in step.items():
            data[f"steps-{index}-{key}"] = value
        data[f"steps-{index}-measure"] = measure.pk
    data.update(changes)
    return data


def test_reordering_and_deleting_steps_in_the_admin_renumbers_them(admin_client_demo):
    measure = Measure.objects.get(number=17)
    s1, s2, s3, s4, s5 = measure.steps.order_by("position")
    steps = [
        {"id": s1.pk, "position": 2, "text": s1.text},
        {"id": s2.pk, "position": 1, "text": s2.text},
        {"id": s3.pk, "position": 3, "text": s3.text, "DELETE": "on"},
        {"id": s4.pk, "position": 4, "text": s4.text},
        {"id": s5.pk, "position": 9, "text": s5.text},
        {"position": 5, "text": "ขั้นตอนใหม่"},
    ]
    response = admin_client_demo.post(
        reverse("admin:measures_measure_change", args=[measure.pk]),
        step_form_data(measure, steps),
    )
    assert response.status_code == 302, response.context["errors"]
    assert list(measure.steps.values_list("position", "text")) == [
        (1, s2.text),
        (2, s1.text),
        (3, s4.text),
        (4, "ขั้นตอนใหม่"),
        (5, s5.text),
    ]


def test_a_division_of_another_organisation_gets_a_thai_message(
    admin_client_demo, other_organisation
):
    measure = Measure.objects.get(number=1, fiscal_year__organisation__short_name="อบต.เกียร์")
    data = step_form_data(measure, [])
    data["divisions"] = [other_organisation.divisions.get().pk]
    response = admin_client_demo.post(
        reverse("admin:measures_measure_change", args=[measure.pk]), data
    )
    assert response.status_code == 200
    assert "ไม่ได้อยู่ใน อบต.เกียร์" in response.content.decode()
    assert list(measure.divisions.values_list("name", flat=True)) == ["กองคลัง"]


def test_a_duplicate_measure_number_gets_a_thai_message(admin_client_demo):
    measure = Measure.objects.get(number=1)
    data = step_form_data(measure, [], number=2)
    response = admin_client_demo.post(
        reverse("admin:measures_measure_change", args=[measure.pk]), data
    )
    assert response.status_code == 200
    assert "มีมาตรการข้อนี้ในแผนของปีงบประมาณนี้แล้ว" in response.content.decode()


def test_filters_never_list_every_organisation(admin_client_demo, demo):
    """An operator of thousands of organisations filters by following an organisation's links;
    the lists name only the organisation chosen, and its divisions."""
    for number in range(30):
        Organisation.objects.create(name=f"เทศบาลตำบลที่ {number}", short_name=f"ทต.ที่{number}")
    measures = reverse("admin:measures_measure_changelist")
    page = admin_client_demo.get(measures).content.decode()
    assert "ทต.ที่7" not in page and "กองคลัง</a>" not in page
    organisations = admin_client_demo.get(reverse("admin:organisations_organisation_changelist"))
    link = f"{measures}?organisation={demo.organisation.pk}"
    assert link in organisations.content.decode()
    chosen = admin_client_demo.get(link)
    assert len(chosen.context["cl"].result_list) == 17
    assert "อบต.เกียร์</a>" in chosen.content.decode()  # the one chosen, to see and clear
    assert "กองคลัง</a>" in chosen.content.decode()  # and now its divisions
    other = Organisation.objects.get(short_name="ทต.ที่7")
    assert (
        admin_client_demo.get(f"{measures}?organisation={other.pk}").context["cl"].result_count == 0
    )


def test_a_search_finds_a_bounded_number_of_rows_and_says_so(admin_client_demo, monkeypatch):
    monkeypatch.setattr("organisations.admin_base.SEARCH_RESULTS_MAX", 3)
    url = reverse("admin:measures_measure_changelist")
    response = admin_client_demo.get(url, {"q": "ดำเนินการ"})
    assert len(response.context["cl"].result_list) == 3
    assert "แสดงเฉพาะ ๓ รายการแรกที่พบ" in response.content.decode()
    few = admin_client_demo.get(url, {"q": "บัตรคิว"})
    assert "รายการแรกที่พบ" not in few.content.decode()


def test_the_year_filter_lists_only_the_years_of_ones_own_plans(client, demo, django_user_model):
    other = Organisation.objects.create(name="เทศบาลตำบลอื่น", short_name="ทต.อื่น")
    FiscalYear.objects.create(organisation=other, year=2570)
    client.force_login(django_user_model.objects.get(username="analyst"))
    measures = reverse("admin:measures_measure_changelist")
    page = client.get(measures).content.decode()
    assert '<a href="?year=2566">๒๕๖๖</a>' in page
    assert "year=2570" not in page  # another organisation's plan
    assert client.get(measures, {"year": "2566"}).context["cl"].result_count == 17
    assert client.get(measures, {"year": "2565"}).context["cl"].result_count == 0
    operator = django_user_model.objects.get(username="admin")  # the deployment's superuser
    client.force_login(operator)
    assert '<a href="?year=2570">๒๕๗๐</a>' in client.get(measures).content.decode()


def test_filters_never_count_every_choice(admin_client_demo):
    """Facet counts would count the whole table once per filter choice."""
    url = reverse("admin:measures_measure_changelist")
    page = admin_client_demo.get(url).content.decode()
    assert "_facets" not in page and "แสดงจำนวน" not in page
    assert admin_client_demo.get(url, {"_facets": "1"}).context["cl"].add_facets is False


def test_the_admin_sets_the_indicators_a_measure_answers_of_the_right_year(admin_client_demo):
    from assessments.models import Indicator

    measure = Measure.objects.get(number=1)  # FY ๒๕๖๖: it answers ITA ๒๕๖๕'s indicators
    url = reverse("admin:measures_measure_change", args=[measure.pk])
    wrong = Indicator.objects.get(assessment_year__year=2566, code="9")
    response = admin_client_demo.post(url, step_form_data(measure, [], indicators=[wrong.pk]))
    assert response.status_code == 200
    assert "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล เป็นของการประเมิน ITA ปี ๒๕๖๖" in response.content.decode()
    assert not measure.indicators.exists()
    measure.fiscal_year.year = 2567  # as if the plan were FY ๒๕๖๗'s
    measure.fiscal_year.save()
    response = admin_client_demo.post(url, step_form_data(measure, [], indicators=[wrong.pk]))
    assert response.status_code == 302
    assert list(measure.indicators.all()) == [wrong]
