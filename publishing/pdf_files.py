"""How a published PDF leaves the portal without its bytes passing through Python.

A published document's final PDF never changes (it is named by its SHA-256), so whoever sends
it may be told to keep it for a year. The portal only decides which file a public address
means (and refuses a withdrawn one); the bytes are sent by:
- nginx, for files on the local disk: `X-Accel-Redirect` to an internal location that maps
  DOCUMENTS_ACCEL_REDIRECT (e.g. /_documents/) onto DOCUMENTS_ROOT (deploy/nginx/ita-portal.conf);
  nginx keeps this answer for `redirect_seconds()` (`X-Accel-Expires`), as it keeps a redirect;
- the object store, for STORAGE=s3: a redirect to a signed address valid DOCUMENTS_URL_SECONDS,
  which nginx and browsers keep for at most `redirect_seconds()` (a fraction of that);
- Python itself, streamed in chunks (never read whole), when neither is set up (the development
  server, the tests).
A file missing from the storage (a restore without the files) is said plainly (503)."""

import logging
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

FILE_SECONDS = 365 * 24 * 60 * 60


class FileUnavailable(Exception):
    """The file is not in the storage, or the storage does not answer."""


def pdf_response(rendering, filename: str) -> HttpResponse:
    """The response that sends the stored `rendering` (a final RenderedPdf) as `filename`.
    FileUnavailable when the storage lacks it or does not answer."""
    storage = storages["documents"]
    disposition = f"inline; filename*=UTF-8''{quote(filename)}"
    if isinstance(storage, FileSystemStorage):
        response = _from_disk(storage, rendering)
        seconds = FILE_SECONDS
    else:
        response = _from_object_store(storage, rendering, disposition)
        seconds = redirect_seconds()
    if response.status_code == 200:
        response["Content-Disposition"] = disposition
        response["ETag"] = f'"{rendering.sha256}"'
    response["X-Content-SHA256"] = rendering.sha256
    if seconds == FILE_SECONDS:
        patch_cache_control(response, public=True, max_age=seconds, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=seconds)
    return response


def redirect_seconds() -> int:
    """Seconds a redirect to a signed address, or nginx's copy of the answer naming a file on
    the disk, may be kept: a fifth of DOCUMENTS_URL_SECONDS, so a kept redirect is always still
    valid and a withdrawal reaches visitors within it."""
    return max(1, settings.DOCUMENTS_URL_SECONDS // 5)


def _from_disk(storage, rendering) -> HttpResponse:
    if not storage.exists(rendering.file_name):  # one stat(), no read
        _missing(rendering)
    prefix = settings.DOCUMENTS_ACCEL_REDIRECT
    if prefix:
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(rendering.file_name)
        # How long nginx may keep this answer (not the file's Cache-Control: a withdrawal must
        # reach visitors within it).
        response["X-Accel-Expires"] = str(redirect_seconds())
        return response
    return FileResponse(storage.open(rendering.file_name, "rb"), content_type="application/pdf")


def _from_object_store(storage, rendering, disposition) -> HttpResponse:
    try:
        if not storage.exists(rendering.file_name):
            _missing(rendering)
        url = storage.url(
            rendering.file_name,
            parameters={
                "ResponseContentType": "application/pdf",
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": f"public, max-age={FILE_SECONDS}, immutable",
            },
            expire=settings.DOCUMENTS_URL_SECONDS,
        )
    except FileUnavailable:
        raise
    except Exception as error:  # noqa: BLE001 - whatever the storage raised, it did not answer
        logger.exception("the documents storage did not answer for %s", rendering.file_name)
        raise FileUnavailable(rendering.file_name) from error
    return HttpResponseRedirect(url)


def _missing(rendering):
    logger.error("the final PDF of report %s is missing: %s", rendering.report_id,
                 rendering.file_name)  # fmt: skip
    raise FileUnavailable(rendering.file_name)
