"""The project list, creating and editing a project, its own page, its stage moves and its
implementation record (実施の記録)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.errors import PermissionDenied
from kyodo_portal.core.person_pages import cached_person_page
from kyodo_portal.core.roles import Role
from partners.selectors import organization_ids_of, organizations_of
from projects import forms, selectors, services
from projects.choices import Stage
from projects.facts import ProjectFacts
from projects.models import Project
from projects.models.projects import ENDED_LABELS
from projects.page_copies import cached_project_page
from projects.permissions import (
    can_add_note,
    can_advance_project,
    can_continue_project,
    can_create_project,
    can_edit_project,
    can_list_projects,
    check_project_view,
    get_facts_for_view_or_404,
    get_project_for_edit_or_404,
    is_partner_member,
)
from projects.views.common import PAGE_SIZE, PROJECT_PAGE, deny_unless, posted, render_project_page
from projects.workflow import allowed_targets, closed_gates, is_backward, next_stage

# --- Lists -------------------------------------------------------------------------------


@login_required
def project_list(request):
    deny_unless(can_list_projects(request.user))
    return cached_person_page(
        request, selectors.project_list_generations(request.user), lambda: _project_list(request)
    )


def _project_list(request):
    form = forms.ProjectFilterForm(request.GET or None, user=request.user)
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


def _predecessors(user, keep: int | None = None):
    """A continuation follows a project that has run its course: the closed projects of one's
    offices (and the one already chosen, so that an older link does not block the form)."""
    closed = Q(owner_office_id__in=organization_ids_of(user, Role.STAFF), stage=Stage.CLOSED)
    return Project.objects.filter(closed | Q(pk=keep) if keep else closed).order_by(
        "-fiscal_year_start", "title"
    )


@login_required
def project_create(request):
    deny_unless(can_create_project(request.user))
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
        predecessors=_predecessors(request.user, keep=project.predecessor_id).exclude(
            pk=project.pk
        ),
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


@login_required
@require_POST
def project_continue(request, pk: int):
    """Create the continuation of a closed project and open it for editing."""
    project = get_project_for_edit_or_404(request.user, pk)
    try:
        successor = services.project_continue(project=project, by=request.user)
    except PermissionDenied as refused:
        messages.error(request, str(refused))
        return redirect(project)
    messages.success(
        request,
        _("継続事業を作成しました。年度と内容を確認してください。協働相手は、改めて選定します。"),
    )
    return redirect("projects:project_edit", pk=successor.pk)


# --- The project page --------------------------------------------------------------------


def _ending_labels(facts: ProjectFacts) -> tuple[str, str]:
    """The heading and button of the move that ends the project at suitability: one side acting
    alone is not a shelved project (見送り)."""
    decision = facts.suitability
    if decision is not None and decision.outcome in ENDED_LABELS:
        return str(ENDED_LABELS[decision.outcome]), _("協働では実施しないことで終える")
    return _("見送りとして終える"), _("見送りにする")


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
                "ending_labels": _ending_labels(facts) if target == Stage.ENDED else None,
                "reasons": [] if backward else reasons[target],
                "form": forms.BackForm(initial={"to": target})
                if backward
                else forms.AdvanceForm(initial={"to": target}),
            }
        )
    return moves


@login_required
def project_detail(request, pk: int):
    # One snapshot for the page when it is built: its checks, gates and panels share what they
    # read. A stored copy needs only the reading rule, on the project's light row.
    return cached_project_page(
        request,
        pk,
        lambda: _project_detail_page(request, selectors.project_page(request.user, pk)),
        check=lambda: check_project_view(request.user, pk),
    )


def _project_detail_page(request, facts):
    user = request.user
    # The gates are checked once for the page: the next-step summary and the buttons share them.
    upcoming = next_stage(facts.project)
    reasons = {upcoming: closed_gates(facts, upcoming)} if upcoming else {}
    context = selectors.project_overview(facts)
    context.update(
        moves=_moves(facts, reasons) if can_advance_project(user, facts)[0] else [],
        next_stage=upcoming,
        next_reasons=reasons.get(upcoming, []),
        can_edit=can_edit_project(user, facts)[0],
        can_continue=can_continue_project(user, facts)[0],
        can_add_note=can_add_note(user, facts)[0],
        is_partner=is_partner_member(user, facts),
        panels=selectors.project_panels(user, facts),
        Stage=Stage,
    )
    return render_project_page(request, "projects/project_detail.html", context)


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


# --- Implementation record ---------------------------------------------------------------


@login_required
def notes(request, pk: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    project = facts.project
    allowed = can_add_note(request.user, facts)[0]
    data = posted(request, allowed)
    form = forms.NoteForm(data)
    if data is not None and form.is_valid():
        services.note_add(project=project, by=request.user, values=form.cleaned_data)
        messages.success(request, _("記録を追加しました。"))
        return redirect("projects:notes", pk=project.pk)
    page = Paginator(
        project.notes.select_related("author", "author_organization"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render_project_page(
        request,
        "projects/notes.html",
        {"project": project, "form": form, "page": page, "can_add": allowed},
        work_of=Stage.IMPLEMENTATION,
    )
