"""Forms of the evaluation app. Validation that is a domain rule lives in services.py (required
texts too, so that the messages are the same wherever the rule is met); the forms turn what was
typed into values and carry the service's errors back to the fields."""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.dashboard import Filters
from evaluation.models import (
    ANSWER_TEXT_MAX_LENGTH,
    OVERALL_COMMENT_MAX_LENGTH,
    TEXT_TOO_LONG,
    EvaluationRound,
    ImprovementItem,
    RoundKind,
)
from evaluation.services import SCORE_OUT_OF_RANGE, AnswerInput
from kyodo_portal.core.fiscal import fiscal_year_choices
from kyodo_portal.core.forms import IrreversibleConfirmField
from kyodo_portal.core.punctuation import punctuate
from partners.models import ActivityField, Organization
from partners.models.bodies import body_by_id
from projects.choices import Method

TEXTAREA_SMALL = {"rows": 2}
TEXTAREA = {"rows": 4}
# The templates write these textareas without a maxlength attribute on purpose: a browser cuts
# a longer pasted text silently, whereas the server's message says how much to shorten it.
TOO_LONG = {"max_length": TEXT_TOO_LONG}


class SheetForm(forms.Form):
    """One side's evaluation sheet: a score (1–5), a reason and a comment per item."""

    overall_comment = forms.CharField(
        label=_("総評"),
        required=False,
        max_length=OVERALL_COMMENT_MAX_LENGTH,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("事業全体を振り返って、よかった点と課題を記入してください。"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    confirm = IrreversibleConfirmField()

    def __init__(self, *args, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # The tick is asked for the submission only; a draft is saved without it.
        self.fields["confirm"].required = submitting
        choices = [
            (step.score, f"{step.score}{punctuate('：')}{step.label}") for step in sheet_data.SCALE
        ]
        for item in sheet_data.ITEMS:
            self.fields[f"score_{item.key}"] = forms.TypedChoiceField(
                label=item.label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": SCORE_OUT_OF_RANGE},
            )
            self.fields[f"reason_{item.key}"] = forms.CharField(
                label=_("評点の理由"),
                required=False,
                max_length=ANSWER_TEXT_MAX_LENGTH,
                error_messages=TOO_LONG,
                widget=forms.Textarea(attrs=TEXTAREA_SMALL),
                help_text=_("評点が1または2のときは必須です。"),
            )
            self.fields[f"comment_{item.key}"] = forms.CharField(
                label=_("コメント"),
                required=False,
                max_length=ANSWER_TEXT_MAX_LENGTH,
                error_messages=TOO_LONG,
                widget=forms.Textarea(attrs=TEXTAREA_SMALL),
            )

    @classmethod
    def initial_from(cls, sheet) -> dict:
        if sheet is None:
            return {"version": 0}
        initial = {"overall_comment": sheet.overall_comment, "version": sheet.version}
        for answer in sheet.answers.all():
            initial[f"score_{answer.item}"] = answer.score
            initial[f"reason_{answer.item}"] = answer.reason
            initial[f"comment_{answer.item}"] = answer.comment
        return initial

    def answers(self) -> dict[str, AnswerInput]:
        data = self.cleaned_data
        return {
            item.key: AnswerInput(
                score=data.get(f"score_{item.key}"),
                reason=data.get(f"reason_{item.key}", ""),
                comment=data.get(f"comment_{item.key}", ""),
            )
            for item in sheet_data.ITEMS
        }

    def grouped(self):
        """[(group, [(item, score, reason, comment bound fields)])] for the template."""
        return [
            (
                group,
                [
                    (
                        item,
                        self[f"score_{item.key}"],
                        self[f"reason_{item.key}"],
                        self[f"comment_{item.key}"],
                    )
                    for item in items
                ],
            )
            for group, items in sheet_data.items_by_group()
        ]


class CommentOnOtherForm(forms.Form):
    comment_on_other = forms.CharField(
        label=_("相手の評価へのコメント"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("相手の評価を読んで、共感した点、認識が違った点とその理由を記入してください。"),
    )


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(
        label=_("振り返り会議の開催日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    meeting_attendees = forms.CharField(
        label=_("出席者"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA_SMALL),
        help_text=_("所属と氏名を記入してください。"),
    )
    conclusions = forms.CharField(
        label=_("合意した結論"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("差が大きかった項目の分析と、双方で合意した今後の方向性を記入してください。"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    @classmethod
    def initial_from(cls, round_: EvaluationRound) -> dict:
        return {
            "meeting_date": round_.meeting_date,
            "meeting_attendees": round_.meeting_attendees,
            "conclusions": round_.conclusions,
            "version": round_.version,
        }


class ThirdPartyForm(forms.Form):
    third_party_name = forms.CharField(
        label=_("第三者の名称"),
        max_length=200,
        required=False,
        help_text=_("例：協働推進委員会、中間支援組織のコーディネーター"),
    )
    third_party_comment = forms.CharField(
        label=_("第三者のコメント"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class ThirdPartyRequestForm(forms.Form):
    message = forms.CharField(
        label=_("依頼のメッセージ（任意）"),
        required=False,
        max_length=ANSWER_TEXT_MAX_LENGTH,
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs=TEXTAREA_SMALL),
        help_text=_("例：協働推進委員会の意見を、次の事業の企画の前にいただきたい。"),
    )


class ImprovementForm(forms.Form):
    text = forms.CharField(
        label=_("改善点"), required=False, widget=forms.Textarea(attrs=TEXTAREA_SMALL)
    )
    owner = forms.ChoiceField(label=_("改善の担い手"), choices=ImprovementItem.Owner.choices)
    carry_forward = forms.BooleanField(
        label=_("次の事業に引き継ぐ"),
        required=False,
        initial=True,
        help_text=_(
            "継続事業や、同じ担当課で同じNPO・同じ協働方法の事業の企画段階で確認が必要になります。"
        ),
    )


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("この事業への反映"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA_SMALL),
        help_text=_("この改善点を事業の計画にどう反映したかを記入してください。"),
    )


# A manager of a national deployment manages some 1,800 bodies and 2,800 offices: offering them
# all would make a list nobody can read (and a page of megabytes). The bodies are offered all at
# once up to this many, else those of the chosen prefecture; offices only for one body.
BODY_OPTIONS_LIMIT = 60


class _BodyField(forms.TypedChoiceField):
    """A government body by id, accepted when it is among ``allowed`` (any offered or not: a
    link may name a body the list does not show until its prefecture is chosen)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, coerce=int, empty_value=None, **kwargs)
        self.allowed: frozenset[int] | None = frozenset()

    def valid_value(self, value):
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return False
        if self.allowed is None:
            return body_by_id(pk) is not None
        return pk in self.allowed


class _OfficeChoices(BaseChoiceIterator):
    """The offices offered, read when the select is drawn (a page that only validates the
    filters, such as the list behind a number, never reads them)."""

    def __init__(self, offices):
        self.offices = offices

    def __iter__(self):
        yield "", _("すべて")
        for office in self.offices.order_by("name"):
            yield office.pk, str(office)


class DashboardFilterForm(forms.Form):
    """Filters of the dashboard; invalid values are reported and ignored, never guessed.

    Bodies and offices are offered in steps so that no list grows with the deployment: a
    prefecture (when the manager's bodies lie in more than one), a body (all of them when there
    are few, else those of the chosen prefecture) and the offices of the chosen body. Without
    JavaScript each step is one press of the filter button. Any body or office the manager
    manages is accepted, offered or not; any other is refused."""

    fiscal_year = forms.TypedChoiceField(
        label=_("年度（開始年度）"), required=False, coerce=int, empty_value=None
    )
    prefecture = _BodyField(label=_("都道府県"), required=False)
    body = _BodyField(label=_("団体"), required=False)
    office = forms.ModelChoiceField(
        label=_("担当課"),
        required=False,
        queryset=Organization.objects.filter(kind=Organization.Kind.GOVERNMENT),
        empty_label=_("すべて"),
    )
    method = forms.ChoiceField(label=_("協働方法"), required=False)
    field = forms.ModelChoiceField(
        label=_("活動分野"),
        required=False,
        queryset=ActivityField.objects.order_by("number"),
        empty_label=_("すべて"),
    )
    round = forms.ChoiceField(
        label=_("評価の回"), required=False, choices=RoundKind.choices, initial=RoundKind.FINAL
    )

    def __init__(self, data=None, *args, bodies=None, **kwargs):
        if data is not None and not data.get("round"):
            # The figures are of the final evaluation when the address names no round; the select
            # must say so too, not fall back to its first option once another filter is chosen.
            data = data.copy()
            data["round"] = RoundKind.FINAL
        super().__init__(data, *args, **kwargs)
        self.bodies = None if bodies is None else tuple(bodies)
        allowed = None if self.bodies is None else frozenset(self.bodies)
        self.fields["fiscal_year"].choices = [("", _("すべて")), *fiscal_year_choices()]
        self.fields["method"].choices = [("", _("すべて")), *Method.choices]
        if self.bodies is not None and self._chosen("office"):
            # Only the offices of the manager's bodies are accepted. (Narrowed only when an office
            # is named: a condition on some 1,800 ids costs milliseconds to build.)
            self.fields["office"].queryset = self.fields["office"].queryset.filter(
                body_id__in=self.bodies
            )
        managed = [body_by_id(pk) for pk in self.bodies or ()]
        managed = [body for body in managed if body is not None]
        prefectures = {body.pk if body.is_prefecture else body.prefecture_id for body in managed}
        self.fields["prefecture"].allowed = None if allowed is None else frozenset(prefectures)
        self.fields["body"].allowed = allowed
        # What the request names, to choose what to offer (validated later; a body the manager
        # does not manage offers nothing, so no other body's offices are ever listed).
        chosen_prefecture = self._chosen("prefecture")
        chosen_body = self._chosen("body")
        if allowed is not None and chosen_body not in allowed:
            chosen_body = None
        if len(prefectures) > 1:
            ordered = sorted(filter(None, map(body_by_id, prefectures)), key=_body_order)
            self.fields["prefecture"].choices = [
                ("", _("すべて")),
                *((body.pk, body.display_name) for body in ordered),
            ]
        else:
            del self.fields["prefecture"]
        if len(managed) > 1:
            offered = managed
            if len(managed) > BODY_OPTIONS_LIMIT:
                offered = [
                    body
                    for body in managed
                    if body.pk == chosen_body
                    or (chosen_prefecture and chosen_prefecture in (body.pk, body.prefecture_id))
                ]
                if len(offered) <= (1 if chosen_body else 0):
                    # Nothing to choose from yet: say how to get the list.
                    self.fields["body"].help_text = _(
                        "都道府県を選んで「絞り込む」を押すと、その団体を選べます。"
                    )
            self.fields["body"].choices = [
                ("", _("すべて")),
                *((body.pk, body.display_name) for body in sorted(offered, key=_body_order)),
            ]
        else:
            del self.fields["body"]
        # The offices offered: those of the chosen body, or of the manager's only body. The
        # field still accepts any office of the manager's bodies (a link from a table names one).
        office_body = chosen_body or (managed[0].pk if len(managed) == 1 else None)
        if office_body is not None:
            self.fields["office"].widget.choices = _OfficeChoices(
                self.fields["office"].queryset.filter(body_id=office_body)
            )
        elif self.bodies is None:  # the whole deployment: every office, as before
            self.fields["office"].widget.choices = _OfficeChoices(self.fields["office"].queryset)
        else:
            chosen_office = self._chosen("office")
            self.fields["office"].widget.choices = [("", _("すべて"))]
            if chosen_office:
                self.fields["office"].widget.choices += [
                    (office.pk, str(office))
                    for office in self.fields["office"].queryset.filter(pk=chosen_office)
                ]
            self.fields["office"].help_text = _(
                "団体を選んで「絞り込む」を押すと、その担当課を選べます。"
            )
        for name, bound in self.fields.items():
            bound.widget.attrs["class"] = "form-select form-select-sm"
            if bound.help_text:
                # The template writes the help under the field with this id.
                bound.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def _chosen(self, name: str) -> int | None:
        """The id the request names for ``name``, if it is a number (validated later)."""
        if not self.is_bound:
            return None
        try:
            return int(self.data.get(name) or "")
        except (TypeError, ValueError):
            return None

    def clean(self):
        data = super().clean()
        prefecture, body, office = data.get("prefecture"), data.get("body"), data.get("office")
        if prefecture and body and prefecture not in (body, body_by_id(body).prefecture_id):
            self.add_error("body", _("選んだ都道府県の団体ではありません。"))
        if body and office and office.body_id != body:
            self.add_error("office", _("選んだ団体の担当課ではありません。"))
        return data

    def filters(self) -> Filters:
        """The valid part of the filters (the empty filter set when nothing is valid)."""
        data = (
            self.cleaned_data
            if self.is_valid()
            else {name: value for name, value in getattr(self, "cleaned_data", {}).items()}
        )
        office = data.get("office")
        field = data.get("field")
        return Filters(
            fiscal_year=data.get("fiscal_year"),
            prefecture=data.get("prefecture"),
            body=data.get("body"),
            office=office.pk if office else None,
            method=data.get("method") or "",
            field=field.pk if field else None,
            round_kind=data.get("round") or RoundKind.FINAL,
            bodies=self.bodies,
        )


def _body_order(body) -> str:
    """By the national code: each prefecture (XX000C) comes just before its municipalities."""
    return body.code
