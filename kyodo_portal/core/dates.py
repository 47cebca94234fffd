"""Dates and amounts as Japanese public documents write them.

Japanese pages and mail give dates in the Japanese era (和暦): 令和8年12月5日, 令和元年5月1日 for
the first year, 平成31年4月30日 before the era changed on 1 May 2019. English: "5 Dec 2026".
Amounts are whole yen: 3,000,000円 in Japanese, ¥3,000,000 in English.

These are for people to read. CSV, Excel and the API keep ISO 8601 dates and plain numbers.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

# (first day of the era, era name), newest first.
_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
)

DateLike = datetime.date | datetime.datetime | None

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _is_english(language: str | None) -> bool:
    return (language or get_language() or "ja").startswith("en")


def _as_local(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in the site's time zone (Asia/Tokyo); a naive one as it is."""
    if timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def wareki_year(day: datetime.date) -> str:
    """令和8年 for 2026-12-05; 令和元年 for 2019-05-01; 平成31年 for 2019-04-30."""
    for first_day, era in _ERAS:
        if day >= first_day:
            number = day.year - first_day.year + 1
            return f"{era}{'元' if number == 1 else number}年"
    return f"{day.year}年"


def display_date(
    value: DateLike, language: str | None = None, *, with_western: bool = False
) -> str:
    """令和8年12月5日 in Japanese, "5 Dec 2026" in English (active language when none is given).

    with_western adds the Western year for tables spanning many years: 令和8年（2026年）12月5日.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = _as_local(value).date()
    if _is_english(language):
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    year = wareki_year(value)
    if with_western:
        year = f"{year}（{value.year}年）"
    return f"{year}{value.month}月{value.day}日"


def display_datetime(value: DateLike, language: str | None = None) -> str:
    """令和8年12月5日 14:30 in Japanese, "5 Dec 2026, 14:30" in English (Asia/Tokyo time)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime.datetime):
        return display_date(value, language)
    value = _as_local(value)
    day = display_date(value.date(), language)
    clock = f"{value.hour:02d}:{value.minute:02d}"
    return f"{day}, {clock}" if _is_english(language) else f"{day} {clock}"


def display_yen(value, language: str | None = None) -> str:
    """3,000,000円 in Japanese, ¥3,000,000 in English (amounts are whole yen)."""
    if value in (None, ""):
        return ""
    amount = int(value)
    if _is_english(language):
        return f"-¥{-amount:,}" if amount < 0 else f"¥{amount:,}"
    return f"{amount:,}円"
