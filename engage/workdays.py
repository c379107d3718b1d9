"""Danish working days: the service target for answering proposals counts only these."""

from bisect import bisect_right
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Days the municipality's offices are closed (Store Bededag is abolished from 2024)."""
    easter = _easter(year)
    moving = [-3, -2, 0, 1, 39, 49, 50]  # Skærtorsdag ... 2. pinsedag
    if year < 2024:
        moving.append(26)  # Store Bededag
    fixed = [(1, 1), (6, 5), (12, 24), (12, 25), (12, 26), (12, 31)]
    return frozenset(
        [easter + timedelta(days=n) for n in moving] + [date(year, m, d) for m, d in fixed]
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_days_before(*, moment: datetime, days: int) -> datetime:
    """The moment `days` working days before `moment`: things older than this are late.

    Time counts only on working days: on a weekend or holiday the clock stands still at
    the end of the last working day, so on a Saturday a proposal from Monday morning has
    waited four and a half working days, not five.
    """
    local = timezone.localtime(moment)
    day = local.date()
    if not is_working_day(day):
        while not is_working_day(day):
            day -= timedelta(days=1)
        day += timedelta(days=1)
        local = local.replace(hour=0, minute=0, second=0, microsecond=0)
    remaining = days
    while remaining > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def working_days_between(*, start: datetime, end: datetime) -> int:
    """Whole working days from `start` to `end` (0 on the same day).

    Counts the working days after `start`'s local date up to and including `end`'s, in
    arithmetic rather than day by day: queues show proposals that may be years old.
    """
    return working_days_between_dates(
        first=timezone.localtime(start).date(), last=timezone.localtime(end).date()
    )


def working_days_between_dates(*, first: date, last: date) -> int:
    """working_days_between for local dates: the working days after `first` up to and
    including `last`."""
    if last <= first:
        return 0
    span = (last - first).days
    weeks, rest = divmod(span, 7)
    weekdays = weeks * 5 + sum(
        1 for offset in range(1, rest + 1) if (first + timedelta(days=offset)).weekday() < 5
    )
    holidays = sum(
        bisect_right(days, last) - bisect_right(days, first)
        for days in map(_weekday_holidays, range(first.year, last.year + 1))
    )
    return weekdays - holidays


@lru_cache(maxsize=64)
def _weekday_holidays(year: int) -> tuple[date, ...]:
    return tuple(sorted(day for day in public_holidays(year) if day.weekday() < 5))
