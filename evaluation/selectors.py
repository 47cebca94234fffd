"""Read queries about evaluations, shared by views, the project page, the home page and gates.

The dashboard's aggregates live in ``evaluation.dashboard``.
"""

from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evaluation import sheet as sheet_data
from evaluation.facts import evaluation_facts
from evaluation.models import (
    Acknowledgement,
    Answer,
    Evaluation,
    EvaluationRound,
    ImprovementItem,
    ResultsExport,
    RoundKind,
    Side,
)
from evaluation.permissions import (
    PLANNING_STAGES,
    acting_organizations,
    can_acknowledge,
    can_add_improvement,
    can_add_third_party_comment,
    can_change_improvement,
    can_comment_on_other,
    can_publish,
    can_record_exchange,
    can_view_evaluations,
    can_view_sheet,
)
from kyodo_portal.core.roles import Role
from partners.models import Organization, User
from partners.selectors import organization_ids_of
from projects.choices import Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import Project, ProjectPartner

EVALUATION_STAGES = (Stage.IMPLEMENTATION, Stage.EVALUATION, Stage.CLOSED)
NOT_STARTED = _("未着手")


# --- carried-forward improvement items ---------------------------------------------------------


def applicable_improvements(project: Project) -> QuerySet[ImprovementItem]:
    """Carried-forward items that apply to a project: from its predecessor, or from other projects
    of the same office that share an NPO or the method."""
    withdrawn = ProjectPartner.Status.WITHDRAWN
    my_npos = (
        ProjectPartner.objects.filter(project_id=project.pk)
        .exclude(status=withdrawn)
        .values("organization_id")
    )
    # The source projects as a union of index lookups. Written as one condition with OR, the
    # database reads every carried-forward item and every project of the office instead
    # (12 ms against 4 ms for an office with 2,900 projects).
    sources = (
        ProjectPartner.objects.filter(
            organization_id__in=my_npos, project__owner_office_id=project.owner_office_id
        )
        .exclude(status=withdrawn)
        .order_by()
        .values("project_id")
    )
    if project.method:
        same_method = Project.objects.filter(
            owner_office_id=project.owner_office_id, method=project.method
        )
        sources = sources.union(same_method.order_by().values("pk"), all=True)
    if project.predecessor_id:
        predecessor = Project.objects.filter(pk=project.predecessor_id)
        sources = sources.union(predecessor.order_by().values("pk"), all=True)
    return (
        ImprovementItem.objects.filter(carry_forward=True, project_id__in=sources)
        # Never the project's own items, nor those of its own continuations.
        .exclude(project_id=project.pk)
        .exclude(project__predecessor_id=project.pk)
    )


def open_improvements(project: Project) -> QuerySet[ImprovementItem]:
    """Applicable items this project has not yet acknowledged."""
    return applicable_improvements(project).exclude(acknowledgements__project_id=project.pk)


# The planning panel lists this many items; in a busy office dozens of projects share a method.
PLANNING_PANEL_ITEMS = 10
PLANNING_PANEL_FIELDS = (
    "text",
    "owner",
    "created_at",
    "project__title",
    "project__fiscal_year_start",
    "round__kind",
)


def improvements_for_planning(project: Project, limit: int = PLANNING_PANEL_ITEMS) -> dict:
    """The applicable items for the planning panel: how many there are and how many are still
    open, and the first ``limit`` of them — open ones first, oldest first — each with this
    project's acknowledgement (or None).

    One query whatever the number of items, so the project page's cost does not grow with the
    office's history: this project's acknowledgement is joined (at most one per item), and the
    counts are window aggregates over all applicable items, computed before the limit.
    """
    rows = list(
        applicable_improvements(project)
        .annotate(
            this_project=FilteredRelation(
                "acknowledgements", condition=Q(acknowledgements__project_id=project.pk)
            ),
            acknowledged=ExpressionWrapper(
                Q(this_project__id__isnull=False), output_field=BooleanField()
            ),
            ack_id=F("this_project__id"),
            ack_note=F("this_project__note"),
            ack_at=F("this_project__acknowledged_at"),
            ack_by_name=F("this_project__acknowledged_by__name"),
            ack_by_username=F("this_project__acknowledged_by__username"),
            total=Window(Count("pk")),
            done=Window(Count("this_project__id")),
        )
        .select_related("project", "round")
        # Only what the panel shows: compiling every column of both joined tables costs more
        # than running the query.
        .only(*PLANNING_PANEL_FIELDS)
        .order_by("acknowledged", "project__fiscal_year_start", "created_at", "pk")[:limit]
    )
    total = rows[0].total if rows else 0
    return {
        "total": total,
        "open": total - rows[0].done if rows else 0,
        "rows": [
            {
                "item": item,
                "acknowledgement": _acknowledgement(item, project) if item.acknowledged else None,
                "via_predecessor": item.project_id == project.predecessor_id,
            }
            for item in rows
        ],
    }


