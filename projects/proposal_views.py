"""NPO proposals (協働提案): drafting, consultation (事前協議), adoption or decline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.attachments import AttachmentForm, attachment_response
from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.forms import IrreversibleConfirmForm
from kyodo_portal.core.roles import Role
from partners.selectors import organizations_of
from projects import forms, selectors, services
from projects.choices import ProposalStatus
from projects.models import ProposalAttachment
from projects.permissions import (
    can_add_attachment,
    can_comment_proposal,
    can_create_proposal,
    can_decide_proposal,
    can_edit_proposal,
    can_list_proposals,
    get_attachment_for_download_or_404,
    get_proposal_for_view_or_404,
    is_proposer,
)

PAGE_SIZE = 25


def _deny_unless(decision) -> None:
    if not decision[0]:
        raise Http404


@login_required
def proposal_list(request):
    """NPO members: their organisation's proposals. Staff: those addressed to their office."""
    user = request.user
    _deny_unless(can_list_proposals(user))
    proposals = selectors.proposals_of(user)
    status = request.GET.get("status", "")
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/proposal_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ProposalStatus.choices,
            "can_create": can_create_proposal(user)[0],
        },
    )


@login_required
def proposal_create(request):
    _deny_unless(can_create_proposal(request.user))
    npos = organizations_of(request.user, Role.NPO)
    form = forms.ProposalForm(request.POST or None, npos=npos)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                by=request.user,
                organization=form.cleaned_data["organization"],
                values=form.values(),
                fields=form.cleaned_data["activity_fields"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error("organization", str(error))
        else:
            messages.success(
                request,
                _("提案を下書きとして保存しました。内容を確認して「提出する」を押してください。"),
            )
            return redirect(proposal)
    return render(request, "projects/proposal_form.html", {"form": form, "proposal": None})


@login_required
def proposal_edit(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_edit_proposal(request.user, proposal))
    form = forms.ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(
                proposal=proposal,
                by=request.user,
                values=form.values(),
                fields=form.cleaned_data["activity_fields"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("提案を保存しました。"))
            return redirect(proposal)
    return render(request, "projects/proposal_form.html", {"form": form, "proposal": proposal})


@login_required
def proposal_detail(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk, selectors.proposal_detail(pk))
    user = request.user
    return render(
        request,
        "projects/proposal_detail.html",
        {
            "proposal": proposal,
            "is_proposer": is_proposer(user, proposal),
            "can_edit": can_edit_proposal(user, proposal)[0],
            "can_comment": can_comment_proposal(user, proposal)[0],
            "can_decide": can_decide_proposal(user, proposal)[0],
            "can_attach": can_add_attachment(user, proposal)[0],
            "comment_form": forms.CommentForm(),
            "decline_form": forms.DeclineForm(),
            "adopt_form": forms.AdoptForm(),
            "attachment_form": AttachmentForm(),
            "submit_form": IrreversibleConfirmForm(),
        },
    )


def _render_detail_with(request, proposal_pk: int, **forms_in_error):
    """Re-render the proposal page with a bound form in error, keeping what was typed."""
    proposal = get_proposal_for_view_or_404(
        request.user, proposal_pk, selectors.proposal_detail(proposal_pk)
    )
    user = request.user
    context = {
        "proposal": proposal,
        "is_proposer": is_proposer(user, proposal),
        "can_edit": can_edit_proposal(user, proposal)[0],
        "can_comment": can_comment_proposal(user, proposal)[0],
        "can_decide": can_decide_proposal(user, proposal)[0],
        "can_attach": can_add_attachment(user, proposal)[0],
        "comment_form": forms.CommentForm(),
        "decline_form": forms.DeclineForm(),
        "adopt_form": forms.AdoptForm(),
        "attachment_form": AttachmentForm(),
        "submit_form": IrreversibleConfirmForm(),
    }
    context.update(forms_in_error)
    return render(request, "projects/proposal_detail.html", context, status=400)


@login_required
@require_POST
def proposal_submit(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_edit_proposal(request.user, proposal))
    form = IrreversibleConfirmForm(request.POST)
    if not form.is_valid():
        return _render_detail_with(request, pk, submit_form=form)
    try:
        services.proposal_submit(proposal=proposal, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("提案を提出しました。担当課との事前協議が始まります。"),
        )
    return redirect(proposal)


@login_required
@require_POST
def proposal_comment(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_comment_proposal(request.user, proposal))
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        return _render_detail_with(request, pk, comment_form=form)
    services.proposal_comment(proposal=proposal, by=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("コメントを投稿しました。"))
    return redirect(proposal.get_absolute_url() + "#consultation")


@login_required
@require_POST
def proposal_adopt(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_decide_proposal(request.user, proposal))
    form = forms.AdoptForm(request.POST)
    form.is_valid()
    project = services.proposal_adopt(
        proposal=proposal, by=request.user, comment=form.cleaned_data.get("comment", "")
    )
    messages.success(
        request,
        _("提案を採択し、協働事業を作成しました。適否検討から進めてください。"),
    )
    return redirect(project)


@login_required
@require_POST
def proposal_decline(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_decide_proposal(request.user, proposal))
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return _render_detail_with(request, pk, decline_form=form)
    services.proposal_decline(
        proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("提案を不採択としました。理由は提案団体に表示されます。"))
    return redirect(proposal)


@login_required
@require_POST
def attachment_upload(request, pk: int):
    proposal = get_proposal_for_view_or_404(request.user, pk)
    _deny_unless(can_add_attachment(request.user, proposal))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                proposal=proposal, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
    if form.errors:
        return _render_detail_with(request, pk, attachment_form=form)
    messages.success(request, _("ファイルを添付しました。"))
    return redirect(proposal.get_absolute_url() + "#attachments")


@login_required
def attachment_download(request, pk: int):
    """Served only here, after the same check as the proposal page."""
    return attachment_response(get_attachment_for_download_or_404(request.user, pk))


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = ProposalAttachment.objects.select_related("proposal").filter(pk=pk).first()
    if attachment is None or not can_edit_proposal(request.user, attachment.proposal)[0]:
        raise Http404
    services.attachment_delete(attachment=attachment, by=request.user)
    messages.success(request, _("添付ファイルを削除しました。"))
    return redirect(attachment.proposal.get_absolute_url() + "#attachments")
