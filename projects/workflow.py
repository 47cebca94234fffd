"""The project workflow: the stages and one literal transition table.

Each guard takes the project's facts (projects.facts) and reads nothing else; it has no side
effects and returns None when its gate is open or the reason it is closed, so the project page can
say what is missing. Only ``projects.services.project_advance`` changes a stage.
"""

import itertools
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.punctuation import join_list
from kyodo_portal.core.workflow import Move, StateAction, Workflow
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

__all__ = [
    "PROJECT_WORKFLOW",
    "TRANSITIONS",
    "Stage",
    "allowed_targets",
    "closed_gates",
    "is_backward",
]

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
WRONG_STAGE_FOR_AGREEMENT = _("協定の作成・確認は「分担合意」の段階で行います。")
WRONG_STAGE_FOR_NOTES = _("実施の記録は「分担合意」「実施」「評価」の段階で記入できます。")
WRONG_STAGE_FOR_SUITABILITY = _("適否検討は「構想」「適否検討」の段階で行います。")
WRONG_STAGE_FOR_METHOD = _("協働方法の選択は「方法選択」の段階で行います。")


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
        return str(TOPICS_MISSING) % {"topics": join_list(t.label for t in missing)}
    return None


def agreement_confirmed_by_both(facts: ProjectFacts) -> str | None:
    version = facts.agreement
    if version is None:
        return None  # agreement_lines_complete says so
    confirmed = {c.side for c in version.confirmations.all()}
    missing = [side for side in ConfirmingSide if side not in confirmed]
    if missing:
        return str(NOT_CONFIRMED) % {
            "side": join_list((side.label for side in missing), separator="・"),
            "number": version.number,
        }
    return None


def partner_decided(facts: ProjectFacts) -> str | None:
    return None if facts.confirmed_partner_ids else str(NO_PARTNER)


# Gates owned by apps above this one (the evaluation app), registered from their ready(): the
# projects app does not import them.
REGISTERED_GATES: dict[str, Guard] = {}


def register_gate(name: str, guard: Guard) -> None:
    REGISTERED_GATES[name] = guard


def _registered(name: str) -> Guard:
    def guard(facts: ProjectFacts) -> str | None:
        return REGISTERED_GATES[name](facts)

    guard.__name__ = name
    return guard


feedback_acknowledged = _registered("feedback_acknowledged")
evaluation_complete = _registered("evaluation_complete")


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


# One step back on the main line (e.g. the partner withdrew), with a reason (project_advance).
BACKWARD = [(later, earlier) for earlier, later in itertools.pairwise(STAGE_ORDER)]

# What may be done at which stage; the permissions ask the workflow (PROJECT_WORKFLOW.allowed).
STAGE_ACTIONS = {
    "edit_suitability": StateAction(
        frozenset({Stage.DRAFT, Stage.SUITABILITY}), WRONG_STAGE_FOR_SUITABILITY
    ),
    "edit_method": StateAction(frozenset({Stage.METHOD}), WRONG_STAGE_FOR_METHOD),
    "edit_agreement": StateAction(frozenset({Stage.AGREEMENT}), WRONG_STAGE_FOR_AGREEMENT),
    "confirm_agreement": StateAction(frozenset({Stage.AGREEMENT}), WRONG_STAGE_FOR_AGREEMENT),
    "add_note": StateAction(
        frozenset({Stage.AGREEMENT, Stage.IMPLEMENTATION, Stage.EVALUATION}),
        WRONG_STAGE_FOR_NOTES,
    ),
}

PROJECT_WORKFLOW = Workflow(
    name="project",
    field="stage",
    moves=[
        *(Move(source, target, tuple(guards)) for (source, target), guards in TRANSITIONS.items()),
        *(Move(source, target) for source, target in BACKWARD),
    ],
    actions=STAGE_ACTIONS,
    not_allowed=NOT_ALLOWED,
)


def is_backward(from_stage: str, to_stage: str) -> bool:
    return (from_stage, to_stage) in BACKWARD


def next_stage(project: Project) -> str | None:
    """The next stage on the main line, if any."""
    if project.stage not in STAGE_ORDER:
        return None
    index = STAGE_ORDER.index(project.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def allowed_targets(project: Project) -> list[str]:
    return PROJECT_WORKFLOW.targets(project)


def closed_gates(subject: ProjectFacts | Project, to: str) -> list[str]:
    """The reasons the move is refused; empty when every gate is open. Given a bare project,
    the gates read a fresh snapshot of it."""
    return PROJECT_WORKFLOW.closed_gates(facts_of(subject), to)
