"""Finding the page at an address with fewer queries than Wagtail's walk down the tree."""

from wagtail.models import Page

#: Levels looked up at once; below that, Wagtail's own walk goes on (no site is this deep).
MAX_LEVELS = 16


def _routes_like_page(page: Page) -> bool:
    """Whether the page's own type routes as ``Page.route`` does (to a child by its slug)."""
    model = page.specific_class
    return model is None or model.route is Page.route


class PathRoutingMixin:
    """For a site's root page: finds the page at an address below it in one query for the pages
    on the way, plus one for the page itself, however deep it is.

    Wagtail's ``Page.route`` goes down one level at a time, two queries a level (the child with
    the next slug, then that child as its own type): 4 for a guide, 6 for a page below a guide.
    This gives the same answer: a page on the way whose type routes its own way (a
    ``RoutablePageMixin`` guide and its ``aftercare/``) is asked for the rest of the address, the
    page at the full address must be live, and an address that matches no page is a 404.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes, url_path = [], self.url_path
        for component in path_components[:MAX_LEVELS]:
            url_path += f"{component}/"
            prefixes.append(url_path)
        on_the_way = {
            page.url_path: page
            for page in Page.objects.filter(
                path__startswith=self.path,
                slug__in=set(path_components[:MAX_LEVELS]),
                url_path__in=prefixes,
            )
        }
        found = 0  # pages found on the way, each under the one before
        while found < len(prefixes) and prefixes[found] in on_the_way:
            page = on_the_way[prefixes[found]]
            found += 1
            if not _routes_like_page(page):
                break
        if not found:
            return super().route(request, path_components)  # no such child: Wagtail's 404
        # The pages on the way down are the ancestors of what is served (route_ancestors).
        request._route_pages = [self, *(on_the_way[prefix] for prefix in prefixes[:found])]
        page = on_the_way[prefixes[found - 1]].specific
        return page.route(request, path_components[found:])


def route_ancestors(request, page: Page) -> list[Page] | None:
    """``page.get_ancestors()`` without the tree's root (the site's home page first), from the
    pages routing found on the way to it, or None if it did not find them all (then ask the
    database)."""
    pages = getattr(request, "_route_pages", None) if request is not None else None
    if not pages:
        return None
    ancestors = sorted(
        (p for p in pages if p.depth < page.depth and page.path.startswith(p.path)),
        key=lambda p: p.depth,
    )
    if [p.depth for p in ancestors] != list(range(2, page.depth)):
        return None
    return ancestors


def language_home(site, language: str) -> Page:
    """The site's home page in ``language`` (its live translation), else the site's own home."""
    root = site.root_page
    translation = (
        Page.objects.live()
        .filter(translation_key=root.translation_key, locale__language_code=language)
        .first()
    )
    return translation or root
