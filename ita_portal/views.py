from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: in Thai, and without Django's debug details."""
    return render(request, "403_csrf.html", status=403)
