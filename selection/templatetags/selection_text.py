from django import template

from selection.defaults import criterion_text as _criterion_text

register = template.Library()


@register.filter
def criterion_text(text: str) -> str:
    """{{ criterion.name|criterion_text }}: the portal's default criteria in the reader's
    language, the office's own criteria as written."""
    return _criterion_text(text or "")
