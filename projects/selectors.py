"""Read queries about collaboration projects, shared by views, dashboards and tasks."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kyodo_portal.core.dates import display_date, display_yen
from kyodo_portal.core.punctuation import punctuate
from kyodo_portal.core.roles import Role
from partners.models import Organization
from partners.selectors import body_ids_of, organization_ids_of, people_of
from projects import advice, guides, page_copies
from projects import suitability as questionnaire
from projects.choices import AgreementArticle, ConfirmingSide, ProposalStatus, Side, Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import (
    AgreementChangeRequest,
    AgreementComment,
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
    active_partner_ids,
    get_facts_for_view_or_404,
    is_owner_staff,
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


def offices_listed_for(user) -> QuerySet[Organization]:
    """The offices a person's list of projects may be filtered by: those of their bodies, and
    those running a project their NPO takes part in."""
    condition = Q(body_id__in=body_ids_of(user))
    npo_ids = organization_ids_of(user, Role.NPO)
    if npo_ids:
        condition |= Q(
            pk__in=ProjectPartner.objects.filter(organization_id__in=npo_ids)
            .exclude(status=ProjectPartner.Status.WITHDRAWN)
            .values("project__owner_office_id")
        )
    return Organization.objects.filter(condition, kind=Organization.Kind.GOVERNMENT)


def project_list_generations(user) -> tuple[str, ...]:
    """What a person's list of projects changes with: a write to a project of their bodies, or
    to any project when they also act for an NPO (its projects may be anybody's)."""
    if organization_ids_of(user, Role.NPO):
        return (page_copies.ANY_PROJECT_GENERATION_KEY,)
    return tuple(page_copies.body_generation_key(body) for body in sorted(body_ids_of(user)))


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
    """The casebook's cases for a stage, narrowed to the project's method (projects/guides.py)."""
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


def agreement_threads(version: AgreementVersion) -> dict[str, list[AgreementComment]]:
    """The comments on a version, by article (every article present, in the order of the
    agreement), read in one query."""
    threads: dict[str, list[AgreementComment]] = {article.value: [] for article in AgreementArticle}
    for comment in AgreementComment.objects.filter(version=version).select_related(
        "author", "organization"
    ):
        threads[comment.article].append(comment)
    return threads


def agreement_change_requests(project: Project) -> list[AgreementChangeRequest]:
    """Every change request on the agreement, newest first, with the version that settled it."""
    return list(
        AgreementChangeRequest.objects.filter(version__agreement__project=project)
        .select_related("version", "settled_by_version", "requested_by", "organization")
        .order_by("-created_at", "-pk")
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


def _date_text(value) -> str:
    return display_date(value) if value else "—"


# Each section of the diff: its title, the lines' attribute, what identifies a line from one
# version to the next (its key), and the fields compared under that key (label, value).
DIFF_SECTIONS = [
    (
        _lazy("役割分担"),
        "roles",
        lambda line: line.task,
        lambda line: [
            (_lazy("担当"), line.get_side_display()),
            (_lazy("成果物"), line.deliverable or "—"),
            (_lazy("期限"), _date_text(line.due_date)),
        ],
    ),
    (
        _lazy("費用分担"),
        "costs",
        lambda line: line.item,
        lambda line: [
            (_lazy("区分"), line.get_category_display()),
            (_lazy("金額"), display_yen(line.amount)),
            (_lazy("負担"), line.get_borne_by_display()),
            (_lazy("備考"), line.note or "—"),
        ],
    ),
    (
        _lazy("責任分担"),
        "responsibilities",
        lambda line: line.get_topic_display(),
        lambda line: [(_lazy("責任を負う側"), line.get_side_display()), (_lazy("内容"), line.text)],
    ),
]


def _line_text(key: str, fields) -> str:
    return punctuate("｜").join([key, *(str(value) for _label, value in fields)])


def _pair_row(key: str, old_fields, new_fields) -> dict:
    """A line found in both versions under the same key: the same, or changed old → new."""
    changes = [
        {"label": str(label), "old": str(old), "new": str(new)}
        for (label, old), (_label, new) in zip(old_fields, new_fields, strict=True)
        if old != new
    ]
    if not changes:
        return {"op": "same", "text": _line_text(key, new_fields)}
    return {
        "op": "changed",
        "key": key,
        "text": _line_text(key, new_fields),
        "old": _line_text(key, old_fields),
        "new": _line_text(key, new_fields),
        "changes": changes,
    }


def _section_rows(before: list, after: list, key, fields) -> list[dict]:
    """Lines matched by key: a line whose key stays is shown once, as old → new where it
    changed; only lines whose key is new or gone are additions or removals."""
    old_keys = [key(line) for line in before]
    new_keys = [key(line) for line in after]
    opcodes = difflib.SequenceMatcher(a=old_keys, b=new_keys, autojunk=False).get_opcodes()
    # A key that moved (or was replaced in the same place) is still the same line.
    unmatched: dict[str, list] = {}
    for op, a1, a2, _b1, _b2 in opcodes:
        if op != "equal":
            for line in before[a1:a2]:
                unmatched.setdefault(key(line), []).append(line)
    partner: dict[int, object] = {}
    paired_old: set[int] = set()
    for op, _a1, _a2, b1, b2 in opcodes:
        if op != "equal":
            for line in after[b1:b2]:
                if unmatched.get(key(line)):
                    old = unmatched[key(line)].pop(0)
                    partner[id(line)] = old
                    paired_old.add(id(old))
    rows: list[dict] = []
    for op, a1, a2, b1, b2 in opcodes:
        if op == "equal":
            rows.extend(
                _pair_row(key(new), fields(old), fields(new))
                for old, new in zip(before[a1:a2], after[b1:b2], strict=True)
            )
            continue
        rows.extend(
            {"op": "removed", "text": _line_text(key(line), fields(line))}
            for line in before[a1:a2]
            if id(line) not in paired_old
        )
        for line in after[b1:b2]:
            if id(line) in partner:
                rows.append(_pair_row(key(line), fields(partner[id(line)]), fields(line)))
            else:
                rows.append({"op": "added", "text": _line_text(key(line), fields(line))})
    return rows


def _payment_rows(old: AgreementVersion, new: AgreementVersion) -> list[dict]:
    rows = []
    terms = [
        (_("支払方法"), [v.get_payment_method_display() for v in (old, new)]),
        (_("支払の時期と方法"), [v.payment_schedule for v in (old, new)]),
    ]
    for label, (before, after) in terms:
        if before or after:
            rows.append(_pair_row(label, [(label, before or "—")], [(label, after or "—")]))
    return rows


def agreement_diff(old: AgreementVersion, new: AgreementVersion) -> list[dict]:
    """What changed between two versions, section by section, line by line (by key)."""
    result = []
    for title, attr, key, fields in DIFF_SECTIONS:
        before, after = list(getattr(old, attr).all()), list(getattr(new, attr).all())
        result.append({"title": title, "rows": _section_rows(before, after, key, fields)})
    result.append({"title": _("支払条件"), "rows": _payment_rows(old, new)})
    for section in result:
        section["changed"] = any(row["op"] != "same" for row in section["rows"])
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


def project_sides(project: Project) -> dict[str, list]:
    """The people on each side of a project: the owner office's staff (government) and the
    members of its partner NPOs that have not withdrawn (npo)."""
    return {
        ConfirmingSide.GOVERNMENT: people_of([project.owner_office_id], Role.STAFF),
        ConfirmingSide.NPO: people_of(active_partner_ids(project), Role.NPO),
    }


def other_side(project: Project, user) -> list:
    """Who must hear of what a person did on a project: the people of the other side. A member
    of one of its partner NPOs who is not staff of the owner office acts for the NPO side;
    anyone else for the government side (managers included)."""
    facts = facts_of(project)
    partners = active_partner_ids(facts)
    if not is_owner_staff(user, facts) and organization_ids_of(user, Role.NPO) & partners:
        return people_of([project.owner_office_id], Role.STAFF)
    return people_of(partners, Role.NPO)
