"""``/infobutton/``: the clinic's guides for a clinical code, as an EHR's Infobutton asks."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Site

from . import responses
from .matching import find
from .params import HTML, JSON, InfobuttonForm


@never_cache  # what is live or public changes with every publish: never kept anywhere
@require_GET
def infobutton(request):
    """Answers an HL7 Infobutton (URL-based) request: an Atom feed by default, JSON or a page for
    the patient if ``knowledgeResponseType`` asks. An unknown code is an empty answer; a
    malformed parameter is a 400 that says which and why."""
    form = InfobuttonForm(request.GET)
    wanted = form.wanted_type()
    if not form.is_valid():
        errors = [str(message) for messages in form.errors.values() for message in messages]
        if wanted == JSON:
            response = JsonResponse({"errors": form.errors}, status=400)
        elif wanted == HTML:
            response = responses.page(request, None, None, errors=errors, status=400)
        else:
            response = HttpResponse(
                "\n".join(errors), status=400, content_type="text/plain; charset=utf-8"
            )
    else:
        criteria = form.criteria()
        answer = find(criteria)
        site = Site.find_for_request(request)
        site_name = site.site_name if site and site.site_name else request.get_host()
        if criteria.response_type == JSON:
            response = responses.json(request, criteria, answer, site_name)
        elif criteria.response_type == HTML:
            response = responses.page(request, criteria, answer)
        else:
            response = responses.atom(request, criteria, answer, site_name)
    if wanted != HTML:
        # Public guides only, no cookies read: an EHR's web app may call it from its own site.
        response["Access-Control-Allow-Origin"] = "*"
    return response
