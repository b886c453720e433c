"""Date arithmetic for review schedules."""

import calendar
import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the last day of the month when that day does not exist.

    >>> add_months(datetime.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
