"""The lifecycle of an NPO's proposal (協働提案), a table in the one workflow engine.

下書き draft → 提出済み（事前協議中）submitted → 採択 adopted, or 不採択 declined (with a reason).

Only ``transition`` (called from the proposal services in ``projects.services``) writes the
status. Permissions ask ``allowed(proposal, action)`` for the "when" and decide the "who"
themselves; who may read a draft is a rule of visibility, not of the lifecycle, and stays there.
"""

from django.utils.translation import gettext_lazy as _

from kyodo_portal.core.workflow import Move, StateAction, Workflow
from projects.choices import ProposalStatus

# --- messages (re-exported by projects.permissions) -------------------------------------------
PROPOSAL_NOT_DRAFT = _("提出済みの提案は編集できません。")
PROPOSAL_NOT_SUBMITTED = _("事前協議中（提出済み）の提案ではありません。")
PROPOSAL_CLOSED = _("採択・不採択が決まった提案には、ファイルを追加できません。")


PROPOSAL_WORKFLOW = Workflow(
    name="proposal",
    field="status",
    moves=[
        Move(ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
        Move(ProposalStatus.SUBMITTED, ProposalStatus.ADOPTED),
        Move(ProposalStatus.SUBMITTED, ProposalStatus.DECLINED),
    ],
    actions={
        # Editing, submitting and removing files: the proposer's draft only.
        "edit": StateAction(frozenset({ProposalStatus.DRAFT}), PROPOSAL_NOT_DRAFT),
        # Consultation (事前協議) and the office's decision happen on a submitted proposal.
        "consult": StateAction(frozenset({ProposalStatus.SUBMITTED}), PROPOSAL_NOT_SUBMITTED),
        "decide": StateAction(frozenset({ProposalStatus.SUBMITTED}), PROPOSAL_NOT_SUBMITTED),
        # The proposer adds material while drafting and during consultation.
        "attach": StateAction(
            frozenset({ProposalStatus.DRAFT, ProposalStatus.SUBMITTED}), PROPOSAL_CLOSED
        ),
    },
)
