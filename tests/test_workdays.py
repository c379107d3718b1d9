"""Danish working days: the service target counts only these."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from engage.workdays import (
    is_working_day,
    public_holidays,
    working_days_before,
    working_days_between,
)

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")

# Written out from the official calendar, not computed.
HOLIDAYS = {
    2025: {
        date(2025, 1, 1),  # nytårsdag
        date(2025, 4, 17),  # skærtorsdag
        date(2025, 4, 18),  # langfredag
        date(2025, 4, 20),  # påskedag
        date(2025, 4, 21),  # 2. påskedag
        date(2025, 5, 29),  # Kristi himmelfartsdag
        date(2025, 6, 5),  # grundlovsdag
        date(2025, 6, 8),  # pinsedag
        date(2025, 6, 9),  # 2. pinsedag
        date(2025, 12, 24),
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2025, 12, 31),
    },
    2026: {
        date(2026, 1, 1),
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 4, 5),
        date(2026, 4, 6),
        date(2026, 5, 14),
        date(2026, 5, 24),
        date(2026, 5, 25),
        date(2026, 6, 5),
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 31),
    },
    2027: {
        date(2027, 1, 1),
        date(2027, 3, 25),
        date(2027, 3, 26),
        date(2027, 3, 28),
        date(2027, 3, 29),
        date(2027, 5, 6),
        date(2027, 5, 16),
        date(2027, 5, 17),
        date(2027, 6, 5),
        date(2027, 12, 24),
        date(2027, 12, 25),
        date(2027, 12, 26),
        date(2027, 12, 31),
    },
}


@pytest.mark.parametrize("year", sorted(HOLIDAYS))
def test_danish_public_holidays(year):
    assert public_holidays(year) == HOLIDAYS[year]


def test_store_bededag_is_abolished_from_2024():
    assert date(2023, 5, 5) in public_holidays(2023)  # the fourth Friday after Easter
    assert date(2024, 4, 26) not in public_holidays(2024)
    assert date(2025, 5, 16) not in public_holidays(2025)
    assert is_working_day(date(2025, 5, 16))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 3, 10), True),  # Monday
        (date(2025, 3, 14), True),  # Friday
        (date(2025, 3, 15), False),  # Saturday
        (date(2025, 3, 16), False),  # Sunday
        (date(2025, 4, 18), False),  # Good Friday
        (date(2025, 6, 5), False),  # Constitution Day, a Thursday
        (date(2025, 12, 23), True),
        (date(2025, 12, 24), False),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("moment", "days", "expected"),
    [
        # Monday back over a weekend.
        (datetime(2025, 3, 10, 9, 0, tzinfo=CPH), 1, datetime(2025, 3, 7, 9, 0, tzinfo=CPH)),
        (datetime(2025, 3, 10, 9, 0, tzinfo=CPH), 5, datetime(2025, 3, 3, 9, 0, tzinfo=CPH)),
        # From a Saturday the clock stopped at the end of Friday: one working day back is
        # the start of Friday.
        (datetime(2025, 3, 15, 12, 0, tzinfo=CPH), 1, datetime(2025, 3, 14, 0, 0, tzinfo=CPH)),
        # A Monday morning proposal is not yet five working days old on Saturday.
        (datetime(2025, 3, 15, 12, 0, tzinfo=CPH), 5, datetime(2025, 3, 10, 0, 0, tzinfo=CPH)),
        # Over Christmas: 24, 25 and 26 December and the weekend do not count.
        (datetime(2025, 12, 29, 10, 0, tzinfo=CPH), 5, datetime(2025, 12, 17, 10, 0, tzinfo=CPH)),
        # Over New Year: 31 December and 1 January do not count.
        (datetime(2026, 1, 2, 8, 0, tzinfo=CPH), 2, datetime(2025, 12, 29, 8, 0, tzinfo=CPH)),
        # Over Easter 2026.
        (datetime(2026, 4, 7, 10, 0, tzinfo=CPH), 3, datetime(2026, 3, 30, 10, 0, tzinfo=CPH)),
        (datetime(2025, 3, 10, 9, 0, tzinfo=CPH), 0, datetime(2025, 3, 10, 9, 0, tzinfo=CPH)),
    ],
)
def test_working_days_before(moment, days, expected):
    assert working_days_before(moment=moment, days=days) == expected


def test_working_days_before_keeps_the_local_time_across_summer_time():
    # Summer time starts on 30 March 2025; the deadline keeps 10:00 on the wall clock.
    result = working_days_before(moment=datetime(2025, 3, 31, 10, 0, tzinfo=CPH), days=5)
    assert result == datetime(2025, 3, 24, 10, 0, tzinfo=CPH)
    assert result.astimezone(UTC).hour == 9  # winter time, UTC+1


def test_working_days_before_uses_the_local_date():
    # 23:30 UTC on Sunday is already Monday in Copenhagen.
    moment = datetime(2025, 3, 9, 23, 30, tzinfo=UTC)
    result = working_days_before(moment=moment, days=1)
    assert result == datetime(2025, 3, 7, 0, 30, tzinfo=CPH)


def at(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=CPH)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2025, 3, 10, 9), at(2025, 3, 10, 17), 0),  # same day
        (at(2025, 3, 14, 16), at(2025, 3, 17, 8), 1),  # Friday → Monday
        (at(2025, 3, 10, 9), at(2025, 3, 17, 9), 5),  # a week
        (at(2025, 12, 19, 9), at(2025, 12, 29, 9), 3),  # over Christmas
        (at(2025, 4, 16, 9), at(2025, 4, 22, 9), 1),  # over Easter
        (at(2025, 3, 17, 9), at(2025, 3, 10, 9), 0),  # backwards
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start=start, end=end) == expected


def test_working_days_between_and_before_agree():
    end = datetime(2026, 1, 5, 10, 0, tzinfo=CPH)
    for days in range(1, 15):
        start = working_days_before(moment=end, days=days)
        assert working_days_between(start=start, end=end) == days


def test_working_days_between_agrees_with_counting_day_by_day():
    import random

    rng = random.Random(2026)
    for _ in range(2000):
        start = datetime(2022, 1, 1, tzinfo=CPH) + timedelta(
            days=rng.randint(0, 1500), hours=rng.randint(0, 23)
        )
        end = start + timedelta(days=rng.randint(-5, 1100), hours=rng.randint(0, 23))
        day, counted = start.date(), 0
        while day < end.date():
            day += timedelta(days=1)
            counted += is_working_day(day)
        assert working_days_between(start=start, end=end) == counted, (start, end)
