"""The committee's pages: each reviewer's queue, conflict declarations and score sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.web import refusal, service_call
from selection import permissions as perms
from selection import selectors, services
from selection.forms import (
    ConflictForm,
    ConsentForm,
    ScoreForm,
)
from selection.models import Call, CommitteeMember, Score
from selection.views.common import require


@login_required
def review_queue(request):
    require(perms.can_review(request.user))
    seats = list(selectors.committee_seats_of(request.user))
    return render(
        request,
        "selection/review_queue.html",
        {"seats": seats, "queue": selectors.review_queue_items(request.user)},
    )


def _seat_or_404(user, call) -> CommitteeMember:
    member = CommitteeMember.objects.filter(call=call, user=user).first()
    if member is None:
        raise Http404
    return member


@login_required
def review_call(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    member = _seat_or_404(request.user, call)
    return render(
        request,
        "selection/review_call.html",
        {
            "call": call,
            "member": member,
            "criteria": list(call.criteria.all()),
            "sheet": selectors.review_sheet(request.user, call)
            if call.status != Call.Status.OPEN
            else [],
            "consent_form": ConsentForm(initial={"publish_name": member.publish_name}),
        },
    )


@login_required
@require_POST
def review_consent(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    member = _seat_or_404(request.user, call)
    form = ConsentForm(request.POST)
    form.is_valid()
    return service_call(
        request,
        lambda: services.committee_set_consent(
            member=member,
            by=request.user,
            publish_name=form.cleaned_data.get("publish_name", False),
        ),
        success=_("氏名の公表についての意向を保存しました。"),
        redirect_to=reverse("selection:review_call", args=[call.pk]),
    )


@login_required
def conflict_declare(request, pk: int):
    application = perms.get_application_for_committee_or_404(request.user, pk)
    declaration = perms.declaration_of(request.user, application)
    allowed, reason = perms.can_declare_conflict(request.user, application)
    queue = reverse("selection:review_call", args=[application.call_id])
    posted = request.method == "POST"
    if posted and (refused := refusal(request, (allowed, reason), redirect_to=queue)):
        return refused
    initial = {}
    if declaration is not None:
        initial = {"has_conflict": "yes" if declaration.has_conflict else "no"}
    form = ConflictForm(request.POST or None, initial=initial)
    if posted and form.is_valid() and (declared := _declare(request, application, form, queue)):
        return declared
    return render(
        request,
        "selection/conflict_form.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "declaration": declaration,
            "allowed": allowed,
            "reason": reason,
        },
    )


def _declare(request, application, form, queue: str):
    """Record the declaration; a reviewer without a conflict goes on to the score sheet."""
    if form.cleaned_data["has_conflict"]:
        success = _("利害関係を申告しました。この応募の審査には加わりません。")
        then = queue
    else:
        success = _("利害関係がないことを申告しました。採点に進めます。")
        then = reverse("selection:score", args=[application.pk])
    return service_call(
        request,
        lambda: services.conflict_declare(
            application=application,
            by=request.user,
            has_conflict=form.cleaned_data["has_conflict"],
            reason=form.cleaned_data["reason"],
        ),
        success=success,
        redirect_to=then,
        form=form,
    )


@login_required
def score(request, pk: int):
    application = perms.get_application_for_committee_or_404(request.user, pk)
    allowed, reason = perms.can_score_application(request.user, application)
    if not allowed:
        # Not declared yet → declare; conflicted → never shown; review over → the call page.
        messages.error(request, reason)
        if reason == str(perms.DECLARE_FIRST):
            return redirect("selection:conflict_declare", application.pk)
        return redirect("selection:review_call", application.call_id)
    call = application.call
    criteria = list(call.criteria.all())
    existing = {
        s.criterion_id: s
        for s in Score.objects.filter(application=application, reviewer=request.user)
    }
    form = ScoreForm(request.POST or None, call=call, criteria=criteria, initial_scores=existing)
    if request.method == "POST" and form.is_valid():
        saved = service_call(
            request,
            lambda: services.scores_save(
                application=application, by=request.user, scores=form.score_inputs()
            ),
            success=lambda _scores: (
                _("%(org)sの採点を保存しました。") % {"org": application.organization}
            ),
            redirect_to=reverse("selection:review_call", args=[call.pk]),
            form=form,
        )
        if saved:
            return saved
    return render(
        request,
        "selection/score_form.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "attachments": list(application.attachments.all()),
        },
    )
