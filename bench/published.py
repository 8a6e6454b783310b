"""Every organisation of bench/scale.py's national database with published documents (issue 19):
the FY 2566 announcement of its measures (ITA 2566's O42) and its 6-month report (O43), each
acknowledged by its chain of superiors, with a final PDF stored under DOCUMENTS_ROOT and
published at its permanent address (/ita/org-N/2566/plan/, /ita/org-N/2566/report-1/).

Written with COPY in one transaction (15,700 documents, their review steps, final renderings and
publications), in a few seconds. The stored PDFs are one file of the size of the demo's final
report, hard-linked under each document's own name (`<organisation>/<report>/<sha256>.pdf`, as
reports/stored_pdfs.py names them): the disk holds it once, and nginx reads it from the page
cache, as it would the hot files of a real deployment.

    .venv/bin/python bench/published.py URL DOCUMENTS_ROOT [--organisations 7850]
"""

import argparse
import hashlib
import os
import time
from pathlib import Path

from _scale_data import YEARS, copying, django_for, year_id

# The demo's final 6-month report (17 measures, 9 pages, PDF/A-3b, signed) is 113 KB.
PDF_BYTES = 113_000
PAGES = 9
STEPS = [
    ("head_of_office", "comment", "หัวหน้าสำนักปลัด"),
    ("chief_administrator", "approve", "ปลัด อบต."),
    ("chief_executive", "acknowledge", "นายก อบต."),
]
ACTED_AT = "2023-04-20T03:00:00Z"
PUBLISHED_AT = "2023-04-25T03:00:00Z"


def sample_pdf() -> bytes:
    """A readable PDF of PDF_BYTES (a page, then an incompressible stream as the fonts and
    images of a real report are)."""
    filler = hashlib.shake_256(b"ita-portal bench").digest(PDF_BYTES - 400)
    head = (b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n")  # fmt: skip
    page = b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    stream = b"4 0 obj<</Length %d>>stream\n" % len(filler) + filler + b"\nendstream endobj\n"
    return head + page + stream + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def documents_of(organisation: int) -> list[tuple[str, int | None, str]]:
    """(kind, period, permanent name) of each published document of an organisation."""
    return [("plan", None, "plan"), ("report", 1, "report-1")]


def publish_everyone(url: str, organisations: int, documents_root: Path) -> None:
    django_for(url)
    from django.db import connection

    from assessments.models import AssessmentItem

    started = time.perf_counter()
    year = YEARS[0]
    items = {
        kind: AssessmentItem.objects.get(assessment_year__year=year, document_kind=kind).pk
        for kind in ("plan", "report")
    }
    pdf = sample_pdf()
    digest = hashlib.sha256(pdf).hexdigest()
    master = documents_root / "bench-sample.pdf"
    documents_root.mkdir(parents=True, exist_ok=True)
    master.write_bytes(pdf)
    tables = ["reports_report", "reports_reviewstep", "reports_renderedpdf",
              "publishing_publication"]  # fmt: skip
    raw = connection.cursor().connection
    with raw.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM reports_report")
        base = cursor.fetchone()[0] + 1
    documents = [
        (base + index, organisation, kind, period, name)
        for index, (organisation, (kind, period, name)) in enumerate(
            (organisation, document)
            for organisation in range(1, organisations + 1)
            for document in documents_of(organisation)
        )
    ]
    with raw.cursor() as cursor, copying(cursor, tables) as copy:
        copy("reports_report",
             ["id", "fiscal_year_id", "kind", "period", "revision", "state", "round",
              "department", "phone", "document_number", "subject", "addressee", "body", "closing",
              "author_name", "author_position", "verification_code", "created_at", "updated_at"],
             ((pk, year_id(o, 0), kind, period, 1, "acknowledged", 1, "สำนักปลัด", "", "",
               "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "นายก", "ข้อความ",
               "จึงเรียนมาเพื่อโปรดทราบ",
               f"analyst {o}", "นักวิเคราะห์นโยบายและแผน", f"bench{pk}", ACTED_AT, ACTED_AT)
              for pk, o, kind, period, name in documents))  # fmt: skip
        copy("reports_reviewstep",
             ["report_id", "order", "role", "kind", "signer_name", "signer_position", "comment",
              "acted_at"],
             ((pk, order, role, kind, f"{position} {o}", position, "", ACTED_AT)
              for pk, o, *_ in documents
              for order, (role, kind, position) in enumerate(STEPS, 1)))  # fmt: skip
        copy("reports_renderedpdf",
             ["report_id", "html_sha256", "sha256", "file_name", "page_count", "is_final",
              "created_at"],
             ((pk, f"{pk:064x}", digest, f"{o}/{pk}/{digest}.pdf", PAGES, True, ACTED_AT)
              for pk, o, *_ in documents))  # fmt: skip
        copy("publishing_publication",
             ["document_id", "path", "item_id", "published_at", "withdrawn_reason", "sha256",
              "page_count", "approved_at", "approver", "acknowledged_at", "acknowledger"],
             ((pk, f"org-{o}/{year}/{name}", items[kind], PUBLISHED_AT, "", digest, PAGES,
               ACTED_AT, f"{STEPS[1][2]} {o} {STEPS[1][2]}", ACTED_AT,
               f"{STEPS[2][2]} {o} {STEPS[2][2]}")
              for pk, o, kind, period, name in documents))  # fmt: skip
    raw.commit()
    for pk, organisation, *_ in documents:
        folder = documents_root / str(organisation) / str(pk)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{digest}.pdf"
        if not target.exists():
            os.link(master, target)
    print(f"published {len(documents)} documents of {organisations} organisations "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip


def published_state(url: str, organisations: int, documents_root: Path) -> str:
    """'ready' if every organisation has its documents published and their files stored."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
            count, sample = connection.execute(
                "SELECT count(*), max(file_name) FROM publishing_publication p "
                "JOIN reports_renderedpdf r ON r.report_id = p.document_id AND r.is_final "
                f"WHERE p.path LIKE 'org-%%/{YEARS[0]}/%%'"
            ).fetchone()
    except psycopg.Error as error:
        return type(error).__name__
    expected = organisations * len(documents_of(1))
    if count != expected:
        return f"holds {count} publications"
    if not (documents_root / sample).exists():
        return f"the files are not in {documents_root}"
    return "ready"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("documents_root", type=Path)
    parser.add_argument("--organisations", type=int, default=7850)
    args = parser.parse_args()
    publish_everyone(args.url, args.organisations, args.documents_root)


if __name__ == "__main__":
    main()
