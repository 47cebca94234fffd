"""Every state change of a collaboration project goes through here."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Organization
from partners.selectors import organization_ids_of
from projects import suitability as questionnaire
from projects import uploads
from projects.choices import (
    ConfirmingSide,
    Method,
    Origin,
    Principle,
    ProposalStatus,
    Stage,
    SuitabilityOutcome,
)
from projects.facts import project_facts
from projects.models import (
    Agreement,
    AgreementConfirmation,
    AgreementVersion,
    CostLine,
    Hearing,
    ImplementationNote,
    MethodPlan,
    Project,
    ProjectEvent,
    ProjectPartner,
    Proposal,
    ProposalAttachment,
    ProposalComment,
    ResponsibilityLine,
    RoleLine,
    Suitability,
    SuitabilityAnswer,
)
from projects.permissions import (
    can_add_attachment,
    can_add_note,
    can_advance_project,
    can_comment_proposal,
    can_confirm_agreement,
    can_create_project,
    can_create_proposal,
    can_decide_proposal,
    can_delete_attachment,
    can_edit_agreement,
    can_edit_method,
    can_edit_project,
    can_edit_proposal,
    can_edit_suitability,
    confirming_npo_ids,
    is_owner_staff,
)
from projects.proposal_workflow import PROPOSAL_WORKFLOW
from projects.workflow import (
    PROJECT_WORKFLOW,
    agreement_lines_complete,
    closed_gates,
    is_backward,
)

__all__ = [
    "GateClosed",
    "PermissionDenied",
    "StaleEdit",
    "agreement_confirm",
    "agreement_save",
    "attachment_add",
    "attachment_delete",
    "hearing_add",
    "method_choose",
    "note_add",
    "project_advance",
    "project_create",
    "project_set_partner",
    "project_update",
    "proposal_adopt",
    "proposal_comment",
    "proposal_create",
    "proposal_decline",
    "proposal_submit",
    "proposal_update",
    "suitability_save",
]

REASON_REQUIRED_TO_GO_BACK = _("前の段階に戻す理由を記入してください。")
STALE_PROJECT = _(
    "この事業は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_SUITABILITY = _(
    "適否検討は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_METHOD = _(
    "協働方法の選択は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
STALE_AGREEMENT = _(
    "協定案は、あなたが編集を始めた後に別の人が保存しました。上書きを防ぐため、この保存は受け付けませんでした。最新の協定案を開き直して、変更を反映してください。"
)
STALE_PROPOSAL = _(
    "この提案は、あなたが編集を始めた後に別の人が更新しました。最新の内容を確認してから、もう一度保存してください。"
)
CONFIRM_NOT_CURRENT = _(
    "確認しようとした版（第%(number)s版）は最新ではありません。最新の版を読んでから確認してください。"
)
ALREADY_CONFIRMED = _("この版はすでに確認済みです。")
NOT_YOUR_OFFICE = _("担当課には、あなたが所属する課を選んでください。")
NOT_YOUR_NPO = _("提案団体には、あなたが所属する団体を選んでください。")
NOT_AN_OFFICE = _("提案先には行政の担当課を選んでください。")
FISCAL_YEARS_REVERSED = _("終了年度は開始年度以降にしてください。")
DATES_REVERSED = _("事業終了日は事業開始日以降にしてください。")
OUTCOME_NEEDS_ANSWERS = _("すべての設問に回答してから、結論を選んでください。")
JUSTIFICATION_REQUIRED = _(
    "推奨される結論（%(recommended)s）と異なる結論を選ぶ場合は、その理由を記入してください。"
)
INVALID_ANSWER = _("回答は「はい」「いいえ」「わからない」から選んでください。")
INVALID_METHOD = _("協働方法を6つの中から選んでください。")
RATIONALE_REQUIRED = _("この協働方法を選ぶ理由を記入してください。")
PRINCIPLE_REQUIRED = _("「%(principle)s」をどう確保するかを記入してください。")
NEGATIVE_AMOUNT = _("金額は0円以上の整数で入力してください。")
COSTS_OVER_BUDGET = _(
    "費用の合計（%(total)s円）が事業の予算額（%(budget)s円）を超えています。費用分担を見直すか、先に予算額を修正してください。"
)
DECLINE_REASON_REQUIRED = _("不採択の理由を記入してください。提案団体に伝わります。")
COMMENT_REQUIRED = _("コメントを入力してください。")
ROLE_LINE_INCOMPLETE = _("役割分担の各行には、作業・役割と担当を記入してください。")
COST_LINE_INCOMPLETE = _("費用分担の各行には、費目・金額・負担を記入してください。")
RESPONSIBILITY_LINE_INCOMPLETE = _(
    "責任分担の各行には、事項・責任を負う側・内容を記入してください。"
)
ADOPTED_COMMENT = _("協働提案「%(title)s」（%(organization)s）を採択し、適否検討から始めます。")

PROJECT_FIELDS = (
    "title",
    "background",
    "purpose",
    "beneficiaries",
    "outcome_targets",
    "responsible_staff",
    "fiscal_year_start",
    "fiscal_year_end",
    "start_date",
    "end_date",
    "budget",
    "predecessor",
)
PROPOSAL_FIELDS = (
    "addressed_office",
    "title",
    "issue",
    "idea",
    "beneficiaries",
    "expected_outcomes",
    "proposed_method",
    "proposed_roles",
    "rough_budget",
)


class GateClosed(Exception):
    """A stage change refused by the workflow; ``reasons`` says what is missing."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class StaleEdit(ValidationError):
    """A save based on an older version of the record than the one now stored."""


