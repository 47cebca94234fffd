"""Read queries about collaboration projects, shared by views, dashboards and tasks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kyodo_portal.core.roles import Role
from partners.selectors import organization_ids_of, people_of
from projects import advice, guides
from projects import suitability as questionnaire
from projects.choices import ConfirmingSide, ProposalStatus, Side, Stage
from projects.facts import ProjectFacts
from projects.models import (
    AgreementConfirmation,
    AgreementVersion,
    Project,
    ProjectEvent,
    ProjectPartner,
    Proposal,
    ProposalComment,
    Suitability,
    SuitabilityAnswer,
)
from projects.panels import providers as panel_providers
from projects.permissions import (
    get_facts_for_view_or_404,
    projects_visible_to,
    proposals_visible_to,
)

__all__ = [
    "agreement_diff",
    "agreement_version",
    "cost_totals",
    "home_context",
    "project_list",
    "project_page",
    "projects_visible_to",
    "proposals_visible_to",
]

# How many of the latest notes the project page shows (the rest are on the record's own page).
DETAIL_NOTES = 5
ACTIVE_STAGES = [s for s in Stage if s not in (Stage.CLOSED, Stage.ENDED)]
# The project's own page reads, with the row, the summaries of the suitability check and the
# method plan (which their gates share), and of the predecessor and the original proposal only a
# title and a link (joining their whole rows took a millisecond a page).
PROJECT_PAGE_ROW = Project.objects.select_related(
    "owner_office", "responsible_staff", "suitability", "method_plan"
).annotate(predecessor_title=F("predecessor__title"), proposal_pk=F("proposal__pk"))


# --- Lists -------------------------------------------------------------------------------


def project_list(user, filters: dict | None = None) -> QuerySet[Project]:
    """The projects a person may read, filtered, with what the list shows fetched up front."""
    filters = filters or {}
    projects = projects_visible_to(user).select_related("owner_office")
    if filters.get("stage"):
        projects = projects.filter(stage=filters["stage"])
    if filters.get("method"):
        projects = projects.filter(method=filters["method"])
    if filters.get("field"):
        projects = projects.filter(fields=filters["field"])
    if filters.get("fiscal_year"):
        year = int(filters["fiscal_year"])
        projects = projects.filter(fiscal_year_start__lte=year, fiscal_year_end__gte=year)
    if filters.get("office"):
        projects = projects.filter(owner_office=filters["office"])
    if filters.get("q"):
        projects = projects.filter(Q(title__icontains=filters["q"]))
    return projects.prefetch_related(
        Prefetch(
            "project_partners",
            queryset=ProjectPartner.objects.exclude(status=ProjectPartner.Status.WITHDRAWN)
            .select_related("organization")
            .order_by("pk"),
            to_attr="active_partners",
        )
    )
    # No distinct(): every condition above matches a project at most once (visibility is a
    # subquery, and a project has each activity field once), and DISTINCT over the whole row
    # made PostgreSQL sort every visible project for each page and for the count.


def projects_of_npo(user) -> QuerySet[Project]:
    npo_ids = organization_ids_of(user, Role.NPO)
    return (
        Project.objects.filter(
            pk__in=ProjectPartner.objects.filter(organization_id__in=npo_ids)
            .exclude(status=ProjectPartner.Status.WITHDRAWN)
            .values("project_id")
        )
        .select_related("owner_office")
        .order_by("-updated_at")
    )


def proposals_of(user) -> QuerySet[Proposal]:
    return proposals_visible_to(user).select_related("organization", "addressed_office", "project")


# --- One project -------------------------------------------------------------------------


def timeline(project: Project) -> list[ProjectEvent]:
    return list(project.events.select_related("actor").order_by("created_at", "pk"))


def project_page(user, pk: int) -> ProjectFacts:
    """The project's own page: the row with what the page shows of it, as a snapshot its
    permission checks, gates and panels share; 404 alike for missing and forbidden."""
    return get_facts_for_view_or_404(user, pk, PROJECT_PAGE_ROW, joined=True)


def project_panels(user, facts: ProjectFacts) -> list[dict]:
    """Panels other apps add to the project page (see projects/panels.py), given the page's
    snapshot (projects.facts)."""
    panels = []
    for provider in panel_providers():
        panel = provider(user, facts)
        if panel:
            panels.append(panel)
    return panels


def stage_cases(stage: str, method: str = "") -> list:
    """The casebook's cases for a stage, the project's method first (projects/guides.py)."""
    return guides.stage_cases(stage, method)


def project_overview(facts: ProjectFacts) -> dict:
    """What the project's own page shows of the work of each stage, read from its snapshot."""
    project, plan, version = facts.project, facts.method_plan, facts.agreement
    answers = facts.answers
    cost_lines = list(version.costs.all()) if version else []
    warnings = (
        advice.plan_warnings(
            method=project.method,
            rationale=plan.rationale if plan else "",
            cost_lines=cost_lines,
        )
        if project.method
        else []
    )
    return {
        "project": project,
        "timeline": timeline(project),
        "partners": facts.partners,
        "fields": list(project.fields.all()),
        "suitability": facts.suitability,
        "recommendation": questionnaire.recommend(answers),
        "answered": len([a for a in answers.values() if a]),
        "question_count": len(questionnaire.QUESTION_KEYS),
        "plan": plan,
        "agreement_version": version,
        "cost_totals": cost_totals(cost_lines, project.budget) if version else None,
        "warnings": warnings,
        "notes": list(project.notes.select_related("author", "author_organization")[:DETAIL_NOTES]),
        "stage_cases": stage_cases(project.stage, project.method),
    }


