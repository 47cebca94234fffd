"""What a prefecture's manager reads of the municipalities that let it: aggregates only.

A municipality may let its own prefecture read its published results and aggregate statistics
(partners.models.BodyGrant). This module is the only reader that honours such a grant: it returns
counts and means per municipality, never a project, a sheet, a proposal or a title, so nothing
links from it into the municipality's pages (those stay 404 for the prefecture). Means come only
from final evaluations the municipality has published: a round it has not published, sealed or
not, adds nothing here.

Three aggregate queries whatever the number of municipalities and projects, cached under a key
that holds the granting municipalities (a grant given or revoked changes the key at once), the
dashboard's generation and fingerprint (any write to the figures), and the date.
"""

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from evaluation.dashboard.cached import CACHE_SECONDS, GENERATION_KEY, figures_fingerprint
from evaluation.models import Evaluation, EvaluationRound, RoundKind, Side
from kyodo_portal.core import caching
from partners.models.bodies import body_by_id
from projects.models import Project

_BODY = "owner_office__body_id"


def granted_cache_key(body_ids) -> str:
    ids = ",".join(str(pk) for pk in sorted(set(body_ids)))
    generation = caching.generation(GENERATION_KEY)
    fingerprint = figures_fingerprint()
    return f"evaluation:dashboard:granted:{generation}:{fingerprint}:{timezone.localdate()}:{ids}"


def _mean(total, count):
    return round(total / count, 2) if count else None


def granted_summary(body_ids) -> list[dict]:
    """One row per granting municipality: projects by stage, final evaluations published, and
    the mean score of the published final evaluations per side."""
    ids = sorted(set(body_ids))
    if not ids:
        return []
    rows = {pk: {"body_id": pk, "total": 0, "by_stage": {}, "published": 0} for pk in ids}
    for body_id, stage, n in (
        Project.objects.filter(**{f"{_BODY}__in": ids})
        .order_by()
        .values_list(_BODY, "stage")
        .annotate(Count("pk"))
    ):
        rows[body_id]["by_stage"][stage] = n
        rows[body_id]["total"] += n
    for body_id, n in (
        EvaluationRound.objects.filter(
            **{f"project__{_BODY}__in": ids},
            kind=RoundKind.FINAL,
            published_at__isnull=False,
        )
        .order_by()
        .values_list(f"project__{_BODY}")
        .annotate(Count("pk"))
    ):
        rows[body_id]["published"] = n
    for row in (
        Evaluation.objects.filter(
            **{f"round__project__{_BODY}__in": ids},
            round__kind=RoundKind.FINAL,
            round__published_at__isnull=False,
            status=Evaluation.Status.SUBMITTED,
        )
        .order_by()
        .values(f"round__project__{_BODY}")
        .annotate(
            government_total=Sum("score_total", filter=Q(side=Side.GOVERNMENT)),
            government_items=Sum("scored_items", filter=Q(side=Side.GOVERNMENT)),
            npo_total=Sum("score_total", filter=Q(side=Side.NPO)),
            npo_items=Sum("scored_items", filter=Q(side=Side.NPO)),
        )
    ):
        entry = rows[row[f"round__project__{_BODY}"]]
        entry["government_mean"] = _mean(row["government_total"], row["government_items"])
        entry["npo_mean"] = _mean(row["npo_total"], row["npo_items"])
    return [rows[pk] for pk in ids]


def cached_granted_summary(body_ids) -> list[dict]:
    """``granted_summary`` through the cache, each row with its body (from the process's table,
    no query)."""
    if not body_ids:
        return []
    rows = cache.get_or_set(
        granted_cache_key(body_ids), lambda: granted_summary(body_ids), CACHE_SECONDS
    )
    return [{**row, "body": body_by_id(row["body_id"])} for row in rows]
