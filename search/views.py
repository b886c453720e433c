"""Site search over published guides: forgiving of everyday words, with highlighted snippets.

Never page-cached (the page cache only stores Wagtail pages); a results page costs the same few
queries however many guides match (see search.engines and search.pagination).
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from articles.models import SkinConcern, TreatmentPage
from portal.search_text import search_text

from .cache import KeptSearch
from .engines import guide_search
from .pagination import page_number, results_page
from .query import (
    MAX_QUERY_LENGTH,
    build_query,
    clean_query,
    search_language,
    search_locale_id,
)

SUGGESTIONS = 6
SUGGEST_FROM_CHARACTERS = 2  # one letter matches half the library: wait for the second


def published_guides():
    """Guides a patient may find: live and not behind a password or login."""
    return TreatmentPage.objects.live().public()


def guides_in(language: str):
    """The published guides in ``language``: a patient searches in the language they read."""
    return published_guides().filter(locale_id=search_locale_id(language))


def search(request):
    """Finds published, public guides in the patient's language (the address's: /search/ or
    /es/search/) whose words match what the patient typed, accents or not."""
    query = clean_query(request.GET.get("q", ""))
    context = {"query": query, "results": None, "expanded": []}
    status = 200
    if len(query) > MAX_QUERY_LENGTH:
        context["error"] = _("Please use fewer words (at most %(max)d letters).") % {
            "max": MAX_QUERY_LENGTH
        }
        status = 400
    elif query and not search_text(query):
        context["error"] = _("Please type a word to search for (letters or numbers).")
        status = 400
    elif query:
        language = search_language()
        guides = guides_in(language)
        guide_query = build_query(query, language)
        searched = KeptSearch(guide_search(guides, guide_query), guide_query)
        results = results_page(searched, page_number(request.GET.get("page")))
        context.update(results=results, expanded=guide_query.terms)
        if not results and results.number == 1:
            concerns = SkinConcern.objects.filter(guides__in=guides)
            context["suggested_concerns"] = concerns.distinct()
    return render(request, "search/search.html", context, status=status)


@cache_control(max_age=300, public=True)
def suggest(request):
    """Titles of guides in the patient's language that start like what they are typing, for
    search-as-you-type."""
    query = clean_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    words = search_text(query)
    if query and not words:
        error = _("Please type a word to search for (letters or numbers).")
        return JsonResponse({"query": query, "suggestions": [], "error": error}, status=400)
    titles = []
    if len(words) >= SUGGEST_FROM_CHARACTERS:
        guides = guides_in(search_language()).autocomplete(words)[:SUGGESTIONS]
        titles = [{"title": guide.title, "url": guide.url} for guide in guides]
    return JsonResponse({"query": query, "suggestions": titles})
