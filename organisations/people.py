"""เพิ่มบุคลากร: the site admin's own page to add a person to their organisation (an account with
a first password, or a new role of an existing account named exactly), the divisions a checkbox
list. The person changes the first password at their first sign-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import access
from .forms import PersonForm
from .models import Organisation
from .refusals import Refusal, refuse, show_refusal
from .services import membership_save


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request, organisation):
    organisation = get_object_or_404(Organisation, pk=organisation)
    refuse(access.people_refusal(request.user, organisation))  # 403, with the reason
    form = PersonForm(request.POST or None, organisation=organisation, by=request.user)
    if request.method == "POST" and form.is_valid():
        membership = form.instance
        try:
            membership_save(
                membership=membership,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                email=form.cleaned_data["email"],
                divisions=form.cleaned_data["divisions"],
                by=request.user,
            )
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            messages.success(
                request, f"เพิ่ม {membership.display_name} ({membership.get_role_display()}) แล้ว"
            )
            return redirect("person_add", organisation.pk)
    people = organisation.memberships.select_related("user").prefetch_related("divisions")
    return render(
        request,
        "organisations/person_add.html",
        {
            "form": form,
            "organisation": organisation,
            "people": people.order_by("role", "display_name"),
        },
    )
