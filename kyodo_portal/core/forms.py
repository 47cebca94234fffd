"""Form fields every app shares: amounts in yen as Japanese users type them."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

# --- Amounts in yen ---------------------------------------------------------------------------

AMOUNT_INVALID = _("金額は円単位の整数で入力してください（例：1,000,000）。")
AMOUNT_BELOW_ZERO = _("金額は0円以上で入力してください。")
AMOUNT_TOO_LARGE = _("金額が大きすぎます。円単位の整数で入力されているか確認してください。")
# A trillion yen: far above any collaboration project, well inside the database's bigint.
MAX_YEN = 999_999_999_999

# What people around a yen amount type: the yen sign in either width, the backslash that a
# Japanese keyboard shows as ¥, 円, thousands separators (、 and ，too) and spaces.
_AMOUNT_NOISE = str.maketrans("", "", ",、 \u3000_")


def normalize_amount(value) -> str:
    """'１，０００' / '¥１,０００' / '1,000円' / ' 3000000 ' → '1000' … ; anything else unchanged.

    Japanese users type amounts with the input method on, which gives full-width digits and
    commas; NFKC folds them to ASCII. The result still goes through int(), so text that is not
    a whole number stays invalid.
    """
    if value is None:
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for prefix in ("¥", "\\", "￥"):
        text = text.removeprefix(prefix)
    text = text.removesuffix("円").translate(_AMOUNT_NOISE)
    return text


class YenField(forms.IntegerField):
    """A whole-yen amount that accepts full-width digits, separators, ¥ and 円.

    A text input with the numeric keyboard (not type=number, which browsers empty when the
    person types full-width digits or commas)."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": AMOUNT_INVALID,
        "min_value": AMOUNT_BELOW_ZERO,
        "max_value": AMOUNT_TOO_LARGE,
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_YEN)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(normalize_amount(value))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # IntegerField gives min/max/step to number inputs only; a text input gets the
        # numeric keyboard and a pattern-free hint instead.
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs


def yen_field(model, name: str, **kwargs) -> YenField:
    """A YenField for a model's amount field, with its label and whether it may be blank."""
    field = model._meta.get_field(name)
    kwargs.setdefault("label", field.verbose_name)
    kwargs.setdefault("required", not field.blank)
    if field.help_text:
        kwargs.setdefault("help_text", field.help_text)
    return YenField(**kwargs)


# --- Submissions that cannot be undone --------------------------------------------------------

IRREVERSIBLE_LABEL = _("提出後は取り消せないことを確認しました")
IRREVERSIBLE_REQUIRED = _(
    "提出後は取り消せません。内容を確認したうえで、確認欄にチェックを入れてください。"
)


class IrreversibleConfirmField(forms.BooleanField):
    """The one tick asked before a submission that cannot be taken back.

    Required: a form without the tick is invalid, so the view never calls the service and shows
    the form again with the error beside the box. A form that also saves drafts makes it
    optional for the draft button (``field.required = False``)."""

    default_error_messages = {"required": IRREVERSIBLE_REQUIRED}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", IRREVERSIBLE_LABEL)
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)


class IrreversibleConfirmForm(forms.Form):
    """A submit button's form with nothing but the tick."""

    confirm = IrreversibleConfirmField()


class LanguageSelect(forms.Select):
    """A choice of language, each option named in its own language and marked so (lang="ja"):
    a reader finds their language by its own name, and a screen reader pronounces it right."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option
