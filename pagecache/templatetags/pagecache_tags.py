"""``{% page_fragment "name" %}…{% endpage_fragment %}``: part of a page worked out once per
published version (and purge) of the page, not on every cache miss. See
:func:`pagecache.sitewide.page_fragment` for what may go in one."""

from django import template
from django.conf import settings
from django.utils import translation

from pagecache.sitewide import page_fragment, remember_listing

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, nodelist: template.NodeList):
        self.name, self.nodelist = name, nodelist

    def render(self, context) -> str:
        page = context.get("page")
        if page is None:
            return self.nodelist.render(context)
        name = str(self.name.resolve(context))
        return page_fragment(
            context.get("request"), page, name, lambda: self.nodelist.render(context)
        )


@register.tag("page_fragment")
def do_page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != len(("page_fragment", "name")):
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the part's name.")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(parser.compile_filter(bits[1]), nodelist)


class ListingFragmentNode(template.Node):
    def __init__(self, parts: list[template.base.FilterExpression], nodelist: template.NodeList):
        self.parts, self.nodelist = parts, nodelist

    def render(self, context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        parts += [request.get_host(), translation.get_language() or ""]
        return remember_listing(
            ["fragment", *parts],
            lambda: self.nodelist.render(context),
            settings.PAGE_CACHE_SECONDS,
        )


@register.tag("listing_fragment")
def do_listing_fragment(parser, token):
    """``{% listing_fragment "name" part ... %}…{% endlisting_fragment %}``: part of a page that
    lists guides and shows nothing else (no draft, nothing private: only what every visitor of
    the page may see, for any request), kept until the next publish or other page purge
    (:func:`pagecache.sitewide.remember_listing`), per site, language and the parts given (which
    must name everything the part depends on besides the list of guides itself)."""
    bits = token.split_contents()
    if len(bits) < len(("listing_fragment", "name")):
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and the parts it depends on.")
    nodelist = parser.parse(("endlisting_fragment",))
    parser.delete_first_token()
    return ListingFragmentNode([parser.compile_filter(bit) for bit in bits[1:]], nodelist)
