"""The forms of partner selection: calls and their criteria, applications, the committee's
declarations and scores, the decision, designations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.forms import yen_field
from kyodo_portal.core.roles import Role
from partners.models import Organization, User
from selection.defaults import criterion_text
from selection.models import Application, Call, CommitteeMember, Criterion
from selection.services import (
    APPLICATION_FIELDS,
    CALL_FIELDS,
    CALL_SETTINGS,
    COMMITTEE_CHANGE_REASON_REQUIRED,
    CONFLICT_REASON_REQUIRED_FOR,
    DEADLINES_OUT_OF_ORDER,
    NOBODY_TO_APPOINT,
    ONE_CHAIR_ONLY,
    SCALE_INVALID,
    Appointment,
    ScoreInput,
    score_errors,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

CATEGORY_MISSING = _("%(name)sさんの委員の区分を選んでください。")
CHAIR_NOT_APPOINTED = _("委員長とする人は、「委嘱する」にもチェックを入れてください。")
NONE_BUT_CHECKED = _(
    "「利害関係のある応募者はいない」を選んだ場合は、応募者のチェックを外してください。"
)
SOME_BUT_NONE_CHECKED = _(
    "利害関係のある応募者にチェックを入れ、それぞれ利害関係の内容を記入してください。"
)
CONFLICT_ANSWER_MISSING = _("利害関係のある応募者がいるかどうかを選んでください。")


class CallForm(forms.ModelForm):
    budget_cap = yen_field(Call, "budget_cap")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Call
        fields = (*CALL_FIELDS, *CALL_SETTINGS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "method_notes": forms.Textarea(attrs={"rows": 2}),
            "application_deadline": DATETIME_WIDGET,
            "scoring_deadline": DATETIME_WIDGET,
            "announcement_date": DATE_WIDGET,
        }
        help_texts = {
            "application_deadline": _("日本時間。締切の時刻ちょうどまで提出できます。"),
            "scale_min": _("最低の評点をつける委員は、理由の記入が必要です。"),
        }

    def clean(self):
        # Said here in words, before the database constraints would refuse the same thing.
        cleaned = super().clean()
        deadline, scoring = cleaned.get("application_deadline"), cleaned.get("scoring_deadline")
        if deadline and scoring and scoring <= deadline:
            self.add_error("scoring_deadline", str(DEADLINES_OUT_OF_ORDER))
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", str(SCALE_INVALID))
        return cleaned


class CorrectionForm(CallForm):
    notice = forms.CharField(
        label=_("訂正のお知らせ（公表されます）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "何を、なぜ訂正したかを応募者に向けて書いてください。変更内容の一覧は自動で添えられます。"
        ),
    )
    acknowledge_legal_status = forms.BooleanField(
        label=_("法人格に関する警告を確認しました"), required=False
    )

    class Meta(CallForm.Meta):
        # A correction changes the published content only; the call's settings stay as drafted.
        fields = CALL_FIELDS


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("評価項目"), max_length=100)
    description = forms.CharField(
        label=_("評価の視点"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.IntegerField(label=_("配点"), min_value=1, max_value=1000)
    concerns_legal_status = forms.BooleanField(label=_("法人格に関する基準"), required=False)


class BaseCriterionFormSet(forms.BaseFormSet):
    def cleaned_criteria(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


CriterionFormSet = forms.formset_factory(
    CriterionForm, formset=BaseCriterionFormSet, extra=2, can_delete=True, max_num=20
)


def criteria_initial(call: Call | None) -> list[dict]:
    if call is None or not call.pk:
        return []
    return [
        {
            "name": c.name,
            "description": c.description,
            "weight": c.weight,
            "concerns_legal_status": c.concerns_legal_status,
        }
        for c in call.criteria.all()
    ]


class PublishCallForm(forms.Form):
    acknowledge_legal_status = forms.BooleanField(
        label=_("法人格に関する警告を確認しました"), required=False
    )
    short_period_reason = forms.CharField(
        label=_("応募期間が短い理由（公表されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "応募期間が%(days)s日未満の公募は、理由を記入しなければ公表できません。"
            "例：国の補助金の交付決定が遅れ、年度内に事業を終えるため。"
        ),
    )

    def __init__(self, *args, min_days: int = 14, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["short_period_reason"]
        field.help_text = field.help_text % {"days": min_days}


def _reason_field():
    return forms.CharField(
        label=_("変更の理由（公表されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "応募の締切後の変更です。理由は変更の日付とともに公募の履歴に公表されます"
            "（委員の氏名は、本人が同意した場合だけ公表されます）。"
        ),
    )


class CommitteeAppointForm(forms.Form):
    """Several reviewers at once: a row for each reviewer not yet on the committee, with the
    category each sits in (committees mix academics, NPO people and citizens, so one category
    for all would be wrong more often than right). After applications close, the reason."""

    def __init__(self, *args, call: Call, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(
            User.objects.filter(memberships__role=Role.REVIEWER)
            .exclude(committee_seats__call=call)
            .distinct()
            .order_by("name", "pk")
        )
        choices = [("", "---------"), *CommitteeMember.Category.choices]
        self.rows = []
        for user in self.candidates:
            name = user.get_full_name()
            self.fields[f"appoint_{user.pk}"] = forms.BooleanField(
                label=_("%(name)sさんを委嘱する") % {"name": name}, required=False
            )
            self.fields[f"category_{user.pk}"] = forms.ChoiceField(
                label=_("%(name)sさんの委員の区分") % {"name": name},
                choices=choices,
                required=False,
            )
            self.fields[f"chair_{user.pk}"] = forms.BooleanField(
                label=_("%(name)sさんを委員長とする") % {"name": name}, required=False
            )
            self.rows.append(
                (
                    user,
                    self[f"appoint_{user.pk}"],
                    self[f"category_{user.pk}"],
                    self[f"chair_{user.pk}"],
                )
            )
        self.locked = locked
        if locked:
            self.fields["reason"] = _reason_field()

    def clean(self):
        cleaned = super().clean()
        chosen = [u for u in self.candidates if cleaned.get(f"appoint_{u.pk}")]
        if not chosen:
            raise forms.ValidationError(str(NOBODY_TO_APPOINT))
        for user in self.candidates:
            if cleaned.get(f"chair_{user.pk}") and user not in chosen:
                self.add_error(f"chair_{user.pk}", str(CHAIR_NOT_APPOINTED))
        for user in chosen:
            if not cleaned.get(f"category_{user.pk}"):
                self.add_error(
                    f"category_{user.pk}", str(CATEGORY_MISSING) % {"name": user.get_full_name()}
                )
        if sum(1 for u in chosen if cleaned.get(f"chair_{u.pk}")) > 1:
            self.add_error(None, str(ONE_CHAIR_ONLY))
        if self.locked and not cleaned.get("reason", "").strip():
            self.add_error("reason", str(COMMITTEE_CHANGE_REASON_REQUIRED))
        return cleaned

    def appointments(self) -> list[Appointment]:
        return [
            Appointment(
                user=user,
                category=self.cleaned_data[f"category_{user.pk}"],
                is_chair=bool(self.cleaned_data.get(f"chair_{user.pk}")),
            )
            for user in self.candidates
            if self.cleaned_data.get(f"appoint_{user.pk}")
        ]


class CommitteeRemoveForm(forms.Form):
    """Removing a member: after applications close, with the reason (published)."""

    def __init__(self, *args, member: CommitteeMember, locked: bool = False, **kwargs):
        kwargs.setdefault("prefix", f"remove-{member.pk}")
        super().__init__(*args, **kwargs)
        self.member, self.locked = member, locked
        if locked:
            self.fields["reason"] = _reason_field()
            self.fields["reason"].label = _("%(name)sさんの委嘱を解除する理由（公表されます）") % {
                "name": member.user.get_full_name()
            }

    def clean(self):
        cleaned = super().clean()
        if self.locked and not cleaned.get("reason", "").strip():
            self.add_error("reason", str(COMMITTEE_CHANGE_REASON_REQUIRED))
        return cleaned


class ConsentForm(forms.Form):
    publish_name = forms.BooleanField(
        label=_("選定結果の公表で、委員として私の氏名を公表することに同意します"), required=False
    )


class ApplicationForm(forms.ModelForm):
    requested_amount = yen_field(Application, "requested_amount")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        widgets = {
            "plan": forms.Textarea(attrs={"rows": 6}),
            "structure": forms.Textarea(attrs={"rows": 3}),
            "synergy": forms.Textarea(attrs={"rows": 3}),
            "track_record": forms.Textarea(attrs={"rows": 3}),
        }


class NewApplicationForm(ApplicationForm):
    organization = forms.ModelChoiceField(label=_("応募団体"), queryset=Organization.objects.none())

    class Meta(ApplicationForm.Meta):
        fields = ("organization", *APPLICATION_FIELDS)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0].pk


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("この応募団体との利害関係"),
        choices=[("no", _("利害関係はない")), ("yes", _("利害関係がある（審査に加わらない）"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("利害関係の内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例：団体の役員を務めている、親族が職員である、過去1年以内に報酬を受けた"),
    )


class CallConflictForm(forms.Form):
    """One declaration for every submitted application of a call: nobody, or these applicants
    each with what the conflict is. A conflict declared before is final and is only listed."""

    NONE, SOME = "none", "some"
    answer = forms.ChoiceField(
        label=_("応募者との利害関係"),
        choices=[
            (NONE, _("利害関係のある応募者はいない")),
            (SOME, _("次の応募者と利害関係がある（その応募の審査に加わらない）")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": CONFLICT_ANSWER_MISSING},
    )

    def __init__(self, *args, applications, declarations: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.final = [], []
        for application in applications:
            declaration = declarations.get(application.pk)
            if declaration is not None and declaration.has_conflict:
                self.final.append((application, declaration))
                continue
            org = application.organization
            self.fields[f"conflict_{application.pk}"] = forms.BooleanField(
                label=_("%(org)sと利害関係がある") % {"org": org}, required=False
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=_("%(org)sとの利害関係の内容") % {"org": org},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append(
                (
                    application,
                    declaration,
                    self[f"conflict_{application.pk}"],
                    self[f"reason_{application.pk}"],
                )
            )
        self.applications = [row[0] for row in self.rows]

    def clean(self):
        cleaned = super().clean()
        checked = [a for a in self.applications if cleaned.get(f"conflict_{a.pk}")]
        answer = cleaned.get("answer")
        if answer == self.NONE and checked:
            self.add_error("answer", str(NONE_BUT_CHECKED))
        if answer == self.SOME and not checked:
            self.add_error("answer", str(SOME_BUT_NONE_CHECKED))
        for application in checked:
            if not cleaned.get(f"reason_{application.pk}", "").strip():
                self.add_error(
                    f"reason_{application.pk}",
                    str(CONFLICT_REASON_REQUIRED_FOR) % {"applicant": application.organization},
                )
        return cleaned

    def conflicts(self) -> dict[int, str]:
        if self.cleaned_data.get("answer") != self.SOME:
            return {}
        return {
            a.pk: self.cleaned_data[f"reason_{a.pk}"]
            for a in self.applications
            if self.cleaned_data.get(f"conflict_{a.pk}")
        }


class ScoreForm(forms.Form):
    """One score and one comment per criterion; validated by the same rules as the service."""

    def __init__(self, *args, call: Call, criteria: list[Criterion], initial_scores=None, **kw):
        super().__init__(*args, **kw)
        self.call, self.criteria = call, criteria
        initial_scores = initial_scores or {}
        self.rows = []
        for criterion in criteria:
            existing = initial_scores.get(criterion.pk)
            score_name, comment_name = f"score_{criterion.pk}", f"comment_{criterion.pk}"
            self.fields[score_name] = forms.IntegerField(
                label=_("「%(name)s」の評点（%(min)s〜%(max)s）")
                % {
                    "name": criterion_text(criterion.name),
                    "min": call.scale_min,
                    "max": call.scale_max,
                },
                required=False,
                initial=existing.value if existing else None,
                widget=forms.NumberInput(
                    attrs={"min": call.scale_min, "max": call.scale_max, "step": 1}
                ),
            )
            self.fields[comment_name] = forms.CharField(
                label=_("「%(name)s」のコメント") % {"name": criterion_text(criterion.name)},
                required=False,
                initial=existing.comment if existing else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((criterion, self[score_name], self[comment_name]))

    def score_inputs(self) -> dict[int, ScoreInput]:
        return {
            c.pk: ScoreInput(
                value=self.cleaned_data.get(f"score_{c.pk}"),
                comment=self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for criterion_id, message in score_errors(
                self.call, self.criteria, self.score_inputs()
            ).items():
                self.add_error(f"score_{criterion_id}", message)
        return cleaned


class DecisionForm(forms.Form):
    application = forms.ChoiceField(label=_("選定する応募"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("選定理由（公表されます）"), widget=forms.Textarea(attrs={"rows": 4})
    )
    not_top_reason = forms.CharField(
        label=_("最高得点以外を選定した理由（公表されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "最高得点の応募を選定しない場合、または「該当なし」とする場合は必ず記入します。"
        ),
    )
    single_applicant_reason = forms.CharField(
        label=_("応募が1団体だけで選定した理由（公表されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "応募が1団体だけのときは必ず記入します。例：事前の説明会に複数の団体が参加したが、"
            "応募は1団体だった。選定基準による審査で、事業を任せられる水準を満たしていた。"
        ),
    )
    committee_summary = forms.CharField(
        label=_("審査の講評（公表されます）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    NONE = "none"

    def __init__(self, *args, rows=(), single_applicant: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not single_applicant:
            del self.fields["single_applicant_reason"]
        choices = [
            (
                str(row.application.pk),
                _("%(rank)s位　%(org)s（%(total)s点）")
                % {
                    "rank": row.rank or "—",
                    "org": row.application.organization,
                    "total": row.total_display if row.total is not None else "—",
                },
            )
            for row in rows
        ]
        choices.append((self.NONE, _("該当なし（今回は選定しない）")))
        self.fields["application"].choices = choices


class DesignationForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("特命とするNPO"),
        queryset=Organization.objects.filter(kind=Organization.Kind.NPO).order_by("name_kana"),
    )
    justification = forms.CharField(
        label=_("特命とする理由（選定結果とともに公表されます）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "公募によらない理由と、この団体が事業の目的に最もふさわしい理由を書いてください。"
        ),
    )


class ProposalConfirmForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("提案団体"), queryset=None)
    justification = forms.CharField(
        label=_("協働相手とする理由（公表されます）"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, proposers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in proposers]
        )
        if len(proposers) == 1:
            self.fields["organization"].initial = proposers[0].pk


__all__ = [
    "ApplicationForm",
    "CallConflictForm",
    "CallForm",
    "CommitteeAppointForm",
    "CommitteeRemoveForm",
    "ConflictForm",
    "ConsentForm",
    "CorrectionForm",
    "CriterionFormSet",
    "DecisionForm",
    "DesignationForm",
    "NewApplicationForm",
    "ProposalConfirmForm",
    "PublishCallForm",
    "ScoreForm",
    "criteria_initial",
]
