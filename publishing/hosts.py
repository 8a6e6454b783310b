"""An organisation's own host name (organisations/addresses.py) serves that organisation's public
pages only.

On ita.kiar.go.th:
- `/` and `/ita/` lead to the organisation's page (a redirect);
- the organisation's public pages (its page, documents and their PDFs, its ITA table and items,
  the verification of its documents) are served, the same paths as on the main address;
- another organisation's public pages, and anything not found, are 404: a custom host never
  shows what is not its organisation's;
- every other page (signing in, the staff's pages, the admin, /healthz, the sitemap) is
  redirected to the same path on the main address (SITE_URL): people of the organisation who
  type their own host still reach the portal, and sessions and cookies only ever live on the
  main address.

The main address serves every organisation's pages, as before: addresses already printed on
documents or typed into the assessment system keep working."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.http.request import split_domain_port
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from organisations.addresses import may_be_own_host
from organisations.models import Organisation

# The pages a custom host serves; those with a `slug` argument for its organisation only, the
# verification pages for its documents only (checked by the views: `require_own_host`).
PUBLIC_PAGES = {
    "publishing:organisation",
    "publishing:document",
    "publishing:document_pdf",
    "publishing:year_table",
    "publishing:item",
    "verify",
    "verify_qr",
}
NOT_FOUND = "ไม่พบหน้านี้ในที่อยู่ของหน่วยงาน"


def host_organisation(request) -> Organisation | None:
    """The organisation whose own host the request came to, or None (the main address, or any
    other host the deployment answers for). Read once per request."""
    if not hasattr(request, "_host_organisation"):
        host, _ = split_domain_port(request.get_host())
        organisation = None
        if may_be_own_host(host):
            organisation = (
                Organisation.objects.filter(public_host=host)
                .exclude(slug="")
                .only("pk", "slug", "public_host")
                .first()
            )
        request._host_organisation = organisation
    return request._host_organisation


def require_own_host(request, organisation) -> None:
    """Http404 when the request came to another organisation's own host."""
    own = host_organisation(request)
    if own is not None and own.pk != organisation.pk:
        raise Http404(NOT_FOUND)


class OrganisationHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        organisation = host_organisation(request)
        if organisation is None:
            return self.get_response(request)
        if request.path_info in ("/", "/ita/"):
            return redirect("publishing:organisation", slug=organisation.slug)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # the usual 404, or a redirect adding the slash
        if match.view_name not in PUBLIC_PAGES:
            return HttpResponseRedirect(settings.SITE_URL.rstrip("/") + request.get_full_path())
        if match.kwargs.get("slug", organisation.slug) != organisation.slug:
            raise Http404(NOT_FOUND)
        return self.get_response(request)
