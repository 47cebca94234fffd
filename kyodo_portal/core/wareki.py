"""Dates written in the Japanese era (和暦), as documents filed by an office are dated."""

import datetime

# (first day of the era, era name), newest first.
_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
)


def wareki_date(day: datetime.date) -> str:
    """令和8年12月5日; the first year of an era is written 元年 (令和元年5月1日)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    for first_day, era in _ERAS:
        if day >= first_day:
            number = day.year - first_day.year + 1
            return f"{era}{'元' if number == 1 else number}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
