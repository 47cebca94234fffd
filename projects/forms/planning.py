"""Forms for the suitability check, its hearings and the choice of method."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from projects import suitability as questionnaire
from projects.choices import Method, Principle, SuitabilityOutcome
from projects.forms.common import DATE_WIDGET, VersionField
from projects.models import Hearing


class SuitabilityForm(forms.Form):
    """One radio group and one note per question, then the conclusion."""

    outcome = forms.ChoiceField(
        label=_("結論"),
        choices=[("", _("まだ決めない")), *list(SuitabilityOutcome.choices)],
        required=False,
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("推奨と異なる結論を選ぶ理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("推奨される結論と異なる結論を選ぶ場合は、その理由を必ず記入してください。"),
    )
    version = VersionField()

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (value, questionnaire.answer_label(value, language)) for value in questionnaire.ANSWERS
        ]
        for key in questionnaire.QUESTION_KEYS:
            self.fields[f"answer_{key}"] = forms.ChoiceField(
                label=questionnaire.question_text(key, language),
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("メモ（判断の根拠）"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(decision, stored: dict) -> dict:
        """What the form shows of the saved check: the conclusion and each answer with its note."""
        initial = {"version": decision.version if decision else 0}
        if decision:
            initial.update(outcome=decision.outcome, justification=decision.justification)
        for key, answer in stored.items():
            initial[f"answer_{key}"] = answer.answer
            initial[f"note_{key}"] = answer.note
        return initial

    def values(self) -> dict:
        """The arguments of ``services.suitability_save``."""
        return {
            "answers": self.answers(),
            "notes": self.notes(),
            "outcome": self.cleaned_data["outcome"],
            "justification": self.cleaned_data["justification"],
            "version": self.cleaned_data["version"],
        }

    def answers(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"answer_{key}"] for key in questionnaire.QUESTION_KEYS}

    def notes(self) -> dict[str, str]:
        return {key: self.cleaned_data[f"note_{key}"] for key in questionnaire.QUESTION_KEYS}

    def viewpoints(self):
        """Fields grouped by viewpoint, for the template."""
        for viewpoint in questionnaire.VIEWPOINTS:
            yield {
                "title": questionnaire.viewpoint_title(viewpoint),
                "key": viewpoint["key"],
                "questions": [
                    (self[f"answer_{q['key']}"], self[f"note_{q['key']}"])
                    for q in viewpoint["questions"]
                ],
            }


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ("whom", "held_on", "summary")
        widgets = {"held_on": DATE_WIDGET, "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"whom": _("例：子育て支援NPO 3団体、地域の保護者10名（意見交換会）")}


class MethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("協働方法"), choices=Method.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label=_("この方法を選ぶ理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("課題と目的、NPOの特性から、なぜこの方法がふさわしいかを書いてください。"),
    )
    shared_purpose = forms.CharField(
        label=Principle.SHARED_PURPOSE.label, widget=forms.Textarea(attrs={"rows": 3})
    )
    autonomy_equality = forms.CharField(
        label=Principle.AUTONOMY_EQUALITY.label, widget=forms.Textarea(attrs={"rows": 3})
    )
    dialogue_agreement = forms.CharField(
        label=Principle.DIALOGUE_AGREEMENT.label, widget=forms.Textarea(attrs={"rows": 3})
    )
    openness = forms.CharField(
        label=Principle.OPENNESS.label, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = _("「%(principle)s」をどう確保するかを記入してください。")
        for principle in Principle:
            field = self.fields[principle.value]
            field.error_messages["required"] = str(required) % {"principle": principle.label}
        self.fields["rationale"].error_messages["required"] = _(
            "この協働方法を選ぶ理由を記入してください。"
        )
        self.fields["method"].error_messages["required"] = _("協働方法を選んでください。")

    @staticmethod
    def initial_for(project, plan) -> dict:
        """What the form shows of the saved plan: the method, the rationale and each assurance."""
        initial = {"version": plan.version if plan else 0, "method": project.method}
        if plan:
            initial["rationale"] = plan.rationale
            initial.update({p.value: plan.statement(p.value) for p in Principle})
        return initial

    def values(self) -> dict:
        """The arguments of ``services.method_choose``."""
        return {
            "method": self.cleaned_data["method"],
            "rationale": self.cleaned_data["rationale"],
            "statements": self.statements(),
            "version": self.cleaned_data["version"],
        }

    def statements(self) -> dict[str, str]:
        return {principle.value: self.cleaned_data[principle.value] for principle in Principle}
