"""The table of a proposal's lifecycle and the "when" of the actions on it."""

import pytest

from projects.choices import ProposalStatus as P
from projects.models import Proposal
from projects.proposal_workflow import PROPOSAL_WORKFLOW


def test_a_proposal_is_decided_once_and_only_after_submission():
    assert PROPOSAL_WORKFLOW.targets(Proposal(status=P.SUBMITTED)) == [P.ADOPTED, P.DECLINED]
    assert PROPOSAL_WORKFLOW.path(P.DRAFT, P.DECLINED) == [P.SUBMITTED, P.DECLINED]
    assert not PROPOSAL_WORKFLOW.can_move(P.DRAFT, P.ADOPTED)
    assert PROPOSAL_WORKFLOW.targets(Proposal(status=P.DECLINED)) == []


@pytest.mark.parametrize(
    ("action", "states"),
    [
        ("edit", {P.DRAFT}),
        ("consult", {P.SUBMITTED}),
        ("decide", {P.SUBMITTED}),
        ("attach", {P.DRAFT, P.SUBMITTED}),
    ],
)
def test_each_proposal_action_runs_in_its_statuses_only(action, states):
    for status in P:
        allowed, reason = PROPOSAL_WORKFLOW.allowed(Proposal(status=status), action)
        assert allowed == (status in states), (action, status)
        assert bool(reason) != allowed
