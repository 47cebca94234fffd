from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.forms import LanguageSelect
from partners.models import ActivityField, GovernmentBody, Organization, User
from partners.services import NPO_PROFILE_FIELDS, OFFICE_PROFILE_FIELDS


class NpoProfileForm(forms.ModelForm):
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("特定非営利活動促進法の20分野から、主なものを選んでください。"),
    )

    class Meta:
        model = Organization
        fields = NPO_PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "track_record": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["activity_fields"] = list(
                self.instance.fields.values_list("pk", flat=True)
            )
        self.fields["legal_form"].required = True


class OfficeProfileForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = OFFICE_PROFILE_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class UserProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("name", "name_kana", "email", "preferred_language")
        labels = {"email": _("メールアドレス")}
        widgets = {"preferred_language": LanguageSelect}


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_(
            "団体名・フリガナ・活動内容・実績から探します。スペースで区切ると、すべてを含む団体を"
            "探します。送り仮名の違い（申込み・申し込み）、ひらがなとカタカナ、全角と半角の違いは"
            "区別しません。"
        ),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("活動分野"),
        queryset=ActivityField.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.CharField(
        label=_("活動地域"), required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    legal_form = forms.MultipleChoiceField(
        label=_("法人格"),
        choices=Organization.LegalForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("法人格の有無だけで判断せず、活動内容と実績を見てください。"),
    )


__all__ = ["DirectorySearchForm", "NpoProfileForm", "OfficeProfileForm", "UserProfileForm"]


class BodyCreateForm(forms.ModelForm):
    """A new government body, its first office and that office's first manager, on one page.

    The body's fields are the model's own, so its validation (the national code's check digit,
    a municipality naming its prefecture) answers here beside the field, with what was entered
    kept."""

    office_name = forms.CharField(
        label=_("最初の課の名称"),
        max_length=200,
        help_text=_("管理職が所属する課・室。例：市民協働推進課"),
    )
    manager_username = forms.CharField(
        label=_("管理職のログインID"),
        max_length=150,
        help_text=_("半角英数字と @ . + - _ が使えます。"),
    )
    manager_name = forms.CharField(label=_("管理職の氏名"), max_length=100)
    manager_email = forms.EmailField(label=_("管理職のメールアドレス"))

    class Meta:
        model = GovernmentBody
        fields = ("code", "name", "name_en", "slug", "level", "prefecture")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = GovernmentBody.objects.filter(
            level=GovernmentBody.Level.PREFECTURE
        )
        self.fields["prefecture"].help_text = _("市町村の場合に選んでください。")

    def clean_manager_username(self):
        username = self.cleaned_data["manager_username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("このログインIDはすでに使われています。"))
        return username

    def manager(self) -> User:
        """The first manager, unsaved (the service saves them with the body)."""
        return User(
            username=self.cleaned_data["manager_username"],
            name=self.cleaned_data["manager_name"],
            email=self.cleaned_data["manager_email"],
        )
