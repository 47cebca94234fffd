"""Improvement items: adding them at the exchange, changing them, and acknowledging in a new
project how a carried-forward item was reflected."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluation import selectors, services
from evaluation.forms import AcknowledgeForm, ImprovementForm
from evaluation.permissions import (
    can_acknowledge,
    can_view_exchange,
    get_item_or_404,
    get_project_or_404,
    get_round_or_404,
)
from evaluation.views.base import forbidden, refused_page, safe_next
from evaluation.views.rounds import render_exchange
from kyodo_portal.core.web import service_call


@login_required
@require_POST
def improvement_add(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    form = ImprovementForm(request.POST)
    if form.is_valid():
        added = service_call(
            request,
            lambda: services.improvement_add(
                round_=round_,
                by=request.user,
                text=form.cleaned_data["text"],
                owner=form.cleaned_data["owner"],
                carry_forward=form.cleaned_data["carry_forward"],
            ),
            success=_("改善点を追加しました。"),
            redirect_to=reverse("evaluation:exchange", args=[round_.pk]) + "#improvements",
            form=form,
            refused=refused_page(request, round_.project),
        )
        if added:
            return added
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    return render_exchange(request, round_, status=400, improvement_form=form)


@login_required
@require_POST
def improvement_change(request, pk: int):
    item = get_item_or_404(request.user, pk)
    action = request.POST.get("action")
    if action == "delete":
        change = partial(services.improvement_delete, item=item, by=request.user)
        success = _("改善点を削除しました。")
    elif action in ("carry", "stop"):
        change = partial(
            services.improvement_set_carry_forward,
            item=item,
            by=request.user,
            carry_forward=action == "carry",
        )
        success = _("改善点の引継ぎを変更しました。")
    else:
        return forbidden(request, _("操作を選んでください。"), status=400)
    exchange = reverse("evaluation:exchange", args=[item.round_id]) + "#improvements"
    return service_call(
        request,
        change,
        success=success,
        redirect_to=safe_next(request, exchange),
        refused=refused_page(request, item.project),
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
        return forbidden(request, reason, project=project)
    fallback = reverse("evaluation:project", args=[project.pk])
    if request.method == "POST":
        form = AcknowledgeForm(request.POST)
        if form.is_valid():
            acknowledged = service_call(
                request,
                lambda: services.improvement_acknowledge(
                    item=item, project=project, by=request.user, note=form.cleaned_data["note"]
                ),
                success=_("改善点の反映を確認しました。"),
                redirect_to=safe_next(request, fallback),
                form=form,
                refused=refused_page(request, project),
            )
            if acknowledged:
                return acknowledged
        status = 400
    else:
        form = AcknowledgeForm()
        status = 200
    return render(
        request,
        "evaluation/acknowledge.html",
        {"project": project, "item": item, "form": form, "next": safe_next(request, fallback)},
        status=status,
    )
