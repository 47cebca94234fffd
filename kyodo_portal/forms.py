from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.models import Reminder, ReminderKind, ReminderPolicy


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


class ReminderPolicyForm(forms.ModelForm):
    class Meta:
        model = ReminderPolicy
        fields = ("lead_days", "mandatory", "enabled")
        help_texts = {
            "lead_days": _("期限の何日前（評価・提案への回答は、期限から何日後）に通知するか")
        }

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