def _check_version(current: int, submitted: int | None, message) -> None:
    if submitted is not None and int(submitted) != current:
        raise StaleEdit(str(message), code="stale")


# --- Projects ----------------------------------------------------------------------------


def _validate_project(project: Project) -> None:
    if project.fiscal_year_end < project.fiscal_year_start:
        raise ValidationError({"fiscal_year_end": str(FISCAL_YEARS_REVERSED)})
    if project.start_date and project.end_date and project.end_date < project.start_date:
        raise ValidationError({"end_date": str(DATES_REVERSED)})


@transaction.atomic
@audited("project.project_create")
def project_create(
    *,
    by,
    owner_office: Organization,
    values: dict,
    fields: Iterable[ActivityField] = (),
) -> Project:
    """A new project at the draft stage (構想), owned by one of the creator's offices."""
    check(can_create_project(by))
    if owner_office.pk not in organization_ids_of(by, Role.STAFF):
        raise PermissionDenied(str(NOT_YOUR_OFFICE))
    project = Project(owner_office=owner_office, created_by=by, origin=Origin.GOVERNMENT)
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name])
    if project.responsible_staff is None:
        project.responsible_staff = by
    _validate_project(project)
    project.save()
    project.fields.set(list(fields))
    return project


@transaction.atomic
@audited("project.project_update")
def project_update(
    *,
    project: Project,
    by,
    values: dict,
    fields: Iterable[ActivityField] | None = None,
    version: int | None = None,
) -> Project:
    """Change the project's basic information; refused if someone saved in between."""
    check(can_edit_project(by, project))
    project = Project.objects.select_for_update().get(pk=project.pk)
    _check_version(project.version, version, STALE_PROJECT)
    for name, value in values.items():
        if name not in PROJECT_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(project, name, value)
    _validate_project(project)
    project.version += 1
    project.save()
    if fields is not None:
        project.fields.set(list(fields))
    return project


@transaction.atomic
@audited("project.project_advance")
def project_advance(*, project: Project, to: str, by, comment: str = "") -> Project:
    """Move a project to another stage, if its gates are open, and record the event."""
    check(can_advance_project(by, project))
    original = project
    project = Project.objects.select_for_update().get(pk=project.pk)
    # The gates read a snapshot taken after the lock, never what the caller read before.
    facts = project_facts(project)
    backward = is_backward(project.stage, to)
    if backward and not comment.strip():
        raise GateClosed([str(REASON_REQUIRED_TO_GO_BACK)])
    if reasons := closed_gates(facts, to):
        raise GateClosed(reasons)
    ProjectEvent.objects.create(
        project=project,
        actor=by,
        from_stage=project.stage,
        to_stage=to,
        comment=comment,
        is_backward=backward,
    )
    if to == Stage.ENDED:
        # The suitability conclusion says why the project ends (government alone / NPO alone /
        # reconsider); the gate has checked it is not "collaborate".
        project.end_outcome = facts.suitability.outcome
    project.version += 1
    PROJECT_WORKFLOW.transition(project, to, facts=facts, also=("end_outcome", "version"))
    # The caller's object follows, so a service called next with it sees the new stage.
    original.stage, original.end_outcome = project.stage, project.end_outcome
    original.version, original.updated_at = project.version, project.updated_at
    return project


