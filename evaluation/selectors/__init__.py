"""Read queries about evaluations, shared by views, the project page, the home page and gates.

The dashboard's aggregates live in ``evaluation.dashboard``.

Modules by area: carried-forward improvement items, rounds and sheets, and the pages (the
project panel, the home and landing pages, published summaries); every public name stays
importable from ``evaluation.selectors``.
"""

from evaluation.selectors.improvements import (
    PLANNING_PANEL_FIELDS,
    PLANNING_PANEL_ITEMS,
    applicable_improvements,
    improvements_for_planning,
    open_improvements,
    projects_to_acknowledge,
    reflections_of,
)
from evaluation.selectors.pages import (
    RECENT_EXPORTS,
    dashboard_page_stamp,
    home_context,
    panel_context,
    project_panel,
    public_home_context,
    public_summary,
    published_rounds,
    recent_results_exports,
)
from evaluation.selectors.rounds import (
    EVALUATION_STAGES,
    NOT_STARTED,
    ExchangeRow,
    RoundStatus,
    SheetStatus,
    exchange_permissions,
    exchange_table,
    gap,
    improvements_of,
    round_statuses,
    sheet_answers,
    sheet_for,
)

__all__ = [
    "EVALUATION_STAGES",
    "NOT_STARTED",
    "PLANNING_PANEL_FIELDS",
    "PLANNING_PANEL_ITEMS",
    "RECENT_EXPORTS",
    "ExchangeRow",
    "RoundStatus",
    "SheetStatus",
    "applicable_improvements",
    "dashboard_page_stamp",
    "exchange_permissions",
    "exchange_table",
    "gap",
    "home_context",
    "improvements_for_planning",
    "improvements_of",
    "open_improvements",
    "panel_context",
    "project_panel",
    "projects_to_acknowledge",
    "public_home_context",
    "public_summary",
    "published_rounds",
    "recent_results_exports",
    "reflections_of",
    "round_statuses",
    "sheet_answers",
    "sheet_for",
]
