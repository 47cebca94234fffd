"""The project workflow: the stages and one literal transition table.

Each guard takes the project's facts (projects.facts) and reads nothing else; it has no side
effects and returns None when its gate is open or the reason it is closed, so the project page can
say what is missing. Only ``projects.services.project_advance`` changes a stage.
"""

from collections.abc import Callable
from importlib import import_module

from django.utils.translation import gettext_lazy as _

from projects import suitability as questionnaire
from projects.choices import (
    REQUIRED_RESPONSIBILITY_TOPICS,
    STAGE_ORDER,
    ConfirmingSide,
    Principle,
    Stage,
    SuitabilityOutcome,
)
from projects.facts import ProjectFacts, facts_of
from projects.models import Project

__all__ = ["TRANSITIONS", "Stage", "allowed_targets", "closed_gates", "is_backward"]

Guard = Callable[[ProjectFacts], str | None]

BASICS_MISSING = _("事業名・課題・目的・対象者・成果目標をすべて記入してください。")
NO_METHOD = _("協働方法を選んでください。")
NO_PARTNER = _("協働相手のNPOを決定してください。")
NOT_COLLABORATE = _("適否検討の結果が「協働で実施する」ではありません。")
IS_COLLABORATE = _("適否検討の結果が「協働で実施する」のため、見送りにはできません。")
SUITABILITY_UNANSWERED = _("適否検討の設問にすべて回答してください（未回答 %(count)s 問）。")
NO_OUTCOME = _("適否検討の結論を選んでください。")
NO_JUSTIFICATION = _("推奨と異なる結論を選んだ理由を記入してください。")
NO_RATIONALE = _("この協働方法を選ぶ理由を記入してください。")
PRINCIPLE_MISSING = _("「%(principle)s」をどう確保するかを記入してください。")
NO_ROLE_LINES = _("役割分担を1行以上記入してください。")
NO_COST_LINES = _("費用分担を1行以上記入してください。")
TOPICS_MISSING = _("責任分担に次の事項を記入してください：%(topics)s")
NOT_CONFIRMED = _("%(side)sが最新の版（第%(number)s版）を確認していません。")
NO_AGREEMENT = _("協定案（役割・費用・責任の分担）を作成してください。")
NOT_ALLOWED = _("この段階には進めません。")


def basics_filled(facts: ProjectFacts) -> str | None:
    project = facts.project
    required = (
        project.title,
        project.background,
        project.purpose,
        project.beneficiaries,
        project.outcome_targets,
    )
    return None if all(value.strip() for value in required) else str(BASICS_MISSING)


def suitability_done(facts: ProjectFacts) -> str | None:
    decision, answers = facts.suitability, facts.answers
    if missing := questionnaire.unanswered(answers):
        return str(SUITABILITY_UNANSWERED) % {"count": len(missing)}
    if decision is None or not decision.outcome:
        return str(NO_OUTCOME)
    recommendation = questionnaire.recommend(answers)
    if decision.outcome != recommendation.outcome and not decision.justification.strip():
        return str(NO_JUSTIFICATION)
    return None


def outcome_is_collaborate(facts: ProjectFacts) -> str | None:
    decision = facts.suitability
    if decision is None or not decision.outcome:
        return None  # suitability_done already says what is missing
    return None if decision.outcome == SuitabilityOutcome.COLLABORATE else str(NOT_COLLABORATE)


def outcome_is_not_collaborate(facts: ProjectFacts) -> str | None:
    decision = facts.suitability
    if decision is None or not decision.outcome:
        return None
    return str(IS_COLLABORATE) if decision.outcome == SuitabilityOutcome.COLLABORATE else None


def method_chosen(facts: ProjectFacts) -> str | None:
    return None if facts.project.method else str(NO_METHOD)


def principles_stated(facts: ProjectFacts) -> str | None:
    plan = facts.method_plan
    if plan is None or not plan.rationale.strip():
        return str(NO_RATIONALE)
    for principle in Principle:
        if not plan.statement(principle.value).strip():
            return str(PRINCIPLE_MISSING) % {"principle": principle.label}
    return None


