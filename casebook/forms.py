from django import forms
from django.utils.translation import gettext_lazy as _

from casebook.models import Case
from projects.choices import STAGE_ORDER, Method, Principle, Stage

# Stages a case can teach: the main line up to evaluation (closed/ended have nothing left to do).
CASE_STAGES = [stage for stage in STAGE_ORDER if stage != Stage.CLOSED]


class CaseFilterForm(forms.Form):
    """The GET form on the casebook index. Every field is optional; invalid values are ignored."""

    stage = forms.ChoiceField(
        label=_("段階"),
        required=False,
        choices=[("", _("すべての段階"))] + [(s.value, s.label) for s in CASE_STAGES],
    )
    method = forms.ChoiceField(
        label=_("協働方法"),
        required=False,
        choices=[("", _("すべての方法")), *Method.choices],
    )
    principle = forms.ChoiceField(
        label=_("協働の原則"),
        required=False,
        choices=[("", _("すべての原則")), *Principle.choices],
    )
    kind = forms.ChoiceField(
        label=_("事例の種類"),
        required=False,
        choices=[("", _("すべての種類")), *Case.Kind.choices],
    )
    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        max_length=100,
        help_text=_(
            "題名・事例・問題・ヒントの本文から探します（例：保険）。送り仮名の違い（引継ぎ・"
            "引き継ぎ）、ひらがなとカタカナ、全角と半角の違いは区別しません。"
        ),
    )

    def filters(self) -> dict[str, str]:
        """The valid filters as keyword arguments for ``selectors.search_cases``."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "stage": data.get("stage", ""),
            "method": data.get("method", ""),
            "principle": data.get("principle", ""),
            "kind": data.get("kind", ""),
            "query": (data.get("q") or "").strip(),
        }
