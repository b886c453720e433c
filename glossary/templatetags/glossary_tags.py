"""``{% explain_terms %}…{% endexplain_terms %}``: explain glossary terms in a guide's body."""

from django import template
from django.utils.translation import get_language

from wagtail.models import Site

from glossary.marking import explain_terms
from glossary.models import GlossaryPage, GlossaryTerm
from pagecache.sitewide import page_fragment, remember
from portal.routing import language_home

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_page(context):
    """The live glossary page of the current site (or None), looked up once per request."""
    request = context.get("request")
    if request is None:
        return None
    cache = request.__dict__.setdefault("_portal_cache", {})
    if "glossary_page" not in cache:
        site = Site.find_for_request(request)
        language = get_language()
        cache["glossary_page"] = (
            remember(
                f"glossary-page:{site.pk}:{language}",
                lambda: (
                    GlossaryPage.objects.live()
                    .public()
                    .descendant_of(language_home(site, language))
                    .first()
                ),
            )
            if site
            else None
        )
    return cache["glossary_page"]


class ExplainTermsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        """The body with its terms explained, kept per published version of the page (marking
        terms is the costliest part of rendering a guide)."""
        page = context.get("page")
        if page is None:
            return self.explained(context)
        return page_fragment(
            context.get("request"), page, "explained-body", lambda: self.explained(context)
        )

    def explained(self, context) -> str:
        html = self.nodelist.render(context)
        request = context.get("request")
        page = context.get("page")
        locale_id = getattr(page, "locale_id", None)
        glossary = glossary_page(context)
        glossary_url = glossary.get_url(request) if glossary else ""
        if not glossary_url:
            return html  # terms link to their explanation on the glossary page: none, no links
        terms = remember(f"glossary-terms:{locale_id or 'all'}", lambda: terms_for(locale_id))
        return explain_terms(html, terms, glossary_url)


def terms_for(locale_id: int | None) -> list[GlossaryTerm]:
    terms = GlossaryTerm.objects.all()
    if locale_id:
        terms = terms.filter(locale_id=locale_id)
    return list(terms)


@register.tag("explain_terms")
def do_explain_terms(parser, token):
    nodelist = parser.parse(("endexplain_terms",))
    parser.delete_first_token()
    return ExplainTermsNode(nodelist)
