"""A project's evaluation: the overview, filling in one's own side's sheet, reading a sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from evaluation import selectors, services
from evaluation import sheet as sheet_data
from evaluation.forms import SheetForm
from evaluation.models import Evaluation, RoundKind, Side
from evaluation.permissions import (
    NOT_YOUR_SHEET,
    acting_organizations,
    can_fill_in,
    can_view_sheet,
    get_project_facts_or_404,
    get_sheet_or_404,
)
from evaluation.views.base import forbidden, refused_page
from kyodo_portal.core.pdf import pdf_response
from kyodo_portal.core.web import service_call
from partners.models import Organization


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
        return forbidden(request, str(NOT_YOUR_SHEET), project=project)
    sheet = selectors.sheet_for(project, kind, organization_id)
    allowed, reason = can_fill_in(request.user, facts, kind, organization_id, sheet)
    if not allowed:
        if sheet is not None and sheet.is_submitted:
            messages.info(request, reason)
            return redirect("evaluation:sheet_detail", sheet.pk)
        return forbidden(request, reason, project=project)
    organization = Organization.objects.get(pk=organization_id)
    if request.method != "POST":
        form = SheetForm(initial=SheetForm.initial_from(sheet))
        return _sheet_form_page(request, form, project, kind, organization, sheet)
    form = SheetForm(request.POST, submitting="submit" in request.POST)
    if form.is_valid() and (response := _save_sheet(request, form, project, kind, organization)):
        return response
    return _sheet_form_page(request, form, project, kind, organization, sheet, status=400)


def _save_sheet(request, form, project, kind: str, organization):
    """Save or submit the sheet and redirect; None with the errors on the form when refused."""
    submitting = "submit" in request.POST
    if submitting:
        success = _("評価シートを提出しました。")
        then = Evaluation.get_absolute_url  # the submitted sheet's page
    else:
        success = _("下書きを保存しました。")
        url = reverse("evaluation:sheet_edit", args=[project.pk, kind])
        then = f"{url}?organization={organization.pk}"
    return service_call(
        request,
        lambda: services.evaluation_save(
            project=project,
            kind=kind,
            organization=organization,
            by=request.user,
            answers=form.answers(),
            overall_comment=form.cleaned_data["overall_comment"],
            version=form.cleaned_data["version"],
            submit=submitting,
        ),
        success=success,
        redirect_to=then,
        form=form,
        refused=refused_page(request, project),
    )


def _sheet_form_page(request, form, project, kind: str, organization, sheet, *, status=200):
    return render(
        request,
        "evaluation/sheet_form.html",
        {
            "project": project,
            "kind": kind,
            "kind_label": RoundKind(kind).label,
            "organization": organization,
            "side": Side.GOVERNMENT if organization.pk == project.owner_office_id else Side.NPO,
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
        return forbidden(request, reason, project=sheet.round.project)
    return render(request, "evaluation/sheet_detail.html", _sheet_context(request, sheet))


@login_required
@require_GET
def sheet_print(request, pk: int):
    sheet = get_sheet_or_404(request.user, pk)
    allowed, reason = can_view_sheet(request.user, sheet)
    if not allowed:
        return forbidden(request, reason, project=sheet.round.project)
    return render(request, "evaluation/sheet_print.html", _sheet_context(request, sheet))


@login_required
@require_GET
def sheet_pdf(request, pk: int):
    """The sheet as a PDF to file, with its 記入者 and a 決裁・回覧 box. A sealed sheet goes only
    to its own side, exactly as the sheet page."""
    sheet = get_sheet_or_404(request.user, pk)
    allowed, reason = can_view_sheet(request.user, sheet)
    if not allowed:
        return forbidden(request, reason, project=sheet.round.project)
    context = _sheet_context(request, sheet)
    context["author"] = sheet.submitted_by or sheet.created_by
    filename = _("%(kind)sシート_%(org)s_%(title)s.pdf") % {
        "kind": sheet.round.get_kind_display(),
        "org": sheet.organization.name,
        "title": sheet.round.project.title,
    }
    return pdf_response(request, "pdf/evaluation_sheet.html", context, filename)
