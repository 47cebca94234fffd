"""Choosing the partner: the ranking, the decision and its publication, designation without a
call, and the public pages of calls, results and designations."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kyodo_portal.core import spreadsheet
from kyodo_portal.core.page_cache import public_page
from kyodo_portal.core.pdf import pdf_response
from kyodo_portal.core.web import refusal, service_call
from partners.models import Organization
from partners.selectors import body_choice
from projects.models import ProjectPartner
from selection import minutes as minutes_data
from selection import permissions as perms
from selection import selectors, services
from selection.forms import (
    DecisionForm,
    DesignationForm,
    ProposalConfirmForm,
)
from selection.models import Call, Designation
from selection.scoring import METHOD_TEXT, TIE_RULE, compute_ranking, published_ranking
from selection.views.common import get_project_for_selection, require


@login_required
def ranking(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    require(perms.can_view_ranking(request.user, call))
    result = compute_ranking(call)
    return render(
        request,
        "selection/ranking.html",
        {
            "call": call,
            "ranking": result,
            "gaps": services.scoring_gaps(result),
            "can_decide": perms.can_decide_call(request.user, call)[0],
            "can_export_minutes": perms.can_export_minutes(request.user, call)[0],
            "method_text": METHOD_TEXT % {"total": call.total_points},
            "tie_rule": TIE_RULE,
        },
    )


@login_required
@require_GET
def minutes_export(request, pk: int, fmt: str):
    """「選定結果（会議録用）」 as Excel or CSV (UTF-8 with a byte-order mark)."""
    call = perms.get_call_for_view_or_404(request.user, pk)
    require(perms.can_view_ranking(request.user, call))
    back = reverse("selection:ranking", args=[call.pk])
    if refused := refusal(request, perms.can_export_minutes(request.user, call), redirect_to=back):
        return refused
    minutes = minutes_data.call_minutes(call)
    conditions = minutes.conditions()
    title = _("選定結果（会議録用）")
    name = spreadsheet.file_name("selection-minutes", conditions, f".{fmt}", title=title)
    ascii_name = spreadsheet.ascii_file_name("selection-minutes", conditions, f".{fmt}")
    if fmt == "csv":
        return spreadsheet.csv_response(name, minutes.csv_rows(), ascii_name=ascii_name)
    return spreadsheet.xlsx_response(name, minutes.sheets(), conditions, ascii_name=ascii_name)


@login_required
def decide(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    back = call.get_absolute_url()
    if refused := refusal(request, perms.can_decide_call(request.user, call), redirect_to=back):
        return refused
    result = compute_ranking(call)
    scored_rows = [row for row in result.rows if row.total is not None]
    form = DecisionForm(
        request.POST or None, rows=scored_rows, single_applicant=len(result.rows) == 1
    )
    if request.method == "POST" and form.is_valid() and (decided := _decide(request, call, form)):
        return decided
    return render(
        request,
        "selection/decide.html",
        {
            "call": call,
            "ranking": result,
            "gaps": services.scoring_gaps(result),
            "form": form,
        },
    )


def _decide(request, call, form):
    """Record the decision the form chose; None with the refusal on the form."""
    chosen = form.cleaned_data["application"]
    application = None
    if chosen != DecisionForm.NONE:
        application = call.applications.filter(pk=chosen).first()

    def success(_call) -> str:
        if application is None:
            return _("「該当なし」として選定結果を記録しました。")
        return _("%(org)sを協働相手に決定しました。事業は「分担合意」に進みました。") % {
            "org": application.organization
        }

    return service_call(
        request,
        lambda: services.call_decide(
            call=call,
            by=request.user,
            application=application,
            reason=form.cleaned_data["reason"],
            not_top_reason=form.cleaned_data["not_top_reason"],
            single_applicant_reason=form.cleaned_data.get("single_applicant_reason", ""),
            committee_summary=form.cleaned_data["committee_summary"],
        ),
        success=success,
        redirect_to=call.get_absolute_url(),
        form=form,
    )


@login_required
@require_POST
def call_publish_results(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    return service_call(
        request,
        lambda: services.call_publish_results(call=call, by=request.user),
        success=_("選定結果を公表しました。"),
        redirect_to=call.get_public_url(),
        failed_to=call.get_absolute_url(),
    )


def _proposers(project) -> list[Organization]:
    return [
        partner.organization
        for partner in ProjectPartner.objects.filter(
            project=project,
            status=ProjectPartner.Status.PROSPECTIVE,
            via=ProjectPartner.Via.PROPOSAL,
        ).select_related("organization")
    ]


def _selection_page(request, project, designation_form=None, proposal_form=None, status=200):
    proposers = _proposers(project)
    can_designate, designate_reason = perms.can_designate_partner(request.user, project)
    can_create, create_reason = perms.can_create_call(request.user, project)
    return render(
        request,
        "selection/selection_start.html",
        {
            "project": project,
            "calls": Call.objects.filter(project=project).order_by("-created_at"),
            "designations": Designation.objects.filter(project=project).select_related(
                "organization"
            ),
            "can_create_call": can_create,
            "create_reason": create_reason,
            "can_designate": can_designate,
            "designate_reason": designate_reason,
            "designation_form": designation_form or DesignationForm(prefix="designate"),
            "proposers": proposers,
            "proposal_form": proposal_form
            or ProposalConfirmForm(proposers=proposers, prefix="proposal"),
        },
        status=status,
    )


@login_required
def selection_start(request, project_pk: int):
    project = get_project_for_selection(request.user, project_pk)
    return _selection_page(request, project)


def _designate(request, project, form, route, success: str):
    """Name the partner the form chose by ``route``; None with the refusal on the form."""
    return service_call(
        request,
        lambda: services.designation_create(
            project=project,
            by=request.user,
            organization=form.cleaned_data["organization"],
            route=route,
            justification=form.cleaned_data["justification"],
        ),
        success=success,
        redirect_to=lambda designation: designation.get_public_url(),
        form=form,
    )


@login_required
@require_POST
def designate(request, project_pk: int):
    project = get_project_for_selection(request.user, project_pk)
    form = DesignationForm(request.POST, prefix="designate")
    if form.is_valid():
        designated = _designate(
            request,
            project,
            form,
            Designation.Route.DESIGNATED,
            _("特命による協働相手を決定し、理由を公表しました。事業は「分担合意」に進みました。"),
        )
        if designated:
            return designated
    return _selection_page(request, project, designation_form=form)


@login_required
@require_POST
def confirm_proposal(request, project_pk: int):
    project = get_project_for_selection(request.user, project_pk)
    form = ProposalConfirmForm(request.POST, proposers=_proposers(project), prefix="proposal")
    if form.is_valid():
        designated = _designate(
            request,
            project,
            form,
            Designation.Route.PROPOSAL,
            _("提案団体を協働相手に決定しました。事業は「分担合意」に進みました。"),
        )
        if designated:
            return designated
    return _selection_page(request, project, proposal_form=form)


@public_page
def public_calls(request):
    choice = body_choice(request.GET.get("body"))
    return render(
        request,
        "selection/public_calls.html",
        {"body_choice": choice, **selectors.public_calls_page(choice.selected)},
        status=400 if choice.unknown else 200,
    )


@public_page
@require_GET
def public_call_group(request, group: str):
    """Every row of one group of the public calls page (the page shows the newest), a page of
    rows at a time, of one body when chosen."""
    if group not in selectors.PublicGroup.values:
        raise Http404
    choice = body_choice(request.GET.get("body"))
    rows = selectors.public_group_rows(group, choice.selected)
    page = Paginator(rows, selectors.PUBLIC_GROUP_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "selection/public_call_group.html",
        {
            "group": selectors.PublicGroup(group),
            "page": page,
            "body_choice": choice,
            "querystring": urlencode({"body": choice.selected.slug}) if choice.selected else "",
        },
        status=400 if choice.unknown else 200,
    )


@public_page
def public_call_detail(request, pk: int):
    call = perms.get_public_call_or_404(request.user, pk)
    return render(
        request, "selection/public_call_detail.html", _public_call_page(request.user, call)
    )


def _public_call_page(user, call) -> dict:
    """The published call: criteria, revisions, the committee's make-up (names only with each
    member's consent) and, once public, the ranked result."""
    committee_members = list(call.committee.select_related("user"))
    composition: dict = {}
    for member in committee_members:
        composition.setdefault(member.get_category_display(), 0)
        composition[member.get_category_display()] += 1
    result = published_ranking(call) if call.results_are_public else None
    now = timezone.now()
    return {
        "call": call,
        "criteria": list(call.criteria.all()),
        "revisions": selectors.revisions_with_changes(call),
        # Changes of the committee after applications closed, with their reasons.
        "changes": selectors.committee_changes(call),
        "composition": composition,
        "named_members": [m for m in committee_members if m.publish_name],
        "ranking": result,
        "method_text": METHOD_TEXT % {"total": call.total_points},
        "tie_rule": TIE_RULE,
        "accepting": call.status == Call.Status.OPEN and now <= call.application_deadline,
        "can_apply": perms.can_apply_to_call(user, call, now)[0],
        # The owner office reads its published result here and goes back to its project.
        "is_owner_staff": perms.is_call_owner_staff(user, call),
    }


@public_page
def public_designation_detail(request, pk: int):
    designation = get_object_or_404(
        Designation.objects.select_related("project__owner_office", "organization"), pk=pk
    )
    return render(request, "selection/public_designation_detail.html", {"designation": designation})


@login_required
@require_GET
def result_notice_pdf(request, pk: int):
    """The 選定結果通知書 to one applicant, as a PDF the office sends or the NPO files."""
    application = perms.get_application_for_view_or_404(request.user, pk)
    require((perms.is_result_notice_party(request.user, application), ""))
    refused = refusal(
        request,
        perms.can_get_result_notice(request.user, application),
        redirect_to=reverse("selection:application_detail", args=[application.pk]),
    )
    if refused:
        return refused
    call = application.call
    context = {
        "application": application,
        "call": call,
        "project": call.project,
        "chosen": call.chosen_application_id == application.pk,
    }
    filename = _("選定結果通知書_%(org)s.pdf") % {"org": application.organization.name}
    return pdf_response(request, "pdf/selection_notice.html", context, filename)
