"""Japanese fiscal year (年度): April to March, written the way public offices write it.

Fiscal year 2026 runs from 1 April 2026 to 31 March 2027 and is written 令和8年度 (2026年度).
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

# (first Western year of the era for fiscal-year purposes, era name). A fiscal year takes the era
# in force on 1 April: FY2019 began under Heisei but is written 令和元年度 by convention, since the
# era changed a month later and offices re-titled the whole year.
_ERAS = (
    (2019, "令和"),
    (1989, "平成"),
)


def fiscal_year_of(day: datetime.date | None = None) -> int:
    """The fiscal year a date falls in (Asia/Tokyo today when no date is given)."""
    if day is None:
        day = timezone.localdate()
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year."""
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)


def wareki_fiscal_year(fiscal_year: int) -> str:
    """令和8年度 for 2026; 令和元年度 for 2019; 平成30年度 for 2018."""
    for first_year, era in _ERAS:
        if fiscal_year >= first_year:
            number = fiscal_year - first_year + 1
            return f"{era}{'元' if number == 1 else number}年度"
    return f"{fiscal_year}年度"


def format_fiscal_year(fiscal_year: int | None, *, with_western: bool = True) -> str:
    """Display a fiscal year in the active language: 令和8年度（2026年度） or FY2026."""
    if fiscal_year is None:
        return ""
    if (get_language() or "ja").startswith("en"):
        return f"FY{fiscal_year}"
    wareki = wareki_fiscal_year(fiscal_year)
    return f"{wareki}（{fiscal_year}年度）" if with_western else wareki


def fiscal_year_choices(start: int | None = None, end: int | None = None) -> list[tuple[int, str]]:
    """Choices for a fiscal-year field: ten years back to two ahead by default."""
    current = fiscal_year_of()
    start = current - 10 if start is None else start
    end = current + 2 if end is None else end
    return [(year, format_fiscal_year(year)) for year in range(end, start - 1, -1)]
