"""What the API lists of other apps share about partners: the ``?body=<slug>`` filter."""

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.api.filters import SlugFilter
from partners.models import GovernmentBody
from partners.selectors import UNKNOWN_BODY

BODY_FILTER_HELP = _("自治体のURL名（/b/ の一覧のページのアドレスにある名前）。例：saitama-city")


def body_filter() -> SlugFilter:
    """``?body=<slug>``: only one government body's rows; an unknown name is a 400 that says so
    (the list is never quietly the whole deployment's)."""
    return SlugFilter(
        queryset=GovernmentBody.objects.all(),
        help_text=BODY_FILTER_HELP,
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
