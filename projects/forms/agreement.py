"""The agreement's line forms and formsets, its revision and its confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.forms import IrreversibleConfirmField, YenField
from projects.choices import (
    REQUIRED_RESPONSIBILITY_TOPICS,
    AgreementArticle,
    CostCategory,
    PaymentMethod,
    ResponsibilityTopic,
    Side,
)
from projects.forms.common import (
    AMOUNT_NEGATIVE,
    AMOUNT_NOT_NUMBER,
    AMOUNT_TOO_LARGE,
    DATE_WIDGET,
    MAX_AMOUNT,
    VersionField,
    style_controls,
)
from projects.models import AGREEMENT_TEXT_MAX


class LineForm(forms.Form):
    """One line of the agreement. A row with none of ``meaningful`` filled is blank and
    dropped, so emptying a row removes it and unused spare rows are ignored."""

    meaningful: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_controls(self, small=True)

    def has_changed(self):
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.meaningful
        )


class RoleLineForm(LineForm):
    meaningful = ("task", "side", "deliverable", "due_date")
    task = forms.CharField(label=_("作業・役割"), max_length=200)
    side = forms.ChoiceField(label=_("担当"), choices=[("", "—"), *list(Side.choices)])
    deliverable = forms.CharField(label=_("成果物"), max_length=200, required=False)
    due_date = forms.DateField(label=_("期限"), required=False, widget=DATE_WIDGET)


class CostLineForm(LineForm):
    # The category has a default, so it alone does not make a row.
    meaningful = ("item", "amount", "borne_by", "note")
    item = forms.CharField(label=_("費目"), max_length=200)
    category = forms.ChoiceField(label=_("区分"), choices=CostCategory.choices)
    amount = YenField(
        label=_("金額（円）"),
        max_value=MAX_AMOUNT,
        error_messages={
            "invalid": AMOUNT_NOT_NUMBER,
            "min_value": AMOUNT_NEGATIVE,
            "max_value": AMOUNT_TOO_LARGE,
        },
    )
    borne_by = forms.ChoiceField(label=_("負担"), choices=[("", "—"), *list(Side.choices)])
    note = forms.CharField(label=_("備考"), max_length=200, required=False)


class ResponsibilityLineForm(LineForm):
    # A row with only the pre-filled topic is blank: the office has not written it yet.
    meaningful = ("side", "text")
    topic = forms.ChoiceField(label=_("事項"), choices=ResponsibilityTopic.choices)
    side = forms.ChoiceField(label=_("責任を負う側"), choices=[("", "—"), *list(Side.choices)])
    text = forms.CharField(label=_("取り決めの内容"), widget=forms.Textarea(attrs={"rows": 2}))


class BaseLineFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # Every row may be left blank (see LineForm), not only the spare ones.
        kwargs["empty_permitted"] = True
        return super()._construct_form(i, **kwargs)

    def lines(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


RoleLineFormSet = forms.formset_factory(
    RoleLineForm, formset=BaseLineFormSet, extra=2, can_delete=True
)
CostLineFormSet = forms.formset_factory(
    CostLineForm, formset=BaseLineFormSet, extra=2, can_delete=True
)
ResponsibilityLineFormSet = forms.formset_factory(
    ResponsibilityLineForm, formset=BaseLineFormSet, extra=1, can_delete=True
)


def agreement_formsets(data=None, version=None):
    """The three line formsets, filled from a version (or with the seven topics to write)."""
    if version is not None:
        roles = [
            {
                "task": line.task,
                "side": line.side,
                "deliverable": line.deliverable,
                "due_date": line.due_date,
            }
            for line in version.roles.all()
        ]
        costs = [
            {
                "item": line.item,
                "category": line.category,
                "amount": line.amount,
                "borne_by": line.borne_by,
                "note": line.note,
            }
            for line in version.costs.all()
        ]
        responsibilities = [
            {"topic": line.topic, "side": line.side, "text": line.text}
            for line in version.responsibilities.all()
        ]
    else:
        roles, costs = [], []
        responsibilities = [{"topic": topic.value} for topic in REQUIRED_RESPONSIBILITY_TOPICS]
    return (
        RoleLineFormSet(data, prefix="roles", initial=roles),
        CostLineFormSet(data, prefix="costs", initial=costs),
        ResponsibilityLineFormSet(data, prefix="resp", initial=responsibilities),
    )


class AgreementPaymentForm(forms.Form):
    """The payment terms (支払条件) of the draft: how and when the office pays its share."""

    payment_method = forms.ChoiceField(
        label=_("支払方法"),
        choices=[("", _("（未定）")), *list(PaymentMethod.choices)],
        required=False,
    )
    payment_schedule = forms.CharField(
        label=_("支払の時期と方法"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("いつ、どのように支払うか（例：4月に半額を前金払、事業完了後に残額を精算払）"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_controls(self)


# The text of a comment or a request is checked by its service (required, at most 4,000
# characters), so the page shows the same message as any other caller gets.
TEXT_ATTRS = {"maxlength": AGREEMENT_TEXT_MAX}


class AgreementCommentForm(forms.Form):
    """A comment on one article of the current version (each thread has its own form)."""

    article = forms.ChoiceField(choices=AgreementArticle.choices, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("コメント"), required=False, widget=forms.Textarea(attrs={"rows": 2, **TEXT_ATTRS})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_controls(self, small=True)


class AgreementChangeRequestForm(forms.Form):
    """The NPO's request to change an article (修正を依頼する)."""

    article = forms.ChoiceField(
        label=_("修正を依頼する条項"),
        choices=[("", "—"), *list(AgreementArticle.choices)],
        error_messages={"required": _("対象の条項を選んでください。")},
    )
    reason = forms.CharField(
        label=_("修正してほしい内容と理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, **TEXT_ATTRS}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_controls(self)


class AgreementRevisionForm(forms.Form):
    revision = VersionField()


class ConfirmForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    confirm = IrreversibleConfirmField()

    def __init__(self, *args, side: str = "", **kwargs):
        # Each side's form has its own ids: one person may confirm for both sides.
        kwargs.setdefault("auto_id", f"id_confirm_{side}_%s" if side else "id_%s")
        super().__init__(*args, **kwargs)
        self.side = side
