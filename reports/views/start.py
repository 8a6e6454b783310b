from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organisations import access

from ..inbox import waiting_for
from ..returns import return_notices


@login_required
def home(request):
    """The start page: what waits for the person, and who they are where."""
    memberships = request.user.memberships.select_related("organisation").prefetch_related(
        "divisions"
    )
    return render(
        request,
        "home.html",
        {
            "memberships": memberships,
            "waiting": waiting_for(request.user),
            "returned": return_notices(request.user),
            "supervisions": access.supervisions(request.user),
        },
    )
