"""The dashboard's cache: a generation bumped by signals plus a fingerprint read in one query."""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from evaluation.dashboard.compute import Filters, compute
from evaluation.dashboard.tables import SUMMARY_ROWS, present
from evaluation.models import Evaluation, EvaluationRound
from kyodo_portal.core import caching
from projects.models import Project

CACHE_SECONDS = 600
GENERATION_KEY = "evaluation:dashboard:generation"
# Raised whenever ``compute`` returns figures of another shape, so a release never reads the
# previous release's cached figures (2: the gap and the trend by office; 3: the tables by office
# summarised on the page).
SHAPE = 3


def bump_generation() -> None:
    """Called on every write that changes a figure (see evaluation.signals)."""
    caching.bump_generation(GENERATION_KEY)


def figures_fingerprint() -> str:
    """The latest change time and highest id of each table the figures read, in one query of
    index lookups (a row count would scan whole tables: 0.4 s a request at 100,000 projects).
    It catches writes made without signals — a queryset update() by another process keeps
    ``updated_at`` current, a bulk insert raises the highest id; deletions always send signals."""
    from evaluation.models import Acknowledgement
    from projects.models import ProjectPartner

    quote = connection.ops.quote_name
    parts = []
    for model, columns in (
        (Project, ("id", "updated_at")),
        (EvaluationRound, ("id", "updated_at")),
        (Evaluation, ("id", "updated_at")),
        (ProjectPartner, ("id",)),
        (Project.fields.through, ("id",)),
        (Acknowledgement, ("id",)),
    ):
        table = quote(model._meta.db_table)
        parts += [f"(SELECT MAX({quote(column)}) FROM {table})" for column in columns]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return hashlib.sha1(repr(row).encode()).hexdigest()[:16]


def _cache_key(filters: Filters) -> str:
    """Changes with every relevant write, with the date (overdue counts) and with the filters."""
    generation = caching.generation(GENERATION_KEY)
    today = timezone.localdate()
    fingerprint = figures_fingerprint()
    return f"evaluation:dashboard:v{SHAPE}:{generation}:{fingerprint}:{today}:{filters.key()}"


def cached_compute(filters: Filters, key: str | None = None) -> dict:
    return cache.get_or_set(
        key or _cache_key(filters),
        lambda: compute(filters, timezone.localdate()),
        CACHE_SECONDS,
    )


def cached_rendering(filters: Filters, render, variant: str = "screen") -> str:
    """The dashboard's figures rendered as HTML by ``render(data, tables)``, cached per language.

    Labelling a few thousand cells and rendering them costs far more than the cached figures
    themselves, so the finished HTML is kept under the figures' own key: the same writes that
    make the figures stale make the HTML stale. ``variant`` tells the screen's HTML (canvas
    charts) from the print view's (SVG charts). Both show the tables by office as a summary
    (``SUMMARY_ROWS`` each, linking to the whole table); the exports keep every row.
    """
    key = _cache_key(filters)
    html_key = f"{key}:html:{variant}:{get_language() or 'ja'}"

    def rendering() -> str:
        data = cached_compute(filters, key)
        return str(render(data, present(data, filters, SUMMARY_ROWS)))

    # The template escaped every value when it rendered; the cache keeps plain text.
    return mark_safe(cache.get_or_set(html_key, rendering, CACHE_SECONDS))
