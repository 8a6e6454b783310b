"""The overview of an area's organisations for one assessment year: the reads behind the page
and its export, a fixed number of queries whatever the number of organisations.

1. the organisations of the person's area (organisations/access.py: area_query) with the
   filters that are columns (province, district, kind), each with its ITA result of the year
   and of the year before (two joins on the results' unique index): one query;
2. each organisation's document state per item (publishing/item_states.py): one grouped query;
3. the filters and sorts on what 1 and 2 give (overdue, score band), the totals per province or
   district and the charts, in Python over those rows;
4. how far the measures are (measures/tallies.py) for the rows of the page only (or of the
   export): three queries over indexes.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, FilteredRelation, Q
from django.utils import timezone

from assessments.models import AssessmentYear
from measures.models import FiscalYear
from measures.tallies import tallies
from organisations import access
from organisations.models import District, OrganisationKind, Province
from publishing.item_states import (
    DocumentState,
    overdue_items,
    portal_items,
    state_ranks,
    states_of,
)

from .charts import bars, stacked
from .table import item_labels

PAGE_SIZE = 50
# Score bands of the filter, against the year's pass mark.
BANDS = {"pass": "ผ่านเกณฑ์", "below": "ต่ำกว่าเกณฑ์", "none": "ยังไม่มีผล"}
# The score distribution's bins: lower bound, label.
BINS = [
    (Decimal(90), "๙๐–๑๐๐"),
    (Decimal(85), "๘๕–๘๙"),
    (Decimal(80), "๘๐–๘๔"),
    (Decimal(70), "๗๐–๗๙"),
    (Decimal(60), "๖๐–๖๙"),
    (Decimal(0), "ต่ำกว่า ๖๐"),
]
SORTS = {
    "name": "ชื่อหน่วยงาน",
    "area": "จังหวัดและอำเภอ",
    "score": "คะแนนปีนี้ (มากไปน้อย)",
    "score_up": "คะแนนปีนี้ (น้อยไปมาก)",
    "overdue": "เกินกำหนดก่อน",
}


@dataclass
class Filters:
    province: str = ""  # a province code
    district: str = ""  # a district code
    kind: str = ""
    overdue: bool = False
    band: str = ""
    sort: str = "name"
    page: int = 1


@dataclass
class Row:
    pk: int
    name: str
    short_name: str
    slug: str
    kind: str
    province: str
    district: str
    province_code: str | None
    district_code: str | None
    score: Decimal | None
    level: str
    previous_score: Decimal | None
    previous_level: str
    ranks: tuple = ()  # the DocumentState of each item (publishing/item_states.py)
    overdue: bool = False
    all_published: bool = False
    states: list = field(default_factory=list)  # ItemStates: the page's rows only
    tally: object = None

    @property
    def kind_label(self) -> str:
        return OrganisationKind(self.kind).label if self.kind else ""

    def band(self, pass_mark) -> str:
        if self.score is None:
            return "none"
        return "pass" if self.score >= pass_mark else "below"


@dataclass
class Total:
    label: str
    code: str | None
    organisations: int = 0
    overdue: int = 0
    published: int = 0  # organisations with every item published
    scores: list = field(default_factory=list)

    @property
    def average(self) -> Decimal | None:
        if not self.scores:
            return None
        return (sum(self.scores) / len(self.scores)).quantize(Decimal("0.01"))


@dataclass
class Overview:
    assessment_year: AssessmentYear
    items: list
    rows: list  # every row that passes the filters, sorted
    page_rows: list
    page: int
    pages: int
    totals: list  # per province (a national view) or per district
    totals_by: str  # "province" or "district"
    grand_total: Total
    states_chart: list  # per item: (item, its column's label, [charts.Part of each state])
    score_chart: list  # [charts.Part of each score range]


def assessment_year_for(user, year: int | None) -> AssessmentYear | None:
    """The year asked for, else the latest assessment year that the area's plans reach (the
    latest fiscal year of any plan in the area), else the latest there is."""
    years = AssessmentYear.objects.order_by("-year")
    if year:
        return years.filter(year=year).first()
    latest = (
        FiscalYear.objects.filter(organisation__in=access.overseen_organisations(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return (latest and years.filter(year__lte=latest).first()) or years.first()


def area_organisations(user, filters: Filters):
    organisations = access.overseen_organisations(user)
    if filters.province:
        organisations = organisations.filter(province_id=filters.province)
    if filters.district:
        organisations = organisations.filter(district_id=filters.district)
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    return organisations


def _rows(organisations, assessment_year) -> list[Row]:
    previous = AssessmentYear.objects.filter(year=assessment_year.year - 1).first()
    this_year = FilteredRelation(
        "ita_results", condition=Q(ita_results__assessment_year=assessment_year.pk)
    )
    last_year = FilteredRelation(
        "ita_results", condition=Q(ita_results__assessment_year=getattr(previous, "pk", 0))
    )
    values = (
        organisations.annotate(now=this_year, before=last_year)
        .order_by()
        .values_list(
            "pk",
            "name",
            "short_name",
            "slug",
            "kind",
            "province__name",
            "district__name",
            "province_id",
            "district_id",
            F("now__total_score"),
            F("now__level"),
            F("before__total_score"),
            F("before__level"),
        )
    )
    return [
        Row(
            pk,
            name,
            short,
            slug,
            kind,
            province or "",
            district or "",
            pcode,
            dcode,
            score,
            level or "",
            previous,
            previous_level or "",
        )
        for (
            pk,
            name,
            short,
            slug,
            kind,
            province,
            district,
            pcode,
            dcode,
            score,
            level,
            previous,
            previous_level,
        ) in values
    ]


def _sorted(rows, sort):
    if sort == "area":
        return sorted(rows, key=lambda r: (r.province, r.district, r.name))
    if sort in ("score", "score_up"):
        scored = sorted((r for r in rows if r.score is not None), key=lambda r: (r.score, r.name))
        if sort == "score":
            scored.reverse()
        return scored + sorted((r for r in rows if r.score is None), key=lambda r: r.name)
    if sort == "overdue":
        return sorted(rows, key=lambda r: (not r.overdue, r.name))
    return sorted(rows, key=lambda r: r.name)


def overview(user, assessment_year, filters: Filters, *, whole=False) -> Overview:
    """The overview for the person's area. `whole`: every filtered row gets its measures'
    tally (the export), not only the page's."""
    organisations = area_organisations(user, filters)
    items = portal_items(assessment_year)
    rows = _rows(organisations, assessment_year)
    today = timezone.localdate()
    ranks = state_ranks(assessment_year, organisations, items)
    late = overdue_items(items, today)
    none = (DocumentState.NONE,) * len(items)
    published = DocumentState.PUBLISHED
    for row in rows:
        row.ranks = ranks.get(row.pk, none)
        row.overdue = any(row.ranks[index] != published for index in late)
        row.all_published = bool(items) and all(rank == published for rank in row.ranks)
    if filters.overdue:
        rows = [row for row in rows if row.overdue]
    if filters.band in BANDS:
        rows = [row for row in rows if row.band(assessment_year.pass_mark) == filters.band]
    rows = _sorted(rows, filters.sort if filters.sort in SORTS else "name")
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    page_rows = rows if whole else rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    counted = tallies([row.pk for row in page_rows], assessment_year.year)
    for row in page_rows:
        row.tally = counted.get(row.pk)
        row.states = states_of(row.ranks, items, today)
    by = "district" if (filters.province or filters.district or _one_province(rows)) else "province"
    totals, grand = _totals(rows, by)
    return Overview(
        assessment_year=assessment_year,
        items=items,
        rows=rows,
        page_rows=page_rows,
        page=page,
        pages=pages,
        totals=totals,
        totals_by=by,
        grand_total=grand,
        states_chart=_states_chart(rows, items),
        score_chart=_score_chart(rows),
    )


