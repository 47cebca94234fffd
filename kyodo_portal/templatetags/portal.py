from django import template

from kyodo_portal.core.dates import display_date, display_datetime, display_yen
from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.numbers import one_decimal as _one_decimal
from kyodo_portal.core.punctuation import join_list as _join_list
from kyodo_portal.core.punctuation import punctuate

register = template.Library()


@register.filter
def fiscal_year(value, style: str = "full") -> str:
    """{{ year|fiscal_year }} → 令和8年度（2026年度）; with "short" → 令和8年度."""
    if value in (None, ""):
        return ""
    return format_fiscal_year(int(value), with_western=style != "short")


@register.filter
def one_decimal(value) -> str:
    """{{ mean|one_decimal }} → 3.3 (one decimal place, halves up); None → "—"."""
    rounded = _one_decimal(value)
    return "—" if rounded is None else str(rounded)


@register.filter
def yen(value) -> str:
    """12345 → 12,345円 (¥12,345 in English); amounts are whole yen."""
    return display_yen(value)


@register.filter(expects_localtime=True)
def wareki(value, style: str = "") -> str:
    """{{ day|wareki }} → 令和8年12月5日 (5 Dec 2026 in English);
    {{ day|wareki:"western" }} → 令和8年（2026年）12月5日, for tables spanning many years."""
    return display_date(value, with_western=style == "western")


@register.filter(expects_localtime=True)
def wareki_datetime(value) -> str:
    """{{ moment|wareki_datetime }} → 令和8年12月5日 14:30 (5 Dec 2026, 14:30 in English)."""
    return display_datetime(value)


@register.simple_tag
def punct(marks: str) -> str:
    """{% punct "（" %} → （ in Japanese, " (" in English: punctuation between pieces of a page."""
    return punctuate(marks)


@register.filter
def join_list(items) -> str:
    """{{ names|join_list }} → 「A、B」 in Japanese, "A, B" in English."""
    return _join_list(items)
