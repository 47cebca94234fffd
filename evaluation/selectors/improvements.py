"""Carried-forward improvement items: which apply to a project, which are open, how each was
reflected."""

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Window,
)

from evaluation.models import Acknowledgement, ImprovementItem
from partners.models import User
from projects.models import Project, ProjectPartner


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


def projects_to_acknowledge(item) -> list:
    """Projects still being planned to which a carried-forward item applies (the reverse of
    ``applicable_improvements``)."""
    from evaluation.permissions import PLANNING_STAGES

    source = item.project
    active = ProjectPartner.objects.exclude(status=ProjectPartner.Status.WITHDRAWN)
    npos = active.filter(project_id=source.pk).values("organization_id")
    sharing = active.filter(organization_id__in=npos).values("project_id")
    applies = Q(predecessor_id=source.pk) | Q(
        owner_office_id=source.owner_office_id, pk__in=sharing
    )
    if source.method:
        applies |= Q(owner_office_id=source.owner_office_id, method=source.method)
    return list(
        Project.objects.filter(applies, stage__in=PLANNING_STAGES)
        .exclude(pk=source.pk)
        .exclude(pk=source.predecessor_id or 0)
        .order_by("pk")
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
        .select_related("item", "project__owner_office__body")
        # Only what the panel shows: every column of four joined tables took twice as long to
        # compile as this whole query takes to run.
        .only(
            "note",
            "item__text",
            "project__title",
            "project__owner_office__kind",
            "project__owner_office__body__name",
            "project__owner_office__name",
        )
        .order_by("item_id", "acknowledged_at")
    )
