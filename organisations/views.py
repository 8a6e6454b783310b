import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render

from . import access
from .forms import SignatureForm
from .models import Deployment, Organisation, SignatureImage
from .services import signature_image_remove, signature_image_set

RASTER_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


@login_required
def emblem(request, name):
    """An organisation's emblem, for its own people's report preview, or the deployment's, for
    everyone signed in (the PDF reads both from storage)."""
    sound = "\x00" not in name and "/" not in name
    organisation = (
        Organisation.objects.filter(emblem=f"emblems/{name}").only("pk", "emblem").first()
        if sound
        else None
    )
    if organisation is not None and access.is_member(request.user, organisation):
        found = organisation.emblem
    elif sound and Deployment.objects.filter(emblem=f"emblems/{name}").exists():
        found = Deployment.get_solo().emblem
    else:
        raise Http404("ไม่พบไฟล์")
    try:
        stream = found.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("ไม่พบไฟล์") from None
    return FileResponse(stream, content_type=_image_type(name))


def _image_type(name: str) -> str:
    # Emblems are uploaded through an ImageField: raster images that Pillow opened.
    content_type, _ = mimetypes.guess_type(name)
    return content_type if content_type in RASTER_TYPES else "application/octet-stream"


@login_required
def my_signature(request):
    """The person's own signature image: see it, upload or draw a new one, or remove it."""
    form = SignatureForm()
    if request.method == "POST":
        if request.POST.get("remove"):
            signature_image_remove(user=request.user, by=request.user)
            messages.success(request, "ลบลายมือชื่อแล้ว เอกสารที่ลงนามต่อจากนี้จะพิมพ์ว่าลงนามอิเล็กทรอนิกส์")
            return redirect("signature")
        form = SignatureForm(request.POST, request.FILES)
        if form.is_valid():
            signature_image_set(
                user=request.user, by=request.user, content=form.cleaned_data["content"]
            )
            messages.success(request, "บันทึกลายมือชื่อแล้ว")
            return redirect("signature")
    current = SignatureImage.objects.filter(user=request.user).only("pk", "updated_at").first()
    return render(request, "organisations/signature.html", {"form": form, "current": current})


@login_required
def my_signature_image(request):
    """The person's own signature image, for themselves only."""
    image = SignatureImage.objects.filter(user=request.user).first()
    if image is None:
        raise Http404("ยังไม่มีลายมือชื่อ")
    response = HttpResponse(bytes(image.png), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response
