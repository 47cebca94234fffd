"""The managers' dashboard: figures computed by database aggregates, cached until data changes.

``compute(filters)`` runs a fixed number of aggregate queries whatever the number of projects and
evaluations (each returns at most one row per stage, method, office, field, fiscal year, item or
principle — never one per project), and returns plain data keyed by codes so it can be cached and
labelled later in the reader's language. ``present`` turns it into the tables that the page, the
charts, the CSV and the Excel export all share, each cell linking to the list behind it.

Sealed rule: scores come only from submitted sheets of rounds whose sheets are all submitted
(``unsealed_at``), so no aggregate — however narrow the filter — reveals one side's answers early.

Cache: the key holds a generation number bumped by signals on every relevant write, and a cheap
fingerprint (highest ids and latest update times, by index) read in one query, so a change made
without signals, in another process, is seen at once too.

Computing (``compute``), caching (``cached``), presenting (``tables``) and the list behind a
number (``listing``) live in their own modules; every public name stays importable from
``evaluation.dashboard``.
"""

from evaluation.dashboard.cached import (
    CACHE_SECONDS,
    GENERATION_KEY,
    bump_generation,
    cached_compute,
    cached_rendering,
    figures_fingerprint,
)
from evaluation.dashboard.compute import (
    AXES,
    OVERDUE_AFTER_DAYS,
    STATUS_KEYS,
    Filters,
    compute,
    overdue_projects,
    project_q,
    round_status_q,
    rounds_in,
    scored_answers,
    scored_sheets,
)
from evaluation.dashboard.listing import (
    LIST_PAGE_SIZE,
    listing,
    listing_rows,
    partner_names,
    scores_dimension,
    status_label,
    without_no_method,
)
from evaluation.dashboard.tables import (
    GAP_HIGHLIGHT,
    NO_METHOD,
    OFFICE_TABLES,
    SUMMARY_ROWS,
    Cell,
    Table,
    activity_fields,
    charts,
    office_table,
    present,
    tables_by_key,
)

__all__ = [
    "AXES",
    "CACHE_SECONDS",
    "GAP_HIGHLIGHT",
    "GENERATION_KEY",
    "LIST_PAGE_SIZE",
    "NO_METHOD",
    "OFFICE_TABLES",
    "OVERDUE_AFTER_DAYS",
    "STATUS_KEYS",
    "SUMMARY_ROWS",
    "Cell",
    "Filters",
    "Table",
    "activity_fields",
    "bump_generation",
    "cached_compute",
    "cached_rendering",
    "charts",
    "compute",
    "figures_fingerprint",
    "listing",
    "listing_rows",
    "office_table",
    "overdue_projects",
    "partner_names",
    "present",
    "project_q",
    "round_status_q",
    "rounds_in",
    "scored_answers",
    "scored_sheets",
    "scores_dimension",
    "status_label",
    "tables_by_key",
    "without_no_method",
]
