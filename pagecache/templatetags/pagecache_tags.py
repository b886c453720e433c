"""``{% page_fragment "name" %}…{% endpage_fragment %}``: part of a page worked out once per
published version (and purge) of the page, not on every cache miss. See
:func:`pagecache.sitewide.page_fragment` for what may go in one."""

from django import template

from pagecache.sitewide import page_fragment

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
