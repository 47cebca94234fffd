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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo_portal.core.pdf import pdf_response
from kyodo_portal.core.web import service_call
from projects import advice, forms, selectors, services
from projects.choices import ConfirmingSide, Stage
from projects.facts import ProjectFacts
from projects.models import AgreementChangeRequest, AgreementVersion, MethodPlan
from projects.page_copies import cached_project_page
from projects.permissions import (
    can_comment_agreement,
    can_confirm_agreement,
    can_edit_agreement,
    can_request_agreement_change,
    check_project_view,
    get_facts_for_view_or_404,
    get_project_for_edit_or_404,
)
from projects.views.common import PROJECT_PAGE, deny_unless, refuse, render_project_page
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


def _agreement_page(request, facts: ProjectFacts, *, confirm_form=None, **posted):
    """The agreement page; ``posted`` carries a refused comment or change request back to its
    form (``comment_article``, ``comment_body``, ``comment_errors``, ``change_form``,
    ``change_errors``) so nothing typed is lost."""
    user, project = request.user, facts.project
    version = selectors.agreement_version(project)
    context = _agreement_context(request, facts, version)
    for side in context["sides"]:
        if confirm_form is not None and confirm_form.side == side["value"]:
            side["confirm_form"] = confirm_form  # in error: the tick was missing
    context.update(
        versions=selectors.agreement_versions(project),
        can_edit=can_edit_agreement(user, facts)[0],
        gate_reasons=closed_gates(facts, Stage.IMPLEMENTATION)
        if project.stage == Stage.AGREEMENT
        else [],
        stage_cases=selectors.stage_cases(Stage.AGREEMENT, project.method),
        change_requests=selectors.agreement_change_requests(project) if version else [],
        change_form=posted.pop("change_form", None) or forms.AgreementChangeRequestForm(),
        **posted,
    )
    if version is not None:
        context.update(
            threads=selectors.agreement_threads(version),
            can_comment=can_comment_agreement(user, facts)[0],
            can_request_change=can_request_agreement_change(user, facts)[0],
        )
    return render_project_page(request, "projects/agreement.html", context)


@login_required
def agreement(request, pk: int, *, confirm_form=None):
    if confirm_form is not None:  # re-shown with the form's errors: never a stored copy
        facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
        return _agreement_page(request, facts, confirm_form=confirm_form)
    return cached_project_page(
        request,
        pk,
        lambda: _agreement_page(request, get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)),
        check=lambda: check_project_view(request.user, pk),
    )


def _posted_version(request, facts: ProjectFacts) -> AgreementVersion:
    """The version the person read when writing (a later one may have replaced it since)."""
    number = request.POST.get("number", "")
    version = selectors.agreement_version(facts.project, int(number) if number.isdigit() else None)
    if version is None:
        raise Http404
    return version


def _form_messages(form) -> list[str]:
    return [message for field_messages in form.errors.values() for message in field_messages]