@transaction.atomic
@audited("project.project_set_partner")
def project_set_partner(
    *, project: Project, organization: Organization, by, via: str, comment: str = ""
) -> ProjectPartner:
    """Record the NPO chosen as the project's partner (by open call, designation or proposal)."""
    check(can_edit_project(by, project))
    if not organization.is_npo:
        raise ValueError("a partner must be an NPO")
    partner, _created = ProjectPartner.objects.update_or_create(
        project=project,
        organization=organization,
        defaults={"status": ProjectPartner.Status.PARTNER, "via": via},
    )
    return partner


# --- Suitability -------------------------------------------------------------------------


@transaction.atomic
@audited("project.suitability_save")
def suitability_save(
    *,
    project: Project,
    by,
    answers: dict[str, str],
    notes: dict[str, str] | None = None,
    outcome: str = "",
    justification: str = "",
    version: int | None = None,
) -> Suitability:
    """Record the answers and the conclusion. A conclusion other than the recommended one is
    accepted only with a justification, so the record says why the check was overridden."""
    check(can_edit_suitability(by, project))
    Project.objects.select_for_update().get(pk=project.pk)  # serialise concurrent saves
    decision = Suitability.objects.filter(project=project).first()
    _check_version(decision.version if decision else 0, version, STALE_SUITABILITY)
    notes = notes or {}
    for key, value in answers.items():
        if key not in questionnaire.QUESTIONS or value not in (*questionnaire.ANSWERS, ""):
            raise ValidationError(str(INVALID_ANSWER))
    recommendation = questionnaire.recommend(answers)
    if outcome:
        if outcome not in SuitabilityOutcome.values:
            raise ValidationError(str(INVALID_ANSWER))
        if recommendation is None:
            raise ValidationError({"outcome": str(OUTCOME_NEEDS_ANSWERS)})
        if outcome != recommendation.outcome and not justification.strip():
            raise ValidationError(
                {
                    "justification": str(JUSTIFICATION_REQUIRED)
                    % {"recommended": recommendation.outcome_label}
                }
            )
    for key in questionnaire.QUESTION_KEYS:
        SuitabilityAnswer.objects.update_or_create(
            project=project,
            question=key,
            defaults={"answer": answers.get(key, ""), "note": notes.get(key, "")},
        )
    if decision is None:
        decision = Suitability(project=project, version=0)
    decision.recommended_outcome = recommendation.outcome if recommendation else ""
    decision.outcome = outcome
    decision.justification = justification
    decision.decided_by = by
    decision.version += 1
    decision.save()
    return decision


@transaction.atomic
@audited("project.hearing_add")
def hearing_add(*, project: Project, by, whom: str, held_on, summary: str) -> Hearing:
    """Record whose views were heard (意見聴取), when, and what they said."""
    check(can_edit_project(by, project))
    hearing = Hearing(project=project, whom=whom, held_on=held_on, summary=summary, recorded_by=by)
    hearing.full_clean()
    hearing.save()
    return hearing


# --- Method choice -----------------------------------------------------------------------


@transaction.atomic
@audited("project.method_choose")
def method_choose(
    *,
    project: Project,
    by,
    method: str,
    rationale: str,
    statements: dict[str, str],
    version: int | None = None,
) -> MethodPlan:
    """Choose one of the six methods, say why, and how each principle will be assured."""
    check(can_edit_method(by, project))
    locked = Project.objects.select_for_update().get(pk=project.pk)
    plan = MethodPlan.objects.filter(project=project).first()
    _check_version(plan.version if plan else 0, version, STALE_METHOD)
    errors: dict[str, list[str]] = {}
    if method not in Method.values:
        errors["method"] = [str(INVALID_METHOD)]
    if not rationale.strip():
        errors["rationale"] = [str(RATIONALE_REQUIRED)]
    for principle in Principle:
        if not statements.get(principle.value, "").strip():
            errors[principle.value] = [str(PRINCIPLE_REQUIRED) % {"principle": principle.label}]
    if errors:
        raise ValidationError(errors)
    if plan is None:
        plan = MethodPlan(project=project, version=0)
    plan.rationale = rationale
    for principle in Principle:
        setattr(plan, principle.value, statements[principle.value])
    plan.updated_by = by
    plan.version += 1
    plan.save()
    # Only the method column: a concurrent edit of the basics must not be reported stale.
    locked.method = method
    locked.save(update_fields=["method", "updated_at"])
    project.method = method
    return plan


