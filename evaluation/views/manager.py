"""The managers' dashboard and the list of projects behind each of its numbers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from evaluation import dashboard as dash
from evaluation import selectors
from evaluation.dashboard.granted import cached_granted_summary
from evaluation.forms import DashboardFilterForm
from evaluation.permissions import dashboard_bodies
from evaluation.views.base import dashboard_access
from partners.permissions import can_manage_body_grants
from partners.selectors import granted_body_ids
from projects.choices import Stage


@login_required
@require_GET
def dashboard(request):
    if denied := dashboard_access(request):
        return denied
    form = DashboardFilterForm(request.GET or None, bodies=dashboard_bodies(request.user))
    filters = form.filters() if request.GET else dash.Filters(bodies=dashboard_bodies(request.user))
    query = filters.query()

    def render_figures(data, tables) -> str:
        return render_to_string(
            "evaluation/_dashboard_figures.html",
            {
                "query": query,
                "data": data,
                "by_key": dash.tables_by_key(tables),
                "charts": dash.charts(tables),
            },
        )

    return render(
        request,
        "evaluation/dashboard.html",
        {
            "form": form
            if request.GET
            else DashboardFilterForm(bodies=dashboard_bodies(request.user)),
            "exports": selectors.recent_results_exports(request.user),
            "query": query,
            "figures": dash.cached_rendering(filters, render_figures),
            "granted": _granted_rows(request.user),
            "may_grant": can_manage_body_grants(request.user)[0],
        },
    )


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
