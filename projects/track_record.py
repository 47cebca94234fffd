"""An NPO's collaborations recorded in the portal, for the organisation's page and the NPO
directory (registered with partners.registry from ProjectsConfig.ready)."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from partners.registry import project_summaries
from projects.models import ProjectPartner


def portal_track_record(organization) -> list[dict]:
    """Past and current collaborations where the NPO was the partner."""
    partnerships = list(
        ProjectPartner.objects.filter(
            organization=organization, status=ProjectPartner.Status.PARTNER
        )
        .select_related("project", "project__owner_office")
        .order_by("-project__fiscal_year_start", "project__title")
    )
    summaries = project_summaries([p.project_id for p in partnerships])
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


def collaboration_count():
    """Counted per organisation shown (a subquery on the page's rows), not by joining every
    partnership of every matching NPO: that join grew with the number of projects."""
    partnerships = (
        ProjectPartner.objects.filter(
            organization_id=OuterRef("pk"), status=ProjectPartner.Status.PARTNER
        )
        .order_by()
        .values("organization_id")
        .annotate(n=Count("project_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(partnerships), 0)
