"""The suitability check (協働がふさわしい事業か), its hearings, and the choice of method
(協働方法の選択).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.choices import SuitabilityOutcome
from projects.models.projects import Project


class Suitability(models.Model):
    """The conclusion of the suitability check; the answers are SuitabilityAnswer rows."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="suitability")
    # What the answers pointed to when last saved, kept so the record shows it even if the
    # questionnaire's rules change later.
    recommended_outcome = models.CharField(
        _("推奨される結論"), max_length=30, choices=SuitabilityOutcome.choices, blank=True
    )
    outcome = models.CharField(
        _("結論"), max_length=30, choices=SuitabilityOutcome.choices, blank=True
    )
    justification = models.TextField(
        _("推奨と異なる結論を選ぶ理由"),
        blank=True,
        help_text=_("推奨される結論と異なる結論を選ぶ場合は、その理由を必ず記入してください。"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("適否検討")
        verbose_name_plural = _("適否検討")

    def __str__(self):
        return f"{self.project}: {self.get_outcome_display()}"


class SuitabilityAnswer(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="suitability_answers"
    )
    question = models.CharField(_("設問"), max_length=50)
    answer = models.CharField(
        _("回答"),
        max_length=10,
        choices=[("yes", _("はい")), ("no", _("いいえ")), ("unsure", _("わからない"))],
        blank=True,
    )
    note = models.TextField(_("メモ（判断の根拠）"), blank=True)

    class Meta:
        verbose_name = _("適否検討の回答")
        verbose_name_plural = _("適否検討の回答")
        constraints = [
            models.UniqueConstraint(fields=["project", "question"], name="unique_answer")
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"


class Hearing(models.Model):
    """A record of hearing NPOs' or citizens' views (意見聴取) during the suitability check."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="hearings")
    whom = models.CharField(_("聴取した相手"), max_length=200)
    held_on = models.DateField(_("実施日"))
    summary = models.TextField(_("主な意見"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("記録日時"), auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("意見聴取")
        verbose_name_plural = _("意見聴取")

    def __str__(self):
        return f"{self.whom} ({self.held_on})"


class MethodPlan(models.Model):
    """Why this method, and how each of the four principles will be assured.

    The chosen method itself lives on Project.method, which other apps read.
    """

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="method_plan")
    rationale = models.TextField(_("この方法を選ぶ理由"))
    shared_purpose = models.TextField(_("明確な目的の共有をどう確保するか"))
    autonomy_equality = models.TextField(_("関係の自立性・対等性をどう確保するか"))
    dialogue_agreement = models.TextField(_("対話と合意をどう重視するか"))
    openness = models.TextField(_("関係と過程の公開をどう行うか"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("協働方法の選択")
        verbose_name_plural = _("協働方法の選択")

    def __str__(self):
        return str(self.project)

    def statement(self, principle: str) -> str:
        return getattr(self, principle, "")