def _acknowledgement(item: ImprovementItem, project: Project) -> Acknowledgement:
    """The acknowledgement read along with its item, as a model instance for the template."""
    user = User(name=item.ack_by_name or "", username=item.ack_by_username or "")
    return Acknowledgement(
        pk=item.ack_id,
        item=item,
        project=project,
        note=item.ack_note,
        acknowledged_at=item.ack_at,
        acknowledged_by=user if item.ack_by_username else None,
    )


def reflections_of(project: Project) -> list[Acknowledgement]:
    """How later projects reflected this project's improvement items (shown on the old project)."""
    return list(
        Acknowledgement.objects.filter(item__project_id=project.pk)
        .select_related("item", "project__owner_office")
        # Only what the panel shows: every column of four joined tables took twice as long to
        # compile as this whole query takes to run.
        .only(
            "note",
            "item__text",
            "project__title",
            "project__owner_office__kind",
            "project__owner_office__jurisdiction",
            "project__owner_office__name",
        )
        .order_by("item_id", "acknowledged_at")
    )


# --- rounds and sheets -------------------------------------------------------------------------


@dataclass
class SheetStatus:
    organization: Organization
    side: str
    sheet: Evaluation | None
    mine: bool = False
    viewable: bool = False

    @property
    def submitted(self) -> bool:
        return self.sheet is not None and self.sheet.is_submitted

    @property
    def state_label(self):
        if self.sheet is None:
            return NOT_STARTED
        return self.sheet.get_status_display()


@dataclass
class RoundStatus:
    kind: str
    round: EvaluationRound | None
    sheets: list[SheetStatus] = field(default_factory=list)
    exchange_viewable: bool = False
    can_record_exchange: bool = False
    can_publish: bool = False
    window_open: bool = False

    @property
    def label(self):
        return RoundKind(self.kind).label

    @property
    def unsealed(self) -> bool:
        return self.round is not None and self.round.is_unsealed


def round_statuses(user, subject: ProjectFacts | Project) -> list[RoundStatus]:
    """Status of each round for a person: which sheets exist, which may be opened. No answers."""
    from evaluation.permissions import round_window

    facts = facts_of(subject)
    project = facts.project
    rounds = evaluation_facts(facts).rounds
    mine = {org for _side, org in acting_organizations(user, facts)}
    organizations = evaluation_facts(facts).organizations
    statuses = []
    for kind in (RoundKind.MIDTERM, RoundKind.FINAL):
        round_ = rounds.get(kind)
        if round_ is not None:
            round_.project = project
        sheets = {s.organization_id: s for s in round_.sheets.all()} if round_ else {}
        status = RoundStatus(kind=kind, round=round_, window_open=round_window(project, kind)[0])
        for organization in organizations:
            sheet = sheets.get(organization.pk)
            if sheet is not None:
                sheet.round = round_
            status.sheets.append(
                SheetStatus(
                    organization=organization,
                    side=(
                        Side.GOVERNMENT if organization.pk == project.owner_office_id else Side.NPO
                    ),
                    sheet=sheet,
                    mine=organization.pk in mine,
                    viewable=sheet is not None and can_view_sheet(user, sheet, facts)[0],
                )
            )
        if round_ is not None:
            status.exchange_viewable = round_.is_unsealed
            status.can_record_exchange = can_record_exchange(user, round_)[0]
            status.can_publish = can_publish(user, round_)[0]
        statuses.append(status)
    return statuses


@dataclass
class ExchangeRow:
    item: sheet_data.Item
    government: Answer | None
    npos: list[Answer | None]
    gaps: list[int | None]

    @property
    def max_gap(self) -> int | None:
        known = [abs(g) for g in self.gaps if g is not None]
        return max(known) if known else None

    @property
    def pairs(self) -> list[tuple[Answer | None, int | None]]:
        return list(zip(self.npos, self.gaps, strict=True))

    @property
    def needs_discussion(self) -> bool:
        return self.max_gap is not None and self.max_gap >= sheet_data.GAP_FOR_DISCUSSION


def gap(government_score: int | None, npo_score: int | None) -> int | None:
    """NPO minus government: positive when the NPO rates the item higher."""
    if government_score is None or npo_score is None:
        return None
    return npo_score - government_score


