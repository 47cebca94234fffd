from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.models import Reminder, ReminderKind, ReminderPolicy
from kyodo_portal.core.reminders import AFTER, spec_for


class ReminderHistoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("状態"), required=False, choices=[("", _("すべて")), *Reminder.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *ReminderKind.choices]
    )
    since = forms.DateField(
        label=_("期限（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("期限（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    query = forms.CharField(label=_("宛先（氏名・ユーザー名）"), required=False, max_length=100)


def lead_days_help(kind: str, days) -> str:
    """「採点期限の3日前に通知します。」 or 「事業終了日の30日後に通知します。」 for ``kind``."""
    spec = spec_for(kind)
    values = {"anchor": spec.anchor, "days": days}
    if spec.timing == AFTER:
        return (
            _(
                "%(anchor)sの何日後に通知するかを日数で指定します（現在：%(anchor)sの%(days)s日後）。"
            )
            % values
        )
    return (
        _("%(anchor)sの何日前に通知するかを日数で指定します（現在：%(anchor)sの%(days)s日前）。")
        % values
    )


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ("lead_days", "mandatory", "enabled")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Some kinds count days towards a deadline, others days since something happened: the
        # help says which for this kind, with the days now set, so nobody reads "3" the wrong way.
        self.fields["lead_days"].help_text = lead_days_help(
            self.instance.kind, self.instance.lead_days
        )

    def clean_lead_days(self):
        value = self.cleaned_data["lead_days"]
        if value > 365:
            raise forms.ValidationError(_("365日以内で指定してください。"))
        return value


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("操作（例：project.advance）"), required=False, max_length=80)
    actor = forms.CharField(label=_("操作した人"), required=False, max_length=100)
    target = forms.CharField(
        label=_("対象（種類・番号。例：協働提案 #12）"), required=False, max_length=100
    )
    since = forms.DateField(
        label=_("日付（から）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("日付（まで）"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