def suitability_record(project: Project) -> tuple[Suitability | None, dict[str, SuitabilityAnswer]]:
    """The saved conclusion of the suitability check and its answers, by question."""
    decision = Suitability.objects.filter(project=project).first()
    stored = {a.question: a for a in SuitabilityAnswer.objects.filter(project=project)}
    return decision, stored


# --- Agreement ---------------------------------------------------------------------------


def agreement_version(project: Project, number: int | None = None) -> AgreementVersion | None:
    """One version (the current one by default) with its lines and confirmations."""
    versions = AgreementVersion.objects.filter(agreement__project=project)
    if number is None:
        versions = versions.filter(number=F("agreement__current_number"))
    else:
        versions = versions.filter(number=number)
    return (
        versions.select_related("agreement", "created_by")
        .prefetch_related(
            "roles",
            "costs",
            "responsibilities",
            Prefetch(
                "confirmations",
                queryset=AgreementConfirmation.objects.select_related(
                    "confirmed_by", "organization"
                ),
            ),
        )
        .first()
    )


def agreement_versions(project: Project) -> list[AgreementVersion]:
    return list(
        AgreementVersion.objects.filter(agreement__project=project)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "confirmations",
                queryset=AgreementConfirmation.objects.select_related("confirmed_by"),
            )
        )
        .annotate(
            role_count=Count("roles", distinct=True),
            cost_count=Count("costs", distinct=True),
            responsibility_count=Count("responsibilities", distinct=True),
        )
        .order_by("-number")
    )


@dataclass
class CostTotals:
    government: int
    npo: int
    joint: int
    total: int
    budget: int | None

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.total > self.budget

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.total


def cost_totals(lines, budget: int | None) -> CostTotals:
    sums = {side.value: 0 for side in Side}
    for line in lines:
        sums[line.borne_by] += line.amount
    return CostTotals(
        government=sums[Side.GOVERNMENT],
        npo=sums[Side.NPO],
        joint=sums[Side.JOINT],
        total=sum(sums.values()),
        budget=budget,
    )


def _role_text(line) -> str:
    due = date_format(line.due_date, "Y年n月j日") if line.due_date else "—"
    return f"{line.task}｜{line.get_side_display()}｜{line.deliverable or '—'}｜{due}"


def _cost_text(line) -> str:
    return (
        f"{line.item}｜{line.get_category_display()}｜¥{line.amount:,}｜"
        f"{line.get_borne_by_display()}｜{line.note or '—'}"
    )


def _responsibility_text(line) -> str:
    return f"{line.get_topic_display()}｜{line.get_side_display()}｜{line.text}"


def agreement_diff(old: AgreementVersion, new: AgreementVersion) -> list[dict]:
    """What changed between two versions, section by section, line by line."""
    sections = [
        (_("役割分担"), "roles", _role_text),
        (_("費用分担"), "costs", _cost_text),
        (_("責任分担"), "responsibilities", _responsibility_text),
    ]
    result = []
    for title, attr, render in sections:
        before = [render(line) for line in getattr(old, attr).all()]
        after = [render(line) for line in getattr(new, attr).all()]
        rows = []
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                rows.extend({"op": "same", "text": text} for text in before[a1:a2])
                continue
            rows.extend({"op": "removed", "text": text} for text in before[a1:a2])
            rows.extend({"op": "added", "text": text} for text in after[b1:b2])
        result.append(
            {
                "title": title,
                "rows": rows,
                "changed": any(row["op"] != "same" for row in rows),
            }
        )
    return result


# --- Proposals ---------------------------------------------------------------------------


def proposal_detail(proposal_pk: int):
    return (
        Proposal.objects.filter(pk=proposal_pk)
        .select_related("organization", "addressed_office", "project", "decided_by")
        .prefetch_related(
            "fields",
            "attachments",
            Prefetch("comments", queryset=ProposalComment.objects.select_related("author")),
        )
    )


