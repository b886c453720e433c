"""Which guides answer an Infobutton request: live, public, clinically reviewed guides coded
with the code (or a broader ICD-10-CM code above it), directly or through their skin concerns;
without a code match, the display name searched as words."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from articles.codes import match_keys
from articles.models import GuideCode, TreatmentPage
from articles.snippets import SkinConcernCode
from portal.search_text import search_text

from .params import Criteria

MAX_ENTRIES = 20
CANDIDATES = MAX_ENTRIES * 4  # before choosing each one's language


@dataclass
class Answer:
    guides: list
    matched_by: str  # "code", "display name" or "" (nothing found)
    language: str  # the language of the guides answered with
    requested_language: str


def available_guides():
    """Guides an EHR may hand a patient: published, public and clinically reviewed as they are."""
    return (
        TreatmentPage.objects.live()
        .public()
        .filter(review_status__review__isnull=False)
        .select_related("locale", "review_status__review")
    )


def coded_guides(criteria: Criteria):
    keys = match_keys(criteria.system, criteria.code)
    coded = GuideCode.objects.filter(system=criteria.system, code__in=keys).values("page_id")
    concerns = SkinConcernCode.objects.filter(system=criteria.system, code__in=keys).values(
        "concern_id"
    )
    return available_guides().filter(Q(pk__in=coded) | Q(concerns__in=concerns)).distinct()


def named_guides(criteria: Criteria) -> list:
    """The display name's best matches, in the search's order (reviewed ones only)."""
    words = search_text(criteria.display_name)
    if not words:
        return []
    found = TreatmentPage.objects.live().public().search(words, operator="or")
    ranked = [guide.pk for guide in found[:CANDIDATES]]
    guides = available_guides().in_bulk(ranked)
    return [guides[pk] for pk in ranked if pk in guides]


def candidates(criteria: Criteria):
    """(how they matched, guides) in the order to try: by code first, then by display name."""
    if criteria.code and criteria.system:
        yield "code", list(coded_guides(criteria).order_by("title")[:CANDIDATES])
    if criteria.display_name:
        yield "display name", named_guides(criteria)


def find(criteria: Criteria) -> Answer:
    """The guides for ``criteria``, each in the language asked for if it has a live, public,
    reviewed translation in it, else in the site's main language (each entry says its language).

    The answer's language is the one asked for if any guide is in it, else the main language.
    """
    for matched_by, guides in candidates(criteria):
        chosen = in_language(guides, criteria.language)[:MAX_ENTRIES]
        if chosen:
            asked = any(guide.locale.language_code == criteria.language for guide in chosen)
            language = criteria.language if asked else settings.LANGUAGE_CODE
            return Answer(chosen, matched_by, language, criteria.language)
    return Answer([], "", criteria.language, criteria.language)


def in_language(guides: list, language: str) -> list:
    """One version of each of ``guides`` (a guide and its translations share a translation key),
    in their order: the one in ``language``, else the one in the site's main language; a guide
    in neither is left out. One query for all of them."""
    keys = list(dict.fromkeys(guide.translation_key for guide in guides))
    languages = list(dict.fromkeys([language, settings.LANGUAGE_CODE]))
    versions = {
        (guide.translation_key, guide.locale.language_code): guide
        for guide in available_guides().filter(
            translation_key__in=keys, locale__language_code__in=languages
        )
    }
    chosen = []
    for key in keys:
        found = [versions[key, code] for code in languages if (key, code) in versions]
        chosen += found[:1]
    return chosen
