"""The agreement (役割分担・費用分担・責任分担): the current draft, editing it, its versions, both
sides' confirmations and the printable document.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import advice, forms, selectors, services
from projects.choices import ConfirmingSide, Stage
from projects.facts import ProjectFacts
from projects.models import AgreementVersion, MethodPlan
from projects.permissions import (
    can_confirm_agreement,
    can_edit_agreement,
    get_facts_for_view_or_404,
    get_project_for_edit_or_404,
)
from projects.views.common import PROJECT_PAGE, deny_unless, render_project_page
from projects.workflow import closed_gates


def _agreement_context(request, facts: ProjectFacts, version: AgreementVersion | None) -> dict:
    user, project = request.user, facts.project
    costs = list(version.costs.all()) if version else []
    confirmed = {c.side: c for c in version.confirmations.all()} if version else {}
    sides = []
    for side in ConfirmingSide:
        sides.append(
            {
                "value": side.value,
                "label": side.label,
                "confirmation": confirmed.get(side.value),
                "can_confirm": version is not None
                and side.value not in confirmed
                and can_confirm_agreement(user, facts, side.value)[0],
                "confirm_form": forms.ConfirmForm(side=side.value),
            }
        )
    return {
        "project": project,
        "version": version,
        "totals": selectors.cost_totals(costs, project.budget) if version else None,
        "sides": sides,
        "warnings": advice.plan_warnings(method=project.method, cost_lines=costs)
        if version
        else [],
    }


@login_required
def agreement(request, pk: int, *, confirm_form=None):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    project = facts.project
    version = selectors.agreement_version(project)
    context = _agreement_context(request, facts, version)
    for side in context["sides"]:
        if confirm_form is not None and confirm_form.side == side["value"]:
            side["confirm_form"] = confirm_form  # in error: the tick was missing
    context.update(
        versions=selectors.agreement_versions(project),
        can_edit=can_edit_agreement(request.user, facts)[0],
        gate_reasons=closed_gates(facts, Stage.IMPLEMENTATION)
        if project.stage == Stage.AGREEMENT
        else [],
        stage_cases=selectors.stage_cases(Stage.AGREEMENT, project.method),
    )
    return render_project_page(request, "projects/agreement.html", context)


@login_required
def agreement_edit(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk, PROJECT_PAGE)
    deny_unless(can_edit_agreement(request.user, project))
    version = selectors.agreement_version(project)
    data = request.POST if request.method == "POST" else None
    lines = forms.agreement_formsets(data, version)
    meta = forms.AgreementRevisionForm(
        data, initial={"revision": version.agreement.revision if version else 0}
    )
    errors: list[str] = []
    if data is not None:
        errors = _save_draft(request, project, version, meta, lines)
        if not errors:
            return redirect("projects:agreement", pk=project.pk)
    roles, costs, responsibilities = lines
    return render(
        request,
        "projects/agreement_form.html",
        {
            "project": project,
            "version": version,
            "meta": meta,
            "roles": roles,
            "costs": costs,
            "responsibilities": responsibilities,
            "errors": errors,
            "confirmed": bool(version and version.confirmations.all()),
        },
    )


def _save_draft(request, project, version: AgreementVersion | None, meta, lines) -> list[str]:
    """Save the submitted draft and say so; the errors to show instead, if any."""
    roles, costs, responsibilities = lines
    if not all(f.is_valid() for f in (meta, roles, costs, responsibilities)):
        return [_("入力内容に誤りがあります。各行の表示を確認してください。")]
    try:
        saved = services.agreement_save(
            project=project,
            by=request.user,
            roles=roles.lines(),
            costs=costs.lines(),
            responsibilities=responsibilities.lines(),
            revision=meta.cleaned_data["revision"],
        )
    except ValidationError as error:
        return error.messages
    if version and saved.number != version.number:
        messages.info(
            request,
            _(
                "確認済みの版を変更したため、第%(number)s版として保存しました。"
                "双方の確認はやり直しになります。"
            )
            % {"number": saved.number},
        )
    messages.success(request, _("協定案を保存しました。"))
    return []


@login_required
@require_POST
def agreement_confirm(request, pk: int, side: str):
    facts = get_facts_for_view_or_404(request.user, pk)
    project = facts.project
    if side not in ConfirmingSide.values:
        raise Http404
    deny_unless(can_confirm_agreement(request.user, facts, side))
    form = forms.ConfirmForm(request.POST, side=side)
    if not form.is_valid() and "confirm" in form.errors:
        response = agreement(request, pk, confirm_form=form)
        response.status_code = 400
        return response
    if form.is_valid():
        try:
            services.agreement_confirm(
                project=project, by=request.user, side=side, number=form.cleaned_data["number"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("第%(number)s版の協定案を確認しました。")
                % {"number": form.cleaned_data["number"]},
            )
    return redirect("projects:agreement", pk=project.pk)


@login_required
def agreement_version(request, pk: int, number: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    project = facts.project
    version = selectors.agreement_version(project, number)
    if version is None:
        raise Http404
    previous = selectors.agreement_version(project, number - 1) if number > 1 else None
    context = _agreement_context(request, facts, version)
    for side in context["sides"]:
        side["can_confirm"] = False  # only the current version is confirmed, on its own page
    context.update(
        previous=previous,
        diff=selectors.agreement_diff(previous, version) if previous else None,
        is_current=version.number == version.agreement.current_number,
    )
    return render_project_page(request, "projects/agreement_version.html", context)


@login_required
def agreement_print(request, pk: int):
    """The 協定書案: the current version laid out as a document, printed with print CSS."""
    facts = get_facts_for_view_or_404(
        request.user,
        pk,
        PROJECT_PAGE.prefetch_related(
            Prefetch("project_partners", to_attr="all_partners"), "project_partners__organization"
        ),
    )
    project = facts.project
    number = request.GET.get("version")
    version = selectors.agreement_version(
        project, int(number) if number and number.isdigit() else None
    )
    if version is None:
        raise Http404
    context = _agreement_context(request, facts, version)
    context["partners"] = [
        p for p in project.all_partners if p.status == p.Status.PARTNER
    ] or project.all_partners
    context["plan"] = MethodPlan.objects.filter(project=project).first()
    return render(request, "projects/agreement_print.html", context)
