"""What the project pages share: the row they read, the stage bar, and how they refuse."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from projects.choices import STAGE_ORDER, Stage
from projects.facts import facts_of
from projects.forms import AdvanceForm
from projects.models import Project
from projects.permissions import can_advance_project
from projects.workflow import closed_gates, next_stage

PAGE_SIZE = 25

# What the project pages show of related rows (each further join costs about half a millisecond).
PROJECT_PAGE = Project.objects.select_related("owner_office", "responsible_staff")


def render_project_page(request, template: str, context: dict, *, work_of: str | None = None):
    """Render a page of one project; every such page shows the stage bar. ``work_of`` names the
    stage whose work the page holds: once that work lets the project move on, the page offers
    the move itself, so the person who has just finished need not look for it elsewhere."""
    context.setdefault("stage_bar", stage_bar(context["project"]))
    if work_of is not None:
        context["forward"] = forward_move(request.user, context["project"], work_of)
    return render(request, template, context)


def forward_move(user, project: Project, work_of: str) -> dict | None:
    """The move to the next stage when the project is at ``work_of``, the person may move it
    and no gate is closed; None otherwise (the project page explains what is missing)."""
    upcoming = next_stage(project)
    if project.stage != work_of or upcoming is None:
        return None
    facts = facts_of(project)
    if not can_advance_project(user, facts)[0] or closed_gates(facts, upcoming):
        return None
    return {
        "to": upcoming,
        "label": Stage(upcoming).label,
        "form": AdvanceForm(initial={"to": upcoming}),
    }


def deny_unless(decision) -> None:
    """A refused action on a page the person may see is a 404 too: nothing to tell outsiders,
    and insiders never see the button."""
    if not decision[0]:
        raise Http404


def refuse(request, reason: str, project: Project | None = None, status: int = 403):
    """A refusal the person is entitled to understand (they can see the project, but the
    action is closed to them, say because its stage has passed): the reason, and a way back."""
    return render(
        request, "projects/refused.html", {"reason": reason, "project": project}, status=status
    )


def posted(request, allowed: bool):
    """The submitted data of a page that is also a form, or None when only read; a submission by
    someone who may not edit is refused like any other forbidden action."""
    if request.method != "POST":
        return None
    if not allowed:
        raise Http404
    return request.POST


def page_language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def stage_bar(project: Project) -> list[dict]:
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
        bar.append(
            {"value": Stage.ENDED.value, "label": project.get_stage_display(), "state": "current"}
        )
    return bar
