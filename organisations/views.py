import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from . import access
from .models import Organisation

RASTER_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


@login_required
def emblem(request, name):
    """An organisation's emblem, for its own people's report preview (the PDF reads it from
    storage)."""
    organisation = (
        Organisation.objects.filter(emblem=f"emblems/{name}").only("pk", "emblem").first()
        if "\x00" not in name and "/" not in name
        else None
    )
    if organisation is None or not access.is_member(request.user, organisation):
        raise Http404("ไม่พบไฟล์")
    try:
        stream = organisation.emblem.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("ไม่พบไฟล์") from None
    return FileResponse(stream, content_type=_image_type(name))


def _image_type(name: str) -> str:
    # Emblems are uploaded through an ImageField: raster images that Pillow opened.
    content_type, _ = mimetypes.guess_type(name)
    return content_type if content_type in RASTER_TYPES else "application/octet-stream"
