"""Filling in and submitting the evaluation sheets, and the sealed rule that opens the exchange."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluation import notices
from evaluation import sheet as sheet_data
from evaluation.models import Answer, Evaluation, EvaluationRound, RoundKind, Side
from evaluation.permissions import can_comment_on_other, can_fill_in
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.errors import StaleEdit as BaseStaleEdit
from partners.models import Organization
from projects.models import Project
from projects.permissions import confirmed_partner_ids

SCORE_OUT_OF_RANGE = _("評点は1から5までの整数で選んでください。")
LOW_SCORE_NEEDS_REASON = _("評点が1または2のときは、その理由を記入してください。")
SCORE_REQUIRED_TO_SUBMIT = _("提出するには、すべての項目に評点をつけてください。")
UNKNOWN_ITEM = _("評価シートにない項目です。")
STALE = _(
    "ほかの人が先に更新しました。最新の内容を確認してから、もう一度保存してください。"
    "（入力した内容は画面に残しています）"
)
COMMENT_REQUIRED = _("相手の評価へのコメントを記入してください。")


NOT_AN_ACTING_ORGANIZATION = _("この組織の立場では評価できません。")


class StaleEdit(BaseStaleEdit):
    """The edit was based on an older version than the one stored."""

    def __init__(self):
        super().__init__(str(STALE), code="stale")


@dataclass(frozen=True)
class AnswerInput:
    score: int | None
    reason: str = ""
    comment: str = ""


def _validate_answers(answers: dict[str, AnswerInput], *, submitting: bool) -> None:
    errors: dict[str, list[str]] = {}
    for key, answer in answers.items():
        if key not in sheet_data.ITEMS_BY_KEY:
            errors.setdefault("__all__", []).append(f"{UNKNOWN_ITEM} ({key})")
            continue
        if answer.score is not None and answer.score not in sheet_data.SCORES:
            errors.setdefault(f"score_{key}", []).append(str(SCORE_OUT_OF_RANGE))
        elif sheet_data.is_low(answer.score) and not answer.reason.strip():
            errors.setdefault(f"reason_{key}", []).append(str(LOW_SCORE_NEEDS_REASON))
    if submitting:
        for key in sheet_data.ITEM_KEYS:
            answer = answers.get(key)
            if (answer is None or answer.score is None) and f"score_{key}" not in errors:
                errors.setdefault(f"score_{key}", []).append(str(SCORE_REQUIRED_TO_SUBMIT))
    if errors:
        raise ValidationError(errors)


def _side_of(project: Project, organization: Organization) -> str:
    if organization.pk == project.owner_office_id:
        return Side.GOVERNMENT
    if organization.pk in confirmed_partner_ids(project):
        return Side.NPO
    raise PermissionDenied(str(NOT_AN_ACTING_ORGANIZATION))


def _required_organization_ids(project: Project) -> set[int]:
    return {project.owner_office_id} | confirmed_partner_ids(project)


def _unseal_if_complete(round_: EvaluationRound) -> bool:
    """Open the exchange once the owner office and every confirmed partner have submitted.
    Returns whether it opened now."""
    if round_.unsealed_at is not None:
        return False
    required = _required_organization_ids(round_.project)
    if len(required) < 2:  # no partner NPO: nothing to compare yet
        return False
    submitted = set(
        round_.sheets.filter(status=Evaluation.Status.SUBMITTED).values_list(
            "organization_id", flat=True
        )
    )
    if required <= submitted:
        round_.unsealed_at = timezone.now()
        round_.version += 1
        round_.save(update_fields=["unsealed_at", "version", "updated_at"])
        return True
    return False


@transaction.atomic
@audited("evaluation.evaluation_save")
def evaluation_save(
    *,
    project: Project,
    kind: str,
    organization: Organization,
    by,
    answers: dict[str, AnswerInput],
    overall_comment: str = "",
    version: int | None = None,
    submit: bool = False,
) -> Evaluation:
    """Save one side's sheet as a draft, or submit it (then it is frozen and may unseal the round).

    ``version`` is the sheet version the form was based on (None for a new sheet); a mismatch
    raises StaleEdit so that two people of the same side never overwrite each other silently.
    """
    if kind not in RoundKind.values:
        raise ValueError(f"unknown round kind {kind!r}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    round_, _created = EvaluationRound.objects.get_or_create(project=project, kind=kind)
    round_.project = project
    # One sheet per round and organisation. Ordered by id, not by the model's ordering: that
    # goes through the organisation to its (nullable) body, an outer join PostgreSQL cannot lock.
    sheet = (
        Evaluation.objects.select_for_update()
        .filter(round=round_, organization=organization)
        .order_by("pk")
        .first()
    )
    check(can_fill_in(by, project, kind, organization.pk, sheet))
    if sheet is not None and version is not None and sheet.version != version:
        raise StaleEdit
    if sheet is None and version not in (None, 0):
        raise StaleEdit
    _validate_answers(answers, submitting=submit)

    if sheet is None:
        sheet = Evaluation(
            round=round_,
            organization=organization,
            side=_side_of(project, organization),
            created_by=by,
        )
    sheet.overall_comment = overall_comment
    sheet.version = (sheet.version or 0) + 1 if sheet.pk else 1
    if submit:
        sheet.status = Evaluation.Status.SUBMITTED
        sheet.submitted_at = timezone.now()
        sheet.submitted_by = by
    sheet.save()

    rows = [
        Answer(
            evaluation=sheet,
            item=key,
            group=sheet_data.ITEMS_BY_KEY[key].group,
            principle=sheet_data.ITEMS_BY_KEY[key].principle,
            score=answer.score,
            reason=answer.reason.strip(),
            comment=answer.comment.strip(),
        )
        for key, answer in answers.items()
    ]
    Answer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["evaluation", "item"],
        update_fields=["group", "principle", "score", "reason", "comment"],
    )
    if submit:
        unsealed = _unseal_if_complete(round_)
        score_rollups_fill(round_ids=[round_.pk])
        notices.notify_evaluation_submitted(sheet=sheet, by=by)
        if unsealed:
            notices.notify_round_unsealed(round_=round_, by=by)
    return sheet


def score_rollups_fill(*, round_ids: list[int] | None = None) -> None:
    """Write what the dashboard reads instead of the raw answers, for the given rounds (or all):
    each submitted sheet's score total and count, and on the NPO answers of unsealed rounds the
    government side's score for the same item. Only frozen data is copied — submitted sheets, in
    rounds whose sealed rule has lifted — so the copies never go stale; running it again changes
    nothing. ``evaluation_save`` calls it on every submission; bulk loaders call it once."""
    sheets = Evaluation.objects.filter(status=Evaluation.Status.SUBMITTED)
    if round_ids is not None:
        sheets = sheets.filter(round_id__in=round_ids)
    scored = (
        Answer.objects.filter(evaluation=OuterRef("pk"), score__isnull=False)
        .order_by()
        .values("evaluation")
    )
    sheets.filter(score_total__isnull=True).update(
        score_total=Coalesce(Subquery(scored.annotate(total=Sum("score")).values("total")), 0),
        scored_items=Coalesce(Subquery(scored.annotate(n=Count("pk")).values("n")), 0),
    )
    # No ORDER BY in the subquery: the models' default ordering joins the project and the
    # organisation of every row (minutes, not seconds, over a large database).
    government = (
        Answer.objects.filter(
            item=OuterRef("item"),
            score__isnull=False,
            evaluation__side=Side.GOVERNMENT,
            evaluation__status=Evaluation.Status.SUBMITTED,
            evaluation__round__sheets=OuterRef("evaluation_id"),
        )
        .order_by()
        .values("score")[:1]
    )
    Answer.objects.filter(
        evaluation__in=sheets.filter(side=Side.NPO, round__unsealed_at__isnull=False),
        score__isnull=False,
        government_score__isnull=True,
    ).update(government_score=Subquery(government))


@transaction.atomic
@audited("evaluation.evaluation_comment_on_other")
def evaluation_comment_on_other(*, evaluation: Evaluation, by, text: str) -> Evaluation:
    """One side's view of the other side's evaluation (part of the exchange)."""
    check(can_comment_on_other(by, evaluation))
    if not text.strip():
        raise ValidationError({"comment_on_other": [str(COMMENT_REQUIRED)]})
    evaluation.comment_on_other = text.strip()
    evaluation.comment_on_other_at = timezone.now()
    evaluation.save(update_fields=["comment_on_other", "comment_on_other_at", "updated_at"])
    return evaluation
