"""What the project forms share: amount messages, the date widget, control styling and the
version field that lets stale saves be refused.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.forms import AMOUNT_INVALID

# Full-width digits are accepted now, so the message no longer asks for half-width ones.
AMOUNT_NOT_NUMBER = AMOUNT_INVALID
AMOUNT_NEGATIVE = _("金額は0円以上で入力してください。")
AMOUNT_TOO_LARGE = _("金額が大きすぎます。円単位の整数で入力されているか確認してください。")
# A trillion yen: far above any collaboration project, well inside the database's integer.
MAX_AMOUNT = 999_999_999_999
BUDGET_NEGATIVE = _("予算額は0円以上の整数で入力してください。")
BACK_REASON_REQUIRED = _("前の段階に戻す理由を記入してください。")

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def style_controls(form: forms.Form, small: bool = False) -> None:
    """Bootstrap classes for forms rendered field by field (not through crispy)."""
    size = " form-control-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select" + size.replace("control", "select"))
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control" + size)


class VersionField(forms.IntegerField):
    """The version the person started from, sent back so stale saves can be refused."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)
