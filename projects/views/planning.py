"""The planning pages: the suitability check (適否検討) with its hearings, and the choice of
collaboration method (協働方法の選択) with the handbook's guide beside it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projects import advice, forms, guides, selectors, services
from projects import suitability as questionnaire
from projects.choices import Origin, Principle, Stage, SuitabilityOutcome
from projects.models import Hearing, MethodPlan, Project
from projects.permissions import (
    can_edit_method,
    can_edit_project,
    can_edit_suitability,
    get_project_for_edit_or_404,
    get_project_for_view_or_404,
)
from projects.views.common import PROJECT_PAGE, page_language, posted, render_project_page


@login_required
def suitability(request, pk: int):
    project = get_project_for_view_or_404(request.user, pk, PROJECT_PAGE)
    can_edit = can_edit_suitability(request.user, project)[0]
    decision, stored = selectors.suitability_record(project)
    data = posted(request, can_edit)
    initial = forms.SuitabilityForm.initial_for(decision, stored)
    form = forms.SuitabilityForm(data, initial=initial, language=page_language())
    if data is not None and form.is_valid():
        try:
            services.suitability_save(project=project, by=request.user, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("適否検討を保存しました。"))
            return redirect("projects:suitability", pk=project.pk)
    context = _suitability_context(request.user, project, form, decision, stored)
    context["can_edit"] = can_edit
    return render_project_page(
        request, "projects/suitability.html", context, work_of=Stage.SUITABILITY
    )


def _suitability_context(user, project: Project, form, decision, stored: dict) -> dict:
    answers = (
        form.answers()
        if form.is_bound and form.is_valid()
        else {k: a.answer for k, a in stored.items()}
    )
    recommendation = questionnaire.recommend(answers)
    return {
        "project": project,
        "form": form,
        "decision": decision,
        "stored": stored,
        "viewpoints": _viewpoints_for_display(stored),
        "recommendation": recommendation,
        "because": [questionnaire.question_text(key) for key in recommendation.because]
        if recommendation
        else [],
        # Every answer that argues against collaboration, the deciding ones marked.
        "against": [
            {
                "text": questionnaire.question_text(key),
                "answer": questionnaire.answer_label(answers[key]),
                "deciding": key in recommendation.because,
            }
            for key in recommendation.against
        ]
        if recommendation
        else [],
        "npo_support_forms": questionnaire.npo_support_forms(page_language()),
        "unanswered": len(questionnaire.unanswered(answers)),
        "hearings": list(Hearing.objects.filter(project=project).select_related("recorded_by")),
        "hearing_form": forms.HearingForm(),
        "can_add_hearing": can_edit_project(user, project)[0],
        "stage_cases": selectors.stage_cases(Stage.SUITABILITY, project.method),
        "outcomes": SuitabilityOutcome,
    }


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
    data = posted(request, can_edit)
    form = forms.MethodForm(data, initial=forms.MethodForm.initial_for(project, plan))
    if data is not None and form.is_valid():
        try:
            services.method_choose(project=project, by=request.user, **form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("協働方法を保存しました。"))
            for warning in advice.plan_warnings(
                method=form.cleaned_data["method"], rationale=form.cleaned_data["rationale"]
            ):
                messages.warning(request, warning)
            return redirect("projects:method", pk=project.pk)
    context = _method_context(project, form, plan)
    context["can_edit"] = can_edit
    return render_project_page(request, "projects/method.html", context, work_of=Stage.METHOD)


def _method_context(project: Project, form, plan: MethodPlan | None) -> dict:
    language = page_language()
    shown_rationale = (
        form.data.get("rationale", "") if form.is_bound else form.initial.get("rationale", "")
    )
    return {
        "project": project,
        "form": form,
        "plan": plan,
        "guides": guides.method_guides(language),
        "other_language": "en" if language == "ja" else "ja",
        "principles": [
            {
                "value": p.value,
                "label": p.label,
                "field": form[p.value],
                "guide": guides.principle_guide(p.value, language),
                "statement": plan.statement(p.value) if plan else "",
            }
            for p in Principle
        ],
        "warnings": advice.plan_warnings(method=project.method, rationale=shown_rationale)
        if (project.method or shown_rationale)
        else [],
        "proposal": getattr(project, "proposal", None)
        if project.origin == Origin.NPO_PROPOSAL
        else None,
        "stage_cases": selectors.stage_cases(Stage.METHOD, project.method),
    }