def exchange_table(round_: EvaluationRound) -> dict:
    """Side-by-side answers of an unsealed round with the gap per item (callers check sealing)."""
    if not round_.is_unsealed:
        raise ValueError("the exchange of a sealed round must not be read")
    sheets = list(
        round_.sheets.filter(status=Evaluation.Status.SUBMITTED)
        .select_related("organization", "submitted_by")
        .order_by("side", "organization__name")
    )
    government = next((s for s in sheets if s.side == Side.GOVERNMENT), None)
    npos = [s for s in sheets if s.side == Side.NPO]
    answers = {
        (a.evaluation_id, a.item): a
        for a in Answer.objects.filter(evaluation__in=[s.pk for s in sheets])
    }
    groups = []
    rows_total = []
    for group, items in sheet_data.items_by_group():
        rows = []
        for item in items:
            gov_answer = answers.get((government.pk, item.key)) if government else None
            npo_answers = [answers.get((s.pk, item.key)) for s in npos]
            rows.append(
                ExchangeRow(
                    item=item,
                    government=gov_answer,
                    npos=npo_answers,
                    gaps=[
                        gap(
                            gov_answer.score if gov_answer else None,
                            a.score if a else None,
                        )
                        for a in npo_answers
                    ],
                )
            )
        groups.append((group, rows))
        rows_total.extend(rows)
    for sheet in sheets:
        sheet.round = round_
    return {
        "round": round_,
        "government": government,
        "npos": npos,
        "groups": groups,
        "discussion_count": sum(1 for r in rows_total if r.needs_discussion),
    }


def sheet_answers(sheet: Evaluation) -> list[tuple[sheet_data.Group, list[tuple]]]:
    """A sheet's answers grouped as on the form: [(group, [(item, answer|None)])]."""
    answers = {a.item: a for a in sheet.answers.all()}
    return [
        (group, [(item, answers.get(item.key)) for item in items])
        for group, items in sheet_data.items_by_group()
    ]


def sheet_for(project: Project, kind: str, organization_id: int) -> Evaluation | None:
    return (
        Evaluation.objects.filter(
            round__project=project, round__kind=kind, organization_id=organization_id
        )
        .select_related("round", "organization")
        .first()
    )


# --- published summaries -----------------------------------------------------------------------


def published_rounds() -> QuerySet[EvaluationRound]:
    return (
        EvaluationRound.objects.filter(
            published_at__isnull=False, kind=RoundKind.FINAL, project__stage=Stage.CLOSED
        )
        .select_related("project", "project__owner_office")
        .order_by("-published_at")
    )


def public_summary(round_: EvaluationRound) -> dict:
    """Both sides' submitted scores per item and the agreed conclusions; no drafts, no comments."""
    table = exchange_table(round_)
    partners = [s.organization for s in table["npos"]]
    return {"round": round_, "partners": partners, **table}


# --- the project page panel, the home page, the landing page -----------------------------------


def panel_context(user, subject: ProjectFacts | Project) -> dict:
    """Everything the evaluation panel shows (callers check that the project is visible)."""
    facts = facts_of(subject)
    project = facts.project
    panel: dict = {
        "template": "evaluation/_project_panel.html",
        "project": project,
        "overview_url": reverse("evaluation:project", args=[project.pk]),
        "planning": project.stage in PLANNING_STAGES,
        "evaluating": project.stage in EVALUATION_STAGES,
        "improvements": [],
        "rounds": [],
    }
    if panel["planning"]:
        planning = evaluation_facts(facts).planning
        panel["improvements"] = planning["rows"]
        panel["open_count"] = planning["open"]
        panel["improvement_count"] = planning["total"]
        panel["can_acknowledge"] = can_acknowledge(user, facts)[0]
    if panel["evaluating"]:
        panel["rounds"] = round_statuses(user, facts)
    panel["reflections"] = reflections_of(project)
    return panel


def project_panel(user, subject: ProjectFacts | Project) -> dict | None:
    """The evaluation panel on the project page (rendered by the projects app from the page's
    snapshot); None when there is nothing to show or the person may not see the project."""
    facts = facts_of(subject)
    if not can_view_evaluations(user, facts)[0]:
        return None
    panel = panel_context(user, facts)
    if not (panel["improvements"] or panel["rounds"] or panel["reflections"]):
        return None
    return panel


def exchange_permissions(user, round_: EvaluationRound, table: dict) -> dict:
    """What the person may do on the exchange page."""
    own = [
        s
        for s in [table["government"], *table["npos"]]
        if s is not None and can_comment_on_other(user, s)[0]
    ]
    return {
        "my_sheets": own,
        "can_record_exchange": can_record_exchange(user, round_)[0],
        "can_add_third_party": can_add_third_party_comment(user, round_)[0],
        "can_add_improvement": can_add_improvement(user, round_)[0],
        "can_publish": can_publish(user, round_)[0],
    }


