"""Forms for NPO proposals: the proposal, comments, decisions and attachments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.forms import yen_field
from partners.models import ActivityField, Organization
from projects.forms.common import BUDGET_NEGATIVE, MAX_AMOUNT, VersionField
from projects.models import Proposal


class ProposalForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("提案団体"), queryset=Organization.objects.none(), empty_label=None
    )
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rough_budget = yen_field(
        Proposal,
        "rough_budget",
        max_value=MAX_AMOUNT,
        error_messages={"invalid": BUDGET_NEGATIVE, "min_value": BUDGET_NEGATIVE},
    )
    version = VersionField()

    class Meta:
        model = Proposal
        fields = (
            "addressed_office",
            "title",
            "issue",
            "purpose",
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "proposed_method",
            "government_roles",
            "npo_roles",
            "shared_roles",
            "rough_budget",
        )
        widgets = {
            "issue": forms.Textarea(attrs={"rows": 4}),
            "idea": forms.Textarea(attrs={"rows": 5}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "expected_outcomes": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "government_roles": forms.Textarea(attrs={"rows": 3}),
            "npo_roles": forms.Textarea(attrs={"rows": 3}),
            "shared_roles": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "issue": _("地域で起きていること、困っている人、行政だけ・団体だけでは難しい理由。"),
            "purpose": _("この事業で何を実現したいか。採択されると協働事業の「目的」になります。"),
            "idea": _("何を、どのように行うか。採択されると協働事業の「事業内容」になります。"),
            "government_roles": _(
                "行政に担ってほしいことを1行に1つずつ。採択されると協定案の役割分担の下書きになります。"
            ),
            "npo_roles": _("団体が担うことを1行に1つずつ。"),
            "shared_roles": _("団体と行政が一緒に行うことを1行に1つずつ。"),
        }
        error_messages = {
            "rough_budget": {"invalid": BUDGET_NEGATIVE, "min_value": BUDGET_NEGATIVE},
        }

    def __init__(self, *args, npos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressed_office"].queryset = Organization.objects.filter(
            kind=Organization.Kind.GOVERNMENT
        )
        if self.instance.pk:
            del self.fields["organization"]
            self.initial["activity_fields"] = [f.pk for f in self.instance.fields.all()]
            self.initial["version"] = self.instance.version
        else:
            self.fields["organization"].queryset = Organization.objects.filter(
                pk__in=[npo.pk for npo in npos]
            )

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("コメント"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("コメントを入力してください。")},
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("不採択の理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("提案団体が読みます。今後の提案に生かせるよう、具体的に書いてください。"),
        error_messages={"required": _("不採択の理由を記入してください。提案団体に伝わります。")},
    )


class AdoptForm(forms.Form):
    comment = forms.CharField(
        label=_("採択にあたってのコメント"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
