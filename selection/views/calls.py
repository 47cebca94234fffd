"""The owner office's pages for its calls: drafting, publishing, correcting, opening the review
and appointing the committee."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.web import refusal, service_call
from selection import permissions as perms
from selection import selectors, services
from selection.defaults import default_criteria
from selection.forms import (
    CallForm,
    CommitteeAppointForm,
    CommitteeRemoveForm,
    CorrectionForm,
    CriterionFormSet,
    PublishCallForm,
    criteria_initial,
)
from selection.models import Application, Call, CommitteeMember
from selection.scoring import METHOD_TEXT, TIE_RULE
from selection.views.common import get_project_for_selection, require

CALL_LIST_PAGE = 50


@login_required
def call_list(request):
    require(perms.can_list_calls(request.user))
    calls = selectors.with_submitted_count(selectors.calls_for_staff(request.user))
    # A page at a time: a manager's body (or a national deployment's) holds thousands of calls.
    page = Paginator(calls, CALL_LIST_PAGE).get_page(request.GET.get("page"))
    return render(request, "selection/call_list.html", {"page": page})


def _call_form_page(request, template, context, form, formset, status=200):
    criteria = formset.cleaned_criteria() if formset.is_bound and formset.is_valid() else []
    if not criteria and not formset.is_bound:
        criteria = [f.initial for f in formset.forms if f.initial]
    total = form.cleaned_data.get("total_points") if form.is_bound and form.is_valid() else None
    warnings = services.legal_status_warnings(criteria, total or 100)
    return render(
        request,
        template,
        {**context, "form": form, "formset": formset, "legal_warnings": warnings},
        status=status,
    )


@login_required
def call_create(request, project_pk: int):
    project = get_project_for_selection(request.user, project_pk)
    start = reverse("selection:selection_start", args=[project.pk])
    if refused := refusal(request, perms.can_create_call(request.user, project), redirect_to=start):
        return refused
    if request.method == "POST":
        form = CallForm(request.POST)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            saved = service_call(
                request,
                lambda: services.call_create(
                    project=project,
                    by=request.user,
                    values={
                        k: form.cleaned_data[k]
                        for k in (*services.CALL_FIELDS, *services.CALL_SETTINGS)
                    },
                    criteria=formset.cleaned_criteria(),
                ),
                success=_("公募を下書きとして保存しました。"),
                redirect_to=lambda call: call.get_absolute_url(),
                form=form,
            )
            if saved:
                return saved
    else:
        form = CallForm(
            initial={
                "title": _("%(title)s の協働相手の公募") % {"title": project.title},
                "purpose": project.purpose,
                "budget_cap": project.budget,
                "method": Call.Method.BOTH,
            }
        )
        formset = CriterionFormSet(prefix="criteria", initial=default_criteria())
    return _call_form_page(
        request, "selection/call_form.html", {"project": project, "call": None}, form, formset
    )


@login_required
def call_detail(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    return render(request, "selection/call_detail.html", _call_page(request.user, call))


def _call_page(user, call) -> dict:
    """What the internal call page shows, and which of its buttons this person may use."""
    criteria = list(call.criteria.all())
    can_manage = perms.can_manage_call(user, call)[0]
    can_read_applications = can_manage or perms.is_call_body_manager(user, call)
    applications = (
        list(
            call.applications.exclude(status=Application.Status.DRAFT)
            .select_related("organization")
            .order_by("submitted_at", "pk")
        )
        if can_read_applications
        else []
    )
    return {
        "call": call,
        "criteria": criteria,
        "committee": list(call.committee.select_related("user")),
        "revisions": selectors.revisions_with_changes(call),
        "applications": applications,
        "draft_count": call.applications.filter(status=Application.Status.DRAFT).count(),
        "can_manage": can_manage,
        "can_edit": perms.can_edit_call(user, call)[0],
        "can_publish": perms.can_publish_call(user, call)[0],
        "can_correct": perms.can_correct_call(user, call)[0],
        "start_scoring": perms.can_start_scoring(user, call),
        "can_change_committee": perms.can_change_committee(user, call)[0],
        "can_view_ranking": perms.can_view_ranking(user, call)[0],
        "can_decide": perms.can_decide_call(user, call)[0],
        "can_publish_results": perms.can_publish_results(user, call)[0],
        "on_committee": perms.is_on_committee(user, call),
        "legal_warnings": services.legal_status_warnings(
            [c.__dict__ for c in criteria], call.total_points
        ),
        "publish_form": PublishCallForm(min_days=settings.CALL_MIN_APPLICATION_DAYS),
        # Days to apply if the draft were published now, when fewer than the minimum.
        "short_days": services.short_period(call) if call.status == Call.Status.DRAFT else None,
        "min_days": settings.CALL_MIN_APPLICATION_DAYS,
        "method_text": METHOD_TEXT % {"total": call.total_points},
        "tie_rule": TIE_RULE,
    }


@login_required
def call_edit(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    back = call.get_absolute_url()
    if refused := refusal(request, perms.can_edit_call(request.user, call), redirect_to=back):
        return refused
    if request.method == "POST":
        form = CallForm(request.POST, instance=call)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            saved = service_call(
                request,
                lambda: services.call_update(
                    call=call,
                    by=request.user,
                    values={
                        k: form.cleaned_data[k]
                        for k in (*services.CALL_FIELDS, *services.CALL_SETTINGS)
                    },
                    criteria=formset.cleaned_criteria(),
                    version=form.cleaned_data["version"],
                ),
                success=_("公募の下書きを保存しました。"),
                redirect_to=back,
                form=form,
            )
            if saved:
                return saved
    else:
        form = CallForm(instance=call, initial={"version": call.version})
        formset = CriterionFormSet(prefix="criteria", initial=criteria_initial(call))
    return _call_form_page(
        request,
        "selection/call_form.html",
        {"project": call.project, "call": call},
        form,
        formset,
    )


@login_required
@require_POST
def call_publish(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    form = PublishCallForm(request.POST, min_days=settings.CALL_MIN_APPLICATION_DAYS)
    form.is_valid()
    published = service_call(
        request,
        lambda: services.call_publish(
            call=call,
            by=request.user,
            acknowledge_legal_status=form.cleaned_data.get("acknowledge_legal_status", False),
            short_period_reason=form.cleaned_data.get("short_period_reason", ""),
        ),
        success=_("公募を公表しました。選定基準と方法は、これ以降変更できません。"),
        redirect_to=call.get_absolute_url(),
        form=form,
    )
    if published:
        return published
    # Refused: the page again with the reasons on the form and what was typed still in it.
    call.refresh_from_db()
    context = _call_page(request.user, call)
    context["publish_form"] = form
    return render(request, "selection/call_detail.html", context, status=400)


@login_required
def call_correct(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    back = call.get_absolute_url()
    if refused := refusal(request, perms.can_correct_call(request.user, call), redirect_to=back):
        return refused
    if request.method == "POST":
        form = CorrectionForm(request.POST, instance=call)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            saved = service_call(
                request,
                lambda: services.call_correct(
                    call=call,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.CALL_FIELDS},
                    criteria=formset.cleaned_criteria(),
                    notice=form.cleaned_data["notice"],
                    version=form.cleaned_data["version"],
                    acknowledge_legal_status=form.cleaned_data["acknowledge_legal_status"],
                ),
                success=lambda revision: (
                    _("訂正版（第%(number)s版）を公表しました。") % {"number": revision.number}
                ),
                redirect_to=back,
                form=form,
            )
            if saved:
                return saved
    else:
        form = CorrectionForm(instance=call, initial={"version": call.version})
        formset = CriterionFormSet(prefix="criteria", initial=criteria_initial(call))
    return _call_form_page(
        request,
        "selection/call_correct.html",
        {"project": call.project, "call": call},
        form,
        formset,
    )


@login_required
@require_POST
def call_start_scoring(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    return service_call(
        request,
        lambda: services.call_start_scoring(call=call, by=request.user),
        success=_("応募の受付を終了し、審査を開始しました。"),
        redirect_to=call.get_absolute_url(),
    )


def _committee_page(request, call, *, form=None, remove_form=None, status=200):
    """The committee page: its members (each with a removal form, asking for the reason once
    applications have closed), and the appointment of several reviewers at once."""
    locked = perms.committee_locked(call)
    members = list(call.committee.select_related("user"))
    rows = [
        (
            m,
            remove_form
            if remove_form is not None and remove_form.member.pk == m.pk
            else CommitteeRemoveForm(member=m, locked=locked),
        )
        for m in members
    ]
    return render(
        request,
        "selection/committee.html",
        {
            "call": call,
            "form": form or CommitteeAppointForm(call=call, locked=locked),
            "rows": rows,
            "locked": locked,
            "needs_chair": call.requires_chair_signoff and not any(m.is_chair for m in members),
            "changes": selectors.committee_changes(call),
            "can_change": perms.can_change_committee(request.user, call)[0],
        },
        status=status,
    )


@login_required
def committee(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    if request.method != "POST":
        return _committee_page(request, call)
    form = CommitteeAppointForm(request.POST, call=call, locked=perms.committee_locked(call))
    if form.is_valid():
        appointed = service_call(
            request,
            lambda: services.committee_appoint_many(
                call=call,
                by=request.user,
                appointments=form.appointments(),
                reason=form.cleaned_data.get("reason", ""),
            ),
            success=lambda members: (
                _("選定委員を委嘱しました（%(count)s人）。") % {"count": len(members)}
            ),
            redirect_to=reverse("selection:committee", args=[call.pk]),
            form=form,
        )
        if appointed:
            return appointed
    return _committee_page(request, call, form=form, status=400)


@login_required
@require_POST
def committee_remove(request, pk: int, member_pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    member = get_object_or_404(
        CommitteeMember.objects.select_related("user"), pk=member_pk, call=call
    )
    form = CommitteeRemoveForm(request.POST, member=member, locked=perms.committee_locked(call))
    back = reverse("selection:committee", args=[call.pk])
    if form.is_valid():
        removed = service_call(
            request,
            lambda: services.committee_remove(
                member=member, by=request.user, reason=form.cleaned_data.get("reason", "")
            ),
            success=_("選定委員の委嘱を解除しました。"),
            redirect_to=back,
            form=form,
        )
        if removed:
            return removed
    # Refused: the page again, the reason typed still in this member's form beside the error.
    return _committee_page(request, call, remove_form=form, status=400)
