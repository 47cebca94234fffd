"""Published evaluation summaries beside an NPO's track record (registered with
partners.registry from EvaluationConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from evaluation.models import EvaluationRound, RoundKind
from projects.choices import Stage

PUBLISHED_SUMMARY = _("評価の概要（公表）")


def published_summaries(project_ids: list[int]) -> dict:
    """{project id: {"url", "text"}} for the projects whose final evaluation is published."""
    rounds = EvaluationRound.objects.filter(
        project_id__in=project_ids,
        kind=RoundKind.FINAL,
        published_at__isnull=False,
        project__stage=Stage.CLOSED,
    ).only("pk", "project_id")
    return {
        round_.project_id: {"url": round_.get_public_url(), "text": str(PUBLISHED_SUMMARY)}
        for round_ in rounds
    }
