"""Views of the evaluation app: thin — check access, validate, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Avg, F, Q
from django.db.models.functions import Abs
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from evaluation import dashboard as dash
from evaluation import exports, selectors, services
from evaluation import sheet as sheet_data
from evaluation.forms import (
    AcknowledgeForm,
    CommentOnOtherForm,
    DashboardFilterForm,
    ImprovementForm,
    MeetingForm,
    SheetForm,
    ThirdPartyForm,
)
from evaluation.models import Evaluation, ResultsExport, RoundKind, Side
from evaluation.permissions import (
    NOT_YOUR_SHEET,
    acting_organizations,
    can_acknowledge,
    can_comment_on_other,
    can_fill_in,
    can_view_dashboard,
    can_view_exchange,
    can_view_sheet,
    get_item_or_404,
    get_project_facts_or_404,
    get_project_or_404,
    get_published_round_or_404,
    get_results_export_or_404,
    get_round_or_404,
    get_sheet_or_404,
)
from kyodo_portal.core import spreadsheet
from kyodo_portal.core.errors import PermissionDenied
from partners.models import Organization
from projects.choices import Method, Principle, Stage
from projects.models import Project

BUILDING_IN_BACKGROUND = gettext_lazy(
    "評価結果の明細が%(max)s行を超えるため、Excelファイルはバックグラウンドで作成します。"
    "できあがると「お知らせ」でお知らせしますので、そこからダウンロードしてください。"
)


def _forbidden(request, reason: str, *, project=None, status: int = 403):
    return render(
        request,
        "evaluation/forbidden.html",
        {"reason": reason, "project": project},
        status=status,
    )


def _add_errors(form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(None if name == "__all__" or name not in form.fields else name, messages_)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- a project's evaluation --------------------------------------------------------------------


@login_required
@require_GET
def project_overview(request, pk: int):
    facts = get_project_facts_or_404(request.user, pk)
    return render(
        request,
        "evaluation/project.html",
        {"project": facts.project, "panel": selectors.panel_context(request.user, facts)},
    )


def _pick_organization(request, facts) -> int | None:
    options = acting_organizations(request.user, facts)
    wanted = request.POST.get("organization") or request.GET.get("organization")
    for _side, organization_id in options:
        if wanted is None or str(organization_id) == wanted:
            return organization_id
    return None


@login_required
def sheet_edit(request, pk: int, kind: str):
    """Fill in one's own side's sheet: draft saves, then a final submission."""
    if kind not in RoundKind.values:
        raise Http404
    facts = get_project_facts_or_404(request.user, pk)
    project = facts.project
    organization_id = _pick_organization(request, facts)
    if organization_id is None:
        return _forbidden(request, str(NOT_YOUR_SHEET), project=project)
    sheet = selectors.sheet_for(project, kind, organization_id)
    allowed, reason = can_fill_in(request.user, facts, kind, organization_id, sheet)
    if not allowed:
        if sheet is not None and sheet.is_submitted:
            messages.info(request, reason)
            return redirect("evaluation:sheet_detail", sheet.pk)
        return _forbidden(request, reason, project=project)
    organization = Organization.objects.get(pk=organization_id)

    if request.method == "POST":
        form = SheetForm(request.POST)
        submitting = "submit" in request.POST
        if form.is_valid():
            try:
                saved = services.evaluation_save(
                    project=project,
                    kind=kind,
                    organization=organization,
                    by=request.user,
                    answers=form.answers(),
                    overall_comment=form.cleaned_data["overall_comment"],
                    version=form.cleaned_data["version"],
                    submit=submitting,
                )
            except ValidationError as error:
                _add_errors(form, error)
            except services.StaleEdit as error:
                form.add_error(None, str(error))
            except PermissionDenied as error:
                return _forbidden(request, str(error), project=project)
            else:
                if submitting:
                    messages.success(request, _("評価シートを提出しました。"))
                    return redirect("evaluation:sheet_detail", saved.pk)
                messages.success(request, _("下書きを保存しました。"))
                url = reverse("evaluation:sheet_edit", args=[project.pk, kind])
                return redirect(f"{url}?organization={organization_id}")
        status = 400
    else:
        form = SheetForm(initial=SheetForm.initial_from(sheet))
        status = 200
    return render(
        request,
        "evaluation/sheet_form.html",
        {
            "project": project,
            "kind": kind,
            "kind_label": RoundKind(kind).label,
            "organization": organization,
            "side": Side.GOVERNMENT if organization_id == project.owner_office_id else Side.NPO,
            "sheet": sheet,
            "form": form,
            "scale": sheet_data.SCALE,
        },
        status=status,
    )


def _sheet_context(request, sheet: Evaluation) -> dict:
    project = sheet.round.project
    return {
        "project": project,
        "sheet": sheet,
        "round": sheet.round,
        "groups": selectors.sheet_answers(sheet),
        "can_edit": can_fill_in(
            request.user, project, sheet.round.kind, sheet.organization_id, sheet
        )[0],
    }


@login_required
@require_GET
def sheet_detail(request, pk: int):
    sheet = get_sheet_or_404(request.user, pk)
    allowed, reason = can_view_sheet(request.user, sheet)
    if not allowed:
        return _forbidden(request, reason, project=sheet.round.project)
    return render(request, "evaluation/sheet_detail.html", _sheet_context(request, sheet))


@login_required
@require_GET
def sheet_print(request, pk: int):
    sheet = get_sheet_or_404(request.user, pk)
    allowed, reason = can_view_sheet(request.user, sheet)
    if not allowed:
        return _forbidden(request, reason, project=sheet.round.project)
    return render(request, "evaluation/sheet_print.html", _sheet_context(request, sheet))


# --- the exchange ------------------------------------------------------------------------------


def _render_exchange(request, round_, *, status: int = 200, **forms):
    table = selectors.exchange_table(round_)
    rights = selectors.exchange_permissions(request.user, round_, table)
    comment_forms = [
        (
            sheet,
            forms.get(f"comment_{sheet.pk}")
            or CommentOnOtherForm(
                initial={"comment_on_other": sheet.comment_on_other}, prefix=f"s{sheet.pk}"
            ),
        )
        for sheet in rights["my_sheets"]
    ]
    context = {
        "project": round_.project,
        "round": round_,
        **table,
        **rights,
        "comment_forms": comment_forms,
        "meeting_form": forms.get("meeting_form")
        or MeetingForm(initial=MeetingForm.initial_from(round_)),
        "third_party_form": forms.get("third_party_form")
        or ThirdPartyForm(
            initial={
                "third_party_name": round_.third_party_name,
                "third_party_comment": round_.third_party_comment,
            }
        ),
        "improvement_form": forms.get("improvement_form") or ImprovementForm(),
        "improvements": selectors.improvements_of(request.user, round_),
        "gap_limit": sheet_data.GAP_FOR_DISCUSSION,
    }
    return render(request, "evaluation/exchange.html", context, status=status)


def _exchange_round(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    allowed, reason = can_view_exchange(request.user, round_)
    return round_, allowed, reason


@login_required
@require_GET
def exchange(request, pk: int):
    round_, allowed, reason = _exchange_round(request, pk)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    return _render_exchange(request, round_)


@login_required
@require_GET
def exchange_print(request, pk: int):
    round_, allowed, reason = _exchange_round(request, pk)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    return render(
        request,
        "evaluation/exchange_print.html",
        {
            "project": round_.project,
            "round": round_,
            **selectors.exchange_table(round_),
            "improvements": selectors.improvements_of(request.user, round_),
            "gap_limit": sheet_data.GAP_FOR_DISCUSSION,
        },
    )


@login_required
@require_POST
def comment_save(request, pk: int):
    sheet = get_sheet_or_404(request.user, pk)
    round_ = sheet.round
    allowed, reason = can_comment_on_other(request.user, sheet)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    form = CommentOnOtherForm(request.POST, prefix=f"s{sheet.pk}")
    if form.is_valid():
        try:
            services.evaluation_comment_on_other(
                evaluation=sheet, by=request.user, text=form.cleaned_data["comment_on_other"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("相手の評価へのコメントを保存しました。"))
            return redirect("evaluation:exchange", round_.pk)
    return _render_exchange(request, round_, status=400, **{f"comment_{sheet.pk}": form})


@login_required
@require_POST
def meeting_record(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.exchange_record(
                round_=round_,
                by=request.user,
                meeting_date=form.cleaned_data["meeting_date"],
                attendees=form.cleaned_data["meeting_attendees"],
                conclusions=form.cleaned_data["conclusions"],
                version=form.cleaned_data["version"],
            )
        except PermissionDenied as error:
            return _forbidden(request, str(error), project=round_.project)
        except ValidationError as error:
            _add_errors(form, error)
        except services.StaleEdit as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("振り返り会議の記録を保存しました。"))
            return redirect("evaluation:exchange", round_.pk)
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    return _render_exchange(request, round_, status=400, meeting_form=form)


@login_required
@require_POST
def third_party_save(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    form = ThirdPartyForm(request.POST)
    if form.is_valid():
        try:
            services.third_party_comment_save(
                round_=round_,
                by=request.user,
                name=form.cleaned_data["third_party_name"],
                comment=form.cleaned_data["third_party_comment"],
            )
        except PermissionDenied as error:
            return _forbidden(request, str(error), project=round_.project)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("第三者のコメントを保存しました。"))
            return redirect("evaluation:exchange", round_.pk)
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    return _render_exchange(request, round_, status=400, third_party_form=form)


@login_required
@require_POST
def improvement_add(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    form = ImprovementForm(request.POST)
    if form.is_valid():
        try:
            services.improvement_add(
                round_=round_,
                by=request.user,
                text=form.cleaned_data["text"],
                owner=form.cleaned_data["owner"],
                carry_forward=form.cleaned_data["carry_forward"],
            )
        except PermissionDenied as error:
            return _forbidden(request, str(error), project=round_.project)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("改善点を追加しました。"))
            return redirect(reverse("evaluation:exchange", args=[round_.pk]) + "#improvements")
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    return _render_exchange(request, round_, status=400, improvement_form=form)


@login_required
@require_POST
def improvement_change(request, pk: int):
    item = get_item_or_404(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.improvement_delete(item=item, by=request.user)
            messages.success(request, _("改善点を削除しました。"))
        elif action in ("carry", "stop"):
            services.improvement_set_carry_forward(
                item=item, by=request.user, carry_forward=action == "carry"
            )
            messages.success(request, _("改善点の引継ぎを変更しました。"))
        else:
            return _forbidden(request, _("操作を選んでください。"), status=400)
    except PermissionDenied as error:
        return _forbidden(request, str(error), project=item.project)
    return redirect(
        _safe_next(request, reverse("evaluation:exchange", args=[item.round_id]) + "#improvements")
    )


@login_required
def acknowledge(request, pk: int, item_pk: int):
    """Note how a carried-forward improvement item was reflected in this (new) project."""
    project = get_project_or_404(request.user, pk)
    item = (
        selectors.applicable_improvements(project)
        .select_related("project", "round")
        .filter(pk=item_pk)
        .first()
    )
    if item is None:
        raise Http404
    allowed, reason = can_acknowledge(request.user, project)
    if not allowed:
        return _forbidden(request, reason, project=project)
    fallback = reverse("evaluation:project", args=[project.pk])
    if request.method == "POST":
        form = AcknowledgeForm(request.POST)
        if form.is_valid():
            try:
                services.improvement_acknowledge(
                    item=item, project=project, by=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as error:
                return _forbidden(request, str(error), project=project)
            else:
                messages.success(request, _("改善点の反映を確認しました。"))
                return redirect(_safe_next(request, fallback))
        status = 400
    else:
        form = AcknowledgeForm()
        status = 200
    return render(
        request,
        "evaluation/acknowledge.html",
        {"project": project, "item": item, "form": form, "next": _safe_next(request, fallback)},
        status=status,
    )


@login_required
@require_POST
def publish(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    try:
        if request.POST.get("action") == "unpublish":
            services.round_unpublish(round_=round_, by=request.user)
            messages.success(request, _("評価の概要の公表を取りやめました。"))
        else:
            services.round_publish(round_=round_, by=request.user)
            messages.success(request, _("評価の概要を公表しました。"))
    except PermissionDenied as error:
        return _forbidden(request, str(error), project=round_.project)
    return redirect("evaluation:exchange", round_.pk)


@login_required
@require_GET
def round_export(request, pk: int, fmt: str):
    round_, allowed, reason = _exchange_round(request, pk)
    if not allowed:
        return _forbidden(request, reason, project=round_.project)
    rows = exports.result_rows(exports.round_answers(round_))
    name = f"evaluation-{round_.project_id}-{round_.kind}"
    if fmt == "csv":
        return spreadsheet.csv_response(f"{name}.csv", exports.with_headers(rows))
    return spreadsheet.xlsx_response(
        f"{name}.xlsx", [(_("評価結果"), exports.result_headers(), rows)]
    )


# --- the managers' dashboard -------------------------------------------------------------------


def _dashboard_access(request):
    allowed, reason = can_view_dashboard(request.user)
    if not allowed:
        return _forbidden(request, reason)
    return None


@login_required
@require_GET
def dashboard(request):
    if denied := _dashboard_access(request):
        return denied
    form = DashboardFilterForm(request.GET or None)
    filters = form.filters() if request.GET else dash.Filters()
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
            "form": form if request.GET else DashboardFilterForm(),
            "exports": selectors.recent_results_exports(request.user),
            "query": query,
            "figures": dash.cached_rendering(filters, render_figures),
        },
    )


@login_required
@require_GET
def dashboard_export(request, fmt: str):
    if denied := _dashboard_access(request):
        return denied
    filters = DashboardFilterForm(request.GET or None).filters() if request.GET else dash.Filters()
    tables = dash.present(dash.cached_compute(filters), filters)
    if fmt == "csv":
        return exports.tables_csv("evaluation-dashboard.csv", tables)
    return exports.tables_xlsx("evaluation-dashboard.xlsx", tables)


@login_required
@require_GET
def results_export(request, fmt: str):
    """Every answer of the unsealed rounds within the filters (one row per item)."""
    if denied := _dashboard_access(request):
        return denied
    filters = DashboardFilterForm(request.GET or None).filters() if request.GET else dash.Filters()
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
    return spreadsheet.xlsx_response(
        "evaluation-results.xlsx", [(_("評価結果"), exports.result_headers(), rows)]
    )


@login_required
@require_GET
def results_export_download(request, pk: int):
    if denied := _dashboard_access(request):
        return denied
    export = get_results_export_or_404(request.user, pk)
    if export.status != ResultsExport.Status.DONE or not export.file:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"evaluation-results-{timezone.localtime(export.created_at):%Y%m%d-%H%M}.xlsx"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=spreadsheet.XLSX_TYPE
    )
    response["Cache-Control"] = "private, no-store"
    return response


LIST_PAGE_SIZE = 50
_P = "evaluation__round__project__"


def _scores_dimension(value: str) -> tuple[str, str] | None:
    kind, _sep, key = value.partition(":")
    if value == "all":
        return ("all", "")
    if kind == "principle" and key in Principle.values:
        return (kind, key)
    if kind == "group" and key in sheet_data.GROUPS_BY_KEY:
        return (kind, key)
    if kind == "item" and key in sheet_data.ITEMS_BY_KEY:
        return (kind, key)
    return None


@login_required
@require_GET
def dashboard_list(request):
    """The projects behind a number on the dashboard (same filters, one more condition)."""
    if denied := _dashboard_access(request):
        return denied
    params = request.GET.copy()
    no_method = params.get("method") == "none"
    if no_method:
        params["method"] = ""
    form = DashboardFilterForm(params)
    filters = form.filters()
    stage = request.GET.get("stage", "")
    status = request.GET.get("status", "")
    scores = _scores_dimension(request.GET.get("scores", ""))
    methods = dict(Method.choices)
    description = []
    if filters.method:
        description.append(_("協働方法：%(name)s") % {"name": methods[filters.method]})
    elif no_method:
        description.append(_("協働方法：未選択"))
    if filters.field:
        description.append(_("活動分野：%(name)s") % {"name": form.cleaned_data["field"]})

    if scores:
        answers = dash.scored_answers(filters)
        if no_method:
            answers = answers.filter(**{f"{_P}method": ""})
        kind, key = scores
        if kind == "principle":
            answers = answers.filter(principle=key)
            description.append(_("原則：%(name)s") % {"name": Principle(key).label})
        elif kind == "group":
            answers = answers.filter(group=key)
            description.append(
                _("項目のまとまり：%(name)s") % {"name": sheet_data.GROUPS_BY_KEY[key].label}
            )
        elif kind == "item":
            answers = answers.filter(item=key)
            description.append(
                _("評価項目：%(name)s") % {"name": sheet_data.ITEMS_BY_KEY[key].label}
            )
        rows = (
            answers.order_by()
            .values(
                f"{_P}id",
                f"{_P}title",
                f"{_P}fiscal_year_start",
                f"{_P}method",
                f"{_P}owner_office__jurisdiction",
                f"{_P}owner_office__name",
            )
            .annotate(
                government=Avg("score", filter=Q(evaluation__side=Side.GOVERNMENT)),
                npo=Avg("score", filter=Q(evaluation__side=Side.NPO)),
            )
            .annotate(gap=F("npo") - F("government"))
            .order_by(Abs("gap").desc(nulls_last=True), f"-{_P}fiscal_year_start", f"{_P}id")
        )
        page = Paginator(rows, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = [
            {
                "pk": row[f"{_P}id"],
                "title": row[f"{_P}title"],
                "fiscal_year": row[f"{_P}fiscal_year_start"],
                "method_label": methods.get(row[f"{_P}method"], ""),
                "office": " ".join(
                    (row[f"{_P}owner_office__jurisdiction"], row[f"{_P}owner_office__name"])
                ),
                "government": row["government"],
                "npo": row["npo"],
                "gap": row["gap"],
            }
            for row in page.object_list
        ]
        mode = "scores"
    else:
        if status == "overdue":
            projects = dash.overdue_projects(filters)
            description.append(_("期限を過ぎた評価"))
        else:
            projects = Project.objects.filter(dash.project_q(filters))
            if status in dash.STATUS_KEYS:
                rounds = dash.rounds_in(filters).filter(dash.round_status_q(status))
                projects = projects.filter(pk__in=rounds.values("project_id"))
                description.append(_("評価の状態：%(name)s") % {"name": _status_label(status)})
        if no_method:
            projects = projects.filter(method="")
        if stage in Stage.values:
            projects = projects.filter(stage=stage)
            description.append(_("段階：%(name)s") % {"name": Stage(stage).label})
        projects = projects.select_related("owner_office").order_by(
            "-fiscal_year_start", "title", "pk"
        )
        page = Paginator(projects, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        page_rows = list(page.object_list)
        mode = "projects"

    return render(
        request,
        "evaluation/dashboard_list.html",
        {
            "form": form,
            "filters": filters,
            "mode": mode,
            "page": page,
            "rows": page_rows,
            "description": description,
            "dashboard_query": filters.query(),
            "page_query": _without_page(request.GET),
        },
    )


def _without_page(query) -> str:
    params = query.copy()
    params.pop("page", None)
    return params.urlencode()


def _status_label(status: str) -> str:
    labels = {
        "started": _("評価を始めた事業"),
        "partial": _("一方だけが提出（相手の提出待ち）"),
        "unsealed": _("双方が提出済み"),
        "recorded": _("意見交換を記録済み"),
        "published": _("評価の概要を公表済み"),
    }
    return labels[status]


# --- public pages ------------------------------------------------------------------------------


@require_GET
def public_list(request):
    rounds = selectors.published_rounds()
    page = Paginator(rounds, 20).get_page(request.GET.get("page"))
    return render(request, "evaluation/public_list.html", {"page": page})


@require_GET
def public_detail(request, pk: int):
    round_ = get_published_round_or_404(pk)
    return render(request, "evaluation/public_detail.html", selectors.public_summary(round_))
