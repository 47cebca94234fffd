"""Forms of the secretary's desk: one member's paper sheet typed in, and the spreadsheet of the
whole grid. The rules of a score are the service's (``score_errors``); these forms only read
what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.attachments import ALLOWED_TYPES, FILE_HELP, MAX_ATTACHMENT_BYTES
from selection.defaults import criterion_text
from selection.services.decisions import ScoreInput

CONFIRM_LABEL = _(
    "署名された採点票で、委員が採点した応募との利害関係がないと申告していることを確認しました"
)
SHEET_LABEL = _("署名された採点票（読み取ったファイル）")
BUNDLE_LABEL = _("署名された採点票一式（読み取ったファイル）")
CSV_LABEL = _("入力したCSVファイル")
CSV_REQUIRED = _("CSVファイルを選んでください。")


def _sheet_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,  # the service says what is missing, with every other problem at once
        help_text=FILE_HELP % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024), "count": 1},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )


class ProxySheetForm(forms.Form):
    """One member's paper sheet: a score and a comment per application and criterion, for the
    applications the office may still type in (``enterable``)."""

    confirmed = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, call, criteria, enterable, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call, self.criteria, self.enterable = call, criteria, enterable
        existing = existing or {}
        self.fields["sheet"] = _sheet_field(SHEET_LABEL)
        self.groups = []
        for application in enterable:
            rows = []
            for criterion in criteria:
                score_name = f"s_{application.pk}_{criterion.pk}"
                comment_name = f"c_{application.pk}_{criterion.pk}"
                before = existing.get((application.pk, criterion.pk))
                names = {
                    "org": application.organization.display_name,
                    "name": criterion_text(criterion.name),
                    "min": call.scale_min,
                    "max": call.scale_max,
                }
                self.fields[score_name] = forms.IntegerField(
                    label=_("%(org)s「%(name)s」の評点（%(min)s〜%(max)s）") % names,
                    required=False,
                    initial=before.value if before else None,
                    widget=forms.NumberInput(
                        attrs={"min": call.scale_min, "max": call.scale_max, "step": 1}
                    ),
                )
                self.fields[comment_name] = forms.CharField(
                    label=_("%(org)s「%(name)s」のコメント") % names,
                    required=False,
                    initial=before.comment if before else "",
                )
                rows.append((criterion, self[score_name], self[comment_name]))
            self.groups.append((application, rows))

    def sheet_scores(self) -> dict[int, dict]:
        """{application id: {criterion id: ScoreInput}} for each application with anything
        typed in (an application left blank is not on this sheet)."""
        data = self.cleaned_data
        result = {}
        for application in self.enterable:
            values = {
                c.pk: ScoreInput(
                    value=data.get(f"s_{application.pk}_{c.pk}"),
                    comment=data.get(f"c_{application.pk}_{c.pk}") or "",
                )
                for c in self.criteria
            }
            if any(v.value is not None or v.comment.strip() for v in values.values()):
                result[application.pk] = values
        return result


class ScoreImportForm(forms.Form):
    csv_file = forms.FileField(
        label=CSV_LABEL,
        error_messages={"required": CSV_REQUIRED},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    confirmed = forms.BooleanField(label=CONFIRM_LABEL, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"] = _sheet_field(BUNDLE_LABEL)
        self.order_fields(["csv_file", "sheet", "confirmed"])
