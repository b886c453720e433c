"""Site search over published guides: forgiving of everyday words, with highlighted snippets."""

import re

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from wagtail.search.query import Or, Phrase, PlainText

from articles.models import SkinConcern, TreatmentPage
from articles.readability import guide_text, split_sentences
from glossary.models import GlossaryTerm
from headless.search import search_text

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 30
SUGGESTIONS = 6


def expand_query(query: str) -> tuple[object, list[str]]:
    """The search for ``query`` plus the glossary terms its everyday words stand for.

    "dark spots" also searches "hyperpigmentation"; returns (query object, extra terms).
    Only the words of ``query`` and of the terms reach the search backend (see
    ``headless.search``): punctuation such as a stray quote would break its query syntax.
    """
    lowered = f" {search_text(query).lower()} "
    extra = []
    for term in GlossaryTerm.objects.exclude(patient_words=""):
        words = (search_text(word).lower() for word in term.search_words)
        if any(f" {word} " in lowered for word in words if word):
            extra.append(term.term)
    search = PlainText(search_text(query), operator="and")
    phrases = [Phrase(words) for words in map(search_text, extra) if words]
    if phrases:
        search = Or([search, *phrases])
    return search, extra


def highlight(text: str, words: list[str]) -> str:
    """The sentence of ``text`` that matches the most search words, escaped and shortened,
    with the matching words in <mark>."""
    if not words:
        return ""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")", re.IGNORECASE)
    best, best_score = "", 0
    for sentence in split_sentences(text):
        score = len({match.lower() for match in pattern.findall(sentence)})
        if score > best_score:
            best, best_score = sentence, score
    if not best:
        return ""
    parts = best.split()
    if len(parts) > SNIPPET_WORDS:
        best = " ".join(parts[:SNIPPET_WORDS]) + "…"
    return mark_safe(  # noqa: S308 - every piece is escaped first
        pattern.sub(lambda m: f"<mark>{m.group(1)}</mark>", escape(best))
    )
    return ""


def search_words(query: str, extra: list[str]) -> list[str]:
    words = [word for word in re.findall(r"\w+", query) if len(word) > 2]
    return words + [word for term in extra for word in re.findall(r"\w+", term)]


def clean_query(value: str) -> str:
    """What the patient typed, without control characters (PostgreSQL refuses NUL)."""
    return "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()


def search(request):
    """Finds published, public guides whose words match what the patient typed."""
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
        search_query, extra = expand_query(query)
        results = TreatmentPage.objects.live().public().search(search_query)
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        words = search_words(query, extra)
        for guide in page:
            guide.snippet = highlight(guide_text(guide), words)
        context.update(results=page, expanded=extra)
    if context["results"] is not None and not context["results"]:
        live = TreatmentPage.objects.live().public()
        context["suggested_concerns"] = SkinConcern.objects.filter(guides__in=live).distinct()
    return render(request, "search/search.html", context, status=status)


@cache_control(max_age=300, public=True)
def suggest(request):
    """Guide titles that start like what the patient is typing, for search-as-you-type."""
    query = clean_query(request.GET.get("q", ""))[:MAX_QUERY_LENGTH]
    words = search_text(query)
    if query and not words:
        error = _("Please type a word to search for (letters or numbers).")
        return JsonResponse({"query": query, "suggestions": [], "error": error}, status=400)
    titles = []
    if len(words) >= 2:
        guides = TreatmentPage.objects.live().public().autocomplete(words)[:SUGGESTIONS]
        titles = [{"title": guide.title, "url": guide.url} for guide in guides]
    return JsonResponse({"query": query, "suggestions": titles})


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Search engines may read every patient page, but not the admin, search results or forms."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /feedback/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
