"""Whatever a person sends, the portal answers in Thai and never with a server error: every URL
pattern is walked with malformed ids, Thai digits, NUL bytes and the ids of another
organisation's objects."""

import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from measures.services.evidence import evidence_add_link
from reports.pdf.fetcher import BASE_URL, ProjectFilesFetcher, RefusedResource

pytestmark = pytest.mark.django_db

BAD_VALUES = ["abc", "๑๒", "%00", "-1", "99999999999999999999", "1%2F..%2F..", "%E0%B8"]


def patterns(resolver=None, prefix=""):
    """Every URL pattern of the project as (route with {} for each argument, name, count)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, route)
        elif isinstance(entry, URLPattern):
            namespace = ":".join(filter(None, [resolver.namespace]))
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield route, name, entry.pattern.regex.groups


def filled(route: str, value: str) -> str:
    """The route with each <argument> (or regex group) replaced by `value`."""
    import re

    path = re.sub(r"<[^>]+>", value, route)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", value, path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + path


@pytest.fixture
def member(client, cast):
    client.force_login(cast.alice)
    return client


def test_every_url_with_malformed_arguments_answers_without_a_server_error(member):
    seen = 0
    for route, _name, arguments in patterns():
        if not arguments and "<" not in route:
            continue
        for value in BAD_VALUES:
            path = filled(route, value)
            for method in (member.get, member.post):
                response = method(path)
                seen += 1
                assert response.status_code in (200, 301, 302, 400, 403, 404, 405), (
                    path,
                    response.status_code,
                )
                if response.status_code in (400, 404) and "admin" not in path:
                    assert "ไม่พบ" in response.content.decode() or "ไม่ถูกต้อง" in (
                        response.content.decode()
                    ), path
    assert seen > 300


def away_ids(cast, report_of_away):
    measure = cast.away.fiscal_years.get().measures.get()
    entry = measure.progress_entries.get(period=1)
    evidence = evidence_add_link(entry=entry, by=cast.olivia, url="https://example.org/away")
    return {
        "measures:detail": [measure.pk],
        "measures:progress": [measure.pk, 1],
        "measures:evidence": [evidence.pk],
        "measures:evidence_delete": [evidence.pk],
        "measures:plan_export": [measure.fiscal_year.pk],
        "measures:plan_copy": [measure.fiscal_year.pk],
        "measures:plan_import": [cast.away.pk],
        "measures:plan_import_confirm": [cast.away.pk],
        **{
            f"reports:{name}": [report_of_away.pk]
            for name in ["detail", "memo", "submit", "review", "revise", "preview", "pdf"]
        },
    }


@pytest.fixture
def away_report(cast):
    from measures.models import FiscalYear, Measure
    from measures.services.plan import measure_save, measure_set_divisions, measure_set_steps
    from measures.services.progress import progress_save
    from organisations.access import SYSTEM
    from reports.services import report_create

    plan = FiscalYear.objects.create(organisation=cast.away, year=2566)
    measure = measure_save(measure=Measure(fiscal_year=plan, number=1, title="ของที่อื่น"), by=SYSTEM)
    measure_set_divisions(measure=measure, divisions=[], all_divisions=True, by=SYSTEM)
    measure_set_steps(measure=measure, texts=["ขั้นตอน"], by=SYSTEM)
    progress_save(measure=measure, period=1, by=SYSTEM, version=None, status="done", result="ผล")
    return report_create(fiscal_year=plan, period=1, author=cast.olivia)


def test_another_organisations_ids_are_not_found(member, cast, away_report):
    for name, args in away_ids(cast, away_report).items():
        url = reverse(name, args=args)
        for method in (member.get, member.post):
            response = method(url)
            assert response.status_code in (404, 405), (url, response.status_code)


def test_a_new_report_with_nonsense_is_not_found(member, cast):
    plan = cast.plan.pk
    for data in (
        {"fiscal_year": "abc", "period": 1},
        {"fiscal_year": plan, "period": "abc"},
        {"fiscal_year": plan, "period": "๙"},
        {},
    ):
        response = member.post(reverse("reports:create"), data)
        assert response.status_code == 404
        assert "ไม่พบ" in response.content.decode()


def test_emblems_answer_only_their_own_organisations_people(client, cast, settings, tmp_path):
    for organisation, name in ((cast.home, "home.png"), (cast.away, "away.png")):
        organisation.emblem.save(name, SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n"))
    client.force_login(cast.bob)
    assert client.get(f"/media/{cast.home.emblem.name}").status_code == 200
    assert client.get(f"/media/{cast.away.emblem.name}").status_code == 404
    assert client.get("/media/emblems/%00").status_code == 404
    assert client.get("/media/emblems/..%2F..%2Fsettings.py").status_code == 404


def test_the_pdf_fetcher_normalises_before_it_decides(cast, settings):
    media = Path(settings.MEDIA_ROOT)
    (media / "evidence" / "1").mkdir(parents=True)
    (media / "evidence" / "1" / "secret.pdf").write_bytes(b"%PDF-secret")
    (media / "emblems").mkdir(exist_ok=True)
    (media / "emblems" / "kiar.png").write_bytes(b"emblem")
    fetcher = ProjectFilesFetcher()
    for path in [
        "media/emblems/../evidence/1/secret.pdf",
        "media/emblems/%2E%2E/evidence/1/secret.pdf",
        "static/../media/evidence/1/secret.pdf",
        "media/emblems/kiar.png%00.css",
        "media/evidence/1/secret.pdf",
    ]:
        with pytest.raises(RefusedResource):
            fetcher.fetch(BASE_URL + path)
    assert fetcher.fetch(f"{BASE_URL}static/../media/emblems/kiar.png").read() == b"emblem"


def test_a_previewed_import_nobody_confirms_expires(cast, client, settings):
    from organisations import pending_uploads

    client.force_login(cast.alice)
    content = "มาตรการ,ขั้นตอนหรือวิธีการ,ผู้รับผิดชอบ\n1) ก,1. ข,คลัง\n".encode()
    client.post(
        reverse("measures:plan_import", args=[cast.home.pk]),
        {"file": SimpleUploadedFile("p.csv", content), "year": "2567"},
    )
    token = client.session["pending_plan_import"]["token"]
    pending = pending_uploads._path(token)
    assert pending.is_file()
    old = time.time() - pending_uploads.PENDING_SECONDS - 1
    os.utime(pending, (old, old))
    client.post(
        reverse("measures:plan_import", args=[cast.home.pk]),
        {"file": SimpleUploadedFile("p.csv", content), "year": "2568"},
    )
    assert not pending.exists()
    other = client.post(
        reverse("measures:plan_import_confirm", args=[cast.home.pk]), {"token": token}, follow=True
    )
    assert "ไม่พบไฟล์ที่ตรวจแล้ว" in other.content.decode()


def test_pages_carry_a_content_security_policy(member):
    response = member.get(reverse("measures:mine"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "Content-Security-Policy" in member.get(reverse("admin:index")).headers