# --- Agreement ---------------------------------------------------------------------------


def _line_tuple(kind: str, line) -> tuple:
    get = line.get if isinstance(line, dict) else lambda name, default=None: getattr(line, name)
    if kind == "role":
        return (get("task"), get("side"), get("deliverable") or "", get("due_date"))
    if kind == "cost":
        return (
            get("item"),
            get("category"),
            int(get("amount") or 0),
            get("borne_by"),
            get("note") or "",
        )
    return (get("topic"), get("side"), get("text"))


def _validate_lines(project: Project, roles, costs, responsibilities) -> None:
    errors: list[str] = []
    if any(not line.get("task") or not line.get("side") for line in roles):
        errors.append(str(ROLE_LINE_INCOMPLETE))
    for line in costs:
        amount = line.get("amount")
        if not line.get("item") or amount in (None, "") or not line.get("borne_by"):
            errors.append(str(COST_LINE_INCOMPLETE))
            break
        if not isinstance(amount, int) or amount < 0:
            errors.append(str(NEGATIVE_AMOUNT))
            break
    if any(
        not line.get("topic") or not line.get("side") or not line.get("text")
        for line in responsibilities
    ):
        errors.append(str(RESPONSIBILITY_LINE_INCOMPLETE))
    if not errors and project.budget is not None:
        total = sum(line["amount"] for line in costs)
        if total > project.budget:
            errors.append(
                str(COSTS_OVER_BUDGET) % {"total": f"{total:,}", "budget": f"{project.budget:,}"}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
@audited("project.agreement_save")
def agreement_save(
    *,
    project: Project,
    by,
    roles: list[dict],
    costs: list[dict],
    responsibilities: list[dict],
    revision: int | None,
) -> AgreementVersion:
    """Save the agreement draft (役割分担・費用分担・責任分担).

    Edits to a version nobody has confirmed change it in place. Once either side has confirmed
    the current version, an edit creates the next version, and the confirmations stay with the
    version they were given for (対話と合意: both must confirm the same text again). A save
    based on an older revision than the stored one is refused rather than overwriting it.
    """
    check(can_edit_agreement(by, project))
    agreement, _created = Agreement.objects.get_or_create(project=project)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _check_version(agreement.revision, revision, STALE_AGREEMENT)
    _validate_lines(project, roles, costs, responsibilities)

    current = AgreementVersion.objects.filter(
        agreement=agreement, number=agreement.current_number
    ).first()
    if current is not None:
        unchanged = (
            [_line_tuple("role", line) for line in current.roles.all()]
            == [_line_tuple("role", line) for line in roles]
            and [_line_tuple("cost", line) for line in current.costs.all()]
            == [_line_tuple("cost", line) for line in costs]
            and [_line_tuple("resp", line) for line in current.responsibilities.all()]
            == [_line_tuple("resp", line) for line in responsibilities]
        )
        if unchanged:
            return current
        if current.confirmations.exists():
            agreement.current_number += 1
            current = None
        else:
            current.roles.all().delete()
            current.costs.all().delete()
            current.responsibilities.all().delete()
            current.save(update_fields=["updated_at"])
    if current is None:
        current = AgreementVersion.objects.create(
            agreement=agreement, number=agreement.current_number, created_by=by
        )
    RoleLine.objects.bulk_create(
        RoleLine(
            version=current,
            order=index,
            task=line["task"],
            side=line["side"],
            deliverable=line.get("deliverable") or "",
            due_date=line.get("due_date"),
        )
        for index, line in enumerate(roles)
    )
    CostLine.objects.bulk_create(
        CostLine(
            version=current,
            order=index,
            item=line["item"],
            category=line["category"],
            amount=line["amount"],
            borne_by=line["borne_by"],
            note=line.get("note") or "",
        )
        for index, line in enumerate(costs)
    )
    ResponsibilityLine.objects.bulk_create(
        ResponsibilityLine(
            version=current,
            order=index,
            topic=line["topic"],
            side=line["side"],
            text=line["text"],
        )
        for index, line in enumerate(responsibilities)
    )
    agreement.revision += 1
    agreement.save()
    return current


@transaction.atomic
@audited("project.agreement_confirm")
def agreement_confirm(*, project: Project, by, side: str, number: int) -> AgreementConfirmation:
    """One side confirms the version it has read. Refused if that version is no longer the
    current one, so nobody confirms text that has since changed."""
    facts = project_facts(project)
    check(can_confirm_agreement(by, facts, side))
    agreement = Agreement.objects.select_for_update().filter(project=project).first()
    if agreement is None or int(number) != agreement.current_number:
        raise StaleEdit(str(CONFIRM_NOT_CURRENT) % {"number": number}, code="stale")
    # The snapshot reads the agreement only now, after the lock.
    if reason := agreement_lines_complete(facts):
        raise ValidationError(reason)
    version = AgreementVersion.objects.get(agreement=agreement, number=agreement.current_number)
    if version.confirmations.filter(side=side).exists():
        raise ValidationError(str(ALREADY_CONFIRMED))
    if side == ConfirmingSide.GOVERNMENT:
        organization_id = project.owner_office_id
    else:
        organization_id = min(confirming_npo_ids(by, facts))
    confirmation = AgreementConfirmation.objects.create(
        version=version, side=side, organization_id=organization_id, confirmed_by=by
    )
    return confirmation


# --- Implementation record ---------------------------------------------------------------


@transaction.atomic
@audited("project.note_add")
def note_add(*, project: Project, by, values: dict) -> ImplementationNote:
    """A progress note or meeting record, written by either side and read by both."""
    facts = project_facts(project)
    check(can_add_note(by, facts))
    if is_owner_staff(by, facts):
        organization_id = project.owner_office_id
    else:
        organization_id = min(organization_ids_of(by, Role.NPO) & facts.active_partner_ids)
    note = ImplementationNote(
        project=project, author=by, author_organization_id=organization_id, **values
    )
    note.full_clean()
    note.save()
    return note


# --- Proposals ---------------------------------------------------------------------------


def _lock_proposal(proposal: Proposal) -> Proposal:
    """Lock the row and bring the caller's object up to date, so decisions see the stored state
    and the caller's object reflects the change afterwards."""
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    proposal.refresh_from_db()
    return proposal


def _check_addressed_office(office: Organization) -> None:
    if not office.is_government:
        raise ValidationError({"addressed_office": str(NOT_AN_OFFICE)})


@transaction.atomic
@audited("project.proposal_create")
def proposal_create(
    *,
    by,
    organization: Organization,
    values: dict,
    fields: Iterable[ActivityField] = (),
) -> Proposal:
    """A draft proposal of the person's NPO; nobody else sees it until it is submitted."""
    check(can_create_proposal(by))
    if organization.pk not in organization_ids_of(by, Role.NPO):
        raise PermissionDenied(str(NOT_YOUR_NPO))
    proposal = Proposal(organization=organization, created_by=by)
    for name in PROPOSAL_FIELDS:
        if name in values:
            setattr(proposal, name, values[name])
    _check_addressed_office(proposal.addressed_office)
    proposal.save()
    proposal.fields.set(list(fields))
    return proposal


@transaction.atomic
@audited("project.proposal_update")
def proposal_update(
    *,
    proposal: Proposal,
    by,
    values: dict,
    fields: Iterable[ActivityField] | None = None,
    version: int | None = None,
) -> Proposal:
    check(can_edit_proposal(by, proposal))
    proposal = _lock_proposal(proposal)
    check(can_edit_proposal(by, proposal))
    _check_version(proposal.version, version, STALE_PROPOSAL)
    for name, value in values.items():
        if name not in PROPOSAL_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(proposal, name, value)
    _check_addressed_office(proposal.addressed_office)
    proposal.version += 1
    proposal.save()
    if fields is not None:
        proposal.fields.set(list(fields))
    return proposal


@transaction.atomic
@audited("project.proposal_submit")
def proposal_submit(*, proposal: Proposal, by) -> Proposal:
    """Send the draft to the addressed office; consultation (事前協議) starts."""
    proposal = _lock_proposal(proposal)
    check(can_edit_proposal(by, proposal))
    proposal.full_clean()
    proposal.submitted_at = timezone.now()
    proposal.version += 1
    PROPOSAL_WORKFLOW.transition(
        proposal, ProposalStatus.SUBMITTED, also=["submitted_at", "version"]
    )
    return proposal


@transaction.atomic
@audited("project.proposal_comment")
def proposal_comment(*, proposal: Proposal, by, body: str) -> ProposalComment:
    check(can_comment_proposal(by, proposal))
    if not body.strip():
        raise ValidationError({"body": str(COMMENT_REQUIRED)})
    from projects.permissions import is_addressed_staff

    side = ConfirmingSide.GOVERNMENT if is_addressed_staff(by, proposal) else ConfirmingSide.NPO
    return ProposalComment.objects.create(proposal=proposal, author=by, side=side, body=body)


@transaction.atomic
@audited("project.proposal_adopt")
def proposal_adopt(*, proposal: Proposal, by, comment: str = "") -> Project:
    """Adopt a proposal: a project at the suitability stage, owned by the addressed office,
    with the proposing NPO as the prospective partner and the proposal's content carried over."""
    proposal = _lock_proposal(proposal)
    check(can_decide_proposal(by, proposal))
    year = fiscal_year_of()
    project = Project.objects.create(
        title=proposal.title,
        background=proposal.issue,
        purpose=proposal.idea,
        beneficiaries=proposal.beneficiaries,
        outcome_targets=proposal.expected_outcomes,
        owner_office_id=proposal.addressed_office_id,
        responsible_staff=by,
        fiscal_year_start=year,
        fiscal_year_end=year,
        budget=proposal.rough_budget,
        origin=Origin.NPO_PROPOSAL,
        stage=Stage.SUITABILITY,
        created_by=by,
    )
    project.fields.set(list(proposal.fields.all()))
    ProjectPartner.objects.create(
        project=project,
        organization_id=proposal.organization_id,
        status=ProjectPartner.Status.PROSPECTIVE,
        via=ProjectPartner.Via.PROPOSAL,
    )
    adopted = str(ADOPTED_COMMENT) % {
        "title": proposal.title,
        "organization": proposal.organization.display_name,
    }
    # The timeline starts with the adoption: the project enters at suitability, not at draft.
    ProjectEvent.objects.create(
        project=project,
        actor=by,
        from_stage=Stage.DRAFT,
        to_stage=Stage.SUITABILITY,
        comment=f"{adopted}\n{comment}".strip(),
    )
    proposal.project = project
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.version += 1
    PROPOSAL_WORKFLOW.transition(
        proposal,
        ProposalStatus.ADOPTED,
        also=["project", "decided_by", "decided_at", "version"],
    )
    return project


@transaction.atomic
@audited("project.proposal_decline")
def proposal_decline(*, proposal: Proposal, by, reason: str) -> Proposal:
    """Decline with a reason the NPO reads on its proposal."""
    proposal = _lock_proposal(proposal)
    check(can_decide_proposal(by, proposal))
    if not reason.strip():
        raise ValidationError({"reason": str(DECLINE_REASON_REQUIRED)})
    proposal.decline_reason = reason
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.version += 1
    PROPOSAL_WORKFLOW.transition(
        proposal,
        ProposalStatus.DECLINED,
        also=["decline_reason", "decided_by", "decided_at", "version"],
    )
    return proposal


@transaction.atomic
@audited("project.attachment_add")
def attachment_add(*, proposal: Proposal, by, upload) -> ProposalAttachment:
    """Store a checked file under MEDIA_ROOT with a random name (the original is kept apart)."""
    check(can_add_attachment(by, proposal))
    if proposal.attachments.count() >= uploads.MAX_ATTACHMENTS_PER_PROPOSAL:
        raise ValidationError(str(uploads.TOO_MANY_FILES))
    name, content_type = uploads.check_upload(upload)
    attachment = ProposalAttachment(
        proposal=proposal,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    # A random stored name: the uploader's name never reaches the file system.
    attachment.file.save(f"{uuid.uuid4().hex}{os.path.splitext(name)[1]}", upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
@audited("project.attachment_delete")
def attachment_delete(*, attachment: ProposalAttachment, by) -> None:
    check(can_delete_attachment(by, attachment))
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))
