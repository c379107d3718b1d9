"""Page through big result sets without counting all of them.

COUNT(*) over 100,000 matching rows costs more than the page itself. Counting stops at
`cap` rows, or at the end of the requested page when that is further, plus one row to
know that there is more: "more than 1,000 proposals", page links up to there, and a Next
link on the last counted page whenever more rows exist.
"""

from collections.abc import Callable
from contextlib import suppress
from functools import cached_property

from django.core.paginator import Paginator
from django.utils.formats import number_format

COUNT_CAP = 1000
# A page number past any real list is read as this one (then as the last page), so that
# `?page=10**20` never turns into a LIMIT the database cannot hold.
MAX_PAGE = 100_000


class CappedPaginator(Paginator):
    def __init__(
        self,
        object_list,
        per_page,
        *,
        number,
        cap: int | None = None,
        ids_first=False,
        counter: Callable[[int], int] | None = None,
        **kwargs,
    ):
        """`ids_first`: sort and slice bare ids, then load the page's rows (see `page`).
        `counter(limit)`: the number of rows, at most `limit`, from elsewhere (a cache)."""
        super().__init__(object_list, per_page, **kwargs)
        self.ids_first = ids_first
        self.counter = counter
        try:
            requested = min(MAX_PAGE, max(1, int(number)))
        except (TypeError, ValueError, OverflowError):
            requested = 1
        # One row past the requested page, so its Next link is right even past the cap.
        cap = COUNT_CAP if cap is None else cap
        self.limit = max(cap, requested * self.per_page) + 1

    @cached_property
    def count(self) -> int:
        """The number of rows, but never more than `limit` (see `more_than`)."""
        if self.counter is not None:
            return self.counter(self.limit)
        # Unordered, so PostgreSQL may count from whichever index is cheapest.
        return self.object_list.order_by().values("pk")[: self.limit].count()

    def validate_number(self, number) -> int:
        """Django's check, with a huge number taken as the first page past the end."""
        with suppress(TypeError, ValueError, OverflowError):  # Django says "not a number"
            number = min(int(number), MAX_PAGE)
        return super().validate_number(number)

    def page(self, number):
        """A page; with `ids_first` its rows are loaded in a second query by primary key.

        When PostgreSQL sorts the matches itself (a search it expects few rows from), it
        would otherwise carry every matching row, joins and all, through the sort.
        """
        page = super().page(number)
        if self.ids_first:
            ids = list(page.object_list.values_list("pk", flat=True))
            rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
            page.object_list = [rows[pk] for pk in ids if pk in rows]
        return page

    @property
    def more_than(self) -> int | None:
        """When counting stopped early: the number of rows there are more than; else None."""
        return self.limit - 1 if self.count >= self.limit else None

    @property
    def more_than_display(self) -> str:
        """`more_than` grouped the active language's way ("1.000" in Danish)."""
        more_than = self.more_than
        return number_format(more_than, force_grouping=True) if more_than else ""