@login_required
@require_POST
def agreement_comment(request, pk: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    allowed, reason = can_comment_agreement(request.user, facts)
    if not allowed:
        return refuse(request, reason, facts.project)
    version = _posted_version(request, facts)
    form = forms.AgreementCommentForm(request.POST)
    if form.is_valid():
        done = service_call(
            request,
            lambda: services.agreement_comment_add(
                version=version, by=request.user, **form.cleaned_data
            ),
            success=_("コメントを書き込みました。"),
            redirect_to=lambda comment: (
                reverse("projects:agreement", args=[facts.project.pk])
                + f"#thread-{comment.article}"
            ),
            form=form,
            refused=lambda reason: refuse(request, reason, facts.project),
        )
        if done:
            return done
    else:
        # The article travels in a hidden field: only a forged one fails here.
        form.errors.clear()
        form.add_error(None, str(services.ARTICLE_UNKNOWN))
    return _agreement_page(
        request,
        facts,
        comment_article=request.POST.get("article", ""),
        comment_body=request.POST.get("body", ""),
        comment_errors=_form_messages(form),
    )


@login_required
@require_POST
def agreement_change_request(request, pk: int):
    facts = get_facts_for_view_or_404(request.user, pk, PROJECT_PAGE)
    allowed, reason = can_request_agreement_change(request.user, facts)
    if not allowed:
        return refuse(request, reason, facts.project)
    version = _posted_version(request, facts)
    form = forms.AgreementChangeRequestForm(request.POST)
    if form.is_valid():
        done = service_call(
            request,
            lambda: services.agreement_change_request(
                version=version, by=request.user, **form.cleaned_data
            ),
            success=_(
                "修正を依頼しました。担当課が協定案を直して新しい版を保存すると、"
                "この依頼はその版で対応済みになります。"
            ),
            redirect_to=reverse("projects:agreement", args=[facts.project.pk]) + "#history",
            form=form,
            refused=lambda reason: refuse(request, reason, facts.project),
        )
        if done:
            return done
    return _agreement_page(request, facts, change_form=form, change_errors=_form_messages(form))


@login_required
def agreement_edit(request, pk: int):
    project = get_project_for_edit_or_404(request.user, pk, PROJECT_PAGE)
    allowed, reason = can_edit_agreement(request.user, project)
    if not allowed:
        # Staff of the office see why (the stage has moved on), not a missing page.
        return refuse(request, reason, project)
    version = selectors.agreement_version(project)
    data = request.POST if request.method == "POST" else None
    lines = forms.agreement_formsets(data, version)
    meta = forms.AgreementRevisionForm(
        data, initial={"revision": version.agreement.revision if version else 0}
    )
    payment = forms.AgreementPaymentForm(
        data,
        initial={
            "payment_method": version.payment_method if version else "",
            "payment_schedule": version.payment_schedule if version else "",
        },
    )
    errors: list[str] = []
    if data is not None:
        errors = _save_draft(request, project, version, meta, payment, lines)
        if not errors:
            return redirect("projects:agreement", pk=project.pk)
    roles, costs, responsibilities = lines
    open_requests = (
        list(
            AgreementChangeRequest.objects.filter(
                version__agreement__project=project, settled_by_version__isnull=True
            ).select_related("requested_by", "organization")
        )
        if version
        else []
    )
    return render(
        request,
        "projects/agreement_form.html",
        {
            "project": project,
            "version": version,
            "meta": meta,
            "payment": payment,
            "open_requests": open_requests,
            "roles": roles,
            "costs": costs,
            "responsibilities": responsibilities,
            "errors": errors,
            "confirmed": bool(version and version.confirmations.all()),
            "discussed": bool(open_requests) or bool(version and version.comments.exists()),
        },
    )


def _save_draft(
    request, project, version: AgreementVersion | None, meta, payment, lines
) -> list[str]:
    """Save the submitted draft and say so; the errors to show instead, if any."""
    roles, costs, responsibilities = lines
    if not all(f.is_valid() for f in (meta, payment, roles, costs, responsibilities)):
        return [_("入力内容に誤りがあります。各行の表示を確認してください。")]
    try:
        saved = services.agreement_save(
            project=project,
            by=request.user,
            roles=roles.lines(),
            costs=costs.lines(),
            responsibilities=responsibilities.lines(),
            revision=meta.cleaned_data["revision"],
            payment_method=payment.cleaned_data["payment_method"],
            payment_schedule=payment.cleaned_data["payment_schedule"],
        )
    except ValidationError as error:
        return error.messages
    if version and saved.number != version.number:
        messages.info(
            request,
            _(
                "確認・コメント・修正依頼のあった版を変更したため、第%(number)s版として"
                "保存しました。前の版はそのまま残り、双方の確認はこの版でやり直しになります。"
            )
            % {"number": saved.number},
        )
        settled = saved.settled_requests.count()
        if settled:
            messages.info(
                request,
                _("修正依頼%(count)s件を、第%(number)s版で対応済みにしました。")
                % {"count": settled, "number": saved.number},
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
        # What was said about this text stays with it (read here; written on the main page).
        threads=selectors.agreement_threads(version),
    )
    return render_project_page(request, "projects/agreement_version.html", context)


def _document_context(request, pk: int, number: int | None = None) -> dict:
    """What the printed 協定書 and its PDF show: a version, with the partners who sign (the
    decided ones, else every one named)."""
    facts = get_facts_for_view_or_404(
        request.user,
        pk,
        PROJECT_PAGE.prefetch_related(
            Prefetch("project_partners", to_attr="all_partners"), "project_partners__organization"
        ),
    )
    project = facts.project
    version = selectors.agreement_version(project, number)
    if version is None:
        raise Http404
    context = _agreement_context(request, facts, version)
    context["partners"] = [
        p for p in project.all_partners if p.status == p.Status.PARTNER
    ] or project.all_partners
    return context


@login_required
def agreement_print(request, pk: int):
    """The 協定書案: a version laid out as a document, printed with print CSS."""
    number = request.GET.get("version", "")
    context = _document_context(request, pk, int(number) if number.isdigit() else None)
    context["plan"] = MethodPlan.objects.filter(project=context["project"]).first()
    return render(request, "projects/agreement_print.html", context)


@login_required
def agreement_pdf(request, pk: int):
    """The 協定書 as a PDF to file: 「協定書（案）」 with a watermark until both sides confirmed the
    current version, then 「協定書」 dated the day of the last confirmation."""
    context = _document_context(request, pk)
    confirmations = [side["confirmation"] for side in context["sides"]]
    concluded = all(confirmations)
    context.update(
        concluded=concluded,
        concluded_on=max(c.confirmed_at for c in confirmations) if concluded else None,
    )
    name = _("協定書") if concluded else _("協定書（案）")
    title, number = context["project"].title, context["version"].number
    return pdf_response(request, "pdf/agreement.html", context, f"{name}_{title}_第{number}版.pdf")
