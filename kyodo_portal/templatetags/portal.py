from django import template
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


@register.simple_tag
def body_options(choice) -> str:
    """The <option>s of a public list's body filter, the chosen body marked.

    A national deployment has 1,788 bodies: rendering an option each through the template engine
    cost 100 ms a page. The options are rendered once per language and list of bodies (the key
    is a digest of what they show, so a renamed or added body makes a new entry) and the chosen
    one is marked in the copy. The names and their digest are worked out once per process and
    language while the bodies stay the same (``choice.names()``), not on each page."""
    bodies, digest = choice.names()
    key = f"body-options:{get_language()}:{digest}"
    options = cache.get(key)
    if options is None:
        options = "".join(
            format_html('<option value="{}">{}</option>', slug, name) for slug, name in bodies
        )
        cache.set(key, options, 24 * 60 * 60)
    if choice.selected is not None:
        chosen = format_html('<option value="{}"', choice.selected.slug)
        options = options.replace(f"{chosen}>", f"{chosen} selected>", 1)
    return mark_safe(options)
