"""The suitability check (適否検討): the answers, the conclusion and the hearings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from projects import suitability as questionnaire
from projects.choices import SuitabilityOutcome
from projects.models import Hearing, Project, Suitability, SuitabilityAnswer
from projects.permissions import can_edit_project, can_edit_suitability
from projects.services.base import (
    INVALID_ANSWER,
    JUSTIFICATION_REQUIRED,
    OUTCOME_NEEDS_ANSWERS,
    STALE_SUITABILITY,
    _check_version,
)


@transaction.atomic
@audited("project.suitability_save")
def suitability_save(
    *,
    project: Project,
    by,
    answers: dict[str, str],
    notes: dict[str, str] | None = None,
    outcome: str = "",
    justification: str = "",
    version: int | None = None,
) -> Suitability:
    """Record the answers and the conclusion. A conclusion other than the recommended one is
    accepted only with a justification, so the record says why the check was overridden."""
    check(can_edit_suitability(by, project))
    Project.objects.select_for_update().get(pk=project.pk)  # serialise concurrent saves
    decision = Suitability.objects.filter(project=project).first()
    _check_version(decision.version if decision else 0, version, STALE_SUITABILITY)
    notes = notes or {}
    for key, value in answers.items():
        if key not in questionnaire.QUESTIONS or value not in (*questionnaire.ANSWERS, ""):
            raise ValidationError(str(INVALID_ANSWER))
    recommendation = questionnaire.recommend(answers)
    if outcome:
        if outcome not in SuitabilityOutcome.values:
            raise ValidationError(str(INVALID_ANSWER))
        if recommendation is None:
            raise ValidationError({"outcome": str(OUTCOME_NEEDS_ANSWERS)})
        if outcome != recommendation.outcome and not justification.strip():
            raise ValidationError(
                {
                    "justification": str(JUSTIFICATION_REQUIRED)
                    % {"recommended": recommendation.outcome_label}
                }
            )
    for key in questionnaire.QUESTION_KEYS:
        SuitabilityAnswer.objects.update_or_create(
            project=project,
            question=key,
            defaults={"answer": answers.get(key, ""), "note": notes.get(key, "")},
        )
    if decision is None:
        decision = Suitability(project=project, version=0)
    decision.recommended_outcome = recommendation.outcome if recommendation else ""
    decision.outcome = outcome
    decision.justification = justification
    decision.decided_by = by
    decision.version += 1
    decision.save()
    return decision


@transaction.atomic
@audited("project.hearing_add")
def hearing_add(*, project: Project, by, whom: str, held_on, summary: str) -> Hearing:
    """Record whose views were heard (意見聴取), when, and what they said."""
    check(can_edit_project(by, project))
    hearing = Hearing(project=project, whom=whom, held_on=held_on, summary=summary, recorded_by=by)
    hearing.full_clean()
    hearing.save()
    return hearing
