"""An Infobutton answer in the three forms an EHR asks for: an Atom feed (the HL7 Infobutton
service-oriented guide's format, as MedlinePlus Connect sends it), JSON, or a page for the
patient."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _

from .matching import Answer
from .params import ATOM, CODE, CODE_SYSTEM, DISPLAY_NAME, JSON, LANGUAGE, RECIPIENT, Criteria

SCHEMA_ORG = "https://schema.org/"


def context_terms(criteria: Criteria, answer: Answer) -> list[tuple[str, str]]:
    """The request's context, echoed as Atom categories (scheme = the parameter's name)."""
    terms = [
        (CODE, criteria.code),
        (CODE_SYSTEM, criteria.code_system_oid),
        (DISPLAY_NAME, criteria.display_name),
        (RECIPIENT, criteria.recipient),
        (LANGUAGE, answer.language),
    ]
    return [(scheme, term) for scheme, term in terms if term]


def last_reviewed(guide) -> str:
    review = guide.review_status.review
    return timezone.localdate(review.reviewed_at).isoformat()


def entries(request, answer: Answer) -> list[dict]:
    return [
        {
            "id": guide.get_full_url(request),
            "title": guide.title,
            "link": guide.get_full_url(request),
            "summary": guide.summary,
            "updated": guide.last_published_at,
            "last_reviewed": last_reviewed(guide),
            "language": guide.locale.language_code,
        }
        for guide in answer.guides
    ]


def feed_title(criteria: Criteria) -> str:
    if criteria.code:
        return _("Patient guides for code %(code)s") % {"code": criteria.code}
    return _("Patient guides for “%(name)s”") % {"name": criteria.display_name}


class InfobuttonAtomFeed(feedgenerator.Atom1Feed):
    """Django's Atom 1.0 feed, with the request's context as categories and, per entry, the
    guide's language on its link and its last clinical review (schema.org's lastReviewed)."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:schema": SCHEMA_ORG}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for scheme, term in self.feed["context_terms"]:
            handler.addQuickElement("category", "", {"scheme": scheme, "term": term})

    def add_item_elements(self, handler, item):
        handler.addQuickElement("title", item["title"])
        handler.addQuickElement(
            "link",
            "",
            {
                "href": item["link"],
                "rel": "alternate",
                "type": "text/html",
                "hreflang": item["language"],
                "title": item["title"],
            },
        )
        handler.addQuickElement("updated", feedgenerator.rfc3339_date(item["updateddate"]))
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("summary", item["description"], {"type": "text"})
        handler.addQuickElement("schema:lastReviewed", item["last_reviewed"])


def atom(request, criteria: Criteria, answer: Answer, site_name: str) -> HttpResponse:
    feed = InfobuttonAtomFeed(
        title=feed_title(criteria),
        link=request.build_absolute_uri("/"),
        description="",
        language=answer.language,
        author_name=site_name,
        feed_url=request.build_absolute_uri(),
        feed_guid=request.build_absolute_uri(),
        context_terms=context_terms(criteria, answer),
    )
    for entry in entries(request, answer):
        feed.add_item(
            title=entry["title"],
            link=entry["link"],
            description=entry["summary"],
            unique_id=entry["id"],
            updateddate=entry["updated"],
            last_reviewed=entry["last_reviewed"],
            language=entry["language"],
        )
    response = HttpResponse(content_type=f"{ATOM}; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def json(request, criteria: Criteria, answer: Answer, site_name: str) -> JsonResponse:
    items = entries(request, answer)
    for item in items:
        item["updated"] = item["updated"].isoformat()
    return JsonResponse(
        {
            "feed": {
                "id": request.build_absolute_uri(),
                "title": feed_title(criteria),
                "author": site_name,
                "updated": timezone.now().isoformat(),
                "language": answer.language,
                "requested_language": answer.requested_language,
                "matched_by": answer.matched_by or None,
                "context": dict(context_terms(criteria, answer)),
                "entry": items,
            }
        },
        content_type=f"{JSON}; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )


def page(request, criteria: Criteria | None, answer: Answer | None, errors=None, status=200):
    return render(
        request,
        "infobutton/results.html",
        {
            "criteria": criteria,
            "answer": answer,
            "errors": errors or [],
            "title": feed_title(criteria) if criteria else _("Patient guides"),
        },
        status=status,
    )
