"""NPO proposals (協働提案): drafting, consultation, adoption into a project or decline, and
their attachments.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kyodo_portal.core.attachments import attachment_remove, attachment_store
from kyodo_portal.core.audit import audited
from kyodo_portal.core.errors import PermissionDenied, check
from kyodo_portal.core.fiscal import fiscal_year_of
from kyodo_portal.core.roles import Role
from partners.models import ActivityField, Organization
from partners.selectors import organization_ids_of
from projects import notices
from projects.choices import ConfirmingSide, Origin, ProposalStatus, Side, Stage
from projects.models import (
    Agreement,
    AgreementVersion,
    Project,
    ProjectEvent,
    ProjectPartner,
    Proposal,
    ProposalAttachment,
    ProposalComment,
    RoleLine,
)
from projects.permissions import (
    can_add_attachment,
    can_comment_proposal,
    can_create_proposal,
    can_decide_proposal,
    can_delete_attachment,
    can_edit_proposal,
)
from projects.proposal_workflow import PROPOSAL_WORKFLOW
from projects.services.base import (
    ADOPTED_NOTE,
    COMMENT_REQUIRED,
    DECLINE_REASON_REQUIRED,
    NOT_AN_OFFICE,
    NOT_YOUR_NPO,
    STALE_PROPOSAL,
    _check_version,
    event_note,
)

PROPOSAL_FIELDS = (
    "addressed_office",
    "title",
    "issue",
    "purpose",
    "idea",
    "beneficiaries",
    "expected_outcomes",
    "proposed_method",
    "government_roles",
    "npo_roles",
    "shared_roles",
    "rough_budget",
)


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
    notices.notify_proposal_submitted(proposal=proposal, by=by)
    return proposal


@transaction.atomic
@audited("project.proposal_comment")
def proposal_comment(*, proposal: Proposal, by, body: str) -> ProposalComment:
    check(can_comment_proposal(by, proposal))
    if not body.strip():
        raise ValidationError({"body": str(COMMENT_REQUIRED)})
    from projects.permissions import is_addressed_staff

    side = ConfirmingSide.GOVERNMENT if is_addressed_staff(by, proposal) else ConfirmingSide.NPO
    comment = ProposalComment.objects.create(proposal=proposal, author=by, side=side, body=body)
    notices.notify_proposal_commented(comment=comment, by=by)
    return comment


# Each proposal text of roles and the side its lines are written for in the agreement.
PROPOSED_ROLE_SIDES = (
    ("government_roles", Side.GOVERNMENT),
    ("npo_roles", Side.NPO),
    ("shared_roles", Side.JOINT),
)
# A task of a role line is at most this long (RoleLine.task); the proposal keeps the whole text.
_TASK_LENGTH = RoleLine._meta.get_field("task").max_length


def proposed_role_lines(proposal: Proposal) -> list[tuple[str, str]]:
    """(side, task) for every non-empty line of the proposal's three role texts, in order."""
    lines = []
    for name, side in PROPOSED_ROLE_SIDES:
        for raw in getattr(proposal, name).splitlines():
            task = raw.strip().lstrip("・-*●○■□").strip()
            if task:
                if len(task) > _TASK_LENGTH:
                    task = task[: _TASK_LENGTH - 1] + "…"
                lines.append((side, task))
    return lines


def _agreement_first_draft(project: Project, proposal: Proposal, by) -> None:
    """The proposed roles become the first draft of the agreement (第1版), for both sides to
    rework at the agreement stage; costs and responsibilities are agreed there."""
    lines = proposed_role_lines(proposal)
    if not lines:
        return
    agreement = Agreement.objects.create(project=project, revision=1)
    version = AgreementVersion.objects.create(
        agreement=agreement, number=agreement.current_number, created_by=by
    )
    RoleLine.objects.bulk_create(
        RoleLine(version=version, order=index, task=task, side=side)
        for index, (side, task) in enumerate(lines)
    )


@transaction.atomic
@audited("project.proposal_adopt")
def proposal_adopt(*, proposal: Proposal, by, comment: str = "") -> Project:
    """Adopt a proposal: a project at the suitability stage, owned by the addressed office,
    with the proposing NPO as the prospective partner and the proposal's content carried over
    field by field (purpose → purpose, idea → content, issue → background), its proposed roles
    becoming the first draft of the agreement."""
    proposal = _lock_proposal(proposal)
    check(can_decide_proposal(by, proposal))
    year = fiscal_year_of()
    project = Project.objects.create(
        title=proposal.title,
        background=proposal.issue,
        purpose=proposal.purpose,
        content=proposal.idea,
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
    _agreement_first_draft(project, proposal, by)
    # The timeline starts with the adoption: the project enters at suitability, not at draft.
    ProjectEvent.objects.create(
        project=project,
        actor=by,
        from_stage=Stage.DRAFT,
        to_stage=Stage.SUITABILITY,
        comment=comment.strip(),
        note=event_note(
            ADOPTED_NOTE, title=proposal.title, organization=proposal.organization.display_name
        ),
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
    notices.notify_proposal_adopted(proposal=proposal, project=project, by=by)
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
    notices.notify_proposal_declined(proposal=proposal, by=by)
    return proposal


@transaction.atomic
@audited("project.attachment_add")
def attachment_add(*, proposal: Proposal, by, upload) -> ProposalAttachment:
    check(can_add_attachment(by, proposal))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    return attachment_store(ProposalAttachment, parent=proposal, upload=upload, by=by)


@transaction.atomic
@audited("project.attachment_delete")
def attachment_delete(*, attachment: ProposalAttachment, by) -> None:
    check(can_delete_attachment(by, attachment))
    attachment_remove(attachment)
