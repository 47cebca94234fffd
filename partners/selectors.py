"""Read queries about people and organisations."""

from django.db.models import QuerySet

from kyodo_portal.roles import Role
from partners.models import Membership, Organization

_CACHE_ATTR = "_portal_memberships"


def memberships_of(user) -> list[Membership]:
    """A person's memberships with their organisations, fetched once per request object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("organization")
            .order_by("organization__kind", "organization__name")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the per-request cache after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def organizations_of(user, role: str | None = None) -> list[Organization]:
    """The organisations a person acts for, optionally only in one role."""
    seen: dict[int, Organization] = {}
    for membership in memberships_of(user):
        if role is None or membership.role == role:
            seen.setdefault(membership.organization_id, membership.organization)
    return list(seen.values())


def organization_ids_of(user, role: str | None = None) -> set[int]:
    return {organization.pk for organization in organizations_of(user, role)}


def offices_of(user) -> list[Organization]:
    """Government offices the person works in as staff."""
    return organizations_of(user, Role.STAFF)


def npos_of(user) -> list[Organization]:
    """NPOs the person is a member of."""
    return organizations_of(user, Role.NPO)


def npos() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.NPO)


def government_offices() -> QuerySet[Organization]:
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT)


def organization_with_fields(pk: int) -> Organization:
    return Organization.objects.prefetch_related("fields").get(pk=pk)


# ---------------------------------------------------------------------------------------------
# Partner selection: the NPO directory, calls, applications, the committee's queue, public pages.
# ---------------------------------------------------------------------------------------------


def directory_search(
    *,
    keywords: str = "",
    field_ids: list[int] | None = None,
    area: str = "",
    legal_forms: list[str] | None = None,
) -> QuerySet[Organization]:
    """NPOs matching every given filter. Each keyword (split on spaces, full-width too) must
    appear in the name, kana, description or track record."""
    from django.db.models import Q

    queryset = npos()
    for word in keywords.replace("\u3000", " ").split():
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(name_kana__icontains=word)
            | Q(description__icontains=word)
            | Q(track_record__icontains=word)
        )
    if field_ids:
        queryset = queryset.filter(fields__in=field_ids).distinct()
    if area.strip():
        queryset = queryset.filter(area__icontains=area.strip())
    if legal_forms:
        queryset = queryset.filter(legal_form__in=legal_forms)
    return queryset.prefetch_related("fields").order_by("name_kana", "name")


def _evaluation_summaries(project_ids: list[int]) -> dict:
    """Published evaluation summaries, when the evaluation app offers them:
    ``evaluation.selectors.published_summaries(project_ids) -> {project_id: {"url", "text"}}``."""
    from importlib import import_module

    try:
        provider = import_module("evaluation.selectors").published_summaries
    except (ModuleNotFoundError, AttributeError):
        return {}
    return provider(project_ids) or {}


def portal_track_record(organization: Organization) -> list[dict]:
    """Past and current collaborations recorded in the portal where the NPO was the partner."""
    from projects.models import ProjectPartner

    partnerships = list(
        ProjectPartner.objects.filter(
            organization=organization, status=ProjectPartner.Status.PARTNER
        )
        .select_related("project", "project__owner_office")
        .order_by("-project__fiscal_year_start", "project__title")
    )
    summaries = _evaluation_summaries([p.project_id for p in partnerships])
    return [
        {
            "project": partnership.project,
            "office": partnership.project.owner_office,
            "method": partnership.project.get_method_display(),
            "fiscal_year_start": partnership.project.fiscal_year_start,
            "fiscal_year_end": partnership.project.fiscal_year_end,
            "stage": partnership.project.get_stage_display(),
            "via": partnership.get_via_display(),
            "evaluation": summaries.get(partnership.project_id),
        }
        for partnership in partnerships
    ]


def calls_for_staff(user) -> QuerySet:
    """Calls of the person's offices (all calls for managers)."""
    from partners.models import Call

    queryset = Call.objects.select_related("project", "project__owner_office").order_by(
        "-created_at"
    )
    if has_role(user, Role.MANAGER):
        return queryset
    return queryset.filter(project__owner_office_id__in=organization_ids_of(user, Role.STAFF))


def applications_of(user) -> QuerySet:
    """Applications of every NPO the person is a member of."""
    from partners.models import Application

    return (
        Application.objects.filter(organization_id__in=organization_ids_of(user, Role.NPO))
        .select_related("call", "organization")
        .order_by("-created_at")
    )


def open_calls(now=None) -> QuerySet:
    """Calls accepting applications right now."""
    from django.utils import timezone

    from partners.models import Call

    return (
        Call.objects.filter(
            status=Call.Status.OPEN, application_deadline__gte=now or timezone.now()
        )
        .select_related("project__owner_office")
        .order_by("application_deadline")
    )


