"""Project pages. Thin: check access, validate, call one service, redirect with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.roles import Role
from partners.selectors import organization_ids_of, organizations_of
from projects import advice, forms, selectors, services
from projects import suitability as questionnaire
from projects.choices import (
    STAGE_ORDER,
    ConfirmingSide,
    Method,
    Principle,
    Stage,
    SuitabilityOutcome,
)
from projects.facts import ProjectFacts
from projects.models import (
    AgreementVersion,
    Hearing,
    MethodPlan,
    Project,
    Suitability,
    SuitabilityAnswer,
)
from projects.permissions import (
    can_add_note,
    can_advance_project,
    can_confirm_agreement,
    can_create_project,
    can_edit_agreement,
    can_edit_method,
    can_edit_project,
    can_edit_suitability,
    can_list_projects,
    get_facts_for_view_or_404,
    get_project_for_edit_or_404,
    get_project_for_view_or_404,
    is_partner_member,
)
from projects.workflow import allowed_targets, closed_gates, is_backward, next_stage

PAGE_SIZE = 25
DETAIL_NOTES = 5

# What the project pages show of related rows (each further join costs about half a millisecond).
PROJECT_PAGE = Project.objects.select_related("owner_office", "responsible_staff")


def _project_page(request, template: str, context: dict):
    """Render a page of one project; every such page shows the stage bar."""
    context.setdefault("stage_bar", _stage_bar(context["project"]))
    return render(request, template, context)


def _deny_unless(decision) -> None:
    """A refused action on a page the person may see is a 404 too: nothing to tell outsiders,
    and insiders never see the button."""
    if not decision[0]:
        raise Http404


def _language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


# --- Lists -------------------------------------------------------------------------------


@login_required
def project_list(request):
    _deny_unless(can_list_projects(request.user))
    form = forms.ProjectFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.project_list(request.user, filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": can_create_project(request.user)[0],
        },
    )


@login_required
def my_projects(request):
    """An NPO member's own proposals and the projects their organisation takes part in."""
    if not organization_ids_of(request.user, Role.NPO):
        raise Http404
    projects = Paginator(selectors.projects_of_npo(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    proposals = selectors.proposals_of(request.user).filter(
        organization_id__in=organization_ids_of(request.user, Role.NPO)
    )[:50]
    return render(
        request,
        "projects/my_projects.html",
        {"projects": projects, "proposals": proposals},
    )


# --- Create and edit ---------------------------------------------------------------------


def _predecessors(user):
    return Project.objects.filter(
        owner_office_id__in=organization_ids_of(user, Role.STAFF)
    ).order_by("-fiscal_year_start", "title")


@login_required
def project_create(request):
    _deny_unless(can_create_project(request.user))
    offices = organizations_of(request.user, Role.STAFF)
    form = forms.ProjectForm(
        request.POST or None, offices=offices, predecessors=_predecessors(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                by=request.user,
                owner_office=form.cleaned_data["owner_office"],
                values=form.values(),
                fields=form.cleaned_data["activity_fields"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as error:
            form.add_error("owner_office", str(error))
        else:
            messages.success(request, _("協働事業を作成しました。"))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk, PROJECT_PAGE)
    form = forms.ProjectForm(
        request.POST or None,
        instance=project,
        predecessors=_predecessors(request.user).exclude(pk=project.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(
                project=project,
                by=request.user,
                values=form.values(),
                fields=form.cleaned_data["activity_fields"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("事業の基本情報を保存しました。"))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


# --- The project page --------------------------------------------------------------------


def _stage_bar(project: Project) -> list[dict]:
    if project.stage == Stage.ENDED:
        current_index = STAGE_ORDER.index(Stage.SUITABILITY)
    else:
        current_index = STAGE_ORDER.index(project.stage)
    bar = []
    for index, stage in enumerate(STAGE_ORDER):
        state = "done" if index < current_index else "todo"
        if index == current_index and project.stage != Stage.ENDED:
            state = "current"
        elif index == current_index:
            state = "done"
        bar.append({"value": stage.value, "label": stage.label, "state": state})
    if project.stage == Stage.ENDED:
        bar.append({"value": Stage.ENDED.value, "label": Stage.ENDED.label, "state": "current"})
    return bar


def _moves(facts: ProjectFacts, reasons: dict[str, list[str]]) -> list[dict]:
    """The stage changes open from here, each with what is still missing (``reasons`` holds the
    gates already checked, by target, and receives those checked here)."""
    moves = []
    for target in allowed_targets(facts.project):
        backward = is_backward(facts.stage, target)
        if not backward and target not in reasons:
            reasons[target] = closed_gates(facts, target)
        moves.append(
            {
                "to": target,
                "label": Stage(target).label,
                "backward": backward,
                "ending": target == Stage.ENDED,
                "reasons": [] if backward else reasons[target],
                "form": forms.BackForm(initial={"to": target})
                if backward
                else forms.AdvanceForm(initial={"to": target}),
            }
        )
    return moves


@login_required
def project_detail(request, pk: int):
    # One snapshot for the page: its checks, gates and panels share what they read.
    facts = selectors.project_page(request.user, pk)
    project, user = facts.project, request.user
    decision, answers, plan = facts.suitability, facts.answers, facts.method_plan
    version = facts.agreement
    cost_lines = list(version.costs.all()) if version else []
    warnings = (
        advice.plan_warnings(
            method=project.method,
            rationale=plan.rationale if plan else "",
            cost_lines=cost_lines,
        )
        if project.method
        else []
    )
    notes = list(project.notes.select_related("author", "author_organization")[:DETAIL_NOTES])
    # The gates are checked once for the page: the next-step summary and the buttons share them.
    upcoming = next_stage(project)
    reasons = {upcoming: closed_gates(facts, upcoming)} if upcoming else {}
    context = {
        "project": project,
        "stage_bar": _stage_bar(project),
        "moves": _moves(facts, reasons) if can_advance_project(user, facts)[0] else [],
        "next_stage": upcoming,
        "next_reasons": reasons.get(upcoming, []),
        "timeline": selectors.timeline(project),
        "partners": facts.partners,
        "fields": list(project.fields.all()),
        "suitability": decision,
        "recommendation": questionnaire.recommend(answers),
        "answered": len([a for a in answers.values() if a]),
        "question_count": len(questionnaire.QUESTION_KEYS),
        "plan": plan,
        "agreement_version": version,
        "cost_totals": selectors.cost_totals(cost_lines, project.budget) if version else None,
        "warnings": warnings,
        "notes": notes,
        "can_edit": can_edit_project(user, facts)[0],
        "can_add_note": can_add_note(user, facts)[0],
        "is_partner": is_partner_member(user, facts),
        "panels": selectors.project_panels(user, facts),
        "stage_cases": selectors.stage_cases(project.stage, project.method),
        "Stage": Stage,
    }
    return _project_page(request, "projects/project_detail.html", context)


@login_required
@require_POST
def project_advance(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk)
    target = request.POST.get("to", "")
    backward = is_backward(project.stage, target)
    form = (forms.BackForm if backward else forms.AdvanceForm)(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(project)
    try:
        services.project_advance(
            project=project, to=target, by=request.user, comment=form.cleaned_data["comment"]
        )
    except services.GateClosed as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    else:
        messages.success(
            request,
            _("「%(stage)s」の段階に移りました。") % {"stage": Stage(target).label},
        )
    return redirect(project)


# --- Suitability -------------------------------------------------------------------------


@login_required
def suitability(request, pk: int):
    project = get_project_for_view_or_404(request.user, pk, PROJECT_PAGE)
    can_edit = can_edit_suitability(request.user, project)[0]
    decision = Suitability.objects.filter(project=project).first()
    stored = {a.question: a for a in SuitabilityAnswer.objects.filter(project=project)}
    initial = {"version": decision.version if decision else 0}
    if decision:
        initial.update(outcome=decision.outcome, justification=decision.justification)
    for key, answer in stored.items():
        initial[f"answer_{key}"] = answer.answer
        initial[f"note_{key}"] = answer.note
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_edit:
        raise Http404
    form = forms.SuitabilityForm(data, initial=initial, language=_language())
    if data is not None and form.is_valid():
        try:
            services.suitability_save(
                project=project,
                by=request.user,
                answers=form.answers(),
                notes=form.notes(),
                outcome=form.cleaned_data["outcome"],
                justification=form.cleaned_data["justification"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("適否検討を保存しました。"))
            return redirect("projects:suitability", pk=project.pk)
    answers = (
        form.answers()
        if form.is_bound and form.is_valid()
        else {k: a.answer for k, a in stored.items()}
    )
    recommendation = questionnaire.recommend(answers)
    return _project_page(
        request,
        "projects/suitability.html",
        {
            "project": project,
            "form": form,
            "can_edit": can_edit,
            "decision": decision,
            "stored": stored,
            "viewpoints": _viewpoints_for_display(stored),
            "recommendation": recommendation,
            "because": [questionnaire.question_text(key) for key in recommendation.because]
            if recommendation
            else [],
            "unanswered": len(questionnaire.unanswered(answers)),
            "hearings": list(Hearing.objects.filter(project=project).select_related("recorded_by")),
            "hearing_form": forms.HearingForm(),
            "can_add_hearing": can_edit_project(request.user, project)[0],
            "stage_cases": selectors.stage_cases(Stage.SUITABILITY, project.method),
            "outcomes": SuitabilityOutcome,
        },
    )


def _viewpoints_for_display(stored: dict) -> list[dict]:
    return [
        {
            "title": questionnaire.viewpoint_title(viewpoint),
            "questions": [
                {
                    "text": questionnaire.question_text(q["key"]),
                    "answer": questionnaire.answer_label(stored[q["key"]].answer)
                    if q["key"] in stored
                    else "",
                    "note": stored[q["key"]].note if q["key"] in stored else "",
                }
                for q in viewpoint["questions"]
            ],
        }
        for viewpoint in questionnaire.VIEWPOINTS
    ]


@login_required
def hearing_add(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk, PROJECT_PAGE)
    form = forms.HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.hearing_add(project=project, by=request.user, **form.cleaned_data)
        messages.success(request, _("意見聴取の記録を追加しました。"))
        return redirect(reverse("projects:suitability", args=[project.pk]) + "#hearings")
    return render(request, "projects/hearing_form.html", {"project": project, "form": form})


# --- Method ------------------------------------------------------------------------------


@login_required
def method(request, pk: int):
    project = get_project_for_view_or_404(request.user, pk, PROJECT_PAGE)
    can_edit = can_edit_method(request.user, project)[0]
    plan = MethodPlan.objects.filter(project=project).first()
    initial = {"version": plan.version if plan else 0, "method": project.method}
    if plan:
        initial["rationale"] = plan.rationale
        initial.update({p.value: plan.statement(p.value) for p in Principle})
    data = request.POST if request.method == "POST" else None
    if data is not None and not can_edit:
        raise Http404
    form = forms.MethodForm(data, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.method_choose(
                project=project,
                by=request.user,
                method=form.cleaned_data["method"],
                rationale=form.cleaned_data["rationale"],
                statements=form.statements(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("協働方法を保存しました。"))
            warnings = advice.plan_warnings(
                method=form.cleaned_data["method"], rationale=form.cleaned_data["rationale"]
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("projects:method", pk=project.pk)
    from casebook.guide_content import METHOD_PART_LABELS, PRINCIPLES, method_guide

    language = _language()
    other = "en" if language == "ja" else "ja"
    guides = [
        {
            "value": choice.value,
            "label": choice.label,
            "parts": [
                {
                    "label": METHOD_PART_LABELS[part][language],
                    "text": text,
                    "other": method_guide(choice.value, other)[part],
                }
                for part, text in method_guide(choice.value, language).items()
            ],
        }
        for choice in Method
    ]
    shown_rationale = (
        form.data.get("rationale", "") if form.is_bound else initial.get("rationale", "")
    )
    proposal = getattr(project, "proposal", None) if project.origin == "npo_proposal" else None
    return _project_page(
        request,
        "projects/method.html",
        {
            "project": project,
            "form": form,
            "plan": plan,
            "can_edit": can_edit,
            "guides": guides,
            "other_language": other,
            "principles": [
                {
                    "value": p.value,
                    "label": p.label,
                    "field": form[p.value],
                    "guide": PRINCIPLES[p.value][language],
                    "statement": plan.statement(p.value) if plan else "",
                }
                for p in Principle
            ],
            "warnings": advice.plan_warnings(method=project.method, rationale=shown_rationale)
            if (project.method or shown_rationale)
            else [],
            "proposal": proposal,
            "stage_cases": selectors.stage_cases(Stage.METHOD, project.method),
        },
    )


# --- Agreement ---------------------------------------------------------------------------


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
def agreement(request, pk: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    project = facts.project
    version = selectors.agreement_version(project)
    context = _agreement_context(request, facts, version)
    context.update(
        versions=selectors.agreement_versions(project),
        can_edit=can_edit_agreement(request.user, facts)[0],
        gate_reasons=closed_gates(facts, Stage.IMPLEMENTATION)
        if project.stage == Stage.AGREEMENT
        else [],
        stage_cases=selectors.stage_cases(Stage.AGREEMENT, project.method),
    )
    return _project_page(request, "projects/agreement.html", context)


@login_required
def agreement_edit(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk, PROJECT_PAGE)
    _deny_unless(can_edit_agreement(request.user, project))
    version = selectors.agreement_version(project)
    revision = version.agreement.revision if version else 0
    data = request.POST if request.method == "POST" else None
    roles, costs, responsibilities = forms.agreement_formsets(data, version)
    meta = forms.AgreementRevisionForm(data, initial={"revision": revision})
    errors: list[str] = []
    if data is not None:
        valid = all(f.is_valid() for f in (meta, roles, costs, responsibilities))
        if valid:
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
                errors = error.messages
            else:
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
                return redirect("projects:agreement", pk=project.pk)
        else:
            errors = [_("入力内容に誤りがあります。各行の表示を確認してください。")]
    confirmed = bool(version and version.confirmations.all())
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
            "confirmed": confirmed,
        },
    )


@login_required
@require_POST
def agreement_confirm(request, pk: int, side: str):
    facts = get_facts_for_view_or_404(request.user, pk)
    project = facts.project
    if side not in ConfirmingSide.values:
        raise Http404
    _deny_unless(can_confirm_agreement(request.user, facts, side))
    form = forms.ConfirmForm(request.POST)
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
    return _project_page(request, "projects/agreement_version.html", context)


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


# --- Implementation record ---------------------------------------------------------------


@login_required
def notes(request, pk: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    project = facts.project
    allowed = can_add_note(request.user, facts)[0]
    data = request.POST if request.method == "POST" else None
    if data is not None and not allowed:
        raise Http404
    form = forms.NoteForm(data)
    if data is not None and form.is_valid():
        services.note_add(project=project, by=request.user, values=form.cleaned_data)
        messages.success(request, _("記録を追加しました。"))
        return redirect("projects:notes", pk=project.pk)
    page = Paginator(
        project.notes.select_related("author", "author_organization"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return _project_page(
        request,
        "projects/notes.html",
        {"project": project, "form": form, "page": page, "can_add": allowed},
    )
