"""Request-wide rules of the deployment."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string


class RequestSizeLimitMiddleware:
    """Refuses a request body larger than REQUEST_MAX_BYTES before anything reads it. Django
    bounds form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it would
    otherwise write to disk whatever their size."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = settings.REQUEST_MAX_BYTES + 1
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(render_to_string("413.html"), status=413)
        return self.get_response(request)
