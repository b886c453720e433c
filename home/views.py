"""Site search over published guides."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from articles.models import TreatmentPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    """Finds published, public guides whose words match what the patient typed."""
    query = request.GET.get("q", "").strip()
    context = {"query": query, "results": None}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Please use fewer words (at most %(max)d letters).") % {
            "max": MAX_QUERY_LENGTH
        }
        status = 400
    elif query:
        results = TreatmentPage.objects.live().public().search(query)
        context["results"] = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "search/search.html", context, status=status)
