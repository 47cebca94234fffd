"""Forms for the project pages. They validate input; the services decide and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.fiscal import fiscal_year_choices
from kyodo_portal.core.forms import AMOUNT_INVALID, YenField, yen_field
from partners.models import ActivityField, Organization
from projects import suitability as questionnaire
from projects.choices import (
    REQUIRED_RESPONSIBILITY_TOPICS,
    CostCategory,
    Method,
    NoteKind,
    Principle,
    ResponsibilityTopic,
    Side,
    Stage,
    SuitabilityOutcome,
)
from projects.models import Hearing, ImplementationNote, Project, Proposal

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


class ProjectForm(forms.ModelForm):
    owner_office = forms.ModelChoiceField(
        label=_("担当課"), queryset=Organization.objects.none(), empty_label=None
    )
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("特定非営利活動促進法の20分野から、この事業に当たるものを選んでください。"),
    )
    # Full-width digits, separators, ¥ and 円 accepted (Japanese input methods type them).
    budget = yen_field(
        Project,
        "budget",
        max_value=MAX_AMOUNT,
        error_messages={"invalid": BUDGET_NEGATIVE, "min_value": BUDGET_NEGATIVE},
    )
    version = VersionField()

    class Meta:
        model = Project
        fields = (
            "title",
            "background",
            "purpose",
            "beneficiaries",
            "outcome_targets",
            "fiscal_year_start",
            "fiscal_year_end",
            "start_date",
            "end_date",
            "budget",
            "predecessor",
        )
        widgets = {
            "background": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "outcome_targets": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
        }
        error_messages = {
            "budget": {"invalid": BUDGET_NEGATIVE, "min_value": BUDGET_NEGATIVE},
        }

    def __init__(self, *args, offices=(), predecessors=None, **kwargs):
        super().__init__(*args, **kwargs)
        years = fiscal_year_choices()
        self.fields["fiscal_year_start"] = forms.TypedChoiceField(
            label=_("開始年度"), choices=years, coerce=int
        )
        self.fields["fiscal_year_end"] = forms.TypedChoiceField(
            label=_("終了年度"), choices=years, coerce=int
        )
        if self.instance.pk:
            del self.fields["owner_office"]
            self.initial["activity_fields"] = [f.pk for f in self.instance.fields.all()]
            self.initial["version"] = self.instance.version
        else:
            self.fields["owner_office"].queryset = Organization.objects.filter(
                pk__in=[office.pk for office in offices]
            )
        self.fields["predecessor"].queryset = (
            predecessors if predecessors is not None else Project.objects.none()
        )
        self.fields["predecessor"].required = False
        self.fields["budget"].help_text = _("円単位の整数で入力します（例：3000000）。")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("fiscal_year_start"), cleaned.get("fiscal_year_end")
        if start and end and end < start:
            self.add_error("fiscal_year_end", _("終了年度は開始年度以降にしてください。"))
        if (
            cleaned.get("start_date")
            and cleaned.get("end_date")
            and cleaned["end_date"] < cleaned["start_date"]
        ):
            self.add_error("end_date", _("事業終了日は事業開始日以降にしてください。"))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("事業名"), required=False)
    stage = forms.ChoiceField(label=_("段階"), required=False)
    method = forms.ChoiceField(label=_("協働方法"), required=False)
    field = forms.ModelChoiceField(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        required=False,
        empty_label=_("すべて"),
    )
    fiscal_year = forms.TypedChoiceField(
        label=_("年度"), required=False, coerce=int, empty_value=None
    )
    office = forms.ModelChoiceField(
        label=_("担当課"),
        queryset=Organization.objects.filter(kind=Organization.Kind.GOVERNMENT),
        required=False,
        empty_label=_("すべて"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("すべて"))]
        self.fields["stage"].choices = everything + list(Stage.choices)
        self.fields["method"].choices = everything + list(Method.choices)
        self.fields["fiscal_year"].choices = everything + fiscal_year_choices()
        style_controls(self)


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

    def statements(self) -> dict[str, str]:
        return {principle.value: self.cleaned_data[principle.value] for principle in Principle}


# --- Agreement ---------------------------------------------------------------------------


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


class AgreementRevisionForm(forms.Form):
    revision = VersionField()


class ConfirmForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("コメント"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class BackForm(forms.Form):
    to = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("前の段階に戻す理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": BACK_REASON_REQUIRED},
        help_text=_("例：協働相手のNPOが辞退したため、相手選定からやり直す。"),
    )


class NoteForm(forms.ModelForm):
    class Meta:
        model = ImplementationNote
        fields = (
            "kind",
            "held_on",
            "title",
            "body",
            "attendees_government",
            "attendees_npo",
            "decisions",
        )
        widgets = {
            "kind": forms.RadioSelect(choices=NoteKind.choices),
            "held_on": DATE_WIDGET,
            "body": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "attendees_government": _("打合せの記録の場合に記入します。"),
            "decisions": _("打合せで決まったこと、次回までの宿題など。"),
        }


# --- Proposals ---------------------------------------------------------------------------


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
            "idea",
            "beneficiaries",
            "expected_outcomes",
            "proposed_method",
            "proposed_roles",
            "rough_budget",
        )
        widgets = {
            "issue": forms.Textarea(attrs={"rows": 4}),
            "idea": forms.Textarea(attrs={"rows": 5}),
            "beneficiaries": forms.Textarea(attrs={"rows": 2}),
            "expected_outcomes": forms.Textarea(attrs={"rows": 3}),
            "proposed_roles": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "issue": _("地域で起きていること、困っている人、行政だけ・団体だけでは難しい理由。"),
            "proposed_roles": _("団体が担うこと、行政に担ってほしいこと。"),
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


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("添付ファイル"),
        help_text=_("PDF、Word、Excel、PowerPoint、PNG、JPEG、GIF（10MBまで）"),
        error_messages={"required": _("ファイルを選んでください。")},
    )
