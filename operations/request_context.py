"""Every log line of a request carries its id (nginx's, when it sent a valid one, else a new one,
returned as X-Request-ID), and errors name the person and their organisations. Never a secret:
the request's body, cookies and headers are not logged."""

import contextvars
import logging
import re
import uuid

_request = contextvars.ContextVar("request", default=None)
VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        request = _request.get()
        record.request_id = getattr(request, "request_id", "-")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            record.user = user.get_username()
            if record.levelno >= logging.ERROR:
                record.organisations = _organisations(user)
        # Django's request loggers attach the request itself; its text is the method and path.
        if hasattr(getattr(record, "request", None), "method"):
            record.request = f"{record.request.method} {record.request.path}"
        return True


def _organisations(user) -> list[str]:
    from organisations.access import member_organisations

    try:
        return [organisation.short_name for organisation in member_organisations(user)]
    except Exception:  # noqa: BLE001 - the error being logged may be the database's own
        return []
