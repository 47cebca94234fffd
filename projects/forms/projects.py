"""Forms for a project's basics, the project list's filters, the stage moves and the
implementation record.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.fiscal import fiscal_year_choices, fiscal_year_of, format_fiscal_year
from kyodo_portal.core.forms import yen_field
from partners.models import ActivityField, Organization
from projects.choices import Method, NoteKind, Stage
from projects.forms.common import (
    BACK_REASON_REQUIRED,
    BUDGET_NEGATIVE,
    DATE_WIDGET,
    MAX_AMOUNT,
    VersionField,
    style_controls,
)
from projects.models import ImplementationNote, Project
from projects.selectors import offices_listed_for


def predecessor_label(project: Project) -> str:
    """A predecessor among same-named yearly projects: its fiscal year and stage tell it apart."""
    year = format_fiscal_year(project.fiscal_year_start)
    return gettext("%(title)s（%(year)s・%(stage)s）") % {
        "title": project.title,
        "year": year,
        "stage": project.get_stage_display(),
    }


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
            "content",
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
            "content": forms.Textarea(attrs={"rows": 4}),
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
            # A new project most often starts this fiscal year, not the first year offered.
            current = fiscal_year_of()
            self.initial.setdefault("fiscal_year_start", current)
            self.initial.setdefault("fiscal_year_end", current)
        self.fields["predecessor"].queryset = (
            predecessors if predecessors is not None else Project.objects.none()
        )
        self.fields["predecessor"].required = False
        self.fields["predecessor"].label_from_instance = predecessor_label
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

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            # Offered: only the offices whose projects the person can list (a national
            # deployment has thousands, and a list of them all would cost more than the page
            # itself). Any office still filters, so another body's gives an empty list.
            self.fields["office"].choices = [("", _("すべて"))] + [
                (office.pk, str(office)) for office in offices_listed_for(user)
            ]
        everything = [("", _("すべて"))]
        self.fields["stage"].choices = everything + list(Stage.choices)
        self.fields["method"].choices = everything + list(Method.choices)
        self.fields["fiscal_year"].choices = everything + fiscal_year_choices()
        style_controls(self)


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
