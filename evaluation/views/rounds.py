"""A round's exchange: the side-by-side table, comments on the other side's sheet, the meeting
record, the third party's comment, and publishing the summary."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from evaluation import selectors, services
from evaluation import sheet as sheet_data
from evaluation.forms import (
    CommentOnOtherForm,
    ImprovementForm,
    MeetingForm,
    ThirdPartyForm,
    ThirdPartyRequestForm,
)
from evaluation.permissions import (
    THIRD_PARTY_BY_MANAGERS,
    can_comment_on_other,
    can_view_exchange,
    get_round_for_access_or_404,
    get_round_or_404,
    get_sheet_or_404,
)
from evaluation.views.base import forbidden, refused_page
from kyodo_portal.core.pdf import pdf_response
from kyodo_portal.core.web import service_call
from projects.page_copies import cached_project_page


def render_exchange(request, round_, *, status: int = 200, **forms):
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
        "third_party_request_form": forms.get("third_party_request_form")
        or ThirdPartyRequestForm(),
        "third_party_by_managers": THIRD_PARTY_BY_MANAGERS,
        "improvement_form": forms.get("improvement_form") or ImprovementForm(),
        "improvements": selectors.improvements_of(request.user, round_),
        "gap_limit": sheet_data.GAP_FOR_DISCUSSION,
    }
    return render(request, "evaluation/exchange.html", context, status=status)


def exchange_round(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    allowed, reason = can_view_exchange(request.user, round_)
    return round_, allowed, reason


@login_required
@require_GET
def exchange(request, pk: int):
    # The copy is kept under the round's project, so the rule is checked first, on the round's
    # light row; the page, when it is built, reads the whole round.
    round_ = get_round_for_access_or_404(request.user, pk)
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    return cached_project_page(
        request,
        round_.project_id,
        lambda: render_exchange(request, get_round_or_404(request.user, pk)),
        check=None,  # made above, on every answer
    )


@login_required
@require_GET
def exchange_print(request, pk: int):
    round_, allowed, reason = exchange_round(request, pk)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    return render(
        request, "evaluation/exchange_print.html", _exchange_print_context(request, round_)
    )


def _exchange_print_context(request, round_) -> dict:
    return {
        "project": round_.project,
        "round": round_,
        **selectors.exchange_table(round_),
        "improvements": selectors.improvements_of(request.user, round_),
        "gap_limit": sheet_data.GAP_FOR_DISCUSSION,
    }


@login_required
@require_GET
def exchange_pdf(request, pk: int):
    """The exchange (gap) sheet as a PDF to file; refused while sealed, as the exchange page."""
    round_, allowed, reason = exchange_round(request, pk)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    filename = _("相互評価シート_%(kind)s_%(title)s.pdf") % {
        "kind": round_.get_kind_display(),
        "title": round_.project.title,
    }
    return pdf_response(
        request, "pdf/exchange.html", _exchange_print_context(request, round_), filename
    )


@login_required
@require_POST
def comment_save(request, pk: int):
    sheet = get_sheet_or_404(request.user, pk)
    round_ = sheet.round
    allowed, reason = can_comment_on_other(request.user, sheet)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    form = CommentOnOtherForm(request.POST, prefix=f"s{sheet.pk}")
    if form.is_valid():
        saved = service_call(
            request,
            lambda: services.evaluation_comment_on_other(
                evaluation=sheet, by=request.user, text=form.cleaned_data["comment_on_other"]
            ),
            success=_("相手の評価へのコメントを保存しました。"),
            redirect_to=reverse("evaluation:exchange", args=[round_.pk]),
            form=form,
            refused=refused_page(request, round_.project),
        )
        if saved:
            return saved
    return render_exchange(request, round_, status=400, **{f"comment_{sheet.pk}": form})


def _exchange_post(request, round_, form, form_name: str, call, *, success: str, anchor: str = ""):
    """A form of the exchange page: its service run once the form is valid, else the page again
    with the form as entered (status 400), or the refusal for someone who may not see it."""
    if form.is_valid():
        done = service_call(
            request,
            lambda: call(form.cleaned_data),
            success=success,
            redirect_to=reverse("evaluation:exchange", args=[round_.pk]) + anchor,
            form=form,
            refused=refused_page(request, round_.project),
        )
        if done:
            return done
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    return render_exchange(request, round_, status=400, **{form_name: form})


@login_required
@require_POST
def meeting_record(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    return _exchange_post(
        request,
        round_,
        MeetingForm(request.POST),
        "meeting_form",
        lambda data: services.exchange_record(
            round_=round_,
            by=request.user,
            meeting_date=data["meeting_date"],
            attendees=data["meeting_attendees"],
            conclusions=data["conclusions"],
            version=data["version"],
        ),
        success=_("振り返り会議の記録を保存しました。"),
    )


@login_required
@require_POST
def third_party_save(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    return _exchange_post(
        request,
        round_,
        ThirdPartyForm(request.POST),
        "third_party_form",
        lambda data: services.third_party_comment_save(
            round_=round_,
            by=request.user,
            name=data["third_party_name"],
            comment=data["third_party_comment"],
        ),
        success=_("第三者のコメントを保存しました。"),
    )


@login_required
@require_POST
def third_party_request(request, pk: int):
    """Staff ask the managers for the third party's comment they cannot enter themselves."""
    round_ = get_round_or_404(request.user, pk)
    return _exchange_post(
        request,
        round_,
        ThirdPartyRequestForm(request.POST),
        "third_party_request_form",
        lambda data: services.third_party_comment_request(
            round_=round_, by=request.user, message=data["message"]
        ),
        success=_("第三者のコメントを管理職・推進担当に依頼しました。"),
        anchor="#third-party",
    )


@login_required
@require_POST
def publish(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    if request.POST.get("action") == "unpublish":
        change = partial(services.round_unpublish, round_=round_, by=request.user)
        success = _("評価の概要の公表を取りやめました。")
    else:
        change = partial(services.round_publish, round_=round_, by=request.user)
        success = _("評価の概要を公表しました。")
    return service_call(
        request,
        change,
        success=success,
        redirect_to=reverse("evaluation:exchange", args=[round_.pk]),
        refused=refused_page(request, round_.project),
    )
