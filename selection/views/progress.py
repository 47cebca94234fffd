"""The secretary's desk (事務局): the committee's progress grid, reminders, and members' scores
typed in from their signed paper sheets (one sheet at a time, or the whole grid from a CSV)."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.attachments import attachment_response
from kyodo_portal.core.web import refusal, service_call
from selection import permissions as perms
from selection import selectors
from selection.models import CommitteeMember, Score
from selection.progress_forms import ProxySheetForm, ScoreImportForm
from selection.selectors import CellState
from selection.services import proxy


def _progress_url(call) -> str:
    return reverse("selection:progress", args=[call.pk])


def _seat_or_404(call, member_pk: int) -> CommitteeMember:
    seats = CommitteeMember.objects.select_related("user")
    return get_object_or_404(seats, call=call, pk=member_pk)


def _grid_page(request, call, *, import_form=None, status=200):
    return render(
        request,
        "selection/progress.html",
        {
            "call": call,
            "grid": selectors.progress_grid(call),
            "n_criteria": call.criteria.count(),
            "can_remind": perms.can_remind_member(request.user, call)[0],
            "can_enter": perms.can_enter_scores_on_behalf(request.user, call)[0],
            "import_form": import_form or ScoreImportForm(),
            "sheets": list(
                call.paper_sheets.select_related("member", "uploaded_by").order_by(
                    "-uploaded_at", "-pk"
                )
            ),
        },
        status=status,
    )


@login_required
def progress(request, pk: int):
    call = perms.get_call_for_progress_or_404(request.user, pk)
    return _grid_page(request, call)


@login_required
@require_POST
def member_remind(request, pk: int, member_pk: int):
    call = perms.get_call_for_progress_or_404(request.user, pk)
    seat = _seat_or_404(call, member_pk)
    return service_call(
        request,
        lambda: proxy.member_remind(
            call=call, member=seat, by=request.user, owed=selectors.member_owed(call, seat)
        ),
        success=_("%(name)sさんに申告・採点の督促を送りました。")
        % {"name": seat.user.get_full_name()},
        redirect_to=_progress_url(call),
    )


@login_required
def proxy_entry(request, pk: int, member_pk: int):
    call = perms.get_call_for_progress_or_404(request.user, pk)
    seat = _seat_or_404(call, member_pk)
    allowed = perms.can_enter_scores_on_behalf(request.user, call)
    if refused := refusal(request, allowed, redirect_to=_progress_url(call)):
        return refused
    row = next(r for r in selectors.progress_grid(call)["rows"] if r["seat"].pk == seat.pk)
    # A cell the member declared a conflict on, or scored themselves, is not the office's to type.
    enterable = [
        cell["application"]
        for cell in row["cells"]
        if cell["state"] != CellState.CONFLICTED and not cell["by_member"]
    ]
    closed = [cell for cell in row["cells"] if cell["application"] not in enterable]
    criteria = list(call.criteria.all())
    existing = {
        (s.application_id, s.criterion_id): s
        for s in Score.objects.filter(
            application__call=call, reviewer=seat.user, entered_by__isnull=False
        )
    }
    form = ProxySheetForm(
        request.POST or None,
        request.FILES or None,
        call=call,
        criteria=criteria,
        enterable=enterable,
        existing=existing,
    )
    if request.method == "POST" and form.is_valid():
        entered = service_call(
            request,
            lambda: proxy.scores_enter_on_behalf(
                call=call,
                member=seat.user,
                by=request.user,
                scores=form.sheet_scores(),
                sheet_file=form.cleaned_data.get("sheet"),
                declaration_confirmed=form.cleaned_data.get("confirmed", False),
            ),
            success=_("%(name)sさんの紙の採点票を入力しました。")
            % {"name": seat.user.get_full_name()},
            redirect_to=_progress_url(call),
            form=form,
        )
        if entered:
            return entered
    return render(
        request,
        "selection/proxy_entry.html",
        {"call": call, "seat": seat, "form": form, "criteria": criteria, "closed": closed},
    )


@login_required
def score_sheet_csv(request, pk: int):
    """The spreadsheet in the grid's layout, UTF-8 with a BOM so that Excel reads Japanese."""
    call = perms.get_call_for_progress_or_404(request.user, pk)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(selectors.score_sheet_csv_rows(call))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="score-sheet-call-{call.pk}.csv"'
    return response


@login_required
@require_POST
def score_import(request, pk: int):
    call = perms.get_call_for_progress_or_404(request.user, pk)
    allowed = perms.can_enter_scores_on_behalf(request.user, call)
    if refused := refusal(request, allowed, redirect_to=_progress_url(call)):
        return refused
    form = ScoreImportForm(request.POST, request.FILES)
    if form.is_valid():
        imported = service_call(
            request,
            lambda: proxy.scores_import_on_behalf(
                call=call,
                by=request.user,
                csv_file=form.cleaned_data["csv_file"],
                sheet_file=form.cleaned_data.get("sheet"),
                declaration_confirmed=form.cleaned_data.get("confirmed", False),
            ),
            success=_("CSVの評点を取り込みました。"),
            redirect_to=_progress_url(call),
            form=form,
        )
        if imported:
            return imported
    return _grid_page(request, call, import_form=form)


@login_required
def paper_sheet_download(request, pk: int):
    return attachment_response(perms.get_paper_sheet_for_download_or_404(request.user, pk))
