"""Improvement items: adding them at the exchange, changing them, and acknowledging in a new
project how a carried-forward item was reflected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
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
from evaluation.views.base import add_errors, forbidden, safe_next
from evaluation.views.rounds import render_exchange
from kyodo_portal.core.errors import PermissionDenied


@login_required
@require_POST
def improvement_add(request, pk: int):
    round_ = get_round_or_404(request.user, pk)
    form = ImprovementForm(request.POST)
    if form.is_valid():
        try:
            services.improvement_add(
                round_=round_,
                by=request.user,
                text=form.cleaned_data["text"],
                owner=form.cleaned_data["owner"],
                carry_forward=form.cleaned_data["carry_forward"],
            )
        except PermissionDenied as error:
            return forbidden(request, str(error), project=round_.project)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("改善点を追加しました。"))
            return redirect(reverse("evaluation:exchange", args=[round_.pk]) + "#improvements")
    allowed, reason = can_view_exchange(request.user, round_)
    if not allowed:
        return forbidden(request, reason, project=round_.project)
    return render_exchange(request, round_, status=400, improvement_form=form)


@login_required
@require_POST
def improvement_change(request, pk: int):
    item = get_item_or_404(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "delete":
            services.improvement_delete(item=item, by=request.user)
            messages.success(request, _("改善点を削除しました。"))
        elif action in ("carry", "stop"):
            services.improvement_set_carry_forward(
                item=item, by=request.user, carry_forward=action == "carry"
            )
            messages.success(request, _("改善点の引継ぎを変更しました。"))
        else:
            return forbidden(request, _("操作を選んでください。"), status=400)
    except PermissionDenied as error:
        return forbidden(request, str(error), project=item.project)
    return redirect(
        safe_next(request, reverse("evaluation:exchange", args=[item.round_id]) + "#improvements")
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
            try:
                services.improvement_acknowledge(
                    item=item, project=project, by=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_errors(form, error)
            except PermissionDenied as error:
                return forbidden(request, str(error), project=project)
            else:
                messages.success(request, _("改善点の反映を確認しました。"))
                return redirect(safe_next(request, fallback))
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
