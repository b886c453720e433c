"""The first results of a search, kept until the next publish (or other page purge).

Ranking is the one part of a search whose cost grows with the library: a word in every guide
("microneedling" at 10,000 guides) ranks every guide that has it. So the ids of the first
``COUNTED + 1`` results of each search (all a first page needs, and the total up to 100) are kept
in the page cache's store under the site's generation and the listings' generation
(:func:`pagecache.store.listing_generations`), which every page purge renews: publishing,
unpublishing, moving or deleting a guide, a change of privacy, of the glossary (which changes
what a search means) or of anything shown on every page. A repeated search then costs no
ranking at all, whatever the number of guides. The snippets of a page of results are kept the
same way (building them reads each guide's text: about 15 ms of PostgreSQL's time a page). A
repeated search still loads its page of guides from the live, public guides, so a guide made
private or unpublished since is never shown, whatever is kept.

Kept for ``SEARCH_CACHE_SECONDS`` (5 minutes; 0 keeps nothing). Nothing is kept or read without
a cache, or while the cache has missed a purge it has not caught up with yet.
"""

from django.conf import settings

from pagecache.sitewide import remember_listing

from .engines import GuideSearch
from .query import GuideQuery


def cache_seconds() -> int:
    return int(getattr(settings, "SEARCH_CACHE_SECONDS", 300))


class KeptSearch:
    """``search`` with its first results kept (see the module's docstring)."""

    def __init__(self, search: GuideSearch, query: GuideQuery):
        self.search, self.query = search, query

    def ranked_ids(self, start: int, stop: int) -> list[int]:
        if start != 0:  # deeper pages are rare: ranked afresh
            return self.search.ranked_ids(start, stop)
        parts = [*self.parts(), str(stop)]
        return remember_listing(parts, lambda: self.search.ranked_ids(start, stop), cache_seconds())

    def parts(self) -> list[str]:
        # Per language: "acne" is searched among the English guides at /search/, the Spanish
        # ones at /es/search/.
        return ["search", self.query.language, self.query.words, *sorted(self.query.terms)]

    def guides(self, ids: list[int], snippets: dict | None = None):
        """The page's guides with their snippets, kept per search and page of results."""
        made = []

        def build() -> dict[int, str]:
            made.extend(self.search.guides(ids))
            return {guide.pk: str(guide.snippet) for guide in made}

        kept = remember_listing([*self.parts(), "snippets", *map(str, ids)], build, cache_seconds())
        return made or self.search.guides(ids, snippets=kept)
