"""Pages of search results that never count every match.

The first :data:`COUNTED` results are fetched as ids in the one ranked query any page needs, so
up to that many the total is exact ("12 guides found", "Page 1 of 2"); beyond it the page says
"More than 100 guides found" and offers Previous and Next only. A later page asks for its own
ids plus one (is there a next page?). No ``COUNT(*)`` over the matches, ever: counting 1,000 or
10,000 matches costs as much as ranking them again.
"""

import math
from dataclasses import dataclass

from .engines import GuideSearch

PER_PAGE = 10
#: Results counted exactly (10 pages); beyond, "more than" this many.
COUNTED = 100
#: Deeper pages are not offered (nobody reads 10,000 results; a huge number is not an error).
MAX_PAGE = 1000


def page_number(value: str | None) -> int:
    """The page asked for: 1 unless ``value`` is a whole number, at most :data:`MAX_PAGE`."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


@dataclass
class ResultsPage:
    guides: list
    number: int
    has_next: bool
    #: How many guides match, or None for more than :data:`COUNTED`.
    total: int | None

    counted = COUNTED

    def __iter__(self):
        return iter(self.guides)

    def __len__(self) -> int:
        return len(self.guides)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        return max(math.ceil(self.total / PER_PAGE), 1) if self.total is not None else None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PER_PAGE + 1


def results_page(search: GuideSearch, number: int) -> ResultsPage:
    """Page ``number`` of ``search``'s results: one ranked query, one to load its guides.

    A page past the last one shows the last page when the total is known (as Django's
    ``Paginator.get_page`` does), and no guides when it is not (more than :data:`COUNTED`
    results, but fewer than that page needs); either costs one more ranked query.
    """
    start = (number - 1) * PER_PAGE
    if start >= COUNTED:
        ids = search.ranked_ids(start, start + PER_PAGE + 1)
        if ids:
            return ResultsPage(search.guides(ids[:PER_PAGE]), number, len(ids) > PER_PAGE, None)
    ids = search.ranked_ids(0, COUNTED + 1)
    total = len(ids) if len(ids) <= COUNTED else None
    if total is None and start >= COUNTED:
        return ResultsPage([], number, has_next=False, total=None)
    if total is not None and start >= total:
        number = max(math.ceil(total / PER_PAGE), 1)
        start = (number - 1) * PER_PAGE
    page_ids = ids[start : start + PER_PAGE]
    return ResultsPage(search.guides(page_ids), number, len(ids) > start + PER_PAGE, total)
