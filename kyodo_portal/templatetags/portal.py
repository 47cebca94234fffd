from django import template

from kyodo_portal.core.fiscal import format_fiscal_year

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
