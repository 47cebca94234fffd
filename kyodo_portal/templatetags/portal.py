from django import template
from django.utils import timezone

from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.wareki import wareki_date

register = template.Library()


@register.filter
def fiscal_year(value, style: str = "full") -> str:
    """{{ year|fiscal_year }} → 令和8年度（2026年度）; with "short" → 令和8年度."""
    if value in (None, ""):
        return ""
    return format_fiscal_year(int(value), with_western=style != "short")


@register.filter
def yen(value) -> str:
    """12345 → ¥12,345 (amounts are whole yen)."""
    if value in (None, ""):
        return ""
    return f"¥{int(value):,}"


@register.filter
def en(value) -> str:
    """3000000 → 3,000,000円, as amounts are written in documents."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}円"


@register.filter
def wareki(value) -> str:
    """A date in the Japanese era: 令和8年12月5日."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return wareki_date(value)