# --- Home page ---------------------------------------------------------------------------


def _awaiting_confirmation(side: str):
    """Current agreement versions of projects at the agreement stage not yet confirmed by
    ``side`` (the other side may or may not have confirmed)."""
    return (
        AgreementVersion.objects.filter(
            number=F("agreement__current_number"),
            agreement__project__stage=Stage.AGREEMENT,
        )
        .exclude(Exists(AgreementConfirmation.objects.filter(version=OuterRef("pk"), side=side)))
        .select_related("agreement__project")
    )


def home_context(user, roles: set[str]) -> dict:
    context: dict = {}
    if Role.STAFF in roles:
        office_ids = organization_ids_of(user, Role.STAFF)
        context["office_projects"] = list(
            Project.objects.filter(owner_office_id__in=office_ids, stage__in=ACTIVE_STAGES)
            .only("pk", "title", "stage")
            .order_by("-updated_at")[:20]
        )
        awaiting = []
        for proposal in (
            Proposal.objects.filter(
                addressed_office_id__in=office_ids, status=ProposalStatus.SUBMITTED
            )
            .select_related("organization")
            .order_by("submitted_at")[:10]
        ):
            awaiting.append(
                {
                    "url": proposal.get_absolute_url(),
                    "text": _("協働提案「%(title)s」（%(org)s）への対応")
                    % {"title": proposal.title, "org": proposal.organization.display_name},
                }
            )
        # Agreements the NPO has confirmed and the office has not: the office's turn.
        for version in (
            _awaiting_confirmation(ConfirmingSide.GOVERNMENT)
            .filter(agreement__project__owner_office_id__in=office_ids)
            .filter(
                Exists(
                    AgreementConfirmation.objects.filter(
                        version=OuterRef("pk"), side=ConfirmingSide.NPO
                    )
                )
            )[:10]
        ):
            project = version.agreement.project
            awaiting.append(
                {
                    "url": reverse("projects:agreement", args=[project.pk]),
                    "text": _("「%(title)s」の協定案（第%(number)s版）の確認")
                    % {"title": project.title, "number": version.number},
                }
            )
        context["staff_awaiting"] = awaiting
    if Role.NPO in roles:
        npo_ids = organization_ids_of(user, Role.NPO)
        context["npo_proposals"] = list(
            Proposal.objects.filter(organization_id__in=npo_ids).order_by("-updated_at")[:10]
        )
        partnered = ProjectPartner.objects.filter(
            organization_id__in=npo_ids, status=ProjectPartner.Status.PARTNER
        ).values("project_id")
        context["npo_agreements"] = [
            {
                "url": reverse("projects:agreement", args=[version.agreement.project_id]),
                "text": _("「%(title)s」の協定案（第%(number)s版）の確認")
                % {"title": version.agreement.project.title, "number": version.number},
            }
            for version in _awaiting_confirmation(ConfirmingSide.NPO).filter(
                agreement__project_id__in=partnered
            )[:10]
        ]
    return context


# --- The two sides, for event notices -----------------------------------------------------


def _partner_organization_ids(project: Project) -> list[int]:
    """The project's partner NPOs that have not withdrawn (prospective ones included)."""
    return list(
        ProjectPartner.objects.filter(project_id=project.pk)
        .exclude(status=ProjectPartner.Status.WITHDRAWN)
        .values_list("organization_id", flat=True)
    )


def project_sides(project: Project) -> dict[str, list]:
    """The people on each side of a project: the owner office's staff (government) and the
    members of its partner NPOs that have not withdrawn (npo)."""
    return {
        ConfirmingSide.GOVERNMENT: people_of([project.owner_office_id], Role.STAFF),
        ConfirmingSide.NPO: people_of(_partner_organization_ids(project), Role.NPO),
    }


def side_of(project: Project, user) -> str:
    """The side a person acts for on a project: the NPO side if they are a member of one of its
    partner NPOs and not staff of the owner office; otherwise the government side (managers
    included)."""
    if project.owner_office_id in organization_ids_of(user, Role.STAFF):
        return ConfirmingSide.GOVERNMENT
    if organization_ids_of(user, Role.NPO) & set(_partner_organization_ids(project)):
        return ConfirmingSide.NPO
    return ConfirmingSide.GOVERNMENT


def other_side(project: Project, user) -> list:
    """Who must hear of what a person did on a project: the people of the other side."""
    if side_of(project, user) == ConfirmingSide.GOVERNMENT:
        return people_of(_partner_organization_ids(project), Role.NPO)
    return people_of([project.owner_office_id], Role.STAFF)