def public_calls() -> QuerySet:
    from partners.models import Call

    return (
        Call.objects.exclude(status=Call.Status.DRAFT)
        .select_related("project__owner_office", "chosen_application__organization")
        .order_by("-published_at")
    )


def public_designations() -> QuerySet:
    from partners.models import Designation

    return Designation.objects.select_related("project__owner_office", "organization").order_by(
        "-decided_at"
    )


def committee_seats_of(user) -> QuerySet:
    from partners.models import CommitteeMember

    return (
        CommitteeMember.objects.filter(user=user)
        .select_related("call", "call__project__owner_office")
        .order_by("-call__application_deadline")
    )


def review_sheet(user, call) -> list[dict]:
    """The reviewer's view of a call: each submitted application with their declaration and
    whether their sheet is done (one query for each kind of fact, whatever the size)."""
    from django.db.models import Count

    from partners.models import Application, ConflictDeclaration, Score

    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    declarations = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(application__call=call, reviewer=user)
    }
    scored = dict(
        Score.objects.filter(application__call=call, reviewer=user)
        .values("application_id")
        .annotate(n=Count("id"))
        .values_list("application_id", "n")
    )
    criteria_count = call.criteria.count()
    return [
        {
            "application": application,
            "declaration": declarations.get(application.pk),
            "scored": bool(criteria_count) and scored.get(application.pk, 0) >= criteria_count,
        }
        for application in applications
    ]


def review_queue_items(user) -> list[dict]:
    """[{url, text}] for each call under review where the reviewer still has work to do
    (two queries, whatever the number of calls and applications)."""
    from django.db.models import Count, Exists, OuterRef, Q
    from django.urls import reverse
    from django.utils.translation import gettext

    from partners.models import Application, Call, ConflictDeclaration

    if not user.is_authenticated:
        return []
    calls = list(
        Call.objects.filter(committee__user=user, status=Call.Status.SCORING)
        .annotate(n_criteria=Count("criteria", distinct=True))
        .order_by("scoring_deadline")
    )
    declarations = ConflictDeclaration.objects.filter(application=OuterRef("pk"), reviewer=user)
    rows = (
        Application.objects.filter(call__in=calls, status=Application.Status.SUBMITTED)
        .annotate(
            declared=Exists(declarations),
            conflicted=Exists(declarations.filter(has_conflict=True)),
            n_scores=Count("scores", filter=Q(scores__reviewer=user)),
        )
        .values_list("call_id", "declared", "conflicted", "n_scores")
    )
    undeclared: dict[int, int] = {}
    unscored: dict[int, int] = {}
    criteria_counts = {call.pk: call.n_criteria for call in calls}
    for call_id, declared, conflicted, n_scores in rows:
        if not declared:
            undeclared[call_id] = undeclared.get(call_id, 0) + 1
        elif not conflicted and n_scores < criteria_counts[call_id]:
            unscored[call_id] = unscored.get(call_id, 0) + 1
    items = []
    for call in calls:
        d, s = undeclared.get(call.pk, 0), unscored.get(call.pk, 0)
        if d or s:
            items.append(
                {
                    "url": reverse("partners:review_call", args=[call.pk]),
                    "text": gettext("%(call)s：利害関係の申告待ち %(d)s件、採点待ち %(s)s件")
                    % {"call": call.title, "d": d, "s": s},
                }
            )
    return items


def home_context(user, roles: set[str]) -> dict:
    """What the home page shows from partner selection (see kyodo_portal/home.py)."""
    context: dict = {}
    if Role.NPO in roles:
        context["npo_applications"] = list(applications_of(user)[:10])
    if Role.REVIEWER in roles:
        context["review_queue"] = review_queue_items(user)
    return context


def public_home_context() -> dict:
    return {"open_calls": list(open_calls()[:10])}


def project_panel(user, project) -> dict | None:
    """The selection panel on the project page: calls and their state, designations, links."""
    project = getattr(project, "project", project)  # the project page passes its snapshot
    from partners.models import Call, Designation
    from partners.permissions import can_select_partner, can_view_selection
    from projects.choices import Stage

    if not can_view_selection(user, project)[0]:
        return None
    calls = list(
        Call.objects.filter(project=project)
        .select_related("chosen_application__organization")
        .order_by("-created_at")
    )
    designations = list(Designation.objects.filter(project=project).select_related("organization"))
    if not calls and not designations and project.stage != Stage.PARTNER_SELECTION:
        return None
    return {
        "template": "partners/_project_panel.html",
        "project": project,
        "calls": calls,
        "designations": designations,
        "can_select": can_select_partner(user, project)[0],
    }
