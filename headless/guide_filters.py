"""Filters shared by the v2 and v3 endpoints."""

import datetime
import re

from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone

from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Locale, Site

from articles.models import SkinConcern, TreatmentPage
from portal.search_text import NO_WORDS, search_text


def guides_with_concern(slug: str) -> list[int] | None:
    """Ids of the guides tagged with the concern ``slug`` (None if there is no such concern).

    A list of ids rather than a join, so that search can still filter on it.
    """
    concern = SkinConcern.objects.filter(slug=slug).first()
    if concern is None:
        return None
    return list(TreatmentPage.objects.filter(concerns=concern).values_list("pk", flat=True))


def locale_problem(language_code: str) -> str | None:
    """What is wrong with ``?locale=``: a language the site has no pages in (Wagtail would
    answer 404, or an empty list). None if it is one of the site's languages."""
    known = list(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
    if language_code in known:
        return None
    return f"locale: there are no pages in {language_code[:20]!r}; use one of {', '.join(known)}."


def in_locale(queryset, language_code: str | None):
    """``queryset`` limited to the pages in ``language_code`` (all of them if None)."""
    if language_code is None:
        return queryset
    return queryset.filter(locale=Locale.objects.get(language_code=language_code))


def foreign_site_requested(request: HttpRequest) -> bool:
    """True if the request names (``?site=``) a site other than the one it was sent to.

    Wagtail lets ``site`` pick any site's pages; anonymous readers only get the site they ask.
    """
    if not request.GET.get("site"):
        return False
    try:
        site = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    except (Http404, ValueError, OverflowError):  # unknown, ambiguous or absurd: not this site
        return True
    return site != Site.find_for_request(request)


# ISO 8601, as 2026-03-01, 2026-03-01T09:00, 2026-03-01T09:00:00Z or ...+02:00.
SINCE_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$"


def parse_since(value) -> datetime.datetime:
    """An ISO 8601 date, or date and time, as a moment in UTC (UTC if no offset is given).

    Only what ``SINCE_PATTERN`` (the documented format) allows; raises ValueError.
    """
    if not isinstance(value, datetime.datetime):
        if not re.fullmatch(SINCE_PATTERN, str(value)):
            raise ValueError("Expected an ISO 8601 date or time, such as 2026-03-01T09:00:00Z.")
        try:
            value = datetime.datetime.fromisoformat(str(value))
        except ValueError as error:  # such as month 13
            raise ValueError(f"{value} is not a real date or time.") from error
    if timezone.is_naive(value):
        return value.replace(tzinfo=datetime.UTC)
    try:
        return value.astimezone(datetime.UTC)  # not every database takes any offset
    except OverflowError as error:
        raise ValueError("The date is out of range.") from error


LARGEST_ID = 2**63 - 1  # the database's biggest integer
ID_DIGITS = len(str(LARGEST_ID))  # 19: anything longer is not an id


def bad_parameter(query: QueryDict, numeric: set[str]) -> str | None:
    """What is wrong with parameters that would otherwise be a server error, if anything.

    NUL characters (PostgreSQL refuses them), a search without a single word (only spaces or
    punctuation: nothing to search for, see ``portal.search_text``), a ``locale`` the site has
    no pages in (:func:`locale_problem`) and, among the ``numeric``
    parameters, values that are not whole numbers (or ``root``) or too large for the database.
    """
    for name, values in query.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return "Parameters cannot hold NUL characters."
        for value in values:
            if name == "search" and value and not search_text(value):
                return f"search: {NO_WORDS}"
            if name == "locale" and (problem := locale_problem(value)):
                return problem
            if name not in numeric or value == "root":
                continue
            number = re.fullmatch(r"\s*[+-]?0*(\d+)\s*", value)
            if number is None:
                return f"{name}: expected a whole number, not {value[:40]!r}."
            if len(number[1]) > ID_DIGITS or int(number[1]) > LARGEST_ID:
                return f"{name} is too large."
    return None
