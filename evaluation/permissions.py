"""Who may see or change evaluations. Access is decided here and only here.

- Each side (the owner office's staff; the members of a confirmed partner NPO) fills in only its
  own sheet, and only until it submits it.
- Sealed rule: a sheet's answers are visible to the other side — and to managers, reviewers and
  everyone else — only once every required sheet of the round has been submitted
  (``EvaluationRound.unsealed_at``). The dashboard and the exports read only unsealed rounds.
- People who may not view the project (other offices, other NPOs, reviewers) see nothing: 404.
- Managers read everything that is unsealed, add a third-party comment and open the dashboard.
- Published summaries of closed projects are public.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from evaluation.facts import evaluation_facts
from evaluation.models import (
    Evaluation,
    EvaluationRound,
    ImprovementItem,
    ResultsExport,
    RoundKind,
    Side,
    ThirdPartyRequest,
)
from kyodo_portal.core.queries import one_or_none
from kyodo_portal.core.roles import Role
from partners.selectors import (
    loaded_or_id,
    managed_body_ids,
    manages_office,
    membership_summary,
    organization_ids_of,
)
from projects.choices import Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import Project, ProjectPartner
from projects.permissions import can_view_project, is_owner_staff, projects_visible_to

Decision = tuple[bool, str]
OK: Decision = (True, "")

NOT_SIGNED_IN = _("ログインしてください。")
NOT_VISIBLE = _("この事業の評価を閲覧する権限がありません。")
NOT_YOUR_SHEET = _(
    "この評価シートを記入できるのは、その立場の担当者（担当課の職員または協働相手のNPO）だけです。"
)
ALREADY_SUBMITTED = _("この評価シートは提出済みのため、修正できません。")
MIDTERM_NOT_OPEN = _("中間評価は、事業の実施中または評価の段階で記入できます。")
MIDTERM_AFTER_FINAL = _(
    "最終評価が始まったため、中間評価は記入できません。最終評価を記入してください。"
)
FINAL_NOT_OPEN = _("最終評価は、事業が「評価」の段階にあるときに記入できます。")
SEALED = _("双方の評価がそろうまで、相手の評価の内容は表示されません。")
PROJECT_CLOSED = _("この事業は完了しているため、変更できません。")
NOT_OWNER_STAFF = _("この操作ができるのは、担当課の職員だけです。")
NOT_A_PARTY = _("この操作ができるのは、担当課の職員と協働相手のNPOだけです。")
NOT_MANAGER = _("この操作ができるのは、管理職・推進担当だけです。")
NOT_PLANNING = _("改善点の反映を確認できるのは、事業の企画段階（構想・適否検討・方法選択）です。")
NOT_FINAL = _("公表できるのは最終評価だけです。")
NOT_CLOSED = _("評価の概要は、事業が完了してから公表できます。")
EXCHANGE_NOT_RECORDED = _("評価の意見交換が記録されていません。")
THIRD_PARTY_BY_MANAGERS = _(
    "第三者のコメントを記入できるのは、管理職・推進担当です。"
    "担当課の職員は、下のボタンから記入を依頼できます。"
)
THIRD_PARTY_ALREADY_GIVEN = _("第三者のコメントはすでに記入されています。")
THIRD_PARTY_ALREADY_REQUESTED = _(
    "第三者のコメントはすでに依頼済みです。管理職・推進担当の記入をお待ちください。"
)
ITEM_ALREADY_REFLECTED = _("この改善点は後続の事業で反映が確認されているため、削除できません。")

PLANNING_STAGES = (Stage.DRAFT, Stage.SUITABILITY, Stage.METHOD)


def acting_organizations(user, subject: ProjectFacts | Project) -> list[tuple[str, int]]:
    """The (side, organisation id) pairs a person may evaluate this project for."""
    if not user.is_authenticated:
        return []
    facts = facts_of(subject)
    sides: list[tuple[str, int]] = []
    if is_owner_staff(user, facts):
        sides.append((Side.GOVERNMENT, facts.project.owner_office_id))
    own_npos = organization_ids_of(user, Role.NPO) & facts.confirmed_partner_ids
    for organization_id in sorted(own_npos):
        sides.append((Side.NPO, organization_id))
    return sides


def is_own_sheet(user, evaluation: Evaluation) -> bool:
    if not user.is_authenticated:
        return False
    if evaluation.side == Side.GOVERNMENT:
        project = evaluation.round.project
        return evaluation.organization_id == project.owner_office_id and is_owner_staff(
            user, project
        )
    return evaluation.organization_id in organization_ids_of(user, Role.NPO)


def is_party(user, project: Project) -> bool:
    return bool(acting_organizations(user, project))


def round_window(project: Project, kind: str, rounds: dict | None = None) -> Decision:
    """Whether a round's sheets may be filled in at the project's current stage; ``rounds`` (the
    project's rounds by kind) closes the interim round once the final one exists."""
    if kind == RoundKind.MIDTERM:
        if rounds and RoundKind.FINAL in rounds:
            return False, str(MIDTERM_AFTER_FINAL)
        if project.stage in (Stage.IMPLEMENTATION, Stage.EVALUATION):
            return OK
        return False, str(MIDTERM_NOT_OPEN)
    if project.stage == Stage.EVALUATION:
        return OK
    return False, str(FINAL_NOT_OPEN)


def can_view_evaluations(user, subject: ProjectFacts | Project) -> Decision:
    """The evaluation overview of a project (status only, never answers)."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if can_view_project(user, subject)[0]:
        return OK
    return False, str(NOT_VISIBLE)


def can_fill_in(
    user,
    subject: ProjectFacts | Project,
    kind: str,
    organization_id: int,
    sheet: Evaluation | None,
) -> Decision:
    """Create or change one's own sheet: own side, within the round's window, until submitted."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if organization_id not in {org for _side, org in acting_organizations(user, facts)}:
        return False, str(NOT_YOUR_SHEET)
    if sheet is not None and sheet.is_submitted:
        return False, str(ALREADY_SUBMITTED)
    return round_window(facts.project, kind, evaluation_facts(facts).rounds)


def can_view_sheet(user, evaluation: Evaluation, facts: ProjectFacts | None = None) -> Decision:
    """Own side always; everyone else who may view the project only after unsealing. A page
    that lists the project's sheets passes its snapshot of the project."""
    allowed, reason = can_view_evaluations(user, facts or evaluation.round.project)
    if not allowed:
        return allowed, reason
    if is_own_sheet(user, evaluation):
        return OK
    if evaluation.round.is_unsealed:
        return OK
    return False, str(SEALED)


def can_comment_on_other(user, evaluation: Evaluation) -> Decision:
    if not is_own_sheet(user, evaluation):
        return False, str(NOT_YOUR_SHEET)
    if not evaluation.round.is_unsealed:
        return False, str(SEALED)
    if evaluation.round.project.stage in (Stage.CLOSED, Stage.ENDED):
        return False, str(PROJECT_CLOSED)
    return OK


def can_view_exchange(user, round_: EvaluationRound) -> Decision:
    allowed, reason = can_view_evaluations(user, round_.project)
    if not allowed:
        return allowed, reason
    if not round_.is_unsealed:
        return False, str(SEALED)
    return OK


def can_record_exchange(user, round_: EvaluationRound) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_owner_staff(user, round_.project):
        return False, str(NOT_OWNER_STAFF)
    if not round_.is_unsealed:
        return False, str(SEALED)
    if round_.project.stage in (Stage.CLOSED, Stage.ENDED):
        return False, str(PROJECT_CLOSED)
    return OK


def can_add_third_party_comment(user, round_: EvaluationRound) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    # A manager of the project's own body: another body's managers are no third party to it.
    if not manages_office(user, loaded_or_id(round_.project, "owner_office")):
        return False, str(NOT_MANAGER)
    if not round_.is_unsealed:
        return False, str(SEALED)
    return OK


def can_request_third_party_comment(user, round_: EvaluationRound) -> Decision:
    """The owner office's staff ask the managers for the third party's comment they cannot give
    themselves: once the round is unsealed, while no comment and no open request exist."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_owner_staff(user, round_.project):
        return False, str(NOT_OWNER_STAFF)
    if not round_.is_unsealed:
        return False, str(SEALED)
    if round_.third_party_comment:
        return False, str(THIRD_PARTY_ALREADY_GIVEN)
    if ThirdPartyRequest.objects.filter(round=round_, answered_at__isnull=True).exists():
        return False, str(THIRD_PARTY_ALREADY_REQUESTED)
    return OK


def can_add_improvement(user, round_: EvaluationRound) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_party(user, round_.project):
        return False, str(NOT_A_PARTY)
    if not round_.is_unsealed:
        return False, str(SEALED)
    if round_.project.stage in (Stage.CLOSED, Stage.ENDED):
        return False, str(PROJECT_CLOSED)
    return OK


def can_change_improvement(user, item: ImprovementItem) -> Decision:
    """Whether to keep carrying an item forward is the owner office's call, even after closing."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_owner_staff(user, item.project):
        return False, str(NOT_OWNER_STAFF)
    return OK


def can_delete_improvement(user, item: ImprovementItem) -> Decision:
    allowed, reason = can_change_improvement(user, item)
    if not allowed:
        return allowed, reason
    if item.project.stage in (Stage.CLOSED, Stage.ENDED):
        return False, str(PROJECT_CLOSED)
    if item.acknowledgements.exists():
        return False, str(ITEM_ALREADY_REFLECTED)
    return OK


def can_acknowledge(user, subject: ProjectFacts | Project) -> Decision:
    """Acknowledging carried-forward items is part of planning the new project."""
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    facts = facts_of(subject)
    if not is_owner_staff(user, facts):
        return False, str(NOT_OWNER_STAFF)
    if facts.stage not in PLANNING_STAGES:
        return False, str(NOT_PLANNING)
    return OK


def can_publish(user, round_: EvaluationRound) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    if not is_owner_staff(user, round_.project):
        return False, str(NOT_OWNER_STAFF)
    if round_.kind != RoundKind.FINAL:
        return False, str(NOT_FINAL)
    if not round_.exchange_recorded:
        return False, str(EXCHANGE_NOT_RECORDED)
    if round_.project.stage != Stage.CLOSED:
        return False, str(NOT_CLOSED)
    return OK


def exportable_sheets(user) -> QuerySet[Evaluation]:
    """The sheets a file may carry for this person (data downloads, exports, API lists):
    submitted sheets of unsealed rounds of projects the person may view.

    Stricter than the pages on purpose. A side reads its own draft or sealed sheet on the sheet's
    page, but a file outlives the seal — it is forwarded, archived and attached — so no file
    carries any sheet of a round until the round unseals."""
    if not user.is_authenticated:
        return Evaluation.objects.none()
    return Evaluation.objects.filter(
        status=Evaluation.Status.SUBMITTED,
        round__unsealed_at__isnull=False,
        round__project__in=projects_visible_to(user).values("pk"),
    )


def dashboard_bodies(user) -> tuple[int, ...]:
    """The bodies whose figures a person's dashboard, its lists and its exports cover: the bodies
    they manage. Part of every cache key of the figures."""
    return tuple(sorted(managed_body_ids(user)))


def can_view_dashboard(user) -> Decision:
    if not user.is_authenticated:
        return False, str(NOT_SIGNED_IN)
    # From the summary: the dashboard's stored copy is served without loading a national
    # manager's 1,788 memberships.
    if Role.MANAGER in membership_summary(user).roles:
        return OK
    return False, str(NOT_MANAGER)


# --- fetchers: 404 alike for missing objects and objects the person may not know about ---------

_ROUND_RELATED = ("project", "project__owner_office")


def _partners_of(project_path: str) -> Prefetch:
    """The project's partner rows, read with the fetched object: the page's checks (who may see,
    whose side a sheet is) all look at them, and a snapshot of the project uses them as read."""
    return Prefetch(
        f"{project_path}project_partners",
        queryset=ProjectPartner.objects.select_related("organization").order_by("status", "pk"),
    )


def get_results_export_or_404(user, pk: int) -> ResultsExport:
    """A results workbook is the requester's alone, and only while they may see the dashboard
    (the caller answers others who may not see it at all with the dashboard's refusal)."""
    export = one_or_none(ResultsExport.objects, pk=pk, requested_by_id=user.pk)
    if export is None or not can_view_dashboard(user)[0]:
        raise Http404
    return export


def get_project_facts_or_404(user, pk: int) -> ProjectFacts:
    """A snapshot of the project (projects.facts) for the page's checks; 404 alike for missing
    and forbidden."""
    project = one_or_none(Project.objects.select_related("owner_office"), pk=pk)
    if project is None:
        raise Http404
    facts = facts_of(project)
    if not can_view_evaluations(user, facts)[0]:
        raise Http404
    return facts


def get_project_or_404(user, pk: int) -> Project:
    return get_project_facts_or_404(user, pk).project


# What the rules for a round's pages read of it and its project, and no more: the check made
# before a stored copy of the exchange page (the partners are read for NPO members only).
_ROUND_ACCESS_ROW = EvaluationRound.objects.select_related("project__owner_office").only(
    "id",
    "unsealed_at",
    "project",
    "project__stage",
    "project__owner_office",
    "project__owner_office__body",
)


def get_round_for_access_or_404(user, pk: int) -> EvaluationRound:
    """The round's light row, if the person may view its project (as ``get_round_or_404``)."""
    rows = _ROUND_ACCESS_ROW
    if organization_ids_of(user, Role.NPO):  # their rules read the partners, once each
        rows = rows.prefetch_related(_partners_of("project__"))
    return get_round_or_404(user, pk, rows)


def get_round_or_404(
    user, pk: int, rows: QuerySet[EvaluationRound] | None = None
) -> EvaluationRound:
    """A round of a project the person may view (sealing is checked by the caller's rule)."""
    if rows is None:
        rows = EvaluationRound.objects.select_related(*_ROUND_RELATED).prefetch_related(
            _partners_of("project__")
        )
    round_ = one_or_none(rows, pk=pk)
    if round_ is None or not can_view_evaluations(user, round_.project)[0]:
        raise Http404
    return round_


def get_sheet_or_404(user, pk: int) -> Evaluation:
    """A sheet of a project the person may view; the sealed rule is applied by the view."""
    sheet = one_or_none(
        Evaluation.objects.select_related(
            "organization", "round", "round__project", "round__project__owner_office"
        ).prefetch_related(_partners_of("round__project__")),
        pk=pk,
    )
    if sheet is None or not can_view_evaluations(user, sheet.round.project)[0]:
        raise Http404
    return sheet


def get_item_or_404(user, pk: int) -> ImprovementItem:
    item = one_or_none(
        ImprovementItem.objects.select_related("project", "round").prefetch_related(
            _partners_of("project__")
        ),
        pk=pk,
    )
    if item is None or not can_view_evaluations(user, item.project)[0]:
        raise Http404
    return item


def get_published_round_or_404(pk: int) -> EvaluationRound:
    round_ = (
        EvaluationRound.objects.select_related(*_ROUND_RELATED)
        .filter(pk=pk, published_at__isnull=False, project__stage=Stage.CLOSED)
        .first()
    )
    if round_ is None:
        raise Http404
    return round_
