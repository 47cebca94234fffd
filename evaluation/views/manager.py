"""The managers' dashboard and the list of projects behind each of its numbers."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from evaluation import dashboard as dash
from evaluation import selectors
from evaluation.dashboard.granted import cached_granted_summary
from evaluation.dashboard.svg import chart_svg
from evaluation.forms import DashboardFilterForm
from evaluation.permissions import dashboard_bodies
from evaluation.views.base import dashboard_access, dashboard_filters
from kyodo_portal.core.fiscal import format_fiscal_year
from kyodo_portal.core.person_pages import cached_person_page
from partners.models.bodies import body_by_id
from partners.permissions import can_manage_body_grants
from partners.selectors import granted_body_ids
from projects.choices import Stage


def _figures_renderer(query: str, *, print_view: bool = False):
    """Renders the figures: canvas charts drawn by Chart.js on screen, SVG drawn here for print
    (a canvas may print blank, and nothing is drawn with JavaScript off)."""

    def render_figures(data, tables) -> str:
        charts = dash.charts(tables)
        svgs = {c["id"].removeprefix("chart-"): chart_svg(c) for c in charts} if print_view else {}
        return render_to_string(
            "evaluation/_dashboard_figures.html",
            {
                "query": query,
                "data": data,
                "by_key": dash.tables_by_key(tables),
                "charts": charts,
                "print": print_view,
                "svgs": svgs,
            },
        )

    return render_figures


@login_required
@require_GET
def dashboard(request):
    if denied := dashboard_access(request):
        return denied
    # A manager comes back to the dashboard far more often than its figures change: the page is
    # kept for them while the figures' generation and fingerprint, the grants in force and the
    # bodies covered stay as they were (all but the generation read afresh each time), and the
    # person's own generation, which their workbooks move on.
    return cached_person_page(
        request,
        (dash.GENERATION_KEY,),
        lambda: _dashboard_page(request),
        stamp=selectors.dashboard_page_stamp(),
    )


def _dashboard_page(request):
    form, filters = dashboard_filters(request)
    query = filters.query()
    render_figures = _figures_renderer(query)

    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form,
            "exports": selectors.recent_results_exports(request.user),
            "query": query,
            "figures": dash.cached_rendering(filters, render_figures),
            "granted": _granted_rows(request.user),
            "may_grant": can_manage_body_grants(request.user)[0],
        },
    )


# Rows of one whole table by office per page: long enough to scan, short enough to load quickly.
TABLE_PAGE_ROWS = 100


@login_required
@require_GET
def dashboard_table(request, key: str):
    """Every row of one of the dashboard's tables by office (the page shows a summary), with the
    same filters, a page of rows at a time."""
    if denied := dashboard_access(request):
        return denied
    if key not in dash.OFFICE_TABLES:
        raise Http404
    params = request.GET.copy()
    params.pop("page", None)
    form, filters = dashboard_filters(request, params)
    table = dash.office_table(dash.cached_compute(filters), filters, key)
    page = Paginator(table.rows, TABLE_PAGE_ROWS).get_page(request.GET.get("page"))
    table.rows = list(page.object_list)
    return render(
        request,
        "evaluation/dashboard_table.html",
        {
            "table": table,
            "page": page,
            "conditions": _conditions(form),
            "query": filters.query(),
            "page_query": _without_page(request.GET),
        },
    )


@login_required
@require_GET
def dashboard_print(request):
    """The dashboard's figures on paper: no navigation or filter form, every chart as SVG with
    its table, the filters in words at the top."""
    if denied := dashboard_access(request):
        return denied
    form, filters = dashboard_filters(request)
    query = filters.query()
    figures = dash.cached_rendering(
        filters, _figures_renderer(query, print_view=True), variant="print"
    )
    return render(
        request,
        "evaluation/dashboard_print.html",
        {"conditions": _conditions(form), "query": query, "figures": figures},
    )


def _conditions(form) -> list[tuple[str, str]]:
    """The filters in force, as (label, value) for the printed page's heading."""
    if not form.is_bound:
        return []
    form.is_valid()
    conditions = []
    for name, value in getattr(form, "cleaned_data", {}).items():
        if value in (None, ""):
            continue
        field = form.fields[name]
        if name in ("prefecture", "body"):
            # Named from the process's table: the field offers only some bodies.
            body = body_by_id(value)
            text = body.display_name if body else value
        elif hasattr(value, "pk"):
            text = str(value)  # an office or a field: its name, without listing every choice
        else:
            text = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
        if name == "fiscal_year":
            text = format_fiscal_year(value)
        conditions.append((str(field.label), str(text)))
    return conditions


def _granted_rows(user) -> list[dict]:
    """The municipalities that let this manager's prefecture read their aggregate figures."""
    rows = cached_granted_summary(granted_body_ids(user))
    for row in rows:
        row["stages"] = [
            (stage.label, row["by_stage"].get(stage.value, 0))
            for stage in Stage
            if row["by_stage"].get(stage.value)
        ]
    return rows


@login_required
@require_GET
def dashboard_list(request):
    """The projects behind a number on the dashboard (same filters, one more condition)."""
    if denied := dashboard_access(request):
        return denied
    params, no_method = dash.without_no_method(request.GET)
    form = DashboardFilterForm(params, bodies=dashboard_bodies(request.user))
    filters = form.filters()
    listing = dash.listing(
        filters, request.GET, no_method=no_method, field=form.cleaned_data.get("field")
    )
    return render(
        request,
        "evaluation/dashboard_list.html",
        {
            "form": form,
            "filters": filters,
            **listing,
            "dashboard_query": filters.query(),
            "page_query": _without_page(request.GET),
        },
    )


def _without_page(query) -> str:
    params = query.copy()
    params.pop("page", None)
    return params.urlencode()
