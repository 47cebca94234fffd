"""The committee's pages: each reviewer's queue, conflict declarations and score sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.web import refusal, service_call
from selection import permissions as perms
from selection import selectors, services
from selection.forms import (
    CallConflictForm,
    ConflictForm,
    ConsentForm,
    ScoreForm,
)
from selection.models import Application, Call, CommitteeMember, ConflictDeclaration, Score
from selection.scoring import compute_ranking
from selection.views.common import require

SEATS_PAGE = 50


@login_required
def review_queue(request):
    require(perms.can_review(request.user))
    # A page of seats at a time: a reviewer keeps every committee they sat on, year after year.
    seats = Paginator(selectors.committee_seats_of(request.user), SEATS_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "selection/review_queue.html",
        {"page": seats, "queue": selectors.review_queue_items(request.user)},
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
    sheet = selectors.review_sheet(request.user, call) if call.status != Call.Status.OPEN else []
    signoff = perms.can_sign_off_results(request.user, call)
    return render(
        request,
        "selection/review_call.html",
        {
            "call": call,
            "member": member,
            "criteria": list(call.criteria.all()),
            "sheet": sheet,
            "undeclared": sum(1 for item in sheet if item["declaration"] is None),
            "can_declare": perms.can_declare_for_call(request.user, call)[0],
            "consent_form": ConsentForm(initial={"publish_name": member.publish_name}),
            # The chair approves the ranking and the decision when the call asks for it.
            "can_sign_off": signoff[0],
            "signoff_ranking": compute_ranking(call) if signoff[0] else None,
        },
    )


@login_required
def conflict_declare_for_call(request, pk: int):
    """One declaration covering every submitted applicant of the call."""
    call = perms.get_call_for_view_or_404(request.user, pk)
    _seat_or_404(request.user, call)
    allowed, reason = perms.can_declare_for_call(request.user, call)
    back = reverse("selection:review_call", args=[call.pk])
    posted = request.method == "POST"
    if posted and (refused := refusal(request, (allowed, reason), redirect_to=back)):
        return refused
    applications = list(
        call.applications.filter(status=Application.Status.SUBMITTED)
        .select_related("organization")
        .order_by("submitted_at", "pk")
    )
    declarations = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(application__call=call, reviewer=request.user)
    }
    form = CallConflictForm(
        request.POST or None, applications=applications, declarations=declarations
    )
    if posted and form.is_valid():
        declared = service_call(
            request,
            lambda: services.conflict_declare_for_call(
                call=call, by=request.user, conflicts=form.conflicts()
            ),
            success=_(
                "利害関係の申告を保存しました。利害関係のない応募の内容を閲覧・採点できます。"
            ),
            redirect_to=lambda _written: _next_sheet(request.user, call) or back,
            form=form,
        )
        if declared:
            return declared
    return render(
        request,
        "selection/conflict_call_form.html",
        {
            "call": call,
            "form": form,
            "undeclared": [a for a in applications if a.pk not in declarations],
            "allowed": allowed,
            "reason": reason,
        },
        status=400 if posted else 200,
    )


def _next_sheet(user, call) -> str | None:
    """The first score sheet still to fill in after declaring, so the member goes straight on
    to scoring as the declaration for one application always did."""
    for item in selectors.review_sheet(user, call):
        declaration = item["declaration"]
        if declaration is not None and not declaration.has_conflict and not item["scored"]:
            return reverse("selection:score", args=[item["application"].pk])
    return None


@login_required
@require_POST
def results_sign_off(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    _seat_or_404(request.user, call)
    return service_call(
        request,
        lambda: services.results_sign_off(call=call, by=request.user),
        success=_("審査結果を承認しました。担当課が選定結果を公表できるようになりました。"),
        redirect_to=reverse("selection:review_call", args=[call.pk]),
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
            return redirect("selection:conflict_declare_for_call", application.call_id)
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
