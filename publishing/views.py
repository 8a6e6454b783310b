"""The public ITA pages: what each organisation has published, at addresses that never change,
and the verification of any copy. No login, no JavaScript needed; every page answers with a
fixed number of queries and may be cached."""

import io
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from organisations.client_address import client_address
from organisations.lookups import visible_or_404
from organisations.models import Organisation
from organisations.refusals import Refusal, show_refusal
from organisations.throttle import over_limit
from reports.models import Report
from reports.permissions import can_view_report
from reports.selectors import final_rendering
from reports.stored_pdfs import MissingDocument, stored_bytes
from reports.verification import verify_pdf_bytes

from . import permissions
from .forms import PublishForm, VerifyForm, WithdrawForm
from .models import Publication
from .selectors import (
    grouped_by_item,
    grouped_by_year,
    identity,
    organisations_with_publications,
    publications,
)
from .services import document_publish, publication_file_under, publication_withdraw

PAGE_SECONDS = 5 * 60
MINUTE = 60
FILE_SECONDS = 365 * 24 * 60 * 60


@require_GET
@cache_control(public=True, max_age=PAGE_SECONDS)
def index(request):
    return render(
        request, "publishing/index.html", {"organisations": organisations_with_publications()}
    )


@require_GET
@cache_control(public=True, max_age=PAGE_SECONDS)
def organisation_page(request, slug):
    organisation = get_object_or_404(Organisation.objects.exclude(slug=""), slug=slug)
    documents = [
        identity(publication)
        for publication in publications()
        .filter(document__fiscal_year__organisation=organisation)
        .order_by(
            "-document__fiscal_year__year",
            "document__kind",
            "document__period",
            "-document__revision",
        )
    ]
    if not documents:  # an organisation is on the public pages once it has published something
        raise Http404("ไม่พบเอกสารที่เผยแพร่")
    by_item = request.GET.get("by") == "item"
    groups = grouped_by_item(documents) if by_item else grouped_by_year(documents)
    return render(
        request,
        "publishing/organisation.html",
        {"organisation": organisation, "groups": groups, "by_item": by_item},
    )


def _published(slug, year, name) -> Publication:
    publication = publications().filter(path=f"{slug}/{year}/{name}").first()
    if publication is None:
        raise Http404("ไม่พบเอกสารที่เผยแพร่")
    return publication


@require_GET
@cache_control(public=True, max_age=PAGE_SECONDS)
def document_page(request, slug, year, name):
    document = identity(_published(slug, year, name))
    return render(request, "publishing/document.html", {"document": document})


@require_GET
def document_pdf(request, slug, year, name):
    publication = _published(slug, year, name)
    if publication.withdrawn_at:
        response = render(
            request, "publishing/withdrawn.html", {"document": identity(publication)}, status=410
        )
        patch_cache_control(response, public=True, max_age=FILE_SECONDS, immutable=True)
        return response
    final = final_rendering(publication.document)
    try:
        pdf = stored_bytes(final)
    except MissingDocument:
        response = render(request, "document_missing.html", status=503)
        patch_cache_control(response, no_store=True)
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    patch_cache_control(response, public=True, max_age=FILE_SECONDS, immutable=True)
    filename = quote(f"{publication.path.replace('/', '-')}.pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{filename}"
    response["ETag"] = f'"{final.sha256}"'
    response["X-Content-SHA256"] = final.sha256
    return response


def _verifiable(code) -> Publication:
    """The publication of the document with this code: unpublished documents are not found."""
    publication = publications().filter(document__verification_code=code).first()
    if publication is None:
        raise Http404("ไม่พบเอกสารที่เผยแพร่ตามรหัสนี้")
    return publication


@csrf_exempt  # comparing a file changes nothing and needs no session: the page may be cached
@require_http_methods(["GET", "POST"])
def verify(request, code):
    publication = _verifiable(code)
    document = identity(publication)
    form, result, same_file, too_often = VerifyForm(), None, None, False
    if request.method == "POST":
        if over_limit(f"verify:{client_address(request)}", settings.VERIFY_PER_MINUTE, MINUTE):
            too_often = True
        else:
            form = VerifyForm(request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data["file"].read()
                result = verify_pdf_bytes(data)
                same_file = result.sha256 == document.sha256
    response = render(
        request,
        "publishing/verify.html",
        {
            "document": document,
            "form": form,
            "result": result,
            "same_file": same_file,
            "code": code,
            "too_often": too_often,
        },
        status=429 if too_often else 200,
    )
    if too_often:
        response["Retry-After"] = str(MINUTE)
    response["Cache-Control"] = (
        "no-store" if request.method == "POST" else f"public, max-age={PAGE_SECONDS}"
    )
    return response


@require_GET
@cache_control(public=True, max_age=FILE_SECONDS)
def verify_qr(request, code):
    _verifiable(code)
    url = settings.SITE_URL.rstrip("/") + reverse("verify", args=[code])
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


# For the organisation's own people: publishing and withdrawing.


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, pk):
    documents = Report.objects.select_related("fiscal_year__organisation")
    document = visible_or_404(documents, request.user, can_view_report, pk=pk)
    publication = Publication.objects.filter(document=document).first()
    publish_form = PublishForm(document=document, publication=publication)
    withdraw_form = WithdrawForm()
    if request.method == "POST":
        form, act, done = _posted(request, document, publication)
        if isinstance(form, WithdrawForm):
            withdraw_form = form
        else:
            publish_form = form
        if form.is_valid():
            try:
                act(form.cleaned_data)
            except Refusal as refusal:
                show_refusal(request, refusal, form)
            else:
                messages.success(request, done)
                return redirect("publishing:manage", pk=document.pk)
    return render(
        request,
        "publishing/manage.html",
        {
            "document": document,
            "publication": identity(publications().get(pk=publication.pk)) if publication else None,
            "can_publish": permissions.can_publish(request.user, document),
            "can_withdraw": publication is not None
            and permissions.can_withdraw(request.user, publication),
            "can_change_item": publication is not None
            and permissions.can_change_item(request.user, publication),
            "publish_form": publish_form,
            "withdraw_form": withdraw_form,
        },
    )


def _posted(request, document, publication):
    """What the publishing page's form asks: (the bound form, the writer's act on its data,
    what is said once done)."""
    by = request.user
    if "withdraw" in request.POST and publication:
        return (
            WithdrawForm(request.POST),
            lambda data: publication_withdraw(
                publication=publication, by=by, reason=data["reason"]
            ),
            "ถอนการเผยแพร่แล้ว หน้าเอกสารแจ้งการถอนต่อสาธารณะ",
        )
    form = PublishForm(request.POST, document=document)
    if "file_under" in request.POST and publication:
        return (
            form,
            lambda data: publication_file_under(publication=publication, by=by, item=data["item"]),
            "เปลี่ยนข้อการประเมินแล้ว",
        )
    return (
        form,
        lambda data: document_publish(document=document, by=by, item=data["item"]),
        "เผยแพร่แล้ว",
    )
