"""The NPO's pages: its applications, their drafts, submission and attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.attachments import AttachmentForm, attachment_response
from kyodo_portal.core.forms import IrreversibleConfirmForm
from kyodo_portal.core.web import refusal, service_call
from partners.selectors import npos_of
from selection import permissions as perms
from selection import selectors, services
from selection.forms import (
    ApplicationForm,
    NewApplicationForm,
)
from selection.models import Score
from selection.scoring import compute_ranking
from selection.views.common import require

APPLICATIONS_PAGE = 50
OPEN_CALLS_SHOWN = 20


@login_required
def my_applications(request):
    npos = npos_of(request.user)
    require((bool(npos), ""))
    # A page of the organisations' applications at a time, and the open calls closing soonest
    # that one of them has not applied to yet: an active NPO applies year after year, and a
    # country has hundreds of calls open at once.
    page = Paginator(selectors.applications_of(request.user), APPLICATIONS_PAGE).get_page(
        request.GET.get("page")
    )
    calls = selectors.open_calls_to_apply(npos)
    return render(
        request,
        "selection/my_applications.html",
        {
            "page": page,
            "open_calls": calls[:OPEN_CALLS_SHOWN],
            "open_calls_total": calls.count(),
        },
    )


@login_required
def application_create(request, call_pk: int):
    call = perms.get_public_call_or_404(request.user, call_pk)
    decision = perms.can_apply_to_call(request.user, call)
    if refused := refusal(request, decision, redirect_to=call.get_public_url()):
        return refused
    organizations = npos_of(request.user)
    form = NewApplicationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        created = service_call(
            request,
            lambda: services.application_create(
                call=call,
                organization=form.cleaned_data["organization"],
                by=request.user,
                values={k: form.cleaned_data[k] for k in services.APPLICATION_FIELDS},
            ),
            success=_("応募を下書きとして保存しました。締切までに「提出する」を押してください。"),
            redirect_to=lambda application: application.get_absolute_url(),
            form=form,
        )
        if created:
            return created
    return render(
        request,
        "selection/application_form.html",
        {"call": call, "form": form, "application": None},
    )


def _own_scores(application) -> dict | None:
    """The applicant's own per-criterion scores and comments, reviewers named only 委員A, B…"""
    scores = list(
        Score.objects.filter(application=application)
        .select_related("criterion")
        .order_by("criterion__position", "reviewer_id")
    )
    letters = {}
    for reviewer_id in sorted({s.reviewer_id for s in scores}):
        letters[reviewer_id] = _("委員%(letter)s") % {"letter": chr(ord("A") + len(letters))}
    by_criterion: dict = {}
    for score in scores:
        by_criterion.setdefault(score.criterion, []).append(
            {"reviewer": letters[score.reviewer_id], "value": score.value, "comment": score.comment}
        )
    row = compute_ranking(application.call).row_for(application.pk)
    return {"by_criterion": by_criterion, "row": row}


@login_required
def application_detail(request, pk: int):
    application = perms.get_application_for_view_or_404(request.user, pk)
    return _application_page(request, application)


def _application_page(request, application, *, submit_form=None, status: int = 200):
    """The application's page; with the submission's form in error when the tick was missing."""
    user = request.user
    now = timezone.now()
    own_scores = None
    if perms.can_view_own_scores(user, application)[0]:
        own_scores = _own_scores(application)
    return render(
        request,
        "selection/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "attachments": list(application.attachments.all()),
            "is_applicant": perms.is_applicant_member(user, application),
            "edit": perms.can_edit_application(user, application, now),
            "can_withdraw": perms.can_withdraw_application(user, application, now)[0],
            "can_reopen": perms.can_reopen_application(user, application, now)[0],
            "can_score": perms.can_score_application(user, application)[0],
            "can_get_notice": perms.can_get_result_notice(user, application)[0],
            "attachment_form": AttachmentForm(),
            "own_scores": own_scores,
            "submit_form": submit_form or IrreversibleConfirmForm(),
        },
        status=status,
    )


@login_required
def application_edit(request, pk: int):
    application = perms.get_application_for_applicant_or_404(request.user, pk)
    back = application.get_absolute_url()
    decision = perms.can_edit_application(request.user, application)
    if refused := refusal(request, decision, redirect_to=back):
        return refused
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=application)
        if form.is_valid():
            saved = service_call(
                request,
                lambda: services.application_update(
                    application=application,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.APPLICATION_FIELDS},
                    version=form.cleaned_data["version"],
                ),
                success=_("応募の下書きを保存しました。"),
                redirect_to=back,
                form=form,
            )
            if saved:
                return saved
    else:
        form = ApplicationForm(instance=application, initial={"version": application.version})
    return render(
        request,
        "selection/application_form.html",
        {"call": application.call, "form": form, "application": application},
    )


def _applicant_action(request, pk: int, service, success: str):
    application = perms.get_application_for_applicant_or_404(request.user, pk)
    return service_call(
        request,
        lambda: service(application=application, by=request.user),
        success=success,
        redirect_to=application.get_absolute_url(),
    )


@login_required
@require_POST
def application_submit(request, pk: int):
    form = IrreversibleConfirmForm(request.POST)
    if not form.is_valid():
        application = perms.get_application_for_applicant_or_404(request.user, pk)
        return _application_page(request, application, submit_form=form, status=400)
    return _applicant_action(request, pk, services.application_submit, _("応募を提出しました。"))


@login_required
@require_POST
def application_withdraw(request, pk: int):
    return _applicant_action(
        request, pk, services.application_withdraw, _("応募を取り下げました。")
    )


@login_required
@require_POST
def application_reopen(request, pk: int):
    return _applicant_action(
        request,
        pk,
        services.application_reopen,
        _("応募を下書きに戻しました。締切までに提出し直してください。"),
    )


@login_required
@require_POST
def attachment_upload(request, pk: int):
    application = perms.get_application_for_applicant_or_404(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(application.get_absolute_url())
    return service_call(
        request,
        lambda: services.attachment_add(
            application=application, by=request.user, upload=form.cleaned_data["file"]
        ),
        success=_("ファイルを添付しました。"),
        redirect_to=application.get_absolute_url(),
    )


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = perms.get_attachment_for_download_or_404(request.user, pk)
    application = attachment.application
    if not perms.is_applicant_member(request.user, application):
        raise Http404
    return service_call(
        request,
        lambda: services.attachment_delete(attachment=attachment, by=request.user),
        success=_("添付ファイルを削除しました。"),
        redirect_to=application.get_absolute_url(),
    )


@login_required
def attachment_download(request, pk: int):
    """Served only here, after the same check as the application itself."""
    return attachment_response(perms.get_attachment_for_download_or_404(request.user, pk))
