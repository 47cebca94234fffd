"""What the pages read: published summaries, the project page panel, the home and landing pages,
the manager's recent exports."""

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from evaluation.facts import evaluation_facts
from evaluation.models import Evaluation, EvaluationRound, ResultsExport, RoundKind
from evaluation.permissions import (
    PLANNING_STAGES,
    can_acknowledge,
    can_view_evaluations,
)
from evaluation.selectors.improvements import reflections_of
from evaluation.selectors.rounds import EVALUATION_STAGES, exchange_table, round_statuses
from kyodo_portal.core.roles import Role
from partners.selectors import grants_in_force, organization_ids_of
from projects.choices import Stage
from projects.facts import ProjectFacts, facts_of
from projects.models import Project, ProjectPartner


def published_rounds(body=None) -> QuerySet[EvaluationRound]:
    """Published final evaluations of closed projects (of one government body when given)."""
    rounds = (
        EvaluationRound.objects.filter(
            published_at__isnull=False, kind=RoundKind.FINAL, project__stage=Stage.CLOSED
        )
        .select_related("project", "project__owner_office")
        .order_by("-published_at")
    )
    return rounds if body is None else rounds.filter(project__owner_office__body=body)


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


def public_home_context(body=None) -> dict:
    """``published_results`` for the landing page: the latest published evaluation summaries
    (of one body when the page is filtered)."""
    return {
        "published_results": [
            {
                "url": r.get_public_url(),
                "title": gettext("評価の概要：%(title)s") % {"title": r.project.title},
            }
            for r in published_rounds(body)[:5]
        ]
    }


# --- the manager's background exports --------------------------------------------------------

RECENT_EXPORTS = 5


def dashboard_page_stamp() -> tuple:
    """What the dashboard page shows and no generation follows, read afresh for every answer
    (its stored copy is compared with it): the fingerprint of the tables behind the figures
    (writes made without signals) and the grants between bodies in force (kept in the cache).
    The bodies it covers follow the person's memberships, which every stored copy is compared
    with; their results workbooks move the person's generation on (evaluation.signals). One
    light query."""
    from evaluation.dashboard import figures_fingerprint

    return figures_fingerprint(), sorted(grants_in_force().items())


def recent_results_exports(user) -> list[ResultsExport]:
    """The person's latest results workbooks (being built or ready), for the dashboard."""
    return list(ResultsExport.objects.filter(requested_by_id=user.pk)[:RECENT_EXPORTS])
