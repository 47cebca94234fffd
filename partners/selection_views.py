"""Pages of partner selection. Thin: fetch with access checked, validate, call one service,
redirect with a message. Refusals re-render the bound form so nothing typed is lost."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop
from django.views.decorators.http import require_POST

from kyodo_portal.roles import Role
from partners import permissions as perms
from partners import selection_services as services
from partners import selectors
from partners.forms import (
    ApplicationForm,
    AttachmentForm,
    CallForm,
    CommitteeAppointForm,
    ConflictForm,
    ConsentForm,
    CorrectionForm,
    CriterionFormSet,
    DecisionForm,
    DesignationForm,
    DirectorySearchForm,
    NewApplicationForm,
    ProposalConfirmForm,
    PublishCallForm,
    ScoreForm,
    criteria_initial,
)
from partners.models import Organization
from partners.services import PermissionDenied
from projects.models import Project, ProjectPartner
from selection.models import Application, Call, CommitteeMember, Designation, Score
from selection.scoring import METHOD_TEXT, TIE_RULE, compute_ranking, published_ranking

# A typical published set (DOMAIN_FACTS: 5–10 criteria with points); the office edits it freely.
DEFAULT_CRITERIA = [
    (noop("公益性"), noop("地域の課題の解決や公共の利益につながるか"), 20),
    (noop("実現性"), noop("計画・体制・経費が具体的で、確実に実施できるか"), 25),
    (noop("独自性・先駆性"), noop("NPOならではの発想や工夫があるか"), 15),
    (noop("協働による相乗効果"), noop("行政と協働することで、単独より高い効果が期待できるか"), 25),
    (noop("継続性・発展性"), noop("事業終了後も活動の継続・発展が見込めるか"), 15),
]


def default_criteria() -> list[dict]:
    return [
        {"name": _(name), "description": _(description), "weight": weight}
        for name, description, weight in DEFAULT_CRITERIA
    ]


def _errors(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def _refuse(request, error: Exception) -> None:
    for message in _errors(error):
        messages.error(request, message)


def _form_refuse(form, error: Exception) -> None:
    for message in _errors(error):
        form.add_error(None, message)


def _require(decision: tuple[bool, str]) -> None:
    """404 for a person who may not use the page at all (same as for a missing page)."""
    if not decision[0]:
        raise Http404


# --- NPO directory ---------------------------------------------------------------------------
@login_required
def directory(request):
    _require(perms.can_use_directory(request.user))
    form = DirectorySearchForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {
            "keywords": form.cleaned_data["q"],
            "field_ids": [f.pk for f in form.cleaned_data["fields"]],
            "area": form.cleaned_data["area"],
            "legal_forms": form.cleaned_data["legal_form"],
        }
    # Counted per organisation shown (a subquery on the page's rows), not by joining every
    # partnership of every matching NPO: that join grew with the number of projects.
    partnerships = (
        ProjectPartner.objects.filter(
            organization_id=OuterRef("pk"), status=ProjectPartner.Status.PARTNER
        )
        .order_by()
        .values("organization_id")
        .annotate(n=Count("project_id", distinct=True))
        .values("n")
    )
    results = selectors.directory_search(**filters).annotate(
        collaborations=Coalesce(Subquery(partnerships), 0)
    )
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partners/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


# --- selection for a project -----------------------------------------------------------------
def _proposers(project) -> list[Organization]:
    return [
        partner.organization
        for partner in ProjectPartner.objects.filter(
            project=project,
            status=ProjectPartner.Status.PROSPECTIVE,
            via=ProjectPartner.Via.PROPOSAL,
        ).select_related("organization")
    ]


def _get_project_for_selection(user, project_pk) -> Project:
    project = Project.objects.select_related("owner_office").filter(pk=project_pk).first()
    if project is None or not perms.can_view_selection(user, project)[0]:
        raise Http404
    return project


def _selection_page(request, project, designation_form=None, proposal_form=None, status=200):
    proposers = _proposers(project)
    can_designate, designate_reason = perms.can_designate_partner(request.user, project)
    can_create, create_reason = perms.can_create_call(request.user, project)
    return render(
        request,
        "partners/selection_start.html",
        {
            "project": project,
            "calls": Call.objects.filter(project=project).order_by("-created_at"),
            "designations": Designation.objects.filter(project=project).select_related(
                "organization"
            ),
            "can_create_call": can_create,
            "create_reason": create_reason,
            "can_designate": can_designate,
            "designate_reason": designate_reason,
            "designation_form": designation_form or DesignationForm(prefix="designate"),
            "proposers": proposers,
            "proposal_form": proposal_form
            or ProposalConfirmForm(proposers=proposers, prefix="proposal"),
        },
        status=status,
    )


@login_required
def selection_start(request, project_pk: int):
    project = _get_project_for_selection(request.user, project_pk)
    return _selection_page(request, project)


@login_required
@require_POST
def designate(request, project_pk: int):
    project = _get_project_for_selection(request.user, project_pk)
    form = DesignationForm(request.POST, prefix="designate")
    if form.is_valid():
        try:
            designation = services.designation_create(
                project=project,
                by=request.user,
                organization=form.cleaned_data["organization"],
                route=Designation.Route.DESIGNATED,
                justification=form.cleaned_data["justification"],
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            messages.success(
                request,
                _(
                    "特命による協働相手を決定し、理由を公表しました。事業は「分担合意」に進みました。"
                ),
            )
            return redirect(designation.get_public_url())
    return _selection_page(request, project, designation_form=form)


@login_required
@require_POST
def confirm_proposal(request, project_pk: int):
    project = _get_project_for_selection(request.user, project_pk)
    form = ProposalConfirmForm(request.POST, proposers=_proposers(project), prefix="proposal")
    if form.is_valid():
        try:
            designation = services.designation_create(
                project=project,
                by=request.user,
                organization=form.cleaned_data["organization"],
                route=Designation.Route.PROPOSAL,
                justification=form.cleaned_data["justification"],
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            messages.success(
                request, _("提案団体を協働相手に決定しました。事業は「分担合意」に進みました。")
            )
            return redirect(designation.get_public_url())
    return _selection_page(request, project, proposal_form=form)


# --- calls (the owner office) ----------------------------------------------------------------
@login_required
def call_list(request):
    _require(perms.can_list_calls(request.user))
    calls = selectors.calls_for_staff(request.user).annotate(
        submitted=Count("applications", filter=Q(applications__status=Application.Status.SUBMITTED))
    )
    return render(request, "partners/call_list.html", {"calls": calls})


def _call_form_page(request, template, context, form, formset, status=200):
    criteria = formset.cleaned_criteria() if formset.is_bound and formset.is_valid() else []
    if not criteria and not formset.is_bound:
        criteria = [f.initial for f in formset.forms if f.initial]
    total = form.cleaned_data.get("total_points") if form.is_bound and form.is_valid() else None
    warnings = services.legal_status_warnings(criteria, total or 100)
    return render(
        request,
        template,
        {**context, "form": form, "formset": formset, "legal_warnings": warnings},
        status=status,
    )


@login_required
def call_create(request, project_pk: int):
    project = _get_project_for_selection(request.user, project_pk)
    allowed, reason = perms.can_create_call(request.user, project)
    if not allowed:
        messages.error(request, reason)
        return redirect("partners:selection_start", project.pk)
    if request.method == "POST":
        form = CallForm(request.POST)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            try:
                call = services.call_create(
                    project=project,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.CALL_FIELDS},
                    criteria=formset.cleaned_criteria(),
                )
            except (PermissionDenied, ValidationError) as error:
                _form_refuse(form, error)
            else:
                messages.success(request, _("公募を下書きとして保存しました。"))
                return redirect(call.get_absolute_url())
    else:
        form = CallForm(
            initial={
                "title": _("%(title)s の協働相手の公募") % {"title": project.title},
                "purpose": project.purpose,
                "budget_cap": project.budget,
                "method": Call.Method.BOTH,
            }
        )
        formset = CriterionFormSet(prefix="criteria", initial=default_criteria())
    return _call_form_page(
        request, "partners/call_form.html", {"project": project, "call": None}, form, formset
    )


@login_required
def call_detail(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    user = request.user
    criteria = list(call.criteria.all())
    can_manage = perms.can_manage_call(user, call)[0]
    can_read_applications = can_manage or selectors.has_role(user, Role.MANAGER)
    applications = (
        list(
            call.applications.exclude(status=Application.Status.DRAFT)
            .select_related("organization")
            .order_by("submitted_at", "pk")
        )
        if can_read_applications
        else []
    )
    return render(
        request,
        "partners/call_detail.html",
        {
            "call": call,
            "criteria": criteria,
            "committee": list(call.committee.select_related("user")),
            "revisions": list(call.revisions.all()),
            "applications": applications,
            "draft_count": call.applications.filter(status=Application.Status.DRAFT).count(),
            "can_manage": can_manage,
            "can_edit": perms.can_edit_call(user, call)[0],
            "can_publish": perms.can_publish_call(user, call)[0],
            "can_correct": perms.can_correct_call(user, call)[0],
            "start_scoring": perms.can_start_scoring(user, call),
            "can_change_committee": perms.can_change_committee(user, call)[0],
            "can_view_ranking": perms.can_view_ranking(user, call)[0],
            "can_decide": perms.can_decide_call(user, call)[0],
            "can_publish_results": perms.can_publish_results(user, call)[0],
            "on_committee": perms.is_on_committee(user, call),
            "legal_warnings": services.legal_status_warnings(
                [c.__dict__ for c in criteria], call.total_points
            ),
            "publish_form": PublishCallForm(),
            "method_text": METHOD_TEXT % {"total": call.total_points},
            "tie_rule": TIE_RULE,
        },
    )


@login_required
def call_edit(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    allowed, reason = perms.can_edit_call(request.user, call)
    if not allowed:
        messages.error(request, reason)
        return redirect(call.get_absolute_url())
    if request.method == "POST":
        form = CallForm(request.POST, instance=call)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            try:
                services.call_update(
                    call=call,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.CALL_FIELDS},
                    criteria=formset.cleaned_criteria(),
                    version=form.cleaned_data["version"],
                )
            except (PermissionDenied, ValidationError) as error:
                _form_refuse(form, error)
            else:
                messages.success(request, _("公募の下書きを保存しました。"))
                return redirect(call.get_absolute_url())
    else:
        form = CallForm(instance=call, initial={"version": call.version})
        formset = CriterionFormSet(prefix="criteria", initial=criteria_initial(call))
    return _call_form_page(
        request,
        "partners/call_form.html",
        {"project": call.project, "call": call},
        form,
        formset,
    )


@login_required
@require_POST
def call_publish(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    form = PublishCallForm(request.POST)
    form.is_valid()
    try:
        services.call_publish(
            call=call,
            by=request.user,
            acknowledge_legal_status=form.cleaned_data.get("acknowledge_legal_status", False),
        )
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(
            request, _("公募を公表しました。選定基準と方法は、これ以降変更できません。")
        )
    return redirect(call.get_absolute_url())


@login_required
def call_correct(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    allowed, reason = perms.can_correct_call(request.user, call)
    if not allowed:
        messages.error(request, reason)
        return redirect(call.get_absolute_url())
    if request.method == "POST":
        form = CorrectionForm(request.POST, instance=call)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and formset.is_valid():
            try:
                revision = services.call_correct(
                    call=call,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.CALL_FIELDS},
                    criteria=formset.cleaned_criteria(),
                    notice=form.cleaned_data["notice"],
                    version=form.cleaned_data["version"],
                    acknowledge_legal_status=form.cleaned_data["acknowledge_legal_status"],
                )
            except (PermissionDenied, ValidationError) as error:
                _form_refuse(form, error)
            else:
                messages.success(
                    request,
                    _("訂正版（第%(number)s版）を公表しました。") % {"number": revision.number},
                )
                return redirect(call.get_absolute_url())
    else:
        form = CorrectionForm(instance=call, initial={"version": call.version})
        formset = CriterionFormSet(prefix="criteria", initial=criteria_initial(call))
    return _call_form_page(
        request,
        "partners/call_correct.html",
        {"project": call.project, "call": call},
        form,
        formset,
    )


@login_required
@require_POST
def call_start_scoring(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    try:
        services.call_start_scoring(call=call, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, _("応募の受付を終了し、審査を開始しました。"))
    return redirect(call.get_absolute_url())


@login_required
def committee(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    form = CommitteeAppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_appoint(
                call=call,
                by=request.user,
                user=form.cleaned_data["user"],
                category=form.cleaned_data["category"],
                is_chair=form.cleaned_data["is_chair"],
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            messages.success(request, _("選定委員を委嘱しました。"))
            return redirect("partners:committee", call.pk)
    return render(
        request,
        "partners/committee.html",
        {
            "call": call,
            "form": form,
            "members": list(call.committee.select_related("user")),
            "can_change": perms.can_change_committee(request.user, call)[0],
        },
    )


@login_required
@require_POST
def committee_remove(request, pk: int, member_pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    member = get_object_or_404(CommitteeMember, pk=member_pk, call=call)
    try:
        services.committee_remove(member=member, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, _("選定委員の委嘱を解除しました。"))
    return redirect("partners:committee", call.pk)


@login_required
def ranking(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    _require(perms.can_view_ranking(request.user, call))
    result = compute_ranking(call)
    return render(
        request,
        "partners/ranking.html",
        {
            "call": call,
            "ranking": result,
            "gaps": services.scoring_gaps(result),
            "can_decide": perms.can_decide_call(request.user, call)[0],
            "method_text": METHOD_TEXT % {"total": call.total_points},
            "tie_rule": TIE_RULE,
        },
    )


@login_required
def decide(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    allowed, reason = perms.can_decide_call(request.user, call)
    if not allowed:
        messages.error(request, reason)
        return redirect(call.get_absolute_url())
    result = compute_ranking(call)
    scored_rows = [row for row in result.rows if row.total is not None]
    form = DecisionForm(request.POST or None, rows=scored_rows)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["application"]
        application = None
        if chosen != DecisionForm.NONE:
            application = call.applications.filter(pk=chosen).first()
        try:
            services.call_decide(
                call=call,
                by=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                not_top_reason=form.cleaned_data["not_top_reason"],
                committee_summary=form.cleaned_data["committee_summary"],
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            if application is None:
                messages.success(request, _("「該当なし」として選定結果を記録しました。"))
            else:
                messages.success(
                    request,
                    _("%(org)sを協働相手に決定しました。事業は「分担合意」に進みました。")
                    % {"org": application.organization},
                )
            return redirect(call.get_absolute_url())
    return render(
        request,
        "partners/decide.html",
        {
            "call": call,
            "ranking": result,
            "gaps": services.scoring_gaps(result),
            "form": form,
        },
    )


@login_required
@require_POST
def call_publish_results(request, pk: int):
    call = perms.get_call_for_manage_or_404(request.user, pk)
    try:
        services.call_publish_results(call=call, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
        return redirect(call.get_absolute_url())
    messages.success(request, _("選定結果を公表しました。"))
    return redirect(call.get_public_url())


# --- applications (NPOs) ---------------------------------------------------------------------
@login_required
def my_applications(request):
    _require((bool(selectors.npos_of(request.user)), ""))
    applications = list(selectors.applications_of(request.user))
    applied = {(a.call_id, a.organization_id) for a in applications}
    npo_ids = {o.pk for o in selectors.npos_of(request.user)}
    calls = [
        call
        for call in selectors.open_calls()
        if any((call.pk, npo_id) not in applied for npo_id in npo_ids)
    ]
    return render(
        request,
        "partners/my_applications.html",
        {"applications": applications, "open_calls": calls},
    )


@login_required
def application_create(request, call_pk: int):
    call = perms.get_public_call_or_404(request.user, call_pk)
    allowed, reason = perms.can_apply_to_call(request.user, call)
    if not allowed:
        messages.error(request, reason)
        return redirect(call.get_public_url())
    organizations = selectors.npos_of(request.user)
    form = NewApplicationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                call=call,
                organization=form.cleaned_data["organization"],
                by=request.user,
                values={k: form.cleaned_data[k] for k in services.APPLICATION_FIELDS},
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            messages.success(
                request,
                _("応募を下書きとして保存しました。締切までに「提出する」を押してください。"),
            )
            return redirect(application.get_absolute_url())
    return render(
        request, "partners/application_form.html", {"call": call, "form": form, "application": None}
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
    user = request.user
    now = timezone.now()
    own_scores = None
    if perms.can_view_own_scores(user, application)[0]:
        own_scores = _own_scores(application)
    return render(
        request,
        "partners/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "attachments": list(application.attachments.all()),
            "is_applicant": perms.is_applicant_member(user, application),
            "edit": perms.can_edit_application(user, application, now),
            "can_withdraw": perms.can_withdraw_application(user, application, now)[0],
            "can_reopen": perms.can_reopen_application(user, application, now)[0],
            "can_score": perms.can_score_application(user, application)[0],
            "attachment_form": AttachmentForm(),
            "own_scores": own_scores,
        },
    )


@login_required
def application_edit(request, pk: int):
    application = perms.get_application_for_applicant_or_404(request.user, pk)
    allowed, reason = perms.can_edit_application(request.user, application)
    if not allowed:
        messages.error(request, reason)
        return redirect(application.get_absolute_url())
    if request.method == "POST":
        form = ApplicationForm(request.POST, instance=application)
        if form.is_valid():
            try:
                services.application_update(
                    application=application,
                    by=request.user,
                    values={k: form.cleaned_data[k] for k in services.APPLICATION_FIELDS},
                    version=form.cleaned_data["version"],
                )
            except (PermissionDenied, ValidationError) as error:
                _form_refuse(form, error)
            else:
                messages.success(request, _("応募の下書きを保存しました。"))
                return redirect(application.get_absolute_url())
    else:
        form = ApplicationForm(instance=application, initial={"version": application.version})
    return render(
        request,
        "partners/application_form.html",
        {"call": application.call, "form": form, "application": application},
    )


def _applicant_action(request, pk: int, service, success: str):
    application = perms.get_application_for_applicant_or_404(request.user, pk)
    try:
        service(application=application, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, success)
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_submit(request, pk: int):
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
    try:
        services.attachment_add(
            application=application, by=request.user, upload=form.cleaned_data["file"]
        )
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, _("ファイルを添付しました。"))
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def attachment_delete(request, pk: int):
    attachment = perms.get_attachment_for_download_or_404(request.user, pk)
    application = attachment.application
    if not perms.is_applicant_member(request.user, application):
        raise Http404
    try:
        services.attachment_delete(attachment=attachment, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        _refuse(request, error)
    else:
        messages.success(request, _("添付ファイルを削除しました。"))
    return redirect(application.get_absolute_url())


@login_required
def attachment_download(request, pk: int):
    """Files are never served from a public path: every download passes the same check as the
    application itself, and goes out as an attachment under its cleaned original name."""
    attachment = perms.get_attachment_for_download_or_404(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- committee (reviewers) -------------------------------------------------------------------
@login_required
def review_queue(request):
    _require(perms.can_review(request.user))
    seats = list(selectors.committee_seats_of(request.user))
    return render(
        request,
        "partners/review_queue.html",
        {"seats": seats, "queue": selectors.review_queue_items(request.user)},
    )


def _seat_or_404(user, call) -> CommitteeMember:
    member = CommitteeMember.objects.filter(call=call, user=user).first()
    if member is None:
        raise Http404
    return member


@login_required
def review_call(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    member = _seat_or_404(request.user, call)
    return render(
        request,
        "partners/review_call.html",
        {
            "call": call,
            "member": member,
            "criteria": list(call.criteria.all()),
            "sheet": selectors.review_sheet(request.user, call)
            if call.status != Call.Status.OPEN
            else [],
            "consent_form": ConsentForm(initial={"publish_name": member.publish_name}),
        },
    )


@login_required
@require_POST
def review_consent(request, pk: int):
    call = perms.get_call_for_view_or_404(request.user, pk)
    member = _seat_or_404(request.user, call)
    form = ConsentForm(request.POST)
    form.is_valid()
    services.committee_set_consent(
        member=member, by=request.user, publish_name=form.cleaned_data.get("publish_name", False)
    )
    messages.success(request, _("氏名の公表についての意向を保存しました。"))
    return redirect("partners:review_call", call.pk)


@login_required
def conflict_declare(request, pk: int):
    application = perms.get_application_for_committee_or_404(request.user, pk)
    declaration = perms.declaration_of(request.user, application)
    allowed, reason = perms.can_declare_conflict(request.user, application)
    if request.method == "POST" and not allowed:
        messages.error(request, reason)
        return redirect("partners:review_call", application.call_id)
    initial = {}
    if declaration is not None:
        initial = {"has_conflict": "yes" if declaration.has_conflict else "no"}
    form = ConflictForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(
                application=application,
                by=request.user,
                has_conflict=form.cleaned_data["has_conflict"],
                reason=form.cleaned_data["reason"],
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            if form.cleaned_data["has_conflict"]:
                messages.success(
                    request,
                    _("利害関係を申告しました。この応募の審査には加わりません。"),
                )
                return redirect("partners:review_call", application.call_id)
            messages.success(request, _("利害関係がないことを申告しました。採点に進めます。"))
            return redirect("partners:score", application.pk)
    return render(
        request,
        "partners/conflict_form.html",
        {
            "application": application,
            "call": application.call,
            "form": form,
            "declaration": declaration,
            "allowed": allowed,
            "reason": reason,
        },
    )


@login_required
def score(request, pk: int):
    application = perms.get_application_for_committee_or_404(request.user, pk)
    allowed, reason = perms.can_score_application(request.user, application)
    if not allowed:
        # Not declared yet → declare; conflicted → never shown; review over → the call page.
        messages.error(request, reason)
        if reason == str(perms.DECLARE_FIRST):
            return redirect("partners:conflict_declare", application.pk)
        return redirect("partners:review_call", application.call_id)
    call = application.call
    criteria = list(call.criteria.all())
    existing = {
        s.criterion_id: s
        for s in Score.objects.filter(application=application, reviewer=request.user)
    }
    form = ScoreForm(request.POST or None, call=call, criteria=criteria, initial_scores=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.scores_save(
                application=application, by=request.user, scores=form.score_inputs()
            )
        except (PermissionDenied, ValidationError) as error:
            _form_refuse(form, error)
        else:
            messages.success(
                request,
                _("%(org)sの採点を保存しました。") % {"org": application.organization},
            )
            return redirect("partners:review_call", call.pk)
    return render(
        request,
        "partners/score_form.html",
        {
            "application": application,
            "call": call,
            "form": form,
            "attachments": list(application.attachments.all()),
        },
    )


# --- public pages ----------------------------------------------------------------------------
def public_calls(request):
    calls = list(selectors.public_calls())
    now = timezone.now()
    return render(
        request,
        "partners/public_calls.html",
        {
            "open_calls": [
                c for c in calls if c.status == Call.Status.OPEN and c.application_deadline >= now
            ],
            "in_review": [
                c
                for c in calls
                if c.status in (Call.Status.SCORING, Call.Status.DECIDED)
                or (c.status == Call.Status.OPEN and c.application_deadline < now)
            ],
            "results": [c for c in calls if c.status == Call.Status.PUBLISHED],
            "designations": list(selectors.public_designations()[:50]),
        },
    )


def public_call_detail(request, pk: int):
    call = perms.get_public_call_or_404(request.user, pk)
    committee_members = list(call.committee.select_related("user"))
    composition: dict = {}
    for member in committee_members:
        composition.setdefault(member.get_category_display(), 0)
        composition[member.get_category_display()] += 1
    result = published_ranking(call) if call.results_are_public else None
    now = timezone.now()
    return render(
        request,
        "partners/public_call_detail.html",
        {
            "call": call,
            "criteria": list(call.criteria.all()),
            "revisions": list(call.revisions.all()),
            "composition": composition,
            "named_members": [m for m in committee_members if m.publish_name],
            "ranking": result,
            "method_text": METHOD_TEXT % {"total": call.total_points},
            "tie_rule": TIE_RULE,
            "accepting": call.status == Call.Status.OPEN and now <= call.application_deadline,
            "can_apply": perms.can_apply_to_call(request.user, call, now)[0],
        },
    )


def public_designation_detail(request, pk: int):
    designation = get_object_or_404(
        Designation.objects.select_related("project__owner_office", "organization"), pk=pk
    )
    return render(request, "partners/public_designation_detail.html", {"designation": designation})