def _one_province(rows) -> bool:
    return len({row.province_code for row in rows}) == 1


def _totals(rows, by):
    groups, grand = {}, Total("รวม", None)
    district = by == "district"
    for row in rows:
        code = row.district_code if district else row.province_code
        group = groups.get(code)
        if group is None:
            label = row.district if district else row.province
            group = groups[code] = Total(label or "ยังไม่ระบุ", code)
        for total in (group, grand):
            total.organisations += 1
            total.overdue += row.overdue
            total.published += row.all_published
            if row.score is not None:
                total.scores.append(row.score)
    return sorted(groups.values(), key=lambda total: total.label), grand


def _states_chart(rows, items):
    counts = [Counter() for _ in items]
    for row in rows:
        for counter, rank in zip(counts, row.ranks):
            counter[rank] += 1
    order = sorted(DocumentState.LABELS, reverse=True)
    return [
        (
            item,
            label,
            stacked([(DocumentState.KEYS[s], DocumentState.LABELS[s], counter[s]) for s in order]),
        )
        for item, label, counter in zip(items, item_labels(items), counts)
    ]


def _score_chart(rows):
    counts = Counter()
    for row in rows:
        if row.score is None:
            counts["none"] += 1
            continue
        label = next(label for bound, label in BINS if row.score >= bound)
        counts[label] += 1
    return bars([(label, counts[label]) for _, label in BINS] + [("ยังไม่มีผล", counts["none"])])


def kinds():
    return OrganisationKind.choices


def provinces_of(user):
    """The provinces the person may pick: those of their area's organisations."""
    codes = access.overseen_organisations(user).values("province_id")
    return Province.objects.filter(code__in=codes).order_by("name")


def districts_of(user, province_code):
    if not province_code:
        return District.objects.none()
    codes = access.overseen_organisations(user).filter(province_id=province_code)
    return District.objects.filter(code__in=codes.values("district_id")).order_by("name")
