"""What every evaluation view shares: the refusal page, a safe ``next``."""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from evaluation.forms import DashboardFilterForm
from evaluation.permissions import can_view_dashboard, dashboard_bodies


def forbidden(request, reason: str, *, project=None, status: int = 403):
    return render(
        request,
        "evaluation/forbidden.html",
        {"reason": reason, "project": project},
        status=status,
    )


def refused_page(request, project):
    """The refusal page for a service's permission refusal (``service_call``'s ``refused``):
    evaluation answers it with a page that says why, not a message."""
    return lambda reason: forbidden(request, reason, project=project)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def dashboard_access(request):
    """The refusal page for anyone who may not see the managers' dashboard, else None."""
    allowed, reason = can_view_dashboard(request.user)
    if not allowed:
        return forbidden(request, reason)
    return None


def dashboard_filters(request, params=None):
    """The dashboard's filter form over ``params`` (the request's query when not given), within
    the bodies the person may see, and the valid filters it gives: none when the address names
    none (an unbound form gives the empty filters of those bodies)."""
    params = request.GET if params is None else params
    form = DashboardFilterForm(params or None, bodies=dashboard_bodies(request.user))
    return form, form.filters()