def improvements_of(user, round_: EvaluationRound) -> list[dict]:
    items = (
        round_.improvements.select_related("created_by")
        .annotate(
            reflected=Exists(Acknowledgement.objects.filter(item_id=OuterRef("pk"))),
        )
        .order_by("created_at", "pk")
    )
    rows = []
    for item in items:
        item.project = round_.project
        rows.append({"item": item, "can_change": can_change_improvement(user, item)[0]})
    return rows


def home_context(user, roles: set[str]) -> dict:
    """What each side still has to do on its final evaluations: ``evaluation_awaiting`` for the
    office's staff and ``evaluation_awaiting_npo`` for NPO members ({url, text}). Additive: the
    projects app owns the other keys of the staff and NPO sections."""
    if not (Role.STAFF in roles or Role.NPO in roles):
        return {}
    office_ids = organization_ids_of(user, Role.STAFF) if Role.STAFF in roles else set()
    npo_ids = organization_ids_of(user, Role.NPO) if Role.NPO in roles else set()
    projects = list(
        Project.objects.filter(stage=Stage.EVALUATION)
        .filter(
            Q(owner_office_id__in=office_ids)
            | Q(
                pk__in=ProjectPartner.objects.filter(
                    organization_id__in=npo_ids, status=ProjectPartner.Status.PARTNER
                ).values("project_id")
            )
        )
        .only("pk", "title", "owner_office_id")
        .order_by("end_date", "pk")[:20]
    )
    staff: list[dict] = []
    npo: list[dict] = []
    if projects:
        partner_orgs: dict[int, set[int]] = {}
        for project_id, org_id in ProjectPartner.objects.filter(
            project__in=projects,
            status=ProjectPartner.Status.PARTNER,
            organization_id__in=npo_ids,
        ).values_list("project_id", "organization_id"):
            partner_orgs.setdefault(project_id, set()).add(org_id)
        sheets = {
            (s.round.project_id, s.organization_id): s
            for s in Evaluation.objects.filter(
                round__project__in=projects, round__kind=RoundKind.FINAL
            ).select_related("round")
        }
        for project in projects:
            mine = [(org, npo) for org in sorted(partner_orgs.get(project.pk, ()))]
            if project.owner_office_id in office_ids:
                mine.insert(0, (project.owner_office_id, staff))
            for org_id, bucket in mine:
                sheet = sheets.get((project.pk, org_id))
                if sheet is None or not sheet.is_submitted:
                    url = reverse("evaluation:sheet_edit", args=[project.pk, RoundKind.FINAL])
                    bucket.append(
                        {
                            "url": f"{url}?organization={org_id}",
                            "text": _awaiting_text("sheet", project.title),
                        }
                    )
                elif sheet.round.is_unsealed and not sheet.comment_on_other:
                    bucket.append(
                        {
                            "url": reverse("evaluation:exchange", args=[sheet.round_id]),
                            "text": _awaiting_text("comment", project.title),
                        }
                    )
                elif (
                    bucket is staff
                    and sheet.round.is_unsealed
                    and not sheet.round.exchange_recorded
                ):
                    bucket.append(
                        {
                            "url": reverse("evaluation:exchange", args=[sheet.round_id]),
                            "text": _awaiting_text("exchange", project.title),
                        }
                    )
    context = {}
    if Role.STAFF in roles:
        context["evaluation_awaiting"] = staff
    if Role.NPO in roles:
        context["evaluation_awaiting_npo"] = npo
    return context


def _awaiting_text(kind: str, title: str) -> str:
    if kind == "sheet":
        return gettext("「%(title)s」の最終評価を記入・提出してください") % {"title": title}
    if kind == "comment":
        return gettext("「%(title)s」で、相手の評価へのコメントを記入してください") % {
            "title": title
        }
    return gettext("「%(title)s」の評価の意見交換（振り返り会議）を記録してください") % {
        "title": title
    }


def public_home_context() -> dict:
    """``published_results`` for the landing page: the latest published evaluation summaries."""
    return {
        "published_results": [
            {
                "url": r.get_public_url(),
                "title": gettext("評価の概要：%(title)s") % {"title": r.project.title},
            }
            for r in published_rounds()[:5]
        ]
    }


# --- the manager's background exports --------------------------------------------------------

RECENT_EXPORTS = 5


def recent_results_exports(user) -> list[ResultsExport]:
    """The person's latest results workbooks (being built or ready), for the dashboard."""
    return list(ResultsExport.objects.filter(requested_by_id=user.pk)[:RECENT_EXPORTS])