def agreement_lines_complete(facts: ProjectFacts) -> str | None:
    version = facts.agreement
    if version is None:
        return str(NO_AGREEMENT)
    if not version.has_roles:
        return str(NO_ROLE_LINES)
    if not version.costs.all():
        return str(NO_COST_LINES)
    covered = facts.covered_topics()
    if missing := [topic for topic in REQUIRED_RESPONSIBILITY_TOPICS if topic not in covered]:
        return str(TOPICS_MISSING) % {"topics": "、".join(str(t.label) for t in missing)}
    return None


def agreement_confirmed_by_both(facts: ProjectFacts) -> str | None:
    version = facts.agreement
    if version is None:
        return None  # agreement_lines_complete says so
    confirmed = {c.side for c in version.confirmations.all()}
    missing = [side for side in ConfirmingSide if side not in confirmed]
    if missing:
        return str(NOT_CONFIRMED) % {
            "side": "・".join(str(side.label) for side in missing),
            "number": version.number,
        }
    return None


def partner_decided(facts: ProjectFacts) -> str | None:
    return None if facts.confirmed_partner_ids else str(NO_PARTNER)


def _hook(module: str, name: str) -> Guard:
    """A gate owned by another app (evaluation), imported when checked: the evaluation app
    imports the projects models, so importing it here at load time would be circular."""

    def guard(facts: ProjectFacts) -> str | None:
        return getattr(import_module(module), name)(facts)

    guard.__name__ = f"{module}.{name}"
    return guard


feedback_acknowledged = _hook("evaluation.gates", "feedback_acknowledged")
evaluation_complete = _hook("evaluation.gates", "evaluation_complete")


TRANSITIONS: dict[tuple[str, str], list[Guard]] = {
    (Stage.DRAFT, Stage.SUITABILITY): [basics_filled],
    (Stage.SUITABILITY, Stage.METHOD): [suitability_done, outcome_is_collaborate],
    (Stage.SUITABILITY, Stage.ENDED): [suitability_done, outcome_is_not_collaborate],
    (Stage.METHOD, Stage.PARTNER_SELECTION): [
        method_chosen,
        principles_stated,
        feedback_acknowledged,
    ],
    (Stage.PARTNER_SELECTION, Stage.AGREEMENT): [partner_decided],
    (Stage.AGREEMENT, Stage.IMPLEMENTATION): [
        agreement_lines_complete,
        agreement_confirmed_by_both,
    ],
    (Stage.IMPLEMENTATION, Stage.EVALUATION): [],
    (Stage.EVALUATION, Stage.CLOSED): [evaluation_complete],
}


def is_backward(from_stage: str, to_stage: str) -> bool:
    """Going back one step on the main line (e.g. the partner withdrew)."""
    if from_stage not in STAGE_ORDER or to_stage not in STAGE_ORDER:
        return False
    return STAGE_ORDER.index(to_stage) == STAGE_ORDER.index(from_stage) - 1


def next_stage(project: Project) -> str | None:
    """The next stage on the main line, if any."""
    if project.stage not in STAGE_ORDER:
        return None
    index = STAGE_ORDER.index(project.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def allowed_targets(project: Project) -> list[str]:
    forward = [to for (frm, to) in TRANSITIONS if frm == project.stage]
    back = [to for to in STAGE_ORDER if is_backward(project.stage, to)]
    return forward + back


def closed_gates(subject: ProjectFacts | Project, to: str) -> list[str]:
    """The reasons the move is refused; empty when every gate is open. Given a bare project,
    the gates read a fresh snapshot of it."""
    facts = facts_of(subject)
    if is_backward(facts.stage, to):
        return []
    guards = TRANSITIONS.get((facts.stage, to))
    if guards is None:
        return [str(NOT_ALLOWED)]
    return [reason for guard in guards if (reason := guard(facts))]
