"""The project workflow: the stages and one literal transition table.

Each guard takes the project, has no side effects, and returns None when its gate is open or the
reason it is closed, so the project page can say what is missing. Only
``projects.services.project_advance`` changes a stage.
"""

from collections.abc import Callable
from importlib import import_module

from django.utils.translation import gettext_lazy as _

from projects.choices import STAGE_ORDER, Stage
from projects.models import Project, ProjectPartner

__all__ = ["TRANSITIONS", "Stage", "allowed_targets", "closed_gates", "is_backward"]

Guard = Callable[[Project], str | None]

BASICS_MISSING = _("事業名・課題・目的・対象者・成果目標をすべて記入してください。")
NO_METHOD = _("協働方法を選んでください。")
NO_PARTNER = _("協働相手のNPOを決定してください。")
NOT_COLLABORATE = _("適否検討の結果が「協働で実施する」ではありません。")
IS_COLLABORATE = _("適否検討の結果が「協働で実施する」のため、見送りにはできません。")


def basics_filled(project: Project) -> str | None:
    required = (
        project.title,
        project.background,
        project.purpose,
        project.beneficiaries,
        project.outcome_targets,
    )
    return None if all(value.strip() for value in required) else str(BASICS_MISSING)


def method_chosen(project: Project) -> str | None:
    return None if project.method else str(NO_METHOD)


def partner_decided(project: Project) -> str | None:
    has_partner = ProjectPartner.objects.filter(
        project=project, status=ProjectPartner.Status.PARTNER
    ).exists()
    return None if has_partner else str(NO_PARTNER)


def _hook(module: str, name: str) -> Guard:
    """A gate owned by another app (evaluation), looked up when checked so apps stay decoupled."""

    def guard(project: Project) -> str | None:
        try:
            function = getattr(import_module(module), name)
        except (ModuleNotFoundError, AttributeError):
            return None
        return function(project)

    guard.__name__ = f"{module}.{name}"
    return guard


feedback_acknowledged = _hook("evaluation.gates", "feedback_acknowledged")
evaluation_complete = _hook("evaluation.gates", "evaluation_complete")


TRANSITIONS: dict[tuple[str, str], list[Guard]] = {
    (Stage.DRAFT, Stage.SUITABILITY): [basics_filled],
    (Stage.SUITABILITY, Stage.METHOD): [],
    (Stage.SUITABILITY, Stage.ENDED): [],
    (Stage.METHOD, Stage.PARTNER_SELECTION): [method_chosen, feedback_acknowledged],
    (Stage.PARTNER_SELECTION, Stage.AGREEMENT): [partner_decided],
    (Stage.AGREEMENT, Stage.IMPLEMENTATION): [],
    (Stage.IMPLEMENTATION, Stage.EVALUATION): [],
    (Stage.EVALUATION, Stage.CLOSED): [evaluation_complete],
}


def is_backward(from_stage: str, to_stage: str) -> bool:
    """Going back one step on the main line (e.g. the partner withdrew)."""
    if from_stage not in STAGE_ORDER or to_stage not in STAGE_ORDER:
        return False
    return STAGE_ORDER.index(to_stage) == STAGE_ORDER.index(from_stage) - 1


def allowed_targets(project: Project) -> list[str]:
    forward = [to for (frm, to) in TRANSITIONS if frm == project.stage]
    back = [to for to in STAGE_ORDER if is_backward(project.stage, to)]
    return forward + back


def closed_gates(project: Project, to: str) -> list[str]:
    """The reasons the move is refused; empty when every gate is open."""
    if is_backward(project.stage, to):
        return []
    guards = TRANSITIONS.get((project.stage, to))
    if guards is None:
        return [str(_("この段階には進めません。"))]
    return [reason for guard in guards if (reason := guard(project))]
