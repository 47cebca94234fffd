"""Downloads: a round's results, the dashboard's tables, every answer within the dashboard's
filters (built in the background beyond the workbook limit), and such a background workbook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from evaluation import dashboard as dash
from evaluation import exports, services
from evaluation.forms import DashboardFilterForm
from evaluation.models import ResultsExport
from evaluation.permissions import dashboard_bodies, get_results_export_or_404
from evaluation.views.base import dashboard_access, dashboard_filters, forbidden
from evaluation.views.rounds import exchange_round
from kyodo_portal.core import spreadsheet
from kyodo_portal.core.stored_files import stored_file_response

BUILDING_IN_BACKGROUND = gettext_lazy(
    "評価結果の明細が%(max)s行を超えるため、Excelファイルはバックグラウンドで作成します。"
    "できあがると「お知らせ」でお知らせしますので、そこからダウンロードしてください。"
)


@login_required
@require_GET
def round_export(request, pk: int, fmt: str):
    round_, allowed, reason = exchange_round(request, pk)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    rows = exports.result_rows(exports.round_answers(round_))
    name = f"evaluation-{round_.project_id}-{round_.kind}"
    if fmt == "csv":
        return spreadsheet.csv_response(f"{name}.csv", exports.with_headers(rows))
    conditions = [
        spreadsheet.Condition(_("事業"), round_.project.title, f"project{round_.project_id}"),
        spreadsheet.Condition(_("評価の回"), str(round_.get_kind_display()), round_.kind),
    ]
    return spreadsheet.xlsx_response(
        spreadsheet.file_name("evaluation", conditions, ".xlsx", title=_("評価結果")),
        [(_("評価結果"), exports.result_headers(), rows)],
        conditions,
        ascii_name=spreadsheet.ascii_file_name("evaluation", conditions, ".xlsx"),
    )


@login_required
@require_GET
def dashboard_export(request, fmt: str):
    if denied := dashboard_access(request):
        return denied
    _form, filters = dashboard_filters(request)
    tables = dash.present(dash.cached_compute(filters), filters)
    if fmt == "csv":
        return exports.tables_csv("evaluation-dashboard.csv", tables)
    conditions = exports.conditions(filters)
    return exports.tables_xlsx(
        spreadsheet.file_name("evaluation-dashboard", conditions, ".xlsx", title=_("評価の集計表")),
        tables,
        conditions,
        ascii_name=spreadsheet.ascii_file_name("evaluation-dashboard", conditions, ".xlsx"),
    )


@login_required
@require_GET
def dashboard_list_export(request, fmt: str):
    """The list behind a figure, every page of it, with each project's partner NPOs: the same
    filters and body as the list on screen, so it holds nothing the manager could not open."""
    if denied := dashboard_access(request):
        return denied
    params, no_method = dash.without_no_method(request.GET)
    filters = DashboardFilterForm(params, bodies=dashboard_bodies(request.user)).filters()
    mode, rows = dash.listing_rows(filters, request.GET, no_method=no_method)
    cells = exports.list_rows(mode, rows)
    if fmt == "csv":
        return spreadsheet.csv_response(
            "evaluation-dashboard-list.csv", _headed(exports.list_headers(mode), cells)
        )
    return spreadsheet.xlsx_response(
        "evaluation-dashboard-list.xlsx", [(_("集計の内訳"), exports.list_headers(mode), cells)]
    )


def _headed(headers, cells):
    yield headers
    yield from cells


@login_required
@require_GET
def results_export(request, fmt: str):
    """Every answer of the unsealed rounds within the filters (one row per item)."""
    if denied := dashboard_access(request):
        return denied
    _form, filters = dashboard_filters(request)
    answers = dash.scored_answers(filters)
    if fmt == "xlsx" and answers.count() > exports.EXCEL_MAX_ROWS:
        # A workbook takes about 0.1 ms a row to write: beyond the limit it is built by a Celery
        # task and the manager is notified, rather than keeping the request open for minutes.
        services.results_export_request(by=request.user, filters=filters)
        messages.info(request, BUILDING_IN_BACKGROUND % {"max": f"{exports.EXCEL_MAX_ROWS:,}"})
        return redirect(reverse("evaluation:dashboard") + "?" + filters.query())
    rows = exports.result_rows(answers)
    if fmt == "csv":
        return spreadsheet.csv_response("evaluation-results.csv", exports.with_headers(rows))
    conditions = exports.conditions(filters)
    return spreadsheet.xlsx_response(
        spreadsheet.file_name("evaluation-results", conditions, ".xlsx", title=_("評価結果の明細")),
        [(_("評価結果"), exports.result_headers(), rows)],
        conditions,
        ascii_name=spreadsheet.ascii_file_name("evaluation-results", conditions, ".xlsx"),
    )


@login_required
@require_GET
def results_export_download(request, pk: int):
    if denied := dashboard_access(request):
        return denied
    export = get_results_export_or_404(request.user, pk)
    if export.status != ResultsExport.Status.DONE:
        raise Http404
    # Built by a worker, perhaps on another machine: read from the shared storage.
    filters = dash.Filters(**{**export.filters, "bodies": None})
    name = spreadsheet.ascii_file_name(
        f"evaluation-results-{timezone.localtime(export.created_at):%Y%m%d-%H%M}",
        exports.conditions(filters),
        ".xlsx",
    )
    return stored_file_response(export.file, filename=name, content_type=spreadsheet.XLSX_TYPE)
