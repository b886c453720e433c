"""Receives "Was this page helpful?" answers. Works without JavaScript: post, then redirect."""

import hashlib

from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from portal.client import client_address

from .forms import FeedbackForm
from .models import GuideFeedback

RATE_LIMIT = 5  # answers per person per page...
RATE_WINDOW = 60 * 60  # ...per hour


def _rate_key(request, page_id: int) -> str:
    # A one-way hash of the address, kept only in the cache for an hour, never stored.
    client = client_address(request)
    digest = hashlib.sha256(f"{client}:{page_id}".encode()).hexdigest()[:32]
    return f"feedback-rate:{digest}"


def within_limit(key: str) -> bool:
    """Counts one more answer under ``key``; False once the limit is reached.

    ``add`` then ``incr`` are single atomic steps in Redis and in the memory cache, so answers
    sent at the same moment are all counted. If the cache is down, answers are let through.
    """
    for _attempt in range(2):
        cache.add(key, 0, RATE_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:  # the count expired between add and incr: start it again
            continue
        return count is None or count <= RATE_LIMIT
    return True


# Anonymous and changes nothing for the person sending it, so it needs no CSRF token: that lets
# guide pages be cached for everyone. Abuse is limited by the rate limit and a honeypot field.
@csrf_exempt
@require_POST
def submit(request, page_id: int):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not page.url:
        raise Http404("This page has no address on the site.")
    with translation.override(page.locale.language_code):  # answered in the page's language
        return answer(request, page)


def answer(request, page):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "feedback/error.html", {"page": page, "form": form}, status=400)
    if not within_limit(_rate_key(request, page.pk)):
        return render(
            request,
            "feedback/error.html",
            {"page": page, "message": _("Thank you. We already have your answers for this page.")},
            status=429,
        )
    if not form.cleaned_data["website"]:
        GuideFeedback.objects.create(
            page=page,
            helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data["comment"].strip(),
        )
    return HttpResponseRedirect(f"{page.url}?feedback=thanks#feedback")
