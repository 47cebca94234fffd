"""Improvement items agreed at the exchange, carried forward, acknowledged by the next project."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from evaluation import notices
from evaluation.models import Acknowledgement, EvaluationRound, ImprovementItem
from evaluation.permissions import (
    can_acknowledge,
    can_add_improvement,
    can_change_improvement,
    can_delete_improvement,
)
from evaluation.selectors import applicable_improvements
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import check
from projects.models import Project

IMPROVEMENT_TEXT_REQUIRED = _("改善点の内容を記入してください。")
NOTE_REQUIRED = _("この事業にどのように反映したかを記入してください。")
ITEM_NOT_APPLICABLE = _("この改善点は、この事業に引き継がれたものではありません。")
ALREADY_ACKNOWLEDGED = _("この改善点の反映はすでに確認済みです。")


@transaction.atomic
@audited("evaluation.improvement_add")
def improvement_add(
    *, round_: EvaluationRound, by, text: str, owner: str, carry_forward: bool = True
) -> ImprovementItem:
    check(can_add_improvement(by, round_))
    if not text.strip():
        raise ValidationError({"text": [str(IMPROVEMENT_TEXT_REQUIRED)]})
    if owner not in ImprovementItem.Owner.values:
        raise ValueError(f"unknown owner {owner!r}")
    item = ImprovementItem.objects.create(
        round=round_,
        project=round_.project,
        text=text.strip(),
        owner=owner,
        carry_forward=carry_forward,
        created_by=by,
    )
    if carry_forward:
        notices.notify_improvement_to_acknowledge(item=item, by=by)
    return item


@transaction.atomic
@audited("evaluation.improvement_set_carry_forward")
def improvement_set_carry_forward(
    *, item: ImprovementItem, by, carry_forward: bool
) -> ImprovementItem:
    """Stop (or resume) carrying an item into later projects, e.g. once it is resolved."""
    check(can_change_improvement(by, item))
    resumed = carry_forward and not item.carry_forward
    item.carry_forward = carry_forward
    item.save(update_fields=["carry_forward", "updated_at"])
    if resumed:
        notices.notify_improvement_to_acknowledge(item=item, by=by)
    return item


@transaction.atomic
@audited("evaluation.improvement_delete")
def improvement_delete(*, item: ImprovementItem, by) -> None:
    check(can_delete_improvement(by, item))
    item.delete()


@transaction.atomic
@audited("evaluation.improvement_acknowledge")
def improvement_acknowledge(
    *, item: ImprovementItem, project: Project, by, note: str
) -> Acknowledgement:
    """Record how a later project reflected a carried-forward improvement item."""
    check(can_acknowledge(by, project))
    if not note.strip():
        raise ValidationError({"note": [str(NOTE_REQUIRED)]})
    if not applicable_improvements(project).filter(pk=item.pk).exists():
        raise ValidationError({"__all__": [str(ITEM_NOT_APPLICABLE)]})
    if Acknowledgement.objects.filter(item=item, project=project).exists():
        raise ValidationError({"__all__": [str(ALREADY_ACKNOWLEDGED)]})
    return Acknowledgement.objects.create(
        item=item, project=project, note=note.strip(), acknowledged_by=by
    )
